package api

import "github.com/gorilla/mux"

func (h *Handler) routeGoals(_ *mux.Router) {}
