package matching

import (
	"fmt"
	"runtime"
	"sync"
)

// Verify checks a result against the whole problem: feasibility (each mentee at
// most once, only allowed pairs, capacities) and the optimality certificate
// (dual feasibility on every allowed pair, and dual objective = primal cost).
// It is cheap enough to run after every solve in tests and in production.
func Verify(p Problem, res *Result) error {
	if err := p.validate(); err != nil {
		return err
	}
	if len(res.Mentor) != p.Mentees {
		return fmt.Errorf("result has %d mentees, problem %d", len(res.Mentor), p.Mentees)
	}
	cert := res.Certificate
	if len(cert.MenteePotential) != p.Mentees || len(cert.MentorPotential) != len(p.Capacity) {
		return fmt.Errorf("certificate has the wrong size")
	}
	load := make([]int, len(p.Capacity))
	var primal, total int64
	matched := 0
	for i, j := range res.Mentor {
		if j == -1 {
			continue
		}
		if j < 0 || j >= len(p.Capacity) {
			return fmt.Errorf("mentee %d: no mentor %d", i, j)
		}
		s, ok := p.allowed(i, j)
		if !ok {
			return fmt.Errorf("mentee %d is assigned to mentor %d, a forbidden pair", i, j)
		}
		load[j]++
		primal += -(s + cert.MatchBonus)
		total += s
		matched++
	}
	if total != res.Total || matched != res.Matched {
		return fmt.Errorf("reported total %d / matched %d, assignment gives %d / %d", res.Total, res.Matched, total, matched)
	}
	var dual int64
	for j, v := range cert.MentorPotential {
		if load[j] > p.Capacity[j] {
			return fmt.Errorf("mentor %d has %d mentees, capacity %d", j, load[j], p.Capacity[j])
		}
		if v > 0 || (v != 0 && load[j] < p.Capacity[j]) {
			return fmt.Errorf("mentor %d: potential %d with %d of %d places used", j, v, load[j], p.Capacity[j])
		}
		dual += int64(p.Capacity[j]) * v
	}
	for i, a := range cert.MenteePotential {
		if a > 0 {
			return fmt.Errorf("mentee %d: potential %d above the cost of staying unmatched", i, a)
		}
		dual += a
	}
	if dual != primal {
		return fmt.Errorf("dual objective %d differs from the assignment's cost %d", dual, primal)
	}
	return p.checkDualFeasible(cert)
}

func (p *Problem) checkDualFeasible(cert Certificate) error {
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	chunk := (p.Mentees + workers - 1) / workers
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w * chunk; i < min((w+1)*chunk, p.Mentees); i++ {
				for j := range p.Capacity {
					s, ok := p.allowed(i, j)
					if ok && cert.MenteePotential[i]+cert.MentorPotential[j] > -(s+cert.MatchBonus) {
						errs[w] = fmt.Errorf("pair (mentee %d, mentor %d) violates dual feasibility: it could improve the assignment", i, j)
						return
					}
				}
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
