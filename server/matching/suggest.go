package matching

import "sort"

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
		out = append(out, Suggestion{Mentor: j, Score: score})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if len(out) > k {
		out = out[:k]
	}
	for idx := range out {
		_, _, out[idx].Reasons = s.Explain(mentee, out[idx].Mentor)
	}
	return out
}
