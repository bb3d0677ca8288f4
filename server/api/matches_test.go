package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

const otherID = "oooooooooooooooooooooooooo" // a valid id, not in the team

func createProgram(t *testing.T, h *Handler, body string) ProgramView {
	t.Helper()
	rec, e := do(h, adminID, http.MethodPost, "/api/v1/programs", body)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	var p ProgramView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	return p
}

func TestMalformedIDsAreA400NamingTheField(t *testing.T) {
	h, _ := newTestHandler(t)
	good := strings.Repeat("b", 26)
	cases := []struct{ method, path, body, field string }{
		{http.MethodGet, "/api/v1/programs/nope/suggestions", "", "program_id"},
		{http.MethodPost, "/api/v1/programs/nope-" + strings.Repeat("x", 21) + "/requests", `{"mentor_id":"` + good + `"}`, "program_id"},
		{http.MethodPost, "/api/v1/programs/" + good + "/requests", `{"mentor_id":"ana"}`, "mentor_id"},
		{http.MethodPost, "/api/v1/programs/" + good + "/requests", `{}`, "mentor_id"},
		{http.MethodGet, "/api/v1/matches/short", "", "match_id"},
		{http.MethodPost, "/api/v1/matches/short/accept", "", "match_id"},
		{http.MethodPost, "/api/v1/matches/short/decline", "", "match_id"},
		{http.MethodPost, "/api/v1/matches/short/withdraw", "", "match_id"},
		{http.MethodPost, "/api/v1/matches/short/pause", "", "match_id"},
		{http.MethodPost, "/api/v1/matches/short/resume", "", "match_id"},
		{http.MethodPost, "/api/v1/matches/short/end", `{"outcome":"completed"}`, "match_id"},
		{http.MethodPost, "/api/v1/matches/short/survey", `{"rating":5}`, "match_id"},
		{http.MethodPost, "/api/v1/programs/" + good + "/pairs", `{"mentee_id":"x","mentor_id":"` + good + `"}`, "mentee_id"},
		{http.MethodPost, "/api/v1/programs/" + good + "/pairs", `{"mentee_id":"` + good + `","mentor_id":"y"}`, "mentor_id"},
		{http.MethodGet, "/api/v1/programs/bad/matches", "", "program_id"},
		{http.MethodPost, "/api/v1/programs/bad/preview", "", "program_id"},
		{http.MethodGet, "/api/v1/programs/bad/preview", "", "program_id"},
		{http.MethodPost, "/api/v1/programs/" + good + "/publish", `{"preview_id":"old"}`, "preview_id"},
		{http.MethodPost, "/api/v1/programs/" + good + "/invites", `{"user_id":"@ana","role":"mentee"}`, "user_id"},
	}
	for _, c := range cases {
		rec, e := do(h, memberID, c.method, c.path, c.body)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s %s", c.method, c.path)
		require.Equal(t, c.field, e.Field, "%s %s", c.method, c.path)
		require.Contains(t, e.Error, c.field+" must be a Mattermost id")
	}
}

func TestBodiesAreDecodedStrictlyAndQueriesChecked(t *testing.T) {
	h, _ := newTestHandler(t)
	good := strings.Repeat("b", 26)
	cases := []struct{ method, path, body, field, want string }{
		{http.MethodPost, "/api/v1/programs/" + good + "/requests", `{"mentor_id":"` + good + `","mesage":"typo"}`, "", "unknown field \"mesage\""},
		{http.MethodPost, "/api/v1/matches/" + good + "/end", `{"outcome":"completed","rating":3}`, "", "unknown field \"rating\""},
		{http.MethodPost, "/api/v1/matches/" + good + "/accept", `{"really":true}`, "", "unknown field \"really\""},
		{http.MethodPost, "/api/v1/programs/" + good + "/preview", `{"policy":"quality","min_score":"high"}`, "", "not valid JSON"},
		{http.MethodPost, "/api/v1/programs/" + good + "/pairs", `{"mentee_id":"` + good + `","mentor_id":"` + good + `","force":true}`, "", "unknown field \"force\""},
		{http.MethodGet, "/api/v1/programs/" + good + "/suggestions?limit=500", "", "limit", "limit must be a whole number from 0 to 50"},
		{http.MethodGet, "/api/v1/programs/" + good + "/matches?page=-1", "", "page", "page must be a whole number"},
		{http.MethodGet, "/api/v1/programs/" + good + "/preview?page=two", "", "page", "page must be a whole number"},
	}
	for _, c := range cases {
		rec, e := do(h, memberID, c.method, c.path, c.body)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s %s", c.method, c.path)
		require.Equal(t, c.field, e.Field, "%s %s", c.method, c.path)
		require.Contains(t, e.Error, c.want, "%s %s", c.method, c.path)
	}
}

func TestInvitesEnrollTeamMembersForCoordinatorsOnly(t *testing.T) {
	h, _ := newTestHandler(t)
	p := createProgram(t, h, `{"team_id":"`+teamID+`","name":"Closed","enrollment_mode":"invite"}`)
	path := "/api/v1/programs/" + p.ID + "/invites"

	rec, e := do(h, memberID, http.MethodPost, path, `{"user_id":"`+memberID+`","role":"mentee"}`)
	require.Equal(t, http.StatusForbidden, rec.Code, "a member may not invite, not even themselves")
	require.NotEmpty(t, e.Error)

	rec, e = do(h, adminID, http.MethodPost, path, `{"user_id":"`+otherID+`","role":"mentee"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "user_id", e.Field, "someone outside the team")

	rec, e = do(h, adminID, http.MethodPost, path, `{"user_id":"`+memberID+`","role":"mentor"}`)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	var enrollment domain.Enrollment
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &enrollment))
	require.Equal(t, domain.StatusActive, enrollment.Status)
	require.Equal(t, domain.RoleMentor, enrollment.Role)
	require.Equal(t, memberID, enrollment.UserID)

	rec, _ = do(h, adminID, http.MethodPost, path, `{"user_id":"`+memberID+`","role":"mentor"}`)
	require.Equal(t, http.StatusConflict, rec.Code, "already in")

	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/programs/"+p.ID+"/leave", "")
	require.Equal(t, http.StatusOK, rec.Code)
	rec, e = do(h, adminID, http.MethodPost, path, `{"user_id":"`+memberID+`","role":"boss"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "role", e.Field)
}

// press sends a button press as user with the given context.
func press(t *testing.T, h *Handler, user string, context map[string]any) model.PostActionIntegrationResponse {
	t.Helper()
	body, err := json.Marshal(model.PostActionIntegrationRequest{UserId: "someone-else", TriggerId: "trigger", Context: context})
	require.NoError(t, err)
	rec, _ := do(h, user, http.MethodPost, "/api/v1/actions/match", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp model.PostActionIntegrationResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	return resp
}

func TestMatchButtonsWithABrokenContextAnswerEphemerally(t *testing.T) {
	h, log := newTestHandler(t)
	good := strings.Repeat("b", 26)
	resp := press(t, h, memberID, map[string]any{"match_id": "forged", "action": "accept"})
	require.Contains(t, resp.EphemeralText, "This button is not valid any more")
	require.Nil(t, resp.Update)

	resp = press(t, h, memberID, map[string]any{"match_id": good, "action": "approve-all"})
	require.Contains(t, resp.EphemeralText, `asks for "approve-all", which this version of the plugin does not know`)
	require.Nil(t, resp.Update)
	require.Empty(t, log.errors)

	rec, e := do(h, "", http.MethodPost, "/api/v1/actions/match", `{"context":{"match_id":"`+good+`","action":"accept"}}`)
	require.Equal(t, http.StatusUnauthorized, rec.Code, "a press needs the server's user header")
	require.NotEmpty(t, e.Error)
}

// submit posts a dialog submission as user.
func submit(t *testing.T, h *Handler, user, path string, req model.SubmitDialogRequest) model.SubmitDialogResponse {
	t.Helper()
	body, err := json.Marshal(req)
	require.NoError(t, err)
	rec, _ := do(h, user, http.MethodPost, path, string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp model.SubmitDialogResponse
	if rec.Body.Len() > 0 {
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	}
	return resp
}

func TestMatchFormsRefuseBadInputBeforeAnythingChanges(t *testing.T) {
	h, _ := newTestHandler(t)
	good := strings.Repeat("b", 26)
	resp := submit(t, h, memberID, "/api/v1/dialogs/survey", model.SubmitDialogRequest{State: good,
		Submission: map[string]any{"rating": "9", "text": "great"}})
	require.Equal(t, "Pick a rating from 1 to 5.", resp.Errors["rating"])

	resp = submit(t, h, memberID, "/api/v1/dialogs/survey", model.SubmitDialogRequest{State: "../../etc",
		Submission: map[string]any{"rating": "5"}})
	require.Contains(t, resp.Error, "does not name a match")

	resp = submit(t, h, memberID, "/api/v1/dialogs/end", model.SubmitDialogRequest{
		Submission: map[string]any{"match_id": "nope", "outcome": "completed"}})
	require.Contains(t, resp.Error, "does not name a match")

	resp = submit(t, h, memberID, "/api/v1/dialogs/end", model.SubmitDialogRequest{Cancelled: true, State: good})
	require.Empty(t, resp.Error, "a cancelled form is acknowledged and does nothing")
	require.Empty(t, resp.Errors)
}
