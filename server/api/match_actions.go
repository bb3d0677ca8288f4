package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// MatchDialogs opens and handles the match forms (*dialog.Dialogs satisfies it).
type MatchDialogs interface {
	OpenEnd(triggerID, uid string, choices []dialog.EndChoice) error
	OpenSurvey(triggerID, uid, matchID string) error
	SubmitEnd(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
	SubmitSurvey(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

var (
	msgBadMatchButton = &i18n.Message{ID: "api.match_button.bad", Other: "This button is not valid any more. Use `/mentor matches` or the Mentorship sidebar instead."}
	msgUnknownAction  = &i18n.Message{ID: "api.match_button.unknown_action", Other: "This button asks for \"{{.Action}}\", which this version of the plugin does not know. Use `/mentor matches` or the sidebar instead."}
	msgNotYourSurvey  = &i18n.Message{ID: "api.match_button.not_your_survey", Other: "Only the two people of this match answer its survey."}
	msgNotEndedYet    = &i18n.Message{ID: "api.match_button.not_ended", Other: "This match has not ended; the survey opens when it does."}
	msgOnlyMentee     = &i18n.Message{ID: "api.match_button.only_mentee", Other: "Only the mentee of this match can ask for a new match from here."}
	msgAlreadyEnded   = &i18n.Message{ID: "api.match_button.already_ended", Other: "This match is already over ({{.Status}})."}
	msgFormsDown      = &i18n.Message{ID: "api.match_button.forms_down", Other: "The form could not be opened; it was logged. Try again in a moment."}
)

// rematchSuggestions is how many mentors "Match me again" shows.
const rematchSuggestions = 5

func (h *Handler) routeMatchActions(r *mux.Router) {
	r.HandleFunc(prefix+"/actions/match", h.matchButton).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/end", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		return h.withMatchDialogs(req, MatchDialogs.SubmitEnd)
	})).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/survey", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		return h.withMatchDialogs(req, MatchDialogs.SubmitSurvey)
	})).Methods(http.MethodPost)
}

// matchDialogs returns the match forms: the handler's dialogs serve them.
func (h *Handler) matchDialogs() (MatchDialogs, bool) {
	d, ok := h.dialogs.(MatchDialogs)
	if !ok {
		h.log.Error("the dialogs given to the API do not handle the match forms")
	}
	return d, ok
}

func (h *Handler) withMatchDialogs(req *model.SubmitDialogRequest, submit func(MatchDialogs, *model.SubmitDialogRequest) *model.SubmitDialogResponse) *model.SubmitDialogResponse {
	d, ok := h.matchDialogs()
	if !ok {
		return &model.SubmitDialogResponse{Error: h.tr.T(req.UserId, msgInternal, nil)}
	}
	return submit(d, req)
}

// buttonPress is one press of a match button: who pressed (from the header,
// never the context), on which match, and the reader's translator.
type buttonPress struct {
	uid     string
	matchID string
	trigger string
	tr      *i18n.Translator
	svc     *app.Services
}

// matchButton handles every button of a match DM. The context only says which
// match and what to do; whether the presser may is decided by the services from
// the stored match. Refusals are ephemeral texts, in the presser's language.
func (h *Handler) matchButton(w http.ResponseWriter, r *http.Request) {
	var req model.PostActionIntegrationRequest
	if !h.decodeFromServer(w, r, &req) {
		return
	}
	uid := userID(r)
	b := &buttonPress{uid: uid, trigger: req.TriggerId, tr: h.tr.For(uid), svc: h.services(r)}
	b.matchID, _ = req.Context["match_id"].(string)
	action, _ := req.Context["action"].(string)
	if !model.IsValidId(b.matchID) {
		h.ephemeral(w, b, msgBadMatchButton, nil)
		return
	}
	switch action {
	case notify.ActionAccept, notify.ActionDecline:
		h.answerButton(w, r, b, action == notify.ActionAccept)
	case notify.ActionSurvey:
		h.surveyButton(w, r, b)
	case notify.ActionRematch:
		h.rematchButton(w, r, b)
	case notify.ActionEnd:
		h.endButton(w, r, b)
	default:
		h.ephemeral(w, b, msgUnknownAction, map[string]any{"Action": action})
	}
}

func (h *Handler) ephemeral(w http.ResponseWriter, b *buttonPress, m *i18n.Message, data map[string]any) {
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: b.tr.T(b.uid, m, data)})
}

// refuseButton answers a failed service call: an app error (not allowed, no
// longer waiting…) as an ephemeral text, anything else as a logged 500.
func (h *Handler) refuseButton(w http.ResponseWriter, r *http.Request, b *buttonPress, err error) {
	appErr, isAppErr := app.AsError(err)
	if !isAppErr {
		h.fail(w, r, err)
		return
	}
	h.ephemeral(w, b, appErr.Message, appErr.Data)
}

func (h *Handler) answerButton(w http.ResponseWriter, r *http.Request, b *buttonPress, accept bool) {
	m, err := b.svc.Matches.Answer(b.uid, b.matchID, accept)
	if err != nil {
		h.refuseButton(w, r, b, err)
		return
	}
	p, err := b.svc.Programs.Get(b.uid, m.ProgramID)
	if err != nil {
		h.refuseButton(w, r, b, err)
		return
	}
	text := notify.MatchOutcomeText(b.tr, b.uid, p, m, h.mention)
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{Update: &model.Post{Message: text, Props: model.StringInterface{}}})
}

// partOf returns the match when the presser may see it.
func (h *Handler) partOf(w http.ResponseWriter, r *http.Request, b *buttonPress) (*domain.Match, bool) {
	m, err := b.svc.Matches.Get(b.uid, b.matchID)
	if err != nil {
		h.refuseButton(w, r, b, err)
		return nil, false
	}
	return m, true
}

func (h *Handler) surveyButton(w http.ResponseWriter, r *http.Request, b *buttonPress) {
	m, ok := h.partOf(w, r, b)
	switch {
	case !ok:
		return
	case m.Partner(b.uid) == "":
		h.ephemeral(w, b, msgNotYourSurvey, nil)
		return
	case m.Status != domain.MatchCompleted && m.Status != domain.MatchCancelled:
		h.ephemeral(w, b, msgNotEndedYet, nil)
		return
	}
	h.openForm(w, b, func(d MatchDialogs) error { return d.OpenSurvey(b.trigger, b.uid, m.ID) })
}

func (h *Handler) endButton(w http.ResponseWriter, r *http.Request, b *buttonPress) {
	m, ok := h.partOf(w, r, b)
	if !ok {
		return
	}
	if !m.Live() {
		h.ephemeral(w, b, msgAlreadyEnded, map[string]any{"Status": notify.MatchStatus(b.tr, b.uid, m.Status)})
		return
	}
	label := h.mention(m.MenteeID) + " / " + h.mention(m.MentorID)
	if partner := m.Partner(b.uid); partner != "" {
		label = h.mention(partner)
	}
	h.openForm(w, b, func(d MatchDialogs) error {
		return d.OpenEnd(b.trigger, b.uid, []dialog.EndChoice{{MatchID: m.ID, Label: label}})
	})
}

func (h *Handler) openForm(w http.ResponseWriter, b *buttonPress, open func(MatchDialogs) error) {
	d, ok := h.matchDialogs()
	if ok {
		if err := open(d); err != nil {
			h.log.Error("failed to open a match form", "user_id", b.uid, "match_id", b.matchID, "error", err.Error())
			ok = false
		}
	}
	if !ok {
		h.ephemeral(w, b, msgFormsDown, nil)
		return
	}
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{})
}

// rematchButton shows the mentee of an ended match their next suggestions.
func (h *Handler) rematchButton(w http.ResponseWriter, r *http.Request, b *buttonPress) {
	m, ok := h.partOf(w, r, b)
	if !ok {
		return
	}
	if m.MenteeID != b.uid {
		h.ephemeral(w, b, msgOnlyMentee, nil)
		return
	}
	p, err := b.svc.Programs.Get(b.uid, m.ProgramID)
	if err != nil {
		h.refuseButton(w, r, b, err)
		return
	}
	found, err := b.svc.Matches.Suggest(b.uid, p.ID, rematchSuggestions)
	if err != nil {
		h.refuseButton(w, r, b, err)
		return
	}
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: notify.SuggestionsText(b.tr, b.uid, p, found, h.mention)})
}
