package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A mentee scored through a MentorPool gets exactly the scores, the reasons
// and the forbidden pairs that a Scorer compiled with everyone gives. The
// assertions were checked to fail when a rule is left out of forbiddenFor.
func TestMentorPoolScoresLikeAFullScorer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	terms := []string{"go", "Rust", "public-speaking", "design", "sql", "writing", "kubernetes"}
	zones := []string{"", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"}
	langs := []string{"English", "Spanish", "German"}
	pick := func(from []string) []string {
		var out []string
		for _, s := range from {
			if rng.IntN(3) == 0 {
				out = append(out, s)
			}
		}
		return out
	}
	person := func(id string) Profile {
		p := Profile{
			ID: id, SkillsWanted: pick(terms), SkillsOffered: pick(terms), Interests: pick(terms),
			Goals: pick(terms), Languages: pick(langs), ExperienceYears: float64(rng.IntN(20)),
			TimeZone: zones[rng.IntN(len(zones))], Department: []string{"", "R&D", "Sales"}[rng.IntN(3)], Capacity: 2,
		}
		if rng.IntN(5) == 0 {
			p.TimeZone = "Pacific/Auckland" // a zone only a mentee may have
		}
		return p
	}
	date := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for round := 0; round < 30; round++ {
		var mentors []Profile
		for j := 0; j < 25; j++ {
			mentors = append(mentors, person(fmt.Sprintf("m%d", j)))
		}
		mentee := person(fmt.Sprintf("e%d", round))
		mentee.DontMatch = []string{"m3"}
		mentee.ReportingLine = []string{"m4"}
		mentors[5].DontMatch = []string{mentee.ID}
		mentors[6].ReportingLine = []string{mentee.ID}
		mentors[7].ID = mentee.ID // the same person on both sides
		c := Constraints{ExcludeReportingLine: round%2 == 0, ExcludeSameDepartment: round%3 == 0}

		pool, err := NewMentorPool(mentors, DefaultWeights, c, NewVocabulary(nil), date)
		require.NoError(t, err)
		got, err := pool.Scorer(mentee, []string{"m8"})
		require.NoError(t, err)
		c.Forbidden = [][2]string{{mentee.ID, "m8"}}
		want, err := NewScorer([]Profile{mentee}, mentors, DefaultWeights, c, NewVocabulary(nil), date)
		require.NoError(t, err)
		for j := range mentors {
			ws, wok, wr := want.Explain(0, j)
			gs, gok, gr := got.Explain(0, j)
			require.Equal(t, wok, gok, "round %d mentor %d allowed", round, j)
			require.Equal(t, ws, gs, "round %d mentor %d score", round, j)
			require.Equal(t, wr, gr, "round %d mentor %d reasons", round, j)
		}
	}
}
