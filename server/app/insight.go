package app

// Insight is the coordinators' view of a program's health.
type Insight struct{ base }

func newInsight(b base) *Insight { return &Insight{base: b} }

// InsightNotifier sends the at-risk nudges and the weekly digest.
type InsightNotifier interface{}

// DueKinds are the kinds of due work Insight handles.
func (s *Insight) DueKinds() []string { return nil }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Insight) HandleDue(kind, payload string) error { return nil }

// Summary computes a program's insight without a permission check (the
// digest's use); the REST route and the command check the reader first.
func (s *Insight) Summary(programID string) (*InsightView, error) { return &InsightView{ProgramID: programID}, nil }
