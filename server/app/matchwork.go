package app

import (
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Kinds of due work the matching flows put on the scheduler. The payload of
// each is the match id (publish: the program id).
const (
	DueFinishMatch   = "match.finish"   // do whatever a match still owes (a node died mid-action)
	DueExpireMatch   = "match.expire"   // close an unanswered request or proposal
	DueRemindMatch   = "match.remind"   // remind whoever has not answered yet
	DueArchiveMatch  = "match.archive"  // archive an ended pair's channel after the retention days
	DueResumePublish = "preview.resume" // finish publishing a preview whose publisher died
)

// safetyNetDelay is when the scheduler checks a match an action is changing:
// after any action that was running has long finished, so a match that still
// owes work then was left by a node that died.
const safetyNetDelay = 2 * reservationLease

// safetyNet schedules the check that completes what a match owes if this node
// dies before doing it. It is scheduled before the commit that records the
// debt: a check that finds nothing owed does nothing.
func (s *Matches) safetyNet(matchID string) error {
	return s.schedule("finish/"+matchID, DueFinishMatch, s.now().Add(safetyNetDelay), matchID)
}

func (s *Matches) schedule(id, kind string, at time.Time, payload string) error {
	if s.deps.Scheduler == nil {
		return nil
	}
	return s.deps.Scheduler.At(id, kind, at, payload)
}

// HandleDue does one piece of due work (see the Due* kinds); an error leaves it
// due for the next sweep.
func (s *Matches) HandleDue(kind, payload string) error {
	switch kind {
	case DueFinishMatch:
		return s.finish(payload)
	case DueExpireMatch:
		return s.expire(payload)
	case DueRemindMatch:
		return s.remind(payload)
	case DueArchiveMatch:
		return s.archive(payload)
	case DueResumePublish:
		return s.resumePublish(payload)
	}
	return errors.Errorf("unknown due work %q", kind)
}

// finish does the work the match owes after its last commit, in order, each
// piece claimed with compare-and-set before it is done (store/kv.go, point 4).
// The pair's channel is not claimed but ensured: creating it is idempotent.
func (s *Matches) finish(matchID string) error {
	for range 10 { // at most one round per kind of work
		m, err := s.store.GetMatch(matchID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(m.Owed) == 0 {
			if s.afterSettle != nil {
				return s.afterSettle(m)
			}
			return nil
		}
		p, err := s.store.GetProgram(m.ProgramID)
		if err != nil {
			return err
		}
		work := m.Owed[0]
		switch work {
		case domain.OweChannel:
			if err := s.ensureChannel(p, m); err != nil {
				return err
			}
			continue
		case domain.OweBlock:
			if err := s.blockPair(p, m); err != nil {
				return err
			}
			continue
		case domain.OweRelist:
			// Idempotent, so done before it is struck off: a node that dies
			// here leaves it for the safety net.
			if err := s.settlePlaces(p, m); err != nil {
				return err
			}
			if _, err := s.claim(m.ID, domain.OweRelist); err != nil {
				return err
			}
			continue
		}
		claimed, err := s.claim(matchID, work)
		if err != nil {
			return err
		}
		if claimed != nil {
			s.do(work, p, claimed)
		}
	}
	return nil
}

// settlePlaces makes both enrollments and roster entries agree with the
// match's state after a commit: an active match no longer waits in the request
// lists; a closed or ended one holds no place at all (and an ended one is
// recorded among both people's ended matches).
func (s *Matches) settlePlaces(p *domain.Program, m *domain.Match) error {
	if m.Live() {
		if err := s.release(p.ID, m.MenteeID, requestSide, m.ID, nil); err != nil {
			return err
		}
		if err := s.release(p.ID, m.MentorID, incomingSide, m.ID, nil); err != nil {
			return err
		}
	} else {
		ended := m.Status == domain.MatchCompleted || m.Status == domain.MatchCancelled
		var menteeRef, mentorRef *domain.MatchRef
		if ended {
			menteeRef = &domain.MatchRef{ID: m.ID, At: m.EndedAt, With: m.MentorID}
			mentorRef = &domain.MatchRef{ID: m.ID, At: m.EndedAt, With: m.MenteeID}
		}
		for _, step := range []struct {
			user string
			sd   side
			ref  *domain.MatchRef
		}{{m.MenteeID, menteeSide, menteeRef}, {m.MentorID, mentorSide, mentorRef}, {m.MenteeID, requestSide, nil}, {m.MentorID, incomingSide, nil}} {
			if err := s.release(p.ID, step.user, step.sd, m.ID, step.ref); err != nil {
				return err
			}
		}
	}
	if err := s.enrollments.relist(p.ID, m.MenteeID); err != nil {
		return err
	}
	return s.enrollments.relist(p.ID, m.MentorID)
}

// blockPair keeps the pair apart (idempotent, so done before it is struck
// off), then brings both roster entries up to date for batch matching.
func (s *Matches) blockPair(p *domain.Program, m *domain.Match) error {
	if err := s.block(m); err != nil {
		return err
	}
	_ = s.enrollments.relist(p.ID, m.MenteeID)
	_ = s.enrollments.relist(p.ID, m.MentorID)
	_, err := s.claim(m.ID, domain.OweBlock)
	return err
}

// claim removes work from the match's debts; it returns the match as claimed,
// or nil when another node claimed it first.
func (s *Matches) claim(matchID, work string) (*domain.Match, error) {
	won := false
	m, err := s.store.UpdateMatch(matchID, func(cur *domain.Match) error {
		won = false
		if !cur.Owes(work) {
			return store.ErrUnchanged
		}
		cur.Owed = slices.DeleteFunc(slices.Clone(cur.Owed), func(w string) bool { return w == work })
		won = true
		return nil
	})
	if err != nil || !won {
		return nil, err
	}
	return m, nil
}

func (s *Matches) ensureChannel(p *domain.Program, m *domain.Match) error {
	if s.deps.Channels == nil {
		_, err := s.claim(m.ID, domain.OweChannel)
		return err
	}
	channelID, err := s.deps.Channels.EnsurePairChannel(p, m, s.settings(p).PairChannel)
	if err != nil {
		return err
	}
	// The pointer lets the chat hook's flush tell a pair channel's match
	// (activity.go); written before the match records the channel.
	if err := s.store.PutPairChannel(channelID, p.ID, m.ID); err != nil {
		return err
	}
	_, err = s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
		if !cur.Owes(domain.OweChannel) && cur.ChannelID != "" {
			return store.ErrUnchanged
		}
		cur.ChannelID = channelID
		cur.Owed = slices.DeleteFunc(slices.Clone(cur.Owed), func(w string) bool { return w == domain.OweChannel })
		return nil
	})
	return err
}

// do sends what one claimed piece of work says.
func (s *Matches) do(work string, p *domain.Program, m *domain.Match) {
	n := s.deps.Matches
	if n == nil {
		return
	}
	switch work {
	case domain.OweProposal:
		s.recordPosts(m.ID, map[string]string{
			m.MenteeID: n.Proposal(p, m, m.MenteeID),
			m.MentorID: n.Proposal(p, m, m.MentorID),
		})
	case domain.OweRequest:
		s.recordPosts(m.ID, map[string]string{m.MentorID: n.RequestSent(p, m)})
	case domain.OweIntro:
		goals := ""
		if e := s.enrollmentOf(p.ID, m.MenteeID); e != nil {
			goals = e.Goals
		}
		n.Introduce(p, m, goals)
	case domain.OweDecided:
		n.Decided(p, m)
	case domain.OweRefused:
		n.Refused(p, m, s.nextSuggestions(p, m.MenteeID))
	case domain.OweEnded:
		n.Ended(p, m)
		s.retain(p, m)
		if s.afterEnd != nil {
			s.afterEnd(p, m)
		}
	}
	s.changed(p, m)
}

func (s *Matches) recordPosts(matchID string, posts map[string]string) {
	_, _ = s.store.UpdateMatch(matchID, func(cur *domain.Match) error {
		if cur.Posts == nil {
			cur.Posts = map[string]string{}
		}
		for user, post := range posts {
			if post != "" {
				cur.Posts[user] = post
			}
		}
		return nil
	})
}

// retain archives an ended pair's channel per the program's retention setting.
func (s *Matches) retain(p *domain.Program, m *domain.Match) {
	if m.ChannelID == "" || s.deps.Channels == nil {
		return
	}
	// Archiving after some days was scheduled with the end (endMatch).
	if s.settings(p).Retention == domain.RetainArchiveNow {
		_ = s.deps.Channels.ArchiveChannel(m.ChannelID)
	}
}

func (s *Matches) archive(matchID string) error {
	m, err := s.store.GetMatch(matchID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || m.ChannelID == "" || s.deps.Channels == nil {
		return err
	}
	if m.Status == domain.MatchActive || m.Status == domain.MatchPaused {
		return nil // re-activated meanwhile: keep the channel
	}
	return s.deps.Channels.ArchiveChannel(m.ChannelID)
}

// expire closes a request or proposal nobody answered in time.
func (s *Matches) expire(matchID string) error {
	m, p, err := s.load(matchID)
	if err != nil {
		var appErr *Error
		if errors.As(err, &appErr) {
			return nil // gone
		}
		return err
	}
	if !m.Open() || s.now().Before(m.ExpiresAt) {
		return nil
	}
	_, err = s.close(p, m.ID, domain.MatchExpired, "", "")
	var appErr *Error
	if errors.As(err, &appErr) {
		return nil // answered meanwhile
	}
	return err
}

// remind tells whoever has not answered an open request or proposal that it
// expires soon.
func (s *Matches) remind(matchID string) error {
	m, p, err := s.load(matchID)
	if err != nil {
		var appErr *Error
		if errors.As(err, &appErr) {
			return nil
		}
		return err
	}
	if !m.Open() || s.deps.Matches == nil {
		return nil
	}
	claimed := false
	m, err = s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
		claimed = false
		if !cur.Open() || !cur.RemindedAt.IsZero() {
			return store.ErrUnchanged
		}
		cur.RemindedAt, claimed = s.now(), true
		return nil
	})
	if err != nil || !claimed {
		return err
	}
	s.deps.Matches.RequestReminder(p, m)
	return nil
}

// scheduleExpiry puts the expiry of an open request or proposal, and the
// reminder before it, on the scheduler.
func (s *Matches) scheduleExpiry(p *domain.Program, m *domain.Match) error {
	if err := s.schedule("expire/"+m.ID, DueExpireMatch, m.ExpiresAt, m.ID); err != nil {
		return err
	}
	remindAt := m.ExpiresAt.Add(-s.settings(p).ReminderBefore())
	if remindAt.After(s.now()) {
		return s.schedule("remind/"+m.ID, DueRemindMatch, remindAt, m.ID)
	}
	return nil
}
