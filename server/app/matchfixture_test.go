package app

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// matchWorld is a fixture for the matching flows: a clock that tests move, and
// fakes that record every DM, channel and scheduled item.
type matchWorld struct {
	*Services
	t        *testing.T
	kv       store.KV
	dir      *fakeDirectory
	notes    *matchNotes
	channels *fakeChannels
	due      *fakeScheduler
	sessions *sessionNotes
	mu       sync.Mutex
	clock    time.Time
	deps     Deps
}

func newMatchWorld(t *testing.T, users ...string) *matchWorld {
	t.Helper()
	return newMatchWorldOn(t, &pluginapi.MemoryStore{}, users...)
}

// newMatchWorldOn is newMatchWorld over a given KV store (a dying one).
func newMatchWorldOn(t *testing.T, kv store.KV, users ...string) *matchWorld {
	t.Helper()
	w := &matchWorld{
		t: t, kv: kv,
		dir:   &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{}},
		notes: &matchNotes{}, sessions: &sessionNotes{}, channels: &fakeChannels{byName: map[string]string{}}, due: &fakeScheduler{},
		clock: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
	}
	for _, u := range append([]string{"admin", "coord"}, users...) {
		w.dir.members[u+"/team"] = true
	}
	ids := 0
	var idMu sync.Mutex
	w.deps = Deps{
		Directory: w.dir, Notifier: &recordingNotifier{}, Matches: w.notes, Sessions: w.sessions, Channels: w.channels, Scheduler: w.due,
		Settings: func() Settings { return Settings{Matching: domain.BuiltInMatchingDefaults} },
		Now: func() time.Time {
			w.mu.Lock()
			defer w.mu.Unlock()
			return w.clock
		},
		NewID: func() string {
			idMu.Lock()
			defer idMu.Unlock()
			ids++
			return fmt.Sprintf("id%024d", ids)
		},
	}
	w.sessions.now = w.deps.Now
	w.Services = NewServices(store.New(w.kv), w.deps)
	return w
}

// node is a second server on the same KV store: its own caches and services.
func (w *matchWorld) node() *Services { return NewServices(store.New(w.kv), w.deps) }

func (w *matchWorld) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.clock = w.clock.Add(d)
}

// program creates a program coordinated by "coord" with the given matching mode.
func (w *matchWorld) program(name, mode string) *domain.Program {
	w.t.Helper()
	p, err := w.Programs.Create("admin", "team", ProgramFields{Name: &name, MatchingMode: &mode, Coordinators: &[]string{"coord"}})
	require.NoError(w.t, err)
	return p
}

func (w *matchWorld) join(p *domain.Program, user, role string, capacity int, skills ...string) {
	w.t.Helper()
	profile := func(pr *domain.Profile) error {
		if role == domain.RoleMentor {
			pr.SkillsOffered = skills
		} else {
			pr.SkillsWanted = skills
		}
		return nil
	}
	_, err := w.store.UpdateProfile(user, profile)
	require.NoError(w.t, err)
	_, err = w.Enrollments.Join(user, p.ID, JoinInput{Role: role, Capacity: capacity})
	require.NoError(w.t, err)
}

// activeMatch makes an active match: bob (a mentee) asks ana (a mentor), who
// accepts.
func (w *matchWorld) activeMatch(p *domain.Program) *domain.Match {
	w.t.Helper()
	mentee, mentor := "bob", "ana"
	m, err := w.Matches.Request(mentee, p.ID, RequestInput{MentorID: mentor})
	require.NoError(w.t, err)
	active, err := w.Matches.Answer(mentor, m.ID, true)
	require.NoError(w.t, err)
	return active
}

// runDue runs every scheduled item due by now, as a sweep would.
func (w *matchWorld) runDue() {
	for _, it := range w.due.take(w.deps.Now()) {
		require.NoError(w.t, w.handleDue(it.kind, it.payload), it.id)
	}
}

// handleDue runs one due item on the service whose kind it is, as the
// plugin's registrations do.
func (w *matchWorld) handleDue(kind, payload string) error {
	if strings.HasPrefix(kind, "session.") || strings.HasPrefix(kind, "nudge.") {
		return w.Sessions.HandleDue(kind, payload)
	}
	for _, h := range []interface {
		DueKinds() []string
		HandleDue(kind, payload string) error
	}{w.Goals, w.CheckIns, w.Insight, w.Digests, w.Health} {
		if slices.Contains(h.DueKinds(), kind) {
			return h.HandleDue(kind, payload)
		}
	}
	return w.Matches.HandleDue(kind, payload)
}

type matchNotes struct {
	mu        sync.Mutex
	proposals []string // "match/to"
	requests  []string
	reminders []string
	decided   []string // "match/status"
	refused   []string // "match/status/suggestions"
	intros    []string // "match/channel"
	ended     []string
	published []string
}

func (n *matchNotes) add(list *[]string, s string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	*list = append(*list, s)
}
func (n *matchNotes) Proposal(_ *domain.Program, m *domain.Match, to string) string {
	n.add(&n.proposals, m.ID+"/"+to)
	return "post-" + m.ID + "-" + to
}
func (n *matchNotes) RequestSent(_ *domain.Program, m *domain.Match) string {
	n.add(&n.requests, m.ID)
	return "post-" + m.ID
}
func (n *matchNotes) RequestReminder(_ *domain.Program, m *domain.Match) { n.add(&n.reminders, m.ID) }
func (n *matchNotes) Decided(_ *domain.Program, m *domain.Match) {
	n.add(&n.decided, m.ID+"/"+m.Status)
}
func (n *matchNotes) Refused(_ *domain.Program, m *domain.Match, next []Suggestion) {
	n.add(&n.refused, fmt.Sprintf("%s/%s/%d", m.ID, m.Status, len(next)))
}
func (n *matchNotes) Introduce(_ *domain.Program, m *domain.Match, _ string) {
	n.add(&n.intros, m.ID+"/"+m.ChannelID)
}
func (n *matchNotes) Ended(_ *domain.Program, m *domain.Match) { n.add(&n.ended, m.ID) }
func (n *matchNotes) Published(_ *domain.Program, by string, published, skipped int) {
	n.add(&n.published, fmt.Sprintf("%s/%d/%d", by, published, skipped))
}
func (n *matchNotes) count(list *[]string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(*list)
}

// fakeChannels behaves like Mattermost's unique channel names: a second create
// of the same name finds the first channel.
type fakeChannels struct {
	mu       sync.Mutex
	byName   map[string]string
	creates  int
	archived []string
}

func (c *fakeChannels) EnsurePairChannel(_ *domain.Program, m *domain.Match, _ string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	name := "pair-" + m.ID
	if id, ok := c.byName[name]; ok {
		return id, nil
	}
	c.creates++
	c.byName[name] = "chan-" + m.ID
	return c.byName[name], nil
}
func (c *fakeChannels) ArchiveChannel(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.archived = append(c.archived, id)
	return nil
}

type dueItem struct {
	id, kind, payload string
	at                time.Time
}

type fakeScheduler struct {
	mu    sync.Mutex
	items map[string]dueItem
}

func (f *fakeScheduler) At(id, kind string, at time.Time, payload any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.items == nil {
		f.items = map[string]dueItem{}
	}
	f.items[id+"@"+at.Format(time.RFC3339)] = dueItem{id: id, kind: kind, payload: fmt.Sprint(payload), at: at}
	return nil
}

func (f *fakeScheduler) take(now time.Time) []dueItem {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []dueItem
	for k, it := range f.items {
		if !it.at.After(now) {
			out = append(out, it)
			delete(f.items, k)
		}
	}
	return out
}

func (f *fakeScheduler) has(kind string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, it := range f.items {
		if it.kind == kind {
			return true
		}
	}
	return false
}
