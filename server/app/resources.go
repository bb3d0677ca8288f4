package app

// Resources is the resource hub.
type Resources struct{ base }

func newResources(b base) *Resources { return &Resources{base: b} }

// ResourceNotifier shares resources and asks coordinators to approve suggestions.
type ResourceNotifier interface{}

type searchCache struct{}

func newSearchCache() *searchCache { return &searchCache{} }
