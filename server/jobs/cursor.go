package jobs

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// cursorKey is this version's cursor. The previous version's (legacyCursorKey)
// is left as it was: an old node still running during an upgrade moves only
// its own, so it cannot carry this version's cursor past items it cannot see.
const (
	cursorKey       = keyPrefix + "cursor-v2"
	legacyCursorKey = keyPrefix + "cursor"
)

// legacyScansNeeded: one scan when this version first sweeps, one after the
// rollout grace for what old nodes wrote while the cluster was being upgraded.
const legacyScansNeeded = 2

// rolloutGrace is how long after the first scan an old node may still be
// running (a plugin upgrade restarts every node within seconds).
const rolloutGrace = 15 * time.Minute

// listPage is the page size of the upgrade scan's key listing.
const listPage = 1000

// settleGrace is how far behind now the cursor stays. A Schedule on another
// node writes into the minute of its own clock; keeping the cursor this far back
// means a minute is declared empty only when no node can still write into it.
const settleGrace = 2 * time.Minute

type cursor struct {
	// Minute is the oldest minute that may still hold work.
	Minute time.Time `json:"minute"`
	// UpgradedAt is when the first scan for the previous version's shards ran
	// (zero before it, and on a store that version never used).
	UpgradedAt time.Time `json:"v2since,omitzero"`
	// LegacyScans counts the finished scans for the previous version's shards.
	LegacyScans int `json:"legacy_scans"`
}

func (c cursor) upgraded() bool { return c.LegacyScans >= legacyScansNeeded }

// cursorState remembers that the cursor exists (by any node's write); the
// cursor is never deleted, so a node checks at most once.
type cursorState struct{ exists atomic.Bool }

// startCursor records where the first sweep starts, once: before the first item
// is written, so no item can sit in a minute behind the cursor. On a store the
// previous version used, it starts at that version's cursor and leaves the
// upgrade scans to do.
func (s *Scheduler) startCursor(minute time.Time) error {
	if s.cursor.exists.Load() {
		return nil
	}
	var raw []byte
	if err := s.kv.Get(cursorKey, &raw); err != nil {
		return errors.Wrap(err, "read the due-work cursor")
	}
	if len(raw) == 0 {
		c := cursor{Minute: minute, LegacyScans: legacyScansNeeded}
		var old struct {
			Minute time.Time `json:"minute"`
		}
		if err := s.kv.Get(legacyCursorKey, &raw); err != nil {
			return errors.Wrap(err, "read the previous due-work cursor")
		}
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &old); err != nil {
				return errors.Wrap(err, "decode the previous due-work cursor")
			}
			c = cursor{Minute: earlier(old.Minute.UTC(), minute)}
		}
		if _, err := s.kv.Set(cursorKey, c, pluginapi.SetAtomic(nil)); err != nil {
			return errors.Wrap(err, "start the due-work cursor")
		}
	}
	s.cursor.exists.Store(true)
	return nil
}

func (s *Scheduler) readCursor() (cursor, error) {
	var raw []byte
	var c cursor
	if err := s.kv.Get(cursorKey, &raw); err != nil {
		return c, errors.Wrap(err, "read the due-work cursor")
	}
	if len(raw) == 0 {
		return c, errors.New("the due-work cursor is missing")
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, errors.Wrap(err, "decode the due-work cursor")
	}
	return c, nil
}

// advanceCursor moves the cursor forward to to (never back).
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

// cursorLimit is the furthest the cursor may go: settleGrace behind now, and
// until the upgrade scans are done, behind the first of them (an old node may
// still write into later minutes, and only the second scan indexes that).
func (c cursor) limit(now time.Time) time.Time {
	limit := minuteOf(now).Add(-settleGrace)
	if !c.upgraded() {
		limit = earlier(limit, minuteOf(c.UpgradedAt).Add(-settleGrace))
	}
	return limit
}

// upgrade runs the upgrade scan that is due, if any, and returns the cursor as
// it now is. The scan is recorded only after it finished, so a node that dies
// half way leaves it to the next sweep (adding to an index is idempotent).
func (s *Scheduler) upgrade(c cursor, now time.Time) (cursor, error) {
	if c.upgraded() || (c.LegacyScans > 0 && now.Before(c.UpgradedAt.Add(rolloutGrace))) {
		return c, nil
	}
	if err := s.indexLegacyShards(c.Minute); err != nil {
		return c, err
	}
	return store.Update(s.kv, cursorKey, func(d *cursor, _ bool) error {
		if d.LegacyScans > c.LegacyScans {
			return store.ErrUnchanged // another node recorded it
		}
		if d.UpgradedAt.IsZero() {
			d.UpgradedAt = now
		}
		d.LegacyScans = c.LegacyScans + 1
		return nil
	})
}

// indexLegacyShards finds the shard documents the previous version may have
// written (shards 0..7) in minutes from from on, and adds them to their
// minutes' indexes, marked Legacy. It lists every key of the plugin once, page
// by page without a filter (a filtered page may be short while more follow).
func (s *Scheduler) indexLegacyShards(from time.Time) error {
	byMinute := map[time.Time][]int{}
	for page := 0; ; page++ {
		keys, err := s.kv.ListKeys(page, listPage)
		if err != nil {
			return errors.Wrap(err, "list the keys for due work of the previous version")
		}
		for _, k := range keys {
			if m, shard, ok := parseBucketKey(k); ok && shard < legacyShards && !m.Before(from) {
				byMinute[m] = append(byMinute[m], shard)
			}
		}
		if len(keys) < listPage {
			break
		}
	}
	for _, m := range sortedMinutes(byMinute) {
		shards := slices.Sorted(slices.Values(byMinute[m]))
		_, err := store.Update(s.kv, indexKey(m), func(d *indexDoc, _ bool) error {
			if !d.add(shards) && d.Legacy {
				return store.ErrUnchanged
			}
			d.Legacy = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// parseBucketKey reads v1/due/<minute>/<shard>.
func parseBucketKey(key string) (time.Time, int, bool) {
	rest, ok := strings.CutPrefix(key, keyPrefix)
	if !ok {
		return time.Time{}, 0, false
	}
	minute, shard, ok := strings.Cut(rest, "/")
	if !ok {
		return time.Time{}, 0, false
	}
	m, err := time.Parse(minuteLayout, minute)
	if err != nil {
		return time.Time{}, 0, false
	}
	n, err := strconv.Atoi(shard)
	if err != nil || n < 0 {
		return time.Time{}, 0, false
	}
	return m.UTC(), n, true
}
