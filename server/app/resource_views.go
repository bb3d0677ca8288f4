package app

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgResourceQuery = &i18n.Message{ID: "app.resource.query", Other: "Search for at most {{.Max}} characters."}
	msgJoinToSee     = &i18n.Message{ID: "app.resource.join_to_see", Other: "The resources of {{.Program}} are for its members; join it to see them."}
	msgBadAudience   = &i18n.Message{ID: "app.resource.audience_filter", Other: "audience must be one of: {{.Allowed}}; \"{{.Value}}\" is not."}
)

// Paging of resource lists.
const (
	DefaultResourcePage = 50
	MaxResourcePage     = 200
	// maxRecommended is how many recommendations a member gets.
	maxRecommended = 10
)

// ResourceQuery filters and pages a resource list. Q ranks by words and tags;
// Tag keeps resources with that tag; Audience keeps one audience.
type ResourceQuery struct {
	Q        string
	Tag      string
	Audience string
	Page     int // from 0
	PerPage  int // 0: DefaultResourcePage
}

// ResourceList is one page of resources.
type ResourceList struct {
	Items []*ResourceView `json:"items"`
	Total int             `json:"total"`
}

// Recommendations are the resources picked for a member, and what from: the
// profile's terms, and how many open goals (their titles are not repeated).
type Recommendations struct {
	Items   []*ResourceView `json:"items"`
	BasedOn []string        `json:"based_on"`
	Goals   int             `json:"goals"`
}

// candidate is a resource a reader may see, with its rank.
type candidate struct {
	r     *domain.Resource
	rd    *resourceReader
	score float64
}

func (q *ResourceQuery) validate() error {
	q.Q, q.Tag = strings.TrimSpace(q.Q), strings.ToLower(strings.TrimSpace(q.Tag))
	if len([]rune(q.Q)) > maxQueryRunes {
		return invalid("q", msgResourceQuery, map[string]any{"Max": maxQueryRunes})
	}
	if q.Audience != "" && !slices.Contains(domain.Audiences, q.Audience) {
		return invalid("audience", msgBadAudience, map[string]any{"Allowed": strings.Join(domain.Audiences, ", "), "Value": q.Audience})
	}
	if q.PerPage <= 0 || q.PerPage > MaxResourcePage {
		q.PerPage = DefaultResourcePage
	}
	q.Page = max(q.Page, 0)
	return nil
}

// List returns the published resources of a program's hub and the global
// one that the actor reads, ranked when q.Q is set, newest first otherwise.
func (s *Resources) List(actorID, programID string, q ResourceQuery) (*ResourceList, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	own, err := s.readerIn(actorID, p)
	if err != nil {
		return nil, err
	}
	if !own.manage && !own.member {
		return nil, forbidden(msgJoinToSee, map[string]any{"Program": p.Name})
	}
	global, err := s.globalReader(actorID, programID)
	if err != nil {
		return nil, err
	}
	return s.listFrom(map[string]*resourceReader{programID: own, store.GlobalScope: global}, q)
}

// Search returns what the actor reads across the global hub and the hubs of
// every program they are in or coordinate, ranked when q.Q is set.
func (s *Resources) Search(actorID string, q ResourceQuery) (*ResourceList, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	global, err := s.globalReader(actorID, "")
	if err != nil {
		return nil, err
	}
	scopes := map[string]*resourceReader{store.GlobalScope: global}
	hubs, err := s.programHubs(actorID)
	if err != nil {
		return nil, err
	}
	for _, h := range hubs {
		if h.reader.manage || h.reader.member {
			scopes[h.program.ID] = h.reader
		}
	}
	return s.listFrom(scopes, q)
}

// listFrom gathers, ranks and pages the published resources of the scopes.
func (s *Resources) listFrom(scopes map[string]*resourceReader, q ResourceQuery) (*ResourceList, error) {
	var found []candidate
	for scope, rd := range scopes {
		if rd == nil {
			continue
		}
		got, err := s.candidates(scope, rd, q)
		if err != nil {
			return nil, err
		}
		found = append(found, got...)
	}
	slices.SortFunc(found, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), b.r.UpdatedAt.Compare(a.r.UpdatedAt), cmp.Compare(a.r.ID, b.r.ID))
	})
	out := &ResourceList{Items: []*ResourceView{}, Total: len(found)}
	from := min(q.Page*q.PerPage, len(found))
	for _, c := range found[from:min(from+q.PerPage, len(found))] {
		out.Items = append(out.Items, s.withCounts(s.view(c.r, c.rd.manage, c.rd.countIn)))
	}
	return out, nil
}

// candidates are the scope's published resources the reader reads that pass
// the filters, scored by the search when there are words.
func (s *Resources) candidates(scope string, rd *resourceReader, q ResourceQuery) ([]candidate, error) {
	h, err := s.hubOf(scope)
	if err != nil {
		return nil, err
	}
	keep := func(r *domain.Resource) bool {
		return r != nil && r.Status == domain.ResourcePublished && rd.reads(r) &&
			(q.Tag == "" || slices.Contains(r.Tags, q.Tag)) && (q.Audience == "" || r.Audience == q.Audience)
	}
	var out []candidate
	if q.Q == "" {
		for _, r := range h.records {
			if keep(r) {
				out = append(out, candidate{r: r, rd: rd})
			}
		}
		return out, nil
	}
	idx, err := h.searcher()
	if err != nil {
		return nil, err
	}
	hits, err := idx.query(q.Q)
	if err != nil {
		return nil, err
	}
	for _, hit := range hits {
		if r := h.byID[hit.ID]; keep(r) {
			out = append(out, candidate{r: r, rd: rd, score: hit.Score})
		}
	}
	return out, nil
}

// Suggested lists a program's suggestions waiting for approval (its managers).
func (s *Resources) Suggested(actorID, programID string) (*ResourceList, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	h, err := s.hubOf(programID)
	if err != nil {
		return nil, err
	}
	out := &ResourceList{Items: []*ResourceView{}}
	for _, r := range h.records {
		if r.Status == domain.ResourceSuggested {
			out.Items = append(out.Items, s.view(r, true, ""))
		}
	}
	slices.SortFunc(out.Items, func(a, b *ResourceView) int { return a.CreatedAt.Compare(b.CreatedAt) })
	out.Total = len(out.Items)
	return out, nil
}

// Recommended picks resources for the actor in a program from what they want
// to learn (their profile's skills wanted and interests) and the open goals
// of their live matches in the program.
func (s *Resources) Recommended(actorID, programID string) (*Recommendations, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	rd, err := s.readerIn(actorID, p)
	if err != nil {
		return nil, err
	}
	if !rd.manage && !rd.member {
		return nil, forbidden(msgJoinToSee, map[string]any{"Program": p.Name})
	}
	terms, goals, err := s.interestsOf(actorID, p.ID)
	if err != nil {
		return nil, err
	}
	out := &Recommendations{Items: []*ResourceView{}, BasedOn: terms, Goals: len(goals)}
	query := slices.Concat(terms, goals)
	if len(query) == 0 {
		return out, nil
	}
	// The query is bounded; the first terms (what they want to learn) win.
	for len(strings.Join(query, " ")) > maxQueryRunes && len(query) > 1 {
		query = query[:len(query)-1]
	}
	list, err := s.List(actorID, programID, ResourceQuery{Q: strings.Join(query, " "), PerPage: maxRecommended})
	if err != nil {
		return nil, err
	}
	out.Items = list.Items
	return out, nil
}

// interestsOf are what a member's recommendations are searched with: the
// profile's skills wanted and interests, and the titles of their open goals.
func (s *Resources) interestsOf(userID, programID string) (terms, goals []string, err error) {
	profile, _, err := s.store.GetProfile(userID)
	if err != nil {
		return nil, nil, err
	}
	seen := func(list []string, v string) bool {
		return slices.ContainsFunc(list, func(t string) bool { return strings.EqualFold(t, v) })
	}
	for _, v := range slices.Concat(profile.SkillsWanted, profile.Interests) {
		if v = strings.TrimSpace(v); v != "" && !seen(terms, v) {
			terms = append(terms, v)
		}
	}
	titles, err := s.openGoalTitles(userID, programID)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range titles {
		if v = strings.TrimSpace(v); v != "" && !seen(terms, v) && !seen(goals, v) {
			goals = append(goals, v)
		}
	}
	return terms, goals, nil
}

// openGoalTitles are the titles of the open goals of the user's live matches
// in the program.
func (s *Resources) openGoalTitles(userID, programID string) ([]string, error) {
	enrollments, err := s.enrollments.ByProgram(userID)
	if err != nil {
		return nil, err
	}
	e := enrollments[programID]
	if e == nil {
		return nil, nil
	}
	var titles []string
	for _, ref := range slices.Concat(e.Mentors, e.Mentees) {
		goals, err := s.store.GetGoals(ref.ID)
		if err != nil {
			return nil, err
		}
		for _, g := range goals.Goals {
			if g.Open() {
				titles = append(titles, g.Title)
			}
		}
	}
	return titles, nil
}
