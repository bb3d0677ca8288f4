package command

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

func TestRemindersShowAndChangeThePreferences(t *testing.T) {
	f := newSessionFixture(t)
	shown := f.in("town", "bob", "/mentor reminders")
	require.Contains(t, shown, "#### Your session reminders")
	require.Contains(t, shown, "Before each session: 1d, 1h (the default")
	require.Contains(t, shown, "Quiet hours: none")
	require.Contains(t, shown, "Not snoozed")

	shown = f.in("town", "bob", "/mentor reminders --lead 2d,1h30m,15m --quiet 22:00-7:30 --budget 3 --snooze 2 weeks")
	require.Contains(t, shown, "Before each session: 2d, 1h30m, 15m (your choice)")
	require.Contains(t, shown, "Quiet hours: 22:00–07:30 (Europe/Berlin)")
	require.Contains(t, shown, "Weekly budget: 3 reminders a week")
	require.Contains(t, shown, "Snoozed until 2026-12-10 13:00 (Europe/Berlin)")
	v, err := f.svc.Sessions.Preferences("bob")
	require.NoError(t, err)
	require.Equal(t, []int{2880, 90, 15}, v.LeadMinutes)
	require.Equal(t, "22:00", v.QuietStart)
	require.Equal(t, "07:30", v.QuietEnd)
	require.Equal(t, 3, v.WeeklyBudget)
	require.Equal(t, sessionClock.AddDate(0, 0, 14), v.SnoozeUntil)

	shown = f.in("town", "bob", "/mentor reminders --lead default --quiet off --snooze off")
	require.Contains(t, shown, "Before each session: 1d, 1h (the default")
	require.Contains(t, shown, "Quiet hours: none")
	require.Contains(t, shown, "Not snoozed")
	require.Contains(t, shown, "Weekly budget: 3", "options not given are kept")
	require.Empty(t, f.log.errors)
}

func TestReminderMistakesChangeNothing(t *testing.T) {
	f := newSessionFixture(t)
	f.in("town", "bob", "/mentor reminders --budget 4")
	cases := map[string]string{
		"--lead soon":             "--lead takes times before a session",
		"--lead 8d":               "not in that range",
		"--lead 1d,1h,30m,15m,5m": "at most 4",
		"--quiet late":            "--quiet takes a span of the day",
		"--quiet 25:00-08:00":     "not a time of day",
		"--snooze forever":        "--snooze takes a number of weeks",
		"--snooze 20w":            "1 to 12 weeks",
		"--budget many":           "--budget must be a whole number",
		"--budget 500":            "not in that range",
		"--budget 2 --lead x":     "--lead takes times",
	}
	for options, want := range cases {
		require.Contains(t, f.in("town", "bob", "/mentor reminders "+options), want, options)
	}
	require.Contains(t, f.in("town", "bob", "/mentor reminders please"), "takes only options")
	v, err := f.svc.Sessions.Preferences("bob")
	require.NoError(t, err)
	require.Equal(t, 4, v.WeeklyBudget, "nothing changed")
	require.False(t, v.OwnLeadMinutes)
	require.Empty(t, f.log.errors)
}

func TestLeadAndSnoozeParsing(t *testing.T) {
	lead, ok := parseLead(" 1 day, 2 hours ,45 minutes, 10 ")
	require.True(t, ok)
	require.Equal(t, []int{1440, 120, 45, 10}, lead)
	for _, bad := range []string{"", "1x", "d", "1d,,1h", "-5m"} {
		_, ok := parseLead(bad)
		require.False(t, ok, bad)
	}
	for in, want := range map[string]int{"2w": 2, "3 weeks": 3, "1 week": 1, "4": 4, "off": 0} {
		got, ok := parseSnooze(in)
		require.True(t, ok, in)
		require.Equal(t, want, got, in)
	}
	for in, want := range map[int]string{1440: "1d", 90: "1h30m", 45: "45m", 1500: "1d1h", 0: "0m"} {
		require.Equal(t, want, formatLead(in))
	}
}

// feedToken is the secret at the end of the address a reply shows.
func feedToken(t *testing.T, reply string) string {
	t.Helper()
	const prefix = "https://chat.example.com/plugins/mentorship/api/v1/calendar/"
	i := strings.Index(reply, prefix)
	require.GreaterOrEqual(t, i, 0, reply)
	rest := reply[i+len(prefix):]
	token, _, ok := strings.Cut(rest, ".ics")
	require.True(t, ok, reply)
	return token
}

func TestCalendarFeedIsMadeShownOnceRotatedAndRevoked(t *testing.T) {
	f := newSessionFixture(t)
	require.Contains(t, f.in("town", "bob", "/mentor calendar"), "You have no calendar feed")

	reply := f.in("town", "bob", "/mentor calendar new")
	require.Contains(t, reply, "Keep it secret")
	require.Contains(t, reply, "stops this one from working")
	first := feedToken(t, reply)
	_, err := f.svc.Sessions.Feed(first)
	require.NoError(t, err)

	status := f.in("town", "bob", "/mentor calendar")
	require.Contains(t, status, "Your calendar feed is on since 2026-11-26 13:00 (Europe/Berlin)")
	require.NotContains(t, status, first, "the secret is never shown again")

	second := feedToken(t, f.in("town", "bob", "/mentor calendar new"))
	require.NotEqual(t, first, second)
	_, err = f.svc.Sessions.Feed(first)
	require.ErrorIs(t, err, app.ErrFeedNotFound, "rotating revokes the old address")
	_, err = f.svc.Sessions.Feed(second)
	require.NoError(t, err)

	require.Contains(t, f.in("town", "bob", "/mentor calendar revoke"), "Your calendar feed is off")
	_, err = f.svc.Sessions.Feed(second)
	require.ErrorIs(t, err, app.ErrFeedNotFound)
	require.Contains(t, f.in("town", "bob", "/mentor calendar"), "You have no calendar feed")
	require.Contains(t, f.in("town", "bob", "/mentor calendar please"), "takes `new`, `revoke` or nothing")
	require.Empty(t, f.log.errors)
	_ = time.Now
}
