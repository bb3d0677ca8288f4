package app

import (
	"errors"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Resources is the resource hub: each program's resources and the global ones
// every program shows, with search, recommendations, shares, view counts and
// onboarding packs. Files: resource_rules.go (who reads and manages what,
// validation), resource_cache.go (the node's copy of each hub),
// resource_search.go (the ranked search), resource_views.go (lists,
// recommendations, packs, stats), resource_share.go (share, open).
type Resources struct{ base }

func newResources(b base) *Resources { return &Resources{base: b} }

// ResourceNotifier shares resources and asks coordinators to approve
// suggestions. Like the other notifiers it never fails the caller, except a
// share, whose failure the sharer must hear about.
type ResourceNotifier interface {
	// Channel says in which team a channel is ("" for a direct or group
	// message) and whether the user may post in it; found is false for a
	// channel that does not exist.
	Channel(userID, channelID string) (teamID string, canPost, found bool)
	// ShareToChannel posts the resource's card into the channel on behalf of
	// sharerID, with their note.
	ShareToChannel(r *domain.Resource, channelID, sharerID, note, openURL string) error
	// ShareToUser sends the resource's card to userID in a DM from the bot.
	ShareToUser(r *domain.Resource, userID, sharerID, note, openURL string) error
	// Suggested asks each coordinator to approve or reject a member's suggestion.
	Suggested(p *domain.Program, r *domain.Resource, coordinators []string, openURL string)
	// Decided tells the author of a suggestion what became of it.
	Decided(r *domain.Resource, openURL string)
}

// ResourcePath is where GET /resources/{id}/open lives, below the server root.
const ResourcePath = "/plugins/mentorship/api/v1/resources/"

var (
	msgResourceMissing = &i18n.Message{ID: "app.resource.missing", Other: "There is no resource {{.ID}} that you can see."}
	msgNotManager      = &i18n.Message{ID: "app.resource.not_manager", Other: "Only the coordinators of {{.Program}} or a system admin can change its resources."}
	msgGlobalAdmins    = &i18n.Message{ID: "app.resource.global_admins", Other: "Only system admins can manage the resources every program shows."}
	msgJoinToSuggest   = &i18n.Message{ID: "app.resource.join_to_suggest", Other: "Join {{.Program}} to suggest resources for it."}
	msgHubFull         = &i18n.Message{ID: "app.resource.full", Other: "This resource hub holds {{.Max}} resources, the most it can; remove some first."}
	msgTooManyOpen     = &i18n.Message{ID: "app.resource.too_many_suggestions", Other: "You have {{.Max}} suggestions waiting for approval in {{.Program}}, the most one member may have; wait for the coordinators to decide on some first."}
	msgWasPublished    = &i18n.Message{ID: "app.resource.was_published", Other: "**{{.Title}}** is not waiting for approval: it is already published."}
	msgWasRejected     = &i18n.Message{ID: "app.resource.was_rejected", Other: "**{{.Title}}** is not waiting for approval: it was already rejected."}
)

// maxOpenSuggestions bounds one member's suggestions awaiting a decision in
// one hub: each DMs every coordinator and takes a place in the bounded hub.
const maxOpenSuggestions = 10

// ResourceView is a resource as one reader sees it, with its counts.
type ResourceView struct {
	*domain.Resource
	Views   int  `json:"views"`
	Shares  int  `json:"shares"`
	CanEdit bool `json:"can_edit"`
	// OpenURL counts a view and leads to the link or the file.
	OpenURL string `json:"open_url"`
}

// ResourceInput is a new resource, or the fields of an edit that change
// (nil: unchanged).
type ResourceInput struct {
	Title       *string   `json:"title"`
	URL         *string   `json:"url"`
	FileID      *string   `json:"file_id"`
	Description *string   `json:"description"`
	Tags        *[]string `json:"tags"`
	Audience    *string   `json:"audience"`
}

func (s *Resources) now() time.Time { return s.deps.Now().UTC() }

// OpenURL is the link that counts a view of the resource (absolute when the
// Site URL is set, so it works in posts and e-mails).
func (s *Resources) OpenURL(id string) string {
	return siteURL(s.deps.Settings) + ResourcePath + id + "/open"
}

func siteURL(settings func() Settings) string {
	if settings == nil {
		return ""
	}
	u := settings().SiteURL
	for len(u) > 0 && u[len(u)-1] == '/' {
		u = u[:len(u)-1]
	}
	return u
}

// Create adds a resource to a program's hub (programID set) or to the global
// one (admins). A coordinator's resource is published at once; a member's is
// a suggestion the coordinators are asked to approve.
func (s *Resources) Create(actorID, programID string, in ResourceInput) (*ResourceView, error) {
	var p *domain.Program
	status := domain.ResourcePublished
	if programID == "" {
		if !s.perms.IsAdmin(actorID) {
			return nil, forbidden(msgGlobalAdmins, nil)
		}
	} else {
		var err error
		if p, err = s.programs.Get(actorID, programID); err != nil {
			return nil, err
		}
		if !s.perms.CanCoordinate(actorID, p) {
			rd, err := s.readerIn(actorID, p)
			if err != nil {
				return nil, err
			}
			if !rd.member {
				return nil, forbidden(msgJoinToSuggest, map[string]any{"Program": p.Name})
			}
			status = domain.ResourceSuggested
		}
	}
	now := s.now()
	r := &domain.Resource{ID: s.deps.NewID(), ProgramID: programID, Audience: domain.AudienceAll, Status: status,
		AuthorID: actorID, CreatedAt: now, UpdatedAt: now}
	if err := applyResourceInput(r, in, true); err != nil {
		return nil, err
	}
	if status == domain.ResourceSuggested {
		if err := s.checkOpenSuggestions(actorID, p); err != nil {
			return nil, err
		}
	}
	if err := s.store.CreateResource(r, now); err != nil {
		if errors.Is(err, store.ErrScopeFull) {
			return nil, conflict("", msgHubFull, map[string]any{"Max": domain.MaxResourcesPerScope})
		}
		return nil, err
	}
	if status == domain.ResourceSuggested {
		s.askCoordinators(p, r)
	}
	s.changed(p)
	return s.view(r, true, ""), nil
}

// checkOpenSuggestions refuses a member's suggestion beyond
// maxOpenSuggestions awaiting a decision in the program's hub. Two suggestions
// filed at the same instant may both pass; the bound is against floods, and
// the hub's own cap still holds.
func (s *Resources) checkOpenSuggestions(actorID string, p *domain.Program) error {
	h, err := s.hubOf(store.ResourceScope(p.ID))
	if err != nil {
		return err
	}
	open := 0
	for _, r := range h.records {
		if r.AuthorID == actorID && r.Status == domain.ResourceSuggested {
			open++
		}
	}
	if open >= maxOpenSuggestions {
		return conflict("", msgTooManyOpen, map[string]any{"Max": maxOpenSuggestions, "Program": p.Name})
	}
	return nil
}

// askCoordinators DMs the program's coordinators (those still in its team)
// about a suggestion. The suggestion itself is the record: coordinators also
// find it in the sidebar, so a DM lost to a crash loses no suggestion.
func (s *Resources) askCoordinators(p *domain.Program, r *domain.Resource) {
	var coordinators []string
	for _, id := range p.Coordinators {
		if s.perms.CanCoordinate(id, p) {
			coordinators = append(coordinators, id)
		}
	}
	if s.deps.Resources != nil && len(coordinators) > 0 {
		s.deps.Resources.Suggested(p, r, coordinators, s.OpenURL(r.ID))
	}
}

// changed refreshes open sidebars of the program's coordinators (members see
// new resources on their next look).
func (s *Resources) changed(p *domain.Program) {
	if p != nil && s.deps.Notifier != nil {
		s.deps.Notifier.Changed(p.ID, p.Coordinators...)
	}
}

// Get returns a resource the actor may read.
func (s *Resources) Get(actorID, id string) (*ResourceView, error) {
	r, rd, err := s.readable(actorID, id)
	if err != nil {
		return nil, err
	}
	return s.withCounts(s.view(r, rd.manage, rd.countIn)), nil
}

// Editable returns a resource the actor may edit (its hub's managers).
func (s *Resources) Editable(actorID, id string) (*ResourceView, error) {
	r, _, err := s.managed(actorID, id)
	if err != nil {
		return nil, err
	}
	return s.withCounts(s.view(r, true, "")), nil
}

// Update edits a resource (its hub's managers).
func (s *Resources) Update(actorID, id string, in ResourceInput) (*ResourceView, error) {
	_, p, err := s.managed(actorID, id)
	if err != nil {
		return nil, err
	}
	r, err := s.store.UpdateResource(id, s.now(), func(r *domain.Resource) error {
		if err := applyResourceInput(r, in, false); err != nil {
			return err
		}
		r.UpdatedAt = s.now()
		return nil
	})
	if err != nil {
		return nil, s.missing(err, id)
	}
	s.changed(p)
	return s.withCounts(s.view(r, true, "")), nil
}

// Delete removes a resource (its hub's managers); it leaves the packs too.
func (s *Resources) Delete(actorID, id string) error {
	_, p, err := s.managed(actorID, id)
	if err != nil {
		return err
	}
	if err := s.store.DeleteResource(id, s.now()); err != nil {
		return s.missing(err, id)
	}
	s.changed(p)
	return nil
}

// Decide approves (publishes) or rejects a suggestion. Deciding it again the
// same way changes nothing and reports changed=false, so a second press of a
// button is harmless; the other way is a conflict naming what was decided.
func (s *Resources) Decide(actorID, id string, approve bool) (view *ResourceView, changed bool, err error) {
	_, p, err := s.managed(actorID, id)
	if err != nil {
		return nil, false, err
	}
	want := domain.ResourceRejected
	if approve {
		want = domain.ResourcePublished
	}
	r, err := s.store.UpdateResource(id, s.now(), func(r *domain.Resource) error {
		changed = false
		switch {
		case r.Status == want && r.DecidedBy != "":
			return store.ErrUnchanged
		case r.Status == domain.ResourcePublished:
			return conflict("", msgWasPublished, map[string]any{"Title": r.Title})
		case r.Status != domain.ResourceSuggested:
			return conflict("", msgWasRejected, map[string]any{"Title": r.Title})
		}
		r.Status, r.DecidedBy, r.UpdatedAt = want, actorID, s.now()
		changed = true
		return nil
	})
	if err != nil {
		return nil, false, s.missing(err, id)
	}
	if changed {
		if s.deps.Resources != nil {
			s.deps.Resources.Decided(r, s.OpenURL(r.ID))
		}
		s.changed(p)
	}
	return s.withCounts(s.view(r, true, "")), changed, nil
}

// missing turns a resource that went away meanwhile into the reader's 404.
func (s *Resources) missing(err error, id string) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound(msgResourceMissing, map[string]any{"ID": id})
	}
	return err
}

// view is a resource as a reader sees it, without counts.
func (s *Resources) view(r *domain.Resource, canEdit bool, programID string) *ResourceView {
	u := s.OpenURL(r.ID)
	if programID != "" && r.ProgramID == "" {
		u += "?program_id=" + programID
	}
	return &ResourceView{Resource: r, CanEdit: canEdit, OpenURL: u}
}

// withCounts fills a view's counts (one small read).
func (s *Resources) withCounts(v *ResourceView) *ResourceView {
	if c, err := s.store.GetResourceCounts(v.ID, ""); err == nil {
		v.Views, v.Shares = c.Views, c.Shares
	}
	return v
}
