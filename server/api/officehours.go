package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

// routeOfficeHours registers a mentor's own office hours, the free slots and
// bookings. The program id is matched loosely and checked in the handler.
func (h *Handler) routeOfficeHours(r *mux.Router) {
	hours := prefix + "/programs/{id}/office-hours"
	r.HandleFunc(hours, h.myOfficeHours).Methods(http.MethodGet)
	r.HandleFunc(hours, h.publishOfficeHours).Methods(http.MethodPut)
	r.HandleFunc(hours, h.unpublishOfficeHours).Methods(http.MethodDelete)
	r.HandleFunc(hours+"/slots", h.freeSlots).Methods(http.MethodGet)
	r.HandleFunc(hours+"/bookings", h.book).Methods(http.MethodPost)
}

func (h *Handler) myOfficeHours(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	oh, err := h.services(r).OfficeHours.Mine(userID(r), programID)
	h.reply(w, r, http.StatusOK, oh, err)
}

func (h *Handler) publishOfficeHours(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in app.OfficeHoursInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	oh, err := h.services(r).OfficeHours.Publish(userID(r), programID, in)
	h.reply(w, r, http.StatusOK, oh, err)
}

// unpublishOfficeHours closes the caller's office hours and answers with the
// record as it now stands (unpublished), like GET.
func (h *Handler) unpublishOfficeHours(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	svc := h.services(r).OfficeHours
	if err := svc.Unpublish(userID(r), programID); err != nil {
		h.fail(w, r, err)
		return
	}
	oh, err := svc.Mine(userID(r), programID)
	h.reply(w, r, http.StatusOK, oh, err)
}

// SlotsBody is the answer of GET /programs/{id}/office-hours/slots.
type SlotsBody struct {
	Slots []app.Slot `json:"slots"`
}

func (h *Handler) freeSlots(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	mentorID := q.Get("mentor_id") // "" lists every mentor's slots
	if mentorID != "" && !h.validID(w, r, mentorID, "mentor_id") {
		return
	}
	from, ok := h.parseTime(w, r, q.Get("from"), "from", time.Now())
	if !ok {
		return
	}
	days, ok := h.queryInt(w, r, "days", 0, app.MaxSlotDays) // 0: the default
	if !ok {
		return
	}
	slots, err := h.services(r).OfficeHours.FreeSlots(userID(r), programID, mentorID, from, days)
	if slots == nil {
		slots = []app.Slot{}
	}
	h.reply(w, r, http.StatusOK, SlotsBody{Slots: slots}, err)
}

type bookingBody struct {
	MentorID string `json:"mentor_id"`
	Start    string `json:"start"`
	Agenda   string `json:"agenda"`
}

// BookingConflict is the 409 of a slot someone else booked first: the error
// and the next free slots to pick from instead.
type BookingConflict struct {
	ErrorBody
	Next []app.Slot `json:"next"`
}

func (h *Handler) book(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in bookingBody
	if !ok || !h.decode(w, r, &in) || !h.validID(w, r, in.MentorID, "mentor_id") {
		return
	}
	if in.Start == "" {
		h.refuse(w, r, http.StatusBadRequest, msgBadTime, map[string]any{"Field": "start", "Value": ""}, "start")
		return
	}
	start, ok := h.parseTime(w, r, in.Start, "start", time.Time{})
	if !ok {
		return
	}
	v, err := h.services(r).OfficeHours.Book(userID(r), programID, in.MentorID, start, in.Agenda)
	if appErr, isAppErr := app.AsError(err); isAppErr && appErr.Kind == app.KindConflict {
		if next, taken := appErr.Data["Next"].([]app.Slot); taken {
			writeJSON(w, http.StatusConflict, BookingConflict{
				ErrorBody: ErrorBody{Error: h.tr.T(userID(r), appErr.Message, appErr.Data), Field: appErr.Field},
				Next:      nonNilSlots(next),
			})
			return
		}
	}
	h.reply(w, r, http.StatusCreated, v, err)
}

func nonNilSlots(s []app.Slot) []app.Slot {
	if s == nil {
		return []app.Slot{}
	}
	return s
}
