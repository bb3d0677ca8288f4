package app

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// goalPost is one post of the fake channel.
type goalPost struct {
	id, channel, key, text string
	pinned                 bool
	at                     time.Time
	deleted                bool
}

// goalNotes is a fake pair channel: it records the cards and the summary and
// finds posts by key the way the real notifier reads the channel back.
type goalNotes struct {
	mu      sync.Mutex
	posts   []*goalPost
	edits   int
	changed int
	fail    bool // posting fails (the channel cannot be posted to)
	now     func() time.Time
}

func (n *goalNotes) add(channel, key, text string, pinned bool) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return ""
	}
	p := &goalPost{id: fmt.Sprintf("gpost%d", len(n.posts)+1), channel: channel, key: key, text: text, pinned: pinned, at: n.now()}
	n.posts = append(n.posts, p)
	return p.id
}

func (n *goalNotes) Card(_ *domain.Program, m *domain.Match, card domain.GoalCard, key string) string {
	return n.add(m.ChannelID, key, fmt.Sprintf("%d %s %s %s %d%% %s", card.Seq, card.By, card.Kind, card.Title, card.Progress, card.Status), false)
}

func summaryOf(g *domain.MatchGoals) string {
	var lines []string
	for _, goal := range g.Goals {
		lines = append(lines, fmt.Sprintf("%s %d%% %s", goal.Title, goal.Progress, goal.Status))
	}
	return fmt.Sprintf("seq %d: %s", g.Seq, strings.Join(lines, "; "))
}

func (n *goalNotes) Summary(_ *domain.Program, m *domain.Match, g *domain.MatchGoals, key string) string {
	return n.add(m.ChannelID, key, summaryOf(g), true)
}

func (n *goalNotes) EditSummary(_ *domain.Program, _ *domain.Match, g *domain.MatchGoals, postID string) (bool, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, p := range n.posts {
		if p.id == postID && !p.deleted {
			p.text, p.pinned = summaryOf(g), true
			n.edits++
			return false, nil
		}
	}
	return true, nil
}

func (n *goalNotes) FindPost(channel, key string, since time.Time) (string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, p := range n.posts {
		if p.channel == channel && p.key == key && !p.at.Before(since) {
			return p.id, nil
		}
	}
	return "", nil
}

func (n *goalNotes) Changed(string, ...string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.changed++
}

// cards are the card posts' texts, in order.
func (n *goalNotes) cards() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []string
	for _, p := range n.posts {
		if strings.Contains(p.key, "/goal-card/") {
			out = append(out, p.text)
		}
	}
	return out
}

// summaries are the summary posts that are not deleted.
func (n *goalNotes) summaries() []*goalPost {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []*goalPost
	for _, p := range n.posts {
		if strings.HasSuffix(p.key, "/goal-summary") && !p.deleted {
			copied := *p
			out = append(out, &copied)
		}
	}
	return out
}

// goalWorld is a session world (bob mentee, ana mentor, an active match with
// a channel; carl a mentee of the same program, coord its coordinator) with
// the fake goal channel.
type goalWorld struct {
	*matchWorld
	goals *goalNotes
	match *domain.Match
}

func newGoalWorld(t *testing.T) *goalWorld {
	t.Helper()
	return newGoalWorldOn(t, &pluginapi.MemoryStore{})
}

func newGoalWorldOn(t *testing.T, kv store.KV) *goalWorld {
	t.Helper()
	w := newMatchWorldOn(t, kv, "ana", "bob", "carl")
	gw := &goalWorld{matchWorld: w, goals: &goalNotes{now: w.deps.Now}}
	w.deps.Goals = gw.goals
	w.Services = NewServices(store.New(kv), w.deps)
	p := w.program("Goals", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 2, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	w.join(p, "carl", domain.RoleMentee, 0, "go")
	gw.match = w.activeMatch(p)
	require.NotEmpty(t, gw.match.ChannelID)
	return gw
}

// runGoalDue runs the due items of now, each by its service, as the plugin
// routes them.
func (w *goalWorld) runGoalDue() {
	w.t.Helper()
	handlers := map[string]interface {
		HandleDue(kind, payload string) error
	}{}
	for _, h := range []interface {
		DueKinds() []string
		HandleDue(kind, payload string) error
	}{w.Goals, w.CheckIns, w.Insight, w.Digests, w.Health} {
		for _, kind := range h.DueKinds() {
			handlers[kind] = h
		}
	}
	for _, it := range w.due.take(w.deps.Now()) {
		switch h, ok := handlers[it.kind]; {
		case ok:
			require.NoError(w.t, h.HandleDue(it.kind, it.payload), it.id)
		case strings.HasPrefix(it.kind, "session.") || strings.HasPrefix(it.kind, "nudge."):
			require.NoError(w.t, w.Sessions.HandleDue(it.kind, it.payload), it.id)
		default:
			require.NoError(w.t, w.Matches.HandleDue(it.kind, it.payload), it.id)
		}
	}
}

// settleGoals lets every lease lapse and the safety nets run.
func (w *goalWorld) settleGoals() {
	for range 3 {
		w.advance(nudgeLease + goalSafetyNet)
		w.runGoalDue()
	}
}

func (w *goalWorld) doc() *domain.MatchGoals {
	w.t.Helper()
	g, err := w.store.GetGoals(w.match.ID)
	require.NoError(w.t, err)
	return g
}

// requireDelivered checks that every committed update has exactly one card,
// in order, that nothing is owed, and that one pinned summary shows the
// goals as they are.
func (w *goalWorld) requireDelivered() {
	w.t.Helper()
	g := w.doc()
	cards := w.goals.cards()
	require.Len(w.t, cards, g.Seq, "one card per committed update: %v", cards)
	seqs := make([]int, len(cards))
	for i, c := range cards {
		_, err := fmt.Sscanf(c, "%d", &seqs[i])
		require.NoError(w.t, err)
	}
	require.True(w.t, slices.IsSorted(seqs), "cards in order: %v", seqs)
	require.Empty(w.t, g.Cards, "nothing owed")
	// A delivery lease left by a node that died after its work lapses by
	// itself; a claim of a card or of the summary would be work undone.
	delete(g.Marks, markDeliver)
	require.Empty(w.t, g.Marks, "no claim left")
	if g.Seq == 0 {
		require.Empty(w.t, w.goals.summaries())
		return
	}
	summaries := w.goals.summaries()
	require.Len(w.t, summaries, 1, "one pinned summary")
	require.True(w.t, summaries[0].pinned)
	require.Equal(w.t, summaryOf(g), summaries[0].text, "the summary shows the goals as they are")
	require.Equal(w.t, summaries[0].id, g.SummaryPostID)
	require.Equal(w.t, g.Seq, g.SummarySeq)
}
