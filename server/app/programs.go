package app

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgNameRequired    = &i18n.Message{ID: "app.program.name_required", Other: "The program needs a name."}
	msgNameTooLong     = &i18n.Message{ID: "app.program.name_too_long", Other: "The name is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgNameNoLetters   = &i18n.Message{ID: "app.program.name_no_letters", Other: "The name needs at least one letter or digit."}
	msgNameTaken       = &i18n.Message{ID: "app.program.name_taken", Other: "This team already has a program called \"{{.Name}}\". Pick another name."}
	msgDescTooLong     = &i18n.Message{ID: "app.program.description_too_long", Other: "The description is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgTeamRequired    = &i18n.Message{ID: "app.program.team_required", Other: "Say which team the program belongs to (team_id)."}
	msgNoSuchTeam      = &i18n.Message{ID: "app.program.no_such_team", Other: "There is no team with id \"{{.Team}}\". Use the id of an existing team (GET /api/v4/teams lists them)."}
	msgControlChars    = &i18n.Message{ID: "app.text.control_characters", Other: "The {{.Field}} contains line breaks or invisible control characters; type it on one line with visible characters only."}
	msgControlMulti    = &i18n.Message{ID: "app.text.control_characters_multiline", Other: "The {{.Field}} contains invisible control characters; remove them (line breaks and tabs are fine)."}
	msgBadChoice       = &i18n.Message{ID: "app.program.bad_choice", Other: "\"{{.Value}}\" is not a valid {{.Field}}; use one of: {{.Allowed}}."}
	msgBadDate         = &i18n.Message{ID: "app.program.bad_date", Other: "\"{{.Value}}\" is not a date between the years {{.Min}} and {{.Max}}; write it as YYYY-MM-DD, for example 2026-09-01."}
	msgEndBeforeStart  = &i18n.Message{ID: "app.program.end_before_start", Other: "The end date {{.End}} is before the start date {{.Start}}."}
	msgTooManyCoords   = &i18n.Message{ID: "app.program.too_many_coordinators", Other: "A program can have at most {{.Max}} coordinators."}
	msgCoordNotMember  = &i18n.Message{ID: "app.program.coordinator_not_member", Other: "A coordinator must be a member of the team; user {{.User}} is not."}
	msgNoCoordinators  = &i18n.Message{ID: "app.program.no_coordinators", Other: "A program needs at least one coordinator."}
	msgProgramMissing  = &i18n.Message{ID: "app.program.not_found", Other: "There is no program \"{{.Ref}}\" here. Run /mentor programs to see the programs of this team."}
	msgTeamFull        = &i18n.Message{ID: "app.program.team_full", Other: "This team already has {{.Max}} programs, archived ones included: the most a team may have. Reuse or rename an existing program instead."}
	msgAlreadyArchived = &i18n.Message{ID: "app.program.already_archived", Other: "{{.Program}} is already archived."}
)

// ProgramFields are the editable fields of a program. In a patch a nil pointer
// leaves the field as it is.
type ProgramFields struct {
	Name           *string   `json:"name"`
	Description    *string   `json:"description"`
	Kind           *string   `json:"kind"`
	EnrollmentMode *string   `json:"enrollment_mode"`
	MatchingMode   *string   `json:"matching_mode"`
	CheckInCadence *string   `json:"check_in_cadence"`
	StartDate      *string   `json:"start_date"`
	EndDate        *string   `json:"end_date"`
	Coordinators   *[]string `json:"coordinators"`
}

// Programs creates, changes and lists programs.
type Programs struct {
	store *store.Store
	perms *Permissions
	deps  Deps
}

// restartCheckIns puts a checkin.restart item on the scheduler before a
// cadence change commits: the program's active matches then follow the new
// cadence (a chain that "none" stopped starts again).
func (s *Programs) restartCheckIns(programID string) error {
	if s.deps.Scheduler == nil {
		return nil
	}
	now := s.deps.Now().UTC()
	return s.deps.Scheduler.At("checkin-restart/"+programID+"/"+now.Format("20060102T150405.000"), DueCheckInRestart, now, programID)
}

// scheduleDigests puts a digest.ensure item on the scheduler before a
// program's commit: it schedules the coordinators' weekly digests as the
// program then stands (and does nothing if the commit never happened).
func (s *Programs) scheduleDigests(programID string) error {
	if s.deps.Scheduler == nil {
		return nil
	}
	now := s.deps.Now().UTC()
	return s.deps.Scheduler.At("digest-ensure/"+programID+"/"+now.Format("20060102T150405.000"), DueDigestEnsure, now, programID)
}

// Create makes a program in teamID; the creator becomes its first coordinator.
func (s *Programs) Create(actorID, teamID string, f ProgramFields) (*domain.Program, error) {
	if strings.TrimSpace(teamID) == "" {
		return nil, invalid("team_id", msgTeamRequired, nil)
	}
	if err := s.perms.CanCreateProgram(actorID, teamID); err != nil {
		return nil, err
	}
	if !s.deps.Directory.TeamExists(teamID) {
		return nil, invalid("team_id", msgNoSuchTeam, map[string]any{"Team": teamID})
	}
	if f.Name == nil {
		return nil, invalid("name", msgNameRequired, nil)
	}
	now := s.deps.Now().UTC()
	p := &domain.Program{
		SchemaVersion:  domain.CurrentSchemaVersion,
		ID:             s.deps.NewID(),
		TeamID:         teamID,
		Kind:           domain.KindOneToOne,
		EnrollmentMode: domain.EnrollmentOpen,
		MatchingMode:   domain.MatchingCoordinator,
		CheckInCadence: domain.CadenceMonthly,
		Coordinators:   []string{actorID},
		CreatedBy:      actorID,
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	if err := s.apply(p, f); err != nil {
		return nil, err
	}
	if err := s.scheduleDigests(p.ID); err != nil {
		return nil, err
	}
	if err := s.store.CreateProgram(p); err != nil {
		return nil, s.storeError(err, p.Name)
	}
	s.deps.Notifier.Changed(p.ID, p.Coordinators...)
	return p, nil
}

// apply validates f and copies it onto p; on error p may be partly changed, so
// callers apply to a copy or a record they throw away.
func (s *Programs) apply(p *domain.Program, f ProgramFields) error {
	if f.Name != nil {
		name := strings.TrimSpace(*f.Name)
		switch {
		case name == "":
			return invalid("name", msgNameRequired, nil)
		case utf8.RuneCountInString(name) > domain.MaxProgramNameLength:
			return invalid("name", msgNameTooLong, map[string]any{"Length": utf8.RuneCountInString(name), "Max": domain.MaxProgramNameLength})
		case domain.HasControlCharacters(name, false):
			return invalid("name", msgControlChars, map[string]any{"Field": i18n.Field("name")})
		case domain.Slugify(name) == "":
			return invalid("name", msgNameNoLetters, nil)
		}
		p.Name, p.Slug = name, domain.Slugify(name)
	}
	if f.Description != nil {
		desc := domain.NormalizeNewlines(strings.TrimSpace(*f.Description))
		if n := utf8.RuneCountInString(desc); n > domain.MaxProgramDescriptionLength {
			return invalid("description", msgDescTooLong, map[string]any{"Length": n, "Max": domain.MaxProgramDescriptionLength})
		}
		if domain.HasControlCharacters(desc, true) {
			return invalid("description", msgControlMulti, map[string]any{"Field": i18n.Field("description")})
		}
		p.Description = desc
	}
	for _, choice := range []struct {
		field   string
		value   *string
		allowed []string
		target  *string
	}{
		{"kind", f.Kind, domain.Kinds, &p.Kind},
		{"enrollment_mode", f.EnrollmentMode, domain.EnrollmentModes, &p.EnrollmentMode},
		{"matching_mode", f.MatchingMode, domain.MatchingModes, &p.MatchingMode},
		{"check_in_cadence", f.CheckInCadence, domain.Cadences, &p.CheckInCadence},
	} {
		if choice.value == nil {
			continue
		}
		v := strings.ToLower(strings.TrimSpace(*choice.value))
		if !domain.Contains(choice.allowed, v) {
			return invalid(choice.field, msgBadChoice, map[string]any{"Value": *choice.value, "Field": i18n.Field(choice.field), "Allowed": strings.Join(choice.allowed, ", ")})
		}
		*choice.target = v
	}
	for _, date := range []struct {
		field  string
		value  *string
		target *string
	}{{"start_date", f.StartDate, &p.StartDate}, {"end_date", f.EndDate, &p.EndDate}} {
		if date.value == nil {
			continue
		}
		v := strings.TrimSpace(*date.value)
		if v != "" {
			if _, ok := domain.ParseDate(v); !ok {
				return invalid(date.field, msgBadDate, dateData(v))
			}
		}
		*date.target = v
	}
	if p.StartDate != "" && p.EndDate != "" && p.EndDate < p.StartDate {
		return invalid("end_date", msgEndBeforeStart, map[string]any{"Start": p.StartDate, "End": p.EndDate})
	}
	if f.Coordinators != nil {
		coords := slices.Compact(slices.Sorted(slices.Values(*f.Coordinators)))
		switch {
		case len(coords) == 0:
			return invalid("coordinators", msgNoCoordinators, nil)
		case len(coords) > domain.MaxCoordinators:
			return invalid("coordinators", msgTooManyCoords, map[string]any{"Max": domain.MaxCoordinators})
		}
		for _, id := range coords {
			if !s.deps.Directory.IsTeamMember(id, p.TeamID) {
				return invalid("coordinators", msgCoordNotMember, map[string]any{"User": id})
			}
		}
		p.Coordinators = coords
	}
	return nil
}

func dateData(value string) map[string]any {
	return map[string]any{"Value": value, "Min": domain.MinYear, "Max": domain.MaxYear}
}

func (s *Programs) storeError(err error, name string) error {
	if errors.Is(err, store.ErrSlugTaken) {
		return conflict("name", msgNameTaken, map[string]any{"Name": name})
	}
	if errors.Is(err, store.ErrTeamFull) {
		return conflict("", msgTeamFull, map[string]any{"Max": domain.MaxProgramsPerTeam})
	}
	return err
}

// Get returns a program the actor may see.
func (s *Programs) Get(actorID, programID string) (*domain.Program, error) {
	p, err := s.store.GetProgram(programID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !s.perms.CanSeeProgram(actorID, p)) {
		// Not visible and not existing look the same, so ids cannot be probed.
		return nil, notFound(msgProgramMissing, map[string]any{"Ref": programID})
	}
	return p, err
}

// List returns the team's programs the actor may see; archived ones only when
// asked for and only to their coordinators and admins.
func (s *Programs) List(actorID, teamID string, includeArchived bool) ([]*domain.Program, error) {
	if !s.perms.CanSeeTeam(actorID, teamID) {
		return nil, forbidden(msgNotTeamMember, nil)
	}
	all, err := s.store.ListTeamPrograms(teamID)
	if err != nil {
		return nil, err
	}
	visible := make([]*domain.Program, 0, len(all))
	canSee := s.perms.teamViewer(actorID, teamID)
	for _, p := range all {
		if p.Archived && !includeArchived {
			continue
		}
		if canSee(p) {
			visible = append(visible, p)
		}
	}
	return visible, nil
}

// getOwn returns a program for an action on the actor's own enrollment: unlike
// Get it includes archived programs (a member may still leave one), but only of
// a team the actor is in.
func (s *Programs) getOwn(actorID, programID string) (*domain.Program, error) {
	p, err := s.store.GetProgram(programID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !s.perms.SeesOwnEnrollment(actorID, p)) {
		return nil, notFound(msgProgramMissing, map[string]any{"Ref": programID})
	}
	return p, err
}

// Find resolves what a person typed (an id, a name or its handle) to a program
// of the team that the actor may see. An archived program gives its handle up,
// so an active program with the handle wins over any archived one, and among
// archived ones the most recently archived wins.
func (s *Programs) Find(actorID, teamID, ref string) (*domain.Program, error) {
	ref = strings.TrimSpace(ref)
	programs, err := s.List(actorID, teamID, true)
	if err != nil {
		return nil, err
	}
	slug := domain.Slugify(ref)
	var best *domain.Program
	bestRank := 0
	for _, p := range programs {
		if p.ID == ref {
			return p, nil
		}
		rank := handleRank(p, slug, strings.ToLower(ref))
		if rank > bestRank || (rank == bestRank && rank > 0 && p.ArchivedAt.After(best.ArchivedAt)) {
			best, bestRank = p, rank
		}
	}
	if best == nil {
		return nil, notFound(msgProgramMissing, map[string]any{"Ref": ref})
	}
	return best, nil
}

// handleRank orders the programs a typed handle may mean: an active program's
// handle, then an active program's alias (a handle from before the upgrade), then
// the same for archived programs; 0 when it does not match.
func handleRank(p *domain.Program, slug, typed string) int {
	rank := 0
	switch {
	case slug == "":
	case p.Slug == slug:
		rank = 2
	case slices.Contains(p.Aliases, slug) || slices.Contains(p.Aliases, typed):
		rank = 1
	}
	if rank > 0 && !p.Archived {
		rank += 2
	}
	return rank
}

// Update changes a program's fields (coordinators and admins).
func (s *Programs) Update(actorID, programID string, f ProgramFields) (*domain.Program, error) {
	p, err := s.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	// A bad patch is refused before anything is written (the digest item
	// below included).
	probe := *p
	if err := s.apply(&probe, f); err != nil {
		return nil, err
	}
	if err := s.scheduleDigests(programID); err != nil {
		return nil, err
	}
	if f.CheckInCadence != nil && *f.CheckInCadence != p.CheckInCadence {
		if err := s.restartCheckIns(programID); err != nil {
			return nil, err
		}
	}
	// One compare-and-set of the team's catalog: a bad patch, or a name another
	// program took meanwhile, writes nothing.
	updated, err := s.store.UpdateProgram(programID, func(current *domain.Program) error {
		if err := s.apply(current, f); err != nil {
			return err
		}
		current.UpdatedAt = s.deps.Now().UTC()
		return nil
	})
	if err != nil {
		name := p.Name
		if f.Name != nil {
			name = strings.TrimSpace(*f.Name)
		}
		return nil, s.storeError(err, name)
	}
	s.deps.Notifier.Changed(updated.ID, updated.Coordinators...)
	return updated, nil
}

// Archive closes a program (coordinators and admins). Its data stays.
func (s *Programs) Archive(actorID, programID string) (*domain.Program, error) {
	p, err := s.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	updated, err := s.store.UpdateProgram(programID, func(current *domain.Program) error {
		// Checked inside the compare-and-set: of two archives racing on two
		// servers, one archives and the other is told it already happened.
		if current.Archived {
			return conflict("", msgAlreadyArchived, map[string]any{"Program": current.Name})
		}
		now := s.deps.Now().UTC()
		current.Archived, current.ArchivedAt, current.UpdatedAt = true, now, now
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.deps.Notifier.Changed(updated.ID, updated.Coordinators...)
	return updated, nil
}
