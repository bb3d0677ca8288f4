package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// keyOf names a feedback item by kind and author, for comparisons.
func keysOf(items []FeedbackItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Kind+"/"+it.AuthorID)
	}
	return out
}

func TestFeedbackIsPrivateUnlessShared(t *testing.T) {
	w := newCheckInWorld(t, domain.CadenceWeekly)
	v, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: w.m.ID, When: "tomorrow 3pm for 30m", Title: "Kick-off"})
	require.NoError(t, err)
	w.advance(48 * time.Hour)
	_, err = w.Sessions.Feedback("bob", v.ID, FeedbackInput{Occurrence: v.Start, Rating: 5, Text: "useful", Shared: true})
	require.NoError(t, err)
	_, err = w.Sessions.Feedback("ana", v.ID, FeedbackInput{Occurrence: v.Start, Rating: 3, Text: "bob was late"})
	require.NoError(t, err)

	_, err = w.Matches.End("bob", w.m.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)
	w.advance(time.Minute)
	_, err = w.Matches.Survey("bob", w.m.ID, SurveyInput{Rating: 4, Text: "thanks ana"})
	require.NoError(t, err)
	w.advance(time.Minute)
	_, err = w.Matches.Survey("ana", w.m.ID, SurveyInput{Rating: 5, Text: "great mentee", Shared: true})
	require.NoError(t, err)

	for reader, want := range map[string][]string{
		"bob":   {"session/bob", "exit/bob", "exit/ana"},                // not ana's unshared session rating
		"ana":   {"session/bob", "session/ana", "exit/ana"},             // not bob's unshared survey
		"coord": {"session/bob", "session/ana", "exit/bob", "exit/ana"}, // everything
		"admin": {"session/bob", "session/ana", "exit/bob", "exit/ana"},
	} {
		got, err := w.Feedback.List(reader, w.m.ID)
		require.NoError(t, err, reader)
		require.ElementsMatch(t, want, keysOf(got.Items), reader)
	}
	got, err := w.Feedback.List("coord", w.m.ID)
	require.NoError(t, err)
	for _, it := range got.Items {
		if it.Kind == FeedbackSession {
			require.Equal(t, v.ID, it.SessionID)
			require.Equal(t, "Kick-off", it.Title)
			require.True(t, it.Occurrence.Equal(v.Start))
		}
		if it.AuthorID == "ana" && it.Kind == FeedbackExit {
			require.True(t, it.Shared)
			require.Equal(t, "great mentee", it.Text)
		}
	}
	_, err = w.Feedback.List("carl", w.m.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "another member learns nothing, not even that the match exists")
}
