package app

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store/kvtest"
)

// A goal update writes the goals document (the change and its card), then
// delivers: the lease, a claim per card, the post, the strike, the summary.
// The node dies at each of those KV calls in turn; the safety net then runs
// (minutes later, as the scheduler would). Whatever was committed gets
// exactly one card, and the match exactly one pinned summary, up to date.
func TestAGoalUpdateKilledAtEveryKVCallPostsEachCardOnce(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(w *goalWorld) string
		act   func(w *goalWorld, goalID string) error
	}{
		{
			name:  "first goal (creates the summary)",
			setup: func(*goalWorld) string { return "" },
			act: func(w *goalWorld, _ string) error {
				_, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Learn Go", Milestones: []string{"Tour"}})
				return err
			},
		},
		{
			name: "an update (edits the summary)",
			setup: func(w *goalWorld) string {
				g, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Learn Go", Milestones: []string{"Tour"}})
				require.NoError(w.t, err)
				return g.ID
			},
			act: func(w *goalWorld, goalID string) error {
				_, err := w.Goals.Update("ana", w.match.ID, goalID, GoalPatch{DoneMilestones: []string{"1"}, Note: ptr("Nice")})
				return err
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			kv := kvtest.NewDying()
			w := newGoalWorldOn(t, kv)
			id := c.setup(w)
			before := kv.Calls()
			require.NoError(t, c.act(w, id))
			total := kv.Calls() - before
			t.Logf("%s makes %d KV calls; the node dies at each in turn", c.name, total)
			w.requireDelivered()

			for dieAt := 1; dieAt <= total; dieAt++ {
				kv := kvtest.NewDying()
				w := newGoalWorldOn(t, kv)
				id := c.setup(w)
				seq := w.doc().Seq
				kv.DieAt(dieAt)
				_ = c.act(w, id) // dies somewhere inside
				kv.Revive()
				w.settleGoals()
				w.requireDelivered()
				if committed := w.doc().Seq > seq; committed {
					require.Len(t, w.goals.cards(), seq+1, "died at call %d of %d", dieAt, total)
				}
			}
		})
	}
}

// A node that died holding the delivery lease, or between posting a card and
// striking it off, leaves its claims: the next delivery waits for the lease
// to lapse, then finds the post in the channel instead of posting it again.
func TestADeadNodesClaimsAreTakenOverWithoutDoublePosts(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Learn Go"})
	require.NoError(t, err)
	w.requireDelivered()

	// The next update is committed, its card posted, and the node dies
	// before striking it off: the card and both claims stay.
	w.goals.fail = true
	_, err = w.Goals.Update("bob", m.ID, goal.ID, GoalPatch{Progress: ptr(30)})
	require.NoError(t, err)
	w.goals.fail = false
	now := w.deps.Now()
	_, err = w.store.UpdateGoals(m.ID, func(g *domain.MatchGoals) error {
		g.Marks = map[string]domain.NudgeMark{markDeliver: {ClaimedAt: now}, cardMark(2): {ClaimedAt: now}}
		return nil
	})
	require.NoError(t, err)
	w.goals.add(m.ChannelID, m.ID+"/goal-card/2", "2 bob progress Learn Go 30% on_track", false)

	require.NoError(t, w.Goals.HandleDue(DueGoalCards, m.ID), "busy: put off until the lease lapses")
	require.Len(t, w.goals.cards(), 2)
	require.True(t, w.due.has(DueGoalCards))
	w.settleGoals()
	w.requireDelivered()
	require.Len(t, w.goals.cards(), 2, "the dead node's card was found, not posted again")
}

// Two nodes deliver the same match's owed cards at once: each card is posted
// once, in order.
func TestTwoNodesDeliveringAtOncePostEachCardOnceInOrder(t *testing.T) {
	w := newGoalWorld(t)
	m := w.match
	w.goals.fail = true // the channel refuses posts: the cards pile up
	goal, err := w.Goals.Add("bob", m.ID, GoalInput{Title: "Learn Go"})
	require.NoError(t, err)
	for i := 1; i <= 6; i++ {
		who := []string{"bob", "ana"}[i%2]
		_, err := w.Goals.Update(who, m.ID, goal.ID, GoalPatch{Progress: ptr(i * 10)})
		require.NoError(t, err)
	}
	require.Len(t, w.doc().Cards, 7)
	require.Empty(t, w.doc().Marks, "failed posts leave no claim behind")
	w.goals.fail = false

	nodes := []*Services{w.node(), w.node(), w.node()}
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = n.Goals.deliver(m.ID) // the losers find the lease busy
		}()
	}
	wg.Wait()
	w.settleGoals()
	w.requireDelivered()
}

// A summary someone deleted is posted again with the next update.
func TestADeletedSummaryIsPostedAgain(t *testing.T) {
	w := newGoalWorld(t)
	goal, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Learn Go"})
	require.NoError(t, err)
	first := w.doc().SummaryPostID
	w.goals.posts[len(w.goals.posts)-1].deleted = true
	_, err = w.Goals.Update("ana", w.match.ID, goal.ID, GoalPatch{Progress: ptr(20)})
	require.NoError(t, err)
	w.requireDelivered()
	require.NotEqual(t, first, w.doc().SummaryPostID)
}

// Cards that could not be posted for a day are dropped (they are no news any
// more); the summary still tells the goals as they are.
func TestCardsUnpostableForADayAreDropped(t *testing.T) {
	w := newGoalWorld(t)
	w.goals.fail = true
	_, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Learn Go"})
	require.NoError(t, err)
	w.advance(cardGiveUp + time.Minute)
	w.goals.fail = false
	require.NoError(t, w.Goals.HandleDue(DueGoalCards, w.match.ID))
	g := w.doc()
	require.Empty(t, g.Cards)
	require.Empty(t, w.goals.cards())
	require.Len(t, w.goals.summaries(), 1)
	require.Equal(t, g.Seq, g.SummarySeq)
}

// A match that ended right after an update may have its channel archived:
// what cannot be posted there is dropped, not retried for ever.
func TestWhatAnEndedMatchsChannelRefusesIsDropped(t *testing.T) {
	w := newGoalWorld(t)
	w.goals.fail = true
	_, err := w.Goals.Add("bob", w.match.ID, GoalInput{Title: "Learn Go"})
	require.NoError(t, err)
	require.Len(t, w.doc().Cards, 1)
	_, err = w.Matches.End("bob", w.match.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)
	require.NoError(t, w.Goals.HandleDue(DueGoalCards, w.match.ID))
	g := w.doc()
	require.Empty(t, g.Cards)
	require.Equal(t, g.Seq, g.SummarySeq, "nothing owed")
	require.Empty(t, w.goals.cards())
}
