package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Health keeps each match's line in its program's health ledger
// (store/health.go) current. A line is recomputed whole from the
// authoritative records — the match, its sessions and their meetings, its
// goals and check-ins — so computing it twice, or late, gives the same line:
// a node that dies before recomputing leaves the line behind until the next
// change of the match (or its safety-net item) brings it up to date.
type Health struct{ base }

// DueHealthRefresh recomputes one match's line (the migration's backfill and
// the safety net of a change whose recomputation failed).
const DueHealthRefresh = "health.refresh"

// DueKinds are the kinds of due work Health handles.
func (s *Health) DueKinds() []string { return []string{DueHealthRefresh} }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Health) HandleDue(kind, payload string) error {
	if kind != DueHealthRefresh {
		return errors.Errorf("unknown due work %q", kind)
	}
	return s.Refresh(payload)
}

// Changed brings the match's ledger line up to date after a change; it never
// fails the caller. Two changes of one match on two nodes may recompute at
// once, and the slower may write a line that misses the other's change; so a
// recomputation is also put on the scheduler for the next minute (Later),
// which reads the records after both committed and settles the line.
func (s *Health) Changed(matchID string) {
	if matchID == "" {
		return
	}
	_ = s.Refresh(matchID)
	_ = s.Later(matchID)
}

// Later puts a recomputation of the match's line on the due-work scheduler,
// due at the start of the minute after next: one item per match and minute
// however many changes, and always due after the changes that asked for it
// committed. An action calls it before its commit, so even a node that dies
// right after the commit leaves the line to be brought up to date.
func (s *Health) Later(matchID string) error {
	if matchID == "" || s.deps.Scheduler == nil {
		return nil
	}
	due := s.deps.Now().UTC().Add(2 * time.Minute).Truncate(time.Minute)
	return s.deps.Scheduler.At("health/"+matchID+"/"+due.Format("200601021504"), DueHealthRefresh, due, matchID)
}

// Refresh recomputes the match's ledger line.
func (s *Health) Refresh(matchID string) error {
	m, err := s.store.GetMatch(matchID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if m.Status == domain.MatchDraft || m.Status == domain.MatchVoid {
		return nil // never became a match anyone saw
	}
	now := s.deps.Now().UTC()
	line := &domain.MatchHealth{
		MatchID: m.ID, ProgramID: m.ProgramID, MentorID: m.MentorID, MenteeID: m.MenteeID,
		Status: m.Status, Origin: m.Origin, Score: m.Score, ChannelID: m.ChannelID,
		CreatedAt: m.CreatedAt, ActivatedAt: m.ActivatedAt, EndedAt: m.EndedAt, EndReason: m.EndReason,
	}
	var lastRatingAt time.Time
	rate := func(rating int, at time.Time) {
		if rating < 1 || rating > 5 {
			return
		}
		line.RatingSum += rating
		line.RatingCount++
		if !at.Before(lastRatingAt) {
			line.LastRating, lastRatingAt = rating, at
		}
	}
	for _, survey := range m.Surveys {
		rate(survey.Rating, survey.At)
	}
	if err := s.addSessions(line, m, now, rate); err != nil {
		return err
	}
	if err := s.addGoals(line, m.ID); err != nil {
		return err
	}
	if err := s.addCheckIns(line, m.ID, now); err != nil {
		return err
	}
	_, err = s.store.UpdateMatchHealth(m.ProgramID, m.ID, func(cur *domain.MatchHealth, exists bool) error {
		// The chat activity and the last nudge are written by others.
		line.Activity, line.NudgedAt = cur.Activity, cur.NudgedAt
		line.UpdatedAt = cur.UpdatedAt
		if exists && sameHealth(cur, line) {
			return store.ErrUnchanged
		}
		line.UpdatedAt = now
		*cur = *line
		return nil
	})
	return err
}

// addSessions counts the meetings of the match's sessions: planned (started,
// not cancelled), held (someone attended), attendance marks and ratings.
func (s *Health) addSessions(line *domain.MatchHealth, m *domain.Match, now time.Time, rate func(int, time.Time)) error {
	ids, err := s.store.MatchSessions(m.ID, time.Time{})
	if err != nil {
		return err
	}
	trendFrom := now.AddDate(0, 0, -7*domain.HealthTrendWeeks)
	for _, id := range ids {
		v, err := s.store.GetSession(id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if v.MatchID != m.ID || v.Status == domain.SessionCancelled {
			continue
		}
		for _, o := range occurrencesOf(v) {
			if o.cancelled {
				continue
			}
			if o.start.After(now) {
				if line.NextSessionAt.IsZero() || o.start.Before(line.NextSessionAt) {
					line.NextSessionAt = o.start
				}
				continue
			}
			line.SessionsPlanned++
			rec, found, err := s.store.GetOccurrence(v.ID, o.orig)
			if err != nil {
				return err
			}
			held := false
			if found {
				for _, mark := range rec.Attendance {
					switch mark {
					case domain.AttendanceAttended:
						line.Attended++
						held = true
					case domain.AttendanceMissed:
						line.Missed++
					}
				}
				for _, fb := range rec.Feedback {
					rate(fb.Rating, fb.At)
				}
			}
			if !held {
				continue
			}
			line.SessionsHeld++
			if line.FirstSessionAt.IsZero() || o.start.Before(line.FirstSessionAt) {
				line.FirstSessionAt = o.start
			}
			if o.start.After(line.LastSessionAt) {
				line.LastSessionAt = o.start
			}
			if !o.start.Before(trendFrom) {
				line.HeldDays = append(line.HeldDays, o.start.UTC().Format(time.DateOnly))
			}
		}
	}
	slices.Sort(line.HeldDays)
	return nil
}

func (s *Health) addGoals(line *domain.MatchHealth, matchID string) error {
	goals, err := s.store.GetGoals(matchID)
	if err != nil {
		return err
	}
	for _, g := range goals.Goals {
		line.Goals++
		switch g.Status {
		case domain.GoalDone:
			line.GoalsDone++
			continue
		case domain.GoalDropped:
			line.GoalsDropped++
			continue
		case domain.GoalAtRisk:
			line.GoalsAtRisk++
		}
		line.OpenProgress = append(line.OpenProgress, g.Progress)
		moved := g.ProgressAt
		if moved.IsZero() {
			moved = g.CreatedAt
		}
		if line.StalledSince.IsZero() || moved.Before(line.StalledSince) {
			line.StalledSince = moved
		}
	}
	return nil
}

func (s *Health) addCheckIns(line *domain.MatchHealth, matchID string, now time.Time) error {
	checkIns, err := s.store.GetCheckIns(matchID)
	if err != nil {
		return err
	}
	from := now.AddDate(0, 0, -7*domain.HealthTrendWeeks)
	for _, round := range checkIns.Rounds {
		for _, a := range round.Answers {
			if !a.At.Before(from) {
				a.Note = "" // notes stay in the check-in record
				line.CheckIns = append(line.CheckIns, a)
			}
		}
	}
	slices.SortFunc(line.CheckIns, func(a, b domain.CheckInAnswer) int { return a.At.Compare(b.At) })
	return nil
}

// sameHealth reports whether two lines say the same (UpdatedAt aside), so an
// unchanged recomputation writes nothing.
func sameHealth(a, b *domain.MatchHealth) bool {
	x, y := *a, *b
	x.UpdatedAt, y.UpdatedAt = time.Time{}, time.Time{}
	return equalJSON(x, y)
}

func equalJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}
