package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgBadID     = &i18n.Message{ID: "api.matches.bad_id", Other: "{{.Field}} must be a Mattermost id (26 lowercase letters and digits)."}
	msgBadNumber = &i18n.Message{ID: "api.matches.bad_number", Other: "{{.Field}} must be a whole number from 0 to {{.Max}}."}
)

// maxPage bounds page numbers in queries; no program has that many pages.
const maxPage = 100000

// maxSuggestions bounds ?limit= of the suggestions.
const maxSuggestions = 50

// routeMatches registers the suggestion, request, match, preview and publish
// routes, and the match buttons and forms. Path ids are matched loosely and
// checked in the handler, so a malformed one is a 400 naming it, not a 404.
func (h *Handler) routeMatches(r *mux.Router) {
	program := prefix + "/programs/{id}"
	r.HandleFunc(program+"/suggestions", h.suggestions).Methods(http.MethodGet)
	r.HandleFunc(program+"/requests", h.request).Methods(http.MethodPost)
	r.HandleFunc(program+"/pairs", h.pair).Methods(http.MethodPost)
	r.HandleFunc(program+"/matches", h.programMatches).Methods(http.MethodGet)
	r.HandleFunc(program+"/preview", h.preview).Methods(http.MethodPost)
	r.HandleFunc(program+"/preview", h.latestPreview).Methods(http.MethodGet)
	r.HandleFunc(program+"/publish", h.publish).Methods(http.MethodPost)
	r.HandleFunc(program+"/invites", h.invite).Methods(http.MethodPost)

	r.HandleFunc(prefix+"/matches", h.myMatches).Methods(http.MethodGet)
	match := prefix + "/matches/{match_id}"
	r.HandleFunc(match, h.getMatch).Methods(http.MethodGet)
	for action, run := range map[string]func(s *app.Matches, uid, id string) (*domain.Match, error){
		"accept":   func(s *app.Matches, uid, id string) (*domain.Match, error) { return s.Answer(uid, id, true) },
		"decline":  func(s *app.Matches, uid, id string) (*domain.Match, error) { return s.Answer(uid, id, false) },
		"withdraw": (*app.Matches).Withdraw,
		"pause":    (*app.Matches).Pause,
		"resume":   (*app.Matches).Resume,
	} {
		r.HandleFunc(match+"/"+action, h.matchAction(run)).Methods(http.MethodPost)
	}
	r.HandleFunc(match+"/end", matchWithBody(h, (*app.Matches).End)).Methods(http.MethodPost)
	r.HandleFunc(match+"/survey", matchWithBody(h, (*app.Matches).Survey)).Methods(http.MethodPost)

	h.routeMatchActions(r)
}

// validID checks an id from the path or a body; field names it in the 400.
func (h *Handler) validID(w http.ResponseWriter, r *http.Request, id, field string) bool {
	if model.IsValidId(id) {
		return true
	}
	h.refuse(w, r, http.StatusBadRequest, msgBadID, map[string]any{"Field": field}, field)
	return false
}

// programID returns the path's program id, or answers 400.
func (h *Handler) programID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := mux.Vars(r)["id"]
	return id, h.validID(w, r, id, "program_id")
}

func (h *Handler) matchID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := mux.Vars(r)["match_id"]
	return id, h.validID(w, r, id, "match_id")
}

// queryInt reads an optional whole number from the query (absent = def).
func (h *Handler) queryInt(w http.ResponseWriter, r *http.Request, name string, def, maxValue int) (int, bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > maxValue {
		h.refuse(w, r, http.StatusBadRequest, msgBadNumber, map[string]any{"Field": name, "Max": maxValue}, name)
		return 0, false
	}
	return n, true
}

// reply writes the result of a service call, or its error.
func (h *Handler) reply(w http.ResponseWriter, r *http.Request, status int, out any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, status, out)
}

// SuggestionsBody is the answer of GET /programs/{id}/suggestions.
type SuggestionsBody struct {
	Suggestions []app.Suggestion `json:"suggestions"`
}

func (h *Handler) suggestions(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	limit, ok := h.queryInt(w, r, "limit", 0, maxSuggestions)
	if !ok {
		return
	}
	found, err := h.services(r).Matches.Suggest(userID(r), programID, limit)
	if found == nil {
		found = []app.Suggestion{}
	}
	h.reply(w, r, http.StatusOK, SuggestionsBody{Suggestions: found}, err)
}

func (h *Handler) request(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	var in app.RequestInput
	if !h.decode(w, r, &in) || !h.validID(w, r, in.MentorID, "mentor_id") {
		return
	}
	m, err := h.services(r).Matches.Request(userID(r), programID, in)
	h.reply(w, r, http.StatusCreated, m, err)
}

// MatchesBody is a list of matches; Page and Pages are set for a program's pages.
type MatchesBody struct {
	Matches []*domain.Match `json:"matches"`
	Page    *int            `json:"page,omitempty"`
	Pages   *int            `json:"pages,omitempty"`
}

func matchesBody(matches []*domain.Match) MatchesBody {
	if matches == nil {
		matches = []*domain.Match{}
	}
	return MatchesBody{Matches: matches}
}

func (h *Handler) myMatches(w http.ResponseWriter, r *http.Request) {
	mine, err := h.services(r).Matches.Mine(userID(r))
	h.reply(w, r, http.StatusOK, matchesBody(mine), err)
}

func (h *Handler) getMatch(w http.ResponseWriter, r *http.Request) {
	id, ok := h.matchID(w, r)
	if !ok {
		return
	}
	m, err := h.services(r).Matches.Get(userID(r), id)
	h.reply(w, r, http.StatusOK, m, err)
}

// noBody is what the bodiless match actions accept: nothing, or {}.
type noBody struct{}

func (h *Handler) matchAction(run func(s *app.Matches, uid, id string) (*domain.Match, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.matchID(w, r)
		if !ok || !h.decodeOptional(w, r, &noBody{}) {
			return
		}
		m, err := run(h.services(r).Matches, userID(r), id)
		h.reply(w, r, http.StatusOK, m, err)
	}
}

// matchWithBody serves a match action that takes a JSON body (end, survey).
func matchWithBody[T any](h *Handler, run func(s *app.Matches, uid, id string, in T) (*domain.Match, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.matchID(w, r)
		var in T
		if !ok || !h.decode(w, r, &in) {
			return
		}
		m, err := run(h.services(r).Matches, userID(r), id, in)
		h.reply(w, r, http.StatusOK, m, err)
	}
}

type pairBody struct {
	MenteeID string `json:"mentee_id"`
	MentorID string `json:"mentor_id"`
	Override bool   `json:"override"`
}

func (h *Handler) pair(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in pairBody
	if !ok || !h.decode(w, r, &in) || !h.validID(w, r, in.MenteeID, "mentee_id") || !h.validID(w, r, in.MentorID, "mentor_id") {
		return
	}
	m, err := h.services(r).Matches.Pair(userID(r), programID, in.MenteeID, in.MentorID, in.Override)
	h.reply(w, r, http.StatusCreated, m, err)
}

// programPage reads the program id of the path and the ?page= of the query.
func (h *Handler) programPage(w http.ResponseWriter, r *http.Request) (string, int, bool) {
	programID, ok := h.programID(w, r)
	if !ok {
		return "", 0, false
	}
	page, ok := h.queryInt(w, r, "page", 0, maxPage)
	return programID, page, ok
}

func (h *Handler) programMatches(w http.ResponseWriter, r *http.Request) {
	programID, page, ok := h.programPage(w, r)
	if !ok {
		return
	}
	matches, pages, err := h.services(r).Matches.ProgramMatches(userID(r), programID, page)
	body := matchesBody(matches)
	body.Page, body.Pages = &page, &pages
	h.reply(w, r, http.StatusOK, body, err)
}

func (h *Handler) preview(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in app.PreviewInput
	if !ok || !h.decodeOptional(w, r, &in) {
		return
	}
	p, err := h.services(r).Matches.Preview(userID(r), programID, in)
	h.reply(w, r, http.StatusOK, p, err)
}

func (h *Handler) latestPreview(w http.ResponseWriter, r *http.Request) {
	programID, page, ok := h.programPage(w, r)
	if !ok {
		return
	}
	p, err := h.services(r).Matches.LatestPreview(userID(r), programID, page)
	h.reply(w, r, http.StatusOK, p, err)
}

type publishBody struct {
	PreviewID string `json:"preview_id"`
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in publishBody
	if !ok || !h.decode(w, r, &in) || !h.validID(w, r, in.PreviewID, "preview_id") {
		return
	}
	p, err := h.services(r).Matches.Publish(userID(r), programID, in.PreviewID)
	h.reply(w, r, http.StatusOK, p, err)
}

type inviteBody struct {
	UserID string `json:"user_id"`
	Role   string `json:"role"`
}

func (h *Handler) invite(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in inviteBody
	if !ok || !h.decode(w, r, &in) || !h.validID(w, r, in.UserID, "user_id") {
		return
	}
	e, err := h.services(r).Enrollments.Invite(userID(r), programID, in.UserID, in.Role)
	h.reply(w, r, http.StatusCreated, e, err)
}
