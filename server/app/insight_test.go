package app

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// nudgeRecorder records the nudge DMs, one entry per recipient.
type nudgeRecorder struct {
	mu   sync.Mutex
	sent []string // "match/user/coordinator/note"
}

func (n *nudgeRecorder) Nudge(_ *domain.Program, h *domain.MatchHealth, coordinatorID, note, _ string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, to := range []string{h.MenteeID, h.MentorID} {
		n.sent = append(n.sent, h.MatchID+"/"+to+"/"+coordinatorID+"/"+note)
	}
	return 2
}

func (n *nudgeRecorder) count() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.sent)
}

// insightWorld is one KV store seen by any number of nodes (Services), with a
// clock the test moves.
type insightWorld struct {
	t       *testing.T
	kv      *pluginapi.MemoryStore
	deps    Deps
	nudges  *nudgeRecorder
	due     *fakeScheduler
	now     time.Time
	mu      sync.Mutex
	program *domain.Program
	other   *domain.Program // coordinated by cy
}

func newInsightWorld(t *testing.T) *insightWorld {
	t.Helper()
	w := &insightWorld{t: t, kv: &pluginapi.MemoryStore{}, nudges: &nudgeRecorder{}, due: &fakeScheduler{}, now: insightNow}
	dir := &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{}}
	for _, u := range []string{"admin", "coord", "ana", "bob", "cy"} {
		dir.members[u+"/team"] = true
	}
	ids := 0
	w.deps = Deps{
		Directory: dir, Notifier: &recordingNotifier{}, Insight: w.nudges, Scheduler: w.due,
		Settings:   func() Settings { return Settings{MembersMayCreatePrograms: true} },
		ChannelURL: func(id string) string { return "https://chat.example/team/channels/" + id },
		Now: func() time.Time {
			w.mu.Lock()
			defer w.mu.Unlock()
			return w.now
		},
		NewID: func() string {
			w.mu.Lock()
			defer w.mu.Unlock()
			ids++
			return fmt.Sprintf("prog%022d", ids)
		},
	}
	var err error
	w.program, err = w.node().Programs.Create("coord", "team", ProgramFields{Name: ptr("Insight program")})
	require.NoError(t, err)
	w.other, err = w.node().Programs.Create("cy", "team", ProgramFields{Name: ptr("Other program")})
	require.NoError(t, err)
	return w
}

// node is one server's services over the shared store.
func (w *insightWorld) node() *Services { return NewServices(store.New(w.kv), w.deps) }

func (w *insightWorld) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = w.now.Add(d)
}

// line writes a ledger line of the program as Health would.
func (w *insightWorld) line(programID string, h *domain.MatchHealth) {
	w.t.Helper()
	_, err := store.New(w.kv).UpdateMatchHealth(programID, h.MatchID, func(cur *domain.MatchHealth, _ bool) error {
		*cur = *h
		return nil
	})
	require.NoError(w.t, err)
}

func (w *insightWorld) member(programID, userID, role, status string) {
	w.t.Helper()
	_, err := store.New(w.kv).PutRosterEntry(programID, 0, false, &store.RosterEntry{UserID: userID, Username: userID, Role: role, Status: status})
	require.NoError(w.t, err)
}

func TestInsightCountsParticipantsMatchesSessionsGoalsAndRatings(t *testing.T) {
	w := newInsightWorld(t)
	p := w.program.ID
	for i, m := range []struct{ role, status string }{
		{"mentee", "active"}, {"mentee", "active"}, {"mentee", "paused"}, {"mentor", "active"},
		{"both", "active"}, {"peer", "pending"}, {"mentee", "left"}, {"mentor", "declined"},
	} {
		w.member(p, fmt.Sprintf("user%d", i), m.role, m.status)
	}
	a := activeLine("m1")
	a.SessionsPlanned, a.SessionsHeld, a.Attended, a.Missed = 4, 3, 5, 1
	a.Goals, a.GoalsDone, a.GoalsDropped, a.GoalsAtRisk, a.OpenProgress = 4, 1, 1, 1, []int{0, 45}
	a.RatingSum, a.RatingCount = 9, 2
	b := activeLine("m2")
	b.Status = domain.MatchCompleted
	b.SessionsPlanned, b.SessionsHeld, b.Attended, b.Missed = 2, 2, 2, 0
	b.Goals, b.GoalsDone, b.OpenProgress = 3, 1, []int{19, 20, 100}
	b.RatingSum, b.RatingCount = 3, 1
	c := activeLine("m3")
	c.Status = domain.MatchPaused
	c.SessionsPlanned, c.SessionsHeld = 0, 0
	d := activeLine("m4")
	d.Status = domain.MatchVoid // never visible: not counted
	for _, h := range []*domain.MatchHealth{a, b, c, d} {
		w.line(p, h)
	}
	w.line(w.other.ID, activeLine("elsewhere")) // another program's line

	v, err := w.node().Insight.Get("coord", p)
	require.NoError(t, err)
	require.Equal(t, p, v.ProgramID)
	require.Equal(t, insightNow, v.GeneratedAt)
	require.Equal(t, ParticipantCounts{Total: 5, ByRole: map[string]int{"mentee": 3, "mentor": 1, "both": 1},
		ByStatus: map[string]int{"active": 4, "paused": 1, "pending": 1, "left": 1, "declined": 1}}, v.Participants)
	require.Equal(t, MatchCounts{Total: 3, Active: 1, ByStatus: map[string]int{"active": 1, "completed": 1, "paused": 1}}, v.Matches)
	require.Equal(t, 6, v.Sessions.Planned)
	require.Equal(t, 5, v.Sessions.Held)
	require.InDelta(t, 7.0/8.0, v.Sessions.AttendanceRate, 1e-9)
	require.Equal(t, 7, v.Goals.Total)
	require.Equal(t, 2, v.Goals.Done)
	require.Equal(t, 1, v.Goals.Dropped)
	require.Equal(t, 1, v.Goals.AtRisk)
	require.InDelta(t, 2.0/6.0, v.Goals.CompletionRate, 1e-9)
	require.Equal(t, [5]int{2, 1, 1, 0, 1}, v.Goals.ProgressBuckets) // 0,19 | 20 | 45 | - | 100
	require.Equal(t, RatingStats{Average: 4, Count: 3}, v.Ratings)
	require.Equal(t, InsightSettingsView{NoSessionDays: 21, FirstMeetingDays: 14, StalledGoalDays: 21, SilentDays: 7,
		LowRating: 2, DigestDay: "mon", DigestTime: "09:00"}, v.Settings)
	require.Empty(t, v.AtRisk)
	require.Zero(t, v.AtRiskTotal)
}

func TestAnEmptyProgramHasZeroRatesNotNaN(t *testing.T) {
	w := newInsightWorld(t)
	v, err := w.node().Insight.Summary(w.program.ID)
	require.NoError(t, err)
	require.Zero(t, v.Sessions.AttendanceRate)
	require.Zero(t, v.Goals.CompletionRate)
	require.Zero(t, v.Ratings.Average)
	require.Len(t, v.Sessions.PerWeek, domain.HealthTrendWeeks)
	require.Len(t, v.CheckIns, domain.HealthTrendWeeks)
	require.NotNil(t, v.AtRisk)
}

func TestTrendsAreBucketedByUTCISOWeek(t *testing.T) {
	// Sunday 3 January 2027, 23:30 UTC, is still in ISO week 2026-W53 (2026
	// has 53 weeks), which began on Monday 28 December 2026.
	now := time.Date(2027, 1, 3, 23, 30, 0, 0, time.UTC)
	h := activeLine("m")
	h.HeldDays = []string{"2027-01-03", "2026-12-28", "2026-12-27", "2026-10-12", "2026-10-11", "bad"}
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	h.CheckIns = []domain.CheckInAnswer{
		// Monday 00:30 in Berlin is Sunday 23:30 UTC: the week of the Sunday.
		{UserID: h.MenteeID, Answer: domain.CheckInGreat, At: time.Date(2027, 1, 4, 0, 30, 0, 0, berlin)},
		{UserID: h.MentorID, Answer: domain.CheckInStruggling, At: time.Date(2026, 12, 27, 12, 0, 0, 0, time.UTC)},
		{UserID: h.MentorID, Answer: domain.CheckInFine, At: time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC)},
	}
	v := summarize(&domain.Program{ID: "p"}, nil, []*domain.MatchHealth{h}, now)
	weeks := v.Sessions.PerWeek
	require.Len(t, weeks, 12)
	require.Equal(t, SessionWeek{Week: "2026-W53", Start: "2026-12-28", Held: 2}, weeks[11])
	require.Equal(t, SessionWeek{Week: "2026-W52", Start: "2026-12-21", Held: 1}, weeks[10])
	// The oldest week of twelve: 2026-W42 began on 12 October; the Sunday
	// before it is outside the trend.
	require.Equal(t, SessionWeek{Week: "2026-W42", Start: "2026-10-12", Held: 1}, weeks[0])
	require.Equal(t, CheckInWeek{Week: "2026-W53", Start: "2026-12-28", Great: 1, Fine: 1}, v.CheckIns[11])
	require.Equal(t, CheckInWeek{Week: "2026-W52", Start: "2026-12-21", Struggling: 1}, v.CheckIns[10])
	total := 0
	for _, w := range weeks {
		total += w.Held
	}
	require.Equal(t, 4, total)
}

func TestInsightAndItsSettingsAreForTheProgramsCoordinatorsAndAdmins(t *testing.T) {
	w := newInsightWorld(t)
	w.line(w.program.ID, activeLine("m1"))
	s := w.node().Insight
	p := w.program.ID
	calls := map[string]func(actor string) error{
		"get":      func(a string) error { _, err := s.Get(a, p); return err },
		"at-risk":  func(a string) error { _, err := s.AtRisk(a, p, 0, 10); return err },
		"settings": func(a string) error { _, err := s.Settings(a, p); return err },
		"set settings": func(a string) error {
			_, err := s.SetSettings(a, p, InsightSettingsInput{SilentDays: ptr(3)})
			return err
		},
		"nudge": func(a string) error { _, err := s.Nudge(a, p, "m1", ""); return err },
	}
	for name, call := range calls {
		requireKind(t, call("ana"), KindForbidden) // a member of the team
		requireKind(t, call("cy"), KindForbidden)  // coordinator of another program of the team
		requireKind(t, call("zed"), KindNotFound)  // not in the team: the program is invisible
		require.NoError(t, call("coord"), "%s as coordinator", name)
	}
	w.advance(NudgeEvery)
	for name, call := range calls {
		require.NoError(t, call("admin"), "%s as admin", name)
	}
	// An unknown program looks like an invisible one.
	_, err := s.Get("coord", "nosuchprogram00000000000000")
	requireKind(t, err, KindNotFound)
	require.Equal(t, 4, w.nudges.count(), "two nudges, two DMs each")
}

func TestANudgeIsSentOncePerDayAcrossNodes(t *testing.T) {
	w := newInsightWorld(t)
	h := activeLine("m1")
	h.ChannelID = "chan1"
	w.line(w.program.ID, h)
	// Two coordinators' presses on two nodes at the same moment.
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, errs[i] = w.node().Insight.Nudge("coord", w.program.ID, "m1", "How are things?")
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		requireKind(t, err, KindConflict)
	}
	require.Equal(t, 1, ok)
	require.Equal(t, []string{"m1/mentee-m1/coord/How are things?", "m1/mentor-m1/coord/How are things?"}, w.nudges.sent)
	line, _, err := store.New(w.kv).GetMatchHealth(w.program.ID, "m1")
	require.NoError(t, err)
	require.Equal(t, insightNow, line.NudgedAt)

	w.advance(NudgeEvery - time.Second)
	_, err = w.node().Insight.Nudge("admin", w.program.ID, "m1", "")
	requireKind(t, err, KindConflict)
	w.advance(time.Second)
	res, err := w.node().Insight.Nudge("admin", w.program.ID, "m1", "")
	require.NoError(t, err)
	require.Equal(t, insightNow.Add(NudgeEvery), res.NudgedAt)
	require.Equal(t, 4, w.nudges.count())

	// The at-risk list shows when the pair was last nudged.
	w.advance(30 * day)
	list, err := w.node().Insight.AtRisk("coord", w.program.ID, 0, 10)
	require.NoError(t, err)
	require.Equal(t, 1, list.Total)
	require.Equal(t, insightNow.Add(NudgeEvery), list.Items[0].NudgedAt)
}

func TestNudgeRefusesUnknownForeignAndEndedMatchesWithoutWriting(t *testing.T) {
	w := newInsightWorld(t)
	ended := activeLine("ended")
	ended.Status = domain.MatchCompleted
	w.line(w.program.ID, ended)
	w.line(w.other.ID, activeLine("foreign"))
	keys := func() int {
		k, err := w.kv.ListKeys(0, 10000)
		require.NoError(t, err)
		return len(k)
	}
	before := keys()
	s := w.node().Insight
	_, err := s.Nudge("coord", w.program.ID, "nosuchmatch", "")
	requireKind(t, err, KindNotFound)
	_, err = s.Nudge("coord", w.program.ID, "foreign", "")
	requireKind(t, err, KindNotFound)
	_, err = s.Nudge("coord", w.program.ID, "ended", "")
	requireKind(t, err, KindConflict)
	_, err = s.Nudge("coord", w.program.ID, "ended", string(make([]rune, MaxNudgeNote+1)))
	requireKind(t, err, KindInvalid)
	_, err = s.Nudge("coord", w.program.ID, "ended", "bell\a")
	requireKind(t, err, KindInvalid)
	require.Equal(t, before, keys())
	require.Zero(t, w.nudges.count())
}

func TestAtRiskPages(t *testing.T) {
	w := newInsightWorld(t)
	for i := range 25 {
		h := activeLine(fmt.Sprintf("m%02d", i))
		h.LastRating = 1
		h.ActivatedAt = insightNow.Add(-time.Duration(100-i) * day) // m00 is the oldest
		w.line(w.program.ID, h)
	}
	s := w.node().Insight
	first, err := s.AtRisk("coord", w.program.ID, 0, 10)
	require.NoError(t, err)
	require.Equal(t, 25, first.Total)
	require.Len(t, first.Items, 10)
	require.Equal(t, "m00", first.Items[0].MatchID)
	last, err := s.AtRisk("coord", w.program.ID, 2, 10)
	require.NoError(t, err)
	require.Len(t, last.Items, 5)
	require.Equal(t, "m24", last.Items[4].MatchID)
	past, err := s.AtRisk("coord", w.program.ID, 3, 10)
	require.NoError(t, err)
	require.Empty(t, past.Items)
	require.NotNil(t, past.Items)
	capped, err := s.AtRisk("coord", w.program.ID, 0, 1000)
	require.NoError(t, err)
	require.Len(t, capped.Items, 25)
}

func TestInsightSettingsAreValidatedAndChangeTheRules(t *testing.T) {
	w := newInsightWorld(t)
	s := w.node().Insight
	p := w.program.ID
	bad := map[string]InsightSettingsInput{
		"no_session_days":    {NoSessionDays: ptr(0)},
		"first_meeting_days": {FirstMeetingDays: ptr(366)},
		"stalled_goal_days":  {StalledGoalDays: ptr(-1)},
		"silent_days":        {SilentDays: ptr(400)},
		"low_rating":         {LowRating: ptr(5)},
		"digest_day":         {DigestDay: ptr("someday")},
		"digest_time":        {DigestTime: ptr("9am")},
	}
	for field, in := range bad {
		_, err := s.SetSettings("coord", p, in)
		kind, got := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, field)
		require.Equal(t, field, got)
	}
	for _, tm := range []string{"24:00", "9:00", "09:60"} {
		_, err := s.SetSettings("coord", p, InsightSettingsInput{DigestTime: ptr(tm)})
		requireKind(t, err, KindInvalid)
	}
	v, err := s.SetSettings("coord", p, InsightSettingsInput{NoSessionDays: ptr(1), FirstMeetingDays: ptr(365),
		LowRating: ptr(4), DigestDay: ptr(" Off "), DigestTime: ptr("23:59")})
	require.NoError(t, err)
	require.Equal(t, InsightSettingsView{NoSessionDays: 1, FirstMeetingDays: 365, StalledGoalDays: 21, SilentDays: 7,
		LowRating: 4, DigestDay: "off", DigestTime: "23:59"}, *v)
	w.due.take(insightNow.AddDate(1, 0, 0))
	_, err = s.SetSettings("coord", p, InsightSettingsInput{DigestDay: ptr("fri")})
	require.NoError(t, err)
	require.True(t, w.due.has(DueDigestSend), "a new digest day schedules the next digest")

	// A partial change keeps the rest.
	v, err = s.SetSettings("coord", p, InsightSettingsInput{SilentDays: ptr(3)})
	require.NoError(t, err)
	require.Equal(t, 1, v.NoSessionDays)
	require.Equal(t, 3, v.SilentDays)
	got, err := s.Settings("coord", p)
	require.NoError(t, err)
	require.Equal(t, v, got)

	// The program's thresholds drive its list.
	h := activeLine("m1")
	h.LastSessionAt = insightNow.Add(-2 * day)
	h.LastRating = 4
	w.line(p, h)
	view, err := s.Get("coord", p)
	require.NoError(t, err)
	require.Equal(t, 1, view.AtRiskTotal)
	require.Equal(t, []RiskReason{{Code: RiskNoSession, Days: 2}, {Code: RiskLowRating, Rating: 4}}, view.AtRisk[0].Reasons)
}
