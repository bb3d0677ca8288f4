package app

import (
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// digestDirectory gives each user a zone of their own.
type digestDirectory struct {
	fakeDirectory
	mu    sync.Mutex
	zones map[string]string
}

func (d *digestDirectory) User(u string) (UserInfo, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return UserInfo{Username: u, TimeZone: d.zones[u]}, u != ""
}

// digestNotes records each weekly digest and, like the real notifier, lets
// FindNudge (sessionNotes) find the DM by its key.
type digestNotes struct {
	s    *sessionNotes
	mu   sync.Mutex
	sent []string // "program/to"
	// gate, when set, holds a send until it is closed (a slow node), after
	// closing entered.
	gate, entered chan struct{}
}

func (n *digestNotes) Weekly(p *domain.Program, to string, v *InsightView, key string) string {
	if n.gate != nil {
		close(n.entered)
		<-n.gate
	}
	n.mu.Lock()
	n.sent = append(n.sent, p.ID+"/"+to)
	n.mu.Unlock()
	n.s.mu.Lock()
	defer n.s.mu.Unlock()
	return n.s.post(to, key)
}

func (n *digestNotes) count() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.sent)
}

type digestWorld struct {
	t       *testing.T
	kv      store.KV
	dir     *digestDirectory
	due     *fakeScheduler
	notes   *digestNotes
	mu      sync.Mutex
	clock   time.Time
	deps    Deps
	svc     *Services
	program *domain.Program
}

func newDigestWorld(t *testing.T, now time.Time) *digestWorld {
	w := &digestWorld{t: t, kv: &pluginapi.MemoryStore{}, due: &fakeScheduler{}, clock: now}
	w.dir = &digestDirectory{
		fakeDirectory: fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{"ny/team": true, "tokyo/team": true}},
		zones:         map[string]string{"ny": "America/New_York", "tokyo": "Asia/Tokyo"},
	}
	sessions := &sessionNotes{now: w.now}
	w.notes = &digestNotes{s: sessions}
	ids := 0
	w.deps = Deps{
		Directory: w.dir, Notifier: &recordingNotifier{}, Sessions: sessions, Digests: w.notes, Scheduler: w.due,
		Settings: func() Settings { return Settings{} }, Now: w.now,
		NewID: func() string { ids++; return fmt.Sprintf("dg%024d", ids) },
	}
	w.svc = NewServices(store.New(w.kv), w.deps)
	name := "Spring"
	p, err := w.svc.Programs.Create("admin", "team", ProgramFields{Name: &name, Coordinators: &[]string{"ny", "tokyo"}})
	require.NoError(t, err)
	w.program = p
	w.due.take(now.AddDate(10, 0, 0)) // only what the tests schedule
	return w
}

func (w *digestWorld) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.clock
}

func (w *digestWorld) set(t time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.clock = t
}

func (w *digestWorld) node() *Services { return NewServices(store.New(w.kv), w.deps) }

func (w *digestWorld) settings(day, clock string) {
	w.t.Helper()
	_, err := w.svc.store.UpdateProgram(w.program.ID, func(p *domain.Program) error {
		p.Insight.DigestDay, p.Insight.DigestTime = day, clock
		return nil
	})
	require.NoError(w.t, err)
	require.NoError(w.t, w.svc.Digests.Ensure(w.program.ID))
}

// scheduled lists the digest items waiting, "to@time" in UTC, sorted.
func (w *digestWorld) scheduled() []string {
	w.due.mu.Lock()
	defer w.due.mu.Unlock()
	var out []string
	for _, it := range w.due.items {
		if it.kind == DueDigestSend {
			p, err := parseDigestItem(it.payload)
			require.NoError(w.t, err)
			require.True(w.t, p.due.Equal(it.at), "the item is due at the time it names")
			out = append(out, p.to+"@"+it.at.UTC().Format(time.RFC3339))
		}
	}
	sort.Strings(out)
	return out
}

// runDue moves the clock to at and runs every digest item due by then.
func (w *digestWorld) runDue(at time.Time) {
	w.t.Helper()
	w.set(at)
	for _, it := range w.due.take(at) {
		require.NoError(w.t, w.svc.Digests.HandleDue(it.kind, it.payload))
	}
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestDigestArrivesAtTheTimeInEachCoordinatorsZoneAcrossDST(t *testing.T) {
	// Wednesday 25 February 2026; New York moves its clocks on Sunday 8 March.
	w := newDigestWorld(t, utc("2026-02-25T12:00:00Z"))
	w.settings("mon", "09:00")
	require.Equal(t, []string{
		"ny@2026-03-02T14:00:00Z",    // 09:00 EST
		"tokyo@2026-03-02T00:00:00Z", // 09:00 JST
	}, w.scheduled())

	w.runDue(utc("2026-03-02T00:00:00Z"))
	require.Equal(t, []string{w.program.ID + "/tokyo"}, w.notes.sent)
	w.runDue(utc("2026-03-02T14:00:00Z"))
	require.Equal(t, 2, w.notes.count())
	require.Equal(t, []string{
		"ny@2026-03-09T13:00:00Z",    // 09:00 EDT: the clocks moved, the digest did not
		"tokyo@2026-03-09T00:00:00Z", // no DST in Tokyo
	}, w.scheduled())

	// Back in November: 09:00 EST again.
	w.due.take(utc("2027-01-01T00:00:00Z"))
	w.set(utc("2026-10-27T12:00:00Z"))
	require.NoError(t, w.svc.Digests.Ensure(w.program.ID))
	require.Contains(t, w.scheduled(), "ny@2026-11-02T14:00:00Z")
}

func TestDigestAtAWallClockTimeTheSpringChangeSkips(t *testing.T) {
	// 02:30 does not exist in New York on Sunday 8 March 2026.
	w := newDigestWorld(t, utc("2026-03-04T12:00:00Z"))
	w.settings("sun", "02:30")
	var ny string
	for _, s := range w.scheduled() {
		if s[:3] == "ny@" {
			ny = s
		}
	}
	require.NotEmpty(t, ny)
	at := utc(ny[3:])
	require.Equal(t, "2026-03-08", at.In(mustZone(t, "America/New_York")).Format(time.DateOnly))
	w.runDue(at)
	require.Contains(t, w.notes.sent, w.program.ID+"/ny", "the skipped time is sent, not lost")
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestDigestIsSentOnceWhenTwoNodesRunTheItem(t *testing.T) {
	w := newDigestWorld(t, utc("2026-11-25T12:00:00Z"))
	w.settings("thu", "10:00")
	one, two := w.node(), w.node()
	due := utc("2026-11-26T15:00:00Z") // 10:00 in New York
	items := w.due.take(due.Add(time.Minute))
	var ny dueItem
	for _, it := range items {
		if p, _ := parseDigestItem(it.payload); p.to == "ny" {
			ny = it
		}
	}
	require.NotEmpty(t, ny.payload)
	w.set(due)

	// Node one claims the digest and is slow to send it; node two runs the
	// same item meanwhile.
	w.notes.gate, w.notes.entered = make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() { done <- one.Digests.HandleDue(ny.kind, ny.payload) }()
	<-w.notes.entered
	require.NoError(t, two.Digests.HandleDue(ny.kind, ny.payload))
	require.Zero(t, w.notes.count(), "node two found the claim and sent nothing")
	lookAgain := false
	for _, it := range w.due.take(due.Add(nudgeLease + 2*time.Second)) {
		lookAgain = lookAgain || it.payload == ny.payload
	}
	require.True(t, lookAgain, "node two looks again when the claim lapses")
	close(w.notes.gate)
	require.NoError(t, <-done)
	require.Equal(t, 1, w.notes.count())

	// The look-again item, a retry of the item and the item on a third node
	// change nothing.
	w.notes.gate = nil
	w.set(due.Add(nudgeLease + 2*time.Second))
	for _, n := range []*Services{one, two, w.node()} {
		require.NoError(t, n.Digests.HandleDue(ny.kind, ny.payload))
	}
	require.Equal(t, 1, w.notes.count())
	require.Contains(t, w.scheduled(), "ny@2026-12-03T15:00:00Z", "next week's is waiting")
}

func TestDigestSettingsChangeMovesTheDigest(t *testing.T) {
	w := newDigestWorld(t, utc("2026-11-23T12:00:00Z")) // a Monday, after 09:00 everywhere
	w.settings("tue", "09:00")
	old := w.scheduled()
	require.Equal(t, []string{"ny@2026-11-24T14:00:00Z", "tokyo@2026-11-24T00:00:00Z"}, old)

	w.settings("wed", "17:30")
	require.Equal(t, []string{
		"ny@2026-11-24T14:00:00Z", "ny@2026-11-25T22:30:00Z",
		"tokyo@2026-11-24T00:00:00Z", "tokyo@2026-11-25T08:30:00Z",
	}, w.scheduled(), "the new time is scheduled beside the old")

	// Tuesday's items find the settings changed: nothing is sent.
	w.runDue(utc("2026-11-24T14:00:00Z"))
	require.Zero(t, w.notes.count())
	require.Equal(t, []string{"ny@2026-11-25T22:30:00Z", "tokyo@2026-11-25T08:30:00Z"}, w.scheduled())

	w.runDue(utc("2026-11-25T22:30:00Z"))
	require.Equal(t, 2, w.notes.count())

	// Moved to a later day of the same week: that week's digest went already.
	w.settings("fri", "09:00")
	w.runDue(utc("2026-11-27T14:00:00Z"))
	require.Equal(t, 2, w.notes.count(), "one digest per week")
	require.Contains(t, w.scheduled(), "ny@2026-12-04T14:00:00Z")
}

func TestDigestOffStopsIt(t *testing.T) {
	w := newDigestWorld(t, utc("2026-11-23T12:00:00Z"))
	w.settings("tue", "09:00")
	w.settings(DigestOff, "09:00")
	w.runDue(utc("2026-11-24T14:00:00Z"))
	require.Zero(t, w.notes.count())
	require.Empty(t, w.scheduled(), "the chain ends")

	// On again: the next one is scheduled.
	w.settings("tue", "09:00")
	require.Equal(t, []string{"ny@2026-12-01T14:00:00Z", "tokyo@2026-12-01T00:00:00Z"}, w.scheduled())
}

func TestDigestGoesOnlyToCurrentCoordinators(t *testing.T) {
	w := newDigestWorld(t, utc("2026-11-23T12:00:00Z"))
	w.settings("tue", "09:00")
	_, err := w.svc.store.UpdateProgram(w.program.ID, func(p *domain.Program) error {
		p.Coordinators = []string{"tokyo"}
		return nil
	})
	require.NoError(t, err)
	w.runDue(utc("2026-11-24T14:00:00Z"))
	require.Equal(t, []string{w.program.ID + "/tokyo"}, w.notes.sent)
	require.Equal(t, []string{"tokyo@2026-12-01T00:00:00Z"}, w.scheduled())
}

func TestDigestFoundDaysLateIsSkippedAndTheChainGoesOn(t *testing.T) {
	w := newDigestWorld(t, utc("2026-11-23T12:00:00Z"))
	w.settings("tue", "09:00")
	w.runDue(utc("2026-11-28T14:00:00Z")) // the servers were down for four days
	require.Zero(t, w.notes.count())
	require.Equal(t, []string{"ny@2026-12-01T14:00:00Z", "tokyo@2026-12-01T00:00:00Z"}, w.scheduled())
}

func TestDigestOfAZoneChangeIsRescheduled(t *testing.T) {
	w := newDigestWorld(t, utc("2026-11-23T12:00:00Z"))
	w.settings("tue", "09:00")
	w.dir.mu.Lock()
	w.dir.zones["ny"] = "Europe/Madrid"
	w.dir.mu.Unlock()
	w.runDue(utc("2026-11-24T14:00:00Z")) // 09:00 in New York is 15:00 in Madrid
	require.Equal(t, []string{w.program.ID + "/tokyo"}, w.notes.sent)
	require.Contains(t, w.scheduled(), "ny@2026-12-01T08:00:00Z", "09:00 in Madrid from now on")
}
