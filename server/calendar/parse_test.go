package calendar

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var testZones = []string{"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// requireCode checks err is a *ParseError with code and returns its Text.
func requireCode(t *testing.T, err error, code string) (text string) {
	t.Helper()
	var pe *ParseError
	require.True(t, errors.As(err, &pe), "want *ParseError %q, got %v", code, err)
	require.Equal(t, code, pe.Code, "error %v", err)
	require.Contains(t, pe.Error(), code)
	return pe.Text
}

// At 2026-03-04 10:00 UTC it is Wednesday 4 March in every test zone:
// 05:00 New York, 11:00 Berlin, 15:30 Kolkata, 21:00 Sydney.
var fixedNow = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

func TestParseWhenReadsPhrasesInTheAuthorsZone(t *testing.T) {
	type want struct {
		month       time.Month
		day, h, min int
		dur         time.Duration
		rule        string
	}
	cases := []struct {
		phrase string
		want   want
	}{
		{"tomorrow 3pm for 30m", want{3, 5, 15, 0, 30 * time.Minute, ""}},
		{"next tuesday 3pm for 30m", want{3, 10, 15, 0, 30 * time.Minute, ""}},
		{"Tomorrow 9:30", want{3, 5, 9, 30, 0, ""}},
		{"in 2 days at noon", want{3, 6, 12, 0, 0, ""}},
		{"2026-12-03 15:00", want{12, 3, 15, 0, 0, ""}},
		{"2026-12-03T15:00", want{12, 3, 15, 0, 0, ""}},
		{"2026-12-03 at 3pm for 1h30m", want{12, 3, 15, 0, 90 * time.Minute, ""}},
		{"friday 10am for 1h every 2 weeks", want{3, 6, 10, 0, time.Hour, "FREQ=WEEKLY;INTERVAL=2"}},
		{"monday 9am weekly", want{3, 9, 9, 0, 0, "FREQ=WEEKLY"}},
		{"tomorrow 8am every other week for 90 minutes", want{3, 5, 8, 0, 90 * time.Minute, "FREQ=WEEKLY;INTERVAL=2"}},
		{"tomorrow 8am biweekly", want{3, 5, 8, 0, 0, "FREQ=WEEKLY;INTERVAL=2"}},
		{"tomorrow 8am daily for 1.5 hours", want{3, 5, 8, 0, 90 * time.Minute, "FREQ=DAILY"}},
		{"tomorrow 8am every 3 days", want{3, 5, 8, 0, 0, "FREQ=DAILY;INTERVAL=3"}},
		{"tomorrow 8am every 2 months", want{3, 5, 8, 0, 0, "FREQ=MONTHLY;INTERVAL=2"}},
		{"monthly on the first monday at 10am", want{4, 6, 10, 0, 0, "FREQ=MONTHLY;BYDAY=1MO"}},
		{"monthly on the last friday 4pm", want{3, 27, 16, 0, 0, "FREQ=MONTHLY;BYDAY=-1FR"}},
		{"every tuesday 3pm", want{3, 10, 15, 0, 0, "FREQ=WEEKLY;BYDAY=TU"}},
		// From a Wednesday, rrule-go with INTERVAL=2 would skip to the Tuesday two
		// weeks on; the first start is the nearest Tuesday.
		{"every other tuesday at 4pm for 1.5 hours", want{3, 10, 16, 0, 90 * time.Minute, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"}},
		{"tomorrow 9am every weekday for 15 min", want{3, 5, 9, 0, 15 * time.Minute, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}},
	}
	for _, zone := range testZones {
		loc := mustZone(t, zone)
		for _, c := range cases {
			t.Run(zone+"/"+c.phrase, func(t *testing.T) {
				p, err := ParseWhen(c.phrase, loc, fixedNow)
				require.NoError(t, err)
				require.Equal(t, time.UTC, p.Start.Location())
				wantStart := time.Date(2026, c.want.month, c.want.day, c.want.h, c.want.min, 0, 0, loc)
				require.True(t, wantStart.Equal(p.Start), "start %s, want %s", p.Start.In(loc), wantStart)
				require.Equal(t, c.want.dur, p.Duration)
				require.Equal(t, c.want.rule, p.Recurrence)
			})
		}
	}
}

func TestParseWhenTimeOfDayAloneMeansItsNextOccurrence(t *testing.T) {
	// 8pm is still ahead on Wednesday in New York, Berlin and Kolkata, but it is
	// already 21:00 in Sydney, so there it means Thursday.
	for zone, day := range map[string]int{"America/New_York": 4, "Europe/Berlin": 4, "Asia/Kolkata": 4, "UTC": 4, "Australia/Sydney": 5} {
		loc := mustZone(t, zone)
		p, err := ParseWhen("8pm for 30m", loc, fixedNow)
		require.NoError(t, err, zone)
		require.Equal(t, time.Date(2026, 3, day, 20, 0, 0, 0, loc).UTC(), p.Start, zone)
	}
}

func TestParseWhenISOWithOffsetIgnoresTheAuthorsZone(t *testing.T) {
	for _, zone := range testZones {
		p, err := ParseWhen("2026-12-03T15:00:00+01:00", mustZone(t, zone), fixedNow)
		require.NoError(t, err)
		require.Equal(t, time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), p.Start)
		p, err = ParseWhen("2026-12-03T14:00:00Z for 1h", mustZone(t, zone), fixedNow)
		require.NoError(t, err)
		require.Equal(t, time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), p.Start)
		require.Equal(t, time.Hour, p.Duration)
	}
}

func TestParseWhenCountsDaysAsCalendarDaysAcrossDST(t *testing.T) {
	// Saturday 23:30 in Berlin, the night clocks go forward (29 March 2026).
	// Adding 24-hour steps would land on Monday/Tuesday at 00:30.
	berlin := mustZone(t, "Europe/Berlin")
	now := time.Date(2026, 3, 28, 23, 30, 0, 0, berlin)
	p, err := ParseWhen("tomorrow 3pm", berlin, now)
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 3, 29, 15, 0, 0, 0, berlin).UTC(), p.Start)
	p, err = ParseWhen("in 2 days at noon", berlin, now)
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 3, 30, 12, 0, 0, 0, berlin).UTC(), p.Start)

	// Sydney goes back an hour on 5 April 2026.
	sydney := mustZone(t, "Australia/Sydney")
	now = time.Date(2026, 4, 4, 23, 30, 0, 0, sydney)
	p, err = ParseWhen("tomorrow 9:30", sydney, now)
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 4, 5, 9, 30, 0, 0, sydney).UTC(), p.Start)
}

func TestExamplesParse(t *testing.T) {
	require.NotEmpty(t, Examples())
	nows := []time.Time{fixedNow, time.Date(2026, 10, 24, 23, 59, 0, 0, time.UTC), time.Date(2027, 1, 3, 12, 0, 0, 0, time.UTC)}
	for _, zone := range testZones {
		loc := mustZone(t, zone)
		for _, now := range nows {
			for _, ex := range Examples() {
				p, err := ParseWhen(ex, loc, now)
				require.NoError(t, err, "%q in %s at %s", ex, zone, now)
				require.False(t, p.Start.Before(now), ex)
			}
		}
	}
}

func TestParseWhenRefusesWithCodes(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	cases := []struct{ phrase, code, text string }{
		{"", CodeEmpty, ""},
		{"   ", CodeEmpty, "   "},
		{"blah blah", CodeUnparseable, "blah blah"},
		{"tomorrow", CodeNoTime, "tomorrow"},
		{"next tuesday for 30m", CodeNoTime, "next tuesday"},
		{"every other week", CodeNoTime, "every other week"},
		{"2026-12-03", CodeNoTime, "2026-12-03"},
		{"tomorrow 3pm for ages", CodeBadDuration, "for ages"},
		{"tomorrow 3pm for 2m", CodeBadDuration, "for 2m"},
		{"tomorrow 3pm for 9h", CodeBadDuration, "for 9h"},
		{"tomorrow 3pm for 30m for 1h", CodeBadDuration, "for 1h"},
		{"tomorrow 3pm every 60 weeks", CodeBadRecurrence, "every 60 weeks"},
		{"tomorrow 3pm every year", CodeBadRecurrence, "every year"},
		{"tomorrow 3pm weekly daily", CodeBadRecurrence, "daily"},
		{"tomorrow 3pm please", CodeLeftover, "please"},
		{"tomorrow at 3", CodeLeftover, "3"},
		{"2026-12-03 15:00 sharp", CodeLeftover, "sharp"},
		{"last monday 3pm", CodePast, "last monday 3pm"},
		{"2020-01-01 10:00", CodePast, "2020-01-01 10:00"},
		{"2026-13-45 10:00", CodeUnparseable, "2026-13-45"},
		{"2026-12-03T25:00", CodeUnparseable, "2026-12-03t25:00"},
	}
	for _, c := range cases {
		t.Run(c.phrase, func(t *testing.T) {
			_, err := ParseWhen(c.phrase, berlin, fixedNow)
			require.Equal(t, c.text, requireCode(t, err, c.code))
		})
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]time.Duration{
		"30m": 30 * time.Minute, "30 min": 30 * time.Minute, "45 minutes": 45 * time.Minute,
		"1h": time.Hour, "1 hour": time.Hour, "1.5 hours": 90 * time.Minute, "1,5h": 90 * time.Minute,
		"1h30m": 90 * time.Minute, "1 h 30 min": 90 * time.Minute, "90": 90 * time.Minute,
		"an hour": time.Hour, "half an hour": 30 * time.Minute, "5m": 5 * time.Minute, "8h": 8 * time.Hour,
		" 2 HRS ": 2 * time.Hour,
	}
	for in, want := range good {
		d, err := ParseDuration(in)
		require.NoError(t, err, in)
		require.Equal(t, want, d, in)
	}
	for _, in := range []string{"", "4m", "8h1m", "9h", "0", "ages", "30s", "1.01h", "30m15m", "1.5h10m", "-30m"} {
		_, err := ParseDuration(in)
		requireCode(t, err, CodeBadDuration)
	}
}

func TestNormalizeRecurrence(t *testing.T) {
	good := map[string]string{
		"":                                      "",
		"daily":                                 "FREQ=DAILY",
		"Weekly":                                "FREQ=WEEKLY",
		"every week":                            "FREQ=WEEKLY",
		"biweekly":                              "FREQ=WEEKLY;INTERVAL=2",
		"every other week":                      "FREQ=WEEKLY;INTERVAL=2",
		"every 2 weeks":                         "FREQ=WEEKLY;INTERVAL=2",
		"every three weeks":                     "FREQ=WEEKLY;INTERVAL=3",
		"every 10 days":                         "FREQ=DAILY;INTERVAL=10",
		"every 6 months":                        "FREQ=MONTHLY;INTERVAL=6",
		"monthly":                               "FREQ=MONTHLY",
		"monthly on the first monday":           "FREQ=MONTHLY;BYDAY=1MO",
		"monthly on the second tuesday":         "FREQ=MONTHLY;BYDAY=2TU",
		"monthly on the third wed":              "FREQ=MONTHLY;BYDAY=3WE",
		"monthly on the fourth thursday":        "FREQ=MONTHLY;BYDAY=4TH",
		"monthly on the last friday":            "FREQ=MONTHLY;BYDAY=-1FR",
		"on the first monday of every month":    "FREQ=MONTHLY;BYDAY=1MO",
		"every tuesday":                         "FREQ=WEEKLY;BYDAY=TU",
		"every other thursday":                  "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
		"every 2 weeks on fridays":              "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
		"weekly on monday":                      "FREQ=WEEKLY;BYDAY=MO",
		"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
		"freq=weekly;interval=1":                "FREQ=WEEKLY",
		"FREQ=MONTHLY;BYDAY=+1MO":               "FREQ=MONTHLY;BYDAY=1MO",
		"FREQ=WEEKLY;COUNT=10":                  "FREQ=WEEKLY;COUNT=10",
		"FREQ=WEEKLY;UNTIL=20261231T230000Z":    "FREQ=WEEKLY;UNTIL=20261231T230000Z",
		"FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1":  "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU",
		"FREQ=YEARLY":                           "FREQ=YEARLY",
		"FREQ=WEEKLY;INTERVAL=52":               "FREQ=WEEKLY;INTERVAL=52",
	}
	for in, want := range good {
		got, err := NormalizeRecurrence(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{
		"FREQ=HOURLY", "FREQ=MINUTELY;INTERVAL=30", "FREQ=WEEKLY;INTERVAL=53",
		"DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY", "FREQ=DAILY;DTSTART=20260101T000000Z",
		"FREQ=DAILY;BYHOUR=9", "FREQ=FOO", "INTERVAL=2", "FREQ=MONTHLY;BYMONTHDAY=40",
		"every year", "every 2 weeks please", "every 60 weeks", "sometimes", "weekly daily",
	} {
		_, err := NormalizeRecurrence(in)
		requireCode(t, err, CodeBadRecurrence)
	}
}
