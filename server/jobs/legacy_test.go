package jobs

import (
	"fmt"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// writeLegacy writes an item as the previous version did: into shard
// hash(id) % 8 of its minute, with no index, after starting its cursor.
func writeLegacy(t *testing.T, kv store.KV, now time.Time, it Item) {
	_, err := kv.Set(legacyCursorKey, map[string]time.Time{"minute": minuteOf(now)}, pluginapi.SetAtomic(nil))
	require.NoError(t, err)
	it.DueAt = it.DueAt.UTC()
	minute := minuteOf(it.DueAt)
	if minute.Before(minuteOf(now)) {
		minute = minuteOf(now) // it put work already due into the current minute
	}
	_, err = store.Update(kv, bucketKey(minute, legacyShardOf(it.ID)), func(d *shardDoc, _ bool) error {
		if d.Items == nil {
			d.Items = map[string]*Item{}
		}
		d.Items[it.ID] = &it
		return nil
	})
	require.NoError(t, err)
}

// legacyID returns an id whose shard now differs from its legacy shard, so
// that only the upgrade handling can find it.
func legacyID(name string) string {
	for i := 0; ; i++ {
		id := fmt.Sprintf("%s-%d", name, i)
		if shardOf(id) != legacyShardOf(id) {
			return id
		}
	}
}

func TestItemsOfThePreviousLayoutRunAfterTheUpgrade(t *testing.T) {
	kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
	tomorrow := c.Now().Add(24 * time.Hour)
	past, soon, later, again, cancelled := legacyID("past"), legacyID("soon"), legacyID("later"), legacyID("again"), legacyID("cancelled")
	writeLegacy(t, kv, c.Now(), Item{ID: past, Kind: "remind", DueAt: c.Now().Add(-time.Minute)})
	writeLegacy(t, kv, c.Now(), Item{ID: soon, Kind: "remind", DueAt: c.Now().Add(30 * time.Minute)})
	for _, id := range []string{later, again, cancelled} {
		writeLegacy(t, kv, c.Now(), Item{ID: id, Kind: "remind", DueAt: tomorrow})
	}

	s := newNode(kv, c, r)
	require.NoError(t, s.Cancel(cancelled, tomorrow), "cancel before the upgrade scan")
	require.NoError(t, s.Schedule(Item{ID: "new", Kind: "remind", DueAt: c.Now().Add(10 * time.Minute)}))
	_, err := s.Sweep() // the first upgrade scan
	require.NoError(t, err)
	require.Equal(t, map[string]int{past: 1}, r.n)
	require.NoError(t, s.Schedule(Item{ID: again, Kind: "remind", DueAt: tomorrow}), "already scheduled by the previous version")

	// An old node still running during the upgrade writes one more, into its
	// current minute; the second scan, after the rollout grace, finds it, and
	// the cursor does not pass it before.
	c.Advance(5 * time.Minute)
	straggler := legacyID("straggler")
	writeLegacy(t, kv, c.Now(), Item{ID: straggler, Kind: "remind", DueAt: c.Now()})
	for range 9 {
		c.Advance(time.Minute)
		_, err = s.Sweep()
		require.NoError(t, err)
	}
	cur, err := s.readCursor()
	require.NoError(t, err)
	require.False(t, cur.Minute.After(minuteOf(start().Now())), "the cursor waits for the second scan")
	require.Equal(t, map[string]int{past: 1, "new": 1}, r.n)

	c.Advance(rolloutGrace)
	_, err = s.Sweep()
	require.NoError(t, err)
	require.Equal(t, map[string]int{past: 1, "new": 1, straggler: 1}, r.n)

	c.Advance(15 * time.Minute)
	_, err = s.Sweep()
	require.NoError(t, err)
	require.Equal(t, 1, r.n[soon])

	c.Advance(24 * time.Hour)
	before := kv.calls()
	_, err = s.Sweep()
	require.NoError(t, err)
	require.Zero(t, kv.since(before).Lists, "the keys are listed only by the two upgrade scans")
	require.Equal(t, map[string]int{past: 1, "new": 1, straggler: 1, soon: 1, later: 1, again: 1}, r.n)
	cur, err = s.readCursor()
	require.NoError(t, err)
	require.True(t, cur.upgraded())
	require.True(t, cur.Minute.After(tomorrow), "the cursor moved on")
}

func TestAFreshStoreNeedsNoUpgradeScan(t *testing.T) {
	kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
	s := newNode(kv, c, r)
	require.NoError(t, s.Schedule(Item{ID: "a", Kind: "remind", DueAt: c.Now()}))
	for range 20 {
		c.Advance(time.Minute)
		_, err := s.Sweep()
		require.NoError(t, err)
	}
	require.Equal(t, map[string]int{"a": 1}, r.n)
	require.Zero(t, kv.calls().Lists)
}

func TestParseBucketKey(t *testing.T) {
	m, shard, ok := parseBucketKey(bucketKey(start().Now(), 63))
	require.True(t, ok)
	require.Equal(t, minuteOf(start().Now()), m)
	require.Equal(t, 63, shard)
	for _, k := range []string{cursorKey, legacyCursorKey, indexKey(start().Now()), "v1/due/202611270900/x", "v2/other/202611270900/1"} {
		_, _, ok := parseBucketKey(k)
		require.False(t, ok, k)
	}
}
