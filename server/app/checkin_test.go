package app

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// checkInNotes records check-in DMs; each is also recorded in the session
// notes' posts so FindNudge finds it as the real notifier would.
type checkInNotes struct {
	mu       sync.Mutex
	sessions *sessionNotes
	prompts  []string // "match/round/to"
	alerts   []string // "match/round/user/to"
	failNext bool     // the next DM fails
}

func (n *checkInNotes) record(list *[]string, entry, to, key string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.failNext {
		n.failNext = false
		return ""
	}
	*list = append(*list, entry)
	n.sessions.mu.Lock()
	defer n.sessions.mu.Unlock()
	return n.sessions.post(to, key)
}

func (n *checkInNotes) Prompt(_ *domain.Program, m *domain.Match, r *domain.CheckInRound, to, key string) string {
	return n.record(&n.prompts, fmt.Sprintf("%s/%d/%s", m.ID, r.Round, to), to, key)
}

func (n *checkInNotes) Struggling(_ *domain.Program, m *domain.Match, round int, a domain.CheckInAnswer, to, key string) string {
	return n.record(&n.alerts, fmt.Sprintf("%s/%d/%s/%s", m.ID, round, a.UserID, to), to, key)
}

func (n *checkInNotes) list(l *[]string) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(*l)
}

type checkInWorld struct {
	*matchWorld
	checkins *checkInNotes
	p        *domain.Program
	m        *domain.Match
}

// checkInWorld is an active match of bob (mentee) and ana (mentor) in a
// program coordinated by coord, at the given cadence, its chain started.
func newCheckInWorld(t *testing.T, cadence string) *checkInWorld {
	t.Helper()
	w := newMatchWorld(t, "ana", "bob", "carl")
	notes := &checkInNotes{sessions: w.sessions}
	w.deps.CheckIns = notes
	w.Services = NewServices(store.New(w.kv), w.deps)
	p := w.program("Check-ins", domain.MatchingSelfServe)
	p, err := w.Programs.Update("admin", p.ID, ProgramFields{CheckInCadence: &cadence})
	require.NoError(t, err)
	w.join(p, "ana", domain.RoleMentor, 2, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	m := w.activeMatch(p)
	require.NoError(t, w.CheckIns.Start(m))
	return &checkInWorld{matchWorld: w, checkins: notes, p: p, m: m}
}

// roundItems are the waiting check-in round items.
func (w *checkInWorld) roundItems() []dueItem {
	w.due.mu.Lock()
	defer w.due.mu.Unlock()
	var out []dueItem
	for _, it := range w.due.items {
		if it.kind == DueCheckInRound {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b dueItem) int { return a.at.Compare(b.at) })
	return out
}

// runTo moves the clock to at and runs what is due, as a sweep would.
func (w *checkInWorld) runTo(at time.Time) {
	w.advance(at.Sub(w.deps.Now()))
	w.runDue()
}

func (w *checkInWorld) checkIns() *domain.MatchCheckIns {
	c, err := w.store.GetCheckIns(w.m.ID)
	require.NoError(w.t, err)
	return c
}

func TestNextDueAtEachCadence(t *testing.T) {
	at := time.Date(2026, 1, 31, 9, 30, 0, 0, time.UTC)
	next, ok := nextDue(domain.CadenceWeekly, at, 31)
	require.True(t, ok)
	require.Equal(t, at.AddDate(0, 0, 7), next)
	next, _ = nextDue(domain.CadenceBiweekly, at, 31)
	require.Equal(t, at.AddDate(0, 0, 14), next)
	// Monthly: the same day next month, the last day of a shorter month, and
	// back to the 31st after it.
	feb, _ := nextDue(domain.CadenceMonthly, at, 31)
	require.Equal(t, time.Date(2026, 2, 28, 9, 30, 0, 0, time.UTC), feb)
	mar, _ := nextDue(domain.CadenceMonthly, feb, 31)
	require.Equal(t, time.Date(2026, 3, 31, 9, 30, 0, 0, time.UTC), mar)
	dec, _ := nextDue(domain.CadenceMonthly, time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC), 15)
	require.Equal(t, time.Date(2027, 1, 15, 8, 0, 0, 0, time.UTC), dec)
	_, ok = nextDue(domain.CadenceNone, at, 31)
	require.False(t, ok)
}

func TestRoundsAtEachCadence(t *testing.T) {
	for _, tc := range []struct {
		cadence string
		period  func(time.Time) time.Time
	}{
		{domain.CadenceWeekly, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }},
		{domain.CadenceBiweekly, func(t time.Time) time.Time { return t.AddDate(0, 0, 14) }},
		{domain.CadenceMonthly, func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	} {
		t.Run(tc.cadence, func(t *testing.T) {
			w := newCheckInWorld(t, tc.cadence)
			first := tc.period(w.m.ActivatedAt)
			items := w.roundItems()
			require.Len(t, items, 1)
			require.Equal(t, first, items[0].at, "round 1 one period after activation")

			w.runTo(first.Add(-time.Minute))
			require.Empty(t, w.checkIns().Rounds, "nothing before it is due")
			w.runTo(first)
			w.runDue() // the prompts the round put on the scheduler
			c := w.checkIns()
			require.Len(t, c.Rounds, 1)
			require.Equal(t, 1, c.Rounds[0].Round)
			require.ElementsMatch(t, []string{w.m.ID + "/1/bob", w.m.ID + "/1/ana"}, w.checkins.list(&w.checkins.prompts))

			items = w.roundItems()
			require.Len(t, items, 1)
			require.Equal(t, tc.period(first), items[0].at, "round 2 one period later")
			w.runTo(items[0].at)
			w.runDue()
			require.Len(t, w.checkIns().Rounds, 2)
			require.Len(t, w.checkins.list(&w.checkins.prompts), 4, "each side once per round")
		})
	}
}

func TestStartIsIdempotent(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	require.NoError(t, w.CheckIns.Start(w.m))
	require.NoError(t, w.node().CheckIns.Start(w.m))
	items := w.roundItems()
	require.Len(t, items, 1, "the same round at the same time")
	// Handled twice (the scheduler may): one round, one prompt per side.
	w.runTo(items[0].at)
	require.NoError(t, w.CheckIns.HandleDue(items[0].kind, items[0].payload))
	w.runDue()
	require.Len(t, w.checkIns().Rounds, 1)
	require.Len(t, w.checkins.list(&w.checkins.prompts), 2)
}

// Two nodes run the same round and prompt items at the same time (a claim
// that lapsed): each side is asked once.
func TestTwoNodesRunningTheSameRoundPromptEachSideOnce(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	item := w.roundItems()[0]
	w.advance(item.at.Sub(w.deps.Now()))
	nodes := []*Services{w.Services, w.node()}
	var wg sync.WaitGroup
	for _, node := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, node.CheckIns.HandleDue(item.kind, item.payload))
		}()
	}
	wg.Wait()
	w.due.mu.Lock()
	var prompts []dueItem
	for k, it := range w.due.items {
		if it.kind == DueCheckInPrompt {
			prompts = append(prompts, it)
			delete(w.due.items, k)
		}
	}
	w.due.mu.Unlock()
	require.Len(t, prompts, 2, "one item per side (scheduled by both nodes, kept once)")
	for _, it := range prompts {
		for _, node := range nodes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// One node claims; the other finds the claim busy and
				// reschedules itself, or finds the mark done.
				_ = node.CheckIns.HandleDue(it.kind, it.payload)
			}()
		}
	}
	wg.Wait()
	w.advance(3 * time.Minute)
	w.runDue()
	require.ElementsMatch(t, []string{w.m.ID + "/1/bob", w.m.ID + "/1/ana"}, w.checkins.list(&w.checkins.prompts))
}

func TestCrashBetweenClaimAndSend(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	n, err := w.CheckIns.StartRound("bob", w.m.ID)
	require.NoError(t, err)
	// A node claimed bob's prompt and died before sending it; ana's was
	// claimed and sent, and the node died before recording it.
	marks := roundMarks{w.store, w.m.ID, n}
	for _, user := range []string{"bob", "ana"} {
		require.NoError(t, marks.update("prompt/"+user, func(mark *domain.NudgeMark, _ bool) error {
			mark.ClaimedAt = w.deps.Now()
			return nil
		}))
	}
	w.sessions.mu.Lock()
	w.sessions.post("ana", fmt.Sprintf("%s/%d/prompt/ana", w.m.ID, n))
	w.sessions.mu.Unlock()

	w.runDue() // the round, then the prompts find live claims
	w.runDue()
	require.Empty(t, w.checkins.list(&w.checkins.prompts), "a live claim is left to its node")
	w.advance(nudgeLease + 2*time.Second)
	w.runDue()
	require.Equal(t, []string{fmt.Sprintf("%s/%d/bob", w.m.ID, n)}, w.checkins.list(&w.checkins.prompts),
		"bob's is sent after the lease; ana's DM is found and not sent again")
	r := w.checkIns().Round(n)
	require.Equal(t, "sent", r.Marks["prompt/ana"].Outcome)
	require.Equal(t, "found", r.Marks["prompt/ana"].PostID)
	require.Equal(t, "sent", r.Marks["prompt/bob"].Outcome)
}

func TestAFailedPromptIsRetried(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.CheckIns.StartRound("coord", w.m.ID)
	require.NoError(t, err)
	w.runDue()
	w.checkins.failNext = true
	var failed int
	for _, it := range w.due.take(w.deps.Now()) {
		if err := w.handleDue(it.kind, it.payload); err != nil {
			failed++
			require.NoError(t, w.due.At(it.id, it.kind, it.at, it.payload)) // the sweep retries it
		}
	}
	require.Equal(t, 1, failed)
	w.runDue()
	require.Len(t, w.checkins.list(&w.checkins.prompts), 2, "each side once in the end")
}

func TestQuietHoursWait(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	// 13:00 in Berlin: bob is quiet until 18:00.
	_, err := w.store.UpdatePreferences("bob", func(p *domain.Preferences) error {
		p.QuietStart, p.QuietEnd = "12:00", "18:00"
		return nil
	})
	require.NoError(t, err)
	_, err = w.CheckIns.StartRound("ana", w.m.ID)
	require.NoError(t, err)
	w.runDue()
	w.runDue()
	require.Equal(t, []string{w.m.ID + "/1/ana"}, w.checkins.list(&w.checkins.prompts))
	w.runTo(berlin(t, "2026-11-26 17:59"))
	require.Len(t, w.checkins.list(&w.checkins.prompts), 1)
	w.runTo(berlin(t, "2026-11-26 18:00"))
	require.ElementsMatch(t, []string{w.m.ID + "/1/ana", w.m.ID + "/1/bob"}, w.checkins.list(&w.checkins.prompts))
}

func TestOverTheBudgetGoesIntoTheDigest(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.store.UpdatePreferences("bob", func(p *domain.Preferences) error {
		p.WeeklyBudget = ptr(0)
		return nil
	})
	require.NoError(t, err)
	_, err = w.CheckIns.StartRound("ana", w.m.ID)
	require.NoError(t, err)
	w.runDue()
	w.runDue()
	require.Equal(t, []string{w.m.ID + "/1/ana"}, w.checkins.list(&w.checkins.prompts))
	b, err := w.store.GetNudgeBudget("bob")
	require.NoError(t, err)
	require.Len(t, b.Pending, 1)
	require.Equal(t, DueCheckInPrompt, b.Pending[0].Kind)
	require.Equal(t, w.m.ID, b.Pending[0].SessionID)
	require.Equal(t, "@ana", b.Pending[0].Title, "the digest names the partner")
	require.Equal(t, "digest", w.checkIns().Round(1).Marks["prompt/bob"].Outcome)

	w.runTo(berlin(t, "2026-11-27 09:00"))
	w.sessions.mu.Lock()
	digests := slices.Clone(w.sessions.digests)
	w.sessions.mu.Unlock()
	require.Equal(t, []string{"bob/1"}, digests)
	require.Len(t, w.checkins.list(&w.checkins.prompts), 1, "never sent on its own as well")
}

func TestPausedMatchSkipsItsRoundButKeepsTheChain(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.Matches.Pause("bob", w.m.ID)
	require.NoError(t, err)
	first := w.roundItems()[0].at
	w.runTo(first)
	w.runDue()
	require.Empty(t, w.checkIns().Rounds)
	require.Empty(t, w.checkins.list(&w.checkins.prompts))
	items := w.roundItems()
	require.Len(t, items, 1)
	require.Equal(t, first.AddDate(0, 0, 7), items[0].at)

	_, err = w.Matches.Resume("bob", w.m.ID)
	require.NoError(t, err)
	w.runTo(items[0].at)
	w.runDue()
	c := w.checkIns()
	require.Len(t, c.Rounds, 1)
	require.Equal(t, 2, c.Rounds[0].Round, "round 1 was skipped")
	require.Len(t, w.checkins.list(&w.checkins.prompts), 2)
}

func TestPromptOfARoundPausedSinceIsDropped(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.CheckIns.StartRound("bob", w.m.ID)
	require.NoError(t, err)
	w.runDue() // the round: prompts scheduled
	_, err = w.Matches.Pause("ana", w.m.ID)
	require.NoError(t, err)
	w.runDue()
	require.Empty(t, w.checkins.list(&w.checkins.prompts))
}

func TestEndedMatchStopsTheChain(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.Matches.End("bob", w.m.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)
	w.runTo(w.roundItems()[0].at)
	w.runDue()
	require.Empty(t, w.checkIns().Rounds)
	require.Empty(t, w.roundItems(), "no next round")
	require.Empty(t, w.checkins.list(&w.checkins.prompts))
	_, err = w.CheckIns.StartRound("coord", w.m.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind)
}

func TestCadenceChangedToNoneStopsTheChain(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	first := w.roundItems()[0].at
	w.runTo(first)
	w.runDue()
	require.Len(t, w.checkIns().Rounds, 1)
	none := domain.CadenceNone
	_, err := w.Programs.Update("admin", w.p.ID, ProgramFields{CheckInCadence: &none})
	require.NoError(t, err)
	w.runTo(w.roundItems()[0].at)
	w.runDue()
	require.Len(t, w.checkIns().Rounds, 1)
	require.Empty(t, w.roundItems())
	require.Len(t, w.checkins.list(&w.checkins.prompts), 2)

	// Turned on again: Start picks the chain up after the latest round.
	monthly := domain.CadenceMonthly
	_, err = w.Programs.Update("admin", w.p.ID, ProgramFields{CheckInCadence: &monthly})
	require.NoError(t, err)
	require.NoError(t, w.CheckIns.Start(w.m))
	items := w.roundItems()
	require.Len(t, items, 1)
	require.Contains(t, items[0].payload, w.m.ID+"|2|")
}

// A cadence changed in the middle applies from the next round on.
func TestTheNextRoundFollowsTheCurrentCadence(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	first := w.roundItems()[0].at
	biweekly := domain.CadenceBiweekly
	_, err := w.Programs.Update("admin", w.p.ID, ProgramFields{CheckInCadence: &biweekly})
	require.NoError(t, err)
	w.runTo(first)
	// (Start may have run again since, when the match's safety net settled
	// it: its round-1 item for the new cadence finds the round and changes
	// nothing.)
	require.Contains(t, w.roundsWaiting(), fmt.Sprintf("2@%s", first.AddDate(0, 0, 14).Format(time.RFC3339)))
}

// roundsWaiting are the distinct round items waiting: "round@due".
func (w *checkInWorld) roundsWaiting() []string {
	var out []string
	for _, it := range w.roundItems() {
		parts := strings.Split(it.payload, "|")
		entry := parts[1] + "@" + it.at.Format(time.RFC3339)
		if !slices.Contains(out, entry) {
			out = append(out, entry)
		}
	}
	return out
}

func TestStartRoundNowAndTheNextRoundAPeriodLater(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	w.advance(time.Hour) // the round started now is not the one the chain has for activation + 7 days
	_, err := w.CheckIns.StartRound("carl", w.m.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "not theirs")

	n, err := w.CheckIns.StartRound("coord", w.m.ID)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	_, err = w.CheckIns.StartRound("bob", w.m.ID)
	kind, _ = kindOf(t, err)
	require.Equal(t, KindConflict, kind, "less than a minute later")
	start := w.deps.Now()
	w.runDue()
	w.runDue()
	require.Len(t, w.checkins.list(&w.checkins.prompts), 2)

	var next []time.Time
	for _, it := range w.roundItems() {
		if strings.Contains(it.payload, "|2|") {
			next = append(next, it.at)
		}
	}
	require.Contains(t, next, start.AddDate(0, 0, 7), "round 2 a week after the round started now")

	// The chain's own round-1 item, still waiting, finds the round and
	// sends nothing more.
	w.runTo(w.m.ActivatedAt.AddDate(0, 0, 7))
	w.runDue()
	require.Len(t, w.checkins.list(&w.checkins.prompts), 2)
	n, err = w.CheckIns.StartRound("ana", w.m.ID)
	require.NoError(t, err)
	require.Equal(t, 2, n)
}

func TestAnswersArePrivateToTheirAuthorAndTheCoordinators(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "great"})
	kind, field := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "no round yet")
	require.Equal(t, "round", field)

	_, err = w.CheckIns.StartRound("bob", w.m.ID)
	require.NoError(t, err)
	note := "  we talk a lot \r\n "
	view, err := w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "Great", Note: &note})
	require.NoError(t, err)
	require.Equal(t, "great", view.Answers["bob"].Answer)
	require.Equal(t, "we talk a lot", view.Answers["bob"].Note)
	_, err = w.CheckIns.Answer("ana", w.m.ID, CheckInInput{Answer: "fine", Round: 1})
	require.NoError(t, err)

	for reader, want := range map[string][]string{"bob": {"bob"}, "ana": {"ana"}, "coord": {"ana", "bob"}, "admin": {"ana", "bob"}} {
		v, err := w.CheckIns.List(reader, w.m.ID)
		require.NoError(t, err)
		require.Len(t, v.Rounds, 1)
		var got []string
		for u := range v.Rounds[0].Answers {
			got = append(got, u)
		}
		require.ElementsMatch(t, want, got, reader)
	}
	_, err = w.CheckIns.List("carl", w.m.ID)
	kind, _ = kindOf(t, err)
	require.Equal(t, KindNotFound, kind)

	_, err = w.CheckIns.Answer("coord", w.m.ID, CheckInInput{Answer: "fine"})
	kind, _ = kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "coordinators read, they do not answer")
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "meh"})
	kind, field = kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "answer", field)
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "fine", Round: 7})
	kind, field = kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "round", field)
	long := strings.Repeat("x", domain.MaxCheckInNote+1)
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Note: &long})
	_, field = kindOf(t, err)
	require.Equal(t, "note", field)

	// A note alone keeps the answer; a new answer keeps the note.
	later := "and it helps"
	view, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Note: &later})
	require.NoError(t, err)
	require.Equal(t, domain.CheckInAnswer{UserID: "bob", Answer: "great", Note: "and it helps", At: w.deps.Now()}, view.Answers["bob"])
	view, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "fine"})
	require.NoError(t, err)
	require.Equal(t, "and it helps", view.Answers["bob"].Note)

	_, err = w.Matches.End("bob", w.m.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "great"})
	kind, _ = kindOf(t, err)
	require.Equal(t, KindConflict, kind, "ended: read only")
	v, err := w.CheckIns.List("bob", w.m.ID)
	require.NoError(t, err)
	require.False(t, v.CanAnswer)
	require.Equal(t, "fine", v.Rounds[0].Answers["bob"].Answer)
}

func TestStrugglingTellsEveryCoordinatorOnce(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	w.dir.members["coord2/team"] = true
	coords := []string{"coord", "coord2"}
	_, err := w.Programs.Update("admin", w.p.ID, ProgramFields{Coordinators: &coords})
	require.NoError(t, err)
	_, err = w.CheckIns.StartRound("bob", w.m.ID)
	require.NoError(t, err)

	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "struggling"})
	require.NoError(t, err)
	want := []string{w.m.ID + "/1/bob/coord", w.m.ID + "/1/bob/coord2"}
	require.ElementsMatch(t, want, w.checkins.list(&w.checkins.alerts), "at once, to each coordinator")

	// Fine, then struggling again, in the same round: no second alert; nor
	// from the safety net, nor from another node's.
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "fine"})
	require.NoError(t, err)
	_, err = w.node().CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "struggling"})
	require.NoError(t, err)
	w.advance(2 * time.Minute)
	w.runDue()
	w.runDue()
	require.ElementsMatch(t, want, w.checkins.list(&w.checkins.alerts))

	// The mentor struggling is another alert; a new round another again.
	_, err = w.CheckIns.Answer("ana", w.m.ID, CheckInInput{Answer: "struggling"})
	require.NoError(t, err)
	require.Len(t, w.checkins.list(&w.checkins.alerts), 4)
}

func TestTheSafetyNetTellsTheCoordinatorWhenTheRequestCouldNot(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.CheckIns.StartRound("bob", w.m.ID)
	require.NoError(t, err)
	w.runDue()
	w.runDue() // the prompts
	w.checkins.failNext = true
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "struggling"})
	require.NoError(t, err, "the answer is stored even if the DM fails")
	require.Empty(t, w.checkins.list(&w.checkins.alerts))
	w.runTo(w.deps.Now().Add(alertDelay))
	require.Equal(t, []string{w.m.ID + "/1/bob/coord"}, w.checkins.list(&w.checkins.alerts))
	w.advance(time.Hour)
	w.runDue()
	require.Len(t, w.checkins.list(&w.checkins.alerts), 1)
}

func TestAnsweringRefreshesTheHealthLine(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	_, err := w.CheckIns.StartRound("bob", w.m.ID)
	require.NoError(t, err)
	_, err = w.CheckIns.Answer("bob", w.m.ID, CheckInInput{Answer: "struggling"})
	require.NoError(t, err)
	line := healthLine(t, w.matchWorld, w.m)
	require.Len(t, line.CheckIns, 1)
	require.Equal(t, domain.CheckInStruggling, line.CheckIns[0].Answer)
}

// A match activated long ago (the migration) or resumed after a pause does
// not get the rounds it missed: the chain goes on from the next one to come.
func TestStartSkipsRoundsWhoseTimePassed(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	first := w.roundItems()[0].at
	_, err := w.Matches.Pause("bob", w.m.ID)
	require.NoError(t, err)
	w.advance(first.Add(15 * 24 * time.Hour).Sub(w.deps.Now()))
	for range 4 {
		w.runDue() // rounds 1, 2 and 3 skipped while paused; 4 waits
	}
	_, err = w.Matches.Resume("bob", w.m.ID)
	require.NoError(t, err)
	require.NoError(t, w.CheckIns.Start(w.m))
	w.runDue()
	require.Equal(t, []string{"4@" + first.AddDate(0, 0, 21).Format(time.RFC3339)}, w.roundsWaiting(),
		"Start schedules the round the chain has waiting, not one now")
	require.Empty(t, w.checkIns().Rounds)
	require.Empty(t, w.checkins.list(&w.checkins.prompts))
}
