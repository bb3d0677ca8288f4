package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// idPattern matches Mattermost-style 26-character ids in routes.
const idPattern = "{id:[a-z0-9]{26}}"

func (h *Handler) routePrograms(r *mux.Router) {
	r.HandleFunc(prefix+"/programs", h.listPrograms).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/programs", h.createProgram).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/programs/"+idPattern, h.getProgram).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/programs/"+idPattern, h.updateProgram).Methods(http.MethodPatch)
	r.HandleFunc(prefix+"/programs/"+idPattern, h.archiveProgram).Methods(http.MethodDelete)
	r.HandleFunc(prefix+"/autocomplete/programs", h.autocompletePrograms).Methods(http.MethodGet)
}

// ProgramView is a program as the caller sees it.
type ProgramView struct {
	*domain.Program
	CanManage bool `json:"can_manage"`
}

func (h *Handler) view(r *http.Request, p *domain.Program) ProgramView {
	return ProgramView{Program: p, CanManage: h.services(r).Permissions.CanCoordinate(userID(r), p)}
}

func (h *Handler) listPrograms(w http.ResponseWriter, r *http.Request) {
	teamID := r.URL.Query().Get("team_id")
	if teamID == "" {
		h.refuse(w, r, http.StatusBadRequest, msgNeedTeam, nil, "team_id")
		return
	}
	programs, err := h.services(r).Programs.List(userID(r), teamID, r.URL.Query().Get("include_archived") == "true")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]ProgramView, 0, len(programs))
	for _, p := range programs {
		out = append(out, h.view(r, p))
	}
	writeJSON(w, http.StatusOK, out)
}

type createProgramBody struct {
	TeamID string `json:"team_id"`
	app.ProgramFields
}

func (h *Handler) createProgram(w http.ResponseWriter, r *http.Request) {
	var body createProgramBody
	if !h.decode(w, r, &body) {
		return
	}
	p, err := h.services(r).Programs.Create(userID(r), body.TeamID, body.ProgramFields)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.view(r, p))
}

func (h *Handler) getProgram(w http.ResponseWriter, r *http.Request) {
	p, err := h.services(r).Programs.Get(userID(r), mux.Vars(r)["id"])
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.view(r, p))
}

func (h *Handler) updateProgram(w http.ResponseWriter, r *http.Request) {
	var fields app.ProgramFields
	if !h.decode(w, r, &fields) {
		return
	}
	p, err := h.services(r).Programs.Update(userID(r), mux.Vars(r)["id"], fields)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.view(r, p))
}

func (h *Handler) archiveProgram(w http.ResponseWriter, r *http.Request) {
	p, err := h.services(r).Programs.Archive(userID(r), mux.Vars(r)["id"])
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.view(r, p))
}

// AutocompleteItem is one suggestion of a dynamic slash-command argument
// (the JSON of model.AutocompleteListItem).
type AutocompleteItem struct {
	Item     string `json:"Item"`
	Hint     string `json:"Hint"`
	HelpText string `json:"HelpText"`
}

// autocompletePrograms feeds /mentor's program arguments with the team's programs.
func (h *Handler) autocompletePrograms(w http.ResponseWriter, r *http.Request) {
	programs, err := h.services(r).Programs.List(userID(r), r.URL.Query().Get("team_id"), false)
	if err != nil {
		writeJSON(w, http.StatusOK, []AutocompleteItem{})
		return
	}
	items := make([]AutocompleteItem, 0, len(programs))
	for _, p := range programs {
		items = append(items, AutocompleteItem{Item: p.Slug, Hint: p.Name, HelpText: p.Description})
	}
	writeJSON(w, http.StatusOK, items)
}
