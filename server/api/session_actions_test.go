package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// The session forms the buttons open are helper D2's dialogs.
var _ SessionDialogs = (*dialog.Dialogs)(nil)

// pressSession sends a press of a session button as user.
func pressSession(t *testing.T, h *Handler, user string, context map[string]any) model.PostActionIntegrationResponse {
	t.Helper()
	body, err := json.Marshal(model.PostActionIntegrationRequest{UserId: "someone-else", TriggerId: "trigger", Context: context})
	require.NoError(t, err)
	rec, _ := do(h, user, http.MethodPost, "/api/v1/actions/session", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp model.PostActionIntegrationResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	return resp
}

func sessionContext(id, action string) map[string]any {
	return map[string]any{"session_id": id, "action": action}
}

func TestSessionButtonsConfirmTakeAndKeepForParticipantsOnly(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	v := f.schedule(t, m, f.inHours(48))

	for _, stranger := range []string{memberID, adminID} {
		resp := pressSession(t, f.h, stranger, sessionContext(v.ID, notify.SessionConfirm))
		require.Nil(t, resp.Update, "nothing changes for %s", stranger)
		require.NotEmpty(t, resp.EphemeralText)
	}
	require.Contains(t, pressSession(t, f.h, adminID, sessionContext(v.ID, notify.SessionConfirm)).EphemeralText,
		"Only the people of this session", "a coordinator sees the session but its buttons are the pair's")
	require.Equal(t, domain.ResponsePending, f.getSession(t, menteeID, v.ID).Responses[mentorID])

	resp := pressSession(t, f.h, mentorID, map[string]any{"session_id": v.ID, "action": notify.SessionConfirm, "nudge": "remind/60"})
	require.Empty(t, resp.EphemeralText)
	require.NotNil(t, resp.Update)
	require.Contains(t, resp.Update.Message, "You confirmed **Kickoff** on ")
	require.Contains(t, resp.Update.Message, "(UTC)")
	require.Empty(t, resp.Update.Attachments(), "the buttons are gone")
	require.Equal(t, v.ID, resp.Update.GetProp("session_id"))
	require.Equal(t, "remind/60", resp.Update.GetProp(notify.PropNudge), "a reminder stays findable by its nudge key")
	require.Equal(t, domain.ResponseConfirmed, f.getSession(t, menteeID, v.ID).Responses[mentorID])

	later := f.inHours(72)
	rec, e := do(f.h, mentorID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/propose", `{"when":"`+later+`"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)

	resp = pressSession(t, f.h, menteeID, sessionContext(v.ID, notify.SessionKeep))
	require.Contains(t, resp.Update.Message, "You kept the current time of **Kickoff**")
	require.NotNil(t, f.getSession(t, menteeID, v.ID).Proposal, "keeping writes nothing")

	own := pressSession(t, f.h, mentorID, sessionContext(v.ID, notify.SessionTake))
	require.Nil(t, own.Update, "the proposer cannot take their own proposal")
	require.NotEmpty(t, own.EphemeralText)
	resp = pressSession(t, f.h, menteeID, sessionContext(v.ID, notify.SessionTake))
	require.NotNil(t, resp.Update, resp.EphemeralText)
	require.Contains(t, resp.Update.Message, "You took the proposed time: **Kickoff** is now on ")
	moved := f.getSession(t, menteeID, v.ID)
	require.Equal(t, later, moved.Start.UTC().Format(time.RFC3339))
	require.Contains(t, resp.Update.Message, moved.Start.UTC().Format("2006-01-02 15:04"), "the note shows the new time")
}

func TestSessionButtonsWithABrokenOrForgedContextChangeNothing(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	v := f.schedule(t, m, f.inHours(48))
	cases := []struct {
		user    string
		context map[string]any
		want    string
	}{
		{mentorID, map[string]any{"session_id": "forged", "action": notify.SessionConfirm}, "This button is not valid any more"},
		{mentorID, map[string]any{"action": notify.SessionConfirm}, "This button is not valid any more"},
		{mentorID, map[string]any{"session_id": v.ID, "occurrence": "tomorrow", "action": notify.SessionConfirm}, "This button is not valid any more"},
		{mentorID, map[string]any{"session_id": strings.Repeat("z", 26), "action": notify.SessionConfirm}, ""},
		{mentorID, map[string]any{"session_id": v.ID, "action": "delete-everything"}, `asks for "delete-everything"`},
		{memberID, map[string]any{"session_id": v.ID, "action": notify.SessionCancel}, ""},
		{memberID, map[string]any{"session_id": v.ID, "action": domain.AttendanceMissed}, ""},
	}
	for _, c := range cases {
		resp := pressSession(t, f.h, c.user, c.context)
		require.Nil(t, resp.Update, "%v", c.context)
		require.NotEmpty(t, resp.EphemeralText, "%v", c.context)
		require.Contains(t, resp.EphemeralText, c.want, "%v", c.context)
	}
	require.Empty(t, f.mm.opened, "no form opened")
	after := f.getSession(t, menteeID, v.ID)
	require.Equal(t, domain.ResponsePending, after.Responses[mentorID])
	require.Equal(t, domain.SessionScheduled, after.Status)

	rec, e := do(f.h, "", http.MethodPost, "/api/v1/actions/session", `{"context":{"session_id":"`+v.ID+`","action":"confirm"}}`)
	require.Equal(t, http.StatusUnauthorized, rec.Code, "a press needs the server's user header")
	require.NotEmpty(t, e.Error)
}

func TestSessionButtonsOpenTheFormsOfTheirSession(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	v := f.schedule(t, m, f.inHours(48))

	for action, url := range map[string]string{
		notify.SessionReschedule: dialog.SessionChangeURL,
		notify.SessionCancel:     dialog.SessionCancelURL,
	} {
		f.mm.opened = nil
		resp := pressSession(t, f.h, mentorID, sessionContext(v.ID, action))
		require.Empty(t, resp.EphemeralText, action)
		require.Nil(t, resp.Update, "%s: the post stays until the form is sent", action)
		require.Len(t, f.mm.opened, 1, action)
		require.Equal(t, url, f.mm.opened[0].URL)
		require.Equal(t, "trigger", f.mm.opened[0].TriggerId)
		require.Contains(t, f.mm.opened[0].Dialog.State, v.ID)
	}

	rec, e := do(f.h, menteeID, http.MethodPost, "/api/v1/sessions/"+v.ID+"/cancel", `{"reason":"sick"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	f.mm.opened = nil
	resp := pressSession(t, f.h, mentorID, sessionContext(v.ID, notify.SessionReschedule))
	require.Contains(t, resp.EphemeralText, "**Kickoff** was cancelled")
	require.Empty(t, f.mm.opened)
}

func TestAttendanceButtonsAfterTheMeetingLeaveAFeedbackButton(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	start := f.inHours(2)
	v := f.schedule(t, m, start)

	early := pressSession(t, f.h, menteeID, map[string]any{"session_id": v.ID, "occurrence": start, "action": notify.SessionAttended})
	require.Nil(t, early.Update)
	require.NotEmpty(t, early.EphemeralText, "no attendance before the meeting")

	f.clock.advance(3 * time.Hour)
	resp := pressSession(t, f.h, menteeID, map[string]any{"session_id": v.ID, "occurrence": start, "action": notify.SessionAttended})
	require.NotNil(t, resp.Update, resp.EphemeralText)
	require.Contains(t, resp.Update.Message, "Noted: you met for **Kickoff** on ")
	buttons := resp.Update.Attachments()
	require.Len(t, buttons, 1)
	require.Len(t, buttons[0].Actions, 1)
	feedback := buttons[0].Actions[0]
	require.Equal(t, notify.ActionSessionPath, feedback.Integration.URL)
	require.Equal(t, map[string]any{"session_id": v.ID, "occurrence": start, "action": notify.SessionFeedback}, feedback.Integration.Context)

	resp = pressSession(t, f.h, mentorID, sessionContext(v.ID, notify.SessionMissed))
	require.Contains(t, resp.Update.Message, "did not take place", "a one-off's occurrence is its start")
	require.Empty(t, resp.Update.Attachments(), "no feedback button on a meeting that did not happen")

	rec, _ := do(f.h, adminID, http.MethodGet, "/api/v1/sessions/"+v.ID, "")
	require.Equal(t, http.StatusOK, rec.Code)
	seen := decodeAs[app.SessionView](t, rec)
	require.Len(t, seen.Past, 1)
	require.Equal(t, map[string]string{menteeID: domain.AttendanceAttended, mentorID: domain.AttendanceMissed}, seen.Past[0].Attendance)

	f.mm.opened = nil
	resp = pressSession(t, f.h, menteeID, feedback.Integration.Context)
	require.Empty(t, resp.EphemeralText)
	require.Len(t, f.mm.opened, 1)
	require.Equal(t, dialog.SessionFeedbackURL, f.mm.opened[0].URL)
	require.Contains(t, f.mm.opened[0].Dialog.State, v.ID)
}

func TestSessionDialogsAreRouted(t *testing.T) {
	f := newSessionHandler(t)
	for _, path := range []string{"/api/v1/dialogs/session", "/api/v1/dialogs/session-change",
		"/api/v1/dialogs/session-cancel", "/api/v1/dialogs/session-feedback"} {
		resp := submit(t, f.h, menteeID, path, model.SubmitDialogRequest{Cancelled: true, State: "{}"})
		require.Empty(t, resp.Error, path)
		require.Empty(t, resp.Errors, path)

		resp = submit(t, f.h, menteeID, path, model.SubmitDialogRequest{State: "not json", Submission: map[string]any{}})
		require.NotEmpty(t, resp.Error+strings.Join(mapValues(resp.Errors), ""), "%s: the form's handler answers", path)
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
