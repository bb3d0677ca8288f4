package store

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// nudgeBudgetKey holds one user's nudge budget of the week and the nudges
// waiting for their digest.
func nudgeBudgetKey(userID string) string { return keyPrefix + "nudges/" + userID }

// NudgeBudget counts the nudges a user got one by one this week and keeps
// those over the budget for a digest. Bounded: one week's counter, the
// pending list (capped by the caller) and the last days' digest marks.
type NudgeBudget struct {
	// Week is the ISO week (in the user's zone) that Sent counts.
	Week    string         `json:"week"`
	Sent    int            `json:"sent"`
	Pending []PendingNudge `json:"pending,omitempty"`
	// Digests marks each day's digest by its key: claimed, then sent.
	Digests map[string]DigestMark `json:"digests,omitempty"`
}

// PendingNudge is a nudge that waits for a digest.
type PendingNudge struct {
	Key        string    `json:"key"`
	Kind       string    `json:"kind"`
	SessionID  string    `json:"session_id"`
	Occurrence time.Time `json:"occurrence"`
	Start      time.Time `json:"start"`
	Title      string    `json:"title,omitempty"`
}

// DigestMark is one digest: claimed with the nudges it carries, then sent.
type DigestMark struct {
	domain.NudgeMark
	Nudges []PendingNudge `json:"nudges,omitempty"`
}

// GetNudgeBudget returns a user's budget document (empty when none).
func (s *Store) GetNudgeBudget(userID string) (*NudgeBudget, error) {
	v, _, err := get[NudgeBudget](s.kv, nudgeBudgetKey(userID))
	return &v, err
}

// UpdateNudgeBudget changes a user's budget document with compare-and-set.
func (s *Store) UpdateNudgeBudget(userID string, mutate func(b *NudgeBudget) error) (*NudgeBudget, error) {
	v, err := Update(s.kv, nudgeBudgetKey(userID), func(b *NudgeBudget, _ bool) error { return mutate(b) })
	if err != nil {
		return nil, err
	}
	return &v, nil
}
