package app

import (
	"sync"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Activity collects who posted when in pair channels (never the text), for
// the "one side silent" reason of the at-risk list.
//
// The chat hook runs for every post on the server, so it must cost next to
// nothing: Record only counts the post in this node's buffer (a map update
// under a mutex, no I/O). Every flush (15 s) writes each pair channel's
// counts into its match's ledger line with one compare-and-set, however many
// posts it saw. A post's hook fires on the one node that created it, so on
// several nodes each flushes its own posts and the merge adds them up.
type Activity struct{ base }

func newActivity(b base) *Activity { return &Activity{base: b} }

// Bounds of the node-local buffer and cache, so that a flood of posts in
// channels that are not pair channels cannot grow memory without limit.
const (
	// maxBufferedChannels is how many channels one flush may carry; posts in
	// further channels are dropped (and counted) until the next flush.
	maxBufferedChannels = 50_000
	// maxPostersPerChannel: a pair channel has two people (and perhaps a
	// coordinator); a channel where more post between two flushes is an
	// ordinary one (told apart at the flush), so its further posters are
	// ignored, not counted as dropped.
	maxPostersPerChannel = 8
	// maxDaysPerPoster bounds the UTC days one poster's counts span in one
	// flush (posts arrive with the current time; this only caps odd input).
	maxDaysPerPoster = 4
	// maxCachedChannels bounds each of the two lookup caches.
	maxCachedChannels = 100_000
	// notPairFor is how long "this channel is no pair channel" is believed:
	// a channel becomes one only when a match creates it, which is rare, and a
	// flood of posts in an ordinary channel then costs one lookup per period.
	notPairFor = 5 * time.Minute
)

const msPerDay = int64(24 * time.Hour / time.Millisecond)

// postTally is one poster's posts in one channel since the last flush.
type postTally struct {
	last int64           // the latest post, Unix milliseconds
	days map[int64]int64 // posts per UTC day (days since the epoch)
}

// activityBuffer is one node's chat activity not yet written, and its cache
// of which channels are pair channels. Shared by every request's services
// (Deps.activity).
type activityBuffer struct {
	mu      sync.Mutex
	pending map[string]map[string]*postTally // channel → poster → tally
	dropped int64                            // posts not buffered since the last flush (the channel or day bound was reached)
	// notPair holds channels known not to be pair channels, until when (Unix
	// milliseconds); read by Record so their posts are not even buffered.
	notPair map[string]int64

	// flushMu makes flushes take turns; pairs is only used while holding it.
	flushMu sync.Mutex
	pairs   map[string]store.PairChannelRef
	lookups int // PairChannel reads, for the tests
}

func newActivityBuffer() *activityBuffer {
	return &activityBuffer{
		pending: map[string]map[string]*postTally{},
		notPair: map[string]int64{},
		pairs:   map[string]store.PairChannelRef{},
	}
}

// Record notes that userID posted in channelID at a time (Unix
// milliseconds); it does no I/O.
func (a *Activity) Record(channelID, userID string, at int64) {
	if channelID == "" || userID == "" || at <= 0 {
		return
	}
	a.deps.activity.record(channelID, userID, at)
}

func (b *activityBuffer) record(channelID, userID string, at int64) {
	day := at / msPerDay
	b.mu.Lock()
	defer b.mu.Unlock()
	if until, no := b.notPair[channelID]; no && at < until {
		return
	}
	posters := b.pending[channelID]
	if posters == nil {
		if len(b.pending) >= maxBufferedChannels {
			b.dropped++
			return
		}
		posters = make(map[string]*postTally, 2)
		b.pending[channelID] = posters
	}
	t := posters[userID]
	if t == nil {
		if len(posters) >= maxPostersPerChannel {
			return
		}
		t = &postTally{days: make(map[int64]int64, 1)}
		posters[userID] = t
	}
	if _, ok := t.days[day]; !ok && len(t.days) >= maxDaysPerPoster {
		b.dropped++
		return
	}
	t.days[day]++
	t.last = max(t.last, at)
}

// take hands the buffered activity to a flush and starts a new buffer; it
// also forgets "not a pair channel" answers that have expired.
func (b *activityBuffer) take(now time.Time) (map[string]map[string]*postTally, int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	batch, dropped := b.pending, b.dropped
	b.pending, b.dropped = make(map[string]map[string]*postTally, len(batch)), 0
	for ch, until := range b.notPair {
		if now.UnixMilli() >= until {
			delete(b.notPair, ch)
		}
	}
	return batch, dropped
}

// putBack returns a channel's activity that could not be written, for the
// next flush, adding it to what arrived since.
func (b *activityBuffer) putBack(channelID string, posters map[string]*postTally) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cur := b.pending[channelID]
	if cur == nil {
		if len(b.pending) >= maxBufferedChannels {
			b.dropped += countPosts(posters)
			return
		}
		b.pending[channelID] = posters
		return
	}
	for user, t := range posters {
		if c := cur[user]; c != nil {
			c.last = max(c.last, t.last)
			for day, n := range t.days {
				c.days[day] += n
			}
		} else {
			cur[user] = t
		}
	}
}

func countPosts(posters map[string]*postTally) int64 {
	var n int64
	for _, t := range posters {
		for _, c := range t.days {
			n += c
		}
	}
	return n
}

// pairOf resolves a channel to its match with the node-local cache: a pair
// channel never changes its match, so a positive answer is kept for good; a
// negative one for notPairFor.
func (b *activityBuffer) pairOf(st *store.Store, channelID string, now time.Time) (store.PairChannelRef, bool, error) {
	if ref, ok := b.pairs[channelID]; ok {
		return ref, true, nil
	}
	b.lookups++
	ref, found, err := st.PairChannel(channelID)
	if err != nil {
		return ref, false, err
	}
	if found {
		if len(b.pairs) >= maxCachedChannels {
			clear(b.pairs) // simply looked up again: pointers never change
		}
		b.pairs[channelID] = ref
		return ref, true, nil
	}
	b.mu.Lock()
	if len(b.notPair) < maxCachedChannels {
		b.notPair[channelID] = now.Add(notPairFor).UnixMilli()
	}
	b.mu.Unlock()
	return ref, false, nil
}

// Flush writes what this node recorded since the last flush into the health
// ledger: one compare-and-set per match. What cannot be written is kept for
// the next flush.
func (a *Activity) Flush() error {
	b := a.deps.activity
	b.flushMu.Lock()
	defer b.flushMu.Unlock()
	now := a.deps.Now().UTC()
	batch, dropped := b.take(now)
	var firstErr error
	failed, orphans := 0, 0
	for channelID, posters := range batch {
		ref, isPair, err := b.pairOf(a.store, channelID, now)
		if err == nil && isPair {
			var lost bool
			lost, err = a.merge(ref, posters, now)
			if lost {
				orphans++
			}
		}
		if err != nil {
			b.putBack(channelID, posters)
			failed++
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	switch {
	case firstErr != nil:
		return errors.Wrapf(firstErr, "write the chat activity of %d channels (kept for the next flush)", failed)
	case dropped > 0:
		return errors.Errorf("%d posts were not counted: the activity buffer was full", dropped)
	case orphans > 0:
		return errors.Errorf("the posts of %d pair channels were not counted: their match has no ledger line", orphans)
	}
	return nil
}

// merge adds a channel's posts to its match's ledger line. It reports lost
// when the line does not exist even after recomputing it (nothing to add to).
func (a *Activity) merge(ref store.PairChannelRef, posters map[string]*postTally, now time.Time) (lost bool, err error) {
	for attempt := 0; ; attempt++ {
		missing := false
		_, err := a.store.UpdateMatchHealth(ref.ProgramID, ref.MatchID, func(h *domain.MatchHealth, exists bool) error {
			if !exists {
				missing = true
				return store.ErrUnchanged
			}
			if !mergeActivity(h, posters, now) {
				return store.ErrUnchanged
			}
			h.UpdatedAt = now
			return nil
		})
		if err != nil || !missing {
			return false, err
		}
		if attempt > 0 {
			return true, nil
		}
		// The pointer was written before the match's line (or the line's first
		// computation failed): compute it now, then add to it.
		a.health.Changed(ref.MatchID)
	}
}

// mergeActivity adds the tallies of the match's two people to the line (the
// posts of anyone else in the channel do not count) and forgets days older
// than domain.HealthActivityDays. It reports whether anything changed.
func mergeActivity(h *domain.MatchHealth, posters map[string]*postTally, now time.Time) bool {
	oldest := now.UnixMilli()/msPerDay - domain.HealthActivityDays + 1
	changed := false
	for _, user := range []string{h.MentorID, h.MenteeID} {
		t := posters[user]
		if user == "" || t == nil {
			continue
		}
		if h.Activity == nil {
			h.Activity = map[string]*domain.ChannelActivity{}
		}
		// Copy: the line may be shared with the store's page being retried.
		cur := &domain.ChannelActivity{Days: map[string]int{}}
		if old := h.Activity[user]; old != nil {
			cur.LastPostAt = old.LastPostAt
			for day, n := range old.Days {
				cur.Days[day] = n
			}
		}
		if last := time.UnixMilli(t.last).UTC(); last.After(cur.LastPostAt) {
			cur.LastPostAt = last
		}
		for day, n := range t.days {
			if day >= oldest {
				cur.Days[dayName(day)] += int(n)
			}
		}
		for day := range cur.Days {
			if day < dayName(oldest) {
				delete(cur.Days, day)
			}
		}
		h.Activity[user] = cur
		changed = true
	}
	return changed
}

// dayName is a day since the epoch as YYYY-MM-DD (UTC).
func dayName(day int64) string {
	return time.UnixMilli(day * msPerDay).UTC().Format(time.DateOnly)
}
