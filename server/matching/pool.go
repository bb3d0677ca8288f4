package matching

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// MentorPool is the mentor side of a Scorer compiled once, for scoring one
// mentee at a time against every mentor (self-serve suggestions): compiling
// thousands of mentors costs milliseconds, scoring one more mentee against
// them microseconds. Once built it is only read, so it is safe for concurrent
// use; each Scorer it returns belongs to its caller.
type MentorPool struct {
	base  *Scorer // the mentors, no mentees
	zones *zoneTable
	date  time.Time
	// excludes maps a user id to the mentors whose own rules forbid them: the
	// mentor's "don't match" list, and (when the program excludes reporting
	// lines) the mentor's managers.
	excludes             map[string][]int32
	excludeReportingLine bool
	byID                 map[string]int32 // mentor id → index
}

// NewMentorPool compiles mentors with the weights and rules of c (c.Forbidden
// is ignored: pass a mentee's forbidden mentors to Scorer). date chooses the
// day whose UTC offsets decide time-zone overlap.
func NewMentorPool(mentors []Profile, w Weights, c Constraints, vocab *Vocabulary, date time.Time) (*MentorPool, error) {
	c.Forbidden = nil
	s, zones, err := newScorer(nil, mentors, w, c, vocab, date)
	if err != nil {
		return nil, err
	}
	p := &MentorPool{base: s, zones: zones, date: date, excludes: map[string][]int32{},
		excludeReportingLine: c.ExcludeReportingLine, byID: make(map[string]int32, len(mentors))}
	for j := range mentors {
		p.byID[mentors[j].ID] = int32(j)
		for _, id := range mentors[j].DontMatch {
			p.excludes[id] = append(p.excludes[id], int32(j))
		}
		if c.ExcludeReportingLine {
			for _, id := range mentors[j].ReportingLine {
				p.excludes[id] = append(p.excludes[id], int32(j))
			}
		}
	}
	return p, nil
}

// Mentors are the pool's mentors, in the order the scorers number them.
func (p *MentorPool) Mentors() []Profile { return p.base.Mentors }

// Scorer returns a Scorer of one mentee (index 0) against every mentor of the
// pool, with the same scores and reasons as NewScorer would give; forbidden
// lists mentor ids the mentee must not be paired with. A term only the mentee
// uses is left out: no mentor shares it, so it changes no score.
func (p *MentorPool) Scorer(mentee Profile, forbidden []string) (*Scorer, error) {
	b := p.base
	if strings.TrimSpace(mentee.ID) == "" {
		return nil, fmt.Errorf("the mentee has no id")
	}
	if err := checkProfiles([]Profile{mentee}, nil); err != nil {
		return nil, err
	}
	s := &Scorer{
		Mentees: []Profile{mentee}, Mentors: b.Mentors, weights: b.weights, vocab: b.vocab,
		mentors: b.mentors, departments: b.departments, separateDepartments: b.separateDepartments,
	}
	m := &s.Mentees[0]
	e := person{
		profile: m, experience: m.ExperienceYears, department: -1,
		wanted: b.vocab.known(m.SkillsWanted), offered: b.vocab.known(m.SkillsOffered),
		interests: b.vocab.known(m.Interests), goals: b.vocab.known(m.Goals), langs: b.vocab.known(m.Languages),
		offersOrLikes: b.vocab.known(append(append([]string(nil), m.SkillsOffered...), m.Interests...)),
	}
	if id, ok := b.departments[Normalize(m.Department)]; ok {
		e.department = id
	}
	zone, overlap, err := p.zoneOf(m)
	if err != nil {
		return nil, err
	}
	e.zone, s.overlap = zone, overlap
	s.mentees = []person{e}
	s.forbidden = [][]int32{p.forbiddenFor(m, forbidden)}
	if err := s.checkScoreBound(); err != nil {
		return nil, err
	}
	return s, nil
}

// zoneOf places the mentee's working hours among the mentors' zones; a zone
// no mentor has gets an overlap row of its own, the pool's rows are shared.
func (p *MentorPool) zoneOf(m *Profile) (int, [][]int32, error) {
	local := &zoneTable{index: map[string]int{}}
	if _, err := local.add(m); err != nil {
		return 0, nil, fmt.Errorf("mentee %s: %w", m.ID, err)
	}
	if len(local.locs) == 0 {
		return -1, p.base.overlap, nil
	}
	for key := range local.index {
		if z, ok := p.zones.index[key]; ok {
			return z, p.base.overlap, nil
		}
	}
	row := make([]int32, len(p.zones.locs))
	for z := range row {
		row[z] = int32(OverlapMinutes(local.locs[0], local.hours[0], p.zones.locs[z], p.zones.hours[z], p.date))
	}
	overlap := append(slices.Clip(p.base.overlap), row)
	return len(overlap) - 1, overlap, nil
}

// forbiddenFor is compileConstraints for one mentee: never the same person,
// either side's "don't match" list, reporting lines when excluded, and the
// pairs the caller forbids. Sorted, without duplicates.
func (p *MentorPool) forbiddenFor(m *Profile, extra []string) []int32 {
	ids := append(append([]string{m.ID}, m.DontMatch...), extra...)
	if p.excludeReportingLine {
		ids = append(ids, m.ReportingLine...)
	}
	out := slices.Clone(p.excludes[m.ID])
	for _, id := range ids {
		if j, ok := p.byID[id]; ok {
			out = append(out, j)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
