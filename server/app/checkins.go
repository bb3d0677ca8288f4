package app

// CheckIns are the periodic "how is it going?" prompts of matches.
type CheckIns struct{ base }

func newCheckIns(b base) *CheckIns { return &CheckIns{base: b} }

// CheckInNotifier sends check-in prompts and the coordinators' alerts.
type CheckInNotifier interface{}

// DueKinds are the kinds of due work CheckIns handles.
func (s *CheckIns) DueKinds() []string { return nil }

// HandleDue runs one due item of a kind in DueKinds.
func (s *CheckIns) HandleDue(kind, payload string) error { return nil }
