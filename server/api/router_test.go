package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

const (
	adminID  = "aaaaaaaaaaaaaaaaaaaaaaaaaa"
	memberID = "mmmmmmmmmmmmmmmmmmmmmmmmmm"
	teamID   = "tttttttttttttttttttttttttt"
)

type directory struct{}

func (directory) IsSystemAdmin(u string) bool { return u == adminID }
func (directory) TeamExists(team string) bool { return team == teamID }
func (directory) User(u string) (app.UserInfo, bool) {
	if len(u) < 2 {
		return app.UserInfo{}, false
	}
	return app.UserInfo{Username: "user-" + u[:2], FullName: "Full Name"}, true
}
func (directory) IsTeamMember(u, team string) bool {
	return team == teamID && (u == adminID || u == memberID)
}

type silent struct{}

func (silent) Welcome(*domain.Program, *domain.Enrollment)                                      {}
func (silent) ApprovalRequested(*domain.Program, *domain.Enrollment) []domain.RequestPost       { return nil }
func (silent) RequestDecided(*domain.Program, *domain.Enrollment, string, []domain.RequestPost) {}
func (silent) RequestDeclined(*domain.Program, *domain.Enrollment)                              {}
func (silent) Changed(string, ...string)                                                        {}

type logger struct{ errors []string }

func (l *logger) Error(msg string, _ ...any) { l.errors = append(l.errors, msg) }

type users struct{}

func (users) Get(id string) (*model.User, error) {
	return &model.User{Id: id, Username: "user-" + id[:2], FirstName: "Full", LastName: "Name"}, nil
}

func newTestHandler(t *testing.T) (*Handler, *logger) {
	t.Helper()
	n := 0
	svc := app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: directory{}, Notifier: silent{},
		Settings: func() app.Settings { return app.Settings{} },
		Now:      time.Now,
		NewID: func() string {
			n++
			return strings.Repeat(string(rune('a'+n)), 26)
		},
	})
	log := &logger{}
	dialogs := &dialog.Dialogs{Svc: svc, Tr: i18n.English(), Ephemeral: ephemeral{}, BotID: func() string { return "bot" }, Log: log}
	return NewHandler(svc, i18n.English(), log, users{}, dialogs), log
}

type ephemeral struct{}

func (ephemeral) SendEphemeralPost(string, *model.Post) {}

func do(h http.Handler, user, method, path, body string) (*httptest.ResponseRecorder, ErrorBody) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if user != "" {
		req.Header.Set(userHeader, user)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var e ErrorBody
	_ = json.Unmarshal(rec.Body.Bytes(), &e)
	return rec, e
}

func TestRequestsWithoutUserGet401(t *testing.T) {
	h, _ := newTestHandler(t)
	rec, e := do(h, "", http.MethodGet, "/api/v1/programs?team_id="+teamID, "")
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	require.NotEmpty(t, e.Error)
	require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
}

func TestBodiesOverTheCapAreRefused(t *testing.T) {
	h, _ := newTestHandler(t)
	body := `{"team_id":"` + teamID + `","name":"x","description":"` + strings.Repeat("d", MaxBodyBytes) + `"}`
	rec, e := do(h, adminID, http.MethodPost, "/api/v1/programs", body)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	require.Contains(t, e.Error, "64 KiB")
}

func TestPanicsBecomeJSON500(t *testing.T) {
	h, log := newTestHandler(t)
	h.router.HandleFunc("/api/v1/boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	rec, e := do(h, adminID, http.MethodGet, "/api/v1/boom", "")
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	require.Contains(t, e.Error, "Internal error")
	require.Equal(t, []string{"panic in API handler"}, log.errors)
}

func TestErrorsNameTheField(t *testing.T) {
	h, _ := newTestHandler(t)
	rec, e := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":""}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "name", e.Field)
	require.Equal(t, "The program needs a name.", e.Error)

	rec, e = do(h, memberID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Mine"}`)
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.NotEmpty(t, e.Error)
}

func TestCreateJoinAndListMembers(t *testing.T) {
	h, _ := newTestHandler(t)
	rec, _ := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Spring"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	var p ProgramView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.True(t, p.CanManage)

	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"mentee"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"mentee"}`)
	require.Equal(t, http.StatusOK, rec.Code, "joining twice changes nothing")

	rec, _ = do(h, memberID, http.MethodGet, "/api/v1/programs/"+p.ID+"/members", "")
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec, _ = do(h, adminID, http.MethodGet, "/api/v1/programs/"+p.ID+"/members", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var page app.MemberPage
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
	require.Len(t, page.Members, 1)
	require.Equal(t, 1, page.Total)
	require.Equal(t, "user-mm", page.Members[0].Username)

	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/programs/"+p.ID+"/pause", "")
	require.Equal(t, http.StatusOK, rec.Code, "pause takes an optional body")
}

func TestUnknownRoutesAndMethodsAnswerJSON(t *testing.T) {
	h, _ := newTestHandler(t)
	rec, e := do(h, adminID, http.MethodGet, "/api/v1/nothing", "")
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.NotEmpty(t, e.Error)
	rec, _ = do(h, adminID, http.MethodPut, "/api/v1/programs", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

func TestMemberNamesFollowTheShowFullNamePrivacySetting(t *testing.T) {
	h, _ := newTestHandler(t)
	rec, _ := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Spring","coordinators":["`+memberID+`"]}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	var p ProgramView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	rec, _ = do(h, adminID, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"mentor"}`)
	require.Equal(t, http.StatusCreated, rec.Code)

	names := func(viewer string) string {
		rec, _ := do(h, viewer, http.MethodGet, "/api/v1/programs/"+p.ID+"/members", "")
		require.Equal(t, http.StatusOK, rec.Code)
		var page app.MemberPage
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
		require.Len(t, page.Members, 1)
		if page.Members[0].Name == "" {
			return page.Members[0].Username
		}
		return page.Members[0].Name
	}
	require.Equal(t, "user-aa", names(memberID), "no setting: usernames only")
	full := false
	h.ShowFullName = func() bool { return full }
	require.Equal(t, "user-aa", names(memberID), "ShowFullName off")
	require.Equal(t, "Full Name", names(adminID), "admins see full names, as in Mattermost")
	full = true
	require.Equal(t, "Full Name", names(memberID), "ShowFullName on")
}
