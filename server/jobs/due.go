// Package jobs is the one due-work scheduler: work that must happen at a given
// time (request expiries, reminders, check-ins, digests, retention) is put in a
// time-bucketed index in the KV store and done by a periodic sweep, exactly once
// on any number of server nodes.
//
// Layout. An item is due at a time and lives in the bucket of that minute. A
// minute's items are spread by a hash of their id over up to 64 shard documents
// (v1/due/<minute>/<shard>), so that a busy minute (10,000 reminders) makes
// documents of ~150 items, not one huge one that every write rewrites. Each
// minute that ever got an item has an index document (v1/due/<minute>) listing
// the shards that may hold items. Schedule adds the shard to the index before it
// writes the item, so the index is always a superset of the shards in use (an
// entry whose items are gone is harmless). The sweep reads a minute's index
// with one Get and then only the listed shards: an empty minute costs one Get,
// and a sweep costs KV calls for the work that is due, never for the work stored
// for later. (A minute stays in the sweep's range until the cursor passes it,
// so its emptied shards are read, one Get each, by the next two or three
// sweeps.)
//
// Claims. A sweep reads the minutes from the cursor (the oldest minute that may
// still hold work) up to now. It claims a shard's due items with one
// compare-and-set that records when the claim was made (only the node whose
// claim was written runs them), hands them to one bounded pool of workers, and
// claims the next shard while they run. When a shard's items are done they are
// removed in one more compare-and-set. A node that dies after claiming leaves
// claims that expire after Scheduler.ClaimLease (a minute by default); the next
// sweep claims them again, so an item is never lost, and its work must be
// idempotent for that rare case (the work's own compare-and-set markers make it
// so). The cursor moves past a minute only once every listed shard of it and of
// every earlier minute is empty, and stays settleGrace behind now so that a node
// whose clock lags cannot write behind it.
//
// Upgrade. The previous version wrote 8 shards per minute and no index, and a
// cursor at v1/due/cursor. This version keeps its own cursor (cursor.go): on a
// store the previous version used, the first sweep finds the shard documents it
// left (one listing of the keys) and adds them to their minutes' indexes, and a
// second scan after the rollout grace catches items an old node still wrote
// while the cluster was being upgraded; until then the cursor stays behind the
// upgrade time. A store this version started never scans. Cancel also looks in
// an id's legacy shard, and Schedule, in a minute the scan marked, does not add
// an item the previous version already holds.
package jobs

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// DefaultClaimLease is how long a claim holds before another sweep may take the
// item again: longer than an item's work, so that mostly a dead node's claims
// expire; a slow item run again is safe because its work is idempotent.
const DefaultClaimLease = time.Minute

// DefaultWorkers is how many claimed items run at once in one sweep: their work
// mostly waits on the server (a DM), and items are independent.
const DefaultWorkers = 16

// shards is how many documents one minute's items are spread over.
const shards = 64

// legacyShards is how many shard documents the previous version used per minute.
const legacyShards = 8

// maxBucketsPerSweep bounds one sweep's catch-up after a long outage; the next
// sweep goes on where it stopped.
const maxBucketsPerSweep = 24 * 60

const keyPrefix = "v1/due/"

const minuteLayout = "200601021504"

func bucketKey(minute time.Time, shard int) string {
	return fmt.Sprintf("%s%s/%d", keyPrefix, minute.UTC().Format(minuteLayout), shard)
}

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

// Handler does the work of one kind of item. An error keeps the item due: the
// next sweep tries again once the claim lease has passed.
type Handler func(item Item) error

// Scheduler keeps the due index in a KV store.
type Scheduler struct {
	// ClaimLease is how long a claim holds (DefaultClaimLease unless set to
	// more than zero).
	ClaimLease time.Duration
	// Workers is how many claimed items one sweep runs at once (DefaultWorkers
	// unless set).
	Workers int

	kv       store.KV
	handlers map[string]Handler
	now      func() time.Time
	cursor   cursorState
	indexes  indexCache
}

// New returns a scheduler over kv; now is the clock (time.Now in production).
func New(kv store.KV, now func() time.Time) *Scheduler {
	return &Scheduler{
		ClaimLease: DefaultClaimLease, Workers: DefaultWorkers,
		kv: kv, handlers: map[string]Handler{}, now: now,
	}
}

// Handle registers the work for a kind of item. Register every kind before the
// first sweep.
func (s *Scheduler) Handle(kind string, h Handler) { s.handlers[kind] = h }

func hashOf(id string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return h.Sum32()
}

func shardOf(id string) int { return int(hashOf(id) % shards) }

// legacyShardOf is where the previous version put id (shards is a multiple of
// legacyShards, so it is also shardOf(id) % legacyShards).
func legacyShardOf(id string) int { return int(hashOf(id) % legacyShards) }

func minuteOf(t time.Time) time.Time { return t.UTC().Truncate(time.Minute) }

// Schedule makes item due at item.DueAt; an item already due goes into the
// current minute. Scheduling the same ID again changes nothing. Idempotent.
func (s *Scheduler) Schedule(item Item) error { return s.ScheduleMany([]Item{item}) }

// ScheduleMany schedules several items as Schedule does, writing the items that
// share a minute and a shard in one compare-and-set (and each minute's index at
// most once). A repeated ID in items counts once, the first.
func (s *Scheduler) ScheduleMany(items []Item) error {
	for _, it := range items {
		if it.ID == "" || it.Kind == "" {
			return errors.New("a due item needs an id and a kind")
		}
	}
	if len(items) == 0 {
		return nil
	}
	now := minuteOf(s.now())
	if err := s.startCursor(now); err != nil {
		return err
	}
	type group = map[int][]Item // shard -> items
	byMinute := map[time.Time]group{}
	seen := map[string]bool{}
	for _, item := range items {
		if seen[item.ID] {
			continue
		}
		seen[item.ID] = true
		item.DueAt = item.DueAt.UTC()
		item.ClaimedAt, item.Attempts = time.Time{}, 0
		minute := minuteOf(item.DueAt)
		if minute.Before(now) {
			minute = now
		}
		if byMinute[minute] == nil {
			byMinute[minute] = group{}
		}
		shard := shardOf(item.ID)
		byMinute[minute][shard] = append(byMinute[minute][shard], item)
	}
	for _, minute := range sortedMinutes(byMinute) {
		groups := byMinute[minute]
		idx, err := s.ensureIndexed(minute, sortedShards(groups))
		if err != nil {
			return err
		}
		for _, shard := range sortedShards(groups) {
			if err := s.addToShard(minute, shard, groups[shard], idx.Legacy); err != nil {
				return err
			}
		}
	}
	return nil
}

// addToShard writes the items not yet in the shard in one compare-and-set. In a
// minute the previous version also wrote into, an item it already scheduled
// (in its legacy shard) is left alone too.
func (s *Scheduler) addToShard(minute time.Time, shard int, items []Item, legacy bool) error {
	if legacy {
		var err error
		if items, err = s.withoutLegacy(minute, shard, items); err != nil || len(items) == 0 {
			return err
		}
	}
	_, err := store.Update(s.kv, bucketKey(minute, shard), func(d *shardDoc, _ bool) error {
		if d.Items == nil {
			d.Items = map[string]*Item{}
		}
		added := false
		for i := range items {
			if _, ok := d.Items[items[i].ID]; !ok {
				it := items[i]
				d.Items[it.ID], added = &it, true
			}
		}
		if !added {
			return store.ErrUnchanged
		}
		return nil
	})
	return err
}

// withoutLegacy drops the items that the previous version already put in their
// legacy shard of minute.
func (s *Scheduler) withoutLegacy(minute time.Time, shard int, items []Item) ([]Item, error) {
	legacy := shard % legacyShards
	if legacy == shard {
		return items, nil // the same document: addToShard sees them
	}
	var d shardDoc
	if err := s.kv.Get(bucketKey(minute, legacy), &d); err != nil {
		return nil, errors.Wrapf(err, "read %s", bucketKey(minute, legacy))
	}
	return slices.DeleteFunc(items, func(it Item) bool { return d.Items[it.ID] != nil }), nil
}

// Cancel removes an item that is not due yet. (An item already due may be
// running; its work checks its own state.)
func (s *Scheduler) Cancel(id string, dueAt time.Time) error {
	minute := minuteOf(dueAt)
	found, err := s.removeFrom(minute, shardOf(id), id)
	if err != nil || found || shardOf(id) == legacyShardOf(id) {
		return err
	}
	// Not in its shard: the previous version may have written it. (Looking is
	// one Get, as reading the index would be, and needs no upgrade scan first.)
	_, err = s.removeFrom(minute, legacyShardOf(id), id)
	return err
}

func (s *Scheduler) removeFrom(minute time.Time, shard int, id string) (bool, error) {
	found := false
	_, err := store.Update(s.kv, bucketKey(minute, shard), func(d *shardDoc, _ bool) error {
		if _, found = d.Items[id]; !found {
			return store.ErrUnchanged
		}
		delete(d.Items, id)
		return nil
	})
	return found, err
}

func sortedMinutes[V any](m map[time.Time]V) []time.Time {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, time.Time.Compare)
	return keys
}

func sortedShards[V any](m map[int]V) []int { return slices.Sorted(maps.Keys(m)) }

func (s *Scheduler) run(it Item) error {
	h, ok := s.handlers[it.Kind]
	if !ok {
		return errors.Errorf("no handler for due work of kind %q", it.Kind)
	}
	return h(it)
}
