package matching

import (
	"fmt"
	"math"
)

// check refuses weights beyond ±MaxWeight, naming the weight as in JSON.
func (w Weights) check() error {
	for _, f := range w.fields() {
		if f.value > MaxWeight || f.value < -MaxWeight {
			return fmt.Errorf("weight %q is %d, outside the accepted range ±%d", f.name, f.value, MaxWeight)
		}
	}
	return nil
}

type weightField struct {
	name  string
	value int
}

func (w Weights) fields() []weightField {
	return []weightField{
		{"skill", w.Skill}, {"interest", w.Interest}, {"goal", w.Goal},
		{"language", w.Language}, {"time_zone", w.TimeZone}, {"experience", w.Experience},
	}
}

// checkProfiles refuses what would make scoring or solving meaningless: a
// capacity out of range, or an experience that is not a finite number (NaN
// would turn into an arbitrary integer number of years).
func checkProfiles(mentees, mentors []Profile) error {
	for _, group := range []struct {
		role     string
		profiles []Profile
	}{{"mentee", mentees}, {"mentor", mentors}} {
		for i := range group.profiles {
			p := &group.profiles[i]
			if math.IsNaN(p.ExperienceYears) || math.IsInf(p.ExperienceYears, 0) {
				return fmt.Errorf("%s %q: experience_years must be a finite number", group.role, p.ID)
			}
		}
	}
	for j := range mentors {
		switch c := mentors[j].Capacity; {
		case c < 0:
			return fmt.Errorf("mentor %q (index %d) has negative capacity %d", mentors[j].ID, j, c)
		case c > MaxCapacity:
			return fmt.Errorf("mentor %q (index %d) has capacity %d, above the limit of %d", mentors[j].ID, j, c, MaxCapacity)
		}
	}
	return nil
}

// timeZonePoints is the weight per hour of shared working time (≤ 24 h).
func timeZonePoints(weight, minutes int) int64 { return int64(weight) * int64(minutes) / 60 }

// experiencePoints rewards a mentor ahead by up to 10 years and takes twice
// as much off per year behind.
func experiencePoints(weight int, gap float64, years int) int64 {
	if gap >= 0 {
		return int64(weight) * int64(years)
	}
	return -2 * int64(weight) * int64(years)
}

// checkScoreBound proves that no pair can score beyond ±MaxScore with these
// weights: each part of a score is at most |weight| × the most terms two
// profiles can share (the shorter of the longest lists on each side), 24 hours
// of overlap, or 20 years' worth of experience points. Only long term lists can
// push a pair past the bound (the fixed parts stay below 5·10^7), so the error
// names the list.
func (s *Scorer) checkScoreBound() error {
	longest := func(people []person, set func(*person) termSet) int64 {
		n := 0
		for k := range people {
			t := set(&people[k])
			n = max(n, t.common(t))
		}
		return int64(n)
	}
	shared := func(mentee, mentor func(*person) termSet) int64 {
		return min(longest(s.mentees, mentee), longest(s.mentors, mentor))
	}
	w := s.weights
	lists := []struct {
		name   string
		weight int
		count  int64
	}{
		{"skill", w.Skill, shared(func(p *person) termSet { return p.wanted }, func(p *person) termSet { return p.offered })},
		{"interest", w.Interest, shared(func(p *person) termSet { return p.interests }, func(p *person) termSet { return p.interests })},
		{"goal", w.Goal, shared(func(p *person) termSet { return p.goals }, func(p *person) termSet { return p.offersOrLikes })},
	}
	bound := abs64(int64(w.Language)) + 24*abs64(int64(w.TimeZone)) + 20*abs64(int64(w.Experience))
	biggest := 0
	for k, l := range lists {
		bound = satAdd(bound, satMul(abs64(int64(l.weight)), l.count))
		if satMul(abs64(int64(l.weight)), l.count) > satMul(abs64(int64(lists[biggest].weight)), lists[biggest].count) {
			biggest = k
		}
	}
	if bound > MaxScore {
		l := lists[biggest]
		return fmt.Errorf("with these weights a pair could score up to %d points, above the limit of %d: the %q weight %d × up to %d shared %s terms; lower the weights or shorten the lists",
			bound, MaxScore, l.name, l.weight, l.count, l.name)
	}
	return nil
}
