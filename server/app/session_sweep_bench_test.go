package app

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/jobs"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// sweepWorld is the session service over a counting KV store and the real
// due-work scheduler, as on a server: sessions scheduled through the app put
// their reminders into the scheduler's due index.
type sweepWorld struct {
	svc   *Services
	kv    *countingKV
	due   *jobs.Scheduler
	notes *sessionNotes
	mu    sync.Mutex
	clock time.Time
	pairs []*domain.Match
	// firstStart is when the first scheduled session starts.
	firstStart time.Time
}

func (w *sweepWorld) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.clock
}

func (w *sweepWorld) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.clock = w.clock.Add(d)
}

// newSweepWorld makes a program with the given number of active pairs; the
// matches are written directly (their making is measured elsewhere).
func newSweepWorld(t testing.TB, pairs int) *sweepWorld {
	w := &sweepWorld{clock: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
	w.kv = &countingKV{MemoryStore: &pluginapi.MemoryStore{}, counts: map[string]int{}}
	w.notes = &sessionNotes{now: w.now}
	w.due = jobs.New(w.kv, w.now)
	dir := &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{"admin/team": true}}
	var idMu sync.Mutex
	ids := 0
	deps := Deps{
		Directory: dir, Notifier: &recordingNotifier{}, Matches: &matchNotes{}, Sessions: w.notes,
		Channels: &fakeChannels{byName: map[string]string{}}, Scheduler: benchDue{w.due},
		Settings: func() Settings {
			return Settings{Matching: domain.BuiltInMatchingDefaults, Sessions: SessionDefaults{WeeklyBudget: 100}}
		},
		Now: w.now,
		NewID: func() string {
			idMu.Lock()
			defer idMu.Unlock()
			ids++
			return fmt.Sprintf("id%024d", ids)
		},
	}
	w.svc = NewServices(store.New(w.kv), deps)
	for _, kind := range []string{DueFinishSession, DueRollSession, DueRemindSession, DueFollowUp, DueDigest} {
		w.due.Handle(kind, func(item jobs.Item) error {
			var payload string
			if err := json.Unmarshal(item.Payload, &payload); err != nil {
				return err
			}
			return w.svc.Sessions.HandleDue(item.Kind, payload)
		})
	}
	for _, h := range []interface {
		DueKinds() []string
		HandleDue(kind, payload string) error
	}{w.svc.Goals, w.svc.CheckIns, w.svc.Insight, w.svc.Digests, w.svc.Health} {
		for _, kind := range h.DueKinds() {
			w.due.Handle(kind, func(item jobs.Item) error {
				var payload string
				if err := json.Unmarshal(item.Payload, &payload); err != nil {
					return err
				}
				return h.HandleDue(item.Kind, payload)
			})
		}
	}
	name := "Sweep"
	p, err := w.svc.Programs.Create("admin", "team", ProgramFields{Name: &name, Coordinators: &[]string{"admin"}})
	require.NoError(t, err)
	for i := range pairs {
		m := &domain.Match{
			ID: fmt.Sprintf("match%020d", i), ProgramID: p.ID, TeamID: "team", Status: domain.MatchActive,
			MenteeID: fmt.Sprintf("mentee%d", i), MentorID: fmt.Sprintf("mentor%d", i), ChannelID: fmt.Sprintf("chan%d", i),
		}
		_, err := w.svc.store.CreateMatch(m)
		require.NoError(t, err)
		w.pairs = append(w.pairs, m)
	}
	return w
}

// schedule stores n sessions spread over the next 100 days, each pair's in
// turn, each with its reminders and follow-ups on the scheduler.
func (w *sweepWorld) schedule(t testing.TB, n int) {
	start := w.now().Add(48 * time.Hour).Truncate(time.Hour)
	w.firstStart = start
	for i := range n {
		m := w.pairs[i%len(w.pairs)]
		at := start.Add(time.Duration(i%2400) * time.Hour).Add(time.Duration(i/2400) * time.Minute)
		_, err := w.svc.Sessions.Schedule(m.MenteeID, ScheduleInput{MatchID: m.ID, Start: at})
		require.NoError(t, err)
	}
}

// settle moves the clock to at, sweeping every minute on the way, so that the
// cursor follows and minutes emptied long ago are not read again.
func (w *sweepWorld) settle(t testing.TB, at time.Time) {
	for w.now().Before(at) {
		w.advance(time.Minute)
		_, err := w.due.Sweep()
		require.NoError(t, err)
	}
}

// idleSweepCalls settles the scheduler (the cursor reaches now, safety nets
// run) and returns the KV calls of one sweep with nothing due.
func (w *sweepWorld) idleSweepCalls(t testing.TB) int {
	w.settle(t, w.now().Add(10*time.Minute))
	w.kv.reset()
	res, err := w.due.Sweep()
	require.NoError(t, err)
	require.Zero(t, res.Ran, "nothing is due")
	counts := w.kv.reset()
	return counts["get"] + counts["set"] + counts["delete"] + counts["list"]
}

func TestAnIdleSweepCostsTheSameWhateverTheSessionsStored(t *testing.T) {
	few := newSweepWorld(t, 20)
	few.schedule(t, 20)
	many := newSweepWorld(t, 100)
	many.schedule(t, 2000)
	require.Equal(t, few.idleSweepCalls(t), many.idleSweepCalls(t), "a sweep reads the minutes due, not what is stored")
}

// BenchmarkSweepWithStoredSessions stores SESSIONS sessions (default 100,000;
// `make bench-sweep`) and reports the KV calls of an idle sweep and of the
// sweep that sends one minute's reminders.
func BenchmarkSweepWithStoredSessions(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SESSIONS")); err == nil && v > 0 {
		n = v
	}
	w := newSweepWorld(b, 1000)
	started := time.Now()
	w.schedule(b, n)
	b.Logf("stored %d sessions (%d pairs) in %s", n, len(w.pairs), time.Since(started).Round(time.Millisecond))
	idle := w.idleSweepCalls(b)
	// The first sessions' day-before reminders come due.
	w.settle(b, w.firstStart.Add(-24*time.Hour-time.Minute))
	w.advance(time.Minute)
	w.kv.reset()
	res, err := w.due.Sweep()
	require.NoError(b, err)
	counts := w.kv.reset()
	busy := counts["get"] + counts["set"] + counts["delete"] + counts["list"]
	b.ReportMetric(float64(idle), "kv-calls/idle-sweep")
	b.ReportMetric(float64(busy), "kv-calls/busy-sweep")
	b.ReportMetric(float64(res.Ran), "items/busy-sweep")
	b.Logf("idle sweep: %d KV calls with %d sessions stored; a sweep running %d due items: %d KV calls (%.1f per item, DMs included in the fake notifier)",
		idle, n, res.Ran, busy, float64(busy)/float64(max(res.Ran, 1)))
	for b.Loop() {
		if _, err := w.due.Sweep(); err != nil {
			b.Fatal(err)
		}
	}
}
