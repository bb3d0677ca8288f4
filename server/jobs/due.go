// Package jobs is the one due-work scheduler: work that must happen at a given
// time (request expiries, reminders, check-ins, digests, retention) is put in a
// time-bucketed index in the KV store and done by a periodic sweep, exactly once
// on any number of server nodes.
//
// An item is due at a time and lives in the bucket of that minute, spread over a
// few shard documents so that a busy minute does not make one huge document.
// A sweep reads the buckets from the cursor (the oldest minute that may still
// hold work) up to now. Each item is claimed with a compare-and-set on its shard
// before its work runs: the claim records when it was made, and only the node
// whose claim was written runs the item. When the work is done the item is
// removed. A node that dies after claiming leaves a claim that expires after
// ClaimLease; the next sweep claims it again, so an item is never lost, and its
// work must be idempotent for that rare case (the work's own compare-and-set
// markers make it so). The cursor moves past a minute only once every shard of
// it is empty.
package jobs

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// ClaimLease is how long a claim holds before another sweep may take the item
// again: far longer than any item's work, so only a dead node's claims expire.
const ClaimLease = 5 * time.Minute

// workers is how many claimed items of one shard run at once.
const workers = 8

// shards is how many documents one minute's items are spread over.
const shards = 8

// maxBucketsPerSweep bounds one sweep's catch-up after a long outage; the next
// sweep goes on where it stopped.
const maxBucketsPerSweep = 24 * 60

const keyPrefix = "v1/due/"

func bucketKey(minute time.Time, shard int) string {
	return fmt.Sprintf("%s%s/%d", keyPrefix, minute.UTC().Format("200601021504"), shard)
}

const cursorKey = keyPrefix + "cursor"

// Item is one piece of work due at a time.
type Item struct {
	// ID names the work (e.g. "expire-request/<request id>"); scheduling the same
	// ID again for the same time changes nothing.
	ID      string          `json:"id"`
	Kind    string          `json:"kind"`
	DueAt   time.Time       `json:"due_at"`
	Payload json.RawMessage `json:"payload,omitempty"`
	// ClaimedAt is set by the sweep that runs the item; Attempts counts claims.
	ClaimedAt time.Time `json:"claimed_at,omitzero"`
	Attempts  int       `json:"attempts,omitempty"`
}

type shardDoc struct {
	Items map[string]*Item `json:"items"`
}

type cursor struct {
	Minute time.Time `json:"minute"`
}

// Handler does the work of one kind of item. An error keeps the item due: the
// next sweep tries again once the claim lease has passed.
type Handler func(item Item) error

// Scheduler keeps the due index in a KV store.
type Scheduler struct {
	kv       store.KV
	handlers map[string]Handler
	now      func() time.Time
	// cursorExists remembers that the cursor was written (by any node).
	cursorExists atomic.Bool
}

// New returns a scheduler over kv; now is the clock (time.Now in production).
func New(kv store.KV, now func() time.Time) *Scheduler {
	return &Scheduler{kv: kv, handlers: map[string]Handler{}, now: now}
}

// Handle registers the work for a kind of item. Register every kind before the
// first sweep.
func (s *Scheduler) Handle(kind string, h Handler) { s.handlers[kind] = h }

func shardOf(id string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % shards)
}

func minuteOf(t time.Time) time.Time { return t.UTC().Truncate(time.Minute) }

// Schedule makes item due at item.DueAt; an item already due goes into the
// current minute. Scheduling the same ID again changes nothing. Idempotent.
func (s *Scheduler) Schedule(item Item) error {
	if item.ID == "" || item.Kind == "" {
		return errors.New("a due item needs an id and a kind")
	}
	now := minuteOf(s.now())
	if err := s.startCursor(now); err != nil {
		return err
	}
	item.DueAt = item.DueAt.UTC()
	item.ClaimedAt, item.Attempts = time.Time{}, 0
	minute := minuteOf(item.DueAt)
	if minute.Before(now) {
		minute = now
	}
	_, err := store.Update(s.kv, bucketKey(minute, shardOf(item.ID)), func(d *shardDoc, _ bool) error {
		if d.Items == nil {
			d.Items = map[string]*Item{}
		}
		if _, ok := d.Items[item.ID]; ok {
			return store.ErrUnchanged
		}
		d.Items[item.ID] = &item
		return nil
	})
	return err
}

// Cancel removes an item that is not due yet. (An item already due may be
// running; its work checks its own state.)
func (s *Scheduler) Cancel(id string, dueAt time.Time) error {
	_, err := store.Update(s.kv, bucketKey(minuteOf(dueAt), shardOf(id)), func(d *shardDoc, _ bool) error {
		if _, ok := d.Items[id]; !ok {
			return store.ErrUnchanged
		}
		delete(d.Items, id)
		return nil
	})
	return err
}

// startCursor records where the first sweep starts, once: before the first item
// is written, so no item can sit in a minute behind the cursor.
// The cursor is never deleted, so once this node has seen it exist it skips
// the write (one KV call less per item scheduled).
func (s *Scheduler) startCursor(minute time.Time) error {
	if s.cursorExists.Load() {
		return nil
	}
	if _, err := s.kv.Set(cursorKey, cursor{Minute: minute}, pluginapi.SetAtomic(nil)); err != nil {
		return errors.Wrap(err, "start the due-work cursor")
	}
	s.cursorExists.Store(true)
	return nil
}

func (s *Scheduler) cursor() (time.Time, error) {
	var raw []byte
	if err := s.kv.Get(cursorKey, &raw); err != nil {
		return time.Time{}, errors.Wrap(err, "read the due-work cursor")
	}
	if len(raw) == 0 {
		return time.Time{}, nil
	}
	var c cursor
	if err := json.Unmarshal(raw, &c); err != nil {
		return time.Time{}, errors.Wrap(err, "decode the due-work cursor")
	}
	return c.Minute, nil
}

// SweepResult says what one sweep did.
type SweepResult struct {
	Ran     int // items this node claimed and completed
	Failed  int // items whose work returned an error (kept due for another try)
	Dropped int // items that failed MaxAttempts times and were given up
}

// MaxAttempts is how many times an item's work is tried before it is given up.
const MaxAttempts = 5

// settleGrace is how far behind now the cursor stays. A Schedule on another
// node writes into the minute of its own clock; keeping the cursor this far back
// means a minute is declared empty only when no node can still write into it.
const settleGrace = 2 * time.Minute

// Sweep does the work that is due: every unclaimed (or expired-claim) item in
// the buckets from the cursor up to now, claimed first so that each runs on one
// node. Run it periodically on one node (cluster.Schedule); running it on
// several at once is safe too.
func (s *Scheduler) Sweep() (SweepResult, error) {
	var res SweepResult
	now := s.now().UTC()
	end := minuteOf(now)
	if err := s.startCursor(end); err != nil {
		return res, err
	}
	start, err := s.cursor()
	if err != nil {
		return res, err
	}
	settled := true // every minute so far is empty: the cursor may follow
	for i, m := 0, start; !m.After(end) && i < maxBucketsPerSweep; i, m = i+1, m.Add(time.Minute) {
		empty := true
		for shard := 0; shard < shards; shard++ {
			left, err := s.sweepShard(bucketKey(m, shard), now, &res)
			if err != nil {
				return res, err
			}
			empty = empty && left == 0
		}
		settled = settled && empty
		if settled && m.Before(end.Add(-settleGrace)) {
			if err := s.advanceCursor(m.Add(time.Minute)); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

// sweepShard claims the shard's due items in one compare-and-set, runs them,
// and removes the finished ones in another. It returns how many items are left.
func (s *Scheduler) sweepShard(key string, now time.Time, res *SweepResult) (int, error) {
	var claimed []Item
	doc, err := store.Update(s.kv, key, func(d *shardDoc, exists bool) error {
		claimed = claimed[:0]
		if !exists {
			return store.ErrUnchanged
		}
		for _, it := range d.Items {
			if it.DueAt.After(now) || (!it.ClaimedAt.IsZero() && now.Sub(it.ClaimedAt) < ClaimLease) {
				continue
			}
			it.ClaimedAt, it.Attempts = now, it.Attempts+1
			claimed = append(claimed, *it)
		}
		if len(claimed) == 0 {
			return store.ErrUnchanged
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if len(claimed) == 0 {
		return len(doc.Items), nil
	}
	// The claimed items run on a few workers: their work mostly waits on the
	// server (a DM), and items are independent (each checks its own state).
	errs := make([]error, len(claimed))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(claimed)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				errs[i] = s.run(claimed[i])
			}
		}()
	}
	for i := range claimed {
		work <- i
	}
	close(work)
	wg.Wait()
	done := map[string]bool{}
	for i, it := range claimed {
		if errs[i] != nil {
			res.Failed++
			if it.Attempts >= MaxAttempts {
				done[it.ID] = true
				res.Dropped++
			}
			continue
		}
		done[it.ID] = true
		res.Ran++
	}
	doc, err = store.Update(s.kv, key, func(d *shardDoc, _ bool) error {
		removed := false
		for id := range done {
			if it, ok := d.Items[id]; ok && it.ClaimedAt.Equal(now) {
				delete(d.Items, id)
				removed = true
			}
		}
		if !removed {
			return store.ErrUnchanged
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(doc.Items), nil
}

func (s *Scheduler) run(it Item) error {
	h, ok := s.handlers[it.Kind]
	if !ok {
		return errors.Errorf("no handler for due work of kind %q", it.Kind)
	}
	return h(it)
}

func (s *Scheduler) advanceCursor(to time.Time) error {
	_, err := store.Update(s.kv, cursorKey, func(c *cursor, _ bool) error {
		if !to.After(c.Minute) {
			return store.ErrUnchanged // another sweep got further
		}
		c.Minute = to
		return nil
	})
	return err
}
