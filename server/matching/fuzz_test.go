package matching

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzSolve builds a small instance from the fuzzer's bytes and checks the
// solver against brute force (total and number of matches) and its own
// certificate. Flags in data[2] switch on scores at ±MaxScore, capacities at
// MaxCapacity, and one value beyond a limit (which must be refused by name).
func FuzzSolve(f *testing.F) {
	f.Add([]byte{3, 2, 1, 2, 10, 20, 30, 40, 50, 60, 0, 5})
	f.Add([]byte{6, 4, 3, 1, 2, 3, 255, 0, 7, 7, 7, 7, 7, 7, 7, 7, 9, 200, 100})
	f.Add([]byte{5, 3, 0b0111, 20, 39, 1, 19, 20, 21, 39, 38, 0, 3, 2})   // extreme scores and capacities
	f.Add([]byte{4, 2, 0b1010, 9, 39, 39, 39, 39, 39, 39, 39, 39, 1, 1})  // one score beyond the limit
	f.Add([]byte{2, 2, 0b11100, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1}) // one capacity beyond the limit
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 {
			return
		}
		n, m := 1+int(data[0])%6, 1+int(data[1])%4
		flags := data[2]
		policy := Participation
		if flags&1 == 1 {
			policy = Quality
		}
		extreme, hugeCapacity, beyond := flags&2 != 0, flags&4 != 0, flags&8 != 0
		rest := data[4:]
		at := func(k int) byte {
			if len(rest) == 0 {
				return 0
			}
			return rest[k%len(rest)]
		}
		// value maps a byte to a score: -10..29 normally, or -MaxScore..MaxScore
		// in steps of MaxScore/20 (both ends included) when extreme.
		value := func(b byte) int64 {
			if extreme {
				return (int64(b%41) - 20) * (MaxScore / 20)
			}
			return int64(b%40) - 10
		}
		minScore := value(data[3]) - 6
		scores := make([][]*int64, n)
		for i := range scores {
			scores[i] = make([]*int64, m)
			for j := range scores[i] {
				b := at(i*m + j)
				if b%7 == 0 {
					continue // forbidden
				}
				s := value(b)
				scores[i][j] = &s
			}
		}
		capacity := make([]int, m)
		for j := range capacity {
			capacity[j] = int(at(n*m+j)) % 4 // 0..3
			if hugeCapacity && at(n*m+j)%2 == 0 {
				capacity[j] = MaxCapacity - capacity[j]
			}
		}
		if beyond {
			// One value just past its limit, chosen by the data.
			if hugeCapacity {
				capacity[0] = MaxCapacity + 1 + int(at(0))<<40
			} else {
				s := int64(MaxScore) + 1 + int64(at(0))<<50
				if at(1)%2 == 0 {
					s = -s
				}
				scores[0][0] = &s
				capacity[0] = max(capacity[0], 1) // so that the pair is allowed
				minScore = -1 << 62
			}
		}
		p := matrixProblem(scores, capacity, policy, minScore)
		opts := Options{Shortlist: 1 + int(at(n*m+m))%3}
		if beyond {
			_, err := Solve(p, opts)
			if err == nil || !strings.Contains(err.Error(), "above the limit") && !strings.Contains(err.Error(), "outside the accepted range") {
				t.Fatalf("a value beyond the limits gave %v", err)
			}
			return
		}
		solveLikeBruteForce(t, p, opts, "fuzzed problem")
	})
}

// FuzzReadInstance feeds arbitrary bytes to the JSON reader: it must never
// panic, and whatever it accepts must solve with a valid certificate (the
// limits it enforces leave no accepted instance that could overflow).
func FuzzReadInstance(f *testing.F) {
	f.Add([]byte(`{"mentees": ["e0", "e1"], "mentors": [{"id": "m0", "capacity": 2}], "scores": [[12], [null]], "policy": "participation", "min_score": 0}`))
	f.Add([]byte(`{"mentees": [{"id": "e0", "skills_wanted": ["go"], "time_zone": "Europe/Madrid"}], "mentors": [{"id": "m0", "capacity": 1, "skills_offered": ["Go"]}], "policy": "quality", "min_score": 5}`))
	f.Add([]byte(`{"mentees": ["a"], "mentors": [{"id": "b", "capacity": -1}], "scores": [[1]]}`))
	f.Add([]byte(`{"mentees": ["a","b"], "mentors": [{"id": "m"}], "scores": [[1],[2,3]]}`))
	f.Add([]byte(`{"mentees": ["a","b"], "mentors": [{"id": "m", "capacity": 1000000000000}], "scores": [[1],[2]]}`))
	f.Add([]byte(`{"mentees": ["a","b"], "mentors": [{"id": "m", "capacity": 200000}], "scores": [[1000000000],[-1000000000]], "policy": "quality", "min_score": -1000000000}`))
	f.Add([]byte(`{"mentees": ["a"], "mentors": [{"id": "m", "capacity": 4611686018427387904}], "scores": [[9223372036854775807]]}`))
	f.Add([]byte(`{"mentees": [{"id": "e0", "skills_wanted": ["x", "y"], "experience_years": 1e300}], "mentors": [{"id": "m0", "capacity": 200000, "skills_offered": ["x", "y"], "experience_years": -1e300}], "weights": {"skill": 1000000, "interest": -1000000, "goal": 1000000, "language": 1000000, "time_zone": 1000000, "experience": 1000000}}`))
	f.Add([]byte(`{"mentees": [{"id": "e0", "skills_wanted": ["x"]}], "mentors": [{"id": "m0", "capacity": 1e12, "skills_offered": ["x"]}], "weights": {"skill": 4611686018427387904}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ReadInstance(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(in.MenteeIDs) > 50 || len(in.MentorIDs) > 50 {
			return
		}
		p := in.Problem()
		res, err := Solve(p, Options{})
		if err != nil {
			t.Fatalf("an accepted instance does not solve: %v", err)
		}
		if err := Verify(p, res); err != nil {
			t.Fatal(err)
		}
		if in.Scorer != nil {
			checkScoresAndReasons(t, in.Scorer)
		}
	})
}

// FuzzScorer scores profiles with arbitrary weights (up to ±2^63) and long
// term lists: a scorer that accepts them must keep every score within
// ±MaxScore with reasons that add up, and the problem must solve and verify.
func FuzzScorer(f *testing.F) {
	f.Add(int64(30), int64(8), int64(12), int64(5), int64(4), int64(2), uint16(3), uint16(2), 2.0, 10.0)
	f.Add(int64(MaxWeight), int64(MaxWeight), int64(MaxWeight), int64(MaxWeight), int64(MaxWeight), int64(MaxWeight), uint16(900), uint16(40), 0.0, 30.0)
	f.Add(int64(-MaxWeight), int64(MaxWeight), int64(-MaxWeight), int64(-MaxWeight), int64(-MaxWeight), int64(-MaxWeight), uint16(1000), uint16(0), 30.0, 0.0)
	f.Add(int64(MaxWeight), int64(0), int64(0), int64(0), int64(0), int64(0), uint16(1001), uint16(0), 1.0, 1.0)
	f.Add(int64(1)<<62, int64(0), int64(0), int64(0), int64(0), int64(0), uint16(2), uint16(0), 1.0, 1.0)
	f.Fuzz(func(t *testing.T, skill, interest, goal, language, zone, experience int64, skills, interests uint16, menteeYears, mentorYears float64) {
		w := Weights{Skill: int(skill), Interest: int(interest), Goal: int(goal), Language: int(language), TimeZone: int(zone), Experience: int(experience)}
		terms := func(prefix string, n, from int) []string { return syntheticTerms(prefix, n+from)[from:] }
		k, l := int(skills%2048), int(interests%2048)
		mentees := []Profile{
			{ID: "e0", SkillsWanted: terms("s", k, 0), Goals: terms("s", k/2, 0), Interests: terms("i", l, 0),
				Languages: []string{"en"}, TimeZone: "Europe/Madrid", ExperienceYears: menteeYears},
			{ID: "e1", SkillsWanted: terms("s", k/3, k/3), Interests: terms("i", l/2, 0), TimeZone: "Asia/Tokyo"},
		}
		mentors := []Profile{
			{ID: "m0", SkillsOffered: terms("s", k, 0), Interests: terms("i", l, 0), Languages: []string{"EN"},
				TimeZone: "Europe/London", ExperienceYears: mentorYears, Capacity: 1},
			{ID: "m1", SkillsOffered: terms("s", k/2, 0), TimeZone: "America/New_York", Capacity: MaxCapacity},
		}
		s, err := NewScorer(mentees, mentors, w, Constraints{}, nil, testDate)
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, "weight") && !strings.Contains(msg, "experience_years") {
				t.Fatalf("unexpected refusal: %v", err)
			}
			return
		}
		checkScoresAndReasons(t, s)
		for _, policy := range []Policy{Participation, Quality} {
			solveLikeBruteForce(t, s.Problem(policy, -MaxScore), Options{}, string(policy))
		}
	})
}

// checkScoresAndReasons checks every pair of a scorer: within ±MaxScore, and
// the reasons' points add up to the score.
func checkScoresAndReasons(t *testing.T, s *Scorer) {
	t.Helper()
	for i := range s.Mentees {
		for j := range s.Mentors {
			score, ok, reasons := s.Explain(i, j)
			if !ok {
				continue
			}
			if score > MaxScore || score < -MaxScore {
				t.Fatalf("pair %d–%d scores %d, beyond ±%d", i, j, score, MaxScore)
			}
			var sum int64
			for _, r := range reasons {
				sum += r.Points
			}
			if sum != score {
				t.Fatalf("pair %d–%d: reasons add up to %d, score %d", i, j, sum, score)
			}
		}
	}
}
