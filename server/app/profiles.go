package app

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgTooManyTerms    = &i18n.Message{ID: "app.profile.too_many_terms", Other: "The {{.Field}} list has {{.Count}} entries; keep it to {{.Max}} or fewer (the most important ones)."}
	msgTermTooLong     = &i18n.Message{ID: "app.profile.term_too_long", Other: "\"{{.Term}}\" in {{.Field}} is {{.Length}} characters long; keep each entry to {{.Max}} or fewer, or split it into shorter ones."}
	msgTermNoLetters   = &i18n.Message{ID: "app.profile.term_no_letters", Other: "\"{{.Term}}\" in {{.Field}} has no letters or digits; remove it or write the word out."}
	msgTextTooLong     = &i18n.Message{ID: "app.profile.text_too_long", Other: "The {{.Field}} is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgNumberRange     = &i18n.Message{ID: "app.profile.number_range", Other: "The {{.Field}} must be a number from 0 to {{.Max}}; {{.Value}} is not."}
	msgNoSuchUser      = &i18n.Message{ID: "app.profile.no_such_user", Other: "The {{.Field}} names user \"{{.User}}\", who does not exist or is deactivated. Pick an active user."}
	msgNotYourself     = &i18n.Message{ID: "app.profile.not_yourself", Other: "The {{.Field}} cannot be you; leave yourself out."}
	msgTooManyDontPair = &i18n.Message{ID: "app.profile.too_many_dont_match", Other: "You listed {{.Count}} people not to be paired with; the most is {{.Max}}."}
	msgNotAMember      = &i18n.Message{ID: "app.profile.not_a_member", Other: "That person is not a member of {{.Program}}."}
	msgProfileHidden   = &i18n.Message{ID: "app.profile.hidden", Other: "You can see another member's profile only when you coordinate {{.Program}} or are matched with them (a proposal, a request or a live match)."}
)

// ProfileInput is a change to one's own profile. A nil field keeps what is
// stored, so a form that shows only some fields (the slash command's dialog)
// cannot clear the others; a PUT with every field replaces everything. The time
// zone is never an input: it is read from the user's Mattermost settings.
type ProfileInput struct {
	SkillsOffered     *[]string `json:"skills_offered"`
	SkillsWanted      *[]string `json:"skills_wanted"`
	Interests         *[]string `json:"interests"`
	Languages         *[]string `json:"languages"`
	ExperienceLevel   *string   `json:"experience_level"`
	ExperienceYears   *float64  `json:"experience_years"`
	Bio               *string   `json:"bio"`
	AvailabilityHours *int      `json:"availability_hours"`
	Location          *string   `json:"location"`
	Department        *string   `json:"department"`
	ManagerID         *string   `json:"manager_id"`
	DontMatch         *[]string `json:"dont_match"`
}

// Profiles reads and saves members' profiles.
type Profiles struct {
	store       *store.Store
	perms       *Permissions
	programs    *Programs
	enrollments *Enrollments
	deps        Deps
}

// Get returns the actor's own profile, empty (never null lists) when they have
// not written one, with the time zone of their Mattermost settings.
func (p *Profiles) Get(actorID string) (*domain.Profile, error) {
	profile, _, err := p.store.GetProfile(actorID)
	if err != nil {
		return nil, err
	}
	p.present(profile)
	return profile, nil
}

// present fills what a profile shows but does not store reliably: the current
// time zone, and empty lists instead of null for clients.
func (p *Profiles) present(profile *domain.Profile) {
	if u, found := p.deps.Directory.User(profile.UserID); found && u.TimeZone != "" {
		profile.TimeZone = u.TimeZone
	}
	for _, list := range []*[]string{&profile.SkillsOffered, &profile.SkillsWanted, &profile.Interests, &profile.Languages} {
		if *list == nil {
			*list = []string{}
		}
	}
}

// Save validates in and writes it over the actor's profile, then updates the
// actor's entries in the rosters of their programs, which matching reads.
func (p *Profiles) Save(actorID string, in ProfileInput) (*domain.Profile, error) {
	clean, err := p.validate(actorID, in)
	if err != nil {
		return nil, err
	}
	timeZone := ""
	if u, found := p.deps.Directory.User(actorID); found {
		timeZone = u.TimeZone
	}
	saved, err := p.store.UpdateProfile(actorID, func(stored *domain.Profile) error {
		clean.applyTo(stored)
		stored.TimeZone = timeZone
		stored.UpdatedAt = p.deps.Now().UTC()
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The profile is the authoritative record; the rosters are derived from it
	// and Relist repairs them idempotently, so a failure here is reported and a
	// retried save finishes the job.
	if err := p.enrollments.Relist(actorID); err != nil {
		return nil, err
	}
	p.present(saved)
	return saved, nil
}

// applyTo copies the given fields of a validated input onto a stored profile.
func (in ProfileInput) applyTo(stored *domain.Profile) {
	setIf(&stored.SkillsOffered, in.SkillsOffered)
	setIf(&stored.SkillsWanted, in.SkillsWanted)
	setIf(&stored.Interests, in.Interests)
	setIf(&stored.Languages, in.Languages)
	setIf(&stored.ExperienceLevel, in.ExperienceLevel)
	setIf(&stored.ExperienceYears, in.ExperienceYears)
	setIf(&stored.Bio, in.Bio)
	setIf(&stored.AvailabilityHours, in.AvailabilityHours)
	setIf(&stored.Location, in.Location)
	setIf(&stored.Department, in.Department)
	setIf(&stored.ManagerID, in.ManagerID)
	setIf(&stored.DontMatch, in.DontMatch)
}

func setIf[T any](target *T, value *T) {
	if value != nil {
		*target = *value
	}
}

// validate returns the input cleaned up (trimmed, de-duplicated), or the first
// problem, naming its field.
func (p *Profiles) validate(actorID string, in ProfileInput) (ProfileInput, error) {
	for _, list := range []struct {
		field string
		terms **[]string
	}{
		{"skills_offered", &in.SkillsOffered}, {"skills_wanted", &in.SkillsWanted},
		{"interests", &in.Interests}, {"languages", &in.Languages},
	} {
		if *list.terms == nil {
			continue
		}
		terms, err := cleanTerms(list.field, **list.terms)
		if err != nil {
			return in, err
		}
		*list.terms = &terms
	}
	if in.ExperienceLevel != nil {
		level := strings.ToLower(strings.TrimSpace(*in.ExperienceLevel))
		if level != "" && !slices.Contains(domain.ExperienceLevels, level) {
			return in, invalid("experience_level", msgBadChoice, map[string]any{"Value": *in.ExperienceLevel,
				"Field": i18n.Field("experience_level"), "Allowed": strings.Join(domain.ExperienceLevels, ", ")})
		}
		in.ExperienceLevel = &level
	}
	if y := in.ExperienceYears; y != nil && (math.IsNaN(*y) || *y < 0 || *y > domain.MaxExperienceYears) {
		return in, invalid("experience_years", msgNumberRange, map[string]any{"Field": i18n.Field("experience_years"), "Max": domain.MaxExperienceYears, "Value": *y})
	}
	if h := in.AvailabilityHours; h != nil && (*h < 0 || *h > domain.MaxAvailabilityHrs) {
		return in, invalid("availability_hours", msgNumberRange, map[string]any{"Field": i18n.Field("availability_hours"), "Max": domain.MaxAvailabilityHrs, "Value": *h})
	}
	for _, text := range []struct {
		field     string
		value     **string
		max       int
		multiline bool
	}{
		{"bio", &in.Bio, domain.MaxBioRunes, true},
		{"location", &in.Location, domain.MaxLocationRunes, false},
		{"department", &in.Department, domain.MaxDepartmentRunes, false},
	} {
		if *text.value == nil {
			continue
		}
		cleaned, err := cleanText(text.field, **text.value, text.max, text.multiline)
		if err != nil {
			return in, err
		}
		*text.value = &cleaned
	}
	if in.ManagerID != nil {
		manager := strings.TrimSpace(*in.ManagerID)
		if manager != "" {
			if err := p.checkOtherUser(actorID, "manager_id", manager); err != nil {
				return in, err
			}
		}
		in.ManagerID = &manager
	}
	if in.DontMatch != nil {
		ids, err := p.cleanDontMatch(actorID, *in.DontMatch)
		if err != nil {
			return in, err
		}
		in.DontMatch = &ids
	}
	return in, nil
}

// cleanTerms trims each term, drops empty ones and keeps the first of terms the
// engine would read as one ("Public speaking", "public-speaking").
func cleanTerms(field string, terms []string) ([]string, error) {
	out := make([]string, 0, len(terms))
	seen := map[string]bool{}
	for _, raw := range terms {
		term := strings.Join(strings.Fields(raw), " ")
		if term == "" {
			continue
		}
		data := map[string]any{"Term": term, "Field": i18n.Field(field)}
		if domain.HasControlCharacters(raw, false) {
			return nil, invalid(field, msgControlChars, map[string]any{"Field": i18n.Field(field)})
		}
		if n := utf8.RuneCountInString(term); n > domain.MaxProfileTermRunes {
			data["Length"], data["Max"] = n, domain.MaxProfileTermRunes
			return nil, invalid(field, msgTermTooLong, data)
		}
		key := matching.Normalize(term)
		if key == "" || !strings.ContainsFunc(term, isWordRune) {
			return nil, invalid(field, msgTermNoLetters, data)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, term)
	}
	if len(out) > domain.MaxProfileTerms {
		return nil, invalid(field, msgTooManyTerms, map[string]any{"Field": i18n.Field(field), "Count": len(out), "Max": domain.MaxProfileTerms})
	}
	return out, nil
}

func cleanText(field, raw string, maxRunes int, multiline bool) (string, error) {
	text := strings.TrimSpace(raw)
	if multiline {
		text = domain.NormalizeNewlines(text)
	}
	if n := utf8.RuneCountInString(text); n > maxRunes {
		return "", invalid(field, msgTextTooLong, map[string]any{"Field": i18n.Field(field), "Length": n, "Max": maxRunes})
	}
	if domain.HasControlCharacters(text, multiline) {
		msg := msgControlChars
		if multiline {
			msg = msgControlMulti
		}
		return "", invalid(field, msg, map[string]any{"Field": i18n.Field(field)})
	}
	return text, nil
}

func (p *Profiles) cleanDontMatch(actorID string, raw []string) ([]string, error) {
	ids := make([]string, 0, len(raw))
	for _, id := range raw {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	// Counted before the lookups: each one is a call to the server.
	if len(ids) > domain.MaxDontMatch {
		return nil, invalid("dont_match", msgTooManyDontPair, map[string]any{"Count": len(ids), "Max": domain.MaxDontMatch})
	}
	for _, id := range ids {
		if err := p.checkOtherUser(actorID, "dont_match", id); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (p *Profiles) checkOtherUser(actorID, field, userID string) error {
	if userID == actorID {
		return invalid(field, msgNotYourself, map[string]any{"Field": i18n.Field(field)})
	}
	if _, found := p.deps.Directory.User(userID); !found {
		return invalid(field, msgNoSuchUser, map[string]any{"Field": i18n.Field(field), "User": userID})
	}
	return nil
}

// Of returns userID's profile as the actor may see it in the program: whole to
// the program's coordinators and system admins; without the constraint fields
// (department, manager, don't-match list) to the other person of a proposal,
// request or live match with the actor in that program; to nobody else.
func (p *Profiles) Of(actorID, programID, userID string) (*domain.Profile, error) {
	if userID == actorID {
		return p.Get(actorID)
	}
	program, err := p.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	theirs, err := p.store.GetMemberships(userID)
	if err != nil {
		return nil, err
	}
	enrollment, enrolled := theirs.Enrollments[programID]
	coordinator := p.perms.CanCoordinate(actorID, program)
	switch {
	case coordinator && !enrolled:
		return nil, notFound(msgNotAMember, map[string]any{"Program": program.Name})
	case coordinator:
	default:
		partner, err := p.matchedWith(actorID, programID, userID, enrollment)
		if err != nil {
			return nil, err
		}
		if !partner {
			return nil, forbidden(msgProfileHidden, map[string]any{"Program": program.Name})
		}
	}
	profile, _, err := p.store.GetProfile(userID)
	if err != nil {
		return nil, err
	}
	p.present(profile)
	if !coordinator {
		profile.Department, profile.ManagerID, profile.DontMatch = "", "", nil
	}
	return profile, nil
}

// matchedWith reports whether the actor and the owner of theirs (userID) share
// a match of the program that still waits for an answer or is live. Both
// enrollments reference such a match (the mentee as mentor or request, the
// mentor as mentee or incoming request); references are reservations written
// before a match commits, so the match record itself decides.
func (p *Profiles) matchedWith(actorID, programID, userID string, theirs *domain.Enrollment) (bool, error) {
	if theirs == nil {
		return false, nil
	}
	mine, err := p.store.GetMemberships(actorID)
	if err != nil {
		return false, errors.Wrap(err, "read the actor's memberships")
	}
	own, ok := mine.Enrollments[programID]
	if !ok {
		return false, nil
	}
	refs := map[string]bool{}
	for _, r := range matchRefs(own) {
		refs[r.ID] = true
	}
	for _, r := range matchRefs(theirs) {
		if !refs[r.ID] {
			continue
		}
		m, err := p.store.GetMatch(r.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // a reservation whose match never committed
		}
		if err != nil {
			return false, err
		}
		if m.ProgramID == programID && m.Partner(actorID) == userID && (m.Open() || m.Live()) {
			return true, nil
		}
	}
	return false, nil
}

func matchRefs(e *domain.Enrollment) []domain.MatchRef {
	return slices.Concat(e.Mentors, e.Mentees, e.Requests, e.Incoming)
}

// isWordRune is a letter, digit or mark of any script: a term needs one ("C#"
// has one, "!!!" has none).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }
