package app

import (
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgSessionNotFound   = &i18n.Message{ID: "app.session.not_found", Other: "There is no such session, or it is not yours to see."}
	msgNotInSession      = &i18n.Message{ID: "app.session.not_participant", Other: "Only the people of this session can do that."}
	msgNoPairChannel     = &i18n.Message{ID: "app.session.no_pair_channel", Other: "This channel is not the private channel of one of your matches. Run the command in your pair's channel, or name the match with --match ID."}
	msgMatchNotLive      = &i18n.Message{ID: "app.session.match_not_live", Other: "Sessions can be planned only for an active or paused match; this one is {{.Status}}."}
	msgWhenRequired      = &i18n.Message{ID: "app.session.when_required", Other: "Say when the session is, for example: {{.Examples}}."}
	msgSessionCancelled  = &i18n.Message{ID: "app.session.cancelled", Other: "This session was cancelled; schedule a new one instead."}
	msgNotAnOccurrence   = &i18n.Message{ID: "app.session.not_occurrence", Other: "{{.When}} (UTC) is not a meeting of this series; pick one of its occurrences."}
	msgOccurrenceAhead   = &i18n.Message{ID: "app.session.not_yet", Other: "This meeting has not started yet; attendance and feedback open once it has."}
	msgBadAttendance     = &i18n.Message{ID: "app.session.bad_attendance", Other: "\"{{.Value}}\" is not an attendance; use attended, missed, excused or rescheduled."}
	msgNoProposal        = &i18n.Message{ID: "app.session.no_proposal", Other: "Nobody has proposed another time for this session."}
	msgOwnProposal       = &i18n.Message{ID: "app.session.own_proposal", Other: "You proposed this time yourself; the other person takes it or keeps the current time."}
	msgNothingToChange   = &i18n.Message{ID: "app.session.nothing_to_change", Other: "Say what to change: a new time, length, place, link, title, agenda or repeat."}
	msgSeriesOver        = &i18n.Message{ID: "app.session.series_over", Other: "This series has no meetings left to move; schedule a new session, or change the series it continued as."}
	msgBookingNotMovable = &i18n.Message{ID: "app.session.booking_fixed", Other: "An office-hours booking keeps its slot: cancel it and book another slot instead."}
)

// Sessions runs meetings of matches and office-hours bookings: scheduling,
// changes, answers, attendance, feedback, and the nudges around them.
type Sessions struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	matches  *Matches
	deps     Deps
	// releaseSlot frees the office-hours slot of a cancelled booking (set by
	// NewServices to OfficeHours.release).
	releaseSlot func(v *domain.Session) error
	// afterChange brings a match's health line up to date after its sessions
	// changed (set by NewServices to Health.Changed).
	afterChange func(matchID string)
}

func (s *Sessions) now() time.Time { return s.deps.Now().UTC() }

// load returns a session and its program, or not found.
func (s *Sessions) load(sessionID string) (*domain.Session, *domain.Program, error) {
	v, err := s.store.GetSession(sessionID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, notFound(msgSessionNotFound, nil)
	}
	if err != nil {
		return nil, nil, err
	}
	p, err := s.store.GetProgram(v.ProgramID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, notFound(msgSessionNotFound, nil)
	}
	if err != nil {
		return nil, nil, err
	}
	return v, p, nil
}

// loadFor returns a session its reader may see: a participant, a coordinator
// of its program or an admin; anyone else learns nothing, not even that it exists.
func (s *Sessions) loadFor(actorID, sessionID string) (*domain.Session, *domain.Program, error) {
	v, p, err := s.load(sessionID)
	if err != nil {
		return nil, nil, err
	}
	if !v.IsParticipant(actorID) && !s.perms.CanCoordinate(actorID, p) {
		return nil, nil, notFound(msgSessionNotFound, nil)
	}
	return v, p, nil
}

// loadForParticipant is loadFor narrowed to the session's own people.
func (s *Sessions) loadForParticipant(actorID, sessionID string) (*domain.Session, *domain.Program, error) {
	v, p, err := s.loadFor(actorID, sessionID)
	if err != nil {
		return nil, nil, err
	}
	if !v.IsParticipant(actorID) {
		return nil, nil, forbidden(msgNotInSession, nil)
	}
	return v, p, nil
}

// zoneOf is a user's Mattermost time zone, UTC when unknown.
func (s *Sessions) zoneOf(userID string) *time.Location {
	if u, ok := s.deps.Directory.User(userID); ok && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// MatchOfChannel returns the actor's live match whose pair channel this is.
// Only the actor's own matches are looked at, so the cost is bounded by them.
func (s *Sessions) MatchOfChannel(actorID, channelID string) (*domain.Match, error) {
	ms, err := s.store.GetMemberships(actorID)
	if err != nil {
		return nil, err
	}
	for _, e := range ms.Enrollments {
		for _, ref := range slices.Concat(e.Mentors, e.Mentees) {
			m, err := s.store.GetMatch(ref.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if channelID != "" && m.ChannelID == channelID && m.Partner(actorID) != "" {
				return m, nil
			}
		}
	}
	return nil, invalid("channel_id", msgNoPairChannel, nil)
}

// Schedule plans a session (or a series) for a match: one of its pair or a
// coordinator of its program may. The invite with its .ics goes to both.
func (s *Sessions) Schedule(actorID string, in ScheduleInput) (*SessionView, error) {
	m, err := s.matchFor(actorID, in)
	if err != nil {
		return nil, err
	}
	p, err := s.store.GetProgram(m.ProgramID)
	if err != nil {
		return nil, err
	}
	if m.Partner(actorID) == "" && !s.perms.CanCoordinate(actorID, p) {
		return nil, notFound(msgMatchNotFound, nil)
	}
	if m.Status != domain.MatchActive && m.Status != domain.MatchPaused {
		return nil, conflict("match_id", msgMatchNotLive, map[string]any{"Status": m.Status})
	}
	zone := s.zoneOf(actorID)
	spec, err := s.readSpec(p, in, zone)
	if err != nil {
		return nil, err
	}
	now := s.now()
	v := &domain.Session{
		ID: s.deps.NewID(), Kind: domain.SessionOfMatch, ProgramID: p.ID, TeamID: p.TeamID,
		MatchID: m.ID, ChannelID: m.ChannelID, OrganizerID: actorID,
		Participants: []string{m.MenteeID, m.MentorID},
		Title:        spec.title, Start: spec.start, DurationMinutes: spec.minutes, TimeZone: zone.String(),
		Recurrence: spec.recurrence, Where: spec.where, Location: spec.location, Agenda: spec.agenda,
		Status: domain.SessionScheduled, Responses: map[string]string{},
		CreatedBy: actorID, CreatedAt: now, UpdatedAt: now, LastChange: ChangeScheduled,
	}
	for _, id := range v.Participants {
		v.Responses[id] = domain.ResponsePending
	}
	if v.IsParticipant(actorID) {
		v.Responses[actorID] = domain.ResponseConfirmed
	}
	v.History = []domain.SessionEvent{{At: now, By: actorID, Action: ChangeScheduled, To: v.Start}}
	if err := s.create(v); err != nil {
		return nil, err
	}
	return s.Get(actorID, v.ID)
}

// matchFor finds the match a new session is for: named, or the pair channel
// the command was typed in.
func (s *Sessions) matchFor(actorID string, in ScheduleInput) (*domain.Match, error) {
	if in.MatchID == "" {
		return s.MatchOfChannel(actorID, in.ChannelID)
	}
	m, err := s.store.GetMatch(in.MatchID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound(msgMatchNotFound, nil)
	}
	return m, err
}

// createBooking creates an office-hours booking's session, idempotently by
// its id (the booking names it, so a retry after a crash finds it).
func (s *Sessions) createBooking(p *domain.Program, v *domain.Session) (*SessionView, error) {
	now := s.now()
	v.Kind, v.ProgramID, v.TeamID = domain.SessionBooking, p.ID, p.TeamID
	v.Status, v.LastChange, v.CreatedAt, v.UpdatedAt = domain.SessionScheduled, ChangeScheduled, now, now
	if v.CreatedBy == "" {
		v.CreatedBy = v.OrganizerID
	}
	v.Responses = map[string]string{}
	for _, id := range v.Participants {
		v.Responses[id] = domain.ResponseConfirmed // a booked slot needs no answer
	}
	v.History = []domain.SessionEvent{{At: now, By: v.OrganizerID, Action: ChangeScheduled, To: v.Start}}
	if err := s.create(v); err != nil {
		return nil, err
	}
	return s.view(v.OrganizerID, p, mustGet(s.store.GetSession(v.ID)))
}

func mustGet(v *domain.Session, err error) *domain.Session {
	if err != nil {
		return nil
	}
	return v
}

// Get returns a session with its coming and recent meetings.
func (s *Sessions) Get(actorID, sessionID string) (*SessionView, error) {
	v, p, err := s.loadFor(actorID, sessionID)
	if err != nil {
		return nil, err
	}
	return s.view(actorID, p, v)
}

// OfMatch returns a match's sessions of the last 90 days and to come.
func (s *Sessions) OfMatch(actorID, matchID string) ([]*SessionView, error) {
	m, p, err := s.matches.load(matchID)
	if err != nil {
		return nil, err
	}
	if m.Partner(actorID) == "" && !s.perms.CanCoordinate(actorID, p) {
		return nil, notFound(msgMatchNotFound, nil)
	}
	ids, err := s.store.MatchSessions(matchID, s.now().Add(-90*24*time.Hour))
	if err != nil {
		return nil, err
	}
	out := []*SessionView{}
	for _, id := range ids {
		v, err := s.store.GetSession(id)
		if errors.Is(err, store.ErrNotFound) {
			continue // an index entry written before a create that never committed
		}
		if err != nil {
			return nil, err
		}
		view, err := s.view(actorID, p, v)
		if err != nil {
			return nil, err
		}
		out = append(out, view)
	}
	slices.SortFunc(out, func(a, b *SessionView) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// Upcoming lists the actor's meetings between from and to, soonest first.
func (s *Sessions) Upcoming(actorID string, from, to time.Time, limit int) ([]OccurrenceView, error) {
	ids, err := s.store.UserSessions(actorID, from)
	if err != nil {
		return nil, err
	}
	out := []OccurrenceView{}
	for _, id := range ids {
		v, err := s.store.GetSession(id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !v.IsParticipant(actorID) || v.Status == domain.SessionCancelled {
			continue
		}
		for _, o := range occurrencesOf(v) {
			end := o.start.Add(v.Duration())
			if end.After(from) && o.start.Before(to) && !o.cancelled {
				out = append(out, s.occurrenceView(v, o, nil))
			}
		}
	}
	slices.SortFunc(out, func(a, b OccurrenceView) int { return a.Start.Compare(b.Start) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// errorOfParse turns a calendar parse failure into a message with examples
// that do parse.
func errorOfParse(field string, err error) error {
	var pe *calendar.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	return invalid(field, parseMessage(pe.Code), map[string]any{"Text": pe.Text, "Examples": examplesText()})
}
