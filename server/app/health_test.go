package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

func healthLine(t *testing.T, w *matchWorld, m *domain.Match) *domain.MatchHealth {
	t.Helper()
	line, found, err := w.store.GetMatchHealth(m.ProgramID, m.ID)
	require.NoError(t, err)
	require.True(t, found, "the match has a ledger line")
	return line
}

// The ledger line follows the match through its life: created when the
// match is, then counting meetings, attendance, ratings, goals and
// check-ins, and it keeps the chat activity others merged in.
func TestHealthLineFollowsTheMatch(t *testing.T) {
	w, m := sessionWorld(t)
	line := healthLine(t, w, m)
	require.Equal(t, domain.MatchActive, line.Status)
	require.Equal(t, m.ChannelID, line.ChannelID)
	ref, found, err := w.store.PairChannel(m.ChannelID)
	require.NoError(t, err)
	require.True(t, found, "the pair channel points at its match")
	require.Equal(t, store.PairChannelRef{ProgramID: m.ProgramID, MatchID: m.ID}, ref)

	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm for 30m", Recurrence: "weekly"})
	require.NoError(t, err)
	line = healthLine(t, w, m)
	require.Zero(t, line.SessionsPlanned)
	require.Equal(t, view.Start, line.NextSessionAt)

	// A week and a bit later: two meetings have started; the first was held.
	w.advance(8*24*time.Hour + 2*time.Hour)
	_, err = w.Sessions.Attend("bob", view.ID, view.Start, domain.AttendanceAttended)
	require.NoError(t, err)
	_, err = w.Sessions.Attend("ana", view.ID, view.Start, domain.AttendanceMissed)
	require.NoError(t, err)
	_, err = w.Sessions.Feedback("bob", view.ID, FeedbackInput{Occurrence: view.Start, Rating: 2, Text: "meh"})
	require.NoError(t, err)
	line = healthLine(t, w, m)
	require.Equal(t, 2, line.SessionsPlanned)
	require.Equal(t, 1, line.SessionsHeld)
	require.Equal(t, 1, line.Attended)
	require.Equal(t, 1, line.Missed)
	require.Equal(t, view.Start, line.LastSessionAt)
	require.Equal(t, []string{view.Start.Format(time.DateOnly)}, line.HeldDays)
	require.Equal(t, 2, line.LastRating)
	require.Equal(t, 1, line.RatingCount)

	_, err = w.store.UpdateGoals(m.ID, func(g *domain.MatchGoals) error {
		g.MatchID, g.ProgramID = m.ID, m.ProgramID
		g.Goals = append(g.Goals,
			&domain.Goal{ID: "g1", Title: "Ship", Status: domain.GoalOnTrack, Progress: 40, ProgressAt: w.deps.Now().Add(-time.Hour)},
			&domain.Goal{ID: "g2", Title: "Talk", Status: domain.GoalDone, Progress: 100})
		return nil
	})
	require.NoError(t, err)
	_, err = w.store.UpdateMatchHealth(m.ProgramID, m.ID, func(h *domain.MatchHealth, _ bool) error {
		h.Activity = map[string]*domain.ChannelActivity{"bob": {LastPostAt: w.deps.Now()}}
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, w.Health.Refresh(m.ID))
	line = healthLine(t, w, m)
	require.Equal(t, 2, line.Goals)
	require.Equal(t, 1, line.GoalsDone)
	require.Equal(t, []int{40}, line.OpenProgress)
	require.Equal(t, w.deps.Now().Add(-time.Hour), line.StalledSince)
	require.Contains(t, line.Activity, "bob", "a recomputation keeps the merged chat activity")
	require.Equal(t, 2, line.SessionsPlanned, "and still counts the meetings")

	// An unchanged recomputation writes nothing.
	before := line.UpdatedAt
	w.advance(time.Minute)
	require.NoError(t, w.Health.Refresh(m.ID))
	require.Equal(t, before, healthLine(t, w, m).UpdatedAt)

	_, err = w.Matches.End("bob", m.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)
	line = healthLine(t, w, m)
	require.Equal(t, domain.MatchCompleted, line.Status)
	require.False(t, line.EndedAt.IsZero())
}
