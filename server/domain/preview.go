package domain

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// PreviewPair is one proposed pair of a batch-matching preview.
type PreviewPair struct {
	MenteeID string            `json:"mentee_id"`
	MentorID string            `json:"mentor_id"`
	Score    int64             `json:"score"`
	Reasons  []matching.Reason `json:"reasons"`
}

// UnmatchedMentee is a mentee a preview leaves without a mentor, and why.
type UnmatchedMentee struct {
	UserID string `json:"user_id"`
	Reason string `json:"reason"`
}

// PreviewRecord is the stored summary of a program's latest preview; its pairs
// and unmatched mentees are stored in chunks of PreviewChunkSize.
type PreviewRecord struct {
	ID            string    `json:"id"`
	ProgramID     string    `json:"program_id"`
	RosterVersion int64     `json:"roster_version"`
	Policy        string    `json:"policy"`
	MinScore      int64     `json:"min_score"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	Status        string    `json:"status"`
	Mentees       int       `json:"mentees"`
	Mentors       int       `json:"mentors"`
	Matched       int       `json:"matched"`
	Total         int64     `json:"total"`
	Lowest        int64     `json:"lowest"`
	Optimal       bool      `json:"optimal"`
	Unmatched     int       `json:"unmatched"`
	// Publishing: who, when the current claim was taken, how far it got.
	PublishedBy string    `json:"published_by,omitempty"`
	ClaimedAt   time.Time `json:"claimed_at,omitzero"`
	Cursor      int       `json:"cursor"` // pairs [0, Cursor) are done
	Published   int       `json:"published"`
	Skipped     int       `json:"skipped"`
	DoneAt      time.Time `json:"done_at,omitzero"`
}

// PreviewChunkSize is how many pairs or unmatched mentees one chunk holds.
const PreviewChunkSize = 100

// PreviewChunk holds one chunk of a preview's pairs or unmatched mentees.
type PreviewChunk struct {
	Pairs     []PreviewPair     `json:"pairs,omitempty"`
	Unmatched []UnmatchedMentee `json:"unmatched,omitempty"`
}
