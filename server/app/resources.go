package app

// Resources is the resource hub.
type Resources struct{ base }

func newResources(b base) *Resources { return &Resources{base: b} }

// ResourceNotifier shares resources and asks coordinators to approve suggestions.
type ResourceNotifier interface{}

type searchCache struct{}

func newSearchCache() *searchCache { return &searchCache{} }

// ProgramStats are the view and share counts of the resources a program's
// members see (its own and the global ones), for the insight.
func (s *Resources) ProgramStats(programID string) (ResourceStats, error) { return ResourceStats{}, nil }
