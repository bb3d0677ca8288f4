package calendar

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

const localFormat = "20060102T150405"

// maxZoneSpan bounds how far a VTIMEZONE reaches, so a yearly series cannot
// make a file of hundreds of transitions.
const maxZoneSpan = 10

// buildVTimezone writes the zone's observances from Go's zone database: the one
// in effect at from, then every transition up to to, each as its own STANDARD
// or DAYLIGHT with DTSTART (local time before the change), TZOFFSETFROM,
// TZOFFSETTO and TZNAME. A zone without changes in the range gets one STANDARD.
// Calendars that know the IANA name use their own rules; this is for the ones
// that only trust the file.
func buildVTimezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	if limit := from.AddDate(maxZoneSpan, 0, 0); to.After(limit) {
		to = limit
	}
	at := from.In(loc)
	start, end := at.ZoneBounds()
	if start.IsZero() { // the zone never changed before from
		start = time.Date(1970, 1, 1, 0, 0, 0, 0, loc)
		if start.After(at) {
			start = at
		}
	}
	addObservance(tz, start)
	for !end.IsZero() && end.Before(to) {
		addObservance(tz, end)
		_, next := end.In(loc).ZoneBounds()
		if !next.After(end) {
			break
		}
		end = next
	}
	return tz
}

// addObservance adds the observance that begins at instant t (in its zone).
func addObservance(tz *ics.VTimezone, t time.Time) {
	name, to := t.Zone()
	_, from := t.Add(-time.Second).Zone()
	var c *ics.ComponentBase
	if t.IsDST() {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		c = &d.ComponentBase
	} else {
		s := tz.AddStandard()
		c = &s.ComponentBase
	}
	// DTSTART of an observance is the local time of the change as read on the
	// clock before it (RFC 5545 3.6.5): 02:00 for Berlin's spring change.
	c.SetProperty(ics.ComponentPropertyDtStart, t.UTC().Add(time.Duration(from)*time.Second).Format(localFormat))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
}

// utcOffset formats seconds east of UTC as RFC 5545 utc-offset (+HHMM[SS]).
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
