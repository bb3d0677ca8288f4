package domain

import "time"

// Check-in answers.
const (
	CheckInGreat      = "great"
	CheckInFine       = "fine"
	CheckInStruggling = "struggling"
)

// CheckInAnswers lists the allowed answers, best first.
var CheckInAnswers = []string{CheckInGreat, CheckInFine, CheckInStruggling}

// Limits on check-ins.
const (
	MaxCheckInNote = 1000
	// MaxCheckInRounds bounds the rounds kept per match (the oldest go first).
	MaxCheckInRounds = 60
)

// CheckInAnswer is one side's answer to one round.
type CheckInAnswer struct {
	UserID string    `json:"user_id"`
	Answer string    `json:"answer"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"at"`
}

// CheckInRound is one "how is it going?" sent to both sides of a match.
type CheckInRound struct {
	// Round counts the match's rounds from 1.
	Round int       `json:"round"`
	Due   time.Time `json:"due"`
	// Answers per user id; a later answer to the same round replaces the earlier.
	Answers map[string]CheckInAnswer `json:"answers,omitempty"`
	// Marks record the DMs claimed or sent per key (prompt per user, the
	// coordinators' "struggling" alert), exactly once.
	Marks map[string]NudgeMark `json:"marks,omitempty"`
}

// MatchCheckIns is every check-in of one match: one document per match.
type MatchCheckIns struct {
	SchemaVersion int             `json:"schema_version"`
	MatchID       string          `json:"match_id"`
	ProgramID     string          `json:"program_id"`
	Rounds        []*CheckInRound `json:"rounds,omitempty"`
	UpdatedAt     time.Time       `json:"updated_at"`
}

// Round returns the round with the number, or nil.
func (c *MatchCheckIns) Round(n int) *CheckInRound {
	for _, r := range c.Rounds {
		if r.Round == n {
			return r
		}
	}
	return nil
}
