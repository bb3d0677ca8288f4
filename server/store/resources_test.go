package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

var resNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func newResource(id, programID string) *domain.Resource {
	return &domain.Resource{ID: id, ProgramID: programID, Title: "T " + id, URL: "https://example.com/" + id,
		Audience: domain.AudienceAll, Status: domain.ResourcePublished, AuthorID: "u1", CreatedAt: resNow}
}

func TestResourceCreateIndexesAndMovesTheVersion(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	require.NoError(t, s.CreateResource(newResource("r1", "p1"), resNow))
	require.NoError(t, s.CreateResource(newResource("r1", "p1"), resNow), "a retried create is harmless")
	require.NoError(t, s.CreateResource(newResource("g1", ""), resNow))

	x, err := s.GetResourceIndex("p1")
	require.NoError(t, err)
	require.Equal(t, []string{"r1"}, x.IDs)
	require.Empty(t, x.Pending, "a finished change leaves no mark")
	v := x.Version
	require.Positive(t, v)

	g, err := s.GetResourceIndex(GlobalScope)
	require.NoError(t, err)
	require.Equal(t, []string{"g1"}, g.IDs)

	_, err = s.UpdateResource("r1", resNow, func(r *domain.Resource) error {
		r.Title, r.ProgramID = "New", "elsewhere"
		return nil
	})
	require.NoError(t, err)
	r, err := s.GetResource("r1")
	require.NoError(t, err)
	require.Equal(t, "New", r.Title)
	require.Equal(t, "p1", r.ProgramID, "the scope never changes")
	x, _ = s.GetResourceIndex("p1")
	require.Greater(t, x.Version, v, "an edit moves the version so caches rebuild")
}

// failingSetKV fails every write of one key, as a store that dies midway.
type failingSetKV struct {
	KV
	key string
}

func (f failingSetKV) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	if key == f.key {
		return false, errors.New("boom")
	}
	return f.KV.Set(key, value, options...)
}

func TestResourceRefusedEditLeavesTheIndexUntouched(t *testing.T) {
	mem := &pluginapi.MemoryStore{}
	s := New(mem)
	require.NoError(t, s.CreateResource(newResource("r1", "p1"), resNow))
	var before []byte
	require.NoError(t, mem.Get(resourceIndexKey("p1"), &before))

	refused := errors.New("refused")
	_, err := s.UpdateResource("r1", resNow, func(*domain.Resource) error { return refused })
	require.ErrorIs(t, err, refused)
	_, err = s.UpdateResource("r1", resNow, func(*domain.Resource) error { return ErrUnchanged })
	require.NoError(t, err, "an edit that changes nothing is no error")

	var after []byte
	require.NoError(t, mem.Get(resourceIndexKey("p1"), &after))
	require.Equal(t, string(before), string(after), "no mark, no version move")
}

func TestResourceEditRefusedOnTheStoredRecordClearsItsMark(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	require.NoError(t, s.CreateResource(newResource("r1", "p1"), resNow))
	calls := 0
	refused := errors.New("refused")
	// Passes the check on the first read, fails on the record as written (as
	// when another manager decided it meanwhile).
	_, err := s.UpdateResource("r1", resNow, func(*domain.Resource) error {
		calls++
		if calls > 1 {
			return refused
		}
		return nil
	})
	require.ErrorIs(t, err, refused)
	x, _ := s.GetResourceIndex("p1")
	require.Empty(t, x.Pending, "nothing was stored, so nothing stays untrusted")
}

func TestResourceFailedWriteLeavesItPendingUntilTheMarkLapses(t *testing.T) {
	mem := &pluginapi.MemoryStore{}
	require.NoError(t, New(mem).CreateResource(newResource("r1", "p1"), resNow))
	s := New(failingSetKV{KV: mem, key: resourceKey("r1")})
	_, err := s.UpdateResource("r1", resNow, func(r *domain.Resource) error { r.Title = "x"; return nil })
	require.Error(t, err)
	x, _ := s.GetResourceIndex("p1")
	require.True(t, x.PendingIDs()["r1"], "a change that died midway keeps its resource read fresh")

	later := resNow.Add(pendingLapse + time.Minute)
	require.NoError(t, s.CreateResource(newResource("r2", "p1"), later))
	x, _ = s.GetResourceIndex("p1")
	require.Empty(t, x.Pending, "the next index write drops the lapsed mark")
}

func TestResourceDeleteRemovesFromIndexAndPacks(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	require.NoError(t, s.CreateResource(newResource("r1", "p1"), resNow))
	require.NoError(t, s.CreateResource(newResource("r2", "p1"), resNow))
	_, err := s.UpdateOnboardingPacks("p1", resNow, func(x *ResourceIndex) error {
		x.Packs[domain.RoleMentee] = []string{"r1", "r2"}
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, s.CountResource("r1", "", 1, 0))

	require.NoError(t, s.DeleteResource("r1", resNow))
	_, err = s.GetResource("r1")
	require.ErrorIs(t, err, ErrNotFound)
	x, _ := s.GetResourceIndex("p1")
	require.Equal(t, []string{"r2"}, x.IDs)
	require.Equal(t, []string{"r2"}, x.Packs[domain.RoleMentee])
	c, _ := s.GetResourceCounts("r1", "")
	require.Zero(t, c.Views)
	require.ErrorIs(t, s.DeleteResource("r1", resNow), ErrNotFound)
}

func TestResourceScopeIsBounded(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, err := s.updateResourceIndex("p1", resNow, func(x *ResourceIndex) error {
		for i := range domain.MaxResourcesPerScope {
			x.IDs = append(x.IDs, fmt.Sprintf("r%d", i))
		}
		return nil
	})
	require.NoError(t, err)
	require.ErrorIs(t, s.CreateResource(newResource("extra", "p1"), resNow), ErrScopeFull)
	_, err = s.GetResource("extra")
	require.ErrorIs(t, err, ErrNotFound, "a refused create writes no record")
}

func TestResourceCountsAreNotLostUnderConcurrency(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, s.CountResource("g1", "p1", 1, i%2))
		}()
	}
	wg.Wait()
	total, err := s.GetResourceCounts("g1", "")
	require.NoError(t, err)
	require.Equal(t, domain.ResourceCounts{Views: 20, Shares: 10}, total)
	inProgram, err := s.GetResourceCounts("g1", "p1")
	require.NoError(t, err)
	require.Equal(t, total, inProgram)
	other, _ := s.GetResourceCounts("g1", "p2")
	require.Zero(t, other.Views)
}
