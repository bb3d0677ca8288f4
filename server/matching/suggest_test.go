package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BestMentors keeps a running top k; it must agree with sorting every allowed
// mentor by score (ties in the mentors' order) and cutting at k.
func TestBestMentorsIsTheStableTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	skills := []string{"go", "rust", "design", "writing", "speaking", "sql"}
	pick := func() []string {
		var out []string
		for _, s := range skills {
			if rng.IntN(3) == 0 {
				out = append(out, s)
			}
		}
		return out
	}
	for round := 0; round < 50; round++ {
		mentee := Profile{ID: "me", SkillsWanted: pick(), Interests: pick()}
		var mentors []Profile
		for j := 0; j < 40; j++ {
			mentors = append(mentors, Profile{ID: fmt.Sprintf("m%d", j), SkillsOffered: pick(), Interests: pick(), Capacity: rng.IntN(3)})
		}
		sc, err := NewScorer([]Profile{mentee}, mentors, DefaultWeights, Constraints{}, nil, time.Now())
		require.NoError(t, err)
		load := make([]int, len(mentors))
		var all []Suggestion
		for j := range mentors {
			if s, ok := sc.Score(0, j); ok && mentors[j].Capacity > 0 {
				all = append(all, Suggestion{Mentor: j, Score: s})
			}
		}
		sort.SliceStable(all, func(a, b int) bool { return all[a].Score > all[b].Score })
		for _, k := range []int{0, 1, 5, 100} {
			got := sc.BestMentors(0, load, k, math.MinInt64)
			want := all[:min(k, len(all))]
			require.Len(t, got, len(want))
			for i := range want {
				require.Equal(t, want[i].Mentor, got[i].Mentor, "round %d k %d rank %d", round, k, i)
				require.Equal(t, want[i].Score, got[i].Score)
				if got[i].Score > 0 {
					require.NotEmpty(t, got[i].Reasons, "a score has its reasons")
				}
			}
		}
	}
}
