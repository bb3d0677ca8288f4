package matching

import (
	"fmt"
	"math"
	"math/bits"
)

// Input bounds. They are chosen so that every accepted input solves in int64
// arithmetic with a wide margin (see objective), and each is checked with an
// error that names the offending value instead of overflowing.
const (
	// MaxInstancePeople bounds each side of an instance or Problem, so that a
	// hostile input cannot ask for an absurd amount of memory.
	MaxInstancePeople = 200_000
	// MaxCapacity is the largest capacity a mentor may declare. No mentor can
	// take more mentees than a problem holds, so the solver uses
	// min(capacity, mentees) anyway; larger values are refused as typos.
	MaxCapacity = MaxInstancePeople
	// MaxScore bounds the absolute value of every allowed pair's score, explicit
	// or computed from profiles.
	MaxScore = 1_000_000_000
	// MaxWeight bounds the absolute value of each profile weight.
	MaxWeight = 1_000_000
)

// objective turns a pair's score into the weight the solver maximizes:
// weight = scale·score + bonus, and 0 for leaving a mentee unmatched.
//
//   - participation: scale 1 and a bonus per match larger than any difference
//     in total score, so the most matches win, then the highest total;
//   - quality: scale n+1 and bonus 1. Totals are integers, so one point of
//     total (worth n+1) outweighs any difference in the number of matches (at
//     most n): the highest total wins, then the most matches.
//
// Bounds: with n ≤ MaxInstancePeople and |score| ≤ MaxScore every weight is
// below W = 2·MaxScore·(n+2) < 2^49. Between augmentations the potentials are an
// optimal dual of the routed subproblem, which lies within [-W, 0], and path
// lengths within a few W, far from int64 overflow. Sums over all mentees (the
// primal and dual objectives, up to n·W) may exceed int64: Verify adds them
// exactly.
type objective struct {
	scale, bonus int64
}

func (o objective) weight(s int64) int64 { return o.scale*s + o.bonus }

// cost is what the min-cost flow minimizes for a pair.
func (o objective) cost(s int64) int64 { return -o.weight(s) }

// objectiveFor builds the objective of a validated problem whose allowed scores
// lie in [lo, hi] (both 0 when no pair is allowed).
func (p *Problem) objectiveFor(lo, hi int64) objective {
	n := int64(p.Mentees)
	if p.Policy == Quality {
		return objective{scale: n + 1, bonus: 1}
	}
	// (k+1)·lo + (k+1)·bonus > k·hi + k·bonus for every k < n: one more match
	// outweighs any difference in score, even at negative scores.
	return objective{scale: 1, bonus: (hi-lo)*(n+1) + max(0, -lo) + 1}
}

// effectiveCapacity is min(capacity, mentees): the same feasible assignments,
// in numbers that fit the solver's int32 loads.
func (p *Problem) effectiveCapacity(j int) int {
	return min(p.Capacity[j], p.Mentees)
}

// findScoreOutOfRange names the first allowed pair whose score is out of bounds;
// callers run it only after seeing an out-of-range minimum or maximum.
func (p *Problem) findScoreOutOfRange() error {
	for i := 0; i < p.Mentees; i++ {
		for j := range p.Capacity {
			if s, ok := p.allowed(i, j); ok && (s > MaxScore || s < -MaxScore) {
				return scoreRangeError(i, j, s)
			}
		}
	}
	return fmt.Errorf("a score lay outside the accepted range ±%d, then changed: the score function must be deterministic", MaxScore)
}

func scoreRangeError(i, j int, s int64) error {
	return fmt.Errorf("pair (mentee %d, mentor %d) scores %d, outside the accepted range ±%d: scale the scores down", i, j, s, MaxScore)
}

// satMul multiplies two non-negative numbers, saturating at MaxInt64.
func satMul(a, b int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(lo)
}

// satAdd adds two non-negative numbers, saturating at MaxInt64.
func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
