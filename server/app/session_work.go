package app

import (
	"fmt"
	"slices"
	"strings"
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
func (s *Sessions) create(v *domain.Session) error {
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
	// The session is committed: what it still owes when finish fails (a DM
	// that could not go) is finished by the safety net, not the caller.
	_ = s.finish(v.ID)
	return nil
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
	_ = s.finish(sessionID) // committed; the safety net finishes what fails here
	return v, nil
}

// finish does the work a session owes after its last commit. Each piece is
// done for the version of the session it read and struck off only if the
// session is still that version: a change committed meanwhile owes it again,
// and the next round does it for the new version. Indexes, the scheduler's
// items and freeing a slot are idempotent; each invite and proposal DM is
// claimed per recipient and sent exactly once (sendOnce).
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
			s.healthChanged(v)
			return nil
		}
		work := v.Owed[0]
		if err := s.doOwed(work, p, v); err != nil {
			return err
		}
		if err := s.strike(v, work); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sessions) doOwed(work string, p *domain.Program, v *domain.Session) error {
	switch work {
	case domain.OweUserList:
		for _, id := range v.Participants {
			if err := s.store.IndexUserSession(id, v.ID, lastEnd(v), s.now()); err != nil {
				return err
			}
		}
	case domain.OweSchedule:
		return s.rollFrom(v, s.now())
	case oweSlot:
		if s.releaseSlot != nil {
			return s.releaseSlot(v)
		}
	case domain.OweInvite:
		return s.sendInvites(p, v)
	case oweProposed:
		return s.sendProposal(p, v)
	}
	return nil
}

// strike removes work done for version v of the session, unless the session
// changed since.
func (s *Sessions) strike(v *domain.Session, work string) error {
	_, err := s.store.UpdateSession(v.ID, func(cur *domain.Session) error {
		i := slices.Index(cur.Owed, work)
		if i < 0 || !cur.UpdatedAt.Equal(v.UpdatedAt) {
			return store.ErrUnchanged
		}
		cur.Owed = slices.Delete(cur.Owed, i, i+1)
		keep := sentPrefix(work, cur)
		for key := range cur.Sent {
			if strings.HasPrefix(key, work+"/") && !strings.HasPrefix(key, keep) {
				delete(cur.Sent, key) // marks of older versions: done with
			}
		}
		return nil
	})
	return err
}

// sentPrefix is the prefix of the current version's marks of a kind of work.
func sentPrefix(work string, v *domain.Session) string {
	if work == oweProposed && v.Proposal != nil {
		return fmt.Sprintf("%s/%d/", work, v.Proposal.At.Unix())
	}
	return fmt.Sprintf("%s/%d/", work, v.Sequence)
}

// sendInvites sends each participant the invite, change or cancellation with
// its .ics.
func (s *Sessions) sendInvites(p *domain.Program, v *domain.Session) error {
	n := s.deps.Sessions
	if n == nil {
		return nil
	}
	data, err := s.inviteFile(v)
	if err != nil {
		data = nil // the DM still tells the change; the file is a convenience
	}
	for _, id := range v.Participants {
		key := sentPrefix(domain.OweInvite, v) + id
		if err := s.sendOnce(sessionMarks{s.store, v.ID}, key, id, v.ID+"/"+key, func(postKey string) string {
			return n.Invite(p, v, id, data, postKey)
		}); err != nil {
			return err
		}
	}
	n.Changed(p.ID, v.Participants...)
	return nil
}

// sendProposal tells the other participants about a proposed time.
func (s *Sessions) sendProposal(p *domain.Program, v *domain.Session) error {
	n := s.deps.Sessions
	if n == nil || v.Proposal == nil {
		return nil
	}
	for _, id := range v.Participants {
		if id == v.Proposal.By {
			continue
		}
		key := sentPrefix(oweProposed, v) + id
		if err := s.sendOnce(sessionMarks{s.store, v.ID}, key, id, v.ID+"/"+key, func(postKey string) string {
			return n.Proposed(p, v, id, postKey)
		}); err != nil {
			return err
		}
	}
	n.Changed(p.ID, v.Participants...)
	return nil
}

// sessionMarks keeps marks in the session record (Session.Sent).
type sessionMarks struct {
	st        *store.Store
	sessionID string
}

func (m sessionMarks) update(key string, mutate func(mark *domain.NudgeMark, exists bool) error) error {
	_, err := m.st.UpdateSession(m.sessionID, func(v *domain.Session) error {
		mark, exists := v.Sent[key]
		if err := mutate(&mark, exists); err != nil {
			return err
		}
		if v.Sent == nil {
			v.Sent = map[string]domain.NudgeMark{}
		}
		if mark.ClaimedAt.IsZero() && mark.Outcome == "" {
			delete(v.Sent, key)
		} else {
			v.Sent[key] = mark
		}
		return nil
	})
	return err
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
