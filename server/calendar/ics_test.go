package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/require"
)

// requireWellFormedLines is our own check, independent of the library: every
// physical line ends with CRLF, is at most 75 octets, is valid UTF-8 (a fold
// never splits a character) and contains no other CR or LF.
func requireWellFormedLines(t *testing.T, b []byte) {
	t.Helper()
	require.True(t, bytes.HasSuffix(b, []byte("\r\n")), "file ends with CRLF")
	lines := bytes.Split(b[:len(b)-2], []byte("\r\n"))
	for i, l := range lines {
		require.LessOrEqual(t, len(l), 75, "line %d: %q", i+1, l)
		require.False(t, bytes.ContainsAny(l, "\r\n"), "bare CR or LF in line %d: %q", i+1, l)
		require.True(t, utf8.Valid(l), "line %d is not valid UTF-8: %q", i+1, l)
		require.NotEmpty(t, l, "empty line %d", i+1)
	}
}

func parseICS(t *testing.T, b []byte) *ics.Calendar {
	t.Helper()
	requireWellFormedLines(t, b)
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	require.NoError(t, err)
	return cal
}

func calProp(cal *ics.Calendar, name string) (string, bool) {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == name {
			return p.Value, true
		}
	}
	return "", false
}

func prop(t *testing.T, c *ics.ComponentBase, name string) *ics.IANAProperty {
	t.Helper()
	p := c.GetProperty(ics.ComponentProperty(name))
	require.NotNil(t, p, "property %s missing", name)
	return p
}

func param(p *ics.IANAProperty, name string) string {
	if v := p.ICalParameters[name]; len(v) == 1 {
		return v[0]
	}
	return ""
}

func requireLocalTime(t *testing.T, c *ics.ComponentBase, name, tzid, local string) {
	t.Helper()
	p := prop(t, c, name)
	require.Equal(t, tzid, param(p, "TZID"), name)
	require.Equal(t, local, p.Value, name)
}

var (
	berlinStart = time.Date(2026, 10, 15, 15, 0, 0, 0, time.FixedZone("CEST", 2*3600)).UTC()
	stamp       = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
)

func seriesEvent() Event {
	return Event{
		UID: "s1@mentorship", Sequence: 2,
		Summary:     `Mentoring: Ana, Bo; "intro" \ more`,
		Description: "Agenda:\r\n- goals, plans; next steps\n- a long line that must be folded because it is long — ünïcödé ünïcödé ünïcödé ünïcödé",
		Location:    "Room 1, Berlin", URL: "https://mm.example.com/team/channels/x",
		Start: berlinStart, Duration: time.Hour, TZID: "Europe/Berlin", RRule: "every 2 weeks",
		ExDates: []time.Time{
			time.Date(2026, 10, 29, 14, 0, 0, 0, time.UTC), // 15:00 CET, an occurrence
			time.Date(2026, 10, 30, 14, 0, 0, 0, time.UTC), // not an occurrence: left out
		},
		Overrides: []Override{
			{RecurrenceID: time.Date(2026, 11, 12, 14, 0, 0, 0, time.UTC), Start: time.Date(2026, 11, 13, 15, 0, 0, 0, time.UTC), Summary: "moved"},
			{RecurrenceID: time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC), Cancelled: true},
			{RecurrenceID: time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC), Summary: "stray"}, // no occurrence: left out
		},
		OrganizerName: "O'Brien, Ana", OrganizerEmail: "ana@example.com",
		Attendees: []Attendee{{"Bo Li", "bo@example.com", "ACCEPTED"}, {"Cy", "cy@example.com", ""}},
		Stamp:     stamp,
	}
}

func TestInviteRoundTripsFieldByField(t *testing.T) {
	b, err := Invite(seriesEvent(), false)
	require.NoError(t, err)
	cal := parseICS(t, b)

	for name, want := range map[string]string{"VERSION": "2.0", "PRODID": ProductID, "CALSCALE": "GREGORIAN", "METHOD": "REQUEST"} {
		got, ok := calProp(cal, name)
		require.True(t, ok, name)
		require.Equal(t, want, got, name)
	}
	require.Len(t, cal.Timezones(), 1)
	events := cal.Events()
	require.Len(t, events, 3) // the series, the moved occurrence, the cancelled one

	m := &events[0].ComponentBase
	require.Equal(t, "s1@mentorship", events[0].Id())
	require.Equal(t, "2", prop(t, m, "SEQUENCE").Value)
	require.Equal(t, "20260301T080000Z", prop(t, m, "DTSTAMP").Value)
	requireLocalTime(t, m, "DTSTART", "Europe/Berlin", "20261015T150000")
	requireLocalTime(t, m, "DTEND", "Europe/Berlin", "20261015T160000")
	start, err := events[0].GetStartAt()
	require.NoError(t, err)
	require.True(t, start.Equal(berlinStart))
	require.Equal(t, "FREQ=WEEKLY;INTERVAL=2", prop(t, m, "RRULE").Value)
	exdates := m.GetProperties(ics.ComponentPropertyExdate)
	require.Len(t, exdates, 1)
	require.Equal(t, "Europe/Berlin", param(exdates[0], "TZID"))
	require.Equal(t, "20261029T150000", exdates[0].Value)
	require.Equal(t, "CONFIRMED", prop(t, m, "STATUS").Value)
	require.Equal(t, `Mentoring: Ana, Bo; "intro" \ more`, prop(t, m, "SUMMARY").Value)
	require.Equal(t, "Agenda:\n- goals, plans; next steps\n- a long line that must be folded because it is long — ünïcödé ünïcödé ünïcödé ünïcödé", prop(t, m, "DESCRIPTION").Value)
	require.Equal(t, "Room 1, Berlin", prop(t, m, "LOCATION").Value)
	require.Equal(t, "https://mm.example.com/team/channels/x", prop(t, m, "URL").Value)

	org := prop(t, m, "ORGANIZER")
	require.Equal(t, "mailto:ana@example.com", org.Value)
	require.Equal(t, "O’Brien Ana", param(org, "CN"))
	att := events[0].Attendees()
	require.Len(t, att, 2)
	require.Equal(t, "bo@example.com", att[0].Email())
	require.Equal(t, ics.ParticipationStatusAccepted, att[0].ParticipationStatus())
	require.Equal(t, "Bo Li", param(&att[0].IANAProperty, "CN"))
	require.Equal(t, "FALSE", param(&att[0].IANAProperty, "RSVP"))
	require.Equal(t, "cy@example.com", att[1].Email())
	require.Equal(t, ics.ParticipationStatusNeedsAction, att[1].ParticipationStatus())
	require.Equal(t, "TRUE", param(&att[1].IANAProperty, "RSVP"))

	moved := &events[1].ComponentBase
	require.Equal(t, "s1@mentorship", events[1].Id())
	requireLocalTime(t, moved, "RECURRENCE-ID", "Europe/Berlin", "20261112T150000")
	requireLocalTime(t, moved, "DTSTART", "Europe/Berlin", "20261113T160000")
	requireLocalTime(t, moved, "DTEND", "Europe/Berlin", "20261113T170000")
	require.Equal(t, "moved", prop(t, moved, "SUMMARY").Value)
	require.Equal(t, "Room 1, Berlin", prop(t, moved, "LOCATION").Value)
	require.Equal(t, "2", prop(t, moved, "SEQUENCE").Value)
	require.Equal(t, "CONFIRMED", prop(t, moved, "STATUS").Value)
	require.Nil(t, moved.GetProperty(ics.ComponentPropertyRrule))

	gone := &events[2].ComponentBase
	requireLocalTime(t, gone, "RECURRENCE-ID", "Europe/Berlin", "20261126T150000")
	require.Equal(t, "CANCELLED", prop(t, gone, "STATUS").Value)
}

func TestInviteCancelCancelsTheWholeEvent(t *testing.T) {
	ev := seriesEvent()
	ev.Sequence = 3
	b, err := Invite(ev, true)
	require.NoError(t, err)
	cal := parseICS(t, b)
	method, _ := calProp(cal, "METHOD")
	require.Equal(t, "CANCEL", method)
	require.Len(t, cal.Events(), 1)
	m := &cal.Events()[0].ComponentBase
	require.Equal(t, "CANCELLED", prop(t, m, "STATUS").Value)
	require.Equal(t, "3", prop(t, m, "SEQUENCE").Value)
	require.Equal(t, "s1@mentorship", cal.Events()[0].Id())
}

func TestCancelOccurrence(t *testing.T) {
	ev := seriesEvent()
	occ := time.Date(2026, 12, 10, 14, 0, 0, 0, time.UTC)
	b, err := CancelOccurrence(ev, occ)
	require.NoError(t, err)
	cal := parseICS(t, b)
	method, _ := calProp(cal, "METHOD")
	require.Equal(t, "CANCEL", method)
	require.Len(t, cal.Events(), 1)
	e := &cal.Events()[0].ComponentBase
	requireLocalTime(t, e, "RECURRENCE-ID", "Europe/Berlin", "20261210T150000")
	requireLocalTime(t, e, "DTSTART", "Europe/Berlin", "20261210T150000")
	require.Equal(t, "CANCELLED", prop(t, e, "STATUS").Value)
	require.Len(t, cal.Timezones(), 1)

	_, err = CancelOccurrence(ev, occ.Add(time.Hour))
	require.Error(t, err)
}

func TestFeedHasOneTimezonePerZoneAndUTCInZ(t *testing.T) {
	kolkata := seriesEvent()
	kolkata.UID, kolkata.TZID, kolkata.RRule = "k@mentorship", "Asia/Kolkata", ""
	kolkata.ExDates, kolkata.Overrides = nil, nil
	ny := kolkata
	ny.UID, ny.TZID, ny.RRule, ny.Cancelled = "n@mentorship", "America/New_York", "FREQ=WEEKLY;COUNT=4", true
	inUTC := kolkata
	inUTC.UID, inUTC.TZID = "u@mentorship", "UTC"

	b, err := Feed("Mentoring, Ana", []Event{seriesEvent(), kolkata, ny, inUTC})
	require.NoError(t, err)
	cal := parseICS(t, b)
	_, hasMethod := calProp(cal, "METHOD")
	require.False(t, hasMethod)
	name, _ := calProp(cal, "X-WR-CALNAME")
	require.Equal(t, "Mentoring, Ana", name)
	require.Contains(t, string(b), "\r\nX-WR-CALNAME:Mentoring\\, Ana\r\n")
	require.Contains(t, string(b), "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n")
	ttl, _ := calProp(cal, "X-PUBLISHED-TTL")
	require.Equal(t, "PT1H", ttl)

	var zones []string
	for _, tz := range cal.Timezones() {
		zones = append(zones, prop(t, &tz.ComponentBase, "TZID").Value)
	}
	require.Equal(t, []string{"America/New_York", "Asia/Kolkata", "Europe/Berlin"}, zones)

	byUID := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		if e.GetProperty(ics.ComponentPropertyRecurrenceId) == nil {
			byUID[e.Id()] = e
		}
	}
	require.Len(t, byUID, 4)
	u := prop(t, &byUID["u@mentorship"].ComponentBase, "DTSTART")
	require.Equal(t, "20261015T130000Z", u.Value)
	require.Empty(t, param(u, "TZID"))
	requireLocalTime(t, &byUID["k@mentorship"].ComponentBase, "DTSTART", "Asia/Kolkata", "20261015T183000")
	requireLocalTime(t, &byUID["n@mentorship"].ComponentBase, "DTSTART", "America/New_York", "20261015T090000")
	require.Equal(t, "CANCELLED", prop(t, &byUID["n@mentorship"].ComponentBase, "STATUS").Value)
	require.Equal(t, "FREQ=WEEKLY;COUNT=4", prop(t, &byUID["n@mentorship"].ComponentBase, "RRULE").Value)
}

func TestUTCOnlyFileHasNoTimezone(t *testing.T) {
	ev := seriesEvent()
	ev.TZID = ""
	ev.ExDates = []time.Time{utc(10, 29, 13)} // in UTC the series stays at 13:00Z
	b, err := Invite(ev, false)
	require.NoError(t, err)
	cal := parseICS(t, b)
	require.Empty(t, cal.Timezones())
	require.NotContains(t, string(b), "TZID")
	require.Equal(t, "20261029T130000Z", prop(t, &cal.Events()[0].ComponentBase, "EXDATE").Value)
}

func TestInviteRefusesIncompleteEvents(t *testing.T) {
	for name, change := range map[string]func(*Event){
		"no uid":      func(e *Event) { e.UID = "" },
		"no duration": func(e *Event) { e.Duration = 0 },
		"no start":    func(e *Event) { e.Start = time.Time{} },
		"bad zone":    func(e *Event) { e.TZID = "Nowhere/Land" },
		"bad rule":    func(e *Event) { e.RRule = "FREQ=SECONDLY" },
	} {
		ev := seriesEvent()
		change(&ev)
		_, err := Invite(ev, false)
		require.Error(t, err, name)
		_, err = Feed("x", []Event{ev})
		require.Error(t, err, name)
	}
}

func TestTextIsEscapedAndFolded(t *testing.T) {
	ev := seriesEvent()
	ev.Summary = strings.Repeat("Ünïcödé, ", 30)
	b, err := Invite(ev, false)
	require.NoError(t, err)
	cal := parseICS(t, b) // lines ≤ 75 octets, UTF-8 intact
	require.Equal(t, ev.Summary, prop(t, &cal.Events()[0].ComponentBase, "SUMMARY").Value)
}
