package app

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// activityKV is the KV store of the activity tests: it counts reads and
// writes by key prefix and can be told to fail every write.
type activityKV struct {
	*pluginapi.MemoryStore
	mu       sync.Mutex
	gets     map[string]int // by key
	sets     map[string]int // by key
	failSets atomic.Bool
}

func newActivityKV() *activityKV {
	return &activityKV{MemoryStore: &pluginapi.MemoryStore{}, gets: map[string]int{}, sets: map[string]int{}}
}

func (kv *activityKV) Get(key string, out any) error {
	kv.mu.Lock()
	kv.gets[key]++
	kv.mu.Unlock()
	return kv.MemoryStore.Get(key, out)
}

func (kv *activityKV) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	if kv.failSets.Load() {
		return false, errors.New("the database is gone")
	}
	kv.mu.Lock()
	kv.sets[key]++
	kv.mu.Unlock()
	return kv.MemoryStore.Set(key, value, options...)
}

// count sums the reads or writes of keys containing part since the last reset.
func (kv *activityKV) count(byKey map[string]int, part string) int {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	n := 0
	for k, c := range byKey {
		if strings.Contains(k, part) {
			n += c
		}
	}
	return n
}

func (kv *activityKV) reset() {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.gets, kv.sets = map[string]int{}, map[string]int{}
}

// activityWorld is one KV store with a clock; node() is a server node on it
// with its own activity buffer.
type activityWorld struct {
	t     *testing.T
	kv    *activityKV
	st    *store.Store
	mu    sync.Mutex
	clock time.Time
}

func newActivityWorld(t *testing.T) *activityWorld {
	kv := newActivityKV()
	return &activityWorld{t: t, kv: kv, st: store.New(kv), clock: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
}

func (w *activityWorld) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.clock
}

func (w *activityWorld) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.clock = w.clock.Add(d)
}

func (w *activityWorld) node() *Services {
	return NewServices(w.st, Deps{
		Directory: &fakeDirectory{}, Now: w.now,
		Settings: func() Settings { return Settings{} },
	})
}

// pair makes a match's ledger line and its pair channel pointer.
func (w *activityWorld) pair(n int) (channelID, matchID, mentor, mentee string) {
	w.t.Helper()
	channelID, matchID = fmt.Sprintf("chan%d", n), fmt.Sprintf("match%d", n)
	mentor, mentee = fmt.Sprintf("mentor%d", n), fmt.Sprintf("mentee%d", n)
	_, err := w.st.UpdateMatchHealth("prog", matchID, func(h *domain.MatchHealth, _ bool) error {
		h.MentorID, h.MenteeID, h.Status, h.ChannelID = mentor, mentee, domain.MatchActive, channelID
		return nil
	})
	require.NoError(w.t, err)
	require.NoError(w.t, w.st.PutPairChannel(channelID, "prog", matchID))
	return
}

func (w *activityWorld) line(matchID string) *domain.MatchHealth {
	w.t.Helper()
	h, found, err := w.st.GetMatchHealth("prog", matchID)
	require.NoError(w.t, err)
	require.True(w.t, found)
	return h
}

func (w *activityWorld) at(offset time.Duration) int64 { return w.now().Add(offset).UnixMilli() }

func TestActivityManyPostsAreOneWritePerMatchPerFlush(t *testing.T) {
	w := newActivityWorld(t)
	node := w.node()
	var chans, matches, mentors, mentees [3]string
	for i := range chans {
		chans[i], matches[i], mentors[i], mentees[i] = w.pair(i)
	}

	// What writing one post costs: the baseline of one match's merge.
	node.Activity.Record(chans[0], mentees[0], w.at(0))
	w.kv.reset()
	require.NoError(t, node.Activity.Flush())
	perMatch := w.kv.count(w.kv.sets, "")
	require.Positive(t, perMatch)
	require.LessOrEqual(t, perMatch, 1, "a merge is one compare-and-set of the line's page")

	// Hundreds of posts in three pair channels, and chatter elsewhere.
	w.kv.reset()
	for i := 0; i < 300; i++ {
		c := i % 3
		node.Activity.Record(chans[c], mentees[c], w.at(time.Duration(i)*time.Millisecond))
		if i%2 == 0 {
			node.Activity.Record(chans[c], mentors[c], w.at(time.Duration(i)*time.Millisecond))
		}
		node.Activity.Record("town-square", fmt.Sprintf("user%d", i%50), w.at(0))
	}
	require.Zero(t, w.kv.count(w.kv.gets, "")+w.kv.count(w.kv.sets, ""), "recording does no I/O")
	require.NoError(t, node.Activity.Flush())
	require.Equal(t, 3*perMatch, w.kv.count(w.kv.sets, ""), "one write per match, not per post")

	day := w.now().Format(time.DateOnly)
	h := w.line(matches[1])
	require.Equal(t, 100, h.Activity[mentees[1]].Days[day])
	require.Equal(t, 50, h.Activity[mentors[1]].Days[day])
	h0 := w.line(matches[0])
	require.Equal(t, 101, h0.Activity[mentees[0]].Days[day], "added to the first flush's post")
	require.Equal(t, time.UnixMilli(w.at(297*time.Millisecond)).UTC(), h0.Activity[mentees[0]].LastPostAt)

	// An empty flush writes nothing.
	w.kv.reset()
	require.NoError(t, node.Activity.Flush())
	require.Zero(t, w.kv.count(w.kv.sets, ""))
}

func TestActivityOnlyTheMatchsTwoPeopleCount(t *testing.T) {
	w := newActivityWorld(t)
	node := w.node()
	ch, match, mentor, _ := w.pair(1)
	node.Activity.Record(ch, mentor, w.at(0))
	node.Activity.Record(ch, "coordinator", w.at(0))
	node.Activity.Record(ch, "someone-else", w.at(0))
	require.NoError(t, node.Activity.Flush())
	h := w.line(match)
	require.Len(t, h.Activity, 1)
	require.Equal(t, 1, h.Activity[mentor].Days[w.now().Format(time.DateOnly)])

	// A flush where only others posted writes nothing.
	w.kv.reset()
	node.Activity.Record(ch, "coordinator", w.at(0))
	require.NoError(t, node.Activity.Flush())
	require.Zero(t, w.kv.count(w.kv.sets, ""))
}

func TestActivityOfTwoNodesAddsUp(t *testing.T) {
	w := newActivityWorld(t)
	one, two := w.node(), w.node()
	ch, match, mentor, mentee := w.pair(1)
	for i := 0; i < 40; i++ {
		one.Activity.Record(ch, mentee, w.at(time.Duration(i)*time.Second))
		two.Activity.Record(ch, mentee, w.at(time.Duration(i)*time.Second+time.Millisecond))
		if i < 5 {
			two.Activity.Record(ch, mentor, w.at(time.Duration(i)*time.Second))
		}
	}
	// Both nodes flush at the same moment: compare-and-set makes them add up.
	var wg sync.WaitGroup
	for _, n := range []*Services{one, two} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, n.Activity.Flush())
		}()
	}
	wg.Wait()
	h := w.line(match)
	day := w.now().Format(time.DateOnly)
	require.Equal(t, 80, h.Activity[mentee].Days[day])
	require.Equal(t, 5, h.Activity[mentor].Days[day])
	require.Equal(t, time.UnixMilli(w.at(39*time.Second+time.Millisecond)).UTC(), h.Activity[mentee].LastPostAt)
}

func TestActivityUnknownChannelCostsOneLookupPerFiveMinutes(t *testing.T) {
	w := newActivityWorld(t)
	node := w.node()
	ch, _, _, mentee := w.pair(1)
	lookups := func(channel string) int { return w.kv.count(w.kv.gets, "pair_channel/"+channel) }
	w.kv.reset()
	// 5 minutes of a busy ordinary channel, a flush every 15 s.
	for tick := 0; tick < 20; tick++ {
		for i := 0; i < 50; i++ {
			node.Activity.Record("town-square", fmt.Sprintf("user%d", i), w.at(0))
		}
		node.Activity.Record(ch, mentee, w.at(0))
		require.NoError(t, node.Activity.Flush())
		w.advance(15 * time.Second)
	}
	require.Equal(t, 1, lookups("town-square"), "one lookup in five minutes")
	require.Equal(t, 1, lookups(ch), "a pair channel is looked up once for good")
	require.Zero(t, w.kv.count(w.kv.sets, "town-square"))

	// After five minutes the answer is checked again (once).
	for tick := 0; tick < 2; tick++ {
		node.Activity.Record("town-square", "user1", w.at(0))
		require.NoError(t, node.Activity.Flush())
		w.advance(15 * time.Second)
	}
	require.Equal(t, 2, lookups("town-square"))

	// It became a pair channel: seen once the negative answer lapses.
	w.kv.reset()
	_, err := w.st.UpdateMatchHealth("prog", "match9", func(h *domain.MatchHealth, _ bool) error {
		h.MentorID, h.MenteeID = "m9", "e9"
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, w.st.PutPairChannel("town-square", "prog", "match9"))
	w.advance(notPairFor)
	node.Activity.Record("town-square", "e9", w.at(0))
	require.NoError(t, node.Activity.Flush())
	require.Equal(t, 1, w.line("match9").Activity["e9"].Days[w.now().Format(time.DateOnly)])
}

func TestActivityIsKeptWhenTheWriteFails(t *testing.T) {
	w := newActivityWorld(t)
	node := w.node()
	ch, match, _, mentee := w.pair(1)
	for i := 0; i < 7; i++ {
		node.Activity.Record(ch, mentee, w.at(0))
	}
	w.kv.failSets.Store(true)
	require.Error(t, node.Activity.Flush())
	require.Nil(t, w.line(match).Activity)

	// More posts arrive while the store is down; the next flush writes all.
	for i := 0; i < 3; i++ {
		node.Activity.Record(ch, mentee, w.at(time.Second))
	}
	w.kv.failSets.Store(false)
	require.NoError(t, node.Activity.Flush())
	require.Equal(t, 10, w.line(match).Activity[mentee].Days[w.now().Format(time.DateOnly)])
}

func TestActivityKeepsTheLastThirtyDays(t *testing.T) {
	w := newActivityWorld(t)
	node := w.node()
	ch, match, _, mentee := w.pair(1)
	node.Activity.Record(ch, mentee, w.at(0))
	require.NoError(t, node.Activity.Flush())
	first := w.now().Format(time.DateOnly)

	w.advance(domain.HealthActivityDays * 24 * time.Hour)
	node.Activity.Record(ch, mentee, w.at(0))
	node.Activity.Record(ch, mentee, w.at(-31*24*time.Hour)) // an imported old post
	require.NoError(t, node.Activity.Flush())
	days := w.line(match).Activity[mentee].Days
	require.Equal(t, map[string]int{w.now().Format(time.DateOnly): 1}, days, "%s dropped after 30 days", first)
}

func TestActivityBufferIsBounded(t *testing.T) {
	b := newActivityBuffer()
	at := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC).UnixMilli()
	for i := 0; i < maxBufferedChannels+10; i++ {
		b.record(fmt.Sprintf("c%d", i), "u", at)
	}
	for i := 0; i < maxPostersPerChannel+5; i++ {
		b.record("c0", fmt.Sprintf("u%d", i), at)
	}
	for d := int64(0); d < maxDaysPerPoster+3; d++ {
		b.record("c1", "u", at+d*msPerDay)
	}
	batch, dropped := b.take(time.Now())
	require.Len(t, batch, maxBufferedChannels)
	require.Len(t, batch["c0"], maxPostersPerChannel)
	require.Len(t, batch["c1"]["u"].days, maxDaysPerPoster)
	require.Equal(t, int64(10+3), dropped, "extra posters of one channel are ignored, not dropped")
}

func TestActivityOfAMatchWithoutALedgerLineIsDroppedNotRetriedForever(t *testing.T) {
	w := newActivityWorld(t)
	node := w.node()
	require.NoError(t, w.st.PutPairChannel("orphan", "prog", "no-such-match"))
	node.Activity.Record("orphan", "u", w.at(0))
	require.Error(t, node.Activity.Flush(), "reported")
	w.kv.reset()
	require.NoError(t, node.Activity.Flush(), "and not kept")
	require.Zero(t, w.kv.count(w.kv.sets, ""))
}

func BenchmarkActivityRecord(b *testing.B) {
	buf := newActivityBuffer()
	at := time.Now().UnixMilli()
	chans := make([]string, 1000)
	for i := range chans {
		chans[i] = fmt.Sprintf("chan%026d", i)
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			buf.record(chans[i%len(chans)], "user00000000000000000000000", at)
			i++
		}
	})
}
