package matching

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Policy says what to do with mentees that cannot all get a good match.
type Policy string

// Policies.
const (
	// Participation matches as many mentees as possible, then maximizes the total
	// score. MinScore is ignored.
	Participation Policy = "participation"
	// Quality maximizes the total score using only pairs scoring at least
	// MinScore, then, among assignments with that total, matches as many
	// mentees as possible: a mentee stays unmatched only when matching it would
	// lower the total.
	Quality Policy = "quality"
)

// Problem is one capacitated assignment: mentees × mentors with integer scores.
type Problem struct {
	Mentees int // at most MaxInstancePeople
	// Capacity per mentor, 0..MaxCapacity (at most MaxInstancePeople mentors).
	Capacity []int
	// Score returns the score of mentee i with mentor j, and false when the pair
	// is forbidden. It is called from several goroutines at once, and must
	// return the same value every time. Allowed scores lie within ±MaxScore.
	Score    func(i, j int) (int64, bool)
	Policy   Policy
	MinScore int64
}

// Options tune the solver; the zero value is a good default.
type Options struct {
	// Shortlist is how many best mentors per mentee enter the first solve
	// (default 24). The result is exact whatever the value; it changes only speed.
	Shortlist int
	// Workers scoring pairs in parallel (default: all cores, at most
	// maxWorkers: each holds a shortlist per mentor).
	Workers int
}

// Result is an optimal assignment with its proof.
type Result struct {
	Mentor      []int   // per mentee: mentor index, or -1 when unmatched
	Score       []int64 // per mentee: the pair's score (0 when unmatched)
	Total       int64   // sum of the scores of matched pairs
	Matched     int
	Certificate Certificate
	Rounds      int // solves needed until no pair outside the shortlist could improve
	Candidates  int // pairs in the final candidate graph
}

// Certificate proves optimality. With cost(i,j) = -(ScoreScale·score(i,j) +
// MatchBonus) for allowed pairs and cost 0 for leaving a mentee unmatched, the
// potentials satisfy a[i] + v[j] ≤ cost(i,j) for every allowed pair, a[i] ≤ 0,
// v[j] ≤ 0 and v[j] = 0 for a mentor with spare capacity, and
// Σ a[i] + Σ capacity[j]·v[j] equals the cost of the assignment (capacity
// counted as at most the number of mentees). By LP duality no assignment costs
// less. ScoreScale and MatchBonus follow from the policy and the scores alone
// (see objective); Verify recomputes them rather than trusting these copies.
type Certificate struct {
	MenteePotential []int64 `json:"mentee_potentials"`
	MentorPotential []int64 `json:"mentor_potentials"`
	// ScoreScale multiplies every score: 1 under participation, mentees+1 under
	// quality, so that a point of total outweighs any number of extra matches.
	ScoreScale int64 `json:"score_scale"`
	// MatchBonus is added per match: under participation it exceeds any
	// possible difference in total score, so one more matched mentee always
	// wins; under quality it is 1, so ties in total go to more matches.
	MatchBonus int64 `json:"match_bonus"`
}

const (
	defaultShortlist = 24
	maxWorkers       = 256
)

// row is the scoring summary of one mentee: its best candidates and what is
// known about the pairs left out.
type row struct {
	mentors []int32
	scores  []int64
	// complete is true when every allowed pair of the mentee is a candidate.
	complete bool
	// worstKept is the lowest candidate score; every left-out pair scores ≤ it.
	worstKept int64
}

func (p *Problem) validate() error {
	if p.Mentees < 0 {
		return fmt.Errorf("negative number of mentees")
	}
	if p.Mentees > MaxInstancePeople || len(p.Capacity) > MaxInstancePeople {
		return fmt.Errorf("%d mentees and %d mentors: at most %d of each per problem", p.Mentees, len(p.Capacity), MaxInstancePeople)
	}
	for j, c := range p.Capacity {
		if c < 0 {
			return fmt.Errorf("mentor %d has negative capacity %d", j, c)
		}
		if c > MaxCapacity {
			return fmt.Errorf("mentor %d has capacity %d, above the limit of %d", j, c, MaxCapacity)
		}
	}
	if p.Policy != Participation && p.Policy != Quality {
		return fmt.Errorf("unknown policy %q: use %q or %q", p.Policy, Participation, Quality)
	}
	if p.Score == nil {
		return fmt.Errorf("no score function")
	}
	return nil
}

// allowed applies the policy's filter to a pair.
func (p *Problem) allowed(i, j int) (int64, bool) {
	s, ok := p.Score(i, j)
	if !ok || p.Capacity[j] == 0 || (p.Policy == Quality && s < p.MinScore) {
		return 0, false
	}
	return s, true
}

// Solve finds an optimal assignment. It scores every pair once (in parallel),
// solves on each mentee's best candidates, then proves the result against all
// pairs with the potentials, adding any pair that could still improve and solving
// again until none can.
func Solve(p Problem, opts Options) (*Result, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	if opts.Shortlist <= 0 {
		opts.Shortlist = defaultShortlist
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	opts.Workers = min(opts.Workers, maxWorkers)
	rows, lo, hi := p.shortlist(opts)
	if lo < -MaxScore || hi > MaxScore {
		return nil, p.findScoreOutOfRange()
	}
	obj := p.objectiveFor(lo, hi)
	capacity := make([]int32, len(p.Capacity))
	for j := range p.Capacity {
		capacity[j] = int32(p.effectiveCapacity(j)) // ≤ MaxInstancePeople
	}
	for round := 1; ; round++ {
		g := buildGraph(rows, obj)
		f := newFlow(g, capacity, 0)
		f.solve()
		added := p.improvingPairs(rows, f, obj, opts.Workers)
		if added == 0 {
			return p.result(f, obj, round, len(g.mentor)), nil
		}
	}
}

// shortlist scores every pair in parallel, keeping each mentee's best mentors
// and each mentor's best mentees (so that a mentor nobody ranks high still has
// candidates), and returns the lowest and highest allowed score seen.
func (p *Problem) shortlist(opts Options) ([]row, int64, int64) {
	rows := make([]row, p.Mentees)
	type partial struct {
		lo, hi  int64
		mentors []*topK // this worker's best mentees of each mentor (ids are mentees)
	}
	parts := make([]partial, opts.Workers)
	var wg sync.WaitGroup
	next := make(chan int, opts.Workers*4)
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			part := partial{lo: maxInt64, hi: -maxInt64, mentors: make([]*topK, len(p.Capacity))}
			for j := range part.mentors {
				part.mentors[j] = newTopK(mentorShortlist(p.effectiveCapacity(j)))
			}
			top := newTopK(opts.Shortlist)
			for start := range next {
				for i := start; i < min(start+64, p.Mentees); i++ {
					top.reset()
					count := 0
					for j := range p.Capacity {
						s, ok := p.allowed(i, j)
						if !ok {
							continue
						}
						count++
						part.lo, part.hi = min(part.lo, s), max(part.hi, s)
						top.offer(s, int32(j))
						part.mentors[j].offer(s, int32(i))
					}
					rows[i] = top.row(count)
				}
			}
			parts[w] = part
		}(w)
	}
	for start := 0; start < p.Mentees; start += 64 {
		next <- start
	}
	close(next)
	wg.Wait()

	lo, hi := int64(0), int64(0)
	first := true
	for _, part := range parts {
		if part.lo > part.hi {
			continue
		}
		if first {
			lo, hi, first = part.lo, part.hi, false
		}
		lo, hi = min(lo, part.lo), max(hi, part.hi)
	}
	perWorker := make([][]*topK, len(parts))
	for w := range parts {
		perWorker[w] = parts[w].mentors
	}
	p.addMentorSide(rows, perWorker)
	return rows, lo, hi
}

// mentorShortlist is how many best mentees each mentor contributes.
func mentorShortlist(capacity int) int { return 2*capacity + 8 }

// addMentorSide merges the workers' per-mentor lists and adds each mentor's best
// mentees to those mentees' rows when not already there.
func (p *Problem) addMentorSide(rows []row, perWorker [][]*topK) {
	for j := range p.Capacity {
		merged := newTopK(mentorShortlist(p.effectiveCapacity(j)))
		for _, lists := range perWorker {
			t := lists[j]
			for k := range t.h.j {
				merged.offer(t.h.d[k], t.h.j[k])
			}
		}
		for k, i := range merged.h.j {
			r := &rows[i]
			if r.complete || slices.Contains(r.mentors, int32(j)) {
				continue
			}
			r.mentors = append(r.mentors, int32(j))
			r.scores = append(r.scores, merged.h.d[k])
		}
	}
}

func buildGraph(rows []row, obj objective) *graph {
	total := 0
	for i := range rows {
		total += len(rows[i].mentors)
	}
	g := &graph{start: make([]int, len(rows)+1), mentor: make([]int32, 0, total), cost: make([]int64, 0, total)}
	for i := range rows {
		for k, j := range rows[i].mentors {
			g.mentor = append(g.mentor, j)
			g.cost = append(g.cost, obj.cost(rows[i].scores[k]))
		}
		g.start[i+1] = len(g.mentor)
	}
	return g
}

// improvingPairs checks every left-out pair against the potentials and adds
// those with negative reduced cost to the candidates; it returns how many.
//
// Two bounds keep this cheap. A left-out pair costs at least the row's worst
// candidate (cost(i,j) ≥ worst_i), so its reduced cost is at least
// worst_i - a[i] - v[j]: a row with worst_i - a[i] - max(v) ≥ 0 is proven
// without a look, and in the other rows only mentors with v[j] > worst_i - a[i]
// (a prefix of the mentors sorted by potential) need scoring.
func (p *Problem) improvingPairs(rows []row, f *flow, obj objective, workers int) int {
	byPotential := make([]int32, len(p.Capacity))
	for j := range byPotential {
		byPotential[j] = int32(j)
	}
	slices.SortFunc(byPotential, func(x, y int32) int { return cmpDesc(f.v[x], f.v[y]) })
	if len(byPotential) == 0 {
		return 0
	}
	highest := f.v[byPotential[0]]

	var suspects []int
	for i := range rows {
		if !rows[i].complete && obj.cost(rows[i].worstKept)-f.a[i]-highest < 0 {
			suspects = append(suspects, i)
		}
	}
	if len(suspects) == 0 {
		return 0
	}
	added := make([]int, len(suspects))
	var wg sync.WaitGroup
	chunk := (len(suspects) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(suspects))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// in[j] == idx+1 marks mentor j as already a candidate of this row.
			in := make([]int, len(p.Capacity))
			for idx := lo; idx < hi; idx++ {
				i := suspects[idx]
				r := &rows[i]
				for _, j := range r.mentors {
					in[j] = idx + 1
				}
				threshold := obj.cost(r.worstKept) - f.a[i]
				for _, j32 := range byPotential {
					j := int(j32)
					if f.v[j] <= threshold {
						break // every remaining mentor is proven by the bound
					}
					if in[j] == idx+1 {
						continue
					}
					s, ok := p.allowed(i, j)
					if ok && obj.cost(s)-f.a[i]-f.v[j] < 0 {
						r.mentors = append(r.mentors, int32(j))
						r.scores = append(r.scores, s)
						added[idx]++
					}
				}
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, a := range added {
		total += a
	}
	return total
}

func cmpDesc(x, y int64) int {
	switch {
	case x > y:
		return -1
	case x < y:
		return 1
	}
	return 0
}

func (p *Problem) result(f *flow, obj objective, rounds, candidates int) *Result {
	res := &Result{
		Mentor: make([]int, p.Mentees), Score: make([]int64, p.Mentees),
		Certificate: Certificate{MenteePotential: f.a, MentorPotential: f.v, ScoreScale: obj.scale, MatchBonus: obj.bonus},
		Rounds:      rounds, Candidates: candidates,
	}
	for i, j := range f.match {
		res.Mentor[i] = int(j)
		if j == unassigned {
			continue
		}
		s, _ := p.Score(i, int(j))
		res.Score[i] = s
		res.Total += s
		res.Matched++
	}
	return res
}

// topK keeps the k highest scores offered, as a min-heap whose root is the
// weakest kept score.
type topK struct {
	k int
	h idHeap
}

func newTopK(k int) *topK { return &topK{k: k} }

func (t *topK) reset() { t.h.reset() }

// offer keeps (s, id) if it is among the best k.
func (t *topK) offer(s int64, id int32) {
	switch {
	case t.h.len() < t.k:
		t.h.push(s, id)
	case s > t.h.d[0]:
		t.h.replaceTop(s, id)
	}
}

// row copies the kept candidates, best first.
func (t *topK) row(allowed int) row {
	r := row{mentors: append([]int32(nil), t.h.j...), scores: append([]int64(nil), t.h.d...), complete: allowed <= t.k}
	idx := make([]int, len(r.mentors))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return r.scores[idx[a]] > r.scores[idx[b]] })
	mentors, scores := make([]int32, len(idx)), make([]int64, len(idx))
	for k, i := range idx {
		mentors[k], scores[k] = r.mentors[i], r.scores[i]
	}
	r.mentors, r.scores = mentors, scores
	if len(scores) > 0 {
		r.worstKept = scores[len(scores)-1]
	}
	return r
}
