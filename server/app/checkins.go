package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// CheckIns are the periodic "how is it going?" prompts of matches. They run
// as a chain of round items on the due-work scheduler, one per match:
//
//   - checkin.round (match, round n, due) creates round n in the match's
//     check-in document, puts one checkin.prompt per side on the scheduler and
//     the round n+1 at the program's CURRENT cadence from round n's due time.
//     A paused match skips its round but keeps the chain; an ended match, or a
//     program whose cadence became "none", ends it.
//   - checkin.prompt (match, round, user) sends one side the DM through the
//     session nudge machinery (quiet hours, snooze, weekly budget and digest),
//     exactly once: its claim and outcome are marks in the round.
//   - checkin.alert (match, round, user) is the safety net of a "struggling"
//     answer: the coordinators are told when the answer is committed; if the
//     node dies first, this item tells them a minute later (marks again).
//
// The scheduler may run an item twice (a node died after claiming it) and
// keeps an id unique only while it waits in its minute, so every handler is
// idempotent by stored state: a round is created once, a DM is sent once.
type CheckIns struct{ base }

func newCheckIns(b base) *CheckIns { return &CheckIns{base: b} }

// CheckInNotifier sends check-in prompts and the coordinators' alerts. Like
// the other notifiers it never fails the caller: a method returns "" when the
// DM could not be sent.
type CheckInNotifier interface {
	// Prompt asks one side of a match how it is going, with great / fine /
	// struggling buttons; key marks the post so a retry after a crash finds it.
	Prompt(p *domain.Program, m *domain.Match, round *domain.CheckInRound, to, key string) string
	// Struggling tells one coordinator (to) that userID answered "struggling".
	Struggling(p *domain.Program, m *domain.Match, round int, answer domain.CheckInAnswer, to, key string) string
}

// Kinds of check-in due work.
const (
	DueCheckInRound  = "checkin.round"
	DueCheckInPrompt = "checkin.prompt"
	DueCheckInAlert  = "checkin.alert"
	// DueCheckInRestart starts the check-ins of every active match of a
	// program whose cadence changed (a chain stopped by "none" starts again).
	DueCheckInRestart = "checkin.restart"
)

// alertDelay is how long the safety net of a struggling answer waits for the
// request that committed it to tell the coordinators itself.
const alertDelay = time.Minute

// DueKinds are the kinds of due work CheckIns handles.
func (s *CheckIns) DueKinds() []string {
	return []string{DueCheckInRound, DueCheckInPrompt, DueCheckInAlert, DueCheckInRestart}
}

// HandleDue runs one due item of a kind in DueKinds.
func (s *CheckIns) HandleDue(kind, payload string) error {
	switch kind {
	case DueCheckInRound:
		return s.round(payload)
	case DueCheckInPrompt:
		return s.prompt(payload)
	case DueCheckInAlert:
		return s.alertItem(payload)
	case DueCheckInRestart:
		return s.restart(payload)
	}
	return errors.Errorf("unknown due work %q", kind)
}

func (s *CheckIns) now() time.Time { return s.deps.Now().UTC() }

// nextDue is when the round after one due at prev comes at a cadence: a week,
// two weeks, or the same day next month (the last day of a shorter month,
// and back to the activation day after it: anchorDay). ok is false for
// "none" (or an unknown cadence): no more rounds.
func nextDue(cadence string, prev time.Time, anchorDay int) (time.Time, bool) {
	switch cadence {
	case domain.CadenceWeekly:
		return prev.AddDate(0, 0, 7), true
	case domain.CadenceBiweekly:
		return prev.AddDate(0, 0, 14), true
	case domain.CadenceMonthly:
		day := prev.Day()
		if lastDay(prev.Year(), prev.Month()) == day && anchorDay > day {
			day = anchorDay // clamped last month: go back to the activation day
		}
		y, mo := prev.Year(), prev.Month()+1
		day = min(day, lastDay(y, mo))
		return time.Date(y, mo, day, prev.Hour(), prev.Minute(), prev.Second(), 0, prev.Location()), true
	}
	return time.Time{}, false
}

// lastDay is the number of days of a month (month 13 is next year's January).
func lastDay(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Start puts a match's next check-in round on the scheduler: round 1 one
// period after activation, or the round after the latest one; rounds whose
// time passed are skipped. Idempotent: calling it for a match whose chain
// runs schedules what the chain schedules anyway, and the round handler
// creates each round once. Called after a match settles (activation, resume)
// and by the migration for every active match.
func (s *CheckIns) Start(m *domain.Match) error {
	if m == nil || m.Status != domain.MatchActive || s.deps.Scheduler == nil {
		return nil
	}
	p, err := s.store.GetProgram(m.ProgramID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	c, err := s.store.GetCheckIns(m.ID)
	if err != nil {
		return err
	}
	n, from := 1, m.ActivatedAt
	if from.IsZero() {
		from = m.CreatedAt
	}
	if last := latestRound(c); last != nil {
		n, from = last.Round+1, last.Due
	}
	due, ok := nextDue(p.CheckInCadence, from.UTC(), anchorDay(m))
	if !ok {
		return nil
	}
	// A round whose time passed (a match activated before check-ins ran, one
	// that resumes after a pause) is not made up for: the chain goes on from
	// the first round still to come, the one a paused chain has waiting.
	for now := s.now(); !due.After(now) && n < maxRoundsAhead; n++ {
		due, _ = nextDue(p.CheckInCadence, due, anchorDay(m))
	}
	return s.scheduleRound(m.ID, n, due, "")
}

// maxRoundsAhead bounds how many past rounds Start skips (weekly for ~20 years).
const maxRoundsAhead = 1000

func anchorDay(m *domain.Match) int {
	if m.ActivatedAt.IsZero() {
		return m.CreatedAt.UTC().Day()
	}
	return m.ActivatedAt.UTC().Day()
}

// latestRound is the round with the highest number, nil when none.
func latestRound(c *domain.MatchCheckIns) *domain.CheckInRound {
	var last *domain.CheckInRound
	for _, r := range c.Rounds {
		if last == nil || r.Round > last.Round {
			last = r
		}
	}
	return last
}

// scheduleRound puts round n of a match on the scheduler at due; suffix
// tells a round started by hand from the chain's item of the same number.
func (s *CheckIns) scheduleRound(matchID string, n int, due time.Time, suffix string) error {
	payload := strings.Join([]string{matchID, strconv.Itoa(n), strconv.FormatInt(due.Unix(), 10)}, "|")
	return s.deps.Scheduler.At("checkin.round/"+matchID+"/"+strconv.Itoa(n)+suffix, DueCheckInRound, due, payload)
}

// roundItem is a decoded round, prompt or alert payload: match|round|rest.
type roundItem struct {
	matchID string
	round   int
	rest    string
}

func readRoundItem(payload string) (roundItem, error) {
	parts := strings.SplitN(payload, "|", 3)
	if len(parts) != 3 {
		return roundItem{}, errors.Errorf("bad check-in payload %q", payload)
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 1 {
		return roundItem{}, errors.Errorf("bad check-in round in %q", payload)
	}
	return roundItem{matchID: parts[0], round: n, rest: parts[2]}, nil
}

// loadLive reads a match and its program for due work; nil when either is
// gone (nothing left to do).
func (s *CheckIns) loadLive(matchID string) (*domain.Match, *domain.Program, error) {
	m, err := s.store.GetMatch(matchID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	p, err := s.store.GetProgram(m.ProgramID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return m, p, nil
}

// round handles one checkin.round item.
func (s *CheckIns) round(payload string) error {
	it, err := readRoundItem(payload)
	if err != nil {
		return err
	}
	dueUnix, err := strconv.ParseInt(it.rest, 10, 64)
	if err != nil {
		return errors.Errorf("bad check-in due in %q", payload)
	}
	due := time.Unix(dueUnix, 0).UTC()
	m, p, err := s.loadLive(it.matchID)
	if err != nil || m == nil {
		return err
	}
	switch m.Status {
	case domain.MatchActive:
	case domain.MatchPaused:
		// Skipped while paused; the chain goes on so check-ins come back on
		// resume without anyone restarting them.
		if next, ok := nextDue(p.CheckInCadence, due, anchorDay(m)); ok {
			return s.scheduleRound(m.ID, it.round+1, next, "")
		}
		return nil
	default:
		return nil // ended (or never active): the chain stops
	}
	c, err := s.store.GetCheckIns(m.ID)
	if err != nil {
		return err
	}
	r := c.Round(it.round)
	if r == nil {
		if p.CheckInCadence == domain.CadenceNone || !domain.Contains(domain.Cadences, p.CheckInCadence) {
			return nil // check-ins were turned off: the chain stops
		}
		if r, err = s.createRound(m, it.round, due); err != nil || r == nil {
			return err
		}
	}
	for _, user := range []string{m.MenteeID, m.MentorID} {
		payload := strings.Join([]string{m.ID, strconv.Itoa(r.Round), user}, "|")
		if err := s.deps.Scheduler.At("checkin.prompt/"+strings.ReplaceAll(payload, "|", "/"), DueCheckInPrompt, r.Due, payload); err != nil {
			return err
		}
	}
	// The next round counts from this round's due time at the cadence of now:
	// the same round handled twice schedules the same next round.
	if next, ok := nextDue(p.CheckInCadence, r.Due, anchorDay(m)); ok {
		return s.scheduleRound(m.ID, r.Round+1, next, "")
	}
	return nil
}

// createRound adds round n, due at due, unless a later round exists (a stale
// item of a chain that moved on): then it returns nil.
func (s *CheckIns) createRound(m *domain.Match, n int, due time.Time) (*domain.CheckInRound, error) {
	var created *domain.CheckInRound
	_, err := s.store.UpdateCheckIns(m.ID, func(c *domain.MatchCheckIns) error {
		created = c.Round(n)
		if created != nil {
			return store.ErrUnchanged
		}
		if last := latestRound(c); last != nil && last.Round > n {
			return store.ErrUnchanged
		}
		created = &domain.CheckInRound{Round: n, Due: due}
		c.ProgramID = m.ProgramID
		c.Rounds = append(c.Rounds, created)
		c.UpdatedAt = s.now()
		return nil
	})
	return created, err
}

// prompt handles one checkin.prompt item: one side's DM of one round.
func (s *CheckIns) prompt(payload string) error {
	it, err := readRoundItem(payload)
	if err != nil {
		return err
	}
	user := it.rest
	m, p, err := s.loadLive(it.matchID)
	if err != nil || m == nil || m.Status != domain.MatchActive || m.Partner(user) == "" {
		return err // paused or ended since the round began: the prompt is moot
	}
	c, err := s.store.GetCheckIns(m.ID)
	if err != nil {
		return err
	}
	r := c.Round(it.round)
	if r == nil {
		return nil
	}
	if _, answered := r.Answers[user]; answered || s.deps.CheckIns == nil {
		return nil // answered already (sidebar, command): nothing to ask
	}
	partner := m.Partner(user)
	handle := partner
	if u, ok := s.deps.Directory.User(partner); ok && u.Username != "" {
		handle = "@" + u.Username
	}
	key := "prompt/" + user
	return s.sessions.deliver(nudgeJob{
		user: user, key: key, kind: DueCheckInPrompt,
		itemID: "checkin.prompt/" + strings.ReplaceAll(payload, "|", "/"), payload: payload,
		marks: roundMarks{s.store, m.ID, r.Round},
		// The digest lists a waiting prompt with its match (in SessionID, the
		// one id PendingNudge carries) and the partner's handle as its title.
		pending: store.PendingNudge{Key: m.ID + "/" + strconv.Itoa(r.Round) + "/" + key, Kind: DueCheckInPrompt,
			SessionID: m.ID, Occurrence: r.Due, Start: r.Due, Title: handle},
		send: func(nudgeKey string) string { return s.deps.CheckIns.Prompt(p, m, r, user, nudgeKey) },
	})
}

// roundMarks keeps nudge marks in one round of a match's check-ins.
type roundMarks struct {
	st      *store.Store
	matchID string
	round   int
}

// errRoundGone stops a nudge whose round was dropped (the oldest rounds go).
var errRoundGone = errors.New("the check-in round is no longer kept")

func (m roundMarks) update(key string, mutate func(mark *domain.NudgeMark, exists bool) error) error {
	_, err := m.st.UpdateCheckIns(m.matchID, func(c *domain.MatchCheckIns) error {
		r := c.Round(m.round)
		if r == nil {
			return errRoundGone
		}
		mark, exists := r.Marks[key]
		if err := mutate(&mark, exists); err != nil {
			return err
		}
		if r.Marks == nil {
			r.Marks = map[string]domain.NudgeMark{}
		}
		if mark.ClaimedAt.IsZero() && mark.Outcome == "" {
			delete(r.Marks, key)
		} else {
			r.Marks[key] = mark
		}
		return nil
	})
	return err
}

// restart starts the check-ins of every active match of a program, after its
// cadence changed: Start is idempotent, so chains that run are left as they
// are and chains that stopped ("none") start at the new cadence. It reads the
// program's health ledger, once per cadence change.
func (s *CheckIns) restart(programID string) error {
	lines, err := s.store.ProgramHealth(programID)
	if err != nil {
		return err
	}
	for _, line := range lines {
		if line.Status != domain.MatchActive {
			continue
		}
		m, err := s.store.GetMatch(line.MatchID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.Start(m); err != nil {
			return err
		}
	}
	return nil
}
