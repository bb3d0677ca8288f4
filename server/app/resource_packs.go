package app

import (
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgPackTooLong  = &i18n.Message{ID: "app.resource.pack_too_long", Other: "An onboarding pack holds at most {{.Max}} resources; the {{.Role}} pack has {{.Count}}."}
	msgPackResource = &i18n.Message{ID: "app.resource.pack_resource", Other: "{{.ID}} is not a published resource of this program or of the global hub."}
	msgPackID       = &i18n.Message{ID: "app.resource.pack_id", Other: "The {{.Role}} pack lists \"{{.Value}}\", which is not a resource id (26 lowercase letters and digits)."}
	msgPackRole     = &i18n.Message{ID: "app.resource.pack_role", Other: "Onboarding packs are for the roles mentor, mentee and peer; \"{{.Role}}\" is not one."}
)

// PackRoles are the roles with an onboarding pack; a member who is both gets
// the mentor's and the mentee's.
var PackRoles = []string{domain.RoleMentor, domain.RoleMentee, domain.RolePeer}

// OnboardingPacks are a program's packs: the ids per role, and the resources
// they name that the reader may read.
type OnboardingPacks struct {
	Mentor []string        `json:"mentor"`
	Mentee []string        `json:"mentee"`
	Peer   []string        `json:"peer"`
	Items  []*ResourceView `json:"items"`
}

// PacksInput replaces a program's packs.
type PacksInput struct {
	Mentor []string `json:"mentor"`
	Mentee []string `json:"mentee"`
	Peer   []string `json:"peer"`
}

func (in PacksInput) byRole() map[string][]string {
	return map[string][]string{domain.RoleMentor: in.Mentor, domain.RoleMentee: in.Mentee, domain.RolePeer: in.Peer}
}

// Packs returns a program's onboarding packs (its coordinators; members get
// their pack in the welcome).
func (s *Resources) Packs(actorID, programID string) (*OnboardingPacks, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	own, err := s.readerIn(actorID, p)
	if err != nil {
		return nil, err
	}
	global, err := s.globalReader(actorID, programID)
	if err != nil {
		return nil, err
	}
	h, err := s.hubOf(programID)
	if err != nil {
		return nil, err
	}
	out := &OnboardingPacks{Mentor: orEmpty(h.index.Packs[domain.RoleMentor]), Mentee: orEmpty(h.index.Packs[domain.RoleMentee]),
		Peer: orEmpty(h.index.Packs[domain.RolePeer]), Items: []*ResourceView{}}
	resources, err := s.packResources(programID, slices.Concat(out.Mentor, out.Mentee, out.Peer))
	if err != nil {
		return nil, err
	}
	for _, r := range resources {
		rd := own
		if r.ProgramID == "" {
			rd = global
		}
		if rd.reads(r) {
			out.Items = append(out.Items, s.view(r, rd.manage, rd.countIn))
		}
	}
	return out, nil
}

// shortened keeps an echoed value readable in a message.
func shortened(v string) string {
	if r := []rune(v); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return v
}

func orEmpty(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

// SetPacks replaces a program's packs (its coordinators). Every id must be a
// published resource of the program or of the global hub.
func (s *Resources) SetPacks(actorID, programID string, in PacksInput) (*OnboardingPacks, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	packs := domain.OnboardingPacks{}
	for role, ids := range in.byRole() {
		clean := []string{}
		for _, id := range ids {
			// Checked before any read: an odd string as a key is a store
			// error. Ids are lowercase, as model.NewId makes them.
			if !model.IsValidId(id) || strings.ToLower(id) != id {
				return nil, invalid(role, msgPackID, map[string]any{"Role": role, "Value": shortened(id)})
			}
			if !slices.Contains(clean, id) {
				clean = append(clean, id)
			}
		}
		if len(clean) > domain.MaxPackResources {
			return nil, invalid(role, msgPackTooLong, map[string]any{"Max": domain.MaxPackResources, "Role": role, "Count": len(clean)})
		}
		for _, id := range clean {
			if err := s.checkPackResource(programID, id); err != nil {
				return nil, err
			}
		}
		packs[role] = clean
	}
	if _, err := s.store.UpdateOnboardingPacks(store.ResourceScope(programID), s.now(), func(x *store.ResourceIndex) error {
		x.Packs = packs
		return nil
	}); err != nil {
		return nil, err
	}
	s.changed(p)
	return s.Packs(actorID, programID)
}

// SetPack replaces one role's pack, keeping the others.
func (s *Resources) SetPack(actorID, programID, role string, ids []string) (*OnboardingPacks, error) {
	if !slices.Contains(PackRoles, role) {
		return nil, invalid("role", msgPackRole, map[string]any{"Role": role})
	}
	cur, err := s.Packs(actorID, programID)
	if err != nil {
		return nil, err
	}
	in := PacksInput{Mentor: cur.Mentor, Mentee: cur.Mentee, Peer: cur.Peer}
	switch role {
	case domain.RoleMentor:
		in.Mentor = ids
	case domain.RoleMentee:
		in.Mentee = ids
	default:
		in.Peer = ids
	}
	return s.SetPacks(actorID, programID, in)
}

func (s *Resources) checkPackResource(programID, id string) error {
	r, err := s.store.GetResource(id)
	if err == nil && r.Status == domain.ResourcePublished && (r.ProgramID == programID || r.ProgramID == "") {
		return nil
	}
	if err != nil && !isNotFound(err) {
		return err
	}
	return invalid("", msgPackResource, map[string]any{"ID": id})
}

// packResources reads the published resources named by ids, in order, the
// program's from its hub and the global ones from theirs.
func (s *Resources) packResources(programID string, ids []string) ([]*domain.Resource, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	own, err := s.hubOf(programID)
	if err != nil {
		return nil, err
	}
	var global *hub
	var out []*domain.Resource
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		r := own.byID[id]
		if r == nil {
			if global == nil {
				if global, err = s.hubOf(store.GlobalScope); err != nil {
					return nil, err
				}
			}
			r = global.byID[id]
		}
		if r != nil && r.Status == domain.ResourcePublished {
			out = append(out, r)
		}
	}
	return out, nil
}

// OnboardingFor is what the welcome DM lists for a new member of a program:
// the published resources of their role's pack (mentor and mentee both for
// "both"). No permission check: the welcome goes to a member of the program.
func (s *Resources) OnboardingFor(programID, role string) ([]*domain.Resource, error) {
	h, err := s.hubOf(programID)
	if err != nil {
		return nil, err
	}
	roles := []string{role}
	if role == domain.RoleBoth {
		roles = []string{domain.RoleMentor, domain.RoleMentee}
	}
	var ids []string
	for _, r := range roles {
		ids = append(ids, h.index.Packs[r]...)
	}
	return s.packResources(programID, ids)
}
