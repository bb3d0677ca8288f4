package app

// Digests sends each program's coordinators the weekly digest.
type Digests struct{ base }

func newDigests(b base) *Digests { return &Digests{base: b} }

// DigestNotifier sends the weekly coordinator digest.
type DigestNotifier interface{}

// DueKinds are the kinds of due work Digests handles.
func (s *Digests) DueKinds() []string { return nil }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Digests) HandleDue(kind, payload string) error { return nil }
