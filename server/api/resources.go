package api

import "github.com/gorilla/mux"

func (h *Handler) routeResources(_ *mux.Router) {}
