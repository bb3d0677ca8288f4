package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgBadPage       = &i18n.Message{ID: "api.bad_page", Other: "page must be a whole number from 0 up; \"{{.Value}}\" is not."}
	msgBadVocabField = &i18n.Message{ID: "api.bad_vocabulary_field", Other: "Say which terms with ?field=skills, ?field=interests or ?field=languages."}
	msgBadLimit      = &i18n.Message{ID: "api.bad_limit", Other: "limit must be a whole number from 1 to {{.Max}}; \"{{.Value}}\" is not."}
)

// Vocabulary suggestions: enough to pick from while typing, few enough to read.
const (
	defaultVocabularyLimit = 20
	maxVocabularyLimit     = 50
)

// profileDialogs are the forms of this file's routes; *dialog.Dialogs has them.
type profileDialogs interface {
	SubmitProfile(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
	SubmitMatching(r *model.SubmitDialogRequest) *model.SubmitDialogResponse
}

// routeProfiles registers the profile, matching-settings and member-page routes.
func (h *Handler) routeProfiles(r *mux.Router) {
	p := prefix + "/programs/" + idPattern
	r.HandleFunc(prefix+"/profile", h.getProfile).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/profile", h.saveProfile).Methods(http.MethodPut)
	r.HandleFunc(p+"/profiles/{user_id:[a-z0-9]{26}}", h.memberProfile).Methods(http.MethodGet)
	r.HandleFunc(p+"/vocabulary", h.vocabulary).Methods(http.MethodGet)
	r.HandleFunc(p+"/matching", h.getMatching).Methods(http.MethodGet)
	r.HandleFunc(p+"/matching", h.updateMatching).Methods(http.MethodPut)
	r.HandleFunc(p+"/members", h.members).Methods(http.MethodGet)
	r.HandleFunc(prefix+"/dialogs/profile", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		return h.dialogs.(profileDialogs).SubmitProfile(req)
	})).Methods(http.MethodPost)
	r.HandleFunc(prefix+"/dialogs/matching", h.dialog(func(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
		return h.dialogs.(profileDialogs).SubmitMatching(req)
	})).Methods(http.MethodPost)
}

func (h *Handler) getProfile(w http.ResponseWriter, r *http.Request) {
	out, err := h.services(r).Profiles.Get(userID(r))
	h.answer(w, r, out, err)
}

func (h *Handler) saveProfile(w http.ResponseWriter, r *http.Request) {
	var in app.ProfileInput
	if !h.decode(w, r, &in) {
		return
	}
	out, err := h.services(r).Profiles.Save(userID(r), in)
	h.answer(w, r, out, err)
}

func (h *Handler) memberProfile(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	out, err := h.services(r).Profiles.Of(userID(r), vars["id"], vars["user_id"])
	h.answer(w, r, out, err)
}

// VocabularyView is the answer of the vocabulary route.
type VocabularyView struct {
	Terms []string `json:"terms"`
}

func (h *Handler) vocabulary(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	field := q.Get("field")
	switch field {
	case app.VocabularySkills, app.VocabularyInterests, app.VocabularyLanguages:
	default:
		h.refuse(w, r, http.StatusBadRequest, msgBadVocabField, nil, "field")
		return
	}
	limit := defaultVocabularyLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxVocabularyLimit {
			h.refuse(w, r, http.StatusBadRequest, msgBadLimit, map[string]any{"Max": maxVocabularyLimit, "Value": s}, "limit")
			return
		}
		limit = n
	}
	terms, err := h.services(r).Enrollments.Vocabulary(userID(r), mux.Vars(r)["id"], field, q.Get("q"), limit)
	if terms == nil {
		terms = []string{}
	}
	h.answer(w, r, VocabularyView{Terms: terms}, err)
}

func (h *Handler) getMatching(w http.ResponseWriter, r *http.Request) {
	out, err := h.services(r).ProgramMatching.Get(userID(r), mux.Vars(r)["id"])
	h.answer(w, r, out, err)
}

func (h *Handler) updateMatching(w http.ResponseWriter, r *http.Request) {
	var in app.MatchingPatch
	if !h.decode(w, r, &in) {
		return
	}
	out, err := h.services(r).ProgramMatching.Update(userID(r), mux.Vars(r)["id"], in)
	h.answer(w, r, out, err)
}

// members answers one page of a program's members (coordinators). Full names
// follow the server's privacy setting, as everywhere in Mattermost: admins
// always see them, others when ShowFullName is on.
func (h *Handler) members(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := app.MemberQuery{Search: q.Get("q"), Role: q.Get("role"), Status: q.Get("status")}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			h.refuse(w, r, http.StatusBadRequest, msgBadPage, map[string]any{"Value": s}, "page")
			return
		}
		query.Page = n
	}
	uid := userID(r)
	page, err := h.services(r).Enrollments.MembersPage(uid, mux.Vars(r)["id"], query)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.services(r).Permissions.IsAdmin(uid) && (h.ShowFullName == nil || !h.ShowFullName()) {
		for i := range page.Members {
			page.Members[i].Name = ""
		}
	}
	if page.Members == nil {
		page.Members = []app.MemberRow{}
	}
	writeJSON(w, http.StatusOK, page)
}

// answer writes out, or err in the API's error shape.
func (h *Handler) answer(w http.ResponseWriter, r *http.Request, out any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
