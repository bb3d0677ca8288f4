package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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

// quietSessions is a session notifier that sends nothing and counts invites.
type quietSessions struct {
	mu      sync.Mutex
	invites int
}

func (q *quietSessions) Invite(*domain.Program, *domain.Session, string, []byte, string) string {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.invites++
	return "post"
}
func (*quietSessions) Proposed(*domain.Program, *domain.Session, string, string) string {
	return "post"
}
func (*quietSessions) Reminder(*domain.Program, *domain.Session, time.Time, time.Time, string, string) string {
	return "post"
}
func (*quietSessions) FollowUp(*domain.Program, *domain.Session, time.Time, string, string) string {
	return "post"
}
func (*quietSessions) Digest(string, []app.Nudge, string) string           { return "post" }
func (*quietSessions) FindNudge(string, string, time.Time) (string, error) { return "", nil }
func (*quietSessions) Changed(string, ...string)                           {}

// clock is the services' time: now, moved ahead by a test ("the meeting is
// over") without sleeping.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

const siteURL = "https://chat.example.com"

// sessionFixture is the API over the real services, with the match and
// session notifiers that send nothing.
type sessionFixture struct {
	h     *Handler
	mm    *mattermost
	clock *clock
	notes *quietSessions
}

func newSessionHandler(t *testing.T) *sessionFixture {
	t.Helper()
	mm := &mattermost{}
	tr := i18n.English()
	c := &clock{}
	notes := &quietSessions{}
	matches := &notify.MatchNotifier{BotID: func() string { return "bot" }, Posts: mm, Frontend: mm, Users: users{}, Log: mm, Tr: tr}
	svc := app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: teamOfFour{}, Notifier: silent{}, Matches: matches, Sessions: notes, Channels: pairChannels{}, Scheduler: noSchedule{},
		Settings: func() app.Settings {
			return app.Settings{Matching: domain.BuiltInMatchingDefaults, SiteURL: siteURL,
				Sessions: app.SessionDefaults{LeadMinutes: []int{60}, FollowUpMinutes: 15, DefaultMinutes: 30, WeeklyBudget: 10}}
		},
		Now: c.now, NewID: model.NewId,
	})
	log := failOnError{t}
	dialogs := &dialog.Dialogs{Svc: svc, Tr: tr, Frontend: mm, Ephemeral: ephemeral{}, BotID: func() string { return "bot" }, Log: log}
	return &sessionFixture{h: NewHandler(svc, tr, log, users{}, dialogs), mm: mm, clock: c, notes: notes}
}

// activePair is a program where the mentee and the mentor are an active match.
func (f *sessionFixture) activePair(t *testing.T) (ProgramView, domain.Match) {
	t.Helper()
	p, m := requested(t, f.h)
	press(t, f.h, mentorID, map[string]any{"match_id": m.ID, "action": notify.ActionAccept})
	require.Equal(t, domain.MatchActive, getMatch(t, f.h, menteeID, m.ID).Status)
	return p, m
}

// inHours is a whole hour some hours from the services' now, as RFC 3339.
func (f *sessionFixture) inHours(n int) string {
	return f.clock.now().UTC().Truncate(time.Hour).Add(time.Duration(n) * time.Hour).Format(time.RFC3339)
}

// schedule makes a one-off 30-minute session of the match, asked by the mentee.
func (f *sessionFixture) schedule(t *testing.T, m domain.Match, start string) app.SessionView {
	t.Helper()
	rec, e := do(f.h, menteeID, http.MethodPost, "/api/v1/sessions",
		`{"match_id":"`+m.ID+`","start":"`+start+`","duration_minutes":30,"title":"Kickoff"}`)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	return decodeAs[app.SessionView](t, rec)
}

func decodeAs[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var out T
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	return out
}

func (f *sessionFixture) getSession(t *testing.T, user, id string) app.SessionView {
	t.Helper()
	rec, e := do(f.h, user, http.MethodGet, "/api/v1/sessions/"+id, "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	return decodeAs[app.SessionView](t, rec)
}

func TestSessionsAreScheduledListedChangedAndCancelledOverREST(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	start := f.inHours(48)
	v := f.schedule(t, m, start)
	require.Equal(t, "Kickoff", v.Title)
	require.ElementsMatch(t, []string{menteeID, mentorID}, v.Participants)
	require.Equal(t, domain.ResponseConfirmed, v.Responses[menteeID])
	require.Equal(t, domain.ResponsePending, v.Responses[mentorID])

	rec, _ := do(f.h, memberID, http.MethodGet, "/api/v1/sessions/"+v.ID, "")
	require.Equal(t, http.StatusNotFound, rec.Code, "a stranger does not learn that the session exists")

	rec, e := do(f.h, mentorID, http.MethodGet, "/api/v1/sessions?limit=5", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	list := decodeAs[OccurrencesBody](t, rec)
	require.Len(t, list.Occurrences, 1)
	require.Equal(t, v.ID, list.Occurrences[0].SessionID)

	rec, _ = do(f.h, memberID, http.MethodGet, "/api/v1/sessions", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"occurrences":[]}`, rec.Body.String(), "an empty list is [], not null")

	rec, _ = do(f.h, menteeID, http.MethodGet, "/api/v1/matches/"+m.ID+"/sessions", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Len(t, decodeAs[SessionsBody](t, rec).Sessions, 1)

	rec, e = do(f.h, mentorID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/confirm", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.Equal(t, domain.ResponseConfirmed, decodeAs[app.SessionView](t, rec).Responses[mentorID])

	rec, e = do(f.h, mentorID, http.MethodPatch, "/api/v1/sessions/"+v.ID, `{"title":"First meeting","note":"clearer"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.Equal(t, "First meeting", decodeAs[app.SessionView](t, rec).Title)

	rec, _ = do(f.h, memberID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/cancel", `{"reason":"mine now"}`)
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.Equal(t, domain.SessionScheduled, f.getSession(t, menteeID, v.ID).Status, "nothing changed")

	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/cancel", `{"reason":"sick"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.Equal(t, domain.SessionCancelled, decodeAs[app.SessionView](t, rec).Status)
}

func TestProposalsAndAttendanceOverREST(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	v := f.schedule(t, m, f.inHours(48))

	later := f.inHours(72)
	rec, e := do(f.h, mentorID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/propose", `{"when":"`+later+`"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.NotNil(t, decodeAs[app.SessionView](t, rec).Proposal)

	rec, _ = do(f.h, mentorID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/take-proposal", "")
	require.Equal(t, http.StatusConflict, rec.Code, "one does not take one's own proposal")
	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/take-proposal", "{}")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	moved := decodeAs[app.SessionView](t, rec)
	require.Equal(t, later, moved.Start.UTC().Format(time.RFC3339))
	require.Nil(t, moved.Proposal)

	rec, _ = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/attendance", `{"status":"attended"}`)
	require.Equal(t, http.StatusConflict, rec.Code, "no attendance before the meeting")

	f.clock.advance(73 * time.Hour)
	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/attendance",
		`{"occurrence":"`+later+`","status":"attended"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/attendance", `{"status":"asleep"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "status", e.Field)

	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/feedback",
		`{"occurrence":"`+later+`","rating":5,"text":"Great start"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/feedback", `{"occurrence":"`+later+`","rating":9}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "rating", e.Field)
}

func TestSessionRoutesCheckIDsTimesCountsAndFields(t *testing.T) {
	h, _ := newTestHandler(t)
	good := strings.Repeat("b", 26)
	cases := []struct{ method, path, body, field, want string }{
		{http.MethodGet, "/api/v1/sessions/short", "", "session_id", "session_id must be a Mattermost id"},
		{http.MethodPatch, "/api/v1/sessions/short", `{}`, "session_id", "session_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/sessions/short/cancel", `{}`, "session_id", "session_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/sessions/short/confirm", "", "session_id", "session_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/sessions/short/propose", `{"when":"tomorrow"}`, "session_id", "session_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/sessions/short/take-proposal", "", "session_id", "session_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/sessions/short/attendance", `{}`, "session_id", "session_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/sessions/short/feedback", `{}`, "session_id", "session_id must be a Mattermost id"},
		{http.MethodGet, "/api/v1/matches/short/sessions", "", "match_id", "match_id must be a Mattermost id"},
		{http.MethodGet, "/api/v1/programs/bad/sessions-settings", "", "program_id", "program_id must be a Mattermost id"},
		{http.MethodPut, "/api/v1/programs/bad/sessions-settings", `{}`, "program_id", "program_id must be a Mattermost id"},

		{http.MethodGet, "/api/v1/sessions?from=tomorrow", "", "from", `from must be a date and time in RFC 3339 format, for example 2026-03-05T15:00:00+01:00; "tomorrow" is not.`},
		{http.MethodGet, "/api/v1/sessions?to=2026-03-01", "", "to", "to must be a date and time in RFC 3339"},
		{http.MethodGet, "/api/v1/sessions?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z", "", "to", "to must be after from"},
		{http.MethodGet, "/api/v1/sessions?limit=0", "", "limit", "limit must be a whole number from 1 to 200"},
		{http.MethodGet, "/api/v1/sessions?limit=201", "", "limit", "limit must be a whole number from 1 to 200"},
		{http.MethodGet, "/api/v1/sessions?limit=ten", "", "limit", `"ten" is not`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/cancel", `{"occurrence":"next week"}`, "occurrence", "occurrence must be a date and time in RFC 3339"},
		{http.MethodPost, "/api/v1/sessions/" + good + "/propose", `{"occurrence":"1700000000","when":"x"}`, "occurrence", "occurrence must be a date and time in RFC 3339"},
		{http.MethodPost, "/api/v1/sessions/" + good + "/attendance", `{"occurrence":"2026-13-01T00:00:00Z","status":"attended"}`, "occurrence", "occurrence must be a date and time in RFC 3339"},

		{http.MethodPost, "/api/v1/sessions", `{"match_id":"` + good + `","wen":"tomorrow"}`, "", `unknown field "wen"`},
		{http.MethodPatch, "/api/v1/sessions/" + good, `{"title":"x","status":"cancelled"}`, "", `unknown field "status"`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/cancel", `{"reason":"x","notify":false}`, "", `unknown field "notify"`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/confirm", `{"really":true}`, "", `unknown field "really"`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/feedback", `{"rating":5,"secret":true}`, "", `unknown field "secret"`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/feedback", `{"rating":"five"}`, "", "not valid JSON"},
		{http.MethodPut, "/api/v1/programs/" + good + "/sessions-settings", `{"lead":[60]}`, "", `unknown field "lead"`},
	}
	for _, c := range cases {
		rec, e := do(h, memberID, c.method, c.path, c.body)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s %s", c.method, c.path)
		require.Equal(t, c.field, e.Field, "%s %s", c.method, c.path)
		require.Contains(t, e.Error, c.want, "%s %s", c.method, c.path)
	}
}

// sessionRoutes is every route of this issue but the feed, with a body the
// route accepts.
var sessionRoutes = []struct{ method, path, body string }{
	{http.MethodPost, "/api/v1/sessions", `{}`},
	{http.MethodGet, "/api/v1/sessions", ""},
	{http.MethodGet, "/api/v1/sessions/" + strings.Repeat("b", 26), ""},
	{http.MethodPatch, "/api/v1/sessions/" + strings.Repeat("b", 26), `{}`},
	{http.MethodPost, "/api/v1/sessions/" + strings.Repeat("b", 26) + "/cancel", `{}`},
	{http.MethodPost, "/api/v1/sessions/" + strings.Repeat("b", 26) + "/confirm", ""},
	{http.MethodPost, "/api/v1/sessions/" + strings.Repeat("b", 26) + "/propose", `{}`},
	{http.MethodPost, "/api/v1/sessions/" + strings.Repeat("b", 26) + "/take-proposal", ""},
	{http.MethodPost, "/api/v1/sessions/" + strings.Repeat("b", 26) + "/attendance", `{}`},
	{http.MethodPost, "/api/v1/sessions/" + strings.Repeat("b", 26) + "/feedback", `{}`},
	{http.MethodGet, "/api/v1/matches/" + strings.Repeat("b", 26) + "/sessions", ""},
	{http.MethodGet, "/api/v1/preferences", ""},
	{http.MethodPut, "/api/v1/preferences", `{}`},
	{http.MethodGet, "/api/v1/calendar/feed", ""},
	{http.MethodPost, "/api/v1/calendar/feed", ""},
	{http.MethodDelete, "/api/v1/calendar/feed", ""},
	{http.MethodGet, "/api/v1/programs/" + strings.Repeat("b", 26) + "/sessions-settings", ""},
	{http.MethodPut, "/api/v1/programs/" + strings.Repeat("b", 26) + "/sessions-settings", `{}`},
	{http.MethodGet, "/api/v1/programs/" + strings.Repeat("b", 26) + "/office-hours", ""},
	{http.MethodPut, "/api/v1/programs/" + strings.Repeat("b", 26) + "/office-hours", `{}`},
	{http.MethodDelete, "/api/v1/programs/" + strings.Repeat("b", 26) + "/office-hours", ""},
	{http.MethodGet, "/api/v1/programs/" + strings.Repeat("b", 26) + "/office-hours/slots", ""},
	{http.MethodPost, "/api/v1/programs/" + strings.Repeat("b", 26) + "/office-hours/bookings", `{}`},
	{http.MethodPost, "/api/v1/actions/session", `{}`},
	{http.MethodPost, "/api/v1/dialogs/session", `{}`},
	{http.MethodPost, "/api/v1/dialogs/session-change", `{}`},
	{http.MethodPost, "/api/v1/dialogs/session-cancel", `{}`},
	{http.MethodPost, "/api/v1/dialogs/session-feedback", `{}`},
}

func TestSessionRoutesNeedAMattermostUser(t *testing.T) {
	f := newSessionHandler(t)
	for _, c := range sessionRoutes {
		rec, e := do(f.h, "", c.method, c.path, c.body)
		require.Equal(t, http.StatusUnauthorized, rec.Code, "%s %s", c.method, c.path)
		require.Contains(t, e.Error, "Log in to Mattermost first", "%s %s", c.method, c.path)
	}
}

func TestSessionBodiesOverTheCapAreRefused(t *testing.T) {
	h, _ := newTestHandler(t)
	big := strings.Repeat("a", MaxBodyBytes)
	good := strings.Repeat("b", 26)
	for _, c := range []struct{ method, path, body string }{
		{http.MethodPost, "/api/v1/sessions", `{"match_id":"` + good + `","agenda":"` + big + `"}`},
		{http.MethodPatch, "/api/v1/sessions/" + good, `{"agenda":"` + big + `"}`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/cancel", `{"reason":"` + big + `"}`},
		{http.MethodPost, "/api/v1/sessions/" + good + "/feedback", `{"rating":5,"text":"` + big + `"}`},
		{http.MethodPut, "/api/v1/preferences", `{"quiet_start":"` + big + `"}`},
		{http.MethodPost, "/api/v1/programs/" + good + "/office-hours/bookings", `{"mentor_id":"` + good + `","agenda":"` + big + `"}`},
		{http.MethodPost, "/api/v1/actions/session", `{"context":{"session_id":"` + big + `"}}`},
	} {
		rec, e := do(h, memberID, c.method, c.path, c.body)
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "%s %s", c.method, c.path)
		require.Contains(t, e.Error, "64 KiB")
	}
}

func TestSessionSettingsAreForCoordinators(t *testing.T) {
	f := newSessionHandler(t)
	p, _ := f.activePair(t)
	path := "/api/v1/programs/" + p.ID + "/sessions-settings"

	rec, _ := do(f.h, menteeID, http.MethodGet, path, "")
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec, _ = do(f.h, menteeID, http.MethodPut, path, `{"default_minutes":45}`)
	require.Equal(t, http.StatusForbidden, rec.Code)

	rec, e := do(f.h, adminID, http.MethodPut, path, `{"lead_minutes":[1440,60],"default_minutes":45}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	rec, _ = do(f.h, adminID, http.MethodGet, path, "")
	require.Equal(t, http.StatusOK, rec.Code)
	got := decodeAs[domain.SessionSettings](t, rec)
	require.Equal(t, 45, got.DefaultMinutes)
	require.ElementsMatch(t, []int{1440, 60}, got.LeadMinutes)

	rec, e = do(f.h, adminID, http.MethodPut, path, `{"default_minutes":100000}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.NotEmpty(t, e.Field)
}
