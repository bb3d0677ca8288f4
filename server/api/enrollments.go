package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

func (h *Handler) routeEnrollments(r *mux.Router) {
	p := "/programs/" + idPattern
	r.HandleFunc(prefix+p+"/join", h.join).Methods(http.MethodPost)
	r.HandleFunc(prefix+p+"/leave", h.leave).Methods(http.MethodPost)
	r.HandleFunc(prefix+p+"/pause", h.pause).Methods(http.MethodPost)
	r.HandleFunc(prefix+p+"/resume", h.resume).Methods(http.MethodPost)
	r.HandleFunc(prefix+p+"/members/{user_id:[a-z0-9]{26}}/approve", h.decide(true)).Methods(http.MethodPost)
	r.HandleFunc(prefix+p+"/members/{user_id:[a-z0-9]{26}}/decline", h.decide(false)).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/me/programs", h.myPrograms).Methods(http.MethodGet)
}

func (h *Handler) join(w http.ResponseWriter, r *http.Request) {
	var in app.JoinInput
	if !h.decode(w, r, &in) {
		return
	}
	res, err := h.services(r).Enrollments.Join(userID(r), mux.Vars(r)["id"], in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK // already enrolled: nothing changed
	if res.Created {
		status = http.StatusCreated
	}
	writeJSON(w, status, res)
}

func (h *Handler) leave(w http.ResponseWriter, r *http.Request) {
	h.respond(w, r, func(uid, programID string) (any, error) {
		return h.services(r).Enrollments.Leave(uid, programID)
	})
}

type pauseBody struct {
	Until string `json:"until"`
}

func (h *Handler) pause(w http.ResponseWriter, r *http.Request) {
	var body pauseBody
	if !h.decodeOptional(w, r, &body) {
		return
	}
	h.respond(w, r, func(uid, programID string) (any, error) {
		return h.services(r).Enrollments.Pause(uid, programID, body.Until)
	})
}

func (h *Handler) resume(w http.ResponseWriter, r *http.Request) {
	h.respond(w, r, func(uid, programID string) (any, error) {
		return h.services(r).Enrollments.Resume(uid, programID)
	})
}

func (h *Handler) decide(approve bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h.respond(w, r, func(uid, programID string) (any, error) {
			return h.services(r).Enrollments.Decide(uid, programID, mux.Vars(r)["user_id"], approve)
		})
	}
}

func (h *Handler) myPrograms(w http.ResponseWriter, r *http.Request) {
	mine, err := h.services(r).Enrollments.Mine(userID(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, mine)
}

// respond runs a program-scoped action and writes its result or error.
func (h *Handler) respond(w http.ResponseWriter, r *http.Request, action func(uid, programID string) (any, error)) {
	out, err := action(userID(r), mux.Vars(r)["id"])
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
