package app

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Change reschedules or edits a session: the whole series, or one occurrence
// when in.Occurrence names it. Either participant or a coordinator may; the
// other participants are asked to confirm again when the time moved.
func (s *Sessions) Change(actorID, sessionID string, in ChangeInput) (*SessionView, error) {
	v, p, err := s.loadFor(actorID, sessionID)
	if err != nil {
		return nil, err
	}
	if v.Status == domain.SessionCancelled {
		return nil, conflict("session_id", msgSessionCancelled, nil)
	}
	zone := s.zoneOf(actorID)
	var start time.Time
	minutes := 0
	recurrence := ""
	if strings.TrimSpace(in.When) != "" || !in.Start.IsZero() {
		if v.Kind == domain.SessionBooking {
			return nil, invalid("when", msgBookingNotMovable, nil)
		}
		if start, minutes, recurrence, err = s.readWhen("when", in.When, in.Start, zone); err != nil {
			return nil, err
		}
	}
	if in.DurationMinutes != nil {
		minutes = *in.DurationMinutes
	}
	if minutes != 0 {
		if err := checkLength(minutes); err != nil {
			return nil, err
		}
	}
	if in.Recurrence != nil {
		recurrence = ""
		if strings.TrimSpace(*in.Recurrence) != "" && !strings.EqualFold(strings.TrimSpace(*in.Recurrence), "none") {
			if recurrence, err = calendar.NormalizeRecurrence(*in.Recurrence); err != nil {
				return nil, errorOfParse("recurrence", err)
			}
		}
	}
	edits, err := readEdits(v, in)
	if err != nil {
		return nil, err
	}
	if in.Recurrence != nil || recurrence != "" {
		first := start
		if first.IsZero() {
			first = v.Start
		}
		if err := checkSeries(first, v.TimeZone, recurrence); err != nil {
			return nil, err
		}
	}
	if start.IsZero() && minutes == 0 && in.Recurrence == nil && edits == nil {
		return nil, invalid("when", msgNothingToChange, nil)
	}
	if err := checkText("note", in.Note, MaxEndReason); err != nil {
		return nil, err
	}
	if !in.Occurrence.IsZero() && v.Recurrence != "" {
		return s.changeOccurrence(actorID, p, v, in, start, edits)
	}
	now := s.now()
	moves := (!start.IsZero() && !start.Equal(v.Start)) || in.Recurrence != nil || recurrence != ""
	if v.Recurrence != "" && moves && v.Start.Before(now) {
		return s.split(actorID, v, seriesChange{start: start, minutes: minutes, recurrence: recurrence,
			newRule: in.Recurrence != nil || recurrence != "", edits: edits, note: in.Note})
	}
	updated, err := s.change(v.ID, []string{domain.OweInvite, domain.OweSchedule, domain.OweUserList}, func(v *domain.Session) error {
		action := ChangeEdited
		if !start.IsZero() && !start.Equal(v.Start) {
			v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeRescheduled, From: v.Start, To: start, Note: in.Note})
			v.Start, v.Exceptions, action = start, nil, ChangeRescheduled
			s.askAgain(v, actorID)
		}
		if minutes != 0 {
			v.DurationMinutes = minutes
		}
		if in.Recurrence != nil || recurrence != "" {
			v.Recurrence, v.Exceptions = recurrence, nil
		}
		edits.apply(v)
		if action == ChangeEdited {
			v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeEdited, Note: in.Note})
		}
		v.Sequence++
		v.LastChange, v.Proposal = action, nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.view(actorID, p, updated)
}

// changeOccurrence moves (or re-describes) one meeting of a series.
func (s *Sessions) changeOccurrence(actorID string, p *domain.Program, v *domain.Session, in ChangeInput, start time.Time, edits *sessionEdits) (*SessionView, error) {
	orig := in.Occurrence.UTC()
	if _, ok := findOccurrence(v, orig); !ok {
		return nil, invalid("occurrence", msgNotAnOccurrence, map[string]any{"When": orig.Format("2006-01-02 15:04")})
	}
	now := s.now()
	updated, err := s.change(v.ID, []string{domain.OweInvite, domain.OweSchedule, domain.OweUserList}, func(v *domain.Session) error {
		key := domain.OccurrenceKey(orig)
		ex := v.Exceptions[key]
		if !start.IsZero() {
			ex.Start = start
			s.askAgain(v, actorID)
			v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeRescheduled, Occurrence: orig, To: start, Note: in.Note})
		}
		if edits != nil && edits.agenda != nil {
			ex.Agenda = *edits.agenda
		}
		if v.Exceptions == nil {
			v.Exceptions = map[string]domain.Exception{}
		}
		v.Exceptions[key] = ex
		v.Sequence++
		v.LastChange, v.LastOccurrence, v.Proposal = ChangeOccurrence, orig, nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.view(actorID, p, updated)
}

// askAgain puts the other participants back to "pending": the time moved.
func (s *Sessions) askAgain(v *domain.Session, actorID string) {
	if v.Responses == nil {
		v.Responses = map[string]string{}
	}
	for _, id := range v.Participants {
		if id == actorID {
			v.Responses[id] = domain.ResponseConfirmed
		} else if v.Kind != domain.SessionBooking {
			v.Responses[id] = domain.ResponsePending
		}
	}
}

// sessionEdits are the descriptive fields of a change.
type sessionEdits struct {
	title, agenda, where, location *string
}

func readEdits(v *domain.Session, in ChangeInput) (*sessionEdits, error) {
	if in.Title == nil && in.Agenda == nil && in.Where == nil && in.Location == nil {
		return nil, nil
	}
	e := &sessionEdits{}
	if in.Title != nil {
		t := strings.TrimSpace(*in.Title)
		if err := checkText("title", t, domain.MaxSessionTitle); err != nil {
			return nil, err
		}
		e.title = &t
	}
	if in.Agenda != nil {
		a := strings.TrimSpace(*in.Agenda)
		if err := checkText("agenda", a, domain.MaxSessionAgenda); err != nil {
			return nil, err
		}
		e.agenda = &a
	}
	if in.Where != nil || in.Location != nil {
		where, location := v.Where, v.Location
		if in.Where != nil {
			where = *in.Where
		}
		if in.Location != nil {
			location = *in.Location
		}
		w, l, err := checkWhere(where, location)
		if err != nil {
			return nil, err
		}
		e.where, e.location = &w, &l
	}
	return e, nil
}

func (e *sessionEdits) apply(v *domain.Session) {
	if e == nil {
		return
	}
	if e.title != nil {
		v.Title = *e.title
	}
	if e.agenda != nil {
		v.Agenda = *e.agenda
	}
	if e.where != nil {
		v.Where, v.Location = *e.where, *e.location
	}
}

// Cancel cancels a session (zero occurrence) or one meeting of a series.
// Cancelling a booking frees its office-hours slot.
func (s *Sessions) Cancel(actorID, sessionID string, occurrence time.Time, reason string) (*SessionView, error) {
	v, p, err := s.loadFor(actorID, sessionID)
	if err != nil {
		return nil, err
	}
	if v.Status == domain.SessionCancelled {
		return nil, conflict("session_id", msgSessionCancelled, nil)
	}
	reason = strings.TrimSpace(reason)
	if err := checkText("reason", reason, MaxEndReason); err != nil {
		return nil, err
	}
	now := s.now()
	if !occurrence.IsZero() && v.Recurrence != "" {
		orig := occurrence.UTC()
		if _, ok := findOccurrence(v, orig); !ok {
			return nil, invalid("occurrence", msgNotAnOccurrence, map[string]any{"When": orig.Format("2006-01-02 15:04")})
		}
		updated, err := s.change(v.ID, []string{domain.OweInvite, domain.OweSchedule}, func(v *domain.Session) error {
			if v.Exceptions == nil {
				v.Exceptions = map[string]domain.Exception{}
			}
			key := domain.OccurrenceKey(orig)
			ex := v.Exceptions[key]
			ex.Cancelled = true
			v.Exceptions[key] = ex
			v.Sequence++
			v.LastChange, v.LastOccurrence = ChangeOccurrence, orig
			v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeCancelled, Occurrence: orig, Note: reason})
			return nil
		})
		if err != nil {
			return nil, err
		}
		return s.view(actorID, p, updated)
	}
	owed := []string{domain.OweInvite}
	if v.Kind == domain.SessionBooking {
		owed = append(owed, oweSlot)
	}
	updated, err := s.change(v.ID, owed, func(v *domain.Session) error {
		if v.Status == domain.SessionCancelled {
			return conflict("session_id", msgSessionCancelled, nil)
		}
		v.Status = domain.SessionCancelled
		v.Sequence++
		v.LastChange, v.Proposal = ChangeCancelled, nil
		v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeCancelled, Note: reason})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.view(actorID, p, updated)
}

// Confirm records that a participant will come.
func (s *Sessions) Confirm(actorID, sessionID string) (*SessionView, error) {
	return s.respond(actorID, sessionID, domain.ResponseConfirmed, "confirmed")
}

func (s *Sessions) respond(actorID, sessionID, response, action string) (*SessionView, error) {
	v, p, err := s.loadForParticipant(actorID, sessionID)
	if err != nil {
		return nil, err
	}
	if v.Status == domain.SessionCancelled {
		return nil, conflict("session_id", msgSessionCancelled, nil)
	}
	if v.Responses[actorID] == response {
		return s.view(actorID, p, v) // pressing Confirm twice changes nothing
	}
	now := s.now()
	updated, err := s.change(v.ID, nil, func(v *domain.Session) error {
		if v.Responses == nil {
			v.Responses = map[string]string{}
		}
		v.Responses[actorID] = response
		v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: action})
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.deps.Sessions.Changed(p.ID, v.Participants...)
	return s.view(actorID, p, updated)
}

// Propose asks the other participants for another time, for the series or for
// one occurrence; they take it or keep the current time.
func (s *Sessions) Propose(actorID, sessionID string, occurrence time.Time, when string) (*SessionView, error) {
	v, p, err := s.loadForParticipant(actorID, sessionID)
	if err != nil {
		return nil, err
	}
	if v.Status == domain.SessionCancelled {
		return nil, conflict("session_id", msgSessionCancelled, nil)
	}
	if v.Kind == domain.SessionBooking {
		return nil, invalid("when", msgBookingNotMovable, nil)
	}
	if !occurrence.IsZero() {
		if _, ok := findOccurrence(v, occurrence.UTC()); !ok {
			return nil, invalid("occurrence", msgNotAnOccurrence, map[string]any{"When": occurrence.UTC().Format("2006-01-02 15:04")})
		}
		if v.Recurrence == "" {
			occurrence = time.Time{} // a one-off's only occurrence is the session
		}
	}
	start, _, _, err := s.readWhen("when", when, time.Time{}, s.zoneOf(actorID))
	if err != nil {
		return nil, err
	}
	now := s.now()
	updated, err := s.change(v.ID, []string{oweProposed}, func(v *domain.Session) error {
		v.Proposal = &domain.TimeProposal{By: actorID, Start: start, Occurrence: occurrence.UTC(), At: now}
		if v.Responses == nil {
			v.Responses = map[string]string{}
		}
		v.Responses[actorID] = domain.ResponseProposed
		v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: "proposed", Occurrence: occurrence.UTC(), To: start})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.view(actorID, p, updated)
}

// TakeProposal moves the session (or the occurrence) to the time another
// participant proposed; both count as confirmed.
func (s *Sessions) TakeProposal(actorID, sessionID string) (*SessionView, error) {
	v, p, err := s.loadForParticipant(actorID, sessionID)
	if err != nil {
		return nil, err
	}
	if v.Proposal == nil {
		return nil, conflict("proposal", msgNoProposal, nil)
	}
	if v.Proposal.By == actorID {
		return nil, conflict("proposal", msgOwnProposal, nil)
	}
	now := s.now()
	updated, err := s.change(v.ID, []string{domain.OweInvite, domain.OweSchedule, domain.OweUserList}, func(v *domain.Session) error {
		pr := v.Proposal
		if pr == nil {
			return conflict("proposal", msgNoProposal, nil)
		}
		if pr.Occurrence.IsZero() {
			v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeRescheduled, From: v.Start, To: pr.Start})
			v.Start, v.Exceptions, v.LastChange = pr.Start, nil, ChangeRescheduled
		} else {
			if v.Exceptions == nil {
				v.Exceptions = map[string]domain.Exception{}
			}
			key := domain.OccurrenceKey(pr.Occurrence)
			ex := v.Exceptions[key]
			ex.Start = pr.Start
			v.Exceptions[key] = ex
			v.LastChange, v.LastOccurrence = ChangeOccurrence, pr.Occurrence
			v.History = append(v.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeRescheduled, Occurrence: pr.Occurrence, To: pr.Start})
		}
		for _, id := range v.Participants {
			if id == actorID || id == pr.By {
				v.Responses[id] = domain.ResponseConfirmed
			}
		}
		v.Proposal = nil
		v.Sequence++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.view(actorID, p, updated)
}

// Attend records one participant's own attendance at a meeting that started.
func (s *Sessions) Attend(actorID, sessionID string, occurrence time.Time, status string) (*SessionView, error) {
	switch status {
	case domain.AttendanceAttended, domain.AttendanceMissed, domain.AttendanceExcused, domain.AttendanceRescheduled:
	default:
		return nil, invalid("status", msgBadAttendance, map[string]any{"Value": status})
	}
	v, p, o, err := s.startedOccurrence(actorID, sessionID, occurrence)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.UpdateOccurrence(v.ID, o.orig, func(rec *domain.Occurrence) error {
		if rec.Attendance[actorID] == status {
			return store.ErrUnchanged
		}
		if rec.Attendance == nil {
			rec.Attendance = map[string]string{}
		}
		rec.Attendance[actorID] = status
		return nil
	}); err != nil {
		return nil, err
	}
	s.deps.Sessions.Changed(p.ID, v.Participants...)
	s.healthChanged(v)
	return s.view(actorID, p, v)
}

// Feedback stores one participant's rating of a meeting: coordinators read
// it; the other participant only when the author shares it.
func (s *Sessions) Feedback(actorID, sessionID string, in FeedbackInput) (*SessionView, error) {
	if in.Rating < 1 || in.Rating > 5 {
		return nil, invalid("rating", msgBadRating, nil)
	}
	text := strings.TrimSpace(in.Text)
	if n := utf8.RuneCountInString(text); n > domain.MaxFeedbackText {
		return nil, invalid("text", msgSurveyTooLong, map[string]any{"Length": n, "Max": domain.MaxFeedbackText})
	}
	if err := checkText("text", text, domain.MaxFeedbackText); err != nil {
		return nil, err
	}
	v, p, o, err := s.startedOccurrence(actorID, sessionID, in.Occurrence)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if _, err := s.store.UpdateOccurrence(v.ID, o.orig, func(rec *domain.Occurrence) error {
		if rec.Feedback == nil {
			rec.Feedback = map[string]domain.Feedback{}
		}
		rec.Feedback[actorID] = domain.Feedback{Rating: in.Rating, Text: text, At: now, Shared: in.Shared}
		return nil
	}); err != nil {
		return nil, err
	}
	s.deps.Sessions.Changed(p.ID, v.Participants...)
	s.healthChanged(v)
	return s.view(actorID, p, v)
}

// healthChanged brings the match's health line up to date (attendance and
// ratings count in the coordinators' insight).
func (s *Sessions) healthChanged(v *domain.Session) {
	if s.afterChange != nil && v.MatchID != "" {
		s.afterChange(v.MatchID)
	}
}

// startedOccurrence finds a participant's meeting that has begun.
func (s *Sessions) startedOccurrence(actorID, sessionID string, orig time.Time) (*domain.Session, *domain.Program, occurrence, error) {
	v, p, err := s.loadForParticipant(actorID, sessionID)
	if err != nil {
		return nil, nil, occurrence{}, err
	}
	if orig.IsZero() && v.Recurrence == "" {
		orig = v.Start
	}
	o, ok := findOccurrence(v, orig.UTC())
	if !ok || o.cancelled {
		return nil, nil, occurrence{}, invalid("occurrence", msgNotAnOccurrence, map[string]any{"When": orig.UTC().Format("2006-01-02 15:04")})
	}
	if o.start.After(s.now()) {
		return nil, nil, occurrence{}, conflict("occurrence", msgOccurrenceAhead, nil)
	}
	return v, p, o, nil
}

// matchEnded cancels the sessions still to come of a match that ended: both
// get the cancellation with its .ics. (Reminders check the match too, so one
// missed here still never nags an ended pair.)
func (s *Sessions) matchEnded(p *domain.Program, m *domain.Match) {
	now := s.now()
	ids, err := s.store.MatchSessions(m.ID, now)
	if err != nil {
		return
	}
	for _, id := range ids {
		_, _ = s.change(id, []string{domain.OweInvite}, func(v *domain.Session) error {
			if v.Status != domain.SessionScheduled || !lastEnd(v).After(now) {
				return store.ErrUnchanged
			}
			v.Status = domain.SessionCancelled
			v.Sequence++
			v.LastChange, v.Proposal = ChangeCancelled, nil
			v.History = append(v.History, domain.SessionEvent{At: now, Action: ChangeCancelled, Note: "the match ended"})
			return nil
		})
	}
}

// seriesChange is a validated change of a series' time or repeat.
type seriesChange struct {
	start      time.Time
	minutes    int
	recurrence string
	newRule    bool
	edits      *sessionEdits
	note       string
}

// split moves a series that already began: its meetings so far stay where
// they were (with their attendance and feedback) and the series ends before
// its next meeting; the rest continues as a new series at the new time. The
// new series' id is derived from the old one's version, so a retry after a
// crash between the two writes finds it instead of making another.
func (s *Sessions) split(actorID string, v *domain.Session, c seriesChange) (*SessionView, error) {
	now := s.now()
	var past int
	var last, next time.Time
	for _, o := range occurrencesOf(v) {
		if o.orig.Before(now) {
			past, last = past+1, o.orig
		} else if next.IsZero() && !o.cancelled {
			next = o.start
		}
	}
	rule := c.recurrence
	if !c.newRule {
		rule = remainingRule(v.Recurrence, past)
	}
	if next.IsZero() {
		return nil, conflict("session_id", msgSeriesOver, nil) // also a second press after a split
	}
	start := c.start
	if start.IsZero() {
		start = next
	}
	if err := checkSeries(start, v.TimeZone, rule); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", v.ID, v.Sequence)))
	cont := *v
	cont.ID = hex.EncodeToString(sum[:])[:26]
	cont.Start, cont.Recurrence, cont.Exceptions, cont.Sequence = start, rule, nil, 0
	cont.Sent, cont.Owed, cont.Proposal = nil, nil, nil
	cont.Responses = map[string]string{}
	cont.CreatedAt, cont.UpdatedAt, cont.CreatedBy = now, now, actorID
	if c.minutes != 0 {
		cont.DurationMinutes = c.minutes
	}
	c.edits.apply(&cont)
	s.askAgain(&cont, actorID)
	cont.LastChange = ChangeRescheduled
	cont.History = []domain.SessionEvent{{At: now, By: actorID, Action: ChangeRescheduled, From: next, To: start, Note: c.note}}
	if err := s.create(&cont); err != nil {
		return nil, err
	}
	if _, err := s.change(v.ID, []string{domain.OweInvite, domain.OweSchedule, domain.OweUserList}, func(old *domain.Session) error {
		if old.Sequence != v.Sequence {
			return store.ErrUnchanged // split already (a retry)
		}
		old.Recurrence = ruleUntil(old.Recurrence, last)
		old.Sequence++
		old.LastChange, old.Proposal = ChangeEdited, nil
		old.History = append(old.History, domain.SessionEvent{At: now, By: actorID, Action: ChangeEdited, Note: "continued as " + cont.ID})
		return nil
	}); err != nil {
		return nil, err
	}
	return s.Get(actorID, cont.ID)
}

// ruleUntil ends a rule at a last start (UTC), dropping any COUNT or UNTIL.
func ruleUntil(rule string, last time.Time) string {
	parts := []string{}
	for _, part := range strings.Split(rule, ";") {
		if name, _, _ := strings.Cut(part, "="); name != "COUNT" && name != "UNTIL" && part != "" {
			parts = append(parts, part)
		}
	}
	return strings.Join(append(parts, "UNTIL="+last.UTC().Format("20060102T150405Z")), ";")
}

// remainingRule is the rule of a series' continuation after past meetings:
// a COUNT shrinks by them.
func remainingRule(rule string, past int) string {
	parts := strings.Split(rule, ";")
	for i, part := range parts {
		if name, value, _ := strings.Cut(part, "="); name == "COUNT" {
			n, err := strconv.Atoi(value)
			if err == nil {
				parts[i] = "COUNT=" + strconv.Itoa(max(n-past, 1))
			}
		}
	}
	return strings.Join(parts, ";")
}
