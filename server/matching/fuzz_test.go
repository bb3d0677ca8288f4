package matching

import (
	"bytes"
	"testing"
)

// FuzzSolve builds a small instance from the fuzzer's bytes and checks the
// solver against brute force and its own certificate.
func FuzzSolve(f *testing.F) {
	f.Add([]byte{3, 2, 1, 2, 10, 20, 30, 40, 50, 60, 0, 5})
	f.Add([]byte{6, 4, 3, 1, 2, 3, 255, 0, 7, 7, 7, 7, 7, 7, 7, 7, 9, 200, 100})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 {
			return
		}
		n, m := 1+int(data[0])%6, 1+int(data[1])%4
		policy := Participation
		if data[2]%2 == 1 {
			policy = Quality
		}
		minScore := int64(data[3]%64) - 16
		rest := data[4:]
		at := func(k int) byte {
			if len(rest) == 0 {
				return 0
			}
			return rest[k%len(rest)]
		}
		scores := make([][]*int64, n)
		for i := range scores {
			scores[i] = make([]*int64, m)
			for j := range scores[i] {
				b := at(i*m + j)
				if b%7 == 0 {
					continue // forbidden
				}
				s := int64(b%40) - 10
				scores[i][j] = &s
			}
		}
		capacity := make([]int, m)
		for j := range capacity {
			capacity[j] = int(at(n*m+j)) % 4 // 0..3
		}
		p := matrixProblem(scores, capacity, policy, minScore)
		res, err := Solve(p, Options{Shortlist: 1 + int(at(n*m+m))%3})
		if err != nil {
			t.Fatal(err)
		}
		if err := Verify(p, res); err != nil {
			t.Fatal(err)
		}
		matched, total := bruteForce(p)
		if total != res.Total || (policy == Participation && matched != res.Matched) {
			t.Fatalf("solver (%d matched, total %d) vs brute force (%d, %d)", res.Matched, res.Total, matched, total)
		}
	})
}

// FuzzReadInstance feeds arbitrary bytes to the JSON reader: it must never
// panic, and whatever it accepts must solve with a valid certificate.
func FuzzReadInstance(f *testing.F) {
	f.Add([]byte(`{"mentees": ["e0", "e1"], "mentors": [{"id": "m0", "capacity": 2}], "scores": [[12], [null]], "policy": "participation", "min_score": 0}`))
	f.Add([]byte(`{"mentees": [{"id": "e0", "skills_wanted": ["go"], "time_zone": "Europe/Madrid"}], "mentors": [{"id": "m0", "capacity": 1, "skills_offered": ["Go"]}], "policy": "quality", "min_score": 5}`))
	f.Add([]byte(`{"mentees": ["a"], "mentors": [{"id": "b", "capacity": -1}], "scores": [[1]]}`))
	f.Add([]byte(`{"mentees": ["a","b"], "mentors": [{"id": "m"}], "scores": [[1],[2,3]]}`))
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
			return // e.g. scores too large: reported, not a crash
		}
		if err := Verify(p, res); err != nil {
			t.Fatal(err)
		}
	})
}
