package calendar

import (
	"fmt"
	"sort"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/require"
)

// observance is one STANDARD/DAYLIGHT read back from a file.
type observance struct {
	onset    time.Time // UTC instant of the change
	from, to int       // seconds east of UTC
	name     string
	daylight bool
}

func parseUTCOffset(t *testing.T, s string) int {
	t.Helper()
	require.True(t, len(s) == 5 || len(s) == 7, "utc-offset %q", s)
	var h, m, sec int
	_, err := fmt.Sscanf(s[1:5], "%02d%02d", &h, &m)
	require.NoError(t, err, s)
	if len(s) == 7 {
		_, err = fmt.Sscanf(s[5:], "%02d", &sec)
		require.NoError(t, err, s)
	}
	v := h*3600 + m*60 + sec
	switch s[0] {
	case '-':
		return -v
	case '+':
		return v
	}
	t.Fatalf("utc-offset %q has no sign", s)
	return 0
}

// readObservances reads a VTIMEZONE as an independent reader would: each
// DTSTART is local time on the clock before the change (TZOFFSETFROM).
func readObservances(t *testing.T, tz *ics.VTimezone) []observance {
	t.Helper()
	var out []observance
	for _, c := range tz.Components {
		var base *ics.ComponentBase
		o := observance{}
		switch sub := c.(type) {
		case *ics.Standard:
			base = &sub.ComponentBase
		case *ics.Daylight:
			base, o.daylight = &sub.ComponentBase, true
		default:
			t.Fatalf("unexpected component %T in VTIMEZONE", c)
		}
		local, err := time.Parse(localFormat, prop(t, base, "DTSTART").Value)
		require.NoError(t, err)
		o.from = parseUTCOffset(t, prop(t, base, "TZOFFSETFROM").Value)
		o.to = parseUTCOffset(t, prop(t, base, "TZOFFSETTO").Value)
		o.name = prop(t, base, "TZNAME").Value
		o.onset = local.Add(-time.Duration(o.from) * time.Second)
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].onset.Before(out[j].onset) })
	return out
}

// offsetAt resolves an instant with the observances only (the latest onset at
// or before it), as a calendar without its own zone database would.
func offsetAt(obs []observance, at time.Time) (int, bool) {
	off, ok := 0, false
	for _, o := range obs {
		if !o.onset.After(at) {
			off, ok = o.to, true
		}
	}
	return off, ok
}

func timezoneOf(t *testing.T, ev Event) []observance {
	t.Helper()
	b, err := Invite(ev, false)
	require.NoError(t, err)
	cal := parseICS(t, b)
	require.Len(t, cal.Timezones(), 1)
	tz := cal.Timezones()[0]
	require.Equal(t, ev.TZID, prop(t, &tz.ComponentBase, "TZID").Value)
	return readObservances(t, tz)
}

func TestVTimezoneMatchesGosZoneDatabase(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York", "Australia/Sydney"} {
		t.Run(zone, func(t *testing.T) {
			loc := mustZone(t, zone)
			ev := seriesEvent()
			ev.TZID, ev.Overrides, ev.ExDates = zone, nil, nil
			ev.Start = time.Date(2026, 10, 15, 15, 0, 0, 0, loc).UTC()
			ev.RRule = "FREQ=WEEKLY"
			obs := timezoneOf(t, ev)

			for _, o := range obs {
				name, to := o.onset.In(loc).Zone()
				_, from := o.onset.Add(-time.Second).In(loc).Zone()
				require.Equal(t, to, o.to, "TZOFFSETTO at %s", o.onset)
				require.Equal(t, name, o.name, "TZNAME at %s", o.onset)
				require.Equal(t, o.onset.In(loc).IsDST(), o.daylight, "DAYLIGHT at %s", o.onset)
				if o != obs[0] { // the first one may begin long ago; the others are changes
					require.Equal(t, from, o.from, "TZOFFSETFROM at %s", o.onset)
					require.NotEqual(t, o.from, o.to)
				}
			}
			// From a year before the first start to three years after it, every
			// change Go knows (found here by sampling, not by ZoneBounds) has its
			// observance, and every instant resolves to Go's offset.
			from, to := ev.Start.AddDate(-1, 0, 0), ev.Start.AddDate(3, 0, 0)
			require.False(t, obs[0].onset.After(from))
			goChanges := 0
			for at := from; at.Before(to); at = at.Add(6 * time.Hour) {
				_, want := at.In(loc).Zone()
				got, ok := offsetAt(obs, at)
				require.True(t, ok, at.String())
				require.Equal(t, want, got, "offset at %s", at)
				if _, prev := at.Add(-6 * time.Hour).In(loc).Zone(); prev != want && at.After(from) {
					goChanges++
					found := false
					for _, o := range obs {
						found = found || (o.onset.After(at.Add(-6*time.Hour)) && !o.onset.After(at))
					}
					require.True(t, found, "no observance for the change before %s", at)
				}
			}
			require.Equal(t, 8, goChanges) // two a year over four years
			occ, err := Occurrences(ev.Start, zone, ev.RRule, ev.Start, farFuture, 0)
			require.NoError(t, err)
			for _, o := range occ {
				_, want := o.In(loc).Zone()
				got, _ := offsetAt(obs, o)
				require.Equal(t, want, got, "offset of occurrence %s", o)
			}
		})
	}
}

func TestZoneWithoutDSTHasOneStandard(t *testing.T) {
	ev := seriesEvent()
	ev.TZID, ev.Overrides, ev.ExDates = "Asia/Kolkata", nil, nil
	obs := timezoneOf(t, ev)
	require.Len(t, obs, 1)
	require.False(t, obs[0].daylight)
	require.Equal(t, 5*3600+30*60, obs[0].to)
	require.Equal(t, "IST", obs[0].name)
	require.True(t, obs[0].onset.Before(ev.Start))
}

func TestUTCOffsetFormat(t *testing.T) {
	require.Equal(t, "+0530", utcOffset(5*3600+30*60))
	require.Equal(t, "-0500", utcOffset(-5*3600))
	require.Equal(t, "+0000", utcOffset(0))
	require.Equal(t, "+005328", utcOffset(53*60+28))
	require.Equal(t, -(53*60 + 28), parseUTCOffset(t, "-005328"))
}
