package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// spring creates a program coordinated by the admin, with the member as mentee.
func spring(t *testing.T, h *Handler) string {
	t.Helper()
	rec, _ := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Spring"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	var p ProgramView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"mentee"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	return p.ID
}

func TestOwnProfileIsReadAndSavedOverREST(t *testing.T) {
	h, _ := newTestHandler(t)
	rec, _ := do(h, memberID, http.MethodGet, "/api/v1/profile", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"schema_version":0,"user_id":"`+memberID+`","skills_offered":[],"skills_wanted":[],"interests":[],"languages":[],"experience_years":0,"availability_hours":0}`,
		rec.Body.String(), "empty lists, not null")

	rec, _ = do(h, memberID, http.MethodPut, "/api/v1/profile",
		`{"skills_wanted":["Public speaking"," public-speaking "],"languages":["English"],"experience_level":"mid","experience_years":3,"availability_hours":4,"department":"Sales"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var p domain.Profile
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.Equal(t, []string{"Public speaking"}, p.SkillsWanted)
	require.Equal(t, "Sales", p.Department)

	rec, _ = do(h, memberID, http.MethodGet, "/api/v1/profile", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.Equal(t, "mid", p.ExperienceLevel)
	require.Equal(t, []string{"English"}, p.Languages)
}

func TestProfileInputErrorsNameTheField(t *testing.T) {
	h, _ := newTestHandler(t)
	cases := map[string]struct {
		body, field, text string
	}{
		"time zone is read, not typed": {`{"time_zone":"Europe/Paris"}`, "", "time_zone"},
		"user id is not an input":      {`{"user_id":"` + adminID + `"}`, "", "user_id"},
		"a number where text belongs":  {`{"bio":5}`, "", "not valid JSON"},
		"availability out of range":    {`{"availability_hours":500}`, "availability_hours", "from 0 to 160"},
		"manager is oneself":           {`{"manager_id":"` + memberID + `"}`, "manager_id", "cannot be you"},
		"unknown level":                {`{"experience_level":"wizard"}`, "experience_level", "junior, mid"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rec, e := do(h, memberID, http.MethodPut, "/api/v1/profile", c.body)
			require.Equal(t, http.StatusBadRequest, rec.Code)
			require.Equal(t, c.field, e.Field)
			require.Contains(t, e.Error, c.text)
		})
	}
	rec, _ := do(h, memberID, http.MethodGet, "/api/v1/profile", "")
	require.NotContains(t, rec.Body.String(), "updated_at", "nothing was saved")
}

func TestMemberProfilesAreForCoordinatorsAndPartners(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := spring(t, h)
	rec, _ := do(h, memberID, http.MethodPut, "/api/v1/profile", `{"skills_wanted":["Go"],"department":"Sales"}`)
	require.Equal(t, http.StatusOK, rec.Code)

	rec, _ = do(h, adminID, http.MethodGet, "/api/v1/programs/"+programID+"/profiles/"+memberID, "")
	require.Equal(t, http.StatusOK, rec.Code)
	var p domain.Profile
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.Equal(t, "Sales", p.Department, "coordinators see the whole profile")

	rec, e := do(h, memberID, http.MethodGet, "/api/v1/programs/"+programID+"/profiles/"+adminID, "")
	require.Equal(t, http.StatusForbidden, rec.Code, "no match with the admin")
	require.Contains(t, e.Error, "coordinate Spring")

	rec, _ = do(h, adminID, http.MethodGet, "/api/v1/programs/"+programID+"/profiles/not-an-id", "")
	require.Equal(t, http.StatusNotFound, rec.Code)
}

func TestMatchingSettingsOverREST(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := spring(t, h)
	path := "/api/v1/programs/" + programID + "/matching"

	rec, _ := do(h, memberID, http.MethodGet, path, "")
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec, _ = do(h, memberID, http.MethodPut, path, `{"min_score":5}`)
	require.Equal(t, http.StatusForbidden, rec.Code)

	rec, _ = do(h, adminID, http.MethodGet, path, "")
	require.Equal(t, http.StatusOK, rec.Code)
	var s domain.MatchingSettings
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &s))
	require.NotNil(t, s.Weights, "every field filled")
	require.NotNil(t, s.MinScore)
	require.Equal(t, "participation", s.Policy)
	require.Equal(t, 72, s.RequestExpiryHours)

	rec, _ = do(h, adminID, http.MethodPut, path, `{"weights":{"skill":40},"min_score":-3,"exclude_reporting_line":true,"retention":"keep"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &s))
	require.Equal(t, 40, s.Weights.Skill)
	require.Equal(t, 8, s.Weights.Interest, "weights not sent are kept")
	require.Equal(t, int64(-3), *s.MinScore)
	require.True(t, s.ExcludeReportingLine)

	// Sending back what was read changes nothing.
	before := rec.Body.String()
	rec, _ = do(h, adminID, http.MethodPut, path, before)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, before, rec.Body.String())

	for body, field := range map[string]string{
		`{"weights":{"skill":5000}}`:    "weights.skill",
		`{"request_expiry_hours":1000}`: "request_expiry_hours",
		`{"pair_channel":"public"}`:     "pair_channel",
		`{"min_score":"high"}`:          "",
		`{"weights":{"charm":3}}`:       "",
	} {
		rec, e := do(h, adminID, http.MethodPut, path, body)
		require.Equal(t, http.StatusBadRequest, rec.Code, body)
		require.Equal(t, field, e.Field, body)
	}
	rec, _ = do(h, adminID, http.MethodGet, path, "")
	require.JSONEq(t, before, rec.Body.String(), "refused input changed nothing")
}

func TestVocabularyAndMemberPagesCheckTheirParameters(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := spring(t, h)
	for path, field := range map[string]string{
		"/vocabulary":                      "field",
		"/vocabulary?field=colours":        "field",
		"/vocabulary?field=skills&limit=0": "limit",
		"/vocabulary?field=skills&limit=x": "limit",
		"/members?page=-1":                 "page",
		"/members?page=two":                "page",
	} {
		rec, e := do(h, adminID, http.MethodGet, "/api/v1/programs/"+programID+path, "")
		require.Equal(t, http.StatusBadRequest, rec.Code, path)
		require.Equal(t, field, e.Field, path)
	}
}

func TestMembersArePagedAndFullNamesFollowThePrivacySetting(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := spring(t, h)
	path := "/api/v1/programs/" + programID + "/members"
	rec, _ := do(h, memberID, http.MethodGet, path, "")
	require.Equal(t, http.StatusForbidden, rec.Code)

	rec, _ = do(h, adminID, http.MethodGet, path+"?page=0&q=", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var page app.MemberPage
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
	require.Equal(t, 1, page.Total)
	require.Len(t, page.Members, 1)
	require.Equal(t, memberID, page.Members[0].UserID)

	rec, _ = do(h, adminID, http.MethodGet, path+"?page=5", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.True(t, strings.Contains(rec.Body.String(), `"members":[]`), "a page past the end is empty, not null")
}

func TestProfileAndMatchingDialogsAreRouted(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := spring(t, h)
	rec, _ := do(h, memberID, http.MethodPost, "/api/v1/dialogs/profile",
		`{"submission":{"skills_offered":"Go, SQL","availability_hours":"many"}}`)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `"availability_hours":"Write a whole number`)

	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/dialogs/matching", `{"state":"`+programID+`","submission":{}}`)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "Only the coordinators of Spring")
}
