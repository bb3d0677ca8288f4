package api

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/pkg/errors"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

// feedNotFound is the whole answer to a feed URL that serves nothing: the same
// bytes for a malformed, unknown, revoked or rotated token and for a failure,
// so a guess learns nothing (not even whether the user exists).
const feedNotFound = "Not found\n"

// feedMaxAge is how long a calendar app may keep a fetched feed: subscribers
// poll every few hours anyway, and a shared cache must never keep it.
const feedMaxAge = "private, max-age=300"

// routeCalendar registers the reminder preferences, the management of the
// caller's calendar-feed URL and the feed itself. The feed is the one route
// served without a Mattermost session (publicRoute): calendar apps fetch it
// with nothing but the secret URL.
func (h *Handler) routeCalendar(r *mux.Router) {
	r.HandleFunc(prefix+"/preferences", h.getPreferences).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/preferences", h.setPreferences).Methods(http.MethodPut)
	r.HandleFunc(prefix+"/calendar/feed", h.feedStatus).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/calendar/feed", h.rotateFeed).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/calendar/feed", h.revokeFeed).Methods(http.MethodDelete)
	r.HandleFunc(prefix+"/calendar/{token}.ics", h.calendarFeed).Methods(http.MethodGet, http.MethodHead).Name(publicRoute)
}

func (h *Handler) getPreferences(w http.ResponseWriter, r *http.Request) {
	v, err := h.services(r).Sessions.Preferences(userID(r))
	h.reply(w, r, http.StatusOK, v, err)
}

func (h *Handler) setPreferences(w http.ResponseWriter, r *http.Request) {
	var in app.PreferencesInput
	if !h.decode(w, r, &in) {
		return
	}
	v, err := h.services(r).Sessions.SetPreferences(userID(r), in)
	h.reply(w, r, http.StatusOK, v, err)
}

// FeedStatus is the answer of GET /calendar/feed: whether the caller has a
// feed URL and since when. The URL itself is shown once, when made.
type FeedStatus struct {
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// FeedURL is the answer of POST /calendar/feed: the new secret URL.
type FeedURL struct {
	URL string `json:"url"`
}

func (h *Handler) feedStatus(w http.ResponseWriter, r *http.Request) {
	v, err := h.services(r).Sessions.Preferences(userID(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, FeedStatus{Active: v.FeedActive, CreatedAt: v.FeedCreated})
}

// rotateFeed makes a new feed URL; the old one stops working.
func (h *Handler) rotateFeed(w http.ResponseWriter, r *http.Request) {
	if !h.decodeOptional(w, r, &noBody{}) {
		return
	}
	url, err := h.services(r).Sessions.RotateFeed(userID(r))
	h.reply(w, r, http.StatusOK, FeedURL{URL: url}, err)
}

func (h *Handler) revokeFeed(w http.ResponseWriter, r *http.Request) {
	if err := h.services(r).Sessions.RevokeFeed(userID(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// calendarFeed serves a user's sessions as iCalendar to whoever holds the
// secret URL. Every failure, a panic included, is the same plain 404; nothing
// logged names the token.
func (h *Handler) calendarFeed(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			h.log.Error("panic while serving a calendar feed", "panic", v)
			noFeed(w)
		}
	}()
	token := mux.Vars(r)["token"]
	// A token starts with its user's id: anything else is answered here, so
	// guesses never reach the store (nor fill the log with its complaints).
	if user, _, _ := strings.Cut(token, "."); !model.IsValidId(user) {
		noFeed(w)
		return
	}
	ics, err := h.services(r).Sessions.Feed(token)
	if err != nil {
		if !errors.Is(err, app.ErrFeedNotFound) {
			h.log.Error("failed to serve a calendar feed", "error", err.Error())
		}
		noFeed(w)
		return
	}
	header := w.Header()
	header.Set("Content-Type", "text/calendar; charset=utf-8")
	header.Set("Content-Disposition", `inline; filename="mentorship.ics"`)
	header.Set("Cache-Control", feedMaxAge)
	header.Set("Content-Length", strconv.Itoa(len(ics)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(ics) //nolint:gosec // iCalendar built by the plugin, served as text/calendar, never HTML
	}
}

func noFeed(w http.ResponseWriter) {
	header := w.Header()
	header.Set("Content-Type", "text/plain; charset=utf-8")
	header.Set("Cache-Control", "no-store")
	header.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	_, _ = io.WriteString(w, feedNotFound)
}
