package app

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Results come out in the items' order however the loads finish, with at
// most exportWorkers loads at once.
func TestInOrderKeepsTheOrderAndBoundsTheLoads(t *testing.T) {
	items := make([]int, 100)
	for i := range items {
		items[i] = i
	}
	var running, most atomic.Int32
	load := func(i int) (string, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		runtime.Gosched()
		if i%7 == 0 { // some finish later than those after them
			time.Sleep(time.Millisecond)
		}
		return fmt.Sprint(i), nil
	}
	var got []string
	require.NoError(t, inOrder(items, load, func(i int, v string) error {
		require.Equal(t, fmt.Sprint(i), v)
		got = append(got, v)
		return nil
	}))
	require.Len(t, got, 100)
	require.LessOrEqual(t, most.Load(), int32(exportWorkers))
}

// The first failure, of a load or of the writer, stops the rest.
func TestInOrderStopsAtTheFirstError(t *testing.T) {
	items := make([]int, 1000)
	for i := range items {
		items[i] = i
	}
	var loads atomic.Int32
	boom := errors.New("boom")
	err := inOrder(items, func(i int) (int, error) {
		loads.Add(1)
		if i == 10 {
			return 0, boom
		}
		return i, nil
	}, func(int, int) error { return nil })
	require.ErrorIs(t, err, boom)
	require.Less(t, loads.Load(), int32(10+2*exportWorkers), "no load long after the failure")

	emitted := 0
	err = inOrder(items, func(i int) (int, error) { return i, nil }, func(i int, _ int) error {
		emitted++
		if i == 3 {
			return boom // the reader went away
		}
		return nil
	})
	require.ErrorIs(t, err, boom)
	require.Equal(t, 4, emitted)
}

// batchDirectory counts its batch calls and finds only "u…" users.
type batchDirectory struct {
	Directory
	mu      sync.Mutex
	batches [][]string
	singles int
}

func (d *batchDirectory) Users(ids []string) map[string]UserInfo {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.batches = append(d.batches, ids)
	out := map[string]UserInfo{}
	for _, id := range ids {
		if id[0] == 'u' {
			out[id] = UserInfo{Username: "name-" + id}
		}
	}
	return out
}

func (d *batchDirectory) User(id string) (UserInfo, bool) {
	d.singles++
	return UserInfo{Username: "single-" + id}, true
}

func TestExportNamesAreLookedUpInBatches(t *testing.T) {
	dir := &batchDirectory{}
	roster := &store.Roster{Entries: []*store.RosterEntry{{UserID: "gone", Username: "old-name"}}}
	names := newExportNames(dir, roster)
	names.fetch([]string{"u1", "u2", "u1", "gone", ""})
	names.fetch([]string{"u1", "u2"})
	require.Equal(t, [][]string{{"u1", "u2", "gone"}}, dir.batches, "each user asked once, in one batch")
	require.Equal(t, "name-u1", names.username("u1"))
	require.Equal(t, "old-name", names.username("gone"), "a user the batch does not find keeps the roster's name")
	require.Equal(t, "single-u3", names.username("u3"), "someone not fetched ahead is asked alone")
	require.Equal(t, 1, dir.singles)
}
