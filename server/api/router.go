// Package api is the plugin's REST API under /api/v1: one router with the
// cross-cutting rules (authentication, body cap, panic recovery, one JSON error
// shape) and one file per resource.
package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"runtime/debug"

	"github.com/gorilla/mux"
	"github.com/pkg/errors"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// prefix is the versioned root of every route.
const prefix = "/api/v1"

// MaxBodyBytes caps every request body; the largest legitimate body (a program
// with a long description) is far smaller.
const MaxBodyBytes = 64 << 10

// Logger records server-side failures.
type Logger interface {
	Error(message string, keyValuePairs ...any)
}

// Users looks people up to show names (pluginapi's UserService satisfies it).
type Users interface {
	Get(userID string) (*model.User, error)
}

// Dialogs handles interactive dialog submissions.
type Dialogs interface {
	SubmitProgram(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
	SubmitJoin(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

// Handler serves the REST API.
type Handler struct {
	svc     *app.Services
	tr      *i18n.Translator
	log     Logger
	users   Users
	dialogs Dialogs
	router  *mux.Router
	// ShowFullName reports whether the server's privacy settings let members see
	// each other's full names; nil means they may not.
	ShowFullName func() bool
}

// NewHandler builds the router.
func NewHandler(svc *app.Services, tr *i18n.Translator, log Logger, users Users, dialogs Dialogs) *Handler {
	h := &Handler{svc: svc, tr: tr, log: log, users: users, dialogs: dialogs, router: mux.NewRouter()}
	h.router.Use(h.recoverPanics, h.requireUser, limitBody, h.scopeServices)
	// Routes are registered on the root router with the full path: gorilla/mux
	// subrouters answer 404 instead of 405 for a wrong method.
	h.routePrograms(h.router)
	h.routeEnrollments(h.router)
	h.routeInteractive(h.router)
	h.routeProfiles(h.router)
	h.routeMatches(h.router)
	h.routeSessions(h.router)
	h.routeSessionActions(h.router)
	h.routeOfficeHours(h.router)
	h.routeCalendar(h.router)
	h.routeGoals(h.router)
	h.routeCheckIns(h.router)
	h.routeFeedback(h.router)
	h.routeInsight(h.router)
	h.routeExports(h.router)
	h.routeResources(h.router)
	h.router.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.refuse(w, r, http.StatusNotFound, msgNoEndpoint, nil, "")
	})
	h.router.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.refuse(w, r, http.StatusMethodNotAllowed, msgBadMethod, nil, "")
	})
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.router.ServeHTTP(w, r) }

var (
	msgNoEndpoint = &i18n.Message{ID: "api.no_endpoint", Other: "There is no such endpoint; the routes are listed in the plugin's README."}
	msgBadMethod  = &i18n.Message{ID: "api.bad_method", Other: "This endpoint does not take that method."}
	msgNoSession  = &i18n.Message{ID: "api.no_session", Other: "Log in to Mattermost first: this request carries no user session."}
	msgInternal   = &i18n.Message{ID: "api.internal", Other: "Internal error; the server log has the details. Try again in a moment."}
	msgTooLarge   = &i18n.Message{ID: "api.too_large", Other: "The request body is larger than 64 KiB."}
	msgBadJSON    = &i18n.Message{ID: "api.bad_json", Other: "The request body is not valid JSON for this endpoint ({{.Detail}})."}
	msgNeedTeam   = &i18n.Message{ID: "api.need_team", Other: "Add ?team_id=<team id> to say whose programs to list."}
)

// refuse writes an error in the API's shape, in the caller's language.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, status int, m *i18n.Message, data map[string]any, field string) {
	writeJSON(w, status, ErrorBody{Error: h.tr.T(userID(r), m, data), Field: field})
}

// ErrorBody is the one error shape of the API.
type ErrorBody struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

const userHeader = "Mattermost-User-Id"

func userID(r *http.Request) string { return r.Header.Get(userHeader) }

// publicRoute names the routes served without a Mattermost session: only the
// calendar feed, whose secret URL is its authentication (see calendar.go).
const publicRoute = "public"

// requireUser refuses requests the server did not authenticate: Mattermost sets
// Mattermost-User-Id only for a logged-in user whose request passed CSRF checks.
func (h *Handler) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if route := mux.CurrentRoute(r); userID(r) == "" && (route == nil || route.GetName() != publicRoute) {
			writeJSON(w, http.StatusUnauthorized, ErrorBody{Error: h.tr.Locale("en", msgNoSession, nil)})
			return
		}
		next.ServeHTTP(w, r)
	})
}

type servicesKey struct{}

// scopeServices gives each request services that remember directory answers
// for the request's duration (app.Services.ForRequest): a program list asks
// "admin? team member?" once, not once per program.
func (h *Handler) scopeServices(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), servicesKey{}, h.svc.ForRequest())))
	})
}

// services returns the request's services (see scopeServices).
func (h *Handler) services(r *http.Request) *app.Services {
	if svc, ok := r.Context().Value(servicesKey{}).(*app.Services); ok {
		return svc
	}
	return h.svc
}

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

func (h *Handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				h.log.Error("panic in API handler", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				h.refuse(w, r, http.StatusInternalServerError, msgInternal, nil, "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads a JSON body into v, rejecting unknown fields so a typo is reported
// instead of silently ignored.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	return h.decodeBody(w, r, v, true, false)
}

// decodeFromServer reads a body that Mattermost itself built (button presses,
// dialog submissions); a newer server may add fields, so unknown ones are allowed.
func (h *Handler) decodeFromServer(w http.ResponseWriter, r *http.Request, v any) bool {
	return h.decodeBody(w, r, v, false, false)
}

// decodeOptional is decode for endpoints whose body may be left out. The
// plugin RPC does not forward Content-Length, so emptiness is learned by reading.
func (h *Handler) decodeOptional(w http.ResponseWriter, r *http.Request, v any) bool {
	return h.decodeBody(w, r, v, true, true)
}

func (h *Handler) decodeBody(w http.ResponseWriter, r *http.Request, v any, strict, optional bool) bool {
	dec := json.NewDecoder(r.Body)
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		if optional && errors.Is(err, io.EOF) {
			return true
		}
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			h.refuse(w, r, http.StatusRequestEntityTooLarge, msgTooLarge, nil, "")
		default:
			h.refuse(w, r, http.StatusBadRequest, msgBadJSON, map[string]any{"Detail": err.Error()}, "")
		}
		return false
	}
	return true
}

// fail writes err in the API's error shape: app errors in the caller's language
// with their field, anything else as a logged 500.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	appErr, isAppErr := app.AsError(err)
	if !isAppErr {
		h.log.Error("API request failed", "path", r.URL.Path, "error", err.Error())
		h.refuse(w, r, http.StatusInternalServerError, msgInternal, nil, "")
		return
	}
	status := map[app.Kind]int{
		app.KindInvalid:   http.StatusBadRequest,
		app.KindForbidden: http.StatusForbidden,
		app.KindNotFound:  http.StatusNotFound,
		app.KindConflict:  http.StatusConflict,
	}[appErr.Kind]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, ErrorBody{Error: h.tr.T(userID(r), appErr.Message, appErr.Data), Field: appErr.Field})
}
