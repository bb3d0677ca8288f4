package domain

import "time"

// Goal statuses.
const (
	GoalOnTrack = "on_track"
	GoalAtRisk  = "at_risk"
	GoalDone    = "done"
	GoalDropped = "dropped"
)

// GoalStatuses lists the allowed goal statuses, in the order they are offered.
var GoalStatuses = []string{GoalOnTrack, GoalAtRisk, GoalDone, GoalDropped}

// Limits on goals.
const (
	MaxGoalsPerMatch     = 20
	MaxMilestonesPerGoal = 20
	MaxGoalTitle         = 120
	MaxGoalDescription   = 2000
	MaxGoalMeasure       = 500
	MaxGoalNote          = 1000
	// MaxGoalHistory bounds the updates kept per goal (the oldest go first).
	MaxGoalHistory = 50
)

// Goal is one goal of a match, owned by its mentee (either side may update it).
type Goal struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description,omitempty"`
	Measure     string      `json:"measure,omitempty"` // how success is measured
	Due         string      `json:"due,omitempty"`     // YYYY-MM-DD, optional
	Milestones  []Milestone `json:"milestones,omitempty"`
	Progress    int         `json:"progress"` // 0–100
	// ProgressSet is true once someone set the progress by hand: from then on
	// ticking milestones no longer derives it.
	ProgressSet bool      `json:"progress_set,omitempty"`
	Status      string    `json:"status"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedBy   string    `json:"updated_by"`
	UpdatedAt   time.Time `json:"updated_at"`
	// ProgressAt is when progress, a milestone or the status last moved: what
	// "stalled" is measured from.
	ProgressAt time.Time    `json:"progress_at"`
	History    []GoalUpdate `json:"history,omitempty"`
}

// Milestone is one step of a goal.
type Milestone struct {
	ID     string    `json:"id"`
	Title  string    `json:"title"`
	Done   bool      `json:"done"`
	DoneAt time.Time `json:"done_at,omitzero"`
	DoneBy string    `json:"done_by,omitempty"`
}

// GoalUpdate is one entry of a goal's history.
type GoalUpdate struct {
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Kind     string    `json:"kind"` // created, edited, progress, status, milestone, note
	Note     string    `json:"note,omitempty"`
	Progress int       `json:"progress"`
	Status   string    `json:"status"`
}

// Open reports whether the goal is still being worked on.
func (g *Goal) Open() bool { return g.Status == GoalOnTrack || g.Status == GoalAtRisk }

// MatchGoals is every goal of one match: one document per match (it grows with
// the match, never with the program), the authoritative record of its goals.
type MatchGoals struct {
	SchemaVersion int     `json:"schema_version"`
	MatchID       string  `json:"match_id"`
	ProgramID     string  `json:"program_id"`
	Goals         []*Goal `json:"goals"`
	// Seq counts committed updates; each one owes a card in the pair's channel.
	Seq int `json:"seq"`
	// SummaryPostID is the pinned goal summary in the pair's channel, and
	// SummarySeq the Seq it shows: an edit is owed while SummarySeq < Seq.
	SummaryPostID string `json:"summary_post_id,omitempty"`
	SummarySeq    int    `json:"summary_seq,omitempty"`
	// Cards are the channel cards owed, oldest first: written in the same
	// compare-and-set as the update they tell (an outbox), removed once posted.
	Cards []GoalCard `json:"cards,omitempty"`
	// Marks record the channel cards and summary edits claimed or done, by key
	// (exactly once, like the session nudges).
	Marks     map[string]NudgeMark `json:"marks,omitempty"`
	UpdatedAt time.Time            `json:"updated_at"`
}

// GoalCard is the card one committed update owes in the pair's channel: what
// it says is fixed at the commit, whenever it is posted.
type GoalCard struct {
	Seq      int       `json:"seq"`
	GoalID   string    `json:"goal_id"`
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Kind     string    `json:"kind"` // a GoalUpdate kind
	Title    string    `json:"title"`
	Progress int       `json:"progress"`
	Status   string    `json:"status"`
	Note     string    `json:"note,omitempty"`
	// Milestone is the milestone a "milestone" update ticked or added.
	Milestone string `json:"milestone,omitempty"`
}

// Find returns the goal with the id, or nil.
func (g *MatchGoals) Find(id string) *Goal {
	for _, goal := range g.Goals {
		if goal.ID == id {
			return goal
		}
	}
	return nil
}
