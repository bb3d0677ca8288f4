package jobs

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/store"
	"github.com/mentorship-mattermost/mentorship/server/store/kvtest"
)

// clock is a test clock shared by the "nodes" of a test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// runs counts how often each item's work ran.
type runs struct {
	mu sync.Mutex
	n  map[string]int
}

func (r *runs) handler(it Item) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n[it.ID]++
	return nil
}

func newNode(kv store.KV, c *clock, r *runs) *Scheduler {
	s := New(kv, c.Now)
	s.Handle("remind", r.handler)
	return s
}

func start() *clock { return &clock{now: time.Date(2026, 11, 27, 9, 0, 30, 0, time.UTC)} }

func TestAnItemRunsWhenDueAndOnlyThen(t *testing.T) {
	kv, c, r := &pluginapi.MemoryStore{}, start(), &runs{n: map[string]int{}}
	s := newNode(kv, c, r)
	require.NoError(t, s.Schedule(Item{ID: "a", Kind: "remind", DueAt: c.Now().Add(10 * time.Minute)}))
	require.NoError(t, s.Schedule(Item{ID: "a", Kind: "remind", DueAt: c.Now().Add(10 * time.Minute)}), "scheduling twice is harmless")
	res, err := s.Sweep()
	require.NoError(t, err)
	require.Zero(t, res.Ran)

	c.Advance(10 * time.Minute)
	res, err = s.Sweep()
	require.NoError(t, err)
	require.Equal(t, 1, res.Ran)
	for i := 0; i < 3; i++ {
		c.Advance(DefaultClaimLease)
		res, err = s.Sweep()
		require.NoError(t, err)
		require.Zero(t, res.Ran, "done work is not done again")
	}
	require.Equal(t, map[string]int{"a": 1}, r.n)
}

func TestPastDueAndCancelledItems(t *testing.T) {
	kv, c, r := &pluginapi.MemoryStore{}, start(), &runs{n: map[string]int{}}
	s := newNode(kv, c, r)
	c.Advance(3 * time.Hour)
	require.NoError(t, s.Schedule(Item{ID: "late", Kind: "remind", DueAt: c.Now().Add(-2 * time.Hour)}))
	require.NoError(t, s.Schedule(Item{ID: "cancelled", Kind: "remind", DueAt: c.Now().Add(time.Hour)}))
	require.NoError(t, s.Cancel("cancelled", c.Now().Add(time.Hour)))
	c.Advance(2 * time.Hour)
	_, err := s.Sweep()
	require.NoError(t, err)
	require.Equal(t, map[string]int{"late": 1}, r.n)
}

func TestTwoNodesSweepingTogetherRunEachItemExactlyOnce(t *testing.T) {
	kv, c, r := &pluginapi.MemoryStore{}, start(), &runs{n: map[string]int{}}
	nodes := []*Scheduler{newNode(kv, c, r), newNode(kv, c, r)}
	const items = 600
	for i := 0; i < items; i++ {
		due := c.Now().Add(time.Duration(i%7) * time.Minute)
		require.NoError(t, nodes[i%2].Schedule(Item{ID: fmt.Sprintf("r%d", i), Kind: "remind", DueAt: due}))
	}
	for round := 0; round < 10; round++ {
		c.Advance(time.Minute)
		var wg sync.WaitGroup
		for _, n := range nodes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := n.Sweep()
				require.NoError(t, err)
			}()
		}
		wg.Wait()
	}
	require.Len(t, r.n, items)
	for id, n := range r.n {
		require.Equal(t, 1, n, id)
	}
	cur, err := nodes[0].readCursor()
	require.NoError(t, err)
	require.True(t, cur.Minute.After(start().Now()), "the cursor moved past the empty minutes")
}

func TestANodeDyingMidSweepLosesNothing(t *testing.T) {
	// A clean sweep counts its KV calls; then the node dies at each of them.
	countCalls := func() int {
		kv, c, r := kvtest.NewDying(), start(), &runs{n: map[string]int{}}
		s := newNode(kv, c, r)
		for i := 0; i < 12; i++ {
			require.NoError(t, s.Schedule(Item{ID: fmt.Sprintf("r%d", i), Kind: "remind", DueAt: c.Now()}))
		}
		c.Advance(time.Minute)
		before := kv.Calls()
		_, err := s.Sweep()
		require.NoError(t, err)
		return kv.Calls() - before
	}
	total := countCalls()
	for dieAt := 1; dieAt <= total; dieAt++ {
		kv, c, r := kvtest.NewDying(), start(), &runs{n: map[string]int{}}
		s := newNode(kv, c, r)
		for i := 0; i < 12; i++ {
			require.NoError(t, s.Schedule(Item{ID: fmt.Sprintf("r%d", i), Kind: "remind", DueAt: c.Now()}))
		}
		c.Advance(time.Minute)
		kv.DieAt(dieAt)
		_, err := s.Sweep()
		require.Error(t, err, "died at call %d of %d", dieAt, total)
		kv.Revive()

		// Another node sweeps now, and again once the dead node's claims expire.
		other := newNode(kv, c, r)
		_, err = other.Sweep()
		require.NoError(t, err)
		c.Advance(DefaultClaimLease + time.Minute)
		_, err = other.Sweep()
		require.NoError(t, err)

		require.Len(t, r.n, 12, "died at call %d of %d: every item ran", dieAt, total)
		for id, n := range r.n {
			// Twice only for work done just before the node died, before it
			// could record that: the lease hands it to the next sweep.
			require.LessOrEqual(t, n, 2, "%s died at call %d", id, dieAt)
		}
		c.Advance(DefaultClaimLease + time.Minute)
		res, err := other.Sweep()
		require.NoError(t, err)
		require.Zero(t, res.Ran, "nothing left due")
	}
}

func TestFailingWorkIsRetriedThenGivenUp(t *testing.T) {
	kv, c := &pluginapi.MemoryStore{}, start()
	s := New(kv, c.Now)
	tries := 0
	s.Handle("flaky", func(Item) error { tries++; return errors.New("mattermost is down") })
	require.NoError(t, s.Schedule(Item{ID: "x", Kind: "flaky", DueAt: c.Now()}))
	var dropped int
	var tried []time.Time
	for range 12 * 60 { // twelve hours, a sweep a minute
		c.Advance(time.Minute)
		before := tries
		res, err := s.Sweep()
		require.NoError(t, err)
		dropped += res.Dropped
		if tries > before {
			tried = append(tried, c.Now())
		}
	}
	require.Equal(t, MaxAttempts, tries)
	require.Equal(t, 1, dropped)
	// Each failure doubles the wait, up to an hour: a long outage loses nothing.
	require.Equal(t, DefaultClaimLease, tried[1].Sub(tried[0]))
	require.Equal(t, 2*DefaultClaimLease, tried[2].Sub(tried[1]))
	require.Equal(t, maxRetryWait, tried[len(tried)-1].Sub(tried[len(tried)-2]))
	require.Greater(t, tried[len(tried)-1].Sub(tried[0]), 6*time.Hour)
}
