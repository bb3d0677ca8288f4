package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func constant(s int64) func(int, int) (int64, bool) {
	return func(int, int) (int64, bool) { return s, true }
}

func TestCapacitiesAboveTheLimitAreRefusedNotCast(t *testing.T) {
	for _, c := range []int{MaxCapacity + 1, math.MaxInt32 + 1, 1 << 62, math.MaxInt} {
		p := Problem{Mentees: 2, Capacity: []int{1, c}, Policy: Participation, Score: constant(1)}
		_, err := Solve(p, Options{})
		require.ErrorContains(t, err, "mentor 1 has capacity", c)
		require.ErrorContains(t, err, "above the limit of 200000", c)
		require.ErrorContains(t, Verify(p, &Result{}), "above the limit", c)
	}
}

func TestCapacityUpToTheLimitCountsAsTheNumberOfMentees(t *testing.T) {
	for _, policy := range []Policy{Participation, Quality} {
		p := Problem{Mentees: 3, Capacity: []int{MaxCapacity}, Policy: policy, Score: constant(7)}
		res, err := Solve(p, Options{})
		require.NoError(t, err)
		require.Equal(t, []int{0, 0, 0}, res.Mentor)
		require.Equal(t, int64(21), res.Total)
		require.NoError(t, Verify(p, res))
	}
}

func TestReadInstanceNamesTheMentorWithAnAbsurdCapacity(t *testing.T) {
	cases := map[string]string{
		`1000000000000`:         `mentor "m1" (index 1) has capacity 1000000000000, above the limit of 200000`,
		`1e12`:                  `mentor "m1" (index 1) has capacity 1e12, above the limit of 200000`,
		`4611686018427387904`:   `has capacity 4611686018427387904, above the limit of 200000`,
		`99999999999999999999`:  `has capacity 99999999999999999999, above the limit of 200000`,
		`1e400`:                 `has capacity 1e400, above the limit of 200000`,
		`200001`:                `has capacity 200001, above the limit of 200000`,
		`-99999999999999999999`: `mentor "m1" (index 1) has negative capacity -99999999999999999999`,
		`1.5`:                   `mentor "m1" (index 1) has capacity 1.5: write a whole number from 0 to 200000`,
	}
	for capacity, want := range cases {
		explicit := `{"mentees": ["e0"], "mentors": [{"id": "m0"}, {"id": "m1", "capacity": ` + capacity + `}], "scores": [[1, 2]]}`
		_, err := ReadInstance(strings.NewReader(explicit))
		require.ErrorContains(t, err, want, "explicit form, capacity %s", capacity)
		profiles := `{"mentees": [{"id": "e0"}], "mentors": [{"id": "m0"}, {"id": "m1", "capacity": ` + capacity + `}]}`
		_, err = ReadInstance(strings.NewReader(profiles))
		require.ErrorContains(t, err, want, "profile form, capacity %s", capacity)
	}
	in, err := ReadInstance(strings.NewReader(`{"mentees": ["e0", "e1"], "mentors": [{"id": "m0", "capacity": 200000}], "scores": [[1], [2]]}`))
	require.NoError(t, err)
	res, err := Solve(in.Problem(), Options{})
	require.NoError(t, err)
	require.Equal(t, 2, res.Matched)
}

// extremeProblem is a small random problem whose scores sit at or near ±MaxScore
// (and 0), so that the objective's multipliers are as large as they get.
func extremeProblem(r *rand.Rand, policy Policy) Problem {
	n, m := 1+r.IntN(6), 1+r.IntN(4)
	values := []int64{MaxScore, -MaxScore, MaxScore - 1, -MaxScore + 1, 0, MaxScore / 2}
	scores := make([][]*int64, n)
	for i := range scores {
		scores[i] = make([]*int64, m)
		for j := range scores[i] {
			if r.IntN(6) == 0 {
				continue
			}
			s := values[r.IntN(len(values))]
			scores[i][j] = &s
		}
	}
	capacity := make([]int, m)
	for j := range capacity {
		capacity[j] = r.IntN(3)
		if r.IntN(5) == 0 {
			capacity[j] = MaxCapacity
		}
	}
	return matrixProblem(scores, capacity, policy, values[r.IntN(len(values))])
}

func TestScoresAtTheLimitSolveExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := 0; iter < 1500; iter++ {
		for _, policy := range []Policy{Participation, Quality} {
			p := extremeProblem(r, policy)
			res := solveLikeBruteForce(t, p, Options{Shortlist: 1 + r.IntN(2)}, fmt.Sprintf("iteration %d policy %s", iter, policy))
			requirePotentialsWithinTheLargestWeight(t, p, res)
		}
	}
}

// The overflow argument in objective rests on this: every potential lies in
// [-W, 0], W the largest pair weight (a matched mentee's -a[i] = w[i][j] - (-v[j])
// with both terms ≥ 0, and a full mentor's -v[j] is at most its mentees' weights).
func requirePotentialsWithinTheLargestWeight(t *testing.T, p Problem, res *Result) {
	t.Helper()
	cert := res.Certificate
	var w int64
	for i := 0; i < p.Mentees; i++ {
		for j := range p.Capacity {
			if s, ok := p.allowed(i, j); ok {
				w = max(w, cert.ScoreScale*s+cert.MatchBonus)
			}
		}
	}
	for _, x := range append(append([]int64(nil), cert.MenteePotential...), cert.MentorPotential...) {
		require.LessOrEqual(t, -x, w)
	}
}

// The largest problem the solver accepts, with the largest scores and capacity:
// the match bonus and the quality scale are at their largest here.
func TestLargestProblemWithExtremeScores(t *testing.T) {
	score := func(i, _ int) (int64, bool) {
		switch i % 3 {
		case 0:
			return MaxScore, true
		case 1:
			return -MaxScore, true
		}
		return 0, true
	}
	n := MaxInstancePeople
	for _, policy := range []Policy{Participation, Quality} {
		p := Problem{Mentees: n, Capacity: []int{MaxCapacity}, Policy: policy, MinScore: -MaxScore, Score: score}
		res, err := Solve(p, Options{})
		require.NoError(t, err)
		require.NoError(t, Verify(p, res))
		requirePotentialsWithinTheLargestWeight(t, p, res)
		positives, negatives := int64((n+2)/3), int64((n+1)/3)
		if policy == Participation {
			require.Equal(t, n, res.Matched, "everyone, even at -MaxScore")
			require.Equal(t, (positives-negatives)*MaxScore, res.Total)
		} else {
			require.Equal(t, n-int(negatives), res.Matched, "the zero-score pairs too, not the negative ones")
			require.Equal(t, positives*MaxScore, res.Total)
		}
	}
}

func TestScoresBeyondTheLimitAreRefused(t *testing.T) {
	for _, s := range []int64{MaxScore + 1, -MaxScore - 1, math.MaxInt64, math.MinInt64} {
		scores := func(i, j int) (int64, bool) {
			if i == 1 && j == 2 {
				return s, true
			}
			return 5, true
		}
		p := Problem{Mentees: 3, Capacity: []int{1, 1, 1}, Policy: Participation, Score: scores}
		_, err := Solve(p, Options{})
		require.EqualError(t, err, "pair (mentee 1, mentor 2) scores "+itoa(s)+", outside the accepted range ±1000000000: scale the scores down")
		ok := Problem{Mentees: 3, Capacity: []int{1, 1, 1}, Policy: Participation, Score: constant(5)}
		res, err := Solve(ok, Options{})
		require.NoError(t, err)
		require.ErrorContains(t, Verify(p, res), "outside the accepted range")
	}
	_, err := ReadInstance(strings.NewReader(`{"mentees": ["e0"], "mentors": [{"id": "m0"}, {"id": "m1"}], "scores": [[1000000000, 1000000001]]}`))
	require.EqualError(t, err, `"scores" entry for mentee "e0" and mentor "m1" is 1000000001, outside the accepted range ±1000000000: scale the scores down`)
	_, err = ReadInstance(strings.NewReader(`{"mentees": ["e0"], "mentors": [{"id": "m0"}], "scores": [[-1000000000]]}`))
	require.NoError(t, err)
}

func itoa(s int64) string { return strconv.FormatInt(s, 10) }

var maxWeights = Weights{Skill: MaxWeight, Interest: MaxWeight, Goal: MaxWeight, Language: MaxWeight, TimeZone: MaxWeight, Experience: MaxWeight}

func TestLargestWeightsScoreExactly(t *testing.T) {
	mentees := []Profile{
		{ID: "e0", SkillsWanted: []string{"go", "sql"}, Interests: []string{"chess"}, Goals: []string{"go"},
			Languages: []string{"en"}, TimeZone: "UTC", ExperienceYears: 0},
		{ID: "e1", SkillsWanted: []string{"go"}, TimeZone: "UTC", ExperienceYears: 20},
	}
	mentors := []Profile{{ID: "m0", SkillsOffered: []string{"go", "sql"}, Interests: []string{"chess"},
		Languages: []string{"en"}, TimeZone: "UTC", ExperienceYears: 12, Capacity: 1}}
	s, err := NewScorer(mentees, mentors, maxWeights, Constraints{}, nil, testDate)
	require.NoError(t, err)
	// 2 skills + 1 interest + 1 goal + a language + 8 h + 10 years ahead.
	want0 := int64(MaxWeight) * (2 + 1 + 1 + 1 + 8 + 10)
	// 1 skill + 8 h - 2 × 8 years behind.
	want1 := int64(MaxWeight) * (1 + 8 - 16)
	for i, want := range []int64{want0, want1} {
		score, ok, reasons := s.Explain(i, 0)
		require.True(t, ok)
		require.Equal(t, want, score)
		var sum int64
		for _, r := range reasons {
			sum += r.Points
		}
		require.Equal(t, want, sum, "the reasons add up")
	}
	for _, policy := range []Policy{Participation, Quality} {
		p := s.Problem(policy, -MaxScore)
		res, err := Solve(p, Options{})
		require.NoError(t, err)
		require.Equal(t, want0, res.Total)
		require.NoError(t, Verify(p, res))
	}
}

func TestWeightsBeyondTheLimitAreRefused(t *testing.T) {
	mentees := []Profile{{ID: "e0", SkillsWanted: []string{"go"}}}
	mentors := []Profile{{ID: "m0", SkillsOffered: []string{"go"}, Capacity: 1}}
	for _, field := range maxWeights.fields() {
		for _, v := range []int{MaxWeight + 1, -MaxWeight - 1, math.MaxInt} {
			w := maxWeights
			setWeight(&w, field.name, v)
			_, err := NewScorer(mentees, mentors, w, Constraints{}, nil, testDate)
			require.EqualError(t, err, `weight "`+field.name+`" is `+itoa(int64(v))+`, outside the accepted range ±1000000`)
		}
	}
}

func setWeight(w *Weights, name string, v int) {
	switch name {
	case "skill":
		w.Skill = v
	case "interest":
		w.Interest = v
	case "goal":
		w.Goal = v
	case "language":
		w.Language = v
	case "time_zone":
		w.TimeZone = v
	case "experience":
		w.Experience = v
	}
}

// With the largest skill weight, 1000 shared skills reach MaxScore exactly;
// one more skill could not be scored safely and is refused up front.
func TestLongListsThatCouldOverflowAreRefused(t *testing.T) {
	skills := func(n int) []string { return syntheticTerms("skill", n) }
	w := Weights{Skill: MaxWeight}
	s, err := NewScorer([]Profile{{ID: "e0", SkillsWanted: skills(1000)}}, []Profile{{ID: "m0", SkillsOffered: skills(1000), Capacity: 1}},
		w, Constraints{}, nil, testDate)
	require.NoError(t, err)
	score, ok := s.Score(0, 0)
	require.True(t, ok)
	require.Equal(t, int64(MaxScore), score)
	res, err := Solve(s.Problem(Quality, 0), Options{})
	require.NoError(t, err)
	require.Equal(t, int64(MaxScore), res.Total)

	_, err = NewScorer([]Profile{{ID: "e0", SkillsWanted: skills(1001)}}, []Profile{{ID: "m0", SkillsOffered: skills(1001), Capacity: 1}},
		w, Constraints{}, nil, testDate)
	require.EqualError(t, err, `with these weights a pair could score up to 1001000000 points, above the limit of 1000000000: the "skill" weight 1000000 × up to 1001 shared skill terms; lower the weights or shorten the lists`)
}

func TestProfilesThatCannotBeScoredAreRefused(t *testing.T) {
	_, err := NewScorer([]Profile{{ID: "e0", ExperienceYears: math.NaN()}}, nil, DefaultWeights, Constraints{}, nil, testDate)
	require.EqualError(t, err, `mentee "e0": experience_years must be a finite number`)
	_, err = NewScorer(nil, []Profile{{ID: "m0", ExperienceYears: math.Inf(1)}}, DefaultWeights, Constraints{}, nil, testDate)
	require.EqualError(t, err, `mentor "m0": experience_years must be a finite number`)
	_, err = NewScorer(nil, []Profile{{ID: "m0", Capacity: MaxCapacity + 1}}, DefaultWeights, Constraints{}, nil, testDate)
	require.EqualError(t, err, `mentor "m0" (index 0) has capacity 200001, above the limit of 200000`)
}
