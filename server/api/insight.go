package api

import "github.com/gorilla/mux"

func (h *Handler) routeInsight(_ *mux.Router) {}
