package matching

import (
	"slices"
	"sort"
)

// Suggestion is one mentor proposed to a mentee, with the reasons.
type Suggestion struct {
	Mentor  int      `json:"mentor"`
	Score   int64    `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// BestMentors returns up to k mentors with spare capacity given the current
// loads, best score first: the self-serve suggestions for one mentee, without
// solving the whole program. minScore drops weaker pairs.
func (s *Scorer) BestMentors(mentee int, load []int, k int, minScore int64) []Suggestion {
	// Keep the k best in order as the mentors stream by (k is small, the
	// mentors many): a stable top-k without sorting them all. Ties keep the
	// mentors' order.
	if k <= 0 {
		return nil
	}
	var out []Suggestion
	for j := range s.Mentors {
		used := 0
		if j < len(load) {
			used = load[j]
		}
		if used >= s.Mentors[j].Capacity {
			continue
		}
		score, ok := s.Score(mentee, j)
		if !ok || score < minScore {
			continue
		}
		if len(out) == k && score <= out[k-1].Score {
			continue
		}
		at := sort.Search(len(out), func(i int) bool { return out[i].Score < score })
		out = slices.Insert(out, at, Suggestion{Mentor: j, Score: score})
		if len(out) > k {
			out = out[:k]
		}
	}
	for idx := range out {
		_, _, out[idx].Reasons = s.Explain(mentee, out[idx].Mentor)
	}
	return out
}
