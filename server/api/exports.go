package api

import "github.com/gorilla/mux"

func (h *Handler) routeExports(_ *mux.Router) {}
