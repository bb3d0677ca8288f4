package app

// MembersPage returns one page of the program's members, filtered by the query
// (coordinators and admins).
func (s *Enrollments) MembersPage(actorID, programID string, q MemberQuery) (*MemberPage, error) {
	return nil, errNotBuilt
}

// Relist rewrites the user's entries in the rosters of every program they are
// in, after their profile changed (matching reads profiles from the roster).
func (s *Enrollments) Relist(userID string) error {
	return errNotBuilt
}

// Vocabulary fields.
const (
	VocabularySkills    = "skills"
	VocabularyInterests = "interests"
	VocabularyLanguages = "languages"
)

// Vocabulary returns up to limit terms the program's members use for field
// (skills offered and wanted, interests or languages), most used first, that
// start with prefix (normalized as the engine does). Any member of the program
// may ask: it helps them write a profile others will match.
func (s *Enrollments) Vocabulary(actorID, programID, field, prefix string, limit int) ([]string, error) {
	return nil, errNotBuilt
}
