package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

// routeInsight registers the coordinators' insight, at-risk list, nudge and
// insight settings. Every route is for the program's coordinators and system
// admins: 403 for a member of the team, 404 for a program the caller cannot see.
func (h *Handler) routeInsight(r *mux.Router) {
	program := prefix + "/programs/{id}"
	r.HandleFunc(program+"/insight", h.insight).Methods(http.MethodGet)
	r.HandleFunc(program+"/at-risk", h.atRisk).Methods(http.MethodGet)
	r.HandleFunc(program+"/at-risk/{match_id}/nudge", h.nudge).Methods(http.MethodPost)
	r.HandleFunc(program+"/insight-settings", h.insightSettings).Methods(http.MethodGet)
	r.HandleFunc(program+"/insight-settings", h.setInsightSettings).Methods(http.MethodPut)
}

func (h *Handler) insight(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	v, err := h.services(r).Insight.Get(userID(r), programID)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) atRisk(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	page, ok := h.queryInt(w, r, "page", 0, maxPage)
	if !ok {
		return
	}
	perPage, ok := h.queryInt(w, r, "per_page", app.AtRiskDefaultPerPage, app.AtRiskMaxPerPage)
	if !ok {
		return
	}
	v, err := h.services(r).Insight.AtRisk(userID(r), programID, page, perPage)
	h.reply(w, r, http.StatusOK, v, err)
}

// nudgeBody is the optional body of a nudge.
type nudgeBody struct {
	Note string `json:"note"`
}

func (h *Handler) nudge(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	matchID, ok := h.matchID(w, r)
	var in nudgeBody
	if !ok || !h.decodeOptional(w, r, &in) {
		return
	}
	v, err := h.services(r).Insight.Nudge(userID(r), programID, matchID, in.Note)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) insightSettings(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	v, err := h.services(r).Insight.Settings(userID(r), programID)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) setInsightSettings(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in app.InsightSettingsInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	v, err := h.services(r).Insight.SetSettings(userID(r), programID, in)
	h.reply(w, r, http.StatusOK, v, err)
}
