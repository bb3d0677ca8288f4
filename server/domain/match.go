package domain

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// Match statuses. A match is born a draft (invisible), becomes a proposal (both
// people asked) or a request (the mentee asked the mentor), and once accepted is
// active until it ends.
const (
	MatchDraft     = "draft"     // being published; holds reservations for a lease only
	MatchProposed  = "proposed"  // a coordinator, batch or automatic proposal: both must accept
	MatchRequested = "requested" // a mentee's request: the mentor must accept
	MatchActive    = "active"
	MatchPaused    = "paused"
	MatchCompleted = "completed" // ended well
	MatchCancelled = "cancelled" // ended early, with a reason
	MatchDeclined  = "declined"  // one side said no
	MatchExpired   = "expired"   // a request nobody answered in time
	MatchWithdrawn = "withdrawn" // the mentee took the request back, or the mentor filled up
	MatchVoid      = "void"      // a draft that could not be published (capacity, already matched)
)

// Match origins.
const (
	OriginBatch     = "batch"     // a coordinator published a preview
	OriginManual    = "manual"    // a coordinator paired two people by hand
	OriginRequest   = "request"   // a mentee asked a mentor (self-serve)
	OriginAutomatic = "automatic" // an automatic program matched a newcomer
)

// Work a match owes after a commit (see store/kv.go, point 4). Each is claimed
// with compare-and-set before it is done.
const (
	OweProposal = "proposal" // ask both people to accept
	OweRequest  = "request"  // ask the mentor to accept
	OweChannel  = "channel"  // create the pair's channel
	OweIntro    = "intro"    // the introduction post in the channel
	OweDecided  = "decided"  // tell the people whose answer is no longer needed
	OweEnded    = "ended"    // the exit survey to both, the retention of the channel
	OweRefused  = "refused"  // tell the mentee the request or proposal ended without a match
	OweBlock    = "block"    // keep the pair apart from now on (declined, ended badly)
	OweRelist   = "relist"   // bring both roster entries (loads, blocks) up to date
)

// Match is one mentee paired with one mentor in one program; its key is the
// authoritative record of its state.
type Match struct {
	SchemaVersion int    `json:"schema_version"`
	ID            string `json:"id"`
	ProgramID     string `json:"program_id"`
	TeamID        string `json:"team_id"`
	MenteeID      string `json:"mentee_id"`
	MentorID      string `json:"mentor_id"`
	Origin        string `json:"origin"`
	Status        string `json:"status"`
	// Score and Reasons are the engine's when the match was proposed; Reasons
	// are rendered for each reader in their language.
	Score   int64             `json:"score"`
	Reasons []matching.Reason `json:"reasons,omitempty"`
	// Accepted holds who said yes and when: a request counts the mentee's yes.
	Accepted map[string]time.Time `json:"accepted,omitempty"`
	Message  string               `json:"message,omitempty"` // the mentee's note with a request
	// Override is set when a coordinator paired by hand against a constraint.
	Override  bool      `json:"override,omitempty"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// ExpiresAt ends an unanswered request or proposal.
	ExpiresAt   time.Time `json:"expires_at,omitzero"`
	ActivatedAt time.Time `json:"activated_at,omitzero"`
	EndedAt     time.Time `json:"ended_at,omitzero"`
	EndedBy     string    `json:"ended_by,omitempty"`
	EndReason   string    `json:"end_reason,omitempty"`
	// DecidedBy is who declined, withdrew or let it expire (empty for expiry).
	DecidedBy string `json:"decided_by,omitempty"`
	ChannelID string `json:"channel_id,omitempty"`
	// Owed is the work still to do after the last commit (Owe* values).
	Owed []string `json:"owed,omitempty"`
	// RemindedAt is when the reminder before the expiry was claimed: it goes
	// once, even if the scheduler runs its item again after a node died.
	RemindedAt time.Time `json:"reminded_at,omitzero"`
	// Posts are the DMs with buttons per user id, updated when they go stale.
	Posts map[string]string `json:"posts,omitempty"`
	// Surveys are the exit survey answers per user id: coordinators only.
	Surveys map[string]Survey `json:"surveys,omitempty"`
	History []MatchEvent      `json:"history,omitempty"`
}

// Survey is one side's exit survey.
type Survey struct {
	Rating int       `json:"rating"` // 1–5
	Text   string    `json:"text,omitempty"`
	At     time.Time `json:"at"`
	// Shared shows the answer to the other side of the pair too.
	Shared bool `json:"shared,omitempty"`
}

// MatchEvent is one change in a match's life, for coordinators.
type MatchEvent struct {
	At     time.Time `json:"at"`
	By     string    `json:"by,omitempty"`
	Status string    `json:"status"`
	Note   string    `json:"note,omitempty"`
}

// Live reports whether the match holds the mentor's capacity and the mentee's
// place: a proposal, an active or a paused match.
func (m *Match) Live() bool {
	return m.Status == MatchProposed || m.Status == MatchActive || m.Status == MatchPaused
}

// Open reports whether the match still waits for an answer.
func (m *Match) Open() bool { return m.Status == MatchProposed || m.Status == MatchRequested }

// Ended reports whether the match is over for good.
func (m *Match) Ended() bool {
	switch m.Status {
	case MatchCompleted, MatchCancelled, MatchDeclined, MatchExpired, MatchWithdrawn, MatchVoid:
		return true
	}
	return false
}

// Partner returns the other person of the pair, or "" when userID is not in it.
func (m *Match) Partner(userID string) string {
	switch userID {
	case m.MenteeID:
		return m.MentorID
	case m.MentorID:
		return m.MenteeID
	}
	return ""
}

// Owes reports whether work is still owed.
func (m *Match) Owes(work string) bool { return Contains(m.Owed, work) }

// MatchRef is a match that holds a place in an enrollment: the mentor's capacity
// or the mentee's slot. It is written before the match's commit (a reservation),
// so a reader checks the match itself: a reference to a match that is not live
// counts only while it is younger than the reservation lease.
type MatchRef struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
	// With is the other person of the match.
	With string `json:"with,omitempty"`
}
