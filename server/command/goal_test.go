package command

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestGoalsAreSetListedUpdatedAndDoneInThePairChannel(t *testing.T) {
	f := newSessionFixture(t)
	pair := f.match.ChannelID

	reply := f.in(pair, "bob", "/mentor goal add Give a talk --measure A 20-minute talk --due 2026-12-31 --milestones pick a topic; write slides;")
	require.Equal(t, "Goal 1 saved: **Give a talk** `░░░░░░░░░░` 0% · on track", reply)
	reply = f.in(pair, "ana", "/mentor goal add Review a design doc --progress 30%")
	require.Equal(t, "Goal 2 saved: **Review a design doc** `▓▓▓░░░░░░░` 30% · on track", reply)

	reply = f.in(pair, "ana", "/mentor goal update 1 --done-milestone 1 --note good start")
	require.Equal(t, "Goal 1 saved: **Give a talk** `▓▓▓▓▓░░░░░` 50% · on track", reply)
	reply = f.in(pair, "bob", "/mentor goal update 2 --status at risk --milestone ask for review; merge")
	require.Equal(t, "Goal 2 saved: **Review a design doc** `▓▓▓░░░░░░░` 30% · at risk", reply)

	reply = f.in(pair, "bob", "/mentor goals")
	require.Equal(t, strings.Join([]string{
		"#### Goals with @ana",
		"1. **Give a talk** `▓▓▓▓▓░░░░░` 50% · on track · due 2026-12-31 · milestones 1/2",
		"    ☑ 1. pick a topic",
		"    ☐ 2. write slides",
		"2. **Review a design doc** `▓▓▓░░░░░░░` 30% · at risk · milestones 0/2",
		"    ☐ 1. ask for review",
		"    ☐ 2. merge",
		"",
		"Change one with `/mentor goal update N --progress 60`, `--status at_risk`, `--note …`, `--done-milestone 1`, or `/mentor goal done N`.",
	}, "\n"), reply)

	reply = f.in(pair, "ana", "/mentor goal done 1 --note well done")
	require.Equal(t, "✅ Goal 1 is done: **Give a talk**. Your partner sees the card in your pair's channel.", reply)
	v, err := f.svc.Goals.List("bob", f.match.ID)
	require.NoError(t, err)
	require.Equal(t, domain.GoalDone, v.Goals[0].Status)
	require.Equal(t, 100, v.Goals[0].Progress)
	require.Equal(t, "well done", v.Goals[0].History[len(v.Goals[0].History)-1].Note)
	require.Equal(t, "A 20-minute talk", v.Goals[0].Measure)

	reply = f.in("elsewhere", "bob", "/mentor goal update "+v.Goals[1].ID+" --progress 80 --match "+f.match.ID)
	require.Contains(t, reply, "Goal 2 saved", "a goal by its id, a match by --match")
}

func TestGoalCommandsWithoutDetailsOpenTheGoalForm(t *testing.T) {
	f := newSessionFixture(t)
	pair := f.match.ChannelID
	require.Empty(t, f.in(pair, "bob", "/mentor goal add"))
	require.Len(t, f.front.opened, 1)
	opened := f.front.opened[0]
	require.Equal(t, dialog.GoalURL, opened.URL)
	require.JSONEq(t, `{"m":"`+f.match.ID+`"}`, opened.Dialog.State)

	f.in(pair, "bob", "/mentor goal add Learn Go --milestones tour; book")
	require.Empty(t, f.in(pair, "ana", "/mentor goal update 1"))
	require.Len(t, f.front.opened, 2)
	var st map[string]string
	require.NoError(t, json.Unmarshal([]byte(f.front.opened[1].Dialog.State), &st))
	require.Equal(t, f.match.ID, st["m"])
	require.NotEmpty(t, st["g"])
	titles := map[string]string{}
	for _, e := range f.front.opened[1].Dialog.Elements {
		titles[e.Name] = e.Default
	}
	require.Equal(t, "Learn Go", titles["title"], "the edit form is filled in")
	require.Equal(t, domain.GoalOnTrack, titles["status"])

	require.Contains(t, f.in("elsewhere", "bob", "/mentor goal add"), "not the private channel", "no form outside a pair channel")
	require.Contains(t, f.in("elsewhere", "admin", "/mentor goal add --match "+f.match.ID), "as a coordinator",
		"no form that could not be saved")
	require.Len(t, f.front.opened, 2)
}

func TestGoalCommandMistakesAreExplainedAndChangeNothing(t *testing.T) {
	f := newSessionFixture(t)
	pair := f.match.ChannelID
	f.in(pair, "bob", "/mentor goal add Learn Go")
	for line, want := range map[string]string{
		"/mentor goal update":                          "Say which goal",
		"/mentor goal update 1 2 --progress 3":         "Say which goal",
		"/mentor goal update 7 --progress 5":           "There is no goal 7: this match has 1",
		"/mentor goal done 0":                          "There is no goal 0",
		"/mentor goal update 1 --progress lots":        "--progress takes a percentage",
		"/mentor goal update 1 --progress 101":         "whole number from 0 to 100",
		"/mentor goal update 1 --status finished":      "is not a goal status",
		"/mentor goal update 1 --done-milestone 4":     "has no milestone \"4\"",
		"/mentor goal update 1 --due 2020-01-01":       "is in the past",
		"/mentor goal add --due 2026-12-31":            "Say the goal before the options",
		"/mentor goal add Later --due tomorrow":        "must be a date like 2026-12-31",
		"/mentor goal update 1 --colour red":           "--colour is not an option",
		"/mentor goals extra":                          "There is no goal extra",
		"/mentor goal update 1 --note":                 "--note needs a value",
		"/mentor goal add " + strings.Repeat("x", 121): "The title is 121 characters long; the limit is 120.",
	} {
		require.Contains(t, f.in(pair, "bob", line), want, line)
	}
	require.Contains(t, f.in("elsewhere", "bob", "/mentor goals"), "not the private channel of one of your matches")
	require.Contains(t, f.in("elsewhere", "carl", "/mentor goals --match "+f.match.ID), "no such match", "another mentee learns nothing")
	reply := f.in("elsewhere", "admin", "/mentor goals --match "+f.match.ID)
	require.Contains(t, reply, "#### Goals of @bob and @ana", "a coordinator reads")
	require.Contains(t, reply, "_Read only")
	require.Contains(t, f.in("elsewhere", "admin", "/mentor goal done 1 --match "+f.match.ID), "as a coordinator of Spring you can read them")

	v, err := f.svc.Goals.List("bob", f.match.ID)
	require.NoError(t, err)
	require.Len(t, v.Goals, 1)
	require.Len(t, v.Goals[0].History, 1, "nothing but the creation was committed")
}

func TestHelpListsTheGoalCommands(t *testing.T) {
	f := newSessionFixture(t)
	help := f.in(f.match.ChannelID, "bob", "/mentor help")
	for _, usage := range []string{usageGoals, usageGoalAdd, usageGoalUpdate, usageGoalDone} {
		require.Contains(t, help, usage)
	}
}
