package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

// GoalDialogs handles the goal form (server/dialog/goal.go gives
// *dialog.Dialogs this method).
type GoalDialogs interface {
	SubmitGoal(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

// routeGoals registers the goal routes: a match's goals (its pair and the
// program's coordinators read; the pair writes), the caller's goals across
// their matches, and the goal form's submission.
func (h *Handler) routeGoals(r *mux.Router) {
	goals := prefix + "/matches/{match_id}/goals"
	r.HandleFunc(prefix+"/goals", h.myGoals).Methods(http.MethodGet)
	r.HandleFunc(goals, h.matchGoals).Methods(http.MethodGet)
	r.HandleFunc(goals, h.addGoal).Methods(http.MethodPost)
	r.HandleFunc(goals+"/{goal_id}", h.updateGoal).Methods(http.MethodPatch)
	r.HandleFunc(goals+"/{goal_id}/done", h.goalDone).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/goal", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		d, ok := h.dialogs.(GoalDialogs)
		if !ok {
			h.log.Error("the dialogs given to the API do not handle the goal form")
			return &model.SubmitDialogResponse{Error: h.tr.T(req.UserId, msgInternal, nil)}
		}
		return d.SubmitGoal(req)
	})).Methods(http.MethodPost)
}

// goalRef returns the path's match and goal ids, or answers 400.
func (h *Handler) goalRef(w http.ResponseWriter, r *http.Request) (string, string, bool) {
	matchID, ok := h.matchID(w, r)
	if !ok {
		return "", "", false
	}
	goalID := mux.Vars(r)["goal_id"]
	return matchID, goalID, h.validID(w, r, goalID, "goal_id")
}

// MyGoalsBody is the answer of GET /goals.
type MyGoalsBody struct {
	Matches []app.MatchGoalsView `json:"matches"`
}

func (h *Handler) myGoals(w http.ResponseWriter, r *http.Request) {
	found, err := h.services(r).Goals.Mine(userID(r))
	if found == nil {
		found = []app.MatchGoalsView{}
	}
	h.reply(w, r, http.StatusOK, MyGoalsBody{Matches: found}, err)
}

func (h *Handler) matchGoals(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	if !ok {
		return
	}
	v, err := h.services(r).Goals.List(userID(r), id)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) addGoal(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	var in app.GoalInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	g, err := h.services(r).Goals.Add(userID(r), id, in)
	h.reply(w, r, http.StatusCreated, g, err)
}

func (h *Handler) updateGoal(w http.ResponseWriter, r *http.Request) {
	matchID, goalID, ok := h.goalRef(w, r)
	var in app.GoalPatch
	if !ok || !h.decode(w, r, &in) {
		return
	}
	g, err := h.services(r).Goals.Update(userID(r), matchID, goalID, in)
	h.reply(w, r, http.StatusOK, g, err)
}

// goalDoneBody is the optional body of POST …/goals/{goal_id}/done.
type goalDoneBody struct {
	Note string `json:"note"`
}

func (h *Handler) goalDone(w http.ResponseWriter, r *http.Request) {
	matchID, goalID, ok := h.goalRef(w, r)
	var in goalDoneBody
	if !ok || !h.decodeOptional(w, r, &in) {
		return
	}
	g, err := h.services(r).Goals.Done(userID(r), matchID, goalID, in.Note)
	h.reply(w, r, http.StatusOK, g, err)
}
