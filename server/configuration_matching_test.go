package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// load decodes settings the way LoadPluginConfiguration does: the manifest's
// defaults, overridden by what the System Console saved, through JSON.
func load(t *testing.T, saved map[string]any) *configuration {
	t.Helper()
	data, err := os.ReadFile("../plugin.json")
	require.NoError(t, err)
	var manifest struct {
		SettingsSchema struct {
			Settings []struct {
				Key     string `json:"key"`
				Default any    `json:"default"`
			} `json:"settings"`
		} `json:"settings_schema"`
	}
	require.NoError(t, json.Unmarshal(data, &manifest))
	final := map[string]any{}
	for _, s := range manifest.SettingsSchema.Settings {
		final[strings.ToLower(s.Key)] = s.Default
	}
	for k, v := range saved {
		final[strings.ToLower(k)] = v
	}
	raw, err := json.Marshal(final)
	require.NoError(t, err)
	c := &configuration{}
	require.NoError(t, json.Unmarshal(raw, c))
	c.setDefaults()
	return c
}

func TestTheManifestDefaultsAreTheBuiltInMatchingDefaults(t *testing.T) {
	c := load(t, nil)
	require.NoError(t, c.validate())
	require.Equal(t, domain.BuiltInMatchingDefaults, c.settings().Matching)
	require.Equal(t, time.Minute, c.sweepInterval())

	// No configuration at all (before the first load) gives the same.
	bare := &configuration{}
	bare.setDefaults()
	require.NoError(t, bare.validate())
	require.Equal(t, domain.BuiltInMatchingDefaults, bare.settings().Matching)
}

func TestConsoleNumbersMayBeSavedAsNumbersOrText(t *testing.T) {
	c := load(t, map[string]any{
		"MatchWeightSkill": "45", "MatchWeightInterest": 0, "MatchMinScore": " -10 ",
		"RequestExpiryHours": 48.0, "DueWorkSweepSeconds": "1", "MatchPolicy": "Quality",
	})
	require.NoError(t, c.validate())
	m := c.settings().Matching
	require.Equal(t, 45, m.Weights.Skill)
	require.Equal(t, 0, m.Weights.Interest, "zero is a value, not 'unset'")
	require.Equal(t, int64(-10), m.MinScore)
	require.Equal(t, 48, m.RequestExpiryHours)
	require.Equal(t, "quality", m.Policy)
	require.Equal(t, time.Second, c.sweepInterval(), "tests shorten the sweep")

	// An emptied field falls back to the default instead of zero.
	require.Equal(t, 30, load(t, map[string]any{"MatchWeightSkill": ""}).settings().Matching.Weights.Skill)
}

func TestBadConsoleValuesAreReportedByKey(t *testing.T) {
	cases := map[string]struct {
		saved map[string]any
		want  string
	}{
		"text":              {map[string]any{"MatchWeightGoal": "lots"}, `MatchWeightGoal is lots; it must be a whole number from 0 to 1000`},
		"fraction":          {map[string]any{"MatchWeightGoal": 1.5}, "MatchWeightGoal is 1.5"},
		"negative weight":   {map[string]any{"MatchWeightLanguage": -1}, "MatchWeightLanguage is -1; it must be from 0 to 1000"},
		"huge weight":       {map[string]any{"MatchWeightTimeZone": 1001}, "MatchWeightTimeZone is 1001"},
		"min score":         {map[string]any{"MatchMinScore": 2_000_000}, "MatchMinScore is 2000000; it must be from -1000000 to 1000000"},
		"policy":            {map[string]any{"MatchPolicy": "fairness"}, `MatchPolicy is "fairness"; it must be one of participation, quality`},
		"expiry":            {map[string]any{"RequestExpiryHours": 1000}, "RequestExpiryHours is 1000; it must be from 2 to 720"},
		"reminder too late": {map[string]any{"RequestExpiryHours": 24, "RequestReminderHours": 24}, "RequestReminderHours is 24; it must be from 1 to 23"},
		"channel":           {map[string]any{"PairChannel": "public"}, `PairChannel is "public"`},
		"retention":         {map[string]any{"PairChannelRetention": "delete"}, `PairChannelRetention is "delete"`},
		"retention days":    {map[string]any{"PairChannelRetentionDays": 0}, "PairChannelRetentionDays is 0; it must be from 1 to 3650"},
		"sweep":             {map[string]any{"DueWorkSweepSeconds": 0}, "DueWorkSweepSeconds is 0; it must be from 1 to 3600"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			require.ErrorContains(t, load(t, c.saved).validate(), c.want)
		})
	}
}
