package store

// Every key the plugin writes is built here. The leading "v1/" is the key-space
// version: a future incompatible layout gets a new prefix and a migration.
const keyPrefix = "v1/"

const schemaVersionKey = keyPrefix + "schema_version"

// migrationMutexKey names the cluster mutex that serializes migrations across nodes.
const migrationMutexKey = keyPrefix + "migration_lock"

func programKey(programID string) string { return keyPrefix + "program/" + programID }

// teamProgramsKey holds the index of a team's programs (ids and name slugs).
func teamProgramsKey(teamID string) string { return keyPrefix + "team_programs/" + teamID }

// rosterKey holds every enrollment of one program in one document, so a members
// screen is one read and a join is one compare-and-set.
func rosterKey(programID string) string { return keyPrefix + "roster/" + programID }

// userProgramsKey holds the index of the programs a user is enrolled in.
func userProgramsKey(userID string) string { return keyPrefix + "user_programs/" + userID }

// MigrationMutexKey is exported for the plugin, which owns the cluster mutex.
func MigrationMutexKey() string { return migrationMutexKey }
