package matching

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Reason kinds, for surfaces that render reasons in the reader's language.
const (
	ReasonSkill      = "skill"
	ReasonInterest   = "interest"
	ReasonGoal       = "goal"
	ReasonLanguage   = "language"
	ReasonTimeZone   = "time_zone"
	ReasonExperience = "experience"
)

// Reason is one human-readable part of a pair's score.
type Reason struct {
	Kind   string `json:"kind"`
	Term   string `json:"term,omitempty"`   // the skill, interest, goal or language
	Amount int    `json:"amount,omitempty"` // minutes of overlap, years of experience (signed)
	Points int64  `json:"points"`
	Text   string `json:"text"` // English rendering
}

// person is a profile compiled for fast scoring.
type person struct {
	profile                                  *Profile
	wanted, offered, interests, goals, langs termSet
	offersOrLikes                            termSet // offered ∪ interests, for goals
	zone                                     int     // index into the overlap table, -1 = unknown
	experience                               float64
	department                               int32 // interned; -1 = not given
}

// Scorer scores mentee × mentor pairs from profiles. Build it once (not safe
// for concurrent building); Score and Explain are safe for concurrent use.
type Scorer struct {
	Mentees, Mentors []Profile
	weights          Weights
	vocab            *Vocabulary
	mentees, mentors []person
	overlap          [][]int32 // zone × zone → minutes of shared working time
	forbidden        [][]int32 // per mentee: sorted forbidden mentor indices
	// departments interns department names; separateDepartments forbids pairs
	// within one.
	departments         map[string]int32
	separateDepartments bool
}

// NewScorer compiles the profiles. date chooses the day whose real UTC offsets
// are used for working-hour overlap.
func NewScorer(mentees, mentors []Profile, w Weights, c Constraints, vocab *Vocabulary, date time.Time) (*Scorer, error) {
	s, _, err := newScorer(mentees, mentors, w, c, vocab, date)
	return s, err
}

// newScorer is NewScorer that also returns the zone table (MentorPool adds
// mentees to it later).
func newScorer(mentees, mentors []Profile, w Weights, c Constraints, vocab *Vocabulary, date time.Time) (*Scorer, *zoneTable, error) {
	if vocab == nil {
		vocab = NewVocabulary(nil)
	}
	if err := w.check(); err != nil {
		return nil, nil, err
	}
	if err := checkProfiles(mentees, mentors); err != nil {
		return nil, nil, err
	}
	s := &Scorer{Mentees: mentees, Mentors: mentors, weights: w, vocab: vocab,
		departments: map[string]int32{}, separateDepartments: c.ExcludeSameDepartment}
	zones := &zoneTable{index: map[string]int{}}
	var err error
	if s.mentees, err = s.compile(mentees, zones, "mentee"); err != nil {
		return nil, nil, err
	}
	if s.mentors, err = s.compile(mentors, zones, "mentor"); err != nil {
		return nil, nil, err
	}
	s.overlap = zones.overlaps(date)
	if err := s.compileConstraints(c); err != nil {
		return nil, nil, err
	}
	if err := s.checkScoreBound(); err != nil {
		return nil, nil, err
	}
	return s, zones, nil
}

func (s *Scorer) compile(profiles []Profile, zones *zoneTable, role string) ([]person, error) {
	out := make([]person, len(profiles))
	for i := range profiles {
		p := &profiles[i]
		if strings.TrimSpace(p.ID) == "" {
			return nil, fmt.Errorf("%s %d has no id", role, i)
		}
		zone, err := zones.add(p)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", role, p.ID, err)
		}
		out[i] = person{
			profile: p, zone: zone, experience: p.ExperienceYears, department: s.department(p.Department),
			wanted: s.vocab.set(p.SkillsWanted), offered: s.vocab.set(p.SkillsOffered),
			interests: s.vocab.set(p.Interests), goals: s.vocab.set(p.Goals), langs: s.vocab.set(p.Languages),
			offersOrLikes: s.vocab.set(append(append([]string(nil), p.SkillsOffered...), p.Interests...)),
		}
	}
	return out, nil
}

func (s *Scorer) department(name string) int32 {
	name = Normalize(name)
	if name == "" {
		return -1
	}
	id, ok := s.departments[name]
	if !ok {
		id = int32(len(s.departments))
		s.departments[name] = id
	}
	return id
}

func (s *Scorer) compileConstraints(c Constraints) error {
	menteeIndex := map[string]int{}
	for i := range s.Mentees {
		menteeIndex[s.Mentees[i].ID] = i
	}
	mentorIndex := map[string]int{}
	for j := range s.Mentors {
		mentorIndex[s.Mentors[j].ID] = j
	}
	forbidden := make([][]int32, len(s.Mentees))
	forbid := func(i, j int) { forbidden[i] = append(forbidden[i], int32(j)) }
	for i := range s.Mentees {
		if j, ok := mentorIndex[s.Mentees[i].ID]; ok {
			forbid(i, j) // never the same person
		}
		for _, id := range s.Mentees[i].DontMatch {
			if j, ok := mentorIndex[id]; ok {
				forbid(i, j)
			}
		}
		if c.ExcludeReportingLine {
			for _, id := range s.Mentees[i].ReportingLine {
				if j, ok := mentorIndex[id]; ok {
					forbid(i, j)
				}
			}
		}
	}
	for j := range s.Mentors {
		for _, id := range s.Mentors[j].DontMatch {
			if i, ok := menteeIndex[id]; ok {
				forbid(i, j)
			}
		}
		if c.ExcludeReportingLine {
			for _, id := range s.Mentors[j].ReportingLine {
				if i, ok := menteeIndex[id]; ok {
					forbid(i, j)
				}
			}
		}
	}
	for _, pair := range c.Forbidden {
		i, okI := menteeIndex[pair[0]]
		j, okJ := mentorIndex[pair[1]]
		if !okI || !okJ {
			return fmt.Errorf("forbidden pair [%q, %q] names an unknown mentee or mentor", pair[0], pair[1])
		}
		forbid(i, j)
	}
	for i := range forbidden {
		slices.Sort(forbidden[i])
		forbidden[i] = slices.Compact(forbidden[i])
	}
	s.forbidden = forbidden
	return nil
}

// Problem returns the assignment problem over these profiles; mentors' capacity
// comes from their profiles.
func (s *Scorer) Problem(policy Policy, minScore int64) Problem {
	capacity := make([]int, len(s.Mentors))
	for j := range s.Mentors {
		capacity[j] = s.Mentors[j].Capacity
	}
	return Problem{Mentees: len(s.Mentees), Capacity: capacity, Score: s.Score, Policy: policy, MinScore: minScore}
}

// Score is the pair's integer score, or false when a hard constraint forbids it.
func (s *Scorer) Score(i, j int) (int64, bool) {
	return s.evaluate(i, j, nil)
}

// Explain is Score with the reasons behind it.
func (s *Scorer) Explain(i, j int) (int64, bool, []Reason) {
	var reasons []Reason
	score, ok := s.evaluate(i, j, &reasons)
	return score, ok, reasons
}

// evaluate is the one scoring routine; it records reasons only when asked, so
// the hot path and the explanation can never disagree.
func (s *Scorer) evaluate(i, j int, reasons *[]Reason) (int64, bool) {
	if f := s.forbidden[i]; len(f) > 0 {
		if _, found := slices.BinarySearch(f, int32(j)); found {
			return 0, false
		}
	}
	e, m := &s.mentees[i], &s.mentors[j]
	if s.separateDepartments && e.department >= 0 && e.department == m.department {
		return 0, false
	}
	sharedLanguages := e.langs.common(m.langs)
	if len(s.Mentees[i].Languages) > 0 && len(s.Mentors[j].Languages) > 0 && sharedLanguages == 0 {
		return 0, false // no language in common: they could not talk
	}
	// int64 throughout; checkScoreBound proved at construction that no pair
	// can leave ±MaxScore, so none of this overflows.
	w := &s.weights
	var score int64
	skills := int64(e.wanted.common(m.offered))
	interests := int64(e.interests.common(m.interests))
	goals := int64(e.goals.common(m.offersOrLikes))
	score += int64(w.Skill)*skills + int64(w.Interest)*interests + int64(w.Goal)*goals
	if sharedLanguages > 0 {
		score += int64(w.Language)
	}
	minutes := 0
	if e.zone >= 0 && m.zone >= 0 {
		minutes = int(s.overlap[e.zone][m.zone])
		score += timeZonePoints(w.TimeZone, minutes)
	}
	gap := m.experience - e.experience // finite: checkProfiles
	years := int(math.Min(math.Abs(gap), 10))
	score += experiencePoints(w.Experience, gap, years)
	if reasons != nil {
		s.explain(e, m, minutes, gap, years, reasons)
	}
	return score, true
}

func (s *Scorer) explain(e, m *person, minutes int, gap float64, years int, out *[]Reason) {
	w := &s.weights
	mentor := m.profile.DisplayName()
	for _, t := range s.sharedTerms(e.wanted, m.offered) {
		*out = append(*out, Reason{Kind: ReasonSkill, Term: t, Points: int64(w.Skill),
			Text: fmt.Sprintf("wants %s — %s offers it", t, mentor)})
	}
	for _, t := range s.sharedTerms(e.goals, m.offersOrLikes) {
		*out = append(*out, Reason{Kind: ReasonGoal, Term: t, Points: int64(w.Goal),
			Text: fmt.Sprintf("goal %q — %s knows it", t, mentor)})
	}
	for _, t := range s.sharedTerms(e.interests, m.interests) {
		*out = append(*out, Reason{Kind: ReasonInterest, Term: t, Points: int64(w.Interest),
			Text: fmt.Sprintf("both interested in %s", t)})
	}
	for i, t := range s.sharedTerms(e.langs, m.langs) {
		t = titleCase(t)
		points := int64(0)
		if i == 0 {
			points = int64(w.Language) // sharing a language scores once
		}
		*out = append(*out, Reason{Kind: ReasonLanguage, Term: t, Points: points, Text: "both speak " + t})
	}
	if minutes > 0 {
		*out = append(*out, Reason{Kind: ReasonTimeZone, Amount: minutes, Points: timeZonePoints(w.TimeZone, minutes),
			Text: fmt.Sprintf("%s of shared working hours", hours(minutes))})
	}
	if years > 0 {
		text, amount, points := fmt.Sprintf("%d years more experience", years), years, experiencePoints(w.Experience, gap, years)
		if years == 1 {
			text = "1 year more experience"
		}
		if gap < 0 {
			text, amount = fmt.Sprintf("mentor has %d years less experience", years), -years
		}
		*out = append(*out, Reason{Kind: ReasonExperience, Amount: amount, Points: points, Text: text})
	}
}

// sharedTerms are the terms in both sets, alphabetically: reasons read the
// same however the vocabulary happened to number the terms.
func (s *Scorer) sharedTerms(a, b termSet) []string {
	var terms []string
	a.each(b, func(id int) { terms = append(terms, s.vocab.Term(id)) })
	slices.Sort(terms)
	return terms
}

func hours(minutes int) string {
	if minutes%60 == 0 {
		return fmt.Sprintf("%d h", minutes/60)
	}
	return fmt.Sprintf("%.1f h", float64(minutes)/60)
}

func titleCase(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// zoneTable numbers the distinct (time zone, working hours) combinations.
type zoneTable struct {
	index map[string]int
	locs  []*time.Location
	hours []WorkingHours
}

func (z *zoneTable) add(p *Profile) (int, error) {
	if strings.TrimSpace(p.TimeZone) == "" {
		return -1, nil
	}
	h := DefaultWorkingHours
	if p.WorkingHours != nil {
		h = *p.WorkingHours
		if h.Start < 0 || h.End > 24*60 || h.Start >= h.End {
			return 0, fmt.Errorf("working hours %d–%d are not a window within one day (minutes after midnight)", h.Start, h.End)
		}
	}
	key := fmt.Sprintf("%s|%d|%d", p.TimeZone, h.Start, h.End)
	if i, ok := z.index[key]; ok {
		return i, nil
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return 0, fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/Madrid", p.TimeZone)
	}
	z.index[key] = len(z.locs)
	z.locs = append(z.locs, loc)
	z.hours = append(z.hours, h)
	return len(z.locs) - 1, nil
}

func (z *zoneTable) overlaps(date time.Time) [][]int32 {
	t := make([][]int32, len(z.locs))
	for a := range t {
		t[a] = make([]int32, len(z.locs))
		for b := range t[a] {
			t[a][b] = int32(OverlapMinutes(z.locs[a], z.hours[a], z.locs[b], z.hours[b], date))
		}
	}
	return t
}
