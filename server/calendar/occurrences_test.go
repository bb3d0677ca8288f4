package calendar

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var farFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// utc is a UTC time on the hour in 2026.
func utc(m time.Month, d, h int) time.Time {
	return time.Date(2026, m, d, h, 0, 0, 0, time.UTC)
}

// A weekly series keeps its wall-clock time in the organizer's zone; the UTC
// hour moves when the zone's offset does.
func TestWeeklySeriesKeepsLocalTimeAcrossDST(t *testing.T) {
	cases := []struct {
		name, zone string
		first      time.Time // local
		wantUTC    []time.Time
	}{
		{"Berlin end of October", "Europe/Berlin", time.Date(2026, 10, 15, 15, 0, 0, 0, mustZone(t, "Europe/Berlin")),
			[]time.Time{utc(10, 15, 13), utc(10, 22, 13), utc(10, 29, 14), utc(11, 5, 14)}},
		{"Berlin end of March", "Europe/Berlin", time.Date(2026, 3, 19, 15, 0, 0, 0, mustZone(t, "Europe/Berlin")),
			[]time.Time{utc(3, 19, 14), utc(3, 26, 14), utc(4, 2, 13)}},
		{"New York March", "America/New_York", time.Date(2026, 3, 5, 15, 0, 0, 0, mustZone(t, "America/New_York")),
			[]time.Time{utc(3, 5, 20), utc(3, 12, 19), utc(3, 19, 19)}},
		{"New York November", "America/New_York", time.Date(2026, 10, 22, 15, 0, 0, 0, mustZone(t, "America/New_York")),
			[]time.Time{utc(10, 22, 19), utc(10, 29, 19), utc(11, 5, 20)}},
		{"Sydney April", "Australia/Sydney", time.Date(2026, 3, 26, 15, 0, 0, 0, mustZone(t, "Australia/Sydney")),
			[]time.Time{utc(3, 26, 4), utc(4, 2, 4), utc(4, 9, 5)}},
		{"Sydney October", "Australia/Sydney", time.Date(2026, 9, 24, 15, 0, 0, 0, mustZone(t, "Australia/Sydney")),
			[]time.Time{utc(9, 24, 5), utc(10, 1, 5), utc(10, 8, 4)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Occurrences(c.first.UTC(), c.zone, "FREQ=WEEKLY", c.first, farFuture, len(c.wantUTC))
			require.NoError(t, err)
			require.Equal(t, c.wantUTC, got)
			loc := mustZone(t, c.zone)
			for _, o := range got {
				require.Equal(t, time.UTC, o.Location())
				require.Equal(t, 15, o.In(loc).Hour(), "local hour of %s", o)
			}
		})
	}
}

func TestMonthlyOnTheFirstMonday(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	first := time.Date(2026, 4, 6, 10, 0, 0, 0, berlin)
	got, err := Occurrences(first.UTC(), "Europe/Berlin", "FREQ=MONTHLY;BYDAY=1MO", first, farFuture, 8)
	require.NoError(t, err)
	var days []int
	for _, o := range got {
		l := o.In(berlin)
		require.Equal(t, time.Monday, l.Weekday())
		require.LessOrEqual(t, l.Day(), 7)
		require.Equal(t, 10, l.Hour())
		days = append(days, l.Day())
	}
	require.Equal(t, []int{6, 4, 1, 6, 3, 7, 5, 2}, days) // April .. November 2026
	require.Equal(t, utc(11, 2, 9), got[7])               // CET again
}

func TestSeriesIsCappedAt104(t *testing.T) {
	first := utc(1, 1, 9)
	all, err := Occurrences(first, "UTC", "FREQ=DAILY", first, farFuture, 0)
	require.NoError(t, err)
	require.Len(t, all, MaxOccurrences)
	require.Equal(t, first.AddDate(0, 0, MaxOccurrences-1), all[len(all)-1])

	last, err := LastOccurrence(first, "UTC", "FREQ=DAILY")
	require.NoError(t, err)
	require.Equal(t, all[len(all)-1], last)

	ok, err := IsOccurrence(first, "UTC", "FREQ=DAILY", first.AddDate(0, 0, MaxOccurrences-1))
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = IsOccurrence(first, "UTC", "FREQ=DAILY", first.AddDate(0, 0, MaxOccurrences))
	require.NoError(t, err)
	require.False(t, ok)

	// The cap counts from the first start, not from the window asked for.
	late, err := Occurrences(first, "UTC", "FREQ=DAILY", first.AddDate(0, 0, 100), farFuture, 0)
	require.NoError(t, err)
	require.Len(t, late, 4)
}

func TestCountIncludesTheFirstStartEvenOffRule(t *testing.T) {
	// The first start is a Wednesday, the rule says Tuesdays: RFC 5545 makes the
	// first start the first instance and counts it.
	first := utc(3, 4, 9)
	got, err := Occurrences(first, "UTC", "FREQ=WEEKLY;BYDAY=TU;COUNT=3", first, farFuture, 0)
	require.NoError(t, err)
	require.Equal(t, []time.Time{first, utc(3, 10, 9), utc(3, 17, 9)}, got)
}

func TestOccurrencesWindowAndLimit(t *testing.T) {
	first := utc(3, 2, 9)
	got, err := Occurrences(first, "UTC", "every 2 weeks", utc(3, 10, 0), utc(4, 13, 9), 0)
	require.NoError(t, err)
	// [from, to): 13 April 09:00 is left out.
	require.Equal(t, []time.Time{utc(3, 16, 9), utc(3, 30, 9)}, got)

	got, err = Occurrences(first, "UTC", "FREQ=WEEKLY", first, farFuture, 2)
	require.NoError(t, err)
	require.Len(t, got, 2)

	single, err := Occurrences(first, "Europe/Berlin", "", time.Time{}, farFuture, 0)
	require.NoError(t, err)
	require.Equal(t, []time.Time{first}, single)
	none, err := Occurrences(first, "Europe/Berlin", "", first.Add(time.Minute), farFuture, 0)
	require.NoError(t, err)
	require.Empty(t, none)
}

func TestIsOccurrence(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	first := time.Date(2026, 2, 26, 15, 0, 0, 0, ny).UTC()
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{first, true},
		{time.Date(2026, 3, 12, 15, 0, 0, 0, ny), true},  // after the March change, still 15:00 local
		{time.Date(2026, 3, 12, 14, 0, 0, 0, ny), false}, // 15:00 EST would be 16:00 EDT: not it
		{time.Date(2026, 3, 13, 15, 0, 0, 0, ny), false},
		{time.Date(2026, 2, 19, 15, 0, 0, 0, ny), false}, // before the series
	} {
		ok, err := IsOccurrence(first, "America/New_York", "FREQ=WEEKLY", c.at)
		require.NoError(t, err)
		require.Equal(t, c.want, ok, c.at.String())
	}
	ok, err := IsOccurrence(first, "America/New_York", "", first)
	require.NoError(t, err)
	require.True(t, ok)
}

func TestOccurrencesRefusesBadInput(t *testing.T) {
	first := utc(3, 2, 9)
	_, err := Occurrences(first, "Mars/Olympus_Mons", "FREQ=WEEKLY", first, farFuture, 0)
	requireCode(t, err, CodeBadZone)
	_, err = Occurrences(first, "Local", "FREQ=WEEKLY", first, farFuture, 0)
	requireCode(t, err, CodeBadZone)
	_, err = Occurrences(first, "UTC", "FREQ=HOURLY", first, farFuture, 0)
	requireCode(t, err, CodeBadRecurrence)
	_, err = IsOccurrence(first, "UTC", "FREQ=WEEKLY;INTERVAL=99", first)
	requireCode(t, err, CodeBadRecurrence)
}
