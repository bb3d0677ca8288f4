package jobs

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// SweepResult says what one sweep did.
type SweepResult struct {
	Ran     int // items this node claimed and completed
	Failed  int // items whose work returned an error (kept due for another try)
	Dropped int // items that failed MaxAttempts times and were given up
}

// MaxAttempts is how many times an item's work is tried before it is given up.
// With the lease doubling after each failure (retryAfter), the last try comes
// about seven hours after the first, so an outage of the server or the
// database shorter than that loses nothing.
const MaxAttempts = 12

// maxRetryWait caps the wait between two tries of a failing item.
const maxRetryWait = time.Hour

// retryAfter is how long the claim of an item tried attempts times holds: the
// lease for the first claim (a node that died), then twice as long after each
// failure.
func retryAfter(lease time.Duration, attempts int) time.Duration {
	wait := lease
	for i := 1; i < attempts && wait < maxRetryWait; i++ {
		wait *= 2
	}
	return min(wait, maxRetryWait)
}

// Sweep does the work that is due: every unclaimed (or expired-claim) item in
// the buckets from the cursor up to now, claimed first so that each runs on one
// node. Run it periodically on one node (cluster.Schedule); running it on
// several at once is safe too.
func (s *Scheduler) Sweep() (SweepResult, error) {
	now := s.now().UTC()
	end := minuteOf(now)
	if err := s.startCursor(end); err != nil {
		return SweepResult{}, err
	}
	c, err := s.readCursor()
	if err != nil {
		return SweepResult{}, err
	}
	if c, err = s.upgrade(c, now); err != nil {
		return SweepResult{}, err
	}
	sw := &sweep{s: s, now: now, busy: map[time.Time]bool{}}
	var minutes []time.Time
	for i, m := 0, c.Minute; !m.After(end) && i < maxBucketsPerSweep && err == nil; i, m = i+1, m.Add(time.Minute) {
		var idx indexDoc
		if idx, err = s.readIndex(m); err != nil {
			break
		}
		minutes = append(minutes, m)
		// Start at a random listed shard: two nodes sweeping the same busy
		// minute then mostly claim different shards instead of racing for each.
		first := 0
		if len(idx.Shards) > 1 {
			first = rand.IntN(len(idx.Shards)) //nolint:gosec // spreads load; nothing secret
		}
		for j := range idx.Shards {
			if err = sw.claim(m, idx.Shards[(first+j)%len(idx.Shards)]); err != nil {
				break
			}
		}
	}
	if werr := sw.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return sw.res, err
	}
	// The cursor follows the minutes that are now empty, up to its limit.
	to, limit := c.Minute, c.limit(now)
	for _, m := range minutes {
		if sw.busy[m] || !m.Before(limit) {
			break
		}
		to = m.Add(time.Minute)
	}
	if to.After(c.Minute) {
		err = s.advanceCursor(to)
	}
	return sw.res, err
}

// sweep is one sweep's pool of workers and what it found.
type sweep struct {
	s       *Scheduler
	now     time.Time
	tasks   chan task
	workers sync.WaitGroup

	mu   sync.Mutex
	res  SweepResult
	busy map[time.Time]bool // minutes with items left
	err  error
}

// batch is the items claimed from one shard in one compare-and-set.
type batch struct {
	minute    time.Time
	key       string
	claimedAt time.Time
	items     []Item
	errs      []error
	pending   atomic.Int64
}

type task struct {
	b *batch
	i int
}

// claim claims the due items of one shard in one compare-and-set and hands them
// to the workers. It returns once the last of them has started, so the next
// shard is claimed while they run and no claim waits long before its work.
func (sw *sweep) claim(minute time.Time, shard int) error {
	key := bucketKey(minute, shard)
	at := sw.s.now().UTC()
	lease := sw.s.ClaimLease
	if lease <= 0 {
		lease = DefaultClaimLease // a zero lease would let every sweep take every claim
	}
	var claimed []Item
	doc, err := store.Update(sw.s.kv, key, func(d *shardDoc, exists bool) error {
		claimed = claimed[:0]
		if !exists {
			return store.ErrUnchanged
		}
		for _, it := range d.Items {
			if it.DueAt.After(at) || (!it.ClaimedAt.IsZero() && at.Sub(it.ClaimedAt) < retryAfter(lease, it.Attempts)) {
				continue
			}
			it.ClaimedAt, it.Attempts = at, it.Attempts+1
			claimed = append(claimed, *it)
		}
		if len(claimed) == 0 {
			return store.ErrUnchanged
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(claimed) == 0 {
		if len(doc.Items) > 0 {
			sw.markBusy(minute)
		}
		return nil
	}
	b := &batch{minute: minute, key: key, claimedAt: at, items: claimed, errs: make([]error, len(claimed))}
	b.pending.Store(int64(len(claimed)))
	sw.start()
	for i := range claimed {
		sw.tasks <- task{b, i}
	}
	return nil
}

// start starts the workers at the first claimed item (an idle sweep starts none).
func (sw *sweep) start() {
	if sw.tasks != nil {
		return
	}
	sw.tasks = make(chan task)
	for range max(sw.s.Workers, 1) {
		sw.workers.Add(1)
		go func() {
			defer sw.workers.Done()
			for t := range sw.tasks {
				t.b.errs[t.i] = sw.s.run(t.b.items[t.i])
				if t.b.pending.Add(-1) == 0 {
					sw.finish(t.b) // the last item of its shard is done
				}
			}
		}()
	}
}

// wait lets the started work finish and returns the first error of a removal.
func (sw *sweep) wait() error {
	if sw.tasks != nil {
		close(sw.tasks)
		sw.workers.Wait()
	}
	return sw.err
}

func (sw *sweep) markBusy(minute time.Time) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	sw.busy[minute] = true
}

// finish removes a batch's finished items from its shard in one
// compare-and-set; a failed item stays (claimed) until it is given up.
func (sw *sweep) finish(b *batch) {
	done := map[string]bool{}
	var res SweepResult
	for i, it := range b.items {
		switch {
		case b.errs[i] == nil:
			done[it.ID] = true
			res.Ran++
		case it.Attempts >= MaxAttempts:
			done[it.ID] = true
			res.Failed++
			res.Dropped++
		default:
			res.Failed++
		}
	}
	doc, err := store.Update(sw.s.kv, b.key, func(d *shardDoc, _ bool) error {
		removed := false
		for id := range done {
			// Only this claim's: one made after the lease passed is another's.
			if it, ok := d.Items[id]; ok && it.ClaimedAt.Equal(b.claimedAt) {
				delete(d.Items, id)
				removed = true
			}
		}
		if !removed {
			return store.ErrUnchanged
		}
		return nil
	})
	sw.mu.Lock()
	defer sw.mu.Unlock()
	sw.res.Ran += res.Ran
	sw.res.Failed += res.Failed
	sw.res.Dropped += res.Dropped
	if err != nil || len(doc.Items) > 0 {
		sw.busy[b.minute] = true
	}
	if err != nil && sw.err == nil {
		sw.err = err
	}
}
