package app

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgResourceTitle    = &i18n.Message{ID: "app.resource.title", Other: "Give the resource a title of at most {{.Max}} characters."}
	msgResourceLink     = &i18n.Message{ID: "app.resource.link", Other: "Give either a link (--url) or a Mattermost file, not both and not neither."}
	msgResourceURL      = &i18n.Message{ID: "app.resource.url", Other: "The link must be a full http or https address of at most {{.Max}} characters, for example https://example.com/guide; \"{{.Value}}\" is not."}
	msgResourceFile     = &i18n.Message{ID: "app.resource.file", Other: "\"{{.Value}}\" is not a Mattermost file id."}
	msgResourceDesc     = &i18n.Message{ID: "app.resource.description", Other: "The description may be at most {{.Max}} characters."}
	msgResourceTags     = &i18n.Message{ID: "app.resource.tags", Other: "Give at most {{.Max}} tags."}
	msgResourceTag      = &i18n.Message{ID: "app.resource.tag", Other: "A tag is 1 to {{.Max}} characters without commas; \"{{.Value}}\" is not."}
	msgResourceAudience = &i18n.Message{ID: "app.resource.audience", Other: "The audience must be one of: {{.Allowed}}; \"{{.Value}}\" is not."}
)

// resourceReader is what one user may do in one hub.
type resourceReader struct {
	uid    string
	manage bool // edit, remove, decide, see suggestions and every audience
	member bool // an active or paused member of the program (program hubs)
	// audiences are the published resources' audiences the reader reads.
	audiences map[string]bool
	// countIn is the program whose use of a global resource this reader's
	// views and shares count in ("" for none).
	countIn string
}

// roleAudiences are the audiences a role reads: a mentor the mentors', a
// mentee the mentees', both both, and everyone "all".
func roleAudiences(role string, into map[string]bool) {
	into[domain.AudienceAll] = true
	switch role {
	case domain.RoleMentor:
		into[domain.AudienceMentors] = true
	case domain.RoleMentee:
		into[domain.AudienceMentees] = true
	case domain.RoleBoth:
		into[domain.AudienceMentors], into[domain.AudienceMentees] = true, true
	}
}

func allAudiences() map[string]bool {
	return map[string]bool{domain.AudienceAll: true, domain.AudienceMentors: true, domain.AudienceMentees: true}
}

// inProgram reports whether an enrollment makes its user a reader of the
// program's hub: active or paused (a pending request does not, yet).
func inProgram(e *domain.Enrollment) bool {
	return e != nil && (e.Status == domain.StatusActive || e.Status == domain.StatusPaused)
}

// readerIn is the actor in a program they may see (Programs.Get checked it).
func (s *Resources) readerIn(actorID string, p *domain.Program) (*resourceReader, error) {
	rd := &resourceReader{uid: actorID, audiences: map[string]bool{}, countIn: p.ID}
	if s.perms.CanCoordinate(actorID, p) {
		rd.manage, rd.audiences = true, allAudiences()
		return rd, nil
	}
	enrollments, err := s.enrollments.ByProgram(actorID)
	if err != nil {
		return nil, err
	}
	if e := enrollments[p.ID]; inProgram(e) {
		rd.member = true
		roleAudiences(e.Role, rd.audiences)
	}
	return rd, nil
}

// globalReader is the actor in the global hub: seen through a program they
// may see (programID set: its members by role, its other team members "all"),
// or through every program of the teams they are in. Only system admins
// manage it; a user in no team with a program does not read it.
func (s *Resources) globalReader(actorID, programID string) (*resourceReader, error) {
	if s.perms.IsAdmin(actorID) {
		return &resourceReader{uid: actorID, manage: true, audiences: allAudiences(), countIn: programID}, nil
	}
	if programID != "" {
		p, err := s.programs.Get(actorID, programID)
		if err != nil {
			return nil, err
		}
		rd, err := s.readerIn(actorID, p)
		if err != nil {
			return nil, err
		}
		rd.manage, rd.member = false, false
		rd.audiences[domain.AudienceAll] = true
		return rd, nil
	}
	rd := &resourceReader{uid: actorID, audiences: map[string]bool{}}
	hubs, err := s.programHubs(actorID)
	if err != nil {
		return nil, err
	}
	for _, h := range hubs {
		for a := range h.reader.audiences {
			rd.audiences[a] = true
		}
		rd.audiences[domain.AudienceAll] = true
	}
	return rd, nil
}

// programHub is a program the actor may see, and the actor there.
type programHub struct {
	program *domain.Program
	reader  *resourceReader
}

// programHubs are the programs of the teams the actor is in that they may
// see, archived ones left out, with the actor's place in each. The teams
// come from the directory when it can list them (one call), otherwise from
// the actor's enrollments.
func (s *Resources) programHubs(actorID string) ([]programHub, error) {
	enrollments, err := s.enrollments.ByProgram(actorID)
	if err != nil {
		return nil, err
	}
	teams, listed := s.teamsOf(actorID)
	if !listed {
		for _, e := range enrollments {
			teams = append(teams, e.TeamID)
		}
	}
	slices.Sort(teams)
	var out []programHub
	for _, teamID := range slices.Compact(teams) {
		if !s.perms.CanSeeTeam(actorID, teamID) {
			continue
		}
		programs, err := s.store.ListTeamPrograms(teamID)
		if err != nil {
			return nil, err
		}
		for _, p := range programs {
			if p.Archived {
				continue
			}
			rd := &resourceReader{uid: actorID, audiences: map[string]bool{}, countIn: p.ID}
			if s.perms.CanCoordinate(actorID, p) {
				rd.manage, rd.audiences = true, allAudiences()
			} else if e := enrollments[p.ID]; inProgram(e) {
				rd.member = true
				roleAudiences(e.Role, rd.audiences)
			}
			out = append(out, programHub{program: p, reader: rd})
		}
	}
	return out, nil
}

// teamLister is what a directory that can list a user's teams offers
// (plugin.go's, through the plugin API); listed is false when it cannot.
type teamLister interface {
	TeamsOf(userID string) (teams []string, listed bool)
}

func (s *Resources) teamsOf(userID string) ([]string, bool) {
	dir := s.deps.Directory
	if rd, ok := dir.(*requestDirectory); ok {
		dir = rd.inner
	}
	if tl, ok := dir.(teamLister); ok {
		return tl.TeamsOf(userID)
	}
	return nil, false
}

// reads reports whether the reader may read the resource (of their hub).
func (rd *resourceReader) reads(r *domain.Resource) bool {
	if rd.manage {
		return true
	}
	if r.Status == domain.ResourcePublished {
		return rd.audiences[r.Audience]
	}
	// Authors follow their own suggestions while they are in the program.
	return r.AuthorID == rd.uid && (rd.member || r.ProgramID == "")
}

// readerOf returns the hub's program (nil for the global hub) and the actor
// there; a program they cannot see is the reader's 404.
func (s *Resources) readerOf(actorID string, r *domain.Resource, programID string) (*domain.Program, *resourceReader, error) {
	if r.ProgramID == "" {
		rd, err := s.globalReader(actorID, programID)
		return nil, rd, err
	}
	p, err := s.programs.Get(actorID, r.ProgramID)
	if err != nil {
		return nil, nil, notFound(msgResourceMissing, map[string]any{"ID": r.ID})
	}
	rd, err := s.readerIn(actorID, p)
	return p, rd, err
}

// readable loads a resource the actor may read, or the reader's 404.
func (s *Resources) readable(actorID, id string) (*domain.Resource, *resourceReader, error) {
	return s.readableIn(actorID, id, "")
}

func (s *Resources) readableIn(actorID, id, programID string) (*domain.Resource, *resourceReader, error) {
	r, err := s.store.GetResource(id)
	if err != nil {
		return nil, nil, s.missing(err, id)
	}
	_, rd, err := s.readerOf(actorID, r, programID)
	if err != nil && r.ProgramID == "" && programID != "" {
		// A program the reader cannot see is no context for a global
		// resource: read it as from nowhere (and count it nowhere).
		_, rd, err = s.readerOf(actorID, r, "")
	}
	if err != nil {
		var appErr *Error
		if errors.As(err, &appErr) && appErr.Kind == KindNotFound {
			return nil, nil, notFound(msgResourceMissing, map[string]any{"ID": id})
		}
		return nil, nil, err
	}
	if !rd.reads(r) {
		return nil, nil, notFound(msgResourceMissing, map[string]any{"ID": id})
	}
	return r, rd, nil
}

// managed loads a resource the actor manages: a reader who may not manage
// it is refused (403), anyone else does not learn it exists (404).
func (s *Resources) managed(actorID, id string) (*domain.Resource, *domain.Program, error) {
	r, err := s.store.GetResource(id)
	if err != nil {
		return nil, nil, s.missing(err, id)
	}
	p, rd, err := s.readerOf(actorID, r, "")
	if err != nil {
		return nil, nil, err
	}
	if rd.manage {
		return r, p, nil
	}
	if !rd.reads(r) {
		return nil, nil, notFound(msgResourceMissing, map[string]any{"ID": id})
	}
	if p == nil {
		return nil, nil, forbidden(msgGlobalAdmins, nil)
	}
	return nil, nil, forbidden(msgNotManager, map[string]any{"Program": p.Name})
}

// applyResourceInput validates in and writes it into r; creating requires a
// title and exactly one of a link and a file.
func applyResourceInput(r *domain.Resource, in ResourceInput, creating bool) error {
	if in.Title != nil || creating {
		title := strings.TrimSpace(deref(in.Title))
		if title == "" || utf8.RuneCountInString(title) > domain.MaxResourceTitle {
			return invalid("title", msgResourceTitle, map[string]any{"Max": domain.MaxResourceTitle})
		}
		r.Title = title
	}
	if in.URL != nil {
		u := strings.TrimSpace(*in.URL)
		if u != "" && !validLink(u) {
			return invalid("url", msgResourceURL, map[string]any{"Max": domain.MaxResourceURL, "Value": u})
		}
		r.URL = u
		if u != "" && in.FileID == nil {
			r.FileID = "" // a link given on an edit replaces the file
		}
	}
	if in.FileID != nil {
		f := strings.TrimSpace(*in.FileID)
		if f != "" && !model.IsValidId(f) {
			return invalid("file_id", msgResourceFile, map[string]any{"Value": f})
		}
		r.FileID = f
		if f != "" && in.URL == nil {
			r.URL = ""
		}
	}
	if (r.URL == "") == (r.FileID == "") {
		return invalid("url", msgResourceLink, nil)
	}
	if in.Description != nil {
		d := strings.TrimSpace(*in.Description)
		if utf8.RuneCountInString(d) > domain.MaxResourceDescription {
			return invalid("description", msgResourceDesc, map[string]any{"Max": domain.MaxResourceDescription})
		}
		r.Description = d
	}
	if in.Tags != nil {
		tags, err := normalizeTags(*in.Tags)
		if err != nil {
			return err
		}
		r.Tags = tags
	}
	if in.Audience != nil {
		a := strings.ToLower(strings.TrimSpace(*in.Audience))
		if a == "" {
			a = domain.AudienceAll
		}
		if !slices.Contains(domain.Audiences, a) {
			return invalid("audience", msgResourceAudience, map[string]any{"Allowed": strings.Join(domain.Audiences, ", "), "Value": a})
		}
		r.Audience = a
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// validLink accepts absolute http(s) links only: the open route redirects to
// it, so a javascript: or relative link must never be stored.
func validLink(u string) bool {
	if len(u) > domain.MaxResourceURL {
		return false
	}
	parsed, err := url.Parse(u)
	return err == nil && (parsed.Scheme == "http" || parsed.Scheme == "https") && parsed.Host != ""
}

// normalizeTags lower-cases, trims and de-duplicates tags, keeping their order.
func normalizeTags(raw []string) ([]string, error) {
	out := make([]string, 0, len(raw))
	for _, t := range raw {
		t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
		t = strings.TrimPrefix(t, "#")
		if t == "" || strings.Contains(t, ",") || utf8.RuneCountInString(t) > domain.MaxResourceTag {
			return nil, invalid("tags", msgResourceTag, map[string]any{"Max": domain.MaxResourceTag, "Value": t})
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) > domain.MaxResourceTags {
		return nil, invalid("tags", msgResourceTags, map[string]any{"Max": domain.MaxResourceTags})
	}
	return out, nil
}

// isNotFound reports a store's missing record.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
