package app

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// rosterEntry builds a member's roster entry from their enrollment, profile and
// Mattermost user: what matching and member lists read.
func (s *Enrollments) rosterEntry(e *domain.Enrollment) (*store.RosterEntry, error) {
	entry := store.MinimalRosterEntry(e)
	profile, _, err := s.store.GetProfile(e.UserID)
	if err != nil {
		return nil, err
	}
	user, _ := s.deps.Directory.User(e.UserID)
	entry.Username, entry.Name = user.Username, user.FullName
	zone := profile.TimeZone
	if user.TimeZone != "" {
		zone = user.TimeZone
	}
	entry.Profile = matching.Profile{
		ID: e.UserID, Name: "@" + user.Username,
		SkillsOffered: profile.SkillsOffered, SkillsWanted: profile.SkillsWanted,
		Interests: profile.Interests, Languages: profile.Languages,
		ExperienceYears: profile.ExperienceYears, TimeZone: validZone(zone),
		AvailabilityHours: profile.AvailabilityHours, Department: profile.Department,
		DontMatch: profile.DontMatch, Capacity: e.MentorCapacity(),
	}
	if profile.ManagerID != "" {
		entry.Profile.ReportingLine = []string{profile.ManagerID}
	}
	if user.Username == "" {
		entry.Profile.Name = ""
	}
	return entry, nil
}

// list writes the member's roster entry from e (before or after e's commit,
// see store/roster.go) and returns the page it is on.
func (s *Enrollments) list(e *domain.Enrollment) (int, error) {
	entry, err := s.rosterEntry(e)
	if err != nil {
		return 0, err
	}
	return s.store.PutRosterEntry(e.ProgramID, e.RosterPage, e.Listed, entry)
}

// relist rewrites the member's roster entry from their committed enrollment.
// The enrollment is authoritative and already saved; a roster write that fails
// leaves an entry that is behind until the member's next change, which matching
// tolerates (publishing checks every enrollment), so the error is returned for
// the caller to decide.
func (s *Enrollments) relist(programID, userID string) error {
	m, err := s.store.GetMemberships(userID)
	if err != nil {
		return err
	}
	e, ok := m.Enrollments[programID]
	if !ok {
		return nil
	}
	page, err := s.list(e)
	if err != nil || e.Listed {
		return err
	}
	_, err = s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		e, ok := m.Enrollments[programID]
		if !ok || e.Listed {
			return store.ErrUnchanged
		}
		e.RosterPage, e.Listed = page, true
		return nil
	})
	return err
}

// Relist rewrites the user's entries in the rosters of every program they are
// in, after their profile changed (matching reads profiles from the roster).
func (s *Enrollments) Relist(userID string) error {
	m, err := s.store.GetMemberships(userID)
	if err != nil {
		return err
	}
	for programID, e := range m.Enrollments {
		if !e.InProgram() {
			continue
		}
		if err := s.relist(programID, userID); err != nil {
			return err
		}
	}
	return nil
}

// maxRepairsPerPage bounds how many entries without a name (listed by the
// schema 3 migration) one member page completes.
const maxRepairsPerPage = 50

// MembersPage returns one page of the program's members, filtered by the query
// (coordinators and admins). It reads the roster (usually from this node's
// cache) and then each listed member's enrollment, so it shows committed state.
func (s *Enrollments) MembersPage(actorID, programID string, q MemberQuery) (*MemberPage, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	if err := validateMemberQuery(q); err != nil {
		return nil, err
	}
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	var selected []*store.RosterEntry
	repairs := 0
	for _, entry := range roster.Entries {
		if entry.Username == "" && repairs < maxRepairsPerPage {
			repairs++
			if err := s.relist(p.ID, entry.UserID); err == nil {
				if user, ok := s.deps.Directory.User(entry.UserID); ok {
					copyEntry := *entry
					copyEntry.Username, copyEntry.Name = user.Username, user.FullName
					entry = &copyEntry
				}
			}
		}
		if !q.selects(entry) {
			continue
		}
		selected = append(selected, entry)
	}
	out := &MemberPage{Page: q.Page, Total: len(selected), Pages: (len(selected) + MemberPageSize - 1) / MemberPageSize}
	from := q.Page * MemberPageSize
	if from >= len(selected) {
		out.Members = []MemberRow{}
		return out, nil
	}
	now := s.deps.Now()
	for _, entry := range selected[from:min(len(selected), from+MemberPageSize)] {
		m, err := s.store.GetMemberships(entry.UserID)
		if err != nil {
			return nil, err
		}
		e, ok := m.Enrollments[p.ID]
		if !ok {
			continue // listed by a join that never committed
		}
		e.ResumeIfDue(now)
		out.Members = append(out.Members, MemberRow{Enrollment: e, Username: entry.Username, Name: entry.Name, Load: len(e.Mentees) + len(e.Mentors)})
	}
	if out.Members == nil {
		out.Members = []MemberRow{}
	}
	return out, nil
}

// selects reports whether a roster entry belongs on the query's pages: members
// who left or were declined only when asked for by status.
func (q MemberQuery) selects(e *store.RosterEntry) bool {
	switch {
	case q.Status != "" && e.Status != q.Status:
		return false
	case q.Status == "" && (e.Status == domain.StatusLeft || e.Status == domain.StatusDeclined):
		return false
	case q.Role != "" && e.Role != q.Role:
		return false
	}
	return store.RosterMatches(e, q.Search)
}

// validZone returns zone when Go knows it (matching refuses unknown zones), else "".
func validZone(zone string) string {
	if zone == "" {
		return ""
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return ""
	}
	return zone
}

func validateMemberQuery(q MemberQuery) error {
	switch {
	case q.Page < 0 || q.Page > 100000:
		return invalid("page", msgBadPage, map[string]any{"Value": q.Page})
	case q.Role != "" && !domain.Contains(domain.Roles, q.Role):
		return invalid("role", msgBadRole, map[string]any{"Value": q.Role})
	case q.Status != "" && !domain.Contains(memberStatuses, q.Status):
		return invalid("status", msgBadStatusFilter, map[string]any{"Value": q.Status, "Allowed": strings.Join(memberStatuses, ", ")})
	case len(q.Search) > 100:
		return invalid("q", msgSearchTooLong, nil)
	}
	return nil
}

var memberStatuses = []string{domain.StatusPending, domain.StatusActive, domain.StatusPaused, domain.StatusLeft, domain.StatusDeclined}

// Vocabulary fields.
const (
	VocabularySkills    = "skills"
	VocabularyInterests = "interests"
	VocabularyLanguages = "languages"
)

// MaxVocabularyTerms bounds one vocabulary answer.
const MaxVocabularyTerms = 50

// Vocabulary returns up to limit terms the program's members use for field
// (skills offered and wanted, interests or languages), most used first, that
// start with prefix (normalized as the engine does). Any member of the program
// (and its coordinators) may ask: it helps them write a profile others match.
func (s *Enrollments) Vocabulary(actorID, programID, field, prefix string, limit int) ([]string, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if !s.perms.CanCoordinate(actorID, p) {
		m, err := s.store.GetMemberships(actorID)
		if err != nil {
			return nil, err
		}
		if e, ok := m.Enrollments[p.ID]; !ok || !e.InProgram() {
			return nil, forbidden(msgNotEnrolled, map[string]any{"Program": p.Name, "Slug": p.Slug})
		}
	}
	if field != VocabularySkills && field != VocabularyInterests && field != VocabularyLanguages {
		return nil, invalid("field", msgBadVocabularyField, map[string]any{"Value": field})
	}
	if limit <= 0 || limit > MaxVocabularyTerms {
		limit = MaxVocabularyTerms
	}
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	prefix = matching.Normalize(prefix)
	counts := map[string]int{}
	shown := map[string]string{} // normalized → first spelling seen
	add := func(terms []string) {
		for _, t := range terms {
			n := matching.Normalize(t)
			if n == "" || !strings.HasPrefix(n, prefix) {
				continue
			}
			counts[n]++
			if _, ok := shown[n]; !ok {
				shown[n] = strings.TrimSpace(t)
			}
		}
	}
	for _, e := range roster.Entries {
		switch field {
		case VocabularySkills:
			add(e.Profile.SkillsOffered)
			add(e.Profile.SkillsWanted)
		case VocabularyInterests:
			add(e.Profile.Interests)
		case VocabularyLanguages:
			add(e.Profile.Languages)
		}
	}
	terms := make([]string, 0, len(counts))
	for n := range counts {
		terms = append(terms, n)
	}
	slices.SortFunc(terms, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	out := make([]string, 0, min(limit, len(terms)))
	for _, n := range terms[:min(limit, len(terms))] {
		out = append(out, shown[n])
	}
	return out, nil
}

var (
	msgBadPage            = &i18n.Message{ID: "app.members.bad_page", Other: "Page {{.Value}} does not exist; pages are numbered from 0."}
	msgBadStatusFilter    = &i18n.Message{ID: "app.members.bad_status", Other: "\"{{.Value}}\" is not a status; use one of: {{.Allowed}}."}
	msgSearchTooLong      = &i18n.Message{ID: "app.members.search_too_long", Other: "Search for at most 100 characters of a name or username."}
	msgBadVocabularyField = &i18n.Message{ID: "app.vocabulary.bad_field", Other: "\"{{.Value}}\" is not a vocabulary; ask for skills, interests or languages."}
)
