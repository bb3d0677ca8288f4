package api

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routeFeedback registers a match's feedback: session ratings and exit
// surveys, filtered by who may read them.
func (h *Handler) routeFeedback(r *mux.Router) {
	r.HandleFunc(prefix+"/matches/{match_id}/feedback", h.matchFeedback).Methods(http.MethodGet)
}

func (h *Handler) matchFeedback(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	if !ok {
		return
	}
	v, err := h.services(r).Feedback.List(userID(r), id)
	h.reply(w, r, http.StatusOK, v, err)
}
