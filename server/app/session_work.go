package app

import (
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Work a session owes besides the domain's (domain.Owe*).
const (
	oweProposed = "proposed" // tell the other participants about a proposed time
	oweSlot     = "slot"     // free the office-hours slot of a cancelled booking
)

// sessionSafetyNet is how long after a commit the scheduler checks that the
// session's owed work was done (a node may die right after the commit).
const sessionSafetyNet = 2 * time.Minute

// create commits a new session: the match's index first (a superset), then
// the safety net, then the session itself, then its owed work (the
// participants' indexes, the invites, the first reminders).
func (s *Sessions) create(p *domain.Program, v *domain.Session) error {
	v.Owed = []string{domain.OweUserList, domain.OweSchedule, domain.OweInvite}
	now := s.now()
	if v.MatchID != "" {
		if err := s.store.IndexMatchSession(v.MatchID, v.ID, lastEnd(v), now); err != nil {
			return err
		}
	}
	if err := s.safetyNet(v.ID); err != nil {
		return err
	}
	if _, err := s.store.CreateSession(v); err != nil {
		return err
	}
	return s.finish(v.ID)
}

func (s *Sessions) safetyNet(sessionID string) error {
	if s.deps.Scheduler == nil {
		return nil
	}
	id := "session-finish/" + sessionID + "/" + s.now().Format("200601021504")
	return s.deps.Scheduler.At(id, DueFinishSession, s.now().Add(sessionSafetyNet), sessionID)
}

// change commits a change to a session with compare-and-set: mutate edits it
// (and returns an error to refuse); the sequence goes up and the change's
// owed work (a new invite, new reminders) follows.
func (s *Sessions) change(sessionID string, owed []string, mutate func(v *domain.Session) error) (*domain.Session, error) {
	if len(owed) > 0 {
		if err := s.safetyNet(sessionID); err != nil {
			return nil, err
		}
	}
	v, err := s.store.UpdateSession(sessionID, func(v *domain.Session) error {
		if err := mutate(v); err != nil {
			return err
		}
		v.UpdatedAt = s.now()
		for _, work := range owed {
			if !v.Owes(work) {
				v.Owed = append(v.Owed, work)
			}
		}
		if len(v.History) > domain.MaxSessionHistory {
			v.History = v.History[len(v.History)-domain.MaxSessionHistory:]
		}
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound(msgSessionNotFound, nil)
	}
	if err != nil {
		return nil, err
	}
	if v.MatchID != "" {
		if err := s.store.IndexMatchSession(v.MatchID, v.ID, lastEnd(v), s.now()); err != nil {
			return nil, err
		}
	}
	if err := s.finish(sessionID); err != nil {
		return nil, err
	}
	return v, nil
}

// finish does the work a session owes after its last commit. Idempotent work
// (indexes, the scheduler's items, freeing a slot) is done and then struck
// off; messages are struck off (claimed) first and then sent, so a retry
// never sends them twice (store/kv.go, point 4).
func (s *Sessions) finish(sessionID string) error {
	for range 8 {
		v, p, err := s.load(sessionID)
		if err != nil {
			var appErr *Error
			if errors.As(err, &appErr) && appErr.Kind == KindNotFound {
				return nil
			}
			return err
		}
		if len(v.Owed) == 0 {
			return nil
		}
		work := v.Owed[0]
		switch work {
		case domain.OweUserList:
			for _, id := range v.Participants {
				if err := s.store.IndexUserSession(id, v.ID, lastEnd(v), s.now()); err != nil {
					return err
				}
			}
		case domain.OweSchedule:
			if err := s.rollFrom(v, s.now()); err != nil {
				return err
			}
		case oweSlot:
			if s.releaseSlot != nil {
				if err := s.releaseSlot(v); err != nil {
					return err
				}
			}
		}
		claimed, err := s.strike(v.ID, work)
		if err != nil {
			return err
		}
		if claimed != nil {
			s.announce(work, p, claimed)
		}
	}
	return nil
}

// strike removes work from the owed list; it returns the session as struck
// (nil when another node struck it first).
func (s *Sessions) strike(sessionID, work string) (*domain.Session, error) {
	won := false
	v, err := s.store.UpdateSession(sessionID, func(v *domain.Session) error {
		i := slices.Index(v.Owed, work)
		if i < 0 {
			won = false
			return store.ErrUnchanged
		}
		won = true
		v.Owed = slices.Delete(v.Owed, i, i+1)
		return nil
	})
	if err != nil || !won {
		return nil, err
	}
	return v, nil
}

// announce sends the messages of claimed work.
func (s *Sessions) announce(work string, p *domain.Program, v *domain.Session) {
	n := s.deps.Sessions
	if n == nil {
		return
	}
	switch work {
	case domain.OweInvite:
		data, err := s.inviteFile(v)
		if err != nil {
			data = nil // the DM still tells the change; the file is a convenience
		}
		for _, id := range v.Participants {
			n.Invite(p, v, id, data)
		}
	case oweProposed:
		if v.Proposal != nil {
			for _, id := range v.Participants {
				if id != v.Proposal.By {
					n.Proposed(p, v, id)
				}
			}
		}
	}
	n.Changed(p.ID, v.Participants...)
}

// inviteFile is the .ics of the invite DM: the whole event (REQUEST), its
// cancellation, or the cancellation of one occurrence.
func (s *Sessions) inviteFile(v *domain.Session) ([]byte, error) {
	ev := s.Event(v)
	if v.Status == domain.SessionCancelled {
		return calendar.Invite(ev, true)
	}
	if v.LastChange == ChangeOccurrence {
		if ex, ok := v.Exceptions[domain.OccurrenceKey(v.LastOccurrence)]; ok && ex.Cancelled {
			return calendar.CancelOccurrence(ev, v.LastOccurrence)
		}
	}
	return calendar.Invite(ev, false)
}

// HandleDue does one piece of a session's due work; an error leaves it due.
func (s *Sessions) HandleDue(kind, payload string) error {
	switch kind {
	case DueFinishSession:
		return s.finish(payload)
	case DueRollSession:
		return s.roll(payload)
	case DueRemindSession:
		return s.remind(payload)
	case DueFollowUp:
		return s.followUp(payload)
	case DueDigest:
		return s.digest(payload)
	}
	return errors.Errorf("unknown due work %q", kind)
}
