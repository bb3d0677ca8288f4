package jobs

import (
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// indexDoc lists the shards of one minute that may hold items. It only grows:
// an entry whose items are done stays (the sweep finds that shard empty).
type indexDoc struct {
	Shards []int `json:"shards"`
	// Legacy says the previous version wrote items into this minute (found by
	// the upgrade scan): Schedule also looks in an id's legacy shard there.
	Legacy bool `json:"legacy,omitempty"`
}

func indexKey(minute time.Time) string {
	return keyPrefix + minute.UTC().Format(minuteLayout)
}

func (d *indexDoc) has(shard int) bool {
	_, ok := slices.BinarySearch(d.Shards, shard)
	return ok
}

// add puts the missing shards in (kept sorted) and says whether any was missing.
func (d *indexDoc) add(shards []int) bool {
	added := false
	for _, sh := range shards {
		if i, ok := slices.BinarySearch(d.Shards, sh); !ok {
			d.Shards = slices.Insert(d.Shards, i, sh)
			added = true
		}
	}
	return added
}

func (s *Scheduler) readIndex(minute time.Time) (indexDoc, error) {
	var raw []byte
	var idx indexDoc
	if err := s.kv.Get(indexKey(minute), &raw); err != nil {
		return idx, errors.Wrapf(err, "read %s", indexKey(minute))
	}
	if len(raw) == 0 {
		return idx, nil
	}
	if err := json.Unmarshal(raw, &idx); err != nil {
		return idx, errors.Wrapf(err, "decode %s", indexKey(minute))
	}
	return idx, nil
}

// ensureIndexed makes minute's index list shards, before any item is written
// into them, and returns the index. An index this node has already seen list
// them is not read again: an index never loses an entry.
func (s *Scheduler) ensureIndexed(minute time.Time, shards []int) (indexDoc, error) {
	if idx, ok := s.indexes.get(minute); ok && idx.hasAll(shards) {
		return idx, nil
	}
	idx, err := store.Update(s.kv, indexKey(minute), func(d *indexDoc, _ bool) error {
		if !d.add(shards) {
			return store.ErrUnchanged
		}
		return nil
	})
	if err != nil {
		return idx, err
	}
	s.indexes.put(minute, idx)
	return idx, nil
}

func (d *indexDoc) hasAll(shards []int) bool {
	for _, sh := range shards {
		if !d.has(sh) {
			return false
		}
	}
	return true
}

// indexCacheSize bounds the indexes one node remembers; past it the cache
// starts over (a miss costs one Get).
const indexCacheSize = 4096

// indexCache remembers minutes' indexes this node has read or written, so that
// scheduling many items into one minute reads its index once. A cached index
// may lack entries added since (it is a subset of the stored one): a shard it
// does not list is looked up again. Only the Legacy flag could be stale, and
// only during an upgrade; it guards against a duplicate of an item that the
// previous version scheduled, whose work is idempotent anyway.
type indexCache struct {
	mu sync.Mutex
	m  map[time.Time]indexDoc
}

func (c *indexCache) get(minute time.Time) (indexDoc, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	idx, ok := c.m[minute]
	return idx, ok
}

func (c *indexCache) put(minute time.Time, idx indexDoc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= indexCacheSize {
		c.m = map[time.Time]indexDoc{}
	}
	c.m[minute] = idx
}
