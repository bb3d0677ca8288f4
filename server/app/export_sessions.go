package app

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// What became of one meeting, in the sessions table.
const (
	meetingUpcoming  = "upcoming"  // starts later
	meetingHeld      = "held"      // someone was marked attended
	meetingNotHeld   = "not_held"  // marked, and nobody attended
	meetingUnmarked  = "unmarked"  // started, no attendance given yet
	meetingCancelled = "cancelled" // called off, alone or with its session
)

// Feedback kinds, in the feedback table.
const (
	feedbackSession = "session"
	feedbackExit    = "exit"
)

var (
	sessionsHeader = []string{"match_id", "session_id", "occurrence", "start", "end", "state", "title", "where", "location", "recurring",
		"organizer_id", "organizer_username", "mentor_id", "mentor_username", "mentor_attendance", "mentee_id", "mentee_username", "mentee_attendance"}
	feedbackHeader = []string{"kind", "match_id", "session_id", "occurrence", "author_id", "author_username", "side", "rating", "text", "shared", "at"}
)

// meeting is one occurrence of a match's session as the exports see it; rec
// is its record (attendance, feedback) for a meeting that started, else nil.
type meeting struct {
	session *domain.Session
	o       occurrence
	state   string
	rec     *domain.Occurrence
}

// matchMeetings are the meetings of a match's sessions, in session start
// order, and (for the feedback table) its exit surveys.
type matchMeetings struct {
	meetings []meeting
	surveys  map[string]domain.Survey
}

// loadMeetings reads the meetings of the match's sessions. The work is
// bounded per match: one index read, one read per session, one per meeting
// that started (a series has at most calendar.MaxOccurrences). Sessions leave
// a match's index 90 days after their last meeting when a later session is
// indexed (store/sessions.go).
func (t *exportWriter) loadMeetings(h *domain.MatchHealth) (*matchMeetings, error) {
	ids, err := t.s.store.MatchSessions(h.MatchID, time.Time{})
	if err != nil {
		return nil, err
	}
	sessions := make([]*domain.Session, 0, len(ids))
	for _, id := range ids {
		v, err := t.s.store.GetSession(id)
		if errors.Is(err, store.ErrNotFound) {
			continue // the index is written before the session
		}
		if err != nil {
			return nil, err
		}
		if v.MatchID == h.MatchID && v.Kind == domain.SessionOfMatch {
			sessions = append(sessions, v)
		}
	}
	slices.SortFunc(sessions, func(a, b *domain.Session) int { return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID)) })
	out := &matchMeetings{}
	for _, v := range sessions {
		if out.meetings, err = t.sessionMeetings(v, out.meetings); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *exportWriter) sessionMeetings(v *domain.Session, out []meeting) ([]meeting, error) {
	cancelledAt := cancellation(v)
	for _, o := range occurrencesOf(v) {
		m := meeting{session: v, o: o}
		switch {
		case !cancelledAt.IsZero() && !o.start.Before(cancelledAt):
			// Called off with its whole session: a one-off shows as
			// cancelled; a series simply ends there.
			if v.Recurrence != "" {
				return out, nil
			}
			m.state = meetingCancelled
		case o.cancelled:
			m.state = meetingCancelled
		case o.start.After(t.now):
			m.state = meetingUpcoming
		default:
			rec, _, err := t.s.store.GetOccurrence(v.ID, o.orig)
			if err != nil {
				return nil, err
			}
			m.rec, m.state = rec, attendanceState(rec)
		}
		out = append(out, m)
	}
	return out, nil
}

// cancellation is when a cancelled session was cancelled (zero when it was
// not): its meetings before then happened as planned.
func cancellation(v *domain.Session) time.Time {
	if v.Status != domain.SessionCancelled {
		return time.Time{}
	}
	for i := len(v.History) - 1; i >= 0; i-- {
		if e := v.History[i]; e.Action == ChangeCancelled && e.Occurrence.IsZero() {
			return e.At
		}
	}
	return v.UpdatedAt // the history is bounded; the cancellation was the last change
}

func attendanceState(rec *domain.Occurrence) string {
	if len(rec.Attendance) == 0 {
		return meetingUnmarked
	}
	for _, a := range rec.Attendance {
		if a == domain.AttendanceAttended {
			return meetingHeld
		}
	}
	return meetingNotHeld
}

func (t *exportWriter) sessions() error {
	if err := t.loadNames(); err != nil {
		return err
	}
	lines, err := t.activeLedger()
	if err != nil {
		return err
	}
	if err := t.sheet.header(sessionsHeader...); err != nil {
		return err
	}
	return inOrder(lines, t.loadMeetings, func(i int, mm *matchMeetings) error {
		t.namesAhead(lines, i)
		h := lines[i]
		for _, m := range mm.meetings {
			v := m.session
			var attendance map[string]string
			if m.rec != nil {
				attendance = m.rec.Attendance
			}
			err := t.sheet.row(h.MatchID, v.ID, csvTime(m.o.orig), csvTime(m.o.start), csvTime(m.o.start.Add(v.Duration())), m.state,
				v.Title, v.Where, v.Location, csvBool(v.Recurrence != ""), v.OrganizerID, t.names.username(v.OrganizerID),
				h.MentorID, t.names.username(h.MentorID), attendance[h.MentorID],
				h.MenteeID, t.names.username(h.MenteeID), attendance[h.MenteeID])
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *exportWriter) feedback() error {
	if err := t.loadNames(); err != nil {
		return err
	}
	lines, err := t.activeLedger()
	if err != nil {
		return err
	}
	if err := t.sheet.header(feedbackHeader...); err != nil {
		return err
	}
	load := func(h *domain.MatchHealth) (*matchMeetings, error) {
		mm, err := t.loadMeetings(h)
		if err != nil {
			return nil, err
		}
		mm.surveys, err = t.exitSurveys(h)
		return mm, err
	}
	return inOrder(lines, load, func(i int, mm *matchMeetings) error {
		t.namesAhead(lines, i)
		h := lines[i]
		for _, m := range mm.meetings {
			if m.rec == nil {
				continue
			}
			for _, author := range authors(h, m.rec.Feedback) {
				f := m.rec.Feedback[author]
				if err := t.feedbackRow(feedbackSession, h, m.session.ID, csvTime(m.o.orig), author, f.Rating, f.Text, f.Shared, f.At); err != nil {
					return err
				}
			}
		}
		for _, author := range authors(h, mm.surveys) {
			sv := mm.surveys[author]
			if err := t.feedbackRow(feedbackExit, h, "", "", author, sv.Rating, sv.Text, sv.Shared, sv.At); err != nil {
				return err
			}
		}
		return nil
	})
}

// exitSurveys reads the exit surveys of an ended match (kept in the match
// record; one read, only for matches that ended).
func (t *exportWriter) exitSurveys(h *domain.MatchHealth) (map[string]domain.Survey, error) {
	if h.Status != domain.MatchCompleted && h.Status != domain.MatchCancelled {
		return nil, nil
	}
	match, err := t.s.store.GetMatch(h.MatchID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return match.Surveys, nil
}

func (t *exportWriter) feedbackRow(kind string, h *domain.MatchHealth, sessionID, occurrence, author string, rating int, text string, shared bool, at time.Time) error {
	return t.sheet.row(kind, h.MatchID, sessionID, occurrence, author, t.names.username(author), sideOf(h, author),
		csvInt(rating), text, csvBool(shared), csvTime(at))
}

// authors orders the keys of per-author answers: the mentor, the mentee, then
// anyone else by id.
func authors[V any](h *domain.MatchHealth, byAuthor map[string]V) []string {
	out := make([]string, 0, len(byAuthor))
	for id := range byAuthor {
		out = append(out, id)
	}
	rank := func(id string) int {
		switch id {
		case h.MentorID:
			return 0
		case h.MenteeID:
			return 1
		}
		return 2
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	return out
}
