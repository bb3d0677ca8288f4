package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// insightNow is a Thursday: ISO week 2026-W48 began on Monday 2026-11-23.
var insightNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// activeLine is an active match activated a day ago that met yesterday:
// no rule fires on it.
func activeLine(id string) *domain.MatchHealth {
	return &domain.MatchHealth{MatchID: id, ProgramID: "p", MenteeID: "mentee-" + id, MentorID: "mentor-" + id,
		Status: domain.MatchActive, CreatedAt: insightNow.Add(-48 * time.Hour), ActivatedAt: insightNow.Add(-day),
		SessionsHeld: 1, SessionsPlanned: 1, LastSessionAt: insightNow.Add(-day)}
}

func codes(reasons []RiskReason) []string {
	out := []string{}
	for _, r := range reasons {
		out = append(out, r.Code)
	}
	return out
}

func reasonsOf(h *domain.MatchHealth, s domain.InsightSettings) []RiskReason {
	return riskReasons(h, s.WithDefaults(), insightNow)
}

func TestAHealthyActiveMatchIsNotAtRisk(t *testing.T) {
	require.Empty(t, reasonsOf(activeLine("m"), domain.InsightSettings{}))
}

func TestNoSessionFiresOnlyAfterItsThreshold(t *testing.T) {
	h := activeLine("m")
	h.LastSessionAt = insightNow.Add(-21 * day)
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}), "exactly 21 days is not over 21")
	h.LastSessionAt = insightNow.Add(-21*day - time.Second)
	require.Equal(t, []RiskReason{{Code: RiskNoSession, Days: 21}}, reasonsOf(h, domain.InsightSettings{}))
	// A program's own threshold.
	h.LastSessionAt = insightNow.Add(-5*day - time.Minute)
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	require.Equal(t, []RiskReason{{Code: RiskNoSession, Days: 5}}, reasonsOf(h, domain.InsightSettings{NoSessionDays: 5}))
}

func TestNoFirstMeetingCountsFromActivationWhileNothingWasHeld(t *testing.T) {
	h := activeLine("m")
	h.SessionsHeld, h.LastSessionAt = 0, time.Time{}
	h.ActivatedAt = insightNow.Add(-14 * day)
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	h.ActivatedAt = insightNow.Add(-14*day - time.Second)
	require.Equal(t, []RiskReason{{Code: RiskNoFirst, Days: 14}}, reasonsOf(h, domain.InsightSettings{}))
	// Planned but never held is still no first meeting, not "no session".
	h.SessionsPlanned, h.LastSessionAt = 2, insightNow.Add(-30*day)
	require.Equal(t, []string{RiskNoFirst}, codes(reasonsOf(h, domain.InsightSettings{})))
	// Once one is held the rule is the other one.
	h.SessionsHeld, h.LastSessionAt = 1, insightNow.Add(-day)
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	// Without an activation time, the creation counts.
	h.SessionsHeld, h.ActivatedAt, h.CreatedAt = 0, time.Time{}, insightNow.Add(-3*day)
	require.Equal(t, []RiskReason{{Code: RiskNoFirst, Days: 3}}, reasonsOf(h, domain.InsightSettings{FirstMeetingDays: 2}))
}

func TestStalledGoalFiresAfterItsThreshold(t *testing.T) {
	h := activeLine("m")
	h.StalledSince = insightNow.Add(-21 * day)
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	h.StalledSince = insightNow.Add(-21*day - time.Second)
	require.Equal(t, []RiskReason{{Code: RiskStalledGoal, Days: 21}}, reasonsOf(h, domain.InsightSettings{}))
	require.Empty(t, reasonsOf(h, domain.InsightSettings{StalledGoalDays: 30}))
}

func TestLowRatingIsAtOrBelowTheThreshold(t *testing.T) {
	h := activeLine("m")
	for rating, want := range map[int]bool{0: false, 1: true, 2: true, 3: false, 5: false} {
		h.LastRating = rating
		got := reasonsOf(h, domain.InsightSettings{})
		if want {
			require.Equal(t, []RiskReason{{Code: RiskLowRating, Rating: rating}}, got, "rating %d", rating)
		} else {
			require.Empty(t, got, "rating %d", rating)
		}
	}
	h.LastRating = 3
	require.Equal(t, []string{RiskLowRating}, codes(reasonsOf(h, domain.InsightSettings{LowRating: 3})))
}

func TestStrugglingIsEachSidesLatestAnswerOfTheLastMonth(t *testing.T) {
	h := activeLine("m")
	answer := func(user, a string, at time.Time) domain.CheckInAnswer {
		return domain.CheckInAnswer{UserID: user, Answer: a, At: at}
	}
	h.CheckIns = []domain.CheckInAnswer{answer(h.MenteeID, domain.CheckInStruggling, insightNow.Add(-31*day))}
	require.Equal(t, []RiskReason{{Code: RiskStruggling, UserID: h.MenteeID}}, reasonsOf(h, domain.InsightSettings{}))
	h.CheckIns[0].At = insightNow.Add(-31*day - time.Second)
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}), "older than 31 days")
	// A later "fine" of the same side clears it; the partner's answer does not.
	h.CheckIns = []domain.CheckInAnswer{
		answer(h.MenteeID, domain.CheckInStruggling, insightNow.Add(-3*day)),
		answer(h.MentorID, domain.CheckInFine, insightNow.Add(-day)),
	}
	require.Equal(t, []RiskReason{{Code: RiskStruggling, UserID: h.MenteeID}}, reasonsOf(h, domain.InsightSettings{}))
	h.CheckIns = append(h.CheckIns, answer(h.MenteeID, domain.CheckInFine, insightNow.Add(-2*day)))
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	// Both sides struggling: two reasons.
	h.CheckIns = []domain.CheckInAnswer{
		answer(h.MentorID, domain.CheckInStruggling, insightNow.Add(-day)),
		answer(h.MenteeID, domain.CheckInStruggling, insightNow.Add(-day)),
	}
	require.Equal(t, []RiskReason{{Code: RiskStruggling, UserID: h.MenteeID}, {Code: RiskStruggling, UserID: h.MentorID}},
		reasonsOf(h, domain.InsightSettings{}))
}

func TestOneSideSilentCountsTheLastDaysOfPostsOfEachSide(t *testing.T) {
	h := activeLine("m")
	date := func(daysAgo int) string { return insightNow.AddDate(0, 0, -daysAgo).Format(time.DateOnly) }
	h.Activity = map[string]*domain.ChannelActivity{
		h.MentorID: {LastPostAt: insightNow.Add(-time.Hour), Days: map[string]int{date(0): 3}},
		// The mentee last posted 7 dates ago: outside a window of 7 dates
		// (today and the 6 before).
		h.MenteeID: {LastPostAt: insightNow.AddDate(0, 0, -7), Days: map[string]int{date(7): 2}},
	}
	require.Equal(t, []RiskReason{{Code: RiskOneSideQuiet, UserID: h.MenteeID, Days: 7}}, reasonsOf(h, domain.InsightSettings{}))
	require.Empty(t, reasonsOf(h, domain.InsightSettings{SilentDays: 8}), "8 dates include the mentee's post")
	h.Activity[h.MenteeID].Days[date(6)] = 1
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	// Nobody posting is not one side silent.
	h.Activity = nil
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}))
	// The mentee said hi a day after the match began and the mentor never
	// posted: too early to tell...
	h.Activity = map[string]*domain.ChannelActivity{h.MenteeID: {LastPostAt: insightNow, Days: map[string]int{date(1): 1}}}
	require.Empty(t, reasonsOf(h, domain.InsightSettings{}), "one post in a new pair is no sign yet")
	// ...unless the mentee's posts go unanswered three times,
	h.Activity[h.MenteeID].Days[date(0)] = 2
	require.Equal(t, []RiskReason{{Code: RiskOneSideQuiet, UserID: h.MentorID, Days: 1}}, reasonsOf(h, domain.InsightSettings{}))
	// or the mentor has been silent since the match began, longer than the window.
	h.Activity[h.MenteeID].Days = map[string]int{date(1): 1}
	h.ActivatedAt = insightNow.Add(-10 * day)
	require.Equal(t, []RiskReason{{Code: RiskOneSideQuiet, UserID: h.MentorID, Days: 10}}, reasonsOf(h, domain.InsightSettings{}))
}

func TestAtRiskListsActiveMatchesOnlyWorstFirst(t *testing.T) {
	oneReason := activeLine("a")
	oneReason.LastRating = 1
	oneReason.ActivatedAt = insightNow.Add(-100 * day)
	twoReasons := activeLine("b")
	twoReasons.LastRating = 1
	twoReasons.StalledSince = insightNow.Add(-40 * day)
	olderOne := activeLine("c")
	olderOne.LastRating = 2
	olderOne.ActivatedAt = insightNow.Add(-200 * day)
	paused := activeLine("d")
	paused.Status, paused.LastRating = domain.MatchPaused, 1
	ended := activeLine("e")
	ended.Status, ended.LastRating = domain.MatchCompleted, 1
	list := atRisk([]*domain.MatchHealth{oneReason, paused, twoReasons, ended, olderOne, activeLine("f")},
		domain.InsightSettings{}.WithDefaults(), insightNow)
	var ids []string
	for _, m := range list {
		ids = append(ids, m.MatchID)
	}
	require.Equal(t, []string{"b", "c", "a"}, ids)
	require.Equal(t, "mentee-b", list[0].MenteeID)
	require.Equal(t, "mentor-b", list[0].MentorID)
}
