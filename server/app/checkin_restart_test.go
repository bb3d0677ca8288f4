package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// roundsDue lists when the match's check-in rounds are due on the scheduler.
func roundsDue(w *matchWorld, matchID string) []time.Time {
	w.due.mu.Lock()
	defer w.due.mu.Unlock()
	var out []time.Time
	for _, it := range w.due.items {
		if it.kind == DueCheckInRound && len(it.payload) > len(matchID) && it.payload[:len(matchID)] == matchID {
			out = append(out, it.at)
		}
	}
	return out
}

// A program whose cadence was "none" has no check-ins; turning a cadence on
// starts the chains of its active matches at once.
func TestACadenceTurnedOnStartsTheActiveMatchesCheckIns(t *testing.T) {
	w, m := sessionWorld(t)
	none, weekly := domain.CadenceNone, domain.CadenceWeekly
	_, err := w.Programs.Update("coord", m.ProgramID, ProgramFields{CheckInCadence: &none})
	require.NoError(t, err)
	w.runDue()
	w.due.mu.Lock()
	w.due.items = nil // forget the chain the monthly cadence had started
	w.due.mu.Unlock()
	require.NoError(t, w.CheckIns.Start(m))
	require.Empty(t, roundsDue(w, m.ID), "no cadence, no rounds")

	_, err = w.Programs.Update("coord", m.ProgramID, ProgramFields{CheckInCadence: &weekly})
	require.NoError(t, err)
	w.runDue()
	due := roundsDue(w, m.ID)
	require.Len(t, due, 1, "the weekly chain started")
	require.True(t, due[0].After(w.deps.Now()), "its first round is still to come")
	require.False(t, due[0].After(w.deps.Now().Add(8*24*time.Hour)), "within a week")
}

// Only the pair answers check-ins: the note button asks before opening a form.
func TestOnlyThePairMayAnswerCheckIns(t *testing.T) {
	w, m := sessionWorld(t)
	require.NoError(t, w.CheckIns.RequireAnswerer("bob", m.ID))
	require.NoError(t, w.CheckIns.RequireAnswerer("ana", m.ID))
	requireKind(t, w.CheckIns.RequireAnswerer("coord", m.ID), KindForbidden)
	requireKind(t, w.CheckIns.RequireAnswerer("carl", m.ID), KindNotFound)
}
