package calendar

import (
	"errors"
	"time"

	ics "github.com/arran4/golang-ical"
)

const utcFormat = "20060102T150405Z"

var partStats = map[string]bool{"ACCEPTED": true, "NEEDS-ACTION": true, "DECLINED": true, "TENTATIVE": true}

// eventWriter turns one Event into VEVENTs, writing times in the event's zone.
type eventWriter struct {
	ev    Event
	loc   *time.Location
	rrule string // canonical
	stamp time.Time
}

func newEventWriter(ev Event) (*eventWriter, error) {
	if ev.UID == "" {
		return nil, errors.New("calendar: event without UID")
	}
	if ev.Duration <= 0 {
		return nil, errors.New("calendar: event without a positive duration")
	}
	if ev.Start.IsZero() {
		return nil, errors.New("calendar: event without a start")
	}
	loc, err := LoadZone(ev.TZID)
	if err != nil {
		return nil, err
	}
	rule, err := NormalizeRecurrence(ev.RRule)
	if err != nil {
		return nil, err
	}
	stamp := ev.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	return &eventWriter{ev: ev, loc: loc, rrule: rule, stamp: stamp.UTC()}, nil
}

// setTime writes a DATE-TIME property in the event's zone: local time with
// TZID=, or UTC with Z for the UTC zone.
func (w *eventWriter) setTime(c *ics.ComponentBase, p ics.ComponentProperty, t time.Time) {
	if w.loc == time.UTC {
		c.SetProperty(p, t.UTC().Format(utcFormat))
		return
	}
	c.SetProperty(p, t.In(w.loc).Format(localFormat), ics.WithTZID(w.loc.String()))
}

func (w *eventWriter) addExdate(c *ics.ComponentBase, t time.Time) {
	if w.loc == time.UTC {
		c.AddExdate(t.UTC().Format(utcFormat))
		return
	}
	c.AddExdate(t.In(w.loc).Format(localFormat), ics.WithTZID(w.loc.String()))
}

// common writes what the series and each of its exceptions share.
func (w *eventWriter) common(e *ics.VEvent, start time.Time, d time.Duration, summary, location, description string, cancelled bool) {
	e.SetDtStampTime(w.stamp)
	e.SetSequence(w.ev.Sequence)
	w.setTime(&e.ComponentBase, ics.ComponentPropertyDtStart, start)
	w.setTime(&e.ComponentBase, ics.ComponentPropertyDtEnd, start.Add(d))
	if s := clean(summary); s != "" {
		e.SetSummary(s)
	}
	if s := clean(description); s != "" {
		e.SetDescription(s)
	}
	if s := clean(location); s != "" {
		e.SetLocation(s)
	}
	if u := clean(w.ev.URL); u != "" {
		e.SetURL(u)
	}
	status := ics.ObjectStatusConfirmed
	if cancelled || w.ev.Cancelled {
		status = ics.ObjectStatusCancelled
	}
	e.SetStatus(status)
	e.SetTimeTransparency(ics.TransparencyOpaque)
	if email := cleanAddress(w.ev.OrganizerEmail); email != "" {
		var params []ics.PropertyParameter
		if n := cleanParam(w.ev.OrganizerName); n != "" {
			params = append(params, ics.WithCN(n))
		}
		e.SetOrganizer("mailto:"+email, params...)
	}
	for _, a := range w.ev.Attendees {
		email := cleanAddress(a.Email)
		if email == "" {
			continue
		}
		st := a.Status
		if !partStats[st] {
			st = string(ics.ParticipationStatusNeedsAction)
		}
		params := []ics.PropertyParameter{
			ics.CalendarUserTypeIndividual,
			ics.ParticipationRoleReqParticipant,
			ics.ParticipationStatus(st),
			rsvp(st == string(ics.ParticipationStatusNeedsAction)),
		}
		if n := cleanParam(a.Name); n != "" {
			params = append(params, ics.WithCN(n))
		}
		e.AddAttendee("mailto:"+email, params...)
	}
	e.SetModifiedAt(w.stamp)
}

// master is the series' (or one-off's) VEVENT.
func (w *eventWriter) master() *ics.VEvent {
	ev := w.ev
	e := ics.NewEvent(ev.UID)
	w.common(e, ev.Start, ev.Duration, ev.Summary, ev.Location, ev.Description, false)
	if w.rrule != "" {
		e.AddRrule(w.rrule)
		for _, x := range ev.ExDates {
			// An EXDATE that is no occurrence (say, left over from before the
			// series moved) means nothing to a calendar; it is left out.
			if ok, _ := IsOccurrence(ev.Start, ev.TZID, w.rrule, x); ok {
				w.addExdate(&e.ComponentBase, x)
			}
		}
	}
	return e
}

// occurrence is the VEVENT of one changed (or cancelled) occurrence.
func (w *eventWriter) occurrence(o Override) *ics.VEvent {
	ev := w.ev
	e := ics.NewEvent(ev.UID)
	w.setTime(&e.ComponentBase, ics.ComponentPropertyRecurrenceId, o.RecurrenceID)
	start, d := o.Start, o.Duration
	if start.IsZero() {
		start = o.RecurrenceID
	}
	if d <= 0 {
		d = ev.Duration
	}
	w.common(e, start, d, orElse(o.Summary, ev.Summary), orElse(o.Location, ev.Location),
		orElse(o.Description, ev.Description), o.Cancelled)
	return e
}

// rsvp writes RSVP=TRUE/FALSE in the RFC's spelling (the library writes
// lower case).
func rsvp(b bool) ics.PropertyParameter {
	v := "FALSE"
	if b {
		v = "TRUE"
	}
	return &ics.KeyValues{Key: string(ics.ParameterRsvp), Value: []string{v}}
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
