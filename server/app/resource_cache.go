package app

import (
	"sync"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// maxCachedHubs bounds the hubs one node keeps (each is at most
// domain.MaxResourcesPerScope records and their search index).
const maxCachedHubs = 256

// searchCache is this node's copy of each resource hub: its records and its
// search index, keyed by the hub index's version. Every use reads the index
// (one small read) and rebuilds when the version moved, so a change made on
// any node is seen by the next request on every node; resources marked
// pending in the index are read again on every use (store.ResourceIndex).
type searchCache struct {
	mu   sync.Mutex
	hubs map[string]*hub
	tick uint64 // last use, for eviction
	// stats are recent ProgramStats totals by program (resource_stats.go).
	stats map[string]cachedStats
}

func newSearchCache() *searchCache {
	return &searchCache{hubs: map[string]*hub{}, stats: map[string]cachedStats{}}
}

// hub is one scope's records at one index version. It is never changed once
// built; a newer version replaces it whole.
type hub struct {
	scope   string
	version int64
	index   *store.ResourceIndex
	records []*domain.Resource // in index order, missing ones left out
	byID    map[string]*domain.Resource
	used    uint64

	// search is built on first use and kept with the hub.
	searchOnce sync.Once
	search     *searchIndex
	searchErr  error
}

// hubOf returns the scope's hub as it is now.
func (s *Resources) hubOf(scope string) (*hub, error) {
	x, err := s.store.GetResourceIndex(scope)
	if err != nil {
		return nil, err
	}
	c := s.deps.search
	c.mu.Lock()
	cached := c.hubs[scope]
	c.tick++
	tick := c.tick
	if cached != nil && cached.version == x.Version {
		cached.used = tick
	}
	c.mu.Unlock()

	pending := x.PendingIDs()
	if cached != nil && cached.version == x.Version && len(pending) == 0 {
		return cached, nil
	}
	h, err := s.loadHub(scope, x, cached, pending)
	if err != nil {
		return nil, err
	}
	if len(pending) > 0 {
		// A change is in flight (or died midway): this copy is for this
		// request only, so the next one reads the marked records again.
		return h, nil
	}
	h.used = tick
	c.mu.Lock()
	if cur := c.hubs[scope]; cur == nil || cur.version < h.version {
		c.hubs[scope] = h
	}
	c.evictLocked()
	c.mu.Unlock()
	return h, nil
}

// loadHub reads the scope's records: those of the cached copy that is of the
// same version are reused, marked ones are always read again.
func (s *Resources) loadHub(scope string, x *store.ResourceIndex, cached *hub, pending map[string]bool) (*hub, error) {
	h := &hub{scope: scope, version: x.Version, index: x, byID: make(map[string]*domain.Resource, len(x.IDs))}
	reuse := cached != nil && cached.version == x.Version
	for _, id := range x.IDs {
		var r *domain.Resource
		if reuse && !pending[id] {
			r = cached.byID[id]
			if r == nil {
				continue // was missing at this version
			}
		} else {
			var err error
			if r, err = s.store.GetResource(id); err != nil {
				if isNotFound(err) {
					continue // an index entry whose create never finished
				}
				return nil, err
			}
		}
		h.records = append(h.records, r)
		h.byID[id] = r
	}
	return h, nil
}

func (c *searchCache) evictLocked() {
	for len(c.hubs) > maxCachedHubs {
		var oldest string
		var at uint64
		for scope, h := range c.hubs {
			if oldest == "" || h.used < at {
				oldest, at = scope, h.used
			}
		}
		delete(c.hubs, oldest)
	}
}

// searcher returns the hub's search index, built once per hub.
func (h *hub) searcher() (*searchIndex, error) {
	h.searchOnce.Do(func() {
		var published []*domain.Resource
		for _, r := range h.records {
			if r.Status == domain.ResourcePublished {
				published = append(published, r)
			}
		}
		h.search, h.searchErr = buildSearchIndex(published)
	})
	return h.search, h.searchErr
}
