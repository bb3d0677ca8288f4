package app

import (
	"net/url"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// occurrence is one meeting of a series: its original start (its name) and
// when it happens, after the exceptions.
type occurrence struct {
	orig, start time.Time
	cancelled   bool
	agenda      string
}

// occurrencesOf expands a session with its exceptions applied, in original
// order. A series is capped (calendar.MaxOccurrences), so this is bounded.
func occurrencesOf(v *domain.Session) []occurrence {
	starts, err := calendar.Occurrences(v.Start, v.TimeZone, v.Recurrence, v.Start, v.Start.AddDate(100, 0, 0), 0)
	if err != nil || len(starts) == 0 {
		starts = []time.Time{v.Start}
	}
	out := make([]occurrence, 0, len(starts))
	for _, orig := range starts {
		o := occurrence{orig: orig, start: orig, agenda: v.Agenda}
		if ex, ok := v.Exceptions[domain.OccurrenceKey(orig)]; ok {
			o.cancelled = ex.Cancelled
			if !ex.Start.IsZero() {
				o.start = ex.Start
			}
			if ex.Agenda != "" {
				o.agenda = ex.Agenda
			}
		}
		out = append(out, o)
	}
	return out
}

// findOccurrence returns the occurrence named by its original start.
func findOccurrence(v *domain.Session, orig time.Time) (occurrence, bool) {
	for _, o := range occurrencesOf(v) {
		if o.orig.Equal(orig.UTC()) {
			return o, true
		}
	}
	return occurrence{}, false
}

// lastEnd is when the session's last meeting ends: how long indexes keep it.
func lastEnd(v *domain.Session) time.Time {
	var last time.Time
	for _, o := range occurrencesOf(v) {
		if o.start.After(last) {
			last = o.start
		}
	}
	return last.Add(v.Duration())
}

// maxViewed bounds the coming and past meetings a view lists.
const maxViewed = 5

// view is a session as actorID sees it.
func (s *Sessions) view(actorID string, p *domain.Program, v *domain.Session) (*SessionView, error) {
	if v == nil {
		return nil, notFound(msgSessionNotFound, nil)
	}
	coordinator := s.perms.CanCoordinate(actorID, p)
	shown := *v
	if !coordinator { // the notes of the history are for coordinators
		shown.History = append([]domain.SessionEvent(nil), v.History...)
		for i := range shown.History {
			shown.History[i].Note = ""
		}
	}
	out := &SessionView{Session: &shown, Next: []OccurrenceView{}, Names: map[string]string{}}
	for _, id := range v.Participants {
		if u, ok := s.deps.Directory.User(id); ok {
			out.Names[id] = "@" + u.Username
		}
	}
	now := s.now()
	var past []occurrence
	for _, o := range occurrencesOf(v) {
		if o.cancelled {
			continue
		}
		if o.start.Add(v.Duration()).After(now) {
			if len(out.Next) < maxViewed && v.Status == domain.SessionScheduled {
				out.Next = append(out.Next, s.occurrenceView(v, o, nil))
			}
			continue
		}
		past = append(past, o)
	}
	if len(past) > maxViewed {
		past = past[len(past)-maxViewed:]
	}
	for _, o := range past {
		rec, _, err := s.store.GetOccurrence(v.ID, o.orig)
		if err != nil {
			return nil, err
		}
		out.Past = append(out.Past, s.occurrenceView(v, o, readableOccurrence(actorID, coordinator, rec)))
	}
	return out, nil
}

// readableOccurrence keeps what the reader may see of an occurrence: its
// attendance, and feedback that is theirs, shared, or (coordinators) all.
func readableOccurrence(actorID string, coordinator bool, rec *domain.Occurrence) *domain.Occurrence {
	out := &domain.Occurrence{Attendance: rec.Attendance, Feedback: map[string]domain.Feedback{}}
	for author, f := range rec.Feedback {
		if coordinator || author == actorID || f.Shared {
			out.Feedback[author] = f
		}
	}
	return out
}

func (s *Sessions) occurrenceView(v *domain.Session, o occurrence, rec *domain.Occurrence) OccurrenceView {
	view := OccurrenceView{
		SessionID: v.ID, Occurrence: o.orig, Start: o.start, End: o.start.Add(v.Duration()),
		Title: v.Title, Where: v.Where, Location: v.Location, ChannelID: v.ChannelID, Agenda: o.agenda,
		Participants: v.Participants, Responses: v.Responses, Recurring: v.Recurrence != "",
		Kind: v.Kind, ProgramID: v.ProgramID, MatchID: v.MatchID,
	}
	if rec != nil {
		view.Attendance, view.Feedback = rec.Attendance, rec.Feedback
	}
	return view
}

// Event is the calendar view of a session, the same in invites and in feeds:
// one UID for the series, moved and cancelled meetings as exceptions.
func (s *Sessions) Event(v *domain.Session) calendar.Event {
	ev := calendar.Event{
		UID: v.ID + "@mentorship", Sequence: v.Sequence, Summary: s.summary(v),
		Description: v.Agenda, Start: v.Start, Duration: v.Duration(), TZID: v.TimeZone,
		RRule: v.Recurrence, Cancelled: v.Status == domain.SessionCancelled, Stamp: v.UpdatedAt,
	}
	switch v.Where {
	case domain.WhereLink:
		ev.Location, ev.URL = v.Location, v.Location
	case domain.WherePlace:
		ev.Location = v.Location
	default:
		ev.Location = "Mattermost"
		if s.deps.ChannelURL != nil && v.ChannelID != "" {
			ev.URL = s.deps.ChannelURL(v.ChannelID)
			ev.Location = "Mattermost: " + ev.URL
		}
	}
	host := s.siteHost()
	for _, id := range v.Participants {
		name, email := s.calendarPerson(id, host)
		status := "NEEDS-ACTION"
		switch v.Responses[id] {
		case domain.ResponseConfirmed:
			status = "ACCEPTED"
		case domain.ResponseDeclined:
			status = "DECLINED"
		case domain.ResponseProposed:
			status = "TENTATIVE"
		}
		ev.Attendees = append(ev.Attendees, calendar.Attendee{Name: name, Email: email, Status: status})
	}
	ev.OrganizerName, ev.OrganizerEmail = s.calendarPerson(v.OrganizerID, host)
	for key, ex := range v.Exceptions {
		orig, err := time.Parse("20060102T150405Z", key)
		if err != nil {
			continue
		}
		if ex.Cancelled {
			ev.ExDates = append(ev.ExDates, orig)
			continue
		}
		ev.Overrides = append(ev.Overrides, calendar.Override{RecurrenceID: orig, Start: ex.Start, Description: ex.Agenda})
	}
	return ev
}

// summary is a session's title for calendars, or who meets when it has none.
func (s *Sessions) summary(v *domain.Session) string {
	if v.Title != "" {
		return v.Title
	}
	var names []string
	for _, id := range v.Participants {
		if u, ok := s.deps.Directory.User(id); ok {
			names = append(names, "@"+u.Username)
		}
	}
	return strings.Join(names, " & ") // names read the same in every language
}

// calendarPerson names a user for a calendar. Calendars want an address; the
// plugin does not hand out people's e-mail, so it uses the username at the
// site's host, which identifies them without being a mailbox.
func (s *Sessions) calendarPerson(userID, host string) (string, string) {
	u, ok := s.deps.Directory.User(userID)
	if !ok {
		return userID, userID + "@" + host
	}
	name := u.FullName
	if name == "" {
		name = "@" + u.Username
	}
	return name, u.Username + "@" + host
}

func (s *Sessions) siteHost() string {
	if u, err := url.Parse(s.deps.Settings().SiteURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "mattermost.invalid"
}
