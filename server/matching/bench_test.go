package matching

import (
	"math/rand/v2"
	"testing"
)

// denseMatrix is an n×m matrix of uniform random scores in [0, 1000).
func denseMatrix(n, m int, seed uint64) [][]int64 {
	r := rand.New(rand.NewPCG(seed, seed))
	rows := make([][]int64, n)
	for i := range rows {
		rows[i] = make([]int64, m)
		for j := range rows[i] {
			rows[i][j] = r.Int64N(1000)
		}
	}
	return rows
}

func denseProblem(scores [][]int64, capacity int, policy Policy) Problem {
	caps := make([]int, len(scores[0]))
	for j := range caps {
		caps[j] = capacity
	}
	return Problem{Mentees: len(scores), Capacity: caps, Policy: policy,
		Score: func(i, j int) (int64, bool) { return scores[i][j], true }}
}

// BenchmarkDense5000 is the dense 5,000 × 5,000 capacity-1 case, compared with
// scipy's linear_sum_assignment by scripts/compare_scipy.py.
func BenchmarkDense5000(b *testing.B) {
	scores := denseMatrix(5000, 5000, 1)
	p := denseProblem(scores, 1, Participation)
	b.ResetTimer()
	for b.Loop() {
		res, err := Solve(p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Rounds), "rounds")
	}
}

// benchmarkProfiles scores and solves n mentees × m mentors of capacity c from
// synthetic profiles: the time includes compiling the profiles and scoring every
// pair, i.e. the whole run end to end.
func benchmarkProfiles(b *testing.B, n, m, c int) {
	mentees, mentors := syntheticProfiles(n, m, c, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{}, nil, testDate)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Solve(s.Problem(Participation, 0), Options{Shortlist: benchShortlist})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Rounds), "rounds")
		b.ReportMetric(float64(res.Matched), "matched")
	}
}

var benchShortlist = 0

// BenchmarkProfiles10000x2000 is the large case: target ≤ 2 s, ≤ 100 MB.
func BenchmarkProfiles10000x2000(b *testing.B) { benchmarkProfiles(b, 10000, 2000, 5) }

// BenchmarkProfiles1000x200 is a large real program: target ≤ 100 ms.
func BenchmarkProfiles1000x200(b *testing.B) { benchmarkProfiles(b, 1000, 200, 5) }
