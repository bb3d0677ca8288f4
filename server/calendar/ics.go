package calendar

import (
	"bytes"
	"errors"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// ProductID is written as PRODID in every file.
const ProductID = "-//Mentorship for Mattermost//EN"

// Event is one session (a one-off or a series) as a calendar sees it.
type Event struct {
	UID                                 string // stable, e.g. "<session id>@mentorship"
	Sequence                            int
	Summary, Description, Location, URL string
	Start                               time.Time // UTC first start
	Duration                            time.Duration
	TZID                                string      // organizer's IANA zone; DTSTART/DTEND are written in it with TZID=
	RRule                               string      // body, "" for one-off
	ExDates                             []time.Time // cancelled occurrences (UTC)
	Overrides                           []Override  // moved/edited occurrences -> extra VEVENT with RECURRENCE-ID
	Cancelled                           bool        // STATUS:CANCELLED
	OrganizerName, OrganizerEmail       string
	Attendees                           []Attendee
	Stamp                               time.Time // DTSTAMP / LAST-MODIFIED (UTC); zero means now
}

// Override is one occurrence of a series that differs from the series.
type Override struct {
	RecurrenceID time.Time     // the occurrence's original start (UTC)
	Start        time.Time     // its new start; zero keeps RecurrenceID
	Duration     time.Duration // zero keeps the series' duration
	Cancelled    bool
	// Empty fields keep the series' values.
	Summary, Location, Description string
}

// Attendee is one participant; Status is a PARTSTAT ("ACCEPTED",
// "NEEDS-ACTION", "DECLINED", "TENTATIVE"), NEEDS-ACTION when empty or unknown.
type Attendee struct{ Name, Email, Status string }

// Invite renders a VCALENDAR with METHOD:REQUEST (or CANCEL when cancel is
// true, the whole event cancelled) for one event. iTIP wants an ORGANIZER in
// both, so OrganizerEmail should be set.
func Invite(ev Event, cancel bool) ([]byte, error) {
	cal := newCalendar()
	method := ics.MethodRequest
	if cancel {
		method = ics.MethodCancel
		ev.Cancelled = true
		ev.Overrides = nil // a cancelled series takes its exceptions with it
	}
	cal.SetMethod(method)
	return render(cal, []Event{ev})
}

// CancelOccurrence renders METHOD:CANCEL for one occurrence of a series
// (RECURRENCE-ID = its original start). Calendars that already have the series
// drop that one instance.
func CancelOccurrence(ev Event, occurrence time.Time) ([]byte, error) {
	ok, err := IsOccurrence(ev.Start, ev.TZID, ev.RRule, occurrence)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("calendar: not an occurrence of the series")
	}
	cal := newCalendar()
	cal.SetMethod(ics.MethodCancel)
	w, err := newEventWriter(ev)
	if err != nil {
		return nil, err
	}
	if w.loc != time.UTC {
		cal.AddVTimezone(buildVTimezone(w.loc, occurrence.AddDate(-1, 0, 0), occurrence.AddDate(1, 0, 0)))
	}
	cal.AddVEvent(w.occurrence(Override{RecurrenceID: occurrence, Cancelled: true}))
	return serialize(cal)
}

// Feed renders a subscription calendar (no METHOD) named name, refreshed hourly.
func Feed(name string, events []Event) ([]byte, error) {
	cal := newCalendar()
	cal.SetName(clean(name))       // NAME and X-WR-CALNAME
	cal.SetRefreshInterval("PT1H") // the library adds VALUE=DURATION
	cal.SetXPublishedTTL("PT1H")
	return render(cal, events)
}

func newCalendar() *ics.Calendar {
	cal := ics.NewCalendar() // VERSION:2.0
	cal.SetProductId(ProductID)
	cal.SetCalscale("GREGORIAN")
	return cal
}

// render adds one VTIMEZONE per zone used (covering every event in it) and the
// events' VEVENTs.
func render(cal *ics.Calendar, events []Event) ([]byte, error) {
	type span struct {
		loc      *time.Location
		from, to time.Time
	}
	zones := map[string]*span{}
	var writers []*eventWriter
	for _, ev := range events {
		w, err := newEventWriter(ev)
		if err != nil {
			return nil, err
		}
		writers = append(writers, w)
		if w.loc == time.UTC {
			continue
		}
		last, err := LastOccurrence(ev.Start, ev.TZID, ev.RRule)
		if err != nil {
			return nil, err
		}
		from, to := ev.Start.AddDate(-1, 0, 0), maxTime(ev.Start.AddDate(3, 0, 0), last.Add(ev.Duration))
		for _, o := range ev.Overrides {
			to = maxTime(to, o.Start.Add(o.Duration+ev.Duration))
		}
		s, ok := zones[w.loc.String()]
		if !ok {
			zones[w.loc.String()] = &span{w.loc, from, to}
			continue
		}
		if from.Before(s.from) {
			s.from = from
		}
		s.to = maxTime(s.to, to)
	}
	names := make([]string, 0, len(zones))
	for n := range zones {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		cal.AddVTimezone(buildVTimezone(zones[n].loc, zones[n].from, zones[n].to))
	}
	for _, w := range writers {
		cal.AddVEvent(w.master())
		for _, o := range w.ev.Overrides {
			// Like EXDATE, an exception for a start the series does not have
			// would be a stray event in some calendars and ignored in others.
			if ok, _ := IsOccurrence(w.ev.Start, w.ev.TZID, w.rrule, o.RecurrenceID); ok && w.rrule != "" {
				cal.AddVEvent(w.occurrence(o))
			}
		}
	}
	return serialize(cal)
}

func serialize(cal *ics.Calendar) ([]byte, error) {
	var b bytes.Buffer
	if err := cal.SerializeTo(&b, ics.WithNewLine("\r\n"), ics.WithLineLength(75)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// clean makes text safe for a TEXT value: the library escapes \ ; , and LF,
// but a CR or other control character would break the line structure.
func clean(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r >= 0x20 && r != 0x7f {
			return r
		}
		return -1
	}, s)
}

// cleanParam makes a name safe as a CN parameter. The library backslash-escapes
// parameter values, which RFC 5545 does not define, so the characters that
// would need it are replaced instead.
func cleanParam(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'':
			return '’'
		case r == '"' || r == '\\':
			return -1
		case r == ';' || r == ':' || r == ',' || r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cleanAddress keeps an e-mail address usable in a mailto: URI.
func cleanAddress(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == '"' || r == '<' || r == '>' {
			return -1
		}
		return r
	}, s)
}
