package jobs

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"
)

// storeFuture schedules n items due from a day ahead over a week, ten a
// minute, the way sessions booked ahead fill the index.
func storeFuture(t testing.TB, s *Scheduler, from time.Time, n int) {
	const chunk = 1000
	for i := 0; i < n; i += chunk {
		items := make([]Item, 0, chunk)
		for j := i; j < min(i+chunk, n); j++ {
			due := from.Add(24*time.Hour + time.Duration(j/10%(7*24*60))*time.Minute)
			items = append(items, Item{ID: fmt.Sprintf("future/%d", j), Kind: "remind", DueAt: due})
		}
		require.NoError(t, s.ScheduleMany(items))
	}
}

// scheduleDue schedules n items due at due.
func scheduleDue(t testing.TB, s *Scheduler, due time.Time, n int) {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("due/%d", i), Kind: "remind", DueAt: due}
	}
	require.NoError(t, s.ScheduleMany(items))
}

// costs measures sweeps on one store: stored items are due days ahead, and
// each round schedules due items into the current minute and sweeps them a
// minute later. It returns the calls of each round's sweep.
func costs(t *testing.T, stored int, rounds []int) ([]kvCalls, []SweepResult) {
	kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
	s := newNode(kv, c, r)
	storeFuture(t, s, c.Now(), stored)
	for range 10 { // warm up: the cursor settles settleGrace behind now
		c.Advance(time.Minute)
		_, err := s.Sweep()
		require.NoError(t, err)
	}
	var calls []kvCalls
	var results []SweepResult
	for round, due := range rounds {
		items := make([]Item, due)
		for i := range items {
			items[i] = Item{ID: fmt.Sprintf("due/%d/%d", round, i), Kind: "remind", DueAt: c.Now()}
		}
		require.NoError(t, s.ScheduleMany(items))
		c.Advance(time.Minute)
		before := kv.calls()
		res, err := s.Sweep()
		require.NoError(t, err)
		calls, results = append(calls, kv.since(before)), append(results, res)
	}
	return calls, results
}

func TestAnIdleSweepCostsTheSameWith100000ItemsStored(t *testing.T) {
	empty, _ := costs(t, 0, []int{0})
	full, res := costs(t, 100_000, []int{0})
	t.Logf("idle sweep: %v with 0 stored; %v with 100,000 stored", empty[0], full[0])
	require.Zero(t, res[0].Ran)
	require.Equal(t, empty, full, "an idle sweep does not read the work stored for later")
	// The cursor, one index Get for each minute from the cursor (settleGrace
	// behind) to now, and moving the cursor one minute on (Get and Set).
	require.Equal(t, kvCalls{Gets: 1 + 4 + 1, Sets: 1}, full[0])
}

func TestASweepCostsCallsForTheDueWorkOnly(t *testing.T) {
	rounds := []int{0, 1, 10, 100, 1000, 10_000, 0, 0, 0}
	calls, results := costs(t, 100_000, rounds)
	idle := calls[0]
	for i, due := range rounds {
		require.Equal(t, due, results[i].Ran)
		// Each listed shard: a claim and a removal, each a Get and a Set (a
		// minute lists at most min(due, shards) shards); and one Get for each
		// (now empty) shard of the two previous rounds' minutes, which the
		// cursor has not passed yet (it stays settleGrace behind now).
		bound := idle.Total() + 4*min(due, shards)
		for _, prev := range rounds[max(i-2, 0):i] {
			bound += min(prev, shards)
		}
		t.Logf("%5d due, 100,000 stored: %v (%.4f per item; bound %d)", due, calls[i], float64(calls[i].Total())/float64(max(due, 1)), bound)
		require.LessOrEqual(t, calls[i].Total(), bound)
		require.Zero(t, calls[i].Lists)
	}
	require.Equal(t, idle, calls[len(calls)-1], "idle again once the cursor passed the done work")
}

func TestTwoNodesRun10000ItemsDueInOneMinuteExactlyOnce(t *testing.T) {
	kv, c, r := &pluginapi.MemoryStore{}, start(), &runs{n: map[string]int{}}
	nodes := []*Scheduler{newNode(kv, c, r), newNode(kv, c, r)}
	const items = 10_000
	// Both nodes schedule at once into the same minute: one item at a time on
	// the first, in batches on the second.
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; i < items; i += 2 {
			require.NoError(t, nodes[0].Schedule(Item{ID: fmt.Sprintf("r%d", i), Kind: "remind", DueAt: c.Now()}))
		}
	})
	wg.Go(func() {
		for i := 1; i < items; i += 200 {
			batch := make([]Item, 0, 100)
			for j := i; j < i+200 && j < items; j += 2 {
				batch = append(batch, Item{ID: fmt.Sprintf("r%d", j), Kind: "remind", DueAt: c.Now()})
			}
			require.NoError(t, nodes[1].ScheduleMany(batch))
		}
	})
	wg.Wait()
	c.Advance(time.Minute)
	results := make([]SweepResult, len(nodes))
	for i, n := range nodes {
		wg.Go(func() {
			var err error
			results[i], err = n.Sweep()
			require.NoError(t, err)
		})
	}
	wg.Wait()
	t.Logf("node 1 ran %d, node 2 ran %d", results[0].Ran, results[1].Ran)
	require.Equal(t, items, results[0].Ran+results[1].Ran)
	require.Len(t, r.n, items)
	for id, n := range r.n {
		require.Equal(t, 1, n, id)
	}
	c.Advance(DefaultClaimLease + time.Minute)
	res, err := nodes[0].Sweep()
	require.NoError(t, err)
	require.Zero(t, res.Ran, "nothing is left due")
}

func TestAHungNodesClaimsPassToAnotherNodeAfterTheLease(t *testing.T) {
	kv, c, r := &pluginapi.MemoryStore{}, start(), &runs{n: map[string]int{}}
	alive := newNode(kv, c, r)
	alive.ClaimLease = 30 * time.Second
	const items = 2000
	scheduleDue(t, alive, c.Now(), items)
	c.Advance(time.Minute)

	// The hung node claims a shard and its workers never finish: its work
	// does not happen (it returns an error once released, at the end).
	hung := New(kv, c.Now)
	hung.Workers = 2
	release, started := make(chan struct{}), make(chan struct{}, 2)
	hung.Handle("remind", func(Item) error {
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
		return errors.New("the node died")
	})
	hungDone := make(chan error)
	go func() {
		_, err := hung.Sweep()
		hungDone <- err
	}()
	<-started
	<-started

	res, err := alive.Sweep()
	require.NoError(t, err)
	claimedByHung := items - res.Ran
	require.Positive(t, claimedByHung, "the hung node's claims hold within the lease")
	require.Len(t, r.n, res.Ran)

	c.Advance(alive.ClaimLease)
	res, err = alive.Sweep()
	require.NoError(t, err)
	require.Equal(t, claimedByHung, res.Ran, "after the lease the other node runs what the hung one claimed")
	require.Len(t, r.n, items)
	for id, n := range r.n {
		require.Equal(t, 1, n, id)
	}

	close(release)
	require.NoError(t, <-hungDone, "the hung node's late failures remove nothing and fail nothing")
	c.Advance(DefaultClaimLease + time.Minute)
	res, err = alive.Sweep()
	require.NoError(t, err)
	require.Zero(t, res.Ran, "nothing is left due")
	require.Len(t, r.n, items)
}

func TestScheduleManyWritesEachMinuteAndShardOnce(t *testing.T) {
	kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
	s := newNode(kv, c, r)
	require.Error(t, s.ScheduleMany([]Item{{ID: "a", Kind: "remind"}, {ID: "", Kind: "remind"}}), "every item needs an id")
	require.NoError(t, s.ScheduleMany(nil))

	var items []Item
	groups := map[string]bool{}
	for i := range 300 {
		due := c.Now().Add(time.Duration(10+i%3) * time.Minute)
		it := Item{ID: fmt.Sprintf("s%d", i), Kind: "remind", DueAt: due}
		items = append(items, it, it) // a repeated id counts once
		groups[bucketKey(minuteOf(due), shardOf(it.ID))] = true
	}
	before := kv.calls()
	require.NoError(t, s.ScheduleMany(items))
	calls := kv.since(before)
	t.Logf("300 items over 3 minutes and %d shards: %v", len(groups), calls)
	// The cursor is started (Get, Get, Set) by the first call; then one
	// compare-and-set per minute index and per shard.
	require.Equal(t, kvCalls{Gets: 2 + 3 + len(groups), Sets: 1 + 3 + len(groups)}, calls)

	require.NoError(t, s.ScheduleMany(items[:10]), "scheduling again changes nothing")
	c.Advance(15 * time.Minute)
	res, err := s.Sweep()
	require.NoError(t, err)
	require.Equal(t, 300, res.Ran)
	for id, n := range r.n {
		require.Equal(t, 1, n, id)
	}
}
