package matching

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func ptr(v int64) *int64 { return &v }

// A certificate that states its own match bonus can "prove" anything: with
// bonus 0, leaving mentee 1 out to keep the 100 looks optimal, although
// participation must match both (1 + 5). Verify recomputes the bonus.
func TestVerifyRefusesAForgedMatchBonus(t *testing.T) {
	p := matrixProblem([][]*int64{{ptr(100), ptr(1)}, {ptr(5), nil}}, []int{1, 1}, Participation, 0)
	solved, err := Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, 2, solved.Matched)

	forged := &Result{Mentor: []int{0, -1}, Score: []int64{100, 0}, Total: 100, Matched: 1, Certificate: solved.Certificate}
	// Dual feasible and tight for cost = -(score + 0): a0+v0 = -100, a1+v0 = -5.
	forged.Certificate.MenteePotential = []int64{-95, 0}
	forged.Certificate.MentorPotential = []int64{-5, 0}
	forged.Certificate.MatchBonus = 0
	require.ErrorContains(t, Verify(p, forged), "match bonus 0")

	tampered := *solved
	tampered.Certificate.MatchBonus++
	require.ErrorContains(t, Verify(p, &tampered), "the participation policy and these scores give")
}

// Under quality a zero-score pair must be matched (same total, one more match);
// a certificate claiming the plain score objective would excuse leaving it out.
func TestVerifyRefusesAForgedQualityObjective(t *testing.T) {
	p := matrixProblem([][]*int64{{ptr(0)}}, []int{1}, Quality, 0)
	solved, err := Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, 1, solved.Matched)
	require.NoError(t, Verify(p, solved))

	forged := &Result{Mentor: []int{-1}, Score: []int64{0}, Certificate: solved.Certificate}
	forged.Certificate.MenteePotential = []int64{0}
	forged.Certificate.MentorPotential = []int64{0}
	forged.Certificate.MatchBonus = 0
	require.ErrorContains(t, Verify(p, forged), "match bonus 0")
}

// Potentials so negative that their sum wraps around int64 to the primal cost
// (here 0, nobody matched) must not pass: Verify sums exactly.
func TestVerifyRefusesPotentialsThatWrapAround(t *testing.T) {
	const n = 16
	scores := make([][]*int64, n)
	for i := range scores {
		scores[i] = []*int64{ptr(10)}
	}
	p := matrixProblem(scores, []int{n}, Quality, 0)
	solved, err := Solve(p, Options{})
	require.NoError(t, err)
	require.Equal(t, n, solved.Matched)

	forged := &Result{Mentor: make([]int, n), Score: make([]int64, n), Certificate: solved.Certificate}
	forged.Certificate.MenteePotential = make([]int64, n)
	for i := range forged.Mentor {
		forged.Mentor[i] = -1
		forged.Certificate.MenteePotential[i] = -1 << 60 // 16 × -2^60 = -2^64 ≡ 0
	}
	forged.Certificate.MentorPotential = []int64{0}
	require.ErrorContains(t, Verify(p, forged), "differs from the assignment's cost 0")

	forged.Certificate.MenteePotential[0] = -1 << 62
	require.ErrorContains(t, Verify(p, forged), "outside [-2^60, 0]")
}
