package store

import (
	"crypto/rand"
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// GlobalScope names the hub every program shows (resources without a program).
const GlobalScope = "global"

// ResourceScope is the scope of a program's hub, or the global one for "".
func ResourceScope(programID string) string {
	if programID == "" {
		return GlobalScope
	}
	return programID
}

// resourceKey holds one resource: its authoritative record.
func resourceKey(id string) string { return keyPrefix + "resource/" + id }

// resourceIndexKey holds a scope's index: the ids of its resources (a bounded
// superset), its onboarding packs and a version that moves on every change.
func resourceIndexKey(scope string) string { return keyPrefix + "resources/" + scope }

// resourceCountsKey holds a resource's view and share counts; counting touches
// only this small key, never the index or a program-sized document.
func resourceCountsKey(id string) string { return keyPrefix + "resource_counts/" + id }

// resourceProgramCountsKey holds the counts of a global resource as used in
// one program (so a program's insight counts only its own members' use).
func resourceProgramCountsKey(id, programID string) string {
	return keyPrefix + "resource_counts/" + id + "/" + programID
}

// ErrScopeFull refuses a resource beyond domain.MaxResourcesPerScope.
var ErrScopeFull = errors.New("this resource hub is full")

// pendingLapse is how long an unfinished change marks its resource as in
// flight. A change takes seconds; one still marked after this died midway, and
// the next index write drops the mark (moving the version, so every cache
// rebuilds from the records as they are).
const pendingLapse = time.Hour

// ResourceIndex is one scope's index.
//
// A change to a resource writes three times: it marks the resource as pending
// here, writes the record (the commit point), then clears its mark. Each write
// here moves Version. A node's search cache is keyed by Version and never
// trusts its copy of a pending resource (it reads the record again), so a node
// that dies between the writes leaves no cache stale: the record is read fresh
// until the mark lapses, and dropping the mark moves the version.
type ResourceIndex struct {
	Version int64                      `json:"version"`
	IDs     []string                   `json:"ids"`
	Packs   domain.OnboardingPacks     `json:"packs,omitempty"`
	Pending map[string]PendingResource `json:"pending,omitempty"` // by change token
}

// PendingResource marks a resource whose change is in flight.
type PendingResource struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
}

// PendingIDs are the resources whose cached copy must not be trusted.
func (x *ResourceIndex) PendingIDs() map[string]bool {
	ids := make(map[string]bool, len(x.Pending))
	for _, p := range x.Pending {
		ids[p.ID] = true
	}
	return ids
}

// GetResourceIndex returns a scope's index (empty, version 0, when none).
func (s *Store) GetResourceIndex(scope string) (*ResourceIndex, error) {
	x, _, err := get[ResourceIndex](s.kv, resourceIndexKey(scope))
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// updateResourceIndex changes a scope's index, moving its version and
// dropping lapsed marks.
func (s *Store) updateResourceIndex(scope string, now time.Time, mutate func(x *ResourceIndex) error) (*ResourceIndex, error) {
	x, err := Update(s.kv, resourceIndexKey(scope), func(x *ResourceIndex, _ bool) error {
		if err := mutate(x); err != nil {
			return err
		}
		for token, p := range x.Pending {
			if now.Sub(p.At) > pendingLapse {
				delete(x.Pending, token)
			}
		}
		x.Version++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// GetResource returns a resource, or ErrNotFound.
func (s *Store) GetResource(id string) (*domain.Resource, error) {
	r, found, err := get[domain.Resource](s.kv, resourceKey(id))
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrNotFound
	}
	return &r, nil
}

// refusedChange wraps an error from a write that stored nothing (a validation
// refusal or a vanished record): its mark can be cleared at once.
type refusedChange struct{ err error }

func (e refusedChange) Error() string { return e.err.Error() }
func (e refusedChange) Unwrap() error { return e.err }

// changeResource runs write between marking the resource pending in its
// scope's index (adding its id when add is set) and clearing the mark. The
// mark is left in place when write fails: the record may or may not have been
// written, and readers must read it again. A write refused before storing
// anything (refusedChange) clears its mark instead, so a refused edit does not
// keep every node's cache of the scope untrusted until the mark lapses.
func (s *Store) changeResource(scope, id string, add bool, now time.Time, write func() error) error {
	token := rand.Text() // this change's own mark, whatever else is in flight
	if _, err := s.updateResourceIndex(scope, now, func(x *ResourceIndex) error {
		if add && !slices.Contains(x.IDs, id) {
			if len(x.IDs) >= domain.MaxResourcesPerScope {
				return ErrScopeFull
			}
			x.IDs = append(x.IDs, id)
		}
		if x.Pending == nil {
			x.Pending = map[string]PendingResource{}
		}
		x.Pending[token] = PendingResource{ID: id, At: now.UTC()}
		return nil
	}); err != nil {
		return err
	}
	writeErr := write()
	var refused refusedChange
	if writeErr != nil && !errors.As(writeErr, &refused) {
		return writeErr
	}
	_, err := s.updateResourceIndex(scope, now, func(x *ResourceIndex) error {
		delete(x.Pending, token)
		return nil
	})
	if writeErr != nil {
		return refused.err
	}
	return err
}

// CreateResource writes a new resource into its scope. A retried create (same
// id) changes nothing; a full scope is ErrScopeFull.
func (s *Store) CreateResource(r *domain.Resource, now time.Time) error {
	return s.changeResource(ResourceScope(r.ProgramID), r.ID, true, now, func() error {
		_, err := Update(s.kv, resourceKey(r.ID), func(cur *domain.Resource, exists bool) error {
			if exists {
				return ErrUnchanged
			}
			*cur = *r
			cur.SchemaVersion = domain.CurrentSchemaVersion
			return nil
		})
		return err
	})
}

// UpdateResource changes a resource with compare-and-set; mutate may run
// several times. Its scope never changes. A missing resource is ErrNotFound.
func (s *Store) UpdateResource(id string, now time.Time, mutate func(r *domain.Resource) error) (*domain.Resource, error) {
	cur, err := s.GetResource(id)
	if err != nil {
		return nil, err
	}
	// Validate on a copy first: a refused edit (bad URL, a decision that
	// conflicts) must leave the index, its version and its marks untouched.
	// mutate may run several times by contract, so this extra run is safe.
	probe := *cur
	if err := mutate(&probe); err != nil {
		if errors.Is(err, ErrUnchanged) {
			return cur, nil // nothing to write, as Update would answer
		}
		return nil, err
	}
	var out domain.Resource
	err = s.changeResource(ResourceScope(cur.ProgramID), id, false, now, func() error {
		out, err = Update(s.kv, resourceKey(id), func(r *domain.Resource, exists bool) error {
			if !exists {
				return refusedChange{ErrNotFound}
			}
			programID := r.ProgramID
			if err := mutate(r); err != nil {
				// The record changed under us and the edit no longer applies.
				return refusedChange{err}
			}
			r.ProgramID = programID
			return nil
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteResource removes a resource, its id from its scope's index and its
// packs, and its counts. Deleting a missing resource is ErrNotFound.
func (s *Store) DeleteResource(id string, now time.Time) error {
	cur, err := s.GetResource(id)
	if err != nil {
		return err
	}
	scope := ResourceScope(cur.ProgramID)
	if err := s.changeResource(scope, id, false, now, func() error {
		return errors.Wrapf(s.kv.Delete(resourceKey(id)), "delete %s", resourceKey(id))
	}); err != nil {
		return err
	}
	if _, err := s.updateResourceIndex(scope, now, func(x *ResourceIndex) error {
		x.IDs = slices.DeleteFunc(x.IDs, func(v string) bool { return v == id })
		for role, ids := range x.Packs {
			x.Packs[role] = slices.DeleteFunc(ids, func(v string) bool { return v == id })
		}
		return nil
	}); err != nil {
		return err
	}
	// Counts of a deleted resource are never read again (readers go by the
	// index); removing the total is tidiness, and a failure here is harmless.
	_ = s.kv.Delete(resourceCountsKey(id))
	return nil
}

// UpdateOnboardingPacks changes a scope's onboarding packs with
// compare-and-set; mutate may run several times.
func (s *Store) UpdateOnboardingPacks(scope string, now time.Time, mutate func(x *ResourceIndex) error) (*ResourceIndex, error) {
	return s.updateResourceIndex(scope, now, func(x *ResourceIndex) error {
		if x.Packs == nil {
			x.Packs = domain.OnboardingPacks{}
		}
		return mutate(x)
	})
}

// GetResourceCounts returns a resource's counts; with programID, those of a
// global resource as used in that program.
func (s *Store) GetResourceCounts(id, programID string) (domain.ResourceCounts, error) {
	key := resourceCountsKey(id)
	if programID != "" {
		key = resourceProgramCountsKey(id, programID)
	}
	c, _, err := get[domain.ResourceCounts](s.kv, key)
	return c, err
}

// CountResource adds views and shares to a resource's counts (compare-and-set
// on its own small key); with programID, also to its counts in that program.
func (s *Store) CountResource(id, programID string, views, shares int) error {
	keys := []string{resourceCountsKey(id)}
	if programID != "" {
		keys = append(keys, resourceProgramCountsKey(id, programID))
	}
	for _, key := range keys {
		if _, err := Update(s.kv, key, func(c *domain.ResourceCounts, _ bool) error {
			c.Views += views
			c.Shares += shares
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}
