package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestGoalRoutesSetUpdateAndReadAMatchsGoals(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	base := "/api/v1/matches/" + m.ID + "/goals"

	rec, e := do(f.h, menteeID, http.MethodPost, base,
		`{"title":"Give a talk","measure":"20 minutes","due":"2099-01-31","milestones":["topic","slides"]}`)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	goal := decodeAs[domain.Goal](t, rec)
	require.Equal(t, "Give a talk", goal.Title)
	require.Len(t, goal.Milestones, 2)

	rec, e = do(f.h, mentorID, http.MethodPatch, base+"/"+goal.ID,
		`{"done_milestones":["`+goal.Milestones[0].ID+`"],"note":"good start","add_milestones":["rehearse"]}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	updated := decodeAs[domain.Goal](t, rec)
	require.Equal(t, 33, updated.Progress, "1 of 3 milestones")
	require.Equal(t, mentorID, updated.UpdatedBy)

	rec, e = do(f.h, menteeID, http.MethodPost, base+"/"+goal.ID+"/done", `{"note":"done!"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.Equal(t, domain.GoalDone, decodeAs[domain.Goal](t, rec).Status)
	rec, e = do(f.h, menteeID, http.MethodPost, base+"/"+goal.ID+"/done", "")
	require.Equal(t, http.StatusOK, rec.Code, "the body is optional: %s", e.Error)

	for user, canEdit := range map[string]bool{menteeID: true, mentorID: true, adminID: false} {
		rec, e = do(f.h, user, http.MethodGet, base, "")
		require.Equal(t, http.StatusOK, rec.Code, e.Error)
		v := decodeAs[app.GoalsView](t, rec)
		require.Equal(t, m.ID, v.MatchID)
		require.Equal(t, canEdit, v.CanEdit, user)
		require.Len(t, v.Goals, 1)
	}
	var raw map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &raw))
	require.ElementsMatch(t, []string{"match_id", "goals", "can_edit"}, keys(raw), "nothing but the view: no marks, no owed cards")

	rec, e = do(f.h, mentorID, http.MethodGet, "/api/v1/goals", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	mine := decodeAs[MyGoalsBody](t, rec)
	require.Len(t, mine.Matches, 1)
	require.Equal(t, menteeID, mine.Matches[0].PartnerID)
	require.Equal(t, m.ProgramID, mine.Matches[0].ProgramID)
	rec, _ = do(f.h, memberID, http.MethodGet, "/api/v1/goals", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"matches":[]}`, rec.Body.String())
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestGoalRoutesRefuseOutsidersCoordinatorsWritesAndBadInput(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	base := "/api/v1/matches/" + m.ID + "/goals"
	rec, e := do(f.h, menteeID, http.MethodPost, base, `{"title":"Learn Go"}`)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	goal := decodeAs[domain.Goal](t, rec)

	for _, c := range []struct {
		name, user, method, path, body string
		status                         int
		field                          string
	}{
		{"a team member reads", memberID, http.MethodGet, base, "", http.StatusNotFound, ""},
		{"a stranger reads", otherID, http.MethodGet, base, "", http.StatusNotFound, ""},
		{"a team member adds", memberID, http.MethodPost, base, `{"title":"x"}`, http.StatusNotFound, ""},
		{"a team member updates", memberID, http.MethodPatch, base + "/" + goal.ID, `{"progress":5}`, http.StatusNotFound, ""},
		{"the coordinator adds", adminID, http.MethodPost, base, `{"title":"x"}`, http.StatusForbidden, ""},
		{"the coordinator updates", adminID, http.MethodPatch, base + "/" + goal.ID, `{"progress":5}`, http.StatusForbidden, ""},
		{"the coordinator finishes", adminID, http.MethodPost, base + "/" + goal.ID + "/done", "", http.StatusForbidden, ""},
		{"unknown field", menteeID, http.MethodPost, base, `{"title":"x","owner":"me"}`, http.StatusBadRequest, ""},
		{"unknown patch field", menteeID, http.MethodPatch, base + "/" + goal.ID, `{"progress_set":true}`, http.StatusBadRequest, ""},
		{"no title", menteeID, http.MethodPost, base, `{"title":" "}`, http.StatusBadRequest, "title"},
		{"progress", menteeID, http.MethodPatch, base + "/" + goal.ID, `{"progress":140}`, http.StatusBadRequest, "progress"},
		{"status", menteeID, http.MethodPatch, base + "/" + goal.ID, `{"status":"great"}`, http.StatusBadRequest, "status"},
		{"past due", menteeID, http.MethodPost, base, `{"title":"x","due":"2001-01-01"}`, http.StatusBadRequest, "due"},
		{"empty patch", menteeID, http.MethodPatch, base + "/" + goal.ID, `{}`, http.StatusBadRequest, ""},
		{"bad match id", menteeID, http.MethodGet, "/api/v1/matches/nope/goals", "", http.StatusBadRequest, "match_id"},
		{"bad goal id", menteeID, http.MethodPatch, base + "/nope", `{"progress":5}`, http.StatusBadRequest, "goal_id"},
		{"unknown goal", menteeID, http.MethodPatch, base + "/" + strings.Repeat("g", 26), `{"progress":5}`, http.StatusNotFound, ""},
		{"wrong method", menteeID, http.MethodDelete, base + "/" + goal.ID, "", http.StatusMethodNotAllowed, ""},
		{"done body unknown field", menteeID, http.MethodPost, base + "/" + goal.ID + "/done", `{"status":"x"}`, http.StatusBadRequest, ""},
	} {
		rec, e := do(f.h, c.user, c.method, c.path, c.body)
		require.Equal(t, c.status, rec.Code, "%s: %s", c.name, e.Error)
		require.Equal(t, c.field, e.Field, c.name)
		require.NotEmpty(t, e.Error, c.name)
	}
	rec, _ = do(f.h, menteeID, http.MethodGet, base, "")
	v := decodeAs[app.GoalsView](t, rec)
	require.Len(t, v.Goals, 1)
	require.Len(t, v.Goals[0].History, 1, "refused calls changed nothing")
}

func TestTheGoalFormIsSubmittedThroughItsRoute(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	resp := submit(t, f.h, mentorID, "/api/v1/dialogs/goal", model.SubmitDialogRequest{State: `{"m":"` + m.ID + `"}`,
		Submission: map[string]any{"title": "Mentor well", "milestones": "one\ntwo", "progress": "10"}})
	require.Empty(t, resp.Error)
	require.Empty(t, resp.Errors)
	rec, _ := do(f.h, menteeID, http.MethodGet, "/api/v1/matches/"+m.ID+"/goals", "")
	v := decodeAs[app.GoalsView](t, rec)
	require.Len(t, v.Goals, 1)
	require.Equal(t, 10, v.Goals[0].Progress)

	resp = submit(t, f.h, memberID, "/api/v1/dialogs/goal", model.SubmitDialogRequest{State: `{"m":"` + m.ID + `"}`,
		Submission: map[string]any{"title": "Not mine"}})
	require.NotEmpty(t, resp.Error)
	resp = submit(t, f.h, mentorID, "/api/v1/dialogs/goal", model.SubmitDialogRequest{State: `{"m":"` + m.ID + `"}`,
		Submission: map[string]any{"title": ""}})
	require.Contains(t, resp.Errors, "title")
	require.Equal(t, dialog.GoalURL, "/plugins/mentorship"+"/api/v1/dialogs/goal", "the form posts where the route is")
}
