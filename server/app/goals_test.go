package app

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestBothSidesSetAndUpdateGoalsWithCardsAndOnePinnedSummary(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: " Give a talk ", Measure: "A 20-minute talk at the guild",
		Due: "2026-12-31", Milestones: []string{"Pick a topic", "Write the slides"}})
	require.NoError(t, err)
	require.Equal(t, "Give a talk", goal.Title)
	require.Equal(t, domain.GoalOnTrack, goal.Status)
	require.Len(t, goal.Milestones, 2)
	require.Zero(t, goal.Progress)

	_, err = w.Goals.Update("ana", m.ID, goal.ID, GoalPatch{DoneMilestones: []string{"1"}})
	require.NoError(t, err, "the mentor updates too")
	_, err = w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Progress: ptr(70), Note: ptr("Slides half done")})
	require.NoError(t, err)
	done, err := w.Goals.Done("ana", m.ID, goal.ID, "Great talk!")
	require.NoError(t, err)
	require.Equal(t, 100, done.Progress)
	require.Equal(t, domain.GoalDone, done.Status)

	require.Equal(t, []string{
		"1 bob created Give a talk 0% on_track",
		"2 ana milestone Give a talk 50% on_track",
		"3 bob progress Give a talk 70% on_track",
		"4 ana status Give a talk 100% done",
	}, w.goals.cards())
	w.requireDelivered()
	require.Equal(t, 3, w.goals.edits, "created once, then edited after each update")

	kinds := []string{}
	for _, u := range done.History {
		kinds = append(kinds, u.Kind+"/"+u.By)
	}
	require.Equal(t, []string{"created/bob", "milestone/ana", "progress/bob", "status/ana"}, kinds)
	require.Equal(t, "Great talk!", done.History[3].Note)
}

func TestWhoSeesAndWhoChangesAMatchsGoals(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Ship a feature"})
	require.NoError(t, err)

	for _, reader := range []string{"bob", "ana"} {
		v, err := w.Goals.List(reader, m.ID)
		require.NoError(t, err)
		require.True(t, v.CanEdit, reader)
		require.Len(t, v.Goals, 1)
	}
	for _, reader := range []string{"coord", "admin"} {
		v, err := w.Goals.List(reader, m.ID)
		require.NoError(t, err, reader)
		require.False(t, v.CanEdit, "%s reads but does not edit", reader)
		require.Len(t, v.Goals, 1)
		_, err = w.Goals.Add(reader, m.ID, GoalInput{Title: "Theirs"})
		requireKind(t, err, KindForbidden)
		_, err = w.Goals.Update(reader, m.ID, goal.ID, GoalPatch{Progress: ptr(10)})
		requireKind(t, err, KindForbidden)
	}
	_, err = w.Goals.List("carl", m.ID)
	requireKind(t, err, KindNotFound)
	_, err = w.Goals.Add("carl", m.ID, GoalInput{Title: "Not mine"})
	requireKind(t, err, KindNotFound)
	_, err = w.Goals.Done("carl", m.ID, goal.ID, "")
	requireKind(t, err, KindNotFound)
	_, err = w.Goals.List("bob", "nosuchmatch0000000000000000")
	requireKind(t, err, KindNotFound)

	v, err := w.Goals.List("bob", m.ID)
	require.NoError(t, err)
	require.Len(t, v.Goals, 1, "refused calls changed nothing")
	require.Equal(t, 1, w.doc().Seq)
}

func TestGoalsOfAnEndedMatchAreReadOnly(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Learn Go"})
	require.NoError(t, err)
	_, err = w.Matches.End("bob", m.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)

	v, err := w.Goals.List("ana", m.ID)
	require.NoError(t, err)
	require.False(t, v.CanEdit)
	require.Len(t, v.Goals, 1)
	_, err = w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Progress: ptr(50)})
	requireKind(t, err, KindConflict)
	_, err = w.Goals.Add("ana", m.ID, GoalInput{Title: "More"})
	requireKind(t, err, KindConflict)
	mine, err := w.Goals.Mine("bob")
	require.NoError(t, err)
	require.Empty(t, mine, "an ended match is not among the live ones")
}

func TestMineListsTheGoalsOfEachLiveMatch(t *testing.T) {
	w := newGoalWorld(t)
	_, err := w.Goals.Add("ana", w.match.ID, GoalInput{Title: "Mentor well"})
	require.NoError(t, err)
	for who, partner := range map[string]string{"bob": "ana", "ana": "bob"} {
		mine, err := w.Goals.Mine(who)
		require.NoError(t, err)
		require.Len(t, mine, 1, who)
		require.Equal(t, w.match.ID, mine[0].MatchID)
		require.Equal(t, w.match.ProgramID, mine[0].ProgramID)
		require.Equal(t, partner, mine[0].PartnerID)
		require.Len(t, mine[0].Goals, 1)
	}
	mine, err := w.Goals.Mine("carl")
	require.NoError(t, err)
	require.NotNil(t, mine)
	require.Empty(t, mine)
}

func TestBadGoalInputIsRefusedWithItsFieldAndStoresNothing(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	many := make([]string, domain.MaxMilestonesPerGoal+1)
	for i := range many {
		many[i] = "step"
	}
	cases := map[string]struct {
		in    GoalInput
		field string
	}{
		"no title":          {GoalInput{Title: "  "}, "title"},
		"long title":        {GoalInput{Title: strings.Repeat("x", domain.MaxGoalTitle+1)}, "title"},
		"title line break":  {GoalInput{Title: "a\nb"}, "title"},
		"long description":  {GoalInput{Title: "A", Description: strings.Repeat("d", domain.MaxGoalDescription+1)}, "description"},
		"control character": {GoalInput{Title: "A", Measure: "bell\a"}, "measure"},
		"bad due":           {GoalInput{Title: "A", Due: "next week"}, "due"},
		"impossible due":    {GoalInput{Title: "A", Due: "2026-02-30"}, "due"},
		"past due":          {GoalInput{Title: "A", Due: "2026-11-25"}, "due"},
		"progress":          {GoalInput{Title: "A", Progress: ptr(101)}, "progress"},
		"negative progress": {GoalInput{Title: "A", Progress: ptr(-1)}, "progress"},
		"milestones":        {GoalInput{Title: "A", Milestones: many}, "milestones"},
		"empty milestone":   {GoalInput{Title: "A", Milestones: []string{"one", " "}}, "milestones"},
	}
	for name, c := range cases {
		_, err := w.Goals.Add("bob", m.ID, c.in)
		kind, field := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, name)
		require.Equal(t, c.field, field, name)
	}
	_, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Today is fine", Due: "2026-11-26"})
	require.NoError(t, err, "due today is not in the past")

	goal := w.doc().Goals[0]
	patches := map[string]struct {
		patch GoalPatch
		kind  Kind
		field string
	}{
		"nothing":          {GoalPatch{}, KindInvalid, ""},
		"empty note only":  {GoalPatch{Note: ptr(" ")}, KindInvalid, ""},
		"empty title":      {GoalPatch{Title: ptr("")}, KindInvalid, "title"},
		"status":           {GoalPatch{Status: ptr("finished")}, KindInvalid, "status"},
		"progress":         {GoalPatch{Progress: ptr(200)}, KindInvalid, "progress"},
		"past due":         {GoalPatch{Due: ptr("2026-01-01")}, KindInvalid, "due"},
		"long note":        {GoalPatch{Note: ptr(strings.Repeat("n", domain.MaxGoalNote+1))}, KindInvalid, "note"},
		"no milestone":     {GoalPatch{DoneMilestones: []string{"3"}}, KindInvalid, "done_milestones"},
		"done and undone":  {GoalPatch{DoneMilestones: []string{"1"}, UndoneMilestones: []string{"1"}}, KindInvalid, "done_milestones"},
		"too many to add":  {GoalPatch{AddMilestones: many}, KindInvalid, "add_milestones"},
		"blank to add":     {GoalPatch{AddMilestones: []string{""}}, KindInvalid, "add_milestones"},
		"title line break": {GoalPatch{Title: ptr("a\rb")}, KindInvalid, "title"},
	}
	for name, c := range patches {
		_, err := w.Goals.Update("bob", m.ID, goal.ID, c.patch)
		kind, field := kindOf(t, err)
		require.Equal(t, c.kind, kind, name)
		require.Equal(t, c.field, field, name)
	}
	_, err = w.Goals.Update("bob", m.ID, "nosuchgoal", GoalPatch{Progress: ptr(5)})
	requireKind(t, err, KindNotFound)
	require.Equal(t, 1, w.doc().Seq, "only the good goal was committed")
	require.Len(t, w.goals.cards(), 1)
}

func TestAMatchHoldsAtMostTwentyGoals(t *testing.T) {
	w := newGoalWorld(t)
	for i := range domain.MaxGoalsPerMatch {
		_, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Goal " + string(rune('A'+i))})
		require.NoError(t, err)
	}
	_, err := w.Goals.Add("ana", w.match.ID, GoalInput{Title: "One more"})
	requireKind(t, err, KindConflict)
	require.Len(t, w.doc().Goals, domain.MaxGoalsPerMatch)
}

func TestProgressComesFromMilestonesUntilSetByHand(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Learn Go", Milestones: []string{"Tour", "Book", "Project", "Talk"}})
	require.NoError(t, err)
	step := func(who string, patch GoalPatch) *domain.Goal {
		t.Helper()
		g, err := w.Goals.Update(who, m.ID, goal.ID, patch)
		require.NoError(t, err)
		return g
	}
	require.Equal(t, 50, step("bob", GoalPatch{DoneMilestones: []string{"1", goal.Milestones[1].ID}}).Progress)
	g := step("ana", GoalPatch{AddMilestones: []string{"Review"}})
	require.Equal(t, 40, g.Progress, "2 of 5")
	require.Equal(t, 20, step("bob", GoalPatch{UndoneMilestones: []string{"2"}}).Progress)
	require.Equal(t, "bob", g.Milestones[0].DoneBy)

	g = step("bob", GoalPatch{Progress: ptr(35)})
	require.True(t, g.ProgressSet)
	require.Equal(t, 35, step("ana", GoalPatch{DoneMilestones: []string{"3", "4"}}).Progress, "explicit progress stays")

	g = step("bob", GoalPatch{Status: ptr("Done")})
	require.Equal(t, domain.GoalDone, g.Status)
	require.Equal(t, 100, g.Progress)
	g = step("bob", GoalPatch{Status: ptr("at risk")})
	require.Equal(t, domain.GoalAtRisk, g.Status)
	require.Equal(t, 35, g.Progress, "reopened: the progress set by hand again")

	fresh, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Explicit", Progress: ptr(10), Milestones: []string{"a", "b"}})
	require.NoError(t, err)
	require.Equal(t, 10, fresh.Progress)
	g, err = w.Goals.Update("bob", m.ID, fresh.ID, GoalPatch{DoneMilestones: []string{"1"}})
	require.NoError(t, err)
	require.Equal(t, 10, g.Progress, "progress given at creation is explicit")
}

func TestAnUpdateThatChangesNothingOwesNoCard(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Learn Go", Due: "2026-12-01"})
	require.NoError(t, err)
	_, err = w.Goals.Done("bob", m.ID, goal.ID, "")
	require.NoError(t, err)
	again, err := w.Goals.Done("ana", m.ID, goal.ID, "")
	require.NoError(t, err, "done twice (a retried request) is not an error")
	require.Equal(t, domain.GoalDone, again.Status)
	_, err = w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Title: ptr("Learn Go"), DoneMilestones: []string{}})
	require.NoError(t, err)
	require.Equal(t, 2, w.doc().Seq)
	require.Len(t, w.goals.cards(), 2)

	// A due date that has passed may stay while other fields change, but a
	// new one may not be in the past.
	w.advance(40 * 24 * time.Hour)
	_, err = w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Due: ptr("2026-12-01"), Note: ptr("late, but done")})
	require.NoError(t, err)
	_, err = w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Due: ptr("2026-12-02")})
	requireKind(t, err, KindInvalid)
	g, err := w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Due: ptr("")})
	require.NoError(t, err)
	require.Empty(t, g.Due, "the due date can be cleared")
	w.requireDelivered()
}

func TestHistoryIsBounded(t *testing.T) {
	w := newGoalWorld(t)
	goal, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Practice"})
	require.NoError(t, err)
	for i := range domain.MaxGoalHistory + 5 {
		_, err := w.Goals.Update("bob", w.match.ID, goal.ID, GoalPatch{Progress: ptr(i % 100)})
		require.NoError(t, err)
	}
	g := w.doc().Find(goal.ID)
	require.Len(t, g.History, domain.MaxGoalHistory)
	require.Equal(t, kindProgress, g.History[0].Kind, "the oldest entries went first")
}
