package api

import (
	"encoding/json"
	"net/http"
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
	"github.com/mentorship-mattermost/mentorship/server/notify"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	menteeID = strings.Repeat("e", 26)
	mentorID = strings.Repeat("r", 26)
)

type teamOfFour struct{}

func (teamOfFour) IsSystemAdmin(u string) bool        { return u == adminID }
func (teamOfFour) TeamExists(team string) bool        { return team == teamID }
func (teamOfFour) User(u string) (app.UserInfo, bool) { return app.UserInfo{Username: u[:2]}, u != "" }
func (teamOfFour) IsTeamMember(u, team string) bool {
	return team == teamID && (u == adminID || u == memberID || u == menteeID || u == mentorID)
}

// mattermost records what the match notifier and the forms send.
type mattermost struct {
	opened []model.OpenDialogRequest
	dms    int
}

func (m *mattermost) DM(_, _ string, post *model.Post) error {
	m.dms++
	post.Id = model.NewId()
	return nil
}
func (m *mattermost) GetPost(id string) (*model.Post, error) { return &model.Post{Id: id}, nil }
func (m *mattermost) UpdatePost(*model.Post) error           { return nil }
func (m *mattermost) CreatePost(*model.Post) error           { return nil }
func (m *mattermost) PublishWebSocketEvent(string, map[string]any, *model.WebsocketBroadcast) {
}
func (m *mattermost) Warn(string, ...any) {}
func (m *mattermost) OpenInteractiveDialog(d model.OpenDialogRequest) error {
	m.opened = append(m.opened, d)
	return nil
}

// failOnError fails the test on any server-side failure, with its details.
type failOnError struct{ t *testing.T }

func (l failOnError) Error(msg string, keyValuePairs ...any) { l.t.Errorf("%s %v", msg, keyValuePairs) }

type pairChannels struct{}

func (pairChannels) EnsurePairChannel(_ *domain.Program, m *domain.Match, _ string) (string, error) {
	return "chan" + m.ID[:22], nil
}
func (pairChannels) ArchiveChannel(string) error { return nil }

type noSchedule struct{}

func (noSchedule) At(string, string, time.Time, any) error { return nil }

// newMatchHandler is the API over the real services and the real match
// notifier on an in-memory store.
func newMatchHandler(t *testing.T) (*Handler, *mattermost) {
	t.Helper()
	mm := &mattermost{}
	tr := i18n.English()
	matches := &notify.MatchNotifier{BotID: func() string { return "bot" }, Posts: mm, Frontend: mm, Users: users{}, Log: mm, Tr: tr}
	svc := app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: teamOfFour{}, Notifier: silent{}, Matches: matches, Channels: pairChannels{}, Scheduler: noSchedule{},
		Settings: func() app.Settings { return app.Settings{Matching: domain.BuiltInMatchingDefaults} },
		Now:      time.Now, NewID: model.NewId,
	})
	log := failOnError{t}
	dialogs := &dialog.Dialogs{Svc: svc, Tr: tr, Frontend: mm, Ephemeral: ephemeral{}, BotID: func() string { return "bot" }, Log: log}
	return NewHandler(svc, tr, log, users{}, dialogs), mm
}

// requested sets up a self-serve program where the mentee asked the mentor.
func requested(t *testing.T, h *Handler) (ProgramView, domain.Match) {
	t.Helper()
	p := createProgram(t, h, `{"team_id":"`+teamID+`","name":"Pairs","matching_mode":"self_serve"}`)
	for user, role := range map[string]string{mentorID: "mentor", menteeID: "mentee"} {
		rec, e := do(h, user, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"`+role+`"}`)
		require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	}
	rec, _ := do(h, menteeID, http.MethodGet, "/api/v1/programs/"+p.ID+"/suggestions?limit=3", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var found SuggestionsBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &found))
	require.Len(t, found.Suggestions, 1, "a mentor with free capacity is eligible even with an empty profile")
	require.Equal(t, mentorID, found.Suggestions[0].MentorID)

	rec, e := do(h, menteeID, http.MethodPost, "/api/v1/programs/"+p.ID+"/requests", `{"mentor_id":"`+mentorID+`","message":"Hi!"}`)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	var m domain.Match
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m))
	require.Equal(t, domain.MatchRequested, m.Status)
	return p, m
}

func getMatch(t *testing.T, h *Handler, user, id string) domain.Match {
	t.Helper()
	rec, e := do(h, user, http.MethodGet, "/api/v1/matches/"+id, "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	var m domain.Match
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m))
	return m
}

func TestOnlyTheAddresseeAnswersWithTheButtonsAndTheirPostIsUpdated(t *testing.T) {
	h, _ := newMatchHandler(t)
	_, m := requested(t, h)
	accept := map[string]any{"match_id": m.ID, "action": notify.ActionAccept}

	for _, other := range []string{menteeID, memberID} {
		resp := press(t, h, other, accept)
		require.Nil(t, resp.Update, "nothing changes for %s", other)
		require.Equal(t, "This question is for someone else: only the people it was sent to can answer it.", resp.EphemeralText)
	}
	require.Equal(t, domain.MatchRequested, getMatch(t, h, menteeID, m.ID).Status)

	resp := press(t, h, mentorID, accept)
	require.Empty(t, resp.EphemeralText)
	require.NotNil(t, resp.Update)
	require.Contains(t, resp.Update.Message, "are now a pair in **Pairs**")
	require.Empty(t, resp.Update.Attachments(), "the buttons are gone")
	require.Equal(t, domain.MatchActive, getMatch(t, h, menteeID, m.ID).Status)

	again := press(t, h, mentorID, map[string]any{"match_id": m.ID, "action": notify.ActionDecline})
	require.NotEmpty(t, again.EphemeralText, "declining an accepted match is refused")
	require.Nil(t, again.Update)
	require.Equal(t, domain.MatchActive, getMatch(t, h, mentorID, m.ID).Status)

	rec, _ := do(h, menteeID, http.MethodGet, "/api/v1/matches", "")
	var mine MatchesBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &mine))
	require.Len(t, mine.Matches, 1)
}

func TestAnEndedMatchOffersTheSurveyFormAndMatchMeAgainToTheRightPeople(t *testing.T) {
	h, mm := newMatchHandler(t)
	p, m := requested(t, h)
	press(t, h, mentorID, map[string]any{"match_id": m.ID, "action": notify.ActionAccept})

	survey := map[string]any{"match_id": m.ID, "action": notify.ActionSurvey}
	require.Contains(t, press(t, h, menteeID, survey).EphemeralText, "has not ended", "no survey while the match runs")

	rec, e := do(h, menteeID, http.MethodPost, "/api/v1/matches/"+m.ID+"/end", `{"outcome":"completed"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)

	require.NotEmpty(t, press(t, h, memberID, survey).EphemeralText, "a stranger gets the app's refusal")
	require.Empty(t, mm.opened)
	resp := press(t, h, menteeID, survey)
	require.Empty(t, resp.EphemeralText)
	require.Len(t, mm.opened, 1)
	require.Equal(t, dialog.SurveyURL, mm.opened[0].URL)
	require.Equal(t, m.ID, mm.opened[0].Dialog.State)
	require.Equal(t, "trigger", mm.opened[0].TriggerId)

	sent := submit(t, h, menteeID, "/api/v1/dialogs/survey", model.SubmitDialogRequest{State: m.ID,
		Submission: map[string]any{"rating": "4", "text": "Very useful"}})
	require.Empty(t, sent.Error)
	require.Empty(t, sent.Errors)
	rec, _ = do(h, adminID, http.MethodGet, "/api/v1/matches/"+m.ID, "")
	var seen domain.Match
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &seen))
	require.Equal(t, 4, seen.Surveys[menteeID].Rating, "coordinators read the survey")

	rematch := map[string]any{"match_id": m.ID, "action": notify.ActionRematch}
	require.Contains(t, press(t, h, mentorID, rematch).EphemeralText, "Only the mentee")
	require.Contains(t, press(t, h, menteeID, rematch).EphemeralText, "Pairs")

	rec, _ = do(h, adminID, http.MethodGet, "/api/v1/programs/"+p.ID+"/matches?page=0", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var page MatchesBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
	require.NotNil(t, page.Page)
	require.NotNil(t, page.Pages)
}
