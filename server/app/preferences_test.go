package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestPreferencesDefaultsAndOwnValues(t *testing.T) {
	w := newHoursWorld(t)
	v, err := w.Sessions.Preferences("bob")
	require.NoError(t, err)
	require.Equal(t, []int{1440, 60}, v.LeadMinutes, "built in when the console says nothing")
	require.False(t, v.OwnLeadMinutes)
	require.Equal(t, "Europe/Berlin", v.TimeZone)
	require.False(t, v.FeedActive)

	v, err = w.Sessions.SetPreferences("bob", PreferencesInput{
		LeadMinutes: &[]int{30, 2880, 30}, QuietStart: ptr("22:00"), QuietEnd: ptr("7:30"),
		WeeklyBudget: ptr(0), SnoozeWeeks: ptr(2),
	})
	require.NoError(t, err)
	require.Equal(t, []int{2880, 30}, v.LeadMinutes, "earliest first, each once")
	require.True(t, v.OwnLeadMinutes)
	require.Equal(t, "22:00", v.QuietStart)
	require.Equal(t, "07:30", v.QuietEnd)
	require.Equal(t, 0, v.WeeklyBudget, "0 is a choice: everything in the digest")
	require.Equal(t, w.deps.Now().AddDate(0, 0, 14), v.SnoozeUntil)

	// Nil fields stay; an empty list and empty quiet hours go back to none.
	v, err = w.Sessions.SetPreferences("bob", PreferencesInput{LeadMinutes: &[]int{}, QuietStart: ptr(""), QuietEnd: ptr(""), SnoozeWeeks: ptr(0)})
	require.NoError(t, err)
	require.Equal(t, []int{1440, 60}, v.LeadMinutes)
	require.Empty(t, v.QuietStart)
	require.Zero(t, v.SnoozeUntil)
	require.Equal(t, 0, v.WeeklyBudget)
	stored, _, err := w.store.GetPreferences("bob")
	require.NoError(t, err)
	require.Nil(t, stored.LeadMinutes)
	require.Equal(t, 0, *stored.WeeklyBudget)

	// The System Console's values are the defaults.
	w.deps.Settings = func() Settings { return Settings{Sessions: SessionDefaults{LeadMinutes: []int{120}, WeeklyBudget: 7}} }
	v, err = w.node().Sessions.Preferences("ana")
	require.NoError(t, err)
	require.Equal(t, []int{120}, v.LeadMinutes)
	require.Equal(t, 7, v.WeeklyBudget)
}

func TestBadPreferencesAreRefusedAndNothingIsStored(t *testing.T) {
	w := newHoursWorld(t)
	for name, tc := range map[string]struct {
		in    PreferencesInput
		field string
	}{
		"lead too short":   {PreferencesInput{LeadMinutes: &[]int{0}}, "lead_minutes"},
		"lead too long":    {PreferencesInput{LeadMinutes: &[]int{MaxLeadMinutes + 1}}, "lead_minutes"},
		"too many leads":   {PreferencesInput{LeadMinutes: &[]int{10, 20, 30, 40, 50}}, "lead_minutes"},
		"quiet start only": {PreferencesInput{QuietStart: ptr("22:00")}, "quiet_start"},
		"quiet one empty":  {PreferencesInput{QuietStart: ptr("22:00"), QuietEnd: ptr("")}, "quiet_start"},
		"quiet bad clock":  {PreferencesInput{QuietStart: ptr("10pm"), QuietEnd: ptr("07:00")}, "quiet_start"},
		"quiet bad end":    {PreferencesInput{QuietStart: ptr("22:00"), QuietEnd: ptr("25:00")}, "quiet_end"},
		"quiet empty span": {PreferencesInput{QuietStart: ptr("22:00"), QuietEnd: ptr("22:00")}, "quiet_end"},
		"budget negative":  {PreferencesInput{WeeklyBudget: ptr(-1)}, "weekly_budget"},
		"budget too big":   {PreferencesInput{WeeklyBudget: ptr(MaxWeeklyBudget + 1)}, "weekly_budget"},
		"snooze too long":  {PreferencesInput{SnoozeWeeks: ptr(13)}, "snooze_weeks"},
		"snooze negative":  {PreferencesInput{SnoozeWeeks: ptr(-1)}, "snooze_weeks"},
		// One bad value refuses the good ones with it.
		"mixed": {PreferencesInput{LeadMinutes: &[]int{60}, WeeklyBudget: ptr(500)}, "weekly_budget"},
	} {
		_, err := w.Sessions.SetPreferences("bob", tc.in)
		kind, field := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, name)
		require.Equal(t, tc.field, field, name)
		require.NotContains(t, err.Error(), "{{", name)
		_, found, err := w.store.GetPreferences("bob")
		require.NoError(t, err)
		require.False(t, found, name)
	}
}

func TestProgramSessionSettingsAreForCoordinators(t *testing.T) {
	w := newHoursWorld(t)
	got, err := w.Sessions.ProgramSettings("coord", w.p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.SessionSettings{LeadMinutes: []int{1440, 60}, FollowUpMinutes: 15, DefaultMinutes: 30}, got)

	_, err = w.Sessions.ProgramSettings("bob", w.p.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind)
	_, err = w.Sessions.SetProgramSettings("ana", w.p.ID, domain.SessionSettings{DefaultMinutes: 45})
	kind, _ = kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "a mentor is not a coordinator")

	for field, in := range map[string]domain.SessionSettings{
		"lead_minutes":      {LeadMinutes: []int{0}},
		"follow_up_minutes": {FollowUpMinutes: -5},
		"default_minutes":   {DefaultMinutes: 3},
	} {
		_, err := w.Sessions.SetProgramSettings("coord", w.p.ID, in)
		kind, f := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, field)
		require.Equal(t, field, f)
	}
	p, err := w.store.GetProgram(w.p.ID)
	require.NoError(t, err)
	require.Zero(t, p.Sessions, "nothing stored")

	got, err = w.Sessions.SetProgramSettings("coord", w.p.ID, domain.SessionSettings{LeadMinutes: []int{60, 10}, DefaultMinutes: 45})
	require.NoError(t, err)
	require.Equal(t, domain.SessionSettings{LeadMinutes: []int{60, 10}, FollowUpMinutes: 15, DefaultMinutes: 45}, got)
	p, err = w.store.GetProgram(w.p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.SessionSettings{LeadMinutes: []int{60, 10}, DefaultMinutes: 45}, p.Sessions, "unset values stay unset")
	require.Equal(t, "Office Hours Club", p.Name, "the rest of the program is untouched")
	require.Equal(t, w.deps.Now(), p.UpdatedAt.In(time.UTC))
}
