package app

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/matching"
)

func TestMatchingSettingsFollowTheConsoleUntilACoordinatorSetsThem(t *testing.T) {
	f := newFixture(t)
	p := f.create(t, ProgramFields{Name: ptr("Spring"), Coordinators: ptr([]string{"coord"})})

	got, err := f.ProgramMatching.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.BuiltInMatchingDefaults.Weights, *got.Weights, "no console values: the built-in ones")
	require.Equal(t, 72, got.RequestExpiryHours)

	console := domain.BuiltInMatchingDefaults
	console.Weights.Skill, console.RequestExpiryHours, console.Policy = 50, 48, string(matching.Quality)
	f.settings.Matching = console
	got, err = f.ProgramMatching.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, 50, got.Weights.Skill)
	require.Equal(t, 48, got.RequestExpiryHours)
	require.Equal(t, "quality", got.Policy)

	got, err = f.ProgramMatching.Update("coord", p.ID, MatchingPatch{
		Weights: &WeightsPatch{Interest: ptr(0)}, MinScore: ptr(int64(-20)), Policy: ptr(" Participation "),
		ExcludeSameDepartment: ptr(true), PairChannel: ptr("group"), Retention: ptr("keep"),
	})
	require.NoError(t, err)
	require.Equal(t, matching.Weights{Skill: 50, Interest: 0, Goal: 12, Language: 5, TimeZone: 4, Experience: 2}, *got.Weights,
		"one weight changed, the others as they were in effect")
	require.Equal(t, int64(-20), *got.MinScore)
	require.Equal(t, "participation", got.Policy)
	require.True(t, got.ExcludeSameDepartment)
	require.Equal(t, domain.PairChannelGroup, got.PairChannel)
	require.Equal(t, domain.RetainKeep, got.Retention)

	// Settings not given keep following the console.
	console.RequestExpiryHours = 96
	f.settings.Matching = console
	got, err = f.ProgramMatching.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, 96, got.RequestExpiryHours)
	require.True(t, got.ExcludeSameDepartment)

	// A boolean can be turned off again.
	got, err = f.ProgramMatching.Update("coord", p.ID, MatchingPatch{ExcludeSameDepartment: ptr(false)})
	require.NoError(t, err)
	require.False(t, got.ExcludeSameDepartment)
	stored, err := f.Programs.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.RetainKeep, stored.Matching.Retention)
	require.Zero(t, stored.Matching.RequestExpiryHours, "stored as 'console default'")
}

func TestEveryBadMatchingSettingIsRefusedByNameAndNothingIsStored(t *testing.T) {
	f := newFixture(t)
	p := f.create(t, ProgramFields{Name: ptr("Spring"), Coordinators: ptr([]string{"coord"})})
	cases := []struct {
		name  string
		in    MatchingPatch
		field string
		text  string
	}{
		{"negative weight", MatchingPatch{Weights: &WeightsPatch{Skill: ptr(-1)}}, "weights.skill", "skill weight must be a whole number from 0 to 1000"},
		{"huge weight", MatchingPatch{Weights: &WeightsPatch{TimeZone: ptr(1001)}}, "weights.time_zone", "time_zone weight"},
		{"min score too high", MatchingPatch{MinScore: ptr(int64(1_000_001))}, "min_score", "between -1000000 and 1000000"},
		{"min score too low", MatchingPatch{MinScore: ptr(int64(-1_000_001))}, "min_score", "between -1000000 and 1000000"},
		{"unknown policy", MatchingPatch{Policy: ptr("fairness")}, "policy", "participation, quality"},
		{"expiry too short", MatchingPatch{RequestExpiryHours: ptr(1)}, "request_expiry_hours", "2 to 720 hours"},
		{"expiry too long", MatchingPatch{RequestExpiryHours: ptr(721)}, "request_expiry_hours", "2 to 720 hours"},
		{"no reminder", MatchingPatch{ReminderBeforeHours: ptr(0)}, "reminder_before_hours", "1 to 719 hours"},
		{"reminder after the expiry", MatchingPatch{ReminderBeforeHours: ptr(80)}, "reminder_before_hours", "80 hours before expiry, but requests expire after 72"},
		{"expiry before the reminder", MatchingPatch{RequestExpiryHours: ptr(24)}, "request_expiry_hours", "24 hours before expiry, but requests expire after 24"},
		{"unknown channel", MatchingPatch{PairChannel: ptr("public")}, "pair_channel", "private, group"},
		{"unknown retention", MatchingPatch{Retention: ptr("delete")}, "retention", "archive, after_days, keep"},
		{"no retention days", MatchingPatch{RetentionDays: ptr(0)}, "retention_days", "1 to 3650 days"},
		{"too many retention days", MatchingPatch{RetentionDays: ptr(3651)}, "retention_days", "1 to 3650 days"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A good value next to the bad one must not be saved either.
			c.in.ExcludeReportingLine = ptr(true)
			_, err := f.ProgramMatching.Update("coord", p.ID, c.in)
			kind, field := kindOf(t, err)
			require.Equal(t, KindInvalid, kind)
			require.Equal(t, c.field, field)
			require.Contains(t, err.Error(), c.text)
		})
	}
	stored, err := f.Programs.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchingSettings{}, stored.Matching, "refused input stores nothing")

	// The expiry and the reminder may change together.
	got, err := f.ProgramMatching.Update("coord", p.ID, MatchingPatch{RequestExpiryHours: ptr(24), ReminderBeforeHours: ptr(4)})
	require.NoError(t, err)
	require.Equal(t, 24, got.RequestExpiryHours)
	require.Equal(t, 4, got.ReminderBeforeHours)
}

func TestOnlyTheProgramsCoordinatorsReadAndChangeItsMatchingSettings(t *testing.T) {
	f := newFixture(t)
	p := f.create(t, ProgramFields{Name: ptr("Spring"), Coordinators: ptr([]string{"coord"})})
	f.create(t, ProgramFields{Name: ptr("Autumn"), Coordinators: ptr([]string{"bob"})})
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)

	for _, who := range []string{"ana", "bob", "cy"} { // member, coordinator of another program, non-member
		_, err := f.ProgramMatching.Get(who, p.ID)
		kind, _ := kindOf(t, err)
		require.Equal(t, KindForbidden, kind, who)
		_, err = f.ProgramMatching.Update(who, p.ID, MatchingPatch{MinScore: ptr(int64(5))})
		kind, _ = kindOf(t, err)
		require.Equal(t, KindForbidden, kind, who)
	}
	_, err = f.ProgramMatching.Get("stranger", p.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "outsiders of the team")

	got, err := f.ProgramMatching.Update("admin", p.ID, MatchingPatch{MinScore: ptr(int64(5))})
	require.NoError(t, err, "system admins may")
	require.Equal(t, int64(5), *got.MinScore)
	stored, err := f.Programs.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, int64(5), *stored.Matching.MinScore)
}
