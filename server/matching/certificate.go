package matching

import (
	"fmt"
	"math/big"
	"runtime"
	"sync"
)

// maxPotential bounds the potentials Verify accepts. The solver's stay within
// the largest pair weight (< 2^49, see objective); the bound keeps a[i] + v[j]
// and the per-pair comparison exact in int64.
const maxPotential = int64(1) << 60

// Verify checks a result against the whole problem: feasibility (each mentee at
// most once, only allowed pairs, capacities) and the optimality certificate
// (dual feasibility on every allowed pair, and dual objective = primal cost).
// It trusts nothing in the result but the assignment and the potentials: the
// score scale and match bonus are recomputed from the policy and the scores,
// and the objectives are summed exactly. It is cheap enough to run after
// every solve in tests and in production.
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
	for i, a := range cert.MenteePotential {
		if a > 0 || a < -maxPotential {
			return fmt.Errorf("mentee %d: potential %d outside [-2^60, 0] (0 is the cost of staying unmatched)", i, a)
		}
	}
	for j, v := range cert.MentorPotential {
		if v > 0 || v < -maxPotential {
			return fmt.Errorf("mentor %d: potential %d outside [-2^60, 0]", j, v)
		}
	}

	// One pass over every allowed pair finds the score range (which fixes the
	// objective) and the pair closest to violating dual feasibility.
	scan := p.scanPairs(cert)
	if scan.err != nil {
		return scan.err
	}
	obj := p.objectiveFor(scan.lo, scan.hi)
	if cert.ScoreScale != obj.scale || cert.MatchBonus != obj.bonus {
		return fmt.Errorf("certificate states score scale %d and match bonus %d; the %s policy and these scores give %d and %d",
			cert.ScoreScale, cert.MatchBonus, p.Policy, obj.scale, obj.bonus)
	}
	// a[i] + v[j] ≤ -(scale·s + bonus) ⟺ scale·s + a[i] + v[j] + bonus ≤ 0.
	if scan.any && scan.worst+obj.bonus > 0 {
		return fmt.Errorf("pair (mentee %d, mentor %d) violates dual feasibility: it could improve the assignment", scan.worstI, scan.worstJ)
	}

	load := make([]int, len(p.Capacity))
	primal := new(big.Int)
	var total int64
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
		primal.Add(primal, big.NewInt(obj.cost(s)))
		total += s // ≤ MaxInstancePeople·MaxScore: no overflow
		matched++
	}
	if total != res.Total || matched != res.Matched {
		return fmt.Errorf("reported total %d / matched %d, assignment gives %d / %d", res.Total, res.Matched, total, matched)
	}
	dual, term := new(big.Int), new(big.Int)
	for j, v := range cert.MentorPotential {
		c := p.effectiveCapacity(j)
		if load[j] > p.Capacity[j] {
			return fmt.Errorf("mentor %d has %d mentees, capacity %d", j, load[j], p.Capacity[j])
		}
		if v != 0 && load[j] < c {
			return fmt.Errorf("mentor %d: potential %d with %d of %d places used", j, v, load[j], c)
		}
		dual.Add(dual, term.Mul(big.NewInt(int64(c)), big.NewInt(v)))
	}
	for _, a := range cert.MenteePotential {
		dual.Add(dual, big.NewInt(a))
	}
	if dual.Cmp(primal) != 0 {
		return fmt.Errorf("dual objective %s differs from the assignment's cost %s", dual, primal)
	}
	return nil
}

// pairScan is what Verify learns from one pass over the allowed pairs.
type pairScan struct {
	any    bool  // some pair is allowed
	lo, hi int64 // score range of the allowed pairs (0, 0 when none)
	// worst is the largest scale·s + a[i] + v[j] over the allowed pairs, at
	// (worstI, worstJ); dual feasibility needs worst + bonus ≤ 0.
	worst          int64
	worstI, worstJ int
	err            error
}

// scanPairs scores every pair in parallel. The scale does not depend on the
// scores, so the pass can rank pairs before the bonus is known.
func (p *Problem) scanPairs(cert Certificate) pairScan {
	scale := p.objectiveFor(0, 0).scale
	workers := runtime.GOMAXPROCS(0)
	parts := make([]pairScan, workers)
	var wg sync.WaitGroup
	chunk := (p.Mentees + workers - 1) / workers
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			part := &parts[w]
			for i := w * chunk; i < min((w+1)*chunk, p.Mentees); i++ {
				a := cert.MenteePotential[i]
				for j := range p.Capacity {
					s, ok := p.allowed(i, j)
					if !ok {
						continue
					}
					if s > MaxScore || s < -MaxScore {
						part.err = scoreRangeError(i, j, s)
						return
					}
					// |scale·s| < 2^49 and |a + v| ≤ 2^61: exact in int64.
					x := scale*s + a + cert.MentorPotential[j]
					if !part.any {
						part.any, part.lo, part.hi = true, s, s
						part.worst, part.worstI, part.worstJ = x, i, j
					}
					part.lo, part.hi = min(part.lo, s), max(part.hi, s)
					if x > part.worst {
						part.worst, part.worstI, part.worstJ = x, i, j
					}
				}
			}
		}(w)
	}
	wg.Wait()
	var out pairScan
	for _, part := range parts {
		if part.err != nil {
			return part
		}
		if !part.any {
			continue
		}
		if !out.any {
			out = part
			continue
		}
		out.lo, out.hi = min(out.lo, part.lo), max(out.hi, part.hi)
		if part.worst > out.worst {
			out.worst, out.worstI, out.worstJ = part.worst, part.worstI, part.worstJ
		}
	}
	return out
}
