package api

import "github.com/gorilla/mux"

func (h *Handler) routeFeedback(_ *mux.Router) {}
