package command

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// The clock is Thursday 2026-11-26 12:00 UTC: 07:00 for ana in New York,
// 13:00 for bob in Berlin, 21:00 for carl in Tokyo. ana's Thursday 16:00 is
// 21:00 UTC, 22:00 in Berlin and Friday 06:00 in Tokyo.

func TestOfficeHoursArePublishedListedAndBookedInEachReadersZone(t *testing.T) {
	f := newSessionFixture(t)
	reply := f.in("town", "ana", "/mentor hours publish spring --day thu --from 16:00 --to 17:00 --slot 15 --weeks 2 --link https://meet.example.com/ana")
	require.Contains(t, reply, "Your office hours in **Spring** are published: Thu 16:00–17:00 (America/New_York), 15-minute slots, until 2026-12-09; at https://meet.example.com/ana", reply)
	require.Contains(t, reply, "`/mentor book spring @ana TIME`")

	list := f.in("town", "bob", "/mentor hours spring")
	require.Contains(t, list, "#### Free office hours in Spring (Europe/Berlin)")
	require.Contains(t, list, "- @ana · Thu 2026-11-26: 22:00, 22:15, 22:30, 22:45")
	require.Contains(t, list, "- @ana · Thu 2026-12-03: 22:00, 22:15, 22:30, 22:45")
	require.Contains(t, list, "`/mentor book spring @ana 2026-11-26 22:00`")
	require.Contains(t, f.in("town", "carl", "/mentor hours spring @ana"), "- @ana · Fri 2026-11-27: 06:00, 06:15, 06:30, 06:45")

	reply = f.in("town", "bob", "/mentor book spring @ana 2026-11-26 22:15 --agenda CV review")
	require.Contains(t, reply, "with @ana: 2026-11-26 22:15–22:30 (Europe/Berlin)", reply)
	require.Contains(t, reply, "at https://meet.example.com/ana")
	v, err := f.svc.Sessions.Get("ana", sessionID(t, reply))
	require.NoError(t, err)
	require.Equal(t, domain.SessionBooking, v.Kind)
	require.Equal(t, "CV review", v.Agenda)
	require.Equal(t, time.Date(2026, 11, 26, 21, 15, 0, 0, time.UTC), v.Start)
	require.Contains(t, f.in("town", "bob", "/mentor hours spring"), "- @ana · Thu 2026-11-26: 22:00, 22:30, 22:45\n", "a booked slot is no longer free")

	// carl asks for the same slot in his own zone: taken, with the next free ones.
	reply = f.in("town", "carl", "/mentor book spring @ana 2026-11-27 06:15")
	require.Contains(t, reply, "Someone else booked the slot")
	require.Contains(t, reply, "The next free slots of @ana:")
	require.Contains(t, reply, "- 2026-11-27 06:30: `/mentor book spring @ana 2026-11-27 06:30`")
	require.Contains(t, f.in("town", "carl", "/mentor book spring @ana 2026-11-27 06:30"), "2026-11-27 06:30–06:45 (Asia/Tokyo)")
	require.Empty(t, f.log.errors)
}

func TestOfficeHoursMistakes(t *testing.T) {
	f := newSessionFixture(t)
	require.Contains(t, f.in("town", "bob", "/mentor hours publish spring --day thu --from 16:00 --to 17:00"), "Only active mentors of Spring")
	require.Contains(t, f.in("town", "ana", "/mentor hours publish spring --day funday --from 16:00 --to 17:00"), "“funday” is not a day of the week")
	require.Contains(t, f.in("town", "ana", "/mentor hours publish spring --day thu --from 16:00"), "Say when you hold office hours")
	require.Contains(t, f.in("town", "ana", "/mentor hours publish spring --day thu --from 16:00 --to 17:00 --slot many"), "--slot must be a whole number")
	require.Contains(t, f.in("town", "ana", "/mentor hours publish spring --day thu --from 16:00 --to 16:50 --slot 15"), "does not divide into 15-minute slots")
	require.Contains(t, f.in("town", "ana", "/mentor hours publish --day thu --from 16:00 --to 17:00"), "Say which program")
	require.Contains(t, f.in("town", "bob", "/mentor hours spring"), "No free office-hours slots in **Spring**")

	require.Contains(t, f.in("town", "ana", "/mentor hours publish spring --day tue,thu --from 9:00 --to 10:00"), "Tue 09:00–10:00, Thu 09:00–10:00")
	require.Contains(t, f.in("town", "bob", "/mentor book spring"), "Say which program, mentor and slot")
	require.Contains(t, f.in("town", "bob", "/mentor book spring @ana"), "Say which program, mentor and slot")
	require.Contains(t, f.in("town", "bob", "/mentor book spring @nobody 2026-12-01 15:00"), "There is no user @nobody")
	require.Contains(t, f.in("town", "bob", "/mentor book spring @ana whenever"), "“whenever” is not a time I can read")
	require.Contains(t, f.in("town", "bob", "/mentor book spring @ana 2026-12-01 15:10"), "offers no slot starting at")
	require.Contains(t, f.in("town", "ana", "/mentor book spring @ana 2026-12-01 15:00"), "your own office hours")

	require.Contains(t, f.in("town", "ana", "/mentor hours unpublish spring"), "are withdrawn")
	require.Contains(t, f.in("town", "bob", "/mentor hours spring"), "No free office-hours slots")
	require.Contains(t, f.in("town", "bob", "/mentor book spring @ana 2026-12-01 15:00"), "offers no office hours in Spring")
	require.Empty(t, f.log.errors)
}

func TestParseWeekdays(t *testing.T) {
	days, err := parseWeekdays("Thu, tuesday,SUN")
	require.NoError(t, err)
	require.Equal(t, []time.Weekday{time.Thursday, time.Tuesday, time.Sunday}, days)
	_, err = parseWeekdays("th")
	require.Error(t, err)
}
