package dialog

import (
	"encoding/json"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// submitGoal submits the goal form as uid with these values.
func (f *sessionForms) submitGoal(uid string, st goalState, values map[string]any) *model.SubmitDialogResponse {
	state, _ := json.Marshal(st)
	return f.d.SubmitGoal(&model.SubmitDialogRequest{UserId: uid, ChannelId: f.match.ChannelID, State: string(state), Submission: values})
}

func (f *sessionForms) goals(t *testing.T) []*domain.Goal {
	t.Helper()
	v, err := f.svc.Goals.List("ana", f.match.ID)
	require.NoError(t, err)
	return v.Goals
}

func TestTheGoalFormsAreValidInEveryLanguage(t *testing.T) {
	f := newSessionForms(t)
	_, err := f.svc.Goals.Add("ana", f.match.ID, app.GoalInput{Title: "Learn Go", Milestones: []string{"tour"}})
	require.NoError(t, err)
	goal := f.goals(t)[0]
	for _, reader := range []string{"ana", "es-reader"} {
		require.NoError(t, f.d.OpenGoal("trigger", reader, f.match.ID, nil))
		require.NoError(t, f.d.OpenGoal("trigger", reader, f.match.ID, goal))
	}
	for _, form := range f.forms.opened {
		require.Equal(t, GoalURL, form.URL)
		require.NoError(t, form.Dialog.IsValid(), form.Dialog.Title)
	}
	require.Equal(t, "Fijar un objetivo", f.forms.opened[2].Dialog.Title)
	statuses := f.forms.opened[3].Dialog.Elements[len(f.forms.opened[3].Dialog.Elements)-2]
	require.Equal(t, "status", statuses.Name)
	require.Equal(t, "en marcha", statuses.Options[0].Text, "status labels in the reader's language")
}

func TestTheGoalFormAddsAGoalWithMilestonesOnePerLine(t *testing.T) {
	f := newSessionForms(t)
	resp := f.submitGoal("es-reader", goalState{MatchID: f.match.ID}, map[string]any{
		"title": " Dar una charla ", "measure": "20 minutos", "due": "2026-12-31",
		"milestones": "tema\n\n  diapositivas \r\nensayo", "progress": nil,
	})
	require.Nil(t, resp)
	goals := f.goals(t)
	require.Len(t, goals, 1)
	g := goals[0]
	require.Equal(t, "Dar una charla", g.Title)
	require.Equal(t, "2026-12-31", g.Due)
	require.Len(t, g.Milestones, 3)
	require.Equal(t, "diapositivas", g.Milestones[1].Title)
	require.False(t, g.ProgressSet, "an empty progress is derived from the milestones")
	require.Equal(t, []string{"Objetivo 1 guardado: **Dar una charla** `░░░░░░░░░░` 0% · en marcha"}, f.replies.posts)
}

func TestTheGoalEditFormSendsOnlyWhatChanged(t *testing.T) {
	f := newSessionForms(t)
	goal, err := f.svc.Goals.Add("ana", f.match.ID, app.GoalInput{Title: "Learn Go", Due: "2026-12-31", Milestones: []string{"tour", "book"}})
	require.NoError(t, err)
	st := goalState{MatchID: f.match.ID, GoalID: goal.ID}
	unchanged := map[string]any{"title": "Learn Go", "description": "", "measure": "", "due": "2026-12-31",
		"milestones": "", "progress": "", "status": domain.GoalOnTrack, "note": ""}
	resp := f.submitGoal("ana", st, unchanged)
	require.NotNil(t, resp)
	require.Contains(t, resp.Error, "Say what to change", "saving an untouched form is not an update")

	changed := map[string]any{"title": "Learn Go well", "description": "", "measure": "", "due": "2026-12-31",
		"milestones": "project", "progress": "45", "status": domain.GoalAtRisk, "note": "busy month"}
	require.Nil(t, f.submitGoal("ana", st, changed))
	g := f.goals(t)[0]
	require.Equal(t, "Learn Go well", g.Title)
	require.Equal(t, 45, g.Progress)
	require.True(t, g.ProgressSet)
	require.Equal(t, domain.GoalAtRisk, g.Status)
	require.Len(t, g.Milestones, 3)
	last := g.History[len(g.History)-1]
	require.Equal(t, "busy month", last.Note)
	require.Equal(t, "status", last.Kind)
	require.Len(t, g.History, 2, "one update")

	// A form opened when the progress was 45 and saved as is keeps it.
	changed["note"], changed["title"] = "", "Learn Go well"
	changed["milestones"] = ""
	resp = f.submitGoal("ana", st, changed)
	require.NotNil(t, resp)
	require.Len(t, f.goals(t)[0].History, 2)
}

func TestGoalFormErrorsAreShownUnderTheirFields(t *testing.T) {
	f := newSessionForms(t)
	for _, c := range []struct {
		values map[string]any
		field  string
	}{
		{map[string]any{"title": ""}, "title"},
		{map[string]any{"title": "A", "due": "soon"}, "due"},
		{map[string]any{"title": "A", "progress": "4.5"}, "progress"},
		{map[string]any{"title": "A", "progress": "300"}, "progress"},
		{map[string]any{"title": "A", "milestones": string(make([]byte, 0)) + "x\n" + string(rune(7))}, "milestones"},
	} {
		resp := f.submitGoal("ana", goalState{MatchID: f.match.ID}, c.values)
		require.NotNil(t, resp, "%v", c.values)
		require.Contains(t, resp.Errors, c.field, "%v: %+v", c.values, resp)
	}
	resp := f.submitGoal("ana", goalState{MatchID: "../../etc"}, map[string]any{"title": "A"})
	require.NotEmpty(t, resp.Error, "a state that names no match")
	resp = f.submitGoal("outsider", goalState{MatchID: f.match.ID}, map[string]any{"title": "A"})
	require.NotEmpty(t, resp.Error, "someone outside the pair")
	resp = f.submitGoal("ana", goalState{MatchID: f.match.ID, GoalID: "nosuchgoal00000000000000000"}, map[string]any{"title": "A"})
	require.NotEmpty(t, resp.Error)
	require.Empty(t, f.goals(t))
}
