package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// matrixProblem is a problem over an explicit score matrix; nil = forbidden.
func matrixProblem(scores [][]*int64, capacity []int, policy Policy, minScore int64) Problem {
	return Problem{
		Mentees: len(scores), Capacity: capacity, Policy: policy, MinScore: minScore,
		Score: func(i, j int) (int64, bool) {
			if s := scores[i][j]; s != nil {
				return *s, true
			}
			return 0, false
		},
	}
}

// bruteForce tries every assignment; it returns the best (matched, total) under
// the policy: most matches then highest total (participation), or highest total
// then most matches (quality).
func bruteForce(p Problem) (int, int64) {
	load := make([]int, len(p.Capacity))
	bestMatched, bestTotal := -1, int64(0)
	var walk func(i, matched int, total int64)
	walk = func(i, matched int, total int64) {
		if i == p.Mentees {
			better := false
			switch p.Policy {
			case Participation:
				better = matched > bestMatched || (matched == bestMatched && total > bestTotal)
			case Quality:
				better = bestMatched < 0 || total > bestTotal || (total == bestTotal && matched > bestMatched)
			}
			if better {
				bestMatched, bestTotal = matched, total
			}
			return
		}
		walk(i+1, matched, total)
		for j := range p.Capacity {
			s, ok := p.allowed(i, j)
			if !ok || load[j] >= p.Capacity[j] {
				continue
			}
			load[j]++
			walk(i+1, matched+1, total+s)
			load[j]--
		}
	}
	walk(0, 0, 0)
	return bestMatched, bestTotal
}

func randomProblem(r *rand.Rand, policy Policy) Problem {
	n, m := 1+r.IntN(7), 1+r.IntN(4)
	spread := []int64{1, 3, 10, 100}[r.IntN(4)] // small spreads make many ties
	zeros := r.IntN(3) == 0                     // then half the pairs score exactly 0
	scores := make([][]*int64, n)
	for i := range scores {
		scores[i] = make([]*int64, m)
		for j := range scores[i] {
			if r.IntN(5) == 0 {
				continue // forbidden
			}
			s := r.Int64N(spread) - spread/4
			if zeros && r.IntN(2) == 0 {
				s = 0
			}
			scores[i][j] = &s
		}
	}
	capacity := make([]int, m)
	for j := range capacity {
		capacity[j] = 1 + r.IntN(3)
	}
	return matrixProblem(scores, capacity, policy, r.Int64N(spread)-spread/3)
}

// solveLikeBruteForce solves p, checks its certificate, and checks the total and
// the number of matches against exhaustive search.
func solveLikeBruteForce(t testing.TB, p Problem, opts Options, what string) *Result {
	t.Helper()
	res, err := Solve(p, opts)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := Verify(p, res); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if matched, total := bruteForce(p); total != res.Total || matched != res.Matched {
		t.Fatalf("%s: solver (%d matched, total %d) vs brute force (%d, %d)", what, res.Matched, res.Total, matched, total)
	}
	return res
}

func TestAgreesWithBruteForceOnSmallInstances(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 3000; iter++ {
		for _, policy := range []Policy{Participation, Quality} {
			p := randomProblem(r, policy)
			shortlist := 1 + r.IntN(3) // tiny shortlists force exactness rounds
			solveLikeBruteForce(t, p, Options{Shortlist: shortlist}, fmt.Sprintf("iteration %d policy %s", iter, policy))
		}
	}
}

func TestExplicitExampleFromTheToolContract(t *testing.T) {
	twelve := int64(12)
	p := matrixProblem([][]*int64{{&twelve}, {nil}}, []int{2}, Participation, 0)
	res, err := Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, []int{0, -1}, res.Mentor)
	require.Equal(t, int64(12), res.Total)
	require.NoError(t, Verify(p, res))
}

func TestParticipationMatchesMoreEvenAtLowerScore(t *testing.T) {
	s := func(v int64) *int64 { return &v }
	// Mentee 0 loves mentor 0; mentee 1 can only take mentor 0. Participation
	// moves mentee 0 to mentor 1 so that both are matched.
	p := matrixProblem([][]*int64{{s(100), s(1)}, {s(5), nil}}, []int{1, 1}, Participation, 0)
	res, err := Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, []int{1, 0}, res.Mentor)
	require.Equal(t, 2, res.Matched)

	p.Policy = Quality
	res, err = Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, int64(100), res.Total, "quality keeps the 100 rather than 1 + 5")
	require.Equal(t, 1, res.Matched)
	require.NoError(t, Verify(p, res))
}

func TestQualityLeavesMenteesBelowTheBarUnmatched(t *testing.T) {
	s := func(v int64) *int64 { return &v }
	p := matrixProblem([][]*int64{{s(50)}, {s(10)}}, []int{2}, Quality, 20)
	res, err := Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, []int{0, -1}, res.Mentor)
	require.NoError(t, Verify(p, res))
}

func TestVerifyCatchesAWrongCertificateAndInfeasibleAssignments(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var p Problem
	var res *Result
	for {
		p = randomProblem(r, Participation)
		var err error
		res, err = Solve(p, Options{})
		require.NoError(t, err)
		if res.Matched > 0 {
			break
		}
	}
	bad := *res
	bad.Certificate.MenteePotential = append([]int64(nil), res.Certificate.MenteePotential...)
	bad.Certificate.MenteePotential[0] += 1_000_000
	require.Error(t, Verify(p, &bad))

	over := *res
	over.Mentor = make([]int, len(res.Mentor))
	for i := range over.Mentor {
		over.Mentor[i] = 0
	}
	require.Error(t, Verify(p, &over))
}

func TestRejectsBadProblems(t *testing.T) {
	_, err := Solve(Problem{Mentees: 1, Capacity: []int{-1}, Policy: Quality, Score: func(int, int) (int64, bool) { return 1, true }}, Options{})
	require.ErrorContains(t, err, "negative capacity")
	_, err = Solve(Problem{Mentees: 1, Capacity: []int{1}, Policy: "best", Score: func(int, int) (int64, bool) { return 1, true }}, Options{})
	require.ErrorContains(t, err, "unknown policy")
}

func TestCertificateHoldsOnLargerInstances(t *testing.T) {
	mentees, mentors := syntheticProfiles(2000, 400, 5, 9)
	s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{}, nil, testDate)
	require.NoError(t, err)
	for _, policy := range []Policy{Participation, Quality} {
		p := s.Problem(policy, 150)
		res, err := Solve(p, Options{Shortlist: 4})
		require.NoError(t, err)
		require.NoError(t, Verify(p, res), "policy %s", policy)
	}
	dense := denseProblem(denseMatrix(600, 600, 3), 1, Participation)
	res, err := Solve(dense, Options{})
	require.NoError(t, err)
	require.Equal(t, 600, res.Matched)
	require.NoError(t, Verify(dense, res))
}
