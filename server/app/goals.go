package app

// Goals are the goals of matches (goals.go, owned by the goals work).
type Goals struct{ base }

func newGoals(b base) *Goals { return &Goals{base: b} }

// GoalNotifier posts goal cards and the pinned summary in the pair's channel.
type GoalNotifier interface{}

// DueKinds are the kinds of due work Goals handles.
func (s *Goals) DueKinds() []string { return nil }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Goals) HandleDue(kind, payload string) error { return nil }
