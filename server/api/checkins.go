package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// CheckInDialogs opens and handles the check-in note form
// (server/dialog/checkin.go gives *dialog.Dialogs these methods).
type CheckInDialogs interface {
	OpenCheckInNote(triggerID, uid, matchID string, round int) error
	SubmitCheckInNote(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

var msgBadCheckInButton = &i18n.Message{ID: "api.checkin_button.bad", Other: "This button is not valid any more. Answer with `/mentor checkin` or in the Mentorship sidebar instead."}

// routeCheckIns registers a match's check-ins, the buttons of the check-in
// DM and the note form.
func (h *Handler) routeCheckIns(r *mux.Router) {
	match := prefix + "/matches/{match_id}/checkins"
	r.HandleFunc(match, h.listCheckIns).Methods(http.MethodGet)
	r.HandleFunc(match, h.answerCheckIn).Methods(http.MethodPost)
	r.HandleFunc(match+"/round", h.startCheckInRound).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/actions/checkin", h.checkInButton).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/checkin-note", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		d, ok := h.checkInDialogs()
		if !ok {
			return &model.SubmitDialogResponse{Error: h.tr.T(req.UserId, msgInternal, nil)}
		}
		return d.SubmitCheckInNote(req)
	})).Methods(http.MethodPost)
}

func (h *Handler) checkInDialogs() (CheckInDialogs, bool) {
	d, ok := h.dialogs.(CheckInDialogs)
	if !ok {
		h.log.Error("the dialogs given to the API do not handle the check-in form")
	}
	return d, ok
}

func (h *Handler) listCheckIns(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	if !ok {
		return
	}
	v, err := h.services(r).CheckIns.List(userID(r), id)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) answerCheckIn(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	var in app.CheckInInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	v, err := h.services(r).CheckIns.Answer(userID(r), id, in)
	h.reply(w, r, http.StatusOK, v, err)
}

// RoundBody is the answer of POST /matches/{id}/checkins/round.
type RoundBody struct {
	Round int `json:"round"`
}

func (h *Handler) startCheckInRound(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	if !ok || !h.decodeOptional(w, r, &noBody{}) {
		return
	}
	n, err := h.services(r).CheckIns.StartRound(userID(r), id)
	h.reply(w, r, http.StatusCreated, RoundBody{Round: n}, err)
}

// checkInButton handles the buttons of a check-in DM. The context says which
// match, round and answer; the presser comes from the header, and the
// service decides from the stored match whether they may answer.
func (h *Handler) checkInButton(w http.ResponseWriter, r *http.Request) {
	var req model.PostActionIntegrationRequest
	if !h.decodeFromServer(w, r, &req) {
		return
	}
	uid := userID(r)
	tr := h.tr.For(uid)
	matchID, _ := req.Context["match_id"].(string)
	answer, _ := req.Context["answer"].(string)
	nudge, _ := req.Context[nudgeContext].(string)
	round := contextInt(req.Context["round"])
	ephemeral := func(m *i18n.Message, data map[string]any) {
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: tr.T(uid, m, data)})
	}
	if !model.IsValidId(matchID) || round < 1 {
		ephemeral(msgBadCheckInButton, nil)
		return
	}
	svc := h.services(r)
	if answer == notify.CheckInNote {
		// Only the pair answers: a forged id, an outsider or a coordinator is
		// refused before a form opens.
		if err := svc.CheckIns.RequireAnswerer(uid, matchID); err != nil {
			h.refuseCheckInButton(w, r, tr, uid, err)
			return
		}
		d, ok := h.checkInDialogs()
		if ok {
			if err := d.OpenCheckInNote(req.TriggerId, uid, matchID, round); err != nil {
				h.log.Error("failed to open the check-in note form", "user_id", uid, "match_id", matchID, "error", err.Error())
				ok = false
			}
		}
		if !ok {
			ephemeral(msgFormsDown, nil)
			return
		}
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{})
		return
	}
	v, err := svc.CheckIns.Answer(uid, matchID, app.CheckInInput{Answer: answer, Round: round})
	if err != nil {
		h.refuseCheckInButton(w, r, tr, uid, err)
		return
	}
	post := notify.CheckInAnsweredPost(tr, uid, matchID, round, v.Answers[uid], nudge)
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{Update: post})
}

// refuseCheckInButton answers a failed service call of a button: an app error as
// an ephemeral text, anything else as a logged 500.
func (h *Handler) refuseCheckInButton(w http.ResponseWriter, r *http.Request, tr *i18n.Translator, uid string, err error) {
	appErr, isAppErr := app.AsError(err)
	if !isAppErr {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: tr.T(uid, appErr.Message, appErr.Data)})
}

// contextInt reads a whole number from a button context: the plugin writes
// it as a string, and JSON numbers arrive as float64.
func contextInt(v any) int {
	switch n := v.(type) {
	case string:
		i, err := strconv.Atoi(n)
		if err != nil {
			return 0
		}
		return i
	case float64:
		return int(n)
	}
	return 0
}
