package dialog

import (
	"fmt"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// pairZones: es-reader (the mentee) lives in Madrid, ana (the mentor) in New York.
var pairZones = map[string]string{"es-reader": "Europe/Madrid", "ana": "America/New_York"}

type zonedTeam struct{ team }

func (zonedTeam) User(u string) (app.UserInfo, bool) {
	return app.UserInfo{Username: u, TimeZone: pairZones[u]}, u != "" && u != "ghost"
}

// quietPair stands for every notifier, the channels and the scheduler.
type quietPair struct{}

func (quietPair) Proposal(*domain.Program, *domain.Match, string) string   { return "" }
func (quietPair) RequestSent(*domain.Program, *domain.Match) string        { return "" }
func (quietPair) RequestReminder(*domain.Program, *domain.Match)           {}
func (quietPair) Decided(*domain.Program, *domain.Match)                   {}
func (quietPair) Refused(*domain.Program, *domain.Match, []app.Suggestion) {}
func (quietPair) Introduce(*domain.Program, *domain.Match, string)         {}
func (quietPair) Ended(*domain.Program, *domain.Match)                     {}
func (quietPair) Published(*domain.Program, string, int, int)              {}
func (quietPair) Changed(string, ...string)                                {}
func (quietPair) EnsurePairChannel(_ *domain.Program, m *domain.Match, _ string) (string, error) {
	return "pair-" + m.ID, nil
}
func (quietPair) ArchiveChannel(string) error             { return nil }
func (quietPair) At(string, string, time.Time, any) error { return nil }
func (quietPair) Invite(*domain.Program, *domain.Session, string, []byte, string) string {
	return "post"
}
func (quietPair) Proposed(*domain.Program, *domain.Session, string, string) string { return "post" }
func (quietPair) FollowUp(*domain.Program, *domain.Session, time.Time, string, string) string {
	return ""
}
func (quietPair) Reminder(*domain.Program, *domain.Session, time.Time, time.Time, string, string) string {
	return ""
}
func (quietPair) Digest(string, []app.Nudge, string) string           { return "" }
func (quietPair) FindNudge(string, string, time.Time) (string, error) { return "", nil }

type sessionForms struct {
	d       *Dialogs
	svc     *app.Services
	forms   *forms
	replies *replies
	log     *recordingLog
	match   *domain.Match
	clock   *time.Time
}

// newSessionForms has an active match between es-reader (mentee, reads
// Spanish) and ana (mentor); the clock starts 2026-11-26 12:00 UTC.
func newSessionForms(t *testing.T) *sessionForms {
	t.Helper()
	clock := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	n := 0
	q := quietPair{}
	svc := app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: zonedTeam{}, Notifier: quiet{}, Matches: q, Sessions: q, Channels: q, Scheduler: q,
		Settings: func() app.Settings { return app.Settings{Matching: domain.BuiltInMatchingDefaults} },
		Now:      func() time.Time { return clock },
		NewID: func() string {
			n++
			return fmt.Sprintf("id%024d", n)
		},
	})
	f := &sessionForms{svc: svc, forms: &forms{}, replies: &replies{}, log: &recordingLog{}, clock: &clock}
	f.d = &Dialogs{Svc: svc, Tr: spanishTranslator(t), Frontend: f.forms, Ephemeral: f.replies,
		BotID: func() string { return "bot" }, Log: f.log}
	name, mode := "Spring", domain.MatchingSelfServe
	p, err := svc.Programs.Create("admin", "team", app.ProgramFields{Name: &name, MatchingMode: &mode})
	require.NoError(t, err)
	_, err = svc.Enrollments.Join("ana", p.ID, app.JoinInput{Role: domain.RoleMentor, Capacity: 2})
	require.NoError(t, err)
	_, err = svc.Enrollments.Join("es-reader", p.ID, app.JoinInput{Role: domain.RoleMentee})
	require.NoError(t, err)
	m, err := svc.Matches.Request("es-reader", p.ID, app.RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	f.match, err = svc.Matches.Answer("ana", m.ID, true)
	require.NoError(t, err)
	return f
}

// schedule submits the schedule form as ana with these values.
func (f *sessionForms) schedule(values map[string]any) *model.SubmitDialogResponse {
	return f.d.SubmitSession(&model.SubmitDialogRequest{UserId: "ana", ChannelId: f.match.ChannelID,
		State: sessionState{ChannelID: f.match.ChannelID}.encode(), Submission: values})
}

func (f *sessionForms) only(t *testing.T) *domain.Session {
	t.Helper()
	list, err := f.svc.Sessions.OfMatch("ana", f.match.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	return list[0].Session
}

func TestTheSessionFormsAreValidInEveryLanguage(t *testing.T) {
	f := newSessionForms(t)
	require.Nil(t, f.schedule(map[string]any{"when": "monday 9:30am weekly", "title": "Semanal"}))
	v := f.only(t)
	occurrence := time.Date(2026, 11, 30, 14, 30, 0, 0, time.UTC)
	for _, reader := range []string{"ana", "es-reader"} {
		require.NoError(t, f.d.OpenSchedule("trigger", reader, "", f.match.ID))
		require.NoError(t, f.d.OpenSessionChange("trigger", reader, v.ID, time.Time{}))
		require.NoError(t, f.d.OpenSessionChange("trigger", reader, v.ID, occurrence))
		require.NoError(t, f.d.OpenSessionCancel("trigger", reader, v.ID, occurrence))
		require.NoError(t, f.d.OpenSessionFeedback("trigger", reader, v.ID, occurrence))
	}
	require.Len(t, f.forms.opened, 10)
	for _, form := range f.forms.opened {
		require.NoError(t, form.Dialog.IsValid(), form.Dialog.Title)
	}
	require.Equal(t, "Programar una sesión", f.forms.opened[5].Dialog.Title)
	require.Contains(t, f.forms.opened[5].Dialog.IntroductionText, "Europe/Madrid", "the reader's own zone")
	require.Contains(t, f.forms.opened[1].Dialog.IntroductionText, "2026-11-30 09:30–10:00 (America/New_York)")
	require.Contains(t, f.forms.opened[8].Dialog.IntroductionText, "2026-11-30 15:30–16:00 (Europe/Madrid)")

	_, err := f.svc.Sessions.Get("ghost", v.ID)
	require.Error(t, err)
	require.Error(t, f.d.OpenSessionCancel("trigger", "carl", v.ID, time.Time{}), "not a participant: no form")
	require.Len(t, f.forms.opened, 10)
}

func TestTheScheduleFormSchedulesWhatItSays(t *testing.T) {
	f := newSessionForms(t)
	require.Nil(t, f.schedule(map[string]any{"when": "tomorrow 3pm", "duration": "45", "repeat": "every 2 weeks",
		"where": domain.WhereLink, "location": "https://meet.example.com/x", "title": "Kick-off", "agenda": "Goals"}))
	v := f.only(t)
	require.Equal(t, time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC), v.Start, "ana's 3pm in New York")
	require.Equal(t, 45, v.DurationMinutes)
	require.Equal(t, "FREQ=WEEKLY;INTERVAL=2", v.Recurrence)
	require.Equal(t, "https://meet.example.com/x", v.Location)
	require.Equal(t, "Goals", v.Agenda)
	require.Len(t, f.replies.posts, 1)
	require.Contains(t, f.replies.posts[0], "Scheduled **Kick-off** with @es-reader: 2026-11-27 15:00–15:45 (America/New_York), repeating")
	require.Contains(t, f.replies.posts[0], "Session id: `"+v.ID+"`")

	// The service's errors land under the form's fields; nothing more is stored.
	resp := f.schedule(map[string]any{"when": "when pigs fly"})
	require.Contains(t, resp.Errors["when"], "tomorrow 3pm for 30m", "with phrases that parse")
	resp = f.schedule(map[string]any{"when": "tomorrow 4pm", "repeat": "every blue moon"})
	require.Contains(t, resp.Errors["repeat"], "every blue moon")
	resp = f.schedule(map[string]any{"when": "tomorrow 4pm", "where": domain.WherePlace})
	require.Contains(t, resp.Errors["location"], "Say where you meet")
	resp = f.schedule(map[string]any{"when": "tomorrow 4pm", "duration": "forever"})
	require.NotEmpty(t, resp.Errors["duration"])
	resp = f.d.SubmitSession(&model.SubmitDialogRequest{UserId: "ana", State: sessionState{ChannelID: "town"}.encode(),
		Submission: map[string]any{"when": "tomorrow 4pm"}})
	require.Contains(t, resp.Error, "--match ID", "not a pair channel: at the top of the form")
	resp = f.d.SubmitSession(&model.SubmitDialogRequest{UserId: "ana", State: "garbage", Submission: map[string]any{"when": "tomorrow 4pm"}})
	require.NotEmpty(t, resp.Error)
	f.only(t)
	require.Empty(t, f.log.lines)
}

func TestTheChangeFormSendsOnlyWhatChanged(t *testing.T) {
	f := newSessionForms(t)
	require.Nil(t, f.schedule(map[string]any{"when": "monday 9:30am weekly", "title": "Weekly", "agenda": "Plans"}))
	v := f.only(t)

	// The series form comes back with its defaults: nothing changed is refused.
	require.NoError(t, f.d.OpenSessionChange("trigger", "ana", v.ID, time.Time{}))
	form := f.forms.opened[0]
	values := map[string]any{}
	for _, e := range form.Dialog.Elements {
		values[e.Name] = e.Default
	}
	req := &model.SubmitDialogRequest{UserId: "ana", ChannelId: "town", State: form.Dialog.State, Submission: values}
	resp := f.d.SubmitSessionChange(req)
	require.Contains(t, resp.Errors["when"], "Say what to change")

	values["title"] = "Weekly sync"
	values["duration"] = "60"
	require.Nil(t, f.d.SubmitSessionChange(req))
	saved := f.only(t)
	require.Equal(t, "Weekly sync", saved.Title)
	require.Equal(t, 60, saved.DurationMinutes)
	require.Equal(t, v.Start, saved.Start, "the time was left alone")
	require.Equal(t, "FREQ=WEEKLY", saved.Recurrence)
	require.Contains(t, f.replies.posts[len(f.replies.posts)-1], "Updated **Weekly sync**")

	// One occurrence moves, in the reader's zone.
	occurrence := time.Date(2026, 11, 30, 14, 30, 0, 0, time.UTC)
	require.NoError(t, f.d.OpenSessionChange("trigger", "es-reader", v.ID, occurrence))
	once := f.forms.opened[1]
	resp = f.d.SubmitSessionChange(&model.SubmitDialogRequest{UserId: "es-reader", State: once.Dialog.State,
		Submission: map[string]any{"when": "2026-12-01 18:00", "agenda": "Plans"}})
	require.Nil(t, resp)
	saved = f.only(t)
	require.Equal(t, time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC), saved.Exceptions[domain.OccurrenceKey(occurrence)].Start)

	resp = f.d.SubmitSessionChange(&model.SubmitDialogRequest{UserId: "ana", State: sessionState{SessionID: v.ID,
		Occurrence: time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC)}.encode(), Submission: map[string]any{"when": "friday 3pm"}})
	require.Contains(t, resp.Error, "is not a meeting of this series", "a field the form lacks goes at the top")
	resp = f.d.SubmitSessionChange(&model.SubmitDialogRequest{UserId: "ana", State: "{}", Submission: map[string]any{}})
	require.Contains(t, resp.Error, "open it again")
}

func TestTheCancelAndFeedbackForms(t *testing.T) {
	f := newSessionForms(t)
	require.Nil(t, f.schedule(map[string]any{"when": "tomorrow 3pm", "title": "Once"}))
	v := f.only(t)
	start := v.Start

	// Feedback opens once the meeting has taken place.
	*f.clock = start.Add(2 * time.Hour)
	require.NoError(t, f.d.OpenSessionFeedback("trigger", "es-reader", v.ID, start))
	state := f.forms.opened[0].Dialog.State
	resp := f.d.SubmitSessionFeedback(&model.SubmitDialogRequest{UserId: "es-reader", State: state,
		Submission: map[string]any{"rating": "7"}})
	require.NotEmpty(t, resp.Errors["rating"])
	require.Nil(t, f.d.SubmitSessionFeedback(&model.SubmitDialogRequest{UserId: "es-reader", ChannelId: "town", State: state,
		Submission: map[string]any{"rating": "4", "text": "Útil", "shared": true}}))
	require.Contains(t, f.replies.posts[len(f.replies.posts)-1], "Once", "thanks in Spanish, naming the session")
	got, err := f.svc.Sessions.Get("es-reader", v.ID)
	require.NoError(t, err)
	require.NotEmpty(t, got.Past)
	fb := got.Past[0].Feedback["es-reader"]
	require.Equal(t, 4, fb.Rating)
	require.Equal(t, "Útil", fb.Text)
	require.True(t, fb.Shared)

	*f.clock = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	require.Nil(t, f.schedule(map[string]any{"when": "friday 10am", "title": "Second"}))
	list, err := f.svc.Sessions.OfMatch("ana", f.match.ID)
	require.NoError(t, err)
	var second *app.SessionView
	for _, s := range list {
		if s.Title == "Second" {
			second = s
		}
	}
	require.NotNil(t, second)
	require.NoError(t, f.d.OpenSessionCancel("trigger", "ana", second.ID, time.Time{}))
	cancel := f.forms.opened[len(f.forms.opened)-1]
	require.Contains(t, cancel.Dialog.IntroductionText, "2026-11-27 10:00–10:30 (America/New_York)")
	require.Nil(t, f.d.SubmitSessionCancel(&model.SubmitDialogRequest{UserId: "ana", ChannelId: "town", State: cancel.Dialog.State,
		Submission: map[string]any{"reason": "sick"}}))
	require.Contains(t, f.replies.posts[len(f.replies.posts)-1], "**Second** is cancelled (2026-11-27 10:00–10:30 (America/New_York))")
	cancelled, err := f.svc.Sessions.Get("ana", second.ID)
	require.NoError(t, err)
	require.Equal(t, domain.SessionCancelled, cancelled.Status)
	require.Empty(t, f.log.lines)
}

func TestSessionStateSurvivesTheRoundTrip(t *testing.T) {
	in := sessionState{SessionID: "s", Occurrence: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	out, ok := decodeState(in.encode())
	require.True(t, ok)
	require.Equal(t, in, out)
	_, ok = decodeState("not json")
	require.False(t, ok)
}
