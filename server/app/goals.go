package app

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Goals are the goals of matches. Either side of an active or paused match
// sets and updates them; the program's coordinators (and system admins) read
// them; nobody else learns they exist. Each committed update owes a short card
// in the pair's channel and an edit of the pinned summary there, delivered
// exactly once (goal_cards.go).
type Goals struct{ base }

func newGoals(b base) *Goals { return &Goals{base: b} }

// GoalNotifier posts goal cards and the pinned summary in the pair's channel.
// Posting methods return the post's id, "" when it could not be posted; they
// never fail the caller.
type GoalNotifier interface {
	// Card posts the card of one update into the pair's channel, marked with
	// key (so that FindPost can find it after a crash).
	Card(p *domain.Program, m *domain.Match, card domain.GoalCard, key string) string
	// Summary posts the pinned summary of the match's goals, marked with key.
	Summary(p *domain.Program, m *domain.Match, g *domain.MatchGoals, key string) string
	// EditSummary rewrites the pinned summary with the goals as they are now
	// (and pins it again if someone unpinned it); gone is true when the post
	// no longer exists (deleted), so a new one must be posted.
	EditSummary(p *domain.Program, m *domain.Match, g *domain.MatchGoals, postID string) (gone bool, err error)
	// FindPost returns the bot's post in the channel marked with key, created
	// at or after since; "" when there is none.
	FindPost(channelID, key string, since time.Time) (string, error)
	// Changed refreshes the users' open sidebars.
	Changed(programID string, userIDs ...string)
}

var (
	msgGoalNotFound     = &i18n.Message{ID: "app.goal.not_found", Other: "This match has no such goal. `/mentor goals` lists them with their numbers."}
	msgGoalsPairOnly    = &i18n.Message{ID: "app.goal.pair_only", Other: "Only the two people of this match set and update its goals; as a coordinator of {{.Program}} you can read them."}
	msgGoalsNotLive     = &i18n.Message{ID: "app.goal.match_not_live", Other: "Goals can be changed only while the match is active or paused; this one is {{.Status}}."}
	msgTooManyGoals     = &i18n.Message{ID: "app.goal.too_many", Other: "A match can have at most {{.Max}} goals. Mark finished ones done or dropped and keep them, or reuse one."}
	msgGoalNothingToDo  = &i18n.Message{ID: "app.goal.nothing_to_change", Other: "Say what to change: progress, status, a note, a milestone, the title, description, measure or due date."}
	msgGoalTitleMissing = &i18n.Message{ID: "app.goal.title_missing", Other: "Give the goal a title, for example \"Give a talk at the team meeting\"."}
)

// GoalInput is a new goal.
type GoalInput struct {
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Measure     string   `json:"measure,omitempty"`
	Due         string   `json:"due,omitempty"` // YYYY-MM-DD
	Milestones  []string `json:"milestones,omitempty"`
	// Progress set here is explicit: milestones then never derive it.
	Progress *int `json:"progress,omitempty"`
}

// GoalPatch changes a goal; nil and empty fields are left as they are. A
// milestone is named by its id or by its number in the goal (1, 2, …).
type GoalPatch struct {
	Title            *string  `json:"title,omitempty"`
	Description      *string  `json:"description,omitempty"`
	Measure          *string  `json:"measure,omitempty"`
	Due              *string  `json:"due,omitempty"` // "" clears it
	Progress         *int     `json:"progress,omitempty"`
	Status           *string  `json:"status,omitempty"`
	Note             *string  `json:"note,omitempty"`
	AddMilestones    []string `json:"add_milestones,omitempty"`
	DoneMilestones   []string `json:"done_milestones,omitempty"`
	UndoneMilestones []string `json:"undone_milestones,omitempty"`
}

// GoalsView is a match's goals for one reader.
type GoalsView struct {
	MatchID string         `json:"match_id"`
	Goals   []*domain.Goal `json:"goals"`
	// CanEdit: the reader is one of the pair and the match is active or paused.
	CanEdit bool `json:"can_edit"`
}

// MatchGoalsView is the goals of one of the reader's matches.
type MatchGoalsView struct {
	MatchID   string         `json:"match_id"`
	ProgramID string         `json:"program_id"`
	PartnerID string         `json:"partner_id"`
	Goals     []*domain.Goal `json:"goals"`
}

func (s *Goals) now() time.Time { return s.deps.Now().UTC() }

// goalsWritable reports whether a match's goals may change: while it runs.
func goalsWritable(m *domain.Match) bool {
	return m.Status == domain.MatchActive || m.Status == domain.MatchPaused
}

// loadFor returns a match whose goals the actor may read: one of the pair, a
// coordinator of its program or a system admin. Anyone else learns nothing,
// not even that the match exists.
func (s *Goals) loadFor(actorID, matchID string) (*domain.Match, *domain.Program, error) {
	m, p, err := s.matches.load(matchID)
	if err != nil {
		return nil, nil, err
	}
	if m.Status == domain.MatchDraft || m.Status == domain.MatchVoid ||
		(m.Partner(actorID) == "" && !s.perms.CanCoordinate(actorID, p)) {
		return nil, nil, notFound(msgMatchNotFound, nil)
	}
	return m, p, nil
}

// loadForWriter is loadFor narrowed to the pair of a running match.
func (s *Goals) loadForWriter(actorID, matchID string) (*domain.Match, error) {
	m, p, err := s.loadFor(actorID, matchID)
	if err != nil {
		return nil, err
	}
	if m.Partner(actorID) == "" {
		return nil, forbidden(msgGoalsPairOnly, map[string]any{"Program": p.Name})
	}
	if !goalsWritable(m) {
		return nil, conflict("match_id", msgGoalsNotLive, map[string]any{"Status": i18n.Value(m.Status)})
	}
	return m, nil
}

// RequireWriter refuses, as Add would, anyone who may not change the match's
// goals (so a form is not opened that could not be saved).
func (s *Goals) RequireWriter(actorID, matchID string) error {
	_, err := s.loadForWriter(actorID, matchID)
	return err
}

// List returns a match's goals, oldest first (their numbers in commands).
func (s *Goals) List(actorID, matchID string) (*GoalsView, error) {
	m, _, err := s.loadFor(actorID, matchID)
	if err != nil {
		return nil, err
	}
	g, err := s.store.GetGoals(m.ID)
	if err != nil {
		return nil, err
	}
	return &GoalsView{MatchID: m.ID, Goals: nonNilGoals(g.Goals), CanEdit: m.Partner(actorID) != "" && goalsWritable(m)}, nil
}

// Get returns one goal of a match.
func (s *Goals) Get(actorID, matchID, goalID string) (*domain.Goal, error) {
	v, err := s.List(actorID, matchID)
	if err != nil {
		return nil, err
	}
	for _, g := range v.Goals {
		if g.ID == goalID {
			return g, nil
		}
	}
	return nil, notFound(msgGoalNotFound, nil)
}

// Mine returns the goals of every active or paused match of the actor.
func (s *Goals) Mine(actorID string) ([]MatchGoalsView, error) {
	matches, err := s.matches.Mine(actorID)
	if err != nil {
		return nil, err
	}
	out := []MatchGoalsView{}
	for _, m := range matches {
		if !goalsWritable(m) {
			continue
		}
		g, err := s.store.GetGoals(m.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, MatchGoalsView{MatchID: m.ID, ProgramID: m.ProgramID, PartnerID: m.Partner(actorID), Goals: nonNilGoals(g.Goals)})
	}
	return out, nil
}

func nonNilGoals(goals []*domain.Goal) []*domain.Goal {
	if goals == nil {
		return []*domain.Goal{}
	}
	return goals
}

// Add sets a new goal for a match.
func (s *Goals) Add(actorID, matchID string, in GoalInput) (*domain.Goal, error) {
	m, err := s.loadForWriter(actorID, matchID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	goal, err := s.newGoal(actorID, in, now)
	if err != nil {
		return nil, err
	}
	err = s.commit(m, now, func(g *domain.MatchGoals) (*domain.GoalCard, error) {
		if len(g.Goals) >= domain.MaxGoalsPerMatch {
			return nil, conflict("title", msgTooManyGoals, map[string]any{"Max": domain.MaxGoalsPerMatch})
		}
		g.Goals = append(g.Goals, goal)
		return cardOf(goal, domain.GoalUpdate{By: actorID, Kind: kindCreated}, ""), nil
	})
	if err != nil {
		return nil, err
	}
	return goal, nil
}

// Update changes a goal: its text, progress, status, milestones or a note.
// A patch that changes nothing commits nothing (and owes no card).
func (s *Goals) Update(actorID, matchID, goalID string, in GoalPatch) (*domain.Goal, error) {
	m, err := s.loadForWriter(actorID, matchID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	patch, err := s.cleanPatch(actorID, in, now)
	if err != nil {
		return nil, err
	}
	var out *domain.Goal
	err = s.commit(m, now, func(g *domain.MatchGoals) (*domain.GoalCard, error) {
		goal := g.Find(goalID)
		if goal == nil {
			return nil, notFound(msgGoalNotFound, nil)
		}
		out = goal
		return applyPatch(goal, patch, actorID, now, s.deps.NewID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Done marks a goal done (progress 100), with an optional note.
func (s *Goals) Done(actorID, matchID, goalID, note string) (*domain.Goal, error) {
	status := domain.GoalDone
	patch := GoalPatch{Status: &status}
	if note != "" {
		patch.Note = &note
	}
	return s.Update(actorID, matchID, goalID, patch)
}

// commit applies one change to a match's goals with compare-and-set. change
// returns the card the update owes, or nil when it changed nothing (then
// nothing is written). The card is written in the same document as the change
// (an outbox), the safety net that posts it is on the scheduler before the
// commit, and it is posted right after.
func (s *Goals) commit(m *domain.Match, now time.Time, change func(g *domain.MatchGoals) (*domain.GoalCard, error)) error {
	if err := s.safetyNet(m.ID, now); err != nil {
		return err
	}
	changed := false
	_, err := s.store.UpdateGoals(m.ID, func(g *domain.MatchGoals) error {
		changed = false
		card, err := change(g)
		if err != nil {
			return err
		}
		if card == nil {
			return store.ErrUnchanged
		}
		g.ProgramID = m.ProgramID
		g.Seq++
		card.Seq, card.At = g.Seq, now
		g.Cards = append(g.Cards, *card)
		if len(g.Cards) > maxOwedCards {
			g.Cards = g.Cards[len(g.Cards)-maxOwedCards:]
		}
		g.UpdatedAt = now
		changed = true
		return nil
	})
	if err != nil {
		return err
	}
	if !changed {
		return nil
	}
	s.health.Changed(m.ID)
	// Committed: what fails here (or waits for another node delivering this
	// match's cards) is posted by the safety net, not the caller.
	_ = s.deliver(m.ID)
	if s.deps.Goals != nil {
		s.deps.Goals.Changed(m.ProgramID, m.MenteeID, m.MentorID)
	}
	return nil
}
