package app

import (
	"fmt"
	"sort"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// The numbers of the insight are pure functions of the roster, the ledger
// and the clock, so that they are tested without a store and cost one pass
// over each.

// struggleWindow is how recent a "struggling" answer must be to put a match
// on the at-risk list: an answer from months ago says nothing about today.
const struggleWindow = 31 * 24 * time.Hour

const day = 24 * time.Hour

// summarize computes everything of the insight but the resource counts.
func summarize(p *domain.Program, roster []*store.RosterEntry, ledger []*domain.MatchHealth, now time.Time) *InsightView {
	settings := p.Insight.WithDefaults()
	v := &InsightView{
		ProgramID:    p.ID,
		GeneratedAt:  now,
		Participants: countParticipants(roster),
		Matches:      MatchCounts{ByStatus: map[string]int{}},
		Settings:     settingsView(settings),
	}
	sessionWeeks, sessionWeek := isoWeeks(now, domain.HealthTrendWeeks)
	checkInWeeks, checkInWeek := isoWeeks(now, domain.HealthTrendWeeks)
	v.Sessions.PerWeek = make([]SessionWeek, len(sessionWeeks))
	v.CheckIns = make([]CheckInWeek, len(checkInWeeks))
	for i, w := range sessionWeeks {
		v.Sessions.PerWeek[i] = SessionWeek{Week: w.key, Start: w.start}
		v.CheckIns[i] = CheckInWeek{Week: w.key, Start: w.start}
	}
	attended, missed, ratingSum := 0, 0, 0
	for _, h := range ledger {
		if h.Status == domain.MatchDraft || h.Status == domain.MatchVoid {
			continue // never seen by anyone: not a match of the program
		}
		v.Matches.Total++
		v.Matches.ByStatus[h.Status]++
		if h.Status == domain.MatchActive {
			v.Matches.Active++
		}
		v.Sessions.Planned += h.SessionsPlanned
		v.Sessions.Held += h.SessionsHeld
		attended, missed = attended+h.Attended, missed+h.Missed
		for _, d := range h.HeldDays {
			if t, err := time.Parse(time.DateOnly, d); err == nil {
				if i, ok := sessionWeek[weekKey(t)]; ok {
					v.Sessions.PerWeek[i].Held++
				}
			}
		}
		ratingSum += h.RatingSum
		v.Ratings.Count += h.RatingCount
		countGoals(&v.Goals, h)
		for _, a := range h.CheckIns {
			i, ok := checkInWeek[weekKey(a.At.UTC())]
			if !ok {
				continue
			}
			switch a.Answer {
			case domain.CheckInGreat:
				v.CheckIns[i].Great++
			case domain.CheckInFine:
				v.CheckIns[i].Fine++
			case domain.CheckInStruggling:
				v.CheckIns[i].Struggling++
			}
		}
	}
	v.Sessions.AttendanceRate = ratio(attended, attended+missed)
	v.Goals.CompletionRate = ratio(v.Goals.Done, v.Goals.Total-v.Goals.Dropped)
	v.Ratings.Average = ratio(ratingSum, v.Ratings.Count)
	all := atRisk(ledger, settings, now)
	v.AtRiskTotal = len(all)
	v.AtRisk = all[:min(len(all), InsightAtRiskLimit)]
	return v
}

// countParticipants counts every roster entry by status, and the current
// participants (active or paused) in total and by role.
func countParticipants(roster []*store.RosterEntry) ParticipantCounts {
	c := ParticipantCounts{ByRole: map[string]int{}, ByStatus: map[string]int{}}
	for _, e := range roster {
		c.ByStatus[e.Status]++
		if e.Status == domain.StatusActive || e.Status == domain.StatusPaused {
			c.Total++
			c.ByRole[e.Role]++
		}
	}
	return c
}

func countGoals(g *GoalStats, h *domain.MatchHealth) {
	g.Total += h.Goals
	g.Done += h.GoalsDone
	g.Dropped += h.GoalsDropped
	g.AtRisk += h.GoalsAtRisk
	for _, progress := range h.OpenProgress {
		g.ProgressBuckets[min(max(progress, 0)/20, len(g.ProgressBuckets)-1)]++
	}
}

func ratio(part, whole int) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

func settingsView(s domain.InsightSettings) InsightSettingsView {
	return InsightSettingsView{NoSessionDays: s.NoSessionDays, FirstMeetingDays: s.FirstMeetingDays,
		StalledGoalDays: s.StalledGoalDays, SilentDays: s.SilentDays, LowRating: s.LowRating,
		DigestDay: s.DigestDay, DigestTime: s.DigestTime}
}

type isoWeek struct{ key, start string }

// isoWeeks returns the n ISO weeks (UTC) ending with now's, oldest first, and
// the index of each by key.
func isoWeeks(now time.Time, n int) ([]isoWeek, map[string]int) {
	monday := mondayOf(now.UTC())
	weeks := make([]isoWeek, n)
	index := make(map[string]int, n)
	for i := range n {
		start := monday.AddDate(0, 0, -7*(n-1-i))
		weeks[i] = isoWeek{key: weekKey(start), start: start.Format(time.DateOnly)}
		index[weeks[i].key] = i
	}
	return weeks, index
}

// weekKey names t's ISO week, e.g. "2026-W48" (the ISO year, which differs
// from the calendar year around New Year).
func weekKey(t time.Time) string {
	year, week := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", year, week)
}

// mondayOf is the start (00:00 UTC) of t's ISO week.
func mondayOf(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// atRisk lists the active matches that need a coordinator's attention, worst
// first: most reasons, then the longest-running match.
func atRisk(ledger []*domain.MatchHealth, s domain.InsightSettings, now time.Time) []AtRiskMatch {
	out := []AtRiskMatch{}
	since := map[string]time.Time{}
	for _, h := range ledger {
		if h.Status != domain.MatchActive {
			continue
		}
		reasons := riskReasons(h, s, now)
		if len(reasons) == 0 {
			continue
		}
		out = append(out, AtRiskMatch{MatchID: h.MatchID, MentorID: h.MentorID, MenteeID: h.MenteeID,
			ChannelID: h.ChannelID, Reasons: reasons, NudgedAt: h.NudgedAt})
		since[h.MatchID] = matchedAt(h)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Reasons) != len(b.Reasons) {
			return len(a.Reasons) > len(b.Reasons)
		}
		if ta, tb := since[a.MatchID], since[b.MatchID]; !ta.Equal(tb) {
			return ta.Before(tb)
		}
		return a.MatchID < b.MatchID
	})
	return out
}

// matchedAt is when the pair began: activation, else creation.
func matchedAt(h *domain.MatchHealth) time.Time {
	if !h.ActivatedAt.IsZero() {
		return h.ActivatedAt
	}
	return h.CreatedAt
}

func daysSince(t, now time.Time) int { return int(now.Sub(t) / day) }

// riskReasons applies each rule to one active match. A threshold of N days is
// crossed strictly after N×24 h.
func riskReasons(h *domain.MatchHealth, s domain.InsightSettings, now time.Time) []RiskReason {
	var out []RiskReason
	over := func(t time.Time, days int) bool { return !t.IsZero() && now.Sub(t) > time.Duration(days)*day }
	switch {
	case h.SessionsHeld > 0:
		if over(h.LastSessionAt, s.NoSessionDays) {
			out = append(out, RiskReason{Code: RiskNoSession, Days: daysSince(h.LastSessionAt, now)})
		}
	case over(matchedAt(h), s.FirstMeetingDays):
		out = append(out, RiskReason{Code: RiskNoFirst, Days: daysSince(matchedAt(h), now)})
	}
	if over(h.StalledSince, s.StalledGoalDays) {
		out = append(out, RiskReason{Code: RiskStalledGoal, Days: daysSince(h.StalledSince, now)})
	}
	if h.LastRating >= 1 && h.LastRating <= s.LowRating {
		out = append(out, RiskReason{Code: RiskLowRating, Rating: h.LastRating})
	}
	for _, side := range []string{h.MenteeID, h.MentorID} {
		if a, ok := latestCheckIn(h.CheckIns, side); ok && a.Answer == domain.CheckInStruggling && now.Sub(a.At) <= struggleWindow {
			out = append(out, RiskReason{Code: RiskStruggling, UserID: side})
		}
	}
	if r, ok := silentSide(h, s.SilentDays, now); ok {
		out = append(out, r)
	}
	return out
}

func latestCheckIn(answers []domain.CheckInAnswer, userID string) (domain.CheckInAnswer, bool) {
	var latest domain.CheckInAnswer
	found := false
	for _, a := range answers {
		if a.UserID == userID && (!found || a.At.After(latest.At)) {
			latest, found = a, true
		}
	}
	return latest, found
}

// unansweredPosts is how many posts one side may leave in the window without
// a word from the other before the pair counts as one side silent, however
// new the pair: a single "hi" in a pair matched an hour ago is no sign yet.
const unansweredPosts = 3

// silentSide finds a pair where, over the last `days` UTC dates (today
// included), one side posted in the pair's channel and the other did not —
// for `days` (since matching or their last post) or through at least
// unansweredPosts posts.
func silentSide(h *domain.MatchHealth, days int, now time.Time) (RiskReason, bool) {
	posts := func(userID string) int {
		a := h.Activity[userID]
		if a == nil {
			return 0
		}
		n := 0
		for i := range days {
			n += a.Days[now.AddDate(0, 0, -i).Format(time.DateOnly)]
		}
		return n
	}
	mentee, mentor := posts(h.MenteeID), posts(h.MentorID)
	var silent string
	spoken := 0
	switch {
	case mentee > 0 && mentor == 0:
		silent, spoken = h.MentorID, mentee
	case mentor > 0 && mentee == 0:
		silent, spoken = h.MenteeID, mentor
	default:
		return RiskReason{}, false
	}
	quietSince := matchedAt(h)
	if a := h.Activity[silent]; a != nil && !a.LastPostAt.IsZero() {
		quietSince = a.LastPostAt
	}
	quiet := daysSince(quietSince, now)
	if quiet < days && spoken < unansweredPosts {
		return RiskReason{}, false
	}
	return RiskReason{Code: RiskOneSideQuiet, UserID: silent, Days: quiet}, true
}
