package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSlugifyKeepsEveryScriptAndTellsSymbolsApart(t *testing.T) {
	for name, want := range map[string]string{
		"Women in Tech 2026":   "women-in-tech-2026",
		"Менторство":           "менторство",
		"C++ Mentoring":        "c++-mentoring",
		"C# Mentoring":         "c#-mentoring",
		"  R&D!  ":             "r-d",
		"Ｆｕｌｌｗｉｄｔｈ":            "fullwidth",
		"日本語 メンター":             "日本語-メンター",
		"Café Ünïcode":         "café-ünïcode",
		"Mentors;Mentees":      "mentors-mentees",
		"---":                  "",
		"Women's Network":      "women-s-network",
		"Ana\u0301lisis datos": "análisis-datos",
		"हिन्दी":               "हिन्दी",
		"தமிழ்":                "தமிழ்",
		"বাংলা":                "বাংলা",
	} {
		require.Equal(t, want, Slugify(name), name)
	}
	require.NotEqual(t, Slugify("C++ Mentoring"), Slugify("C# Mentoring"))
	require.NotEqual(t, Slugify("C++ Mentoring"), Slugify("C Mentoring"))
	require.NotEqual(t, Slugify("हिन्दी"), Slugify("हान्दा"), "vowel signs tell names apart")
}

func TestControlCharactersAreFound(t *testing.T) {
	require.False(t, HasControlCharacters("Women in Tech", false))
	require.True(t, HasControlCharacters("Women\nin Tech", false))
	require.False(t, HasControlCharacters("line one\nline two", true))
	require.True(t, HasControlCharacters("lone\rreturn", true), "a lone CR must be normalized first")
	require.Equal(t, "a\nb\nc", NormalizeNewlines("a\r\nb\rc"))
	require.True(t, HasControlCharacters("bell\a", true))
	require.True(t, HasControlCharacters("right-to-left\u202eoverride", true))
	require.True(t, HasControlCharacters("zero\u200bwidth", false))
}

func TestParseDateRefusesImplausibleYears(t *testing.T) {
	for _, bad := range []string{"0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01", "2026-02-30", "tomorrow"} {
		_, ok := ParseDate(bad)
		require.False(t, ok, bad)
	}
	_, ok := ParseDate("2026-09-01")
	require.True(t, ok)
}

func TestPauseEndsOnItsDate(t *testing.T) {
	e := &Enrollment{Status: StatusPaused, PausedUntil: "2026-12-01"}
	require.False(t, e.ResumeIfDue(mustTime(t, "2026-11-30T23:59:00Z")))
	require.True(t, e.ResumeIfDue(mustTime(t, "2026-12-01T00:00:00Z")))
	require.Equal(t, StatusActive, e.Status)
	require.Empty(t, e.PausedUntil)
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}
