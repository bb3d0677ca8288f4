package matching

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestNormalizeAndSynonymsMeet(t *testing.T) {
	v := NewVocabulary(map[string][]string{"public speaking": {"presenting", "Speaking in public"}})
	for _, term := range []string{"Public speaking", "public-speaking", " PUBLIC_SPEAKING ", "presenting", "speaking in public"} {
		require.Equal(t, "public speaking", v.Canonical(term), term)
	}
	a, _ := v.ID("Public Speaking")
	b, _ := v.ID("presenting")
	require.Equal(t, a, b)
	_, ok := v.ID("  - ")
	require.False(t, ok, "blank terms are ignored")
}

func TestOverlapUsesRealOffsetsOnTheDate(t *testing.T) {
	madrid, _ := time.LoadLocation("Europe/Madrid")
	newYork, _ := time.LoadLocation("America/New_York")
	h := DefaultWorkingHours
	// 20 March 2026: the US is already on summer time, Europe not yet (5 h apart).
	require.Equal(t, 3*60, OverlapMinutes(madrid, h, newYork, h, time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)))
	// 15 January: 6 h apart.
	require.Equal(t, 2*60, OverlapMinutes(madrid, h, newYork, h, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)))
	// Auckland and Los Angeles share hours across the date line.
	auckland, _ := time.LoadLocation("Pacific/Auckland")
	la, _ := time.LoadLocation("America/Los_Angeles")
	require.Positive(t, OverlapMinutes(auckland, h, la, WorkingHours{Start: 8 * 60, End: 18 * 60}, time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)))
}

var testDate = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func TestScoreAndReasons(t *testing.T) {
	mentees := []Profile{{ID: "e1", SkillsWanted: []string{"Public-speaking", "Go"}, Interests: []string{"hiking"},
		Languages: []string{"Spanish", "English"}, TimeZone: "Europe/Madrid", ExperienceYears: 2, Goals: []string{"leadership"}}}
	mentors := []Profile{{ID: "m1", Name: "Ana", SkillsOffered: []string{"public speaking", "leadership"}, Interests: []string{"Hiking"},
		Languages: []string{"spanish"}, TimeZone: "Europe/London", ExperienceYears: 10, Capacity: 2}}
	s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{}, nil, testDate)
	require.NoError(t, err)
	score, ok, reasons := s.Explain(0, 0)
	require.True(t, ok)
	texts := []string{}
	var sum int64
	for _, r := range reasons {
		texts = append(texts, r.Text)
		sum += r.Points
	}
	require.Equal(t, []string{
		"wants public speaking — Ana offers it",
		`goal "leadership" — Ana knows it`,
		"both interested in hiking",
		"both speak Spanish",
		"7 h of shared working hours",
		"8 years more experience",
	}, texts)
	require.Equal(t, score, sum, "the reasons add up to the score")
	plain, _ := s.Score(0, 0)
	require.Equal(t, score, plain)
}

func TestHardConstraints(t *testing.T) {
	mentees := []Profile{
		{ID: "same", Languages: []string{"en"}},
		{ID: "e2", DontMatch: []string{"m1"}},
		{ID: "e3", ReportingLine: []string{"boss"}},
		{ID: "e4", Languages: []string{"fr"}},
		{ID: "e5"},
	}
	mentors := []Profile{{ID: "same", Capacity: 1}, {ID: "m1", Capacity: 1}, {ID: "boss", Capacity: 1, Languages: []string{"de"}}, {ID: "m3", Capacity: 1, DontMatch: []string{"e5"}}}
	s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{ExcludeReportingLine: true, Forbidden: [][2]string{{"e5", "m1"}}}, nil, testDate)
	require.NoError(t, err)
	forbidden := map[[2]int]bool{{0, 0}: true, {1, 1}: true, {2, 2}: true, {3, 2}: true, {4, 1}: true, {4, 3}: true, {0, 2}: true}
	for i := range mentees {
		for j := range mentors {
			_, ok := s.Score(i, j)
			require.Equal(t, !forbidden[[2]int{i, j}], ok, "pair %s–%s", mentees[i].ID, mentors[j].ID)
		}
	}
	_, err = NewScorer(mentees, mentors, DefaultWeights, Constraints{Forbidden: [][2]string{{"nobody", "m1"}}}, nil, testDate)
	require.ErrorContains(t, err, "unknown mentee or mentor")
	_, err = NewScorer([]Profile{{ID: "x", TimeZone: "Mars/Olympus"}}, nil, DefaultWeights, Constraints{}, nil, testDate)
	require.ErrorContains(t, err, "unknown time zone")
}

func TestBestMentorsRespectsLoadsAndExplains(t *testing.T) {
	mentees := []Profile{{ID: "e", SkillsWanted: []string{"go", "sql", "rust"}}}
	mentors := []Profile{
		{ID: "a", SkillsOffered: []string{"go"}, Capacity: 1},
		{ID: "b", SkillsOffered: []string{"go", "sql"}, Capacity: 1},
		{ID: "c", SkillsOffered: []string{"go", "sql", "rust"}, Capacity: 2},
	}
	s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{}, nil, testDate)
	require.NoError(t, err)
	got := s.BestMentors(0, []int{0, 0, 2}, 2, 0)
	require.Len(t, got, 2)
	require.Equal(t, 1, got[0].Mentor, "c is full")
	require.Equal(t, 0, got[1].Mentor)
	require.NotEmpty(t, got[0].Reasons)
}

func TestProfileProblemSolvesOptimally(t *testing.T) {
	mentees, mentors := syntheticProfiles(60, 12, 2, 3)
	s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{}, syntheticVocabulary(), testDate)
	require.NoError(t, err)
	for _, policy := range []Policy{Participation, Quality} {
		p := s.Problem(policy, 40)
		res, err := Solve(p, Options{Shortlist: 3})
		require.NoError(t, err)
		require.NoError(t, Verify(p, res))
	}
}

func TestSameDepartmentExclusion(t *testing.T) {
	mentees := []Profile{{ID: "e", Department: "Engineering"}}
	mentors := []Profile{{ID: "a", Department: "engineering ", Capacity: 1}, {ID: "b", Department: "Sales", Capacity: 1}, {ID: "c", Capacity: 1}}
	s, err := NewScorer(mentees, mentors, DefaultWeights, Constraints{ExcludeSameDepartment: true}, nil, testDate)
	require.NoError(t, err)
	for j, want := range []bool{false, true, true} {
		_, ok := s.Score(0, j)
		require.Equal(t, want, ok, mentors[j].ID)
	}
	s, err = NewScorer(mentees, mentors, DefaultWeights, Constraints{}, nil, testDate)
	require.NoError(t, err)
	_, ok := s.Score(0, 0)
	require.True(t, ok, "without the constraint colleagues may pair")
}
