package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// ResourceDialogs handles the resource form (server/dialog/resource.go gives
// *dialog.Dialogs this method).
type ResourceDialogs interface {
	SubmitResource(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

var (
	msgBadResourceButton = &i18n.Message{ID: "api.resource_button.bad", Other: "This button is not valid any more. Use the Resources tab of the Mentorship sidebar instead."}
	msgResourceQueryMax  = &i18n.Message{ID: "api.resources.bad_page", Other: "{{.Field}} must be a whole number from {{.Min}} to {{.Max}}."}
)

// routeResources registers the resource hub: program hubs, the global hub,
// one resource, suggestions, shares, views and onboarding packs.
func (h *Handler) routeResources(r *mux.Router) {
	program := prefix + "/programs/{id}"
	r.HandleFunc(program+"/resources", h.listResources).Methods(http.MethodGet)
	r.HandleFunc(program+"/resources", h.createResource).Methods(http.MethodPost)
	r.HandleFunc(program+"/resources/recommended", h.programRead(func(res *app.Resources, uid, id string) (any, error) { return res.Recommended(uid, id) })).Methods(http.MethodGet)
	r.HandleFunc(program+"/resources/suggested", h.programRead(func(res *app.Resources, uid, id string) (any, error) { return res.Suggested(uid, id) })).Methods(http.MethodGet)
	r.HandleFunc(program+"/onboarding-packs", h.programRead(func(res *app.Resources, uid, id string) (any, error) { return res.Packs(uid, id) })).Methods(http.MethodGet)
	r.HandleFunc(program+"/onboarding-packs", h.setPacks).Methods(http.MethodPut)
	r.HandleFunc(prefix+"/resources", h.searchResources).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/resources", h.createResource).Methods(http.MethodPost)
	one := prefix + "/resources/{resource_id}"
	r.HandleFunc(one, h.getResource).Methods(http.MethodGet)
	r.HandleFunc(one, h.updateResource).Methods(http.MethodPatch)
	r.HandleFunc(one, h.deleteResource).Methods(http.MethodDelete)
	r.HandleFunc(one+"/approve", h.decideResource(true)).Methods(http.MethodPost)
	r.HandleFunc(one+"/reject", h.decideResource(false)).Methods(http.MethodPost)
	r.HandleFunc(one+"/share", h.shareResource).Methods(http.MethodPost)
	r.HandleFunc(one+"/open", h.openResource).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/actions/resource", h.resourceButton).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/resource", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		d, ok := h.dialogs.(ResourceDialogs)
		if !ok {
			h.log.Error("the dialogs given to the API do not handle the resource form")
			return &model.SubmitDialogResponse{Error: h.tr.T(req.UserId, msgInternal, nil)}
		}
		return d.SubmitResource(req)
	})).Methods(http.MethodPost)
}

func (h *Handler) resourceID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := mux.Vars(r)["resource_id"]
	return id, h.validID(w, r, id, "resource_id")
}

// resourceQuery reads q, tag, audience, page (from 0) and per_page.
func (h *Handler) resourceQuery(w http.ResponseWriter, r *http.Request) (app.ResourceQuery, bool) {
	v := r.URL.Query()
	q := app.ResourceQuery{Q: v.Get("q"), Tag: v.Get("tag"), Audience: v.Get("audience")}
	var ok bool
	if q.Page, ok = h.queryInt(w, r, "page", 0, 10000); !ok {
		return q, false
	}
	if q.PerPage, ok = h.queryInt(w, r, "per_page", app.DefaultResourcePage, app.MaxResourcePage); !ok {
		return q, false
	}
	if q.PerPage == 0 {
		h.refuse(w, r, http.StatusBadRequest, msgResourceQueryMax, map[string]any{"Field": "per_page", "Min": 1, "Max": app.MaxResourcePage}, "per_page")
		return q, false
	}
	return q, true
}

func (h *Handler) listResources(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	if !ok {
		return
	}
	q, ok := h.resourceQuery(w, r)
	if !ok {
		return
	}
	out, err := h.services(r).Resources.List(userID(r), programID, q)
	h.reply(w, r, http.StatusOK, out, err)
}

func (h *Handler) searchResources(w http.ResponseWriter, r *http.Request) {
	q, ok := h.resourceQuery(w, r)
	if !ok {
		return
	}
	out, err := h.services(r).Resources.Search(userID(r), q)
	h.reply(w, r, http.StatusOK, out, err)
}

// createResource serves POST /programs/{id}/resources and POST /resources
// (the global hub).
func (h *Handler) createResource(w http.ResponseWriter, r *http.Request) {
	programID := ""
	if _, inProgram := mux.Vars(r)["id"]; inProgram {
		var ok bool
		if programID, ok = h.programID(w, r); !ok {
			return
		}
	}
	var in app.ResourceInput
	if !h.decode(w, r, &in) {
		return
	}
	out, err := h.services(r).Resources.Create(userID(r), programID, in)
	h.reply(w, r, http.StatusCreated, out, err)
}

// programRead answers a GET on one program's hub: the program id checked,
// then read asks the resource hub as the caller.
func (h *Handler) programRead(read func(res *app.Resources, uid, programID string) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if programID, ok := h.programID(w, r); ok {
			out, err := read(h.services(r).Resources, userID(r), programID)
			h.reply(w, r, http.StatusOK, out, err)
		}
	}
}

func (h *Handler) setPacks(w http.ResponseWriter, r *http.Request) {
	programID, ok := h.programID(w, r)
	var in app.PacksInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	out, err := h.services(r).Resources.SetPacks(userID(r), programID, in)
	h.reply(w, r, http.StatusOK, out, err)
}

func (h *Handler) getResource(w http.ResponseWriter, r *http.Request) {
	if id, ok := h.resourceID(w, r); ok {
		out, err := h.services(r).Resources.Get(userID(r), id)
		h.reply(w, r, http.StatusOK, out, err)
	}
}

func (h *Handler) updateResource(w http.ResponseWriter, r *http.Request) {
	id, ok := h.resourceID(w, r)
	var in app.ResourceInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	out, err := h.services(r).Resources.Update(userID(r), id, in)
	h.reply(w, r, http.StatusOK, out, err)
}

func (h *Handler) deleteResource(w http.ResponseWriter, r *http.Request) {
	id, ok := h.resourceID(w, r)
	if !ok {
		return
	}
	if err := h.services(r).Resources.Delete(userID(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) decideResource(approve bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.resourceID(w, r)
		if !ok || !h.decodeOptional(w, r, &noBody{}) {
			return
		}
		out, _, err := h.services(r).Resources.Decide(userID(r), id, approve)
		h.reply(w, r, http.StatusOK, out, err)
	}
}

func (h *Handler) shareResource(w http.ResponseWriter, r *http.Request) {
	id, ok := h.resourceID(w, r)
	var in app.ShareInput
	if !ok || !h.decode(w, r, &in) {
		return
	}
	out, err := h.services(r).Resources.Share(userID(r), id, in)
	h.reply(w, r, http.StatusOK, out, err)
}

// openResource counts a view and redirects to the link or the file.
func (h *Handler) openResource(w http.ResponseWriter, r *http.Request) {
	id, ok := h.resourceID(w, r)
	if !ok {
		return
	}
	target, err := h.services(r).Resources.Open(userID(r), id, r.URL.Query().Get("program_id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // every open is a view
	// The target is the stored resource's link, accepted only as an absolute
	// http(s) address when saved, or the Mattermost file route.
	http.Redirect(w, r, target, http.StatusFound) //nolint:gosec // see above
}

// resourceButton handles Approve / Reject on a suggestion DM. The context only
// says which resource; whether the presser may decide is decided from the
// stored resource. A press on a suggestion decided meanwhile (the same way)
// replaces the buttons with what was decided.
func (h *Handler) resourceButton(w http.ResponseWriter, r *http.Request) {
	var req model.PostActionIntegrationRequest
	if !h.decodeFromServer(w, r, &req) {
		return
	}
	uid := userID(r)
	id, _ := req.Context["resource_id"].(string)
	decision, _ := req.Context["decision"].(string)
	if !model.IsValidId(id) || (decision != notify.ResourceApprove && decision != notify.ResourceReject) {
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: h.tr.T(uid, msgBadResourceButton, nil)})
		return
	}
	v, _, err := h.services(r).Resources.Decide(uid, id, decision == notify.ResourceApprove)
	if err != nil {
		appErr, isAppErr := app.AsError(err)
		if !isAppErr {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{EphemeralText: h.tr.T(uid, appErr.Message, appErr.Data)})
		return
	}
	text := notify.DecisionOutcome(h.tr, uid, v.Resource, h.mention(v.DecidedBy))
	writeJSON(w, http.StatusOK, model.PostActionIntegrationResponse{Update: &model.Post{Message: text, Props: model.StringInterface{}}})
}
