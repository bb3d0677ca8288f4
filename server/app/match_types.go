package app

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// Suggestion is a mentor proposed to a mentee in self-serve matching.
type Suggestion struct {
	MentorID string `json:"mentor_id"`
	// Username is the mentor's, as the roster lists it ("" when unknown).
	Username     string            `json:"username,omitempty"`
	Score        int64             `json:"score"`
	Reasons      []matching.Reason `json:"reasons"`
	FreeCapacity int               `json:"free_capacity"`
	Capacity     int               `json:"capacity"`
}

// RequestInput is a mentee's request to a mentor.
type RequestInput struct {
	MentorID string `json:"mentor_id"`
	Message  string `json:"message,omitempty"`
}

// MaxRequestMessage bounds the note sent with a request.
const MaxRequestMessage = 1000

// MaxOpenRequests is how many requests a mentee may have waiting at once.
const MaxOpenRequests = 3

// MaxIncomingRequests is how many requests may wait for one mentor at once, so
// that a popular mentor's enrollment stays small.
const MaxIncomingRequests = 50

// End outcomes.
const (
	OutcomeCompleted = "completed"
	OutcomeCancelled = "cancelled"
)

// EndInput ends a match.
type EndInput struct {
	Outcome string `json:"outcome"` // OutcomeCompleted or OutcomeCancelled
	Reason  string `json:"reason,omitempty"`
}

// SurveyInput is one side's exit survey.
type SurveyInput struct {
	Rating int    `json:"rating"`
	Text   string `json:"text,omitempty"`
	// Shared shows the answer to the other side of the pair too.
	Shared bool `json:"shared,omitempty"`
}

// PreviewInput are a coordinator's choices for one dry run; nil/empty means the
// program's settings.
type PreviewInput struct {
	Policy   string `json:"policy,omitempty"`
	MinScore *int64 `json:"min_score,omitempty"`
}

// Unmatched reasons.
const (
	UnmatchedNoCapacity   = "no_capacity"   // no mentor has free capacity
	UnmatchedBelowMinimum = "below_minimum" // every allowed pair scores below the minimum
	UnmatchedConstraints  = "constraints"   // every mentor with capacity is excluded by a constraint
	UnmatchedOutscored    = "outscored"     // mentors with capacity went to pairs that raise the total more
)

// PreviewPair is one proposed pair of a preview.
type PreviewPair = domain.PreviewPair

// UnmatchedMentee is a mentee a preview leaves without a mentor, and why.
type UnmatchedMentee = domain.UnmatchedMentee

// Preview statuses.
const (
	PreviewReady      = "ready"
	PreviewPublishing = "publishing"
	PreviewPublished  = "published"
)

// Preview is a dry run of batch matching. Pairs and Unmatched hold one page.
type Preview struct {
	ID            string    `json:"id"`
	ProgramID     string    `json:"program_id"`
	RosterVersion int64     `json:"roster_version"`
	Policy        string    `json:"policy"`
	MinScore      int64     `json:"min_score"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	Status        string    `json:"status"`
	// Stale is true when the roster changed since the preview was computed.
	Stale bool `json:"stale"`
	// Coverage: mentees waiting for a mentor, and how many the preview matches.
	Mentees int     `json:"mentees"`
	Mentors int     `json:"mentors"` // mentors with free capacity
	Matched int     `json:"matched"`
	Total   int64   `json:"total"`
	Average float64 `json:"average"`
	Lowest  int64   `json:"lowest"`
	// Optimal is true when the engine's certificate verified the result.
	Optimal   bool              `json:"optimal"`
	Pairs     []PreviewPair     `json:"pairs"`
	Unmatched []UnmatchedMentee `json:"unmatched"`
	Page      int               `json:"page"`
	Pages     int               `json:"pages"`
	// Publishing progress.
	Published int `json:"published"`
	Skipped   int `json:"skipped"`
}

// PreviewPageSize is how many pairs (and unmatched mentees) one preview page holds.
const PreviewPageSize = domain.PreviewChunkSize

// MemberQuery selects one page of a program's members.
type MemberQuery struct {
	Page   int    `json:"page"`
	Search string `json:"q,omitempty"`    // part of a username or name
	Role   string `json:"role,omitempty"` // one role, or all
	Status string `json:"status,omitempty"`
}

// MemberRow is one member on a page of a program's roster.
type MemberRow struct {
	*domain.Enrollment
	Username string `json:"username"`
	Name     string `json:"name,omitempty"`
	// Load is how many live matches the member has: as mentor for mentors.
	Load int `json:"load"`
}

// MemberPage is one page of a program's members.
type MemberPage struct {
	Members []MemberRow `json:"members"`
	Page    int         `json:"page"`
	Pages   int         `json:"pages"`
	Total   int         `json:"total"` // members matching the query
}

// MemberPageSize is how many members one page holds.
const MemberPageSize = 50
