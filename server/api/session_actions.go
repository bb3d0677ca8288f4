package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// nudgeContext is the optional button-context key carrying the DM's nudge
// key: replacing a post's buttons replaces its props, and the nudge prop
// (notify.PropNudge) must stay for FindNudge to find the DM.
const nudgeContext = "nudge"

// SessionDialogs opens and handles the session forms (helper D2's
// server/dialog/session.go gives *dialog.Dialogs these methods). occurrence is
// the original start of the occurrence concerned, zero for the series.
type SessionDialogs interface {
	OpenSessionChange(triggerID, uid, sessionID string, occurrence time.Time) error
	OpenSessionCancel(triggerID, uid, sessionID string, occurrence time.Time) error
	OpenSessionFeedback(triggerID, uid, sessionID string, occurrence time.Time) error
	SubmitSession(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
	SubmitSessionChange(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
	SubmitSessionCancel(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
	SubmitSessionFeedback(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

var (
	msgBadSessionButton = &i18n.Message{ID: "api.session_button.bad", Other: "This button is not valid any more. Use `/mentor sessions` or the Mentorship sidebar instead."}
	msgUnknownSessionOp = &i18n.Message{ID: "api.session_button.unknown_action", Other: "This button asks for \"{{.Action}}\", which this version of the plugin does not know. Use `/mentor sessions` or the sidebar instead."}
	msgNotYourSession   = &i18n.Message{ID: "api.session_button.not_participant", Other: "Only the people of this session can use its buttons."}
	msgSessionCancelled = &i18n.Message{ID: "api.session_button.cancelled", Other: "**{{.Title}}** was cancelled; there is nothing to change."}
	msgNeedOccurrence   = &i18n.Message{ID: "api.session_button.need_occurrence", Other: "This button does not say which meeting of the series it is about. Use `/mentor sessions` or the sidebar instead."}
	msgConfirmedNote    = &i18n.Message{ID: "api.session_button.confirmed", Other: "✅ You confirmed **{{.Title}}** on {{.When}}."}
	msgTookNote         = &i18n.Message{ID: "api.session_button.took", Other: "✅ You took the proposed time: **{{.Title}}** is now on {{.When}}."}
	msgKeptNote         = &i18n.Message{ID: "api.session_button.kept", Other: "You kept the current time of **{{.Title}}**: {{.When}}."}
	msgAttendedNote     = &i18n.Message{ID: "api.session_button.attended", Other: "✅ Noted: you met for **{{.Title}}** on {{.When}}."}
	msgMissedNote       = &i18n.Message{ID: "api.session_button.missed", Other: "Noted: **{{.Title}}** on {{.When}} did not take place."}
	msgRescheduledNote  = &i18n.Message{ID: "api.session_button.rescheduled", Other: "Noted: **{{.Title}}** on {{.When}} was moved to another time."}
	msgExcusedNote      = &i18n.Message{ID: "api.session_button.excused", Other: "Noted: you were excused from **{{.Title}}** on {{.When}}."}
	msgFeedbackButton   = &i18n.Message{ID: "api.session_button.feedback", Other: "Give feedback"}
)

// attendanceNotes replace the buttons of a "did you meet?" DM once answered.
var attendanceNotes = map[string]*i18n.Message{
	domain.AttendanceAttended:    msgAttendedNote,
	domain.AttendanceMissed:      msgMissedNote,
	domain.AttendanceRescheduled: msgRescheduledNote,
	domain.AttendanceExcused:     msgExcusedNote,
}

func (h *Handler) routeSessionActions(r *mux.Router) {
	r.HandleFunc(prefix+"/actions/session", h.sessionButton).Methods(http.MethodPost)
	for path, submit := range map[string]func(SessionDialogs, *model.SubmitDialogRequest) *model.SubmitDialogResponse{
		"/dialogs/session":          SessionDialogs.SubmitSession,
		"/dialogs/session-change":   SessionDialogs.SubmitSessionChange,
		"/dialogs/session-cancel":   SessionDialogs.SubmitSessionCancel,
		"/dialogs/session-feedback": SessionDialogs.SubmitSessionFeedback,
	} {
		r.HandleFunc(prefix+path, h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
			d, ok := h.sessionDialogs()
			if !ok {
				return &model.SubmitDialogResponse{Error: h.tr.T(req.UserId, msgInternal, nil)}
			}
			return submit(d, req)
		})).Methods(http.MethodPost)
	}
}

// sessionDialogs returns the session forms: the handler's dialogs serve them.
func (h *Handler) sessionDialogs() (SessionDialogs, bool) {
	d, ok := h.dialogs.(SessionDialogs)
	if !ok {
		h.log.Error("the dialogs given to the API do not handle the session forms")
	}
	return d, ok
}

// sessionPress is one press of a session button: who pressed (from the
// header, never the context), on which session and occurrence.
type sessionPress struct {
	uid        string
	sessionID  string
	occurrence time.Time // zero: the series, or the one meeting
	trigger    string
	nudge      string
	tr         *i18n.Translator
	svc        *app.Services
}

// sessionButton handles every button of a session DM. The context only says
// which session and what to do; the session is read as the presser first, so
// a forged id or a session they are not part of is refused before anything
// changes, and the services decide the rest from the stored session.
func (h *Handler) sessionButton(w http.ResponseWriter, r *http.Request) {
	var req model.PostActionIntegrationRequest
	if !h.decodeFromServer(w, r, &req) {
		return
	}
	uid := userID(r)
	b := &sessionPress{uid: uid, trigger: req.TriggerId, tr: h.tr.For(uid), svc: h.services(r)}
	b.sessionID, _ = req.Context["session_id"].(string)
	b.nudge, _ = req.Context[nudgeContext].(string)
	action, _ := req.Context["action"].(string)
	occurrence, _ := req.Context["occurrence"].(string)
	var err error
	if occurrence != "" {
		b.occurrence, err = time.Parse(time.RFC3339, occurrence)
	}
	if !model.IsValidId(b.sessionID) || err != nil {
		h.sessionEphemeral(w, b, msgBadSessionButton, nil)
		return
	}
	v, err := b.svc.Sessions.Get(uid, b.sessionID)
	if err != nil {
		h.refuseSessionButton(w, r, b, err)
		return
	}
	if !v.IsParticipant(uid) {
		h.sessionEphemeral(w, b, msgNotYourSession, nil)
		return
	}
	switch action {
	case notify.SessionConfirm:
		h.sessionDone(w, r, b, msgConfirmedNote)(b.svc.Sessions.Confirm(uid, b.sessionID))
	case notify.SessionTake:
		h.sessionDone(w, r, b, msgTookNote)(b.svc.Sessions.TakeProposal(uid, b.sessionID))
	case notify.SessionKeep:
		// The proposal stays on record until the session changes; declining
		// it needs no write, only the buttons go.
		h.sessionDone(w, r, b, msgKeptNote)(v, nil)
	case domain.AttendanceAttended, domain.AttendanceMissed, domain.AttendanceRescheduled, domain.AttendanceExcused:
		if !h.pinOccurrence(w, b, v) {
			return
		}
		h.sessionDone(w, r, b, attendanceNotes[action])(b.svc.Sessions.Attend(uid, b.sessionID, b.occurrence, action))
	case notify.SessionReschedule, notify.SessionCancel, notify.SessionFeedback:
		h.openSessionForm(w, b, v, action)
	default:
		h.sessionEphemeral(w, b, msgUnknownSessionOp, map[string]any{"Action": action})
	}
}

// pinOccurrence fills in the occurrence of a one-off session, whose only
// meeting is its start; a series needs the button to name one.
func (h *Handler) pinOccurrence(w http.ResponseWriter, b *sessionPress, v *app.SessionView) bool {
	if b.occurrence.IsZero() {
		if v.Recurrence != "" {
			h.sessionEphemeral(w, b, msgNeedOccurrence, nil)
			return false
		}
		b.occurrence = v.Start
	}
	return true
}

func (h *Handler) openSessionForm(w http.ResponseWriter, b *sessionPress, v *app.SessionView, action string) {
	if v.Status == domain.SessionCancelled {
		h.sessionEphemeral(w, b, msgSessionCancelled, map[string]any{"Title": v.Title})
		return
	}
	if action == notify.SessionFeedback && !h.pinOccurrence(w, b, v) {
		return
	}
	d, ok := h.sessionDialogs()
	if ok {
		open := map[string]func(triggerID, uid, sessionID string, occurrence time.Time) error{
			notify.SessionReschedule: d.OpenSessionChange,
			notify.SessionCancel:     d.OpenSessionCancel,
			notify.SessionFeedback:   d.OpenSessionFeedback,
		}[action]
		if err := open(b.trigger, b.uid, b.sessionID, b.occurrence); err != nil {
			h.log.Error("failed to open a session form", "user_id", b.uid, "session_id", b.sessionID, "error", err.Error())
			ok = false
		}
	}
	if !ok {
		h.sessionEphemeral(w, b, msgFormsDown, nil)
		return
	}
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{})
}

func (h *Handler) sessionEphemeral(w http.ResponseWriter, b *sessionPress, m *i18n.Message, data map[string]any) {
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: b.tr.T(b.uid, m, data)})
}

// refuseSessionButton answers a failed service call: an app error (not
// allowed, not found, already cancelled…) as an ephemeral text, anything else
// as a logged 500.
func (h *Handler) refuseSessionButton(w http.ResponseWriter, r *http.Request, b *sessionPress, err error) {
	appErr, isAppErr := app.AsError(err)
	if !isAppErr {
		h.fail(w, r, err)
		return
	}
	h.sessionEphemeral(w, b, appErr.Message, appErr.Data)
}

// sessionDone returns the answer to a service call made for a button: on
// success the pressed post loses its buttons and says what was done (after an
// "we met", a feedback button takes their place).
func (h *Handler) sessionDone(w http.ResponseWriter, r *http.Request, b *sessionPress, note *i18n.Message) func(*app.SessionView, error) {
	return func(v *app.SessionView, err error) {
		if err != nil {
			h.refuseSessionButton(w, r, b, err)
			return
		}
		data := map[string]any{"Title": v.Title, "When": h.sessionWhen(b, v)}
		props := model.StringInterface{"session_id": v.ID, "program_id": v.ProgramID}
		if b.nudge != "" {
			props[notify.PropNudge] = b.nudge
		}
		if note == msgAttendedNote {
			props["attachments"] = []*model.SlackAttachment{{Actions: []*model.PostAction{{
				Id: notify.SessionFeedback, Name: b.tr.T(b.uid, msgFeedbackButton, nil), Type: model.PostActionTypeButton, Style: "primary",
				Integration: &model.PostActionIntegration{URL: notify.ActionSessionPath, Context: map[string]any{
					"session_id": v.ID, "occurrence": b.occurrence.UTC().Format(time.RFC3339), "action": notify.SessionFeedback,
				}},
			}}}}
		}
		text := b.tr.T(b.uid, note, data)
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{Update: &model.Post{Message: text, Props: props}})
	}
}

// sessionWhen is when the pressed occurrence happens (a moved one at its new
// time; the next one for a series), in the presser's zone, naming it.
func (h *Handler) sessionWhen(b *sessionPress, v *app.SessionView) string {
	start := v.Start
	if !b.occurrence.IsZero() {
		start = b.occurrence
	}
	for _, o := range slices.Concat(v.Next, v.Past) {
		if b.occurrence.IsZero() || o.Occurrence.Equal(b.occurrence) {
			start = o.Start
			break
		}
	}
	zone := time.UTC
	if u, err := h.users.Get(b.uid); err == nil && u != nil {
		if loc, err := time.LoadLocation(u.GetPreferredTimezone()); err == nil {
			zone = loc
		}
	}
	return dialog.FormatWhen(start, v.DurationMinutes, zone)
}
