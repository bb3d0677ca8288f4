package app

// Feedback lists a match's feedback (after sessions, at the end) to those who may see it.
type Feedback struct{ base }

func newFeedback(b base) *Feedback { return &Feedback{base: b} }
