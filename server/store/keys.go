package store

import (
	"fmt"
	"hash/fnv"
)

// Every key the plugin writes is built here. The leading "v1/" is the key-space
// version: a future incompatible layout gets a new prefix and a migration.
const keyPrefix = "v1/"

const schemaVersionKey = keyPrefix + "schema_version"

// migrationMutexKey names the cluster mutex that serializes migrations across nodes.
const migrationMutexKey = keyPrefix + "migration_lock"

// catalogKey holds every program of one team in one document (schema 2). A team
// has tens of programs, not thousands, so a listing is one read and a rename, an
// archive or a coordinator change is one compare-and-set that also keeps the
// name handles unique.
func catalogKey(teamID string) string { return keyPrefix + "catalog/" + teamID }

// programTeamKey points from a program id to its team's catalog (schema 2). It
// is written before the catalog entry and never changes; a pointer whose program
// is not in the catalog belongs to a create that never finished and means "no
// such program".
func programTeamKey(programID string) string { return keyPrefix + "program_team/" + programID }

// membershipsKey holds one user's enrollments in every program (schema 2): the
// authoritative record of an enrollment. It grows with the programs a user is in,
// never with the size of a program.
func membershipsKey(userID string) string { return keyPrefix + "memberships/" + userID }

// memberShards is how many documents a program's member index is spread over,
// so that a join rewrites a sixteenth of the index and contends with a
// sixteenth of the other joins.
const memberShards = 16

// memberShardKey holds the ids of some of a program's members (schema 2): a
// superset index, see kv.go.
func memberShardKey(programID string, shard int) string {
	return fmt.Sprintf("%smembers/%s/%02d", keyPrefix, programID, shard)
}

func memberShardOf(userID string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(userID))
	return int(h.Sum32() % memberShards)
}

// Schema 1 keys, read only by the migration to schema 2 and left in place.
const (
	legacyTeamProgramsPrefix = keyPrefix + "team_programs/"
	legacyProgramPrefix      = keyPrefix + "program/"
	legacyRosterPrefix       = keyPrefix + "roster/"
)

// MigrationMutexKey is exported for the plugin, which owns the cluster mutex.
func MigrationMutexKey() string { return migrationMutexKey }
