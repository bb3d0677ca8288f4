package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

var (
	msgBadButton = &i18n.Message{ID: "api.decide.bad_button", Other: "This button is not valid any more. Use /mentor approve or the sidebar instead."}
)

func (h *Handler) routeInteractive(r *mux.Router) {
	r.HandleFunc(prefix+"/actions/decide", h.decideButton).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/program", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		return h.dialogs.SubmitProgram(req)
	})).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/join", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		return h.dialogs.SubmitJoin(req)
	})).Methods(http.MethodPost)
}

// decideButton handles Approve / Decline on a join request. The context only
// says which request; the clicking user's right to decide is checked by the service.
func (h *Handler) decideButton(w http.ResponseWriter, r *http.Request) {
	var req model.PostActionIntegrationRequest
	if !h.decodeFromServer(w, r, &req) {
		return
	}
	uid := userID(r)
	programID, _ := req.Context["program_id"].(string)
	memberID, _ := req.Context["user_id"].(string)
	decision, _ := req.Context["decision"].(string)
	if programID == "" || memberID == "" || (decision != "approve" && decision != "decline") {
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: h.tr.T(uid, msgBadButton, nil)})
		return
	}
	approve := decision == "approve"
	_, err := h.services(r).Enrollments.Decide(uid, programID, memberID, approve)
	if err != nil {
		appErr, isAppErr := app.AsError(err)
		if !isAppErr {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: h.tr.T(uid, appErr.Message, appErr.Data)})
		return
	}
	program, err := h.services(r).Programs.Get(uid, programID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := notify.DecisionText(h.tr, uid, h.mention(memberID), program.Name, h.mention(uid), approve)
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{Update: &model.Post{Message: text, Props: model.StringInterface{}}})
}

func (h *Handler) mention(uid string) string {
	if u, err := h.users.Get(uid); err == nil && u != nil {
		return "@" + u.Username
	}
	return uid
}

// dialog decodes a dialog submission and answers with the handler's response. The
// submitting user comes from the header, never from the body.
func (h *Handler) dialog(submit func(*model.SubmitDialogRequest) *model.SubmitDialogResponse) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req model.SubmitDialogRequest
		if !h.decodeFromServer(w, r, &req) {
			return
		}
		req.UserId = userID(r)
		if req.Cancelled {
			w.WriteHeader(http.StatusOK)
			return
		}
		resp := submit(&req)
		if resp == nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		writeJSON(w, http.StatusOK, resp)
	}
}
