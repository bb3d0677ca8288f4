package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgBadTime  = &i18n.Message{ID: "api.sessions.bad_time", Other: "{{.Field}} must be a date and time in RFC 3339 format, for example 2026-03-05T15:00:00+01:00; \"{{.Value}}\" is not."}
	msgBadRange = &i18n.Message{ID: "api.sessions.bad_range", Other: "to must be after from."}
	msgBadCount = &i18n.Message{ID: "api.sessions.bad_count", Other: "{{.Field}} must be a whole number from 1 to {{.Max}}; \"{{.Value}}\" is not."}
)

// The default and the bounds of GET /sessions: the sidebar shows the next two
// months; a longer window or list is a calendar's job (the feed).
const (
	defaultUpcomingWindow = 60 * 24 * time.Hour
	defaultUpcomingLimit  = 50
	maxUpcomingLimit      = 200
)

// routeSessions registers the session routes and a program's session settings.
// Path ids are matched loosely and checked in the handler, so a malformed one
// is a 400 naming it, not a 404.
func (h *Handler) routeSessions(r *mux.Router) {
	r.HandleFunc(prefix+"/sessions", h.scheduleSession).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/sessions", h.upcomingSessions).Methods(http.MethodGet)
	session := prefix + "/sessions/{session_id}"
	r.HandleFunc(session, h.getSession).Methods(http.MethodGet)
	r.HandleFunc(session, h.changeSession).Methods(http.MethodPatch)
	r.HandleFunc(session+"/cancel", h.cancelSession).Methods(http.MethodPost)
	r.HandleFunc(session+"/confirm", h.sessionAction((*app.Sessions).Confirm)).Methods(http.MethodPost)
	r.HandleFunc(session+"/take-proposal", h.sessionAction((*app.Sessions).TakeProposal)).Methods(http.MethodPost)
	r.HandleFunc(session+"/propose", h.proposeTime).Methods(http.MethodPost)
	r.HandleFunc(session+"/attendance", h.attendance).Methods(http.MethodPost)
	r.HandleFunc(session+"/feedback", h.feedback).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/matches/{match_id}/sessions", h.matchSessions).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/programs/{id}/sessions-settings", h.getSessionSettings).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/programs/{id}/sessions-settings", h.setSessionSettings).Methods(http.MethodPut)
}

func (h *Handler) sessionID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := mux.Vars(r)["session_id"]
	return id, h.validID(w, r, id, "session_id")
}

// parseTime reads an RFC 3339 time (from a query or a body) named field; ""
// gives def.
func (h *Handler) parseTime(w http.ResponseWriter, r *http.Request, raw, field string, def time.Time) (time.Time, bool) {
	if raw == "" {
		return def, true
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		h.refuse(w, r, http.StatusBadRequest, msgBadTime, map[string]any{"Field": field, "Value": raw}, field)
		return time.Time{}, false
	}
	return t, true
}

// queryCount reads an optional count from 1 to maxValue (absent = def).
func (h *Handler) queryCount(w http.ResponseWriter, r *http.Request, name string, def, maxValue int) (int, bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxValue {
		h.refuse(w, r, http.StatusBadRequest, msgBadCount, map[string]any{"Field": name, "Max": maxValue, "Value": raw}, name)
		return 0, false
	}
	return n, true
}

func (h *Handler) scheduleSession(w http.ResponseWriter, r *http.Request) {
	var in app.ScheduleInput
	if !h.decode(w, r, &in) {
		return
	}
	v, err := h.services(r).Sessions.Schedule(userID(r), in)
	h.reply(w, r, http.StatusCreated, v, err)
}

// OccurrencesBody is the answer of GET /sessions.
type OccurrencesBody struct {
	Occurrences []app.OccurrenceView `json:"occurrences"`
}

func (h *Handler) upcomingSessions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, ok := h.parseTime(w, r, q.Get("from"), "from", time.Now())
	if !ok {
		return
	}
	to, ok := h.parseTime(w, r, q.Get("to"), "to", from.Add(defaultUpcomingWindow))
	if !ok {
		return
	}
	if !to.After(from) {
		h.refuse(w, r, http.StatusBadRequest, msgBadRange, nil, "to")
		return
	}
	limit, ok := h.queryCount(w, r, "limit", defaultUpcomingLimit, maxUpcomingLimit)
	if !ok {
		return
	}
	found, err := h.services(r).Sessions.Upcoming(userID(r), from, to, limit)
	if found == nil {
		found = []app.OccurrenceView{}
	}
	h.reply(w, r, http.StatusOK, OccurrencesBody{Occurrences: found}, err)
}

func (h *Handler) getSession(w http.ResponseWriter, r *http.Request) {
	id, ok := h.sessionID(w, r)
	if !ok {
		return
	}
	v, err := h.services(r).Sessions.Get(userID(r), id)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) changeSession(w http.ResponseWriter, r *http.Request) {
	id, ok := h.sessionID(w, r)
	var in app.ChangeInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	v, err := h.services(r).Sessions.Change(userID(r), id, in)
	h.reply(w, r, http.StatusOK, v, err)
}

// sessionAction serves the bodiless session actions (confirm, take-proposal).
func (h *Handler) sessionAction(run func(s *app.Sessions, uid, id string) (*app.SessionView, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.sessionID(w, r)
		if !ok || !h.decodeOptional(w, r, &noBody{}) {
			return
		}
		v, err := run(h.services(r).Sessions, userID(r), id)
		h.reply(w, r, http.StatusOK, v, err)
	}
}

// Bodies whose times are strings, parsed here so a bad one is a 400 naming
// its field rather than a JSON decoding error.
type cancelBody struct {
	Occurrence string `json:"occurrence"` // "" = the whole series
	Reason     string `json:"reason"`
}

type proposeBody struct {
	Occurrence string `json:"occurrence"` // "" = the series (or the one meeting)
	When       string `json:"when"`
}

type attendanceBody struct {
	Occurrence string `json:"occurrence"`
	Status     string `json:"status"`
}

func (h *Handler) cancelSession(w http.ResponseWriter, r *http.Request) {
	id, ok := h.sessionID(w, r)
	var in cancelBody
	if !ok || !h.decodeOptional(w, r, &in) {
		return
	}
	occurrence, ok := h.parseTime(w, r, in.Occurrence, "occurrence", time.Time{})
	if !ok {
		return
	}
	v, err := h.services(r).Sessions.Cancel(userID(r), id, occurrence, in.Reason)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) proposeTime(w http.ResponseWriter, r *http.Request) {
	id, ok := h.sessionID(w, r)
	var in proposeBody
	if !ok || !h.decode(w, r, &in) {
		return
	}
	occurrence, ok := h.parseTime(w, r, in.Occurrence, "occurrence", time.Time{})
	if !ok {
		return
	}
	v, err := h.services(r).Sessions.Propose(userID(r), id, occurrence, in.When)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) attendance(w http.ResponseWriter, r *http.Request) {
	id, ok := h.sessionID(w, r)
	var in attendanceBody
	if !ok || !h.decode(w, r, &in) {
		return
	}
	occurrence, ok := h.parseTime(w, r, in.Occurrence, "occurrence", time.Time{})
	if !ok {
		return
	}
	v, err := h.services(r).Sessions.Attend(userID(r), id, occurrence, in.Status)
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request) {
	id, ok := h.sessionID(w, r)
	var in app.FeedbackInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	v, err := h.services(r).Sessions.Feedback(userID(r), id, in)
	h.reply(w, r, http.StatusOK, v, err)
}

// SessionsBody is the answer of GET /matches/{id}/sessions.
type SessionsBody struct {
	Sessions []*app.SessionView `json:"sessions"`
}

func (h *Handler) matchSessions(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	if !ok {
		return
	}
	found, err := h.services(r).Sessions.OfMatch(userID(r), id)
	if found == nil {
		found = []*app.SessionView{}
	}
	h.reply(w, r, http.StatusOK, SessionsBody{Sessions: found}, err)
}

func (h *Handler) getSessionSettings(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	s, err := h.services(r).Sessions.ProgramSettings(userID(r), programID)
	h.reply(w, r, http.StatusOK, s, err)
}

func (h *Handler) setSessionSettings(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in domain.SessionSettings
	if !ok || !h.decode(w, r, &in) {
		return
	}
	s, err := h.services(r).Sessions.SetProgramSettings(userID(r), programID, in)
	h.reply(w, r, http.StatusOK, s, err)
}
