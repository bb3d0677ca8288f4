package app

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Each committed goal update owes a card in the pair's channel and an edit of
// the pinned summary. The card is written into the goals document by the
// update itself (MatchGoals.Cards, an outbox), so a committed update can never
// lose its card; posting it is delivery's job, right after the commit and,
// if the node died, from the safety net a minute later.
//
// Exactly once, on any number of nodes:
//   - one node at a time delivers a match's cards: a lease in
//     Marks["deliver"], so cards go in order and the summary never steps back
//     to an older state;
//   - each card, and the summary's first post, is claimed in Marks before it
//     is posted and struck off after; a claim found by the next delivery was
//     left by a node that died around the post, so the channel is searched
//     for the post (marked with its key) before posting again.
//
// A summary edit rewrites the post with the goals as they are, so doing it
// twice is harmless; SummarySeq records the update it shows.

// DueGoalCards is the safety net's due work: deliver what a match still owes.
const DueGoalCards = "goal.cards"

const (
	// goalSafetyNet is how long after a commit the safety net runs.
	goalSafetyNet = time.Minute
	// maxOwedCards bounds the outbox of a match whose channel cannot be
	// posted to; the oldest cards go first.
	maxOwedCards = 50
	// cardGiveUp drops a card that could not be posted for this long: a day
	// late it is not news, and the summary tells the state anyway.
	cardGiveUp = 24 * time.Hour
	// deliverRounds bounds one delivery: updates committed meanwhile are
	// picked up by the rounds, or by their own delivery and safety net.
	deliverRounds = 4
)

// endedGiveUp: a match that ended (just after an update) may have its channel
// archived; what cannot be posted there any more is dropped rather than
// retried for ever.

const (
	markDeliver = "deliver"
	markSummary = "summary"
)

func cardMark(seq int) string { return "card/" + strconv.Itoa(seq) }

// DueKinds are the kinds of due work Goals handles.
func (s *Goals) DueKinds() []string { return []string{DueGoalCards} }

// HandleDue runs one due item of a kind in DueKinds; an error leaves it due.
func (s *Goals) HandleDue(kind, payload string) error {
	if kind != DueGoalCards {
		return errors.Errorf("unknown due work %q", kind)
	}
	err := s.deliver(payload)
	var busy busyUntil
	if errors.As(err, &busy) {
		// Another node delivers: look again when its lease lapses (if it died,
		// its work is taken over then).
		return s.deps.Scheduler.At(fmt.Sprintf("goal-cards/%s/after-claim/%d", payload, busy.at.Unix()), DueGoalCards, busy.at, payload)
	}
	return err
}

// safetyNet puts the delivery of a match's cards on the scheduler, before a
// commit that will owe one (one item per match and minute).
func (s *Goals) safetyNet(matchID string, now time.Time) error {
	if s.deps.Scheduler == nil {
		return nil
	}
	id := "goal-cards/" + matchID + "/" + now.Format("200601021504")
	return s.deps.Scheduler.At(id, DueGoalCards, now.Add(goalSafetyNet), matchID)
}

// owes reports whether a match's goals owe a card or a summary edit.
func owes(g *domain.MatchGoals) bool { return len(g.Cards) > 0 || g.SummarySeq < g.Seq }

// deliver posts the cards a match owes and brings its summary up to date.
func (s *Goals) deliver(matchID string) error {
	n := s.deps.Goals
	if n == nil {
		return nil
	}
	for range deliverRounds {
		g, err := s.store.GetGoals(matchID)
		if err != nil || !owes(g) {
			return err
		}
		m, p, err := s.matches.load(matchID)
		if err != nil {
			return err
		}
		claimedAt, err := s.lease(matchID)
		if err != nil {
			return err
		}
		err = s.work(n, p, m)
		// Released even after a failure, so the retry need not wait out the
		// lease (a release that fails lapses by itself); only this node's own
		// lease, not one another node took after it lapsed.
		releaseErr := s.updateMark(matchID, markDeliver, func(mark *domain.NudgeMark, exists bool) markAction {
			if exists && mark.ClaimedAt.Equal(claimedAt) {
				return markRemove
			}
			return markKeep
		})
		if err == nil {
			err = releaseErr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// lease claims the match's delivery for this node and returns the claim's
// time, or reports busyUntil.
func (s *Goals) lease(matchID string) (time.Time, error) {
	now := s.now()
	var c markClaim
	err := s.updateMark(matchID, markDeliver, func(mark *domain.NudgeMark, exists bool) markAction {
		if c = claimMark(mark, exists, now); c.busy {
			return markKeep
		}
		return markSet
	})
	if err != nil {
		return time.Time{}, err
	}
	if c.busy {
		return time.Time{}, busyUntil{at: c.claimedAt.Add(nudgeLease + time.Second)}
	}
	return now, nil
}

// What updateMark does with a mark after looking at it.
type markAction int

const (
	markKeep   markAction = iota // leave it as it was: write nothing
	markSet                      // write it as changed
	markRemove                   // delete it
)

// updateMark changes one mark of a match's goals.
func (s *Goals) updateMark(matchID, key string, decide func(mark *domain.NudgeMark, exists bool) markAction) error {
	_, err := s.store.UpdateGoals(matchID, func(g *domain.MatchGoals) error {
		mark, exists := g.Marks[key]
		switch decide(&mark, exists) {
		case markSet:
			if g.Marks == nil {
				g.Marks = map[string]domain.NudgeMark{}
			}
			g.Marks[key] = mark
		case markRemove:
			if !exists {
				return store.ErrUnchanged
			}
			delete(g.Marks, key)
		default:
			return store.ErrUnchanged
		}
		return nil
	})
	return err
}

func removeMark(*domain.NudgeMark, bool) markAction { return markRemove }

// work does, under the lease, what the match owes: its cards in order, then
// the summary.
func (s *Goals) work(n GoalNotifier, p *domain.Program, m *domain.Match) error {
	g, err := s.store.GetGoals(m.ID)
	if err != nil {
		return err
	}
	if m.ChannelID == "" {
		// No pair channel (the program keeps none): nothing to post into.
		_, err := s.store.UpdateGoals(m.ID, func(g *domain.MatchGoals) error {
			g.Cards, g.SummarySeq = nil, g.Seq
			return nil
		})
		return err
	}
	for _, card := range g.Cards {
		if err := s.postCard(n, p, m, g, card); err != nil {
			return err
		}
	}
	return s.summarize(n, p, m)
}

// postCard posts one card exactly once and strikes it off the outbox.
func (s *Goals) postCard(n GoalNotifier, p *domain.Program, m *domain.Match, g *domain.MatchGoals, card domain.GoalCard) error {
	now := s.now()
	if now.Sub(card.At) > cardGiveUp {
		return s.strikeCard(m.ID, card.Seq)
	}
	markKey, postKey := cardMark(card.Seq), m.ID+"/goal-card/"+strconv.Itoa(card.Seq)
	postID, err := s.findLeftPost(n, m, g, markKey, postKey)
	if err != nil {
		return err
	}
	if postID == "" {
		if err := s.claim(m.ID, markKey, now); err != nil {
			return err
		}
		if postID = n.Card(p, m, card, postKey); postID == "" {
			_ = s.updateMark(m.ID, markKey, removeMark)
			if m.Ended() {
				return s.strikeCard(m.ID, card.Seq) // see endedGiveUp
			}
			return errors.Errorf("the goal card %d of match %s could not be posted", card.Seq, m.ID)
		}
	}
	return s.strikeCard(m.ID, card.Seq)
}

// findLeftPost looks for the post of a claim a node left behind (it died
// between claiming and striking off): "" when there is no claim or no post.
func (s *Goals) findLeftPost(n GoalNotifier, m *domain.Match, g *domain.MatchGoals, markKey, postKey string) (string, error) {
	mark, exists := g.Marks[markKey]
	if !exists {
		return "", nil
	}
	postID, err := n.FindPost(m.ChannelID, postKey, mark.ClaimedAt.Add(-time.Second))
	if err != nil {
		return "", errors.Wrap(err, "cannot tell whether the post went") // try later rather than twice
	}
	return postID, nil
}

func (s *Goals) claim(matchID, markKey string, now time.Time) error {
	return s.updateMark(matchID, markKey, func(mark *domain.NudgeMark, _ bool) markAction {
		*mark = domain.NudgeMark{ClaimedAt: now}
		return markSet
	})
}

// strikeCard removes a posted card and its claim in one write.
func (s *Goals) strikeCard(matchID string, seq int) error {
	_, err := s.store.UpdateGoals(matchID, func(g *domain.MatchGoals) error {
		i := slices.IndexFunc(g.Cards, func(c domain.GoalCard) bool { return c.Seq == seq })
		_, marked := g.Marks[cardMark(seq)]
		if i < 0 && !marked {
			return store.ErrUnchanged
		}
		if i >= 0 {
			g.Cards = slices.Delete(g.Cards, i, i+1)
		}
		delete(g.Marks, cardMark(seq))
		return nil
	})
	return err
}

// summarize posts the pinned summary the first time (exactly once, like a
// card) and edits it after each update.
func (s *Goals) summarize(n GoalNotifier, p *domain.Program, m *domain.Match) error {
	g, err := s.store.GetGoals(m.ID)
	if err != nil || g.SummarySeq >= g.Seq {
		return err
	}
	if g.SummaryPostID != "" {
		gone, err := n.EditSummary(p, m, g, g.SummaryPostID)
		if err != nil && m.Ended() {
			return s.summarized(m.ID, g.SummaryPostID, g.Seq, false) // see endedGiveUp
		}
		if err != nil {
			return err
		}
		return s.summarized(m.ID, g.SummaryPostID, g.Seq, gone)
	}
	postKey := m.ID + "/goal-summary"
	postID, err := s.findLeftPost(n, m, g, markSummary, postKey)
	if err != nil {
		return err
	}
	if postID != "" {
		// The dead node's summary shows an older state: adopt it, and let the
		// next round edit it.
		return s.summarized(m.ID, postID, 0, false)
	}
	if err := s.claim(m.ID, markSummary, s.now()); err != nil {
		return err
	}
	if postID = n.Summary(p, m, g, postKey); postID == "" {
		_ = s.updateMark(m.ID, markSummary, removeMark)
		if m.Ended() {
			return s.summarized(m.ID, "", g.Seq, false) // see endedGiveUp
		}
		return errors.Errorf("the goal summary of match %s could not be posted", m.ID)
	}
	return s.summarized(m.ID, postID, g.Seq, false)
}

// summarized records the summary post and the update it shows; a summary
// found gone is forgotten, so the next round posts a new one.
func (s *Goals) summarized(matchID, postID string, seq int, gone bool) error {
	_, err := s.store.UpdateGoals(matchID, func(g *domain.MatchGoals) error {
		delete(g.Marks, markSummary)
		switch {
		case gone && g.SummaryPostID == postID:
			g.SummaryPostID, g.SummarySeq = "", 0
		case gone:
			return store.ErrUnchanged
		default:
			g.SummaryPostID = postID
			g.SummarySeq = max(g.SummarySeq, seq)
		}
		return nil
	})
	return err
}
