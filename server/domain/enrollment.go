package domain

import "time"

// Enrollment roles.
const (
	RoleMentee = "mentee"
	RoleMentor = "mentor"
	RolePeer   = "peer"
	RoleBoth   = "both"
)

// Roles lists the allowed enrollment roles.
var Roles = []string{RoleMentee, RoleMentor, RolePeer, RoleBoth}

// Enrollment statuses.
const (
	StatusPending  = "pending" // waiting for a coordinator's approval
	StatusActive   = "active"
	StatusPaused   = "paused"
	StatusLeft     = "left"
	StatusDeclined = "declined" // a coordinator declined the request
)

// Announcements: what the bot still has to tell people about an enrollment.
const (
	AnnounceWelcome  = "welcome"  // greet the member
	AnnounceRequest  = "request"  // tell the member and ask the coordinators
	AnnounceDeclined = "declined" // tell the member a coordinator said no
)

// MaxEndedRefs bounds Enrollment.Ended.
const MaxEndedRefs = 10

// DefaultMentorCapacity is how many mentees a new mentor takes unless they say.
const DefaultMentorCapacity = 2

// MaxMentorCapacity bounds a mentor's capacity.
const MaxMentorCapacity = 20

// Enrollment is one user's participation in one program.
type Enrollment struct {
	SchemaVersion int       `json:"schema_version"`
	ProgramID     string    `json:"program_id"`
	TeamID        string    `json:"team_id"`
	UserID        string    `json:"user_id"`
	Role          string    `json:"role"`
	Capacity      int       `json:"capacity,omitempty"`
	Goals         string    `json:"goals,omitempty"`
	Status        string    `json:"status"`
	PausedUntil   string    `json:"paused_until,omitempty"` // YYYY-MM-DD in UTC, empty = until resumed
	JoinedAt      time.Time `json:"joined_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	// RequestedAt is when the member last asked to join a program that needs a
	// coordinator's approval; it limits how often coordinators are asked.
	RequestedAt time.Time `json:"requested_at,omitzero"`
	// Announce is a message the bot owes about this enrollment, written in the
	// same compare-and-set as the change that calls for it and cleared by the
	// sender's claim, so that it is sent once whatever node dies (store/kv.go).
	Announce string `json:"announce,omitempty"`
	// RequestPosts are the coordinators' DMs that ask to approve or decline this
	// request; when someone decides, they are all updated to say so.
	RequestPosts []RequestPost `json:"request_posts,omitempty"`

	// Matching (schema 2, issue 7). The match records are authoritative; these
	// references are reservations and indexes (see MatchRef).
	//
	// Mentors are this member's live matches as a mentee (at most one), Mentees
	// their live matches as a mentor (at most Capacity).
	Mentors []MatchRef `json:"mentors,omitempty"`
	Mentees []MatchRef `json:"mentees,omitempty"`
	// Requests are the open requests this member sent as a mentee; Incoming the
	// open requests sent to them as a mentor.
	Requests []MatchRef `json:"requests,omitempty"`
	Incoming []MatchRef `json:"incoming,omitempty"`
	// Blocked are partners this member must never be paired with again in this
	// program: one of them declined, or the match ended badly.
	Blocked []string `json:"blocked,omitempty"`
	// Ended are the member's most recent ended matches (at most MaxEndedRefs),
	// for the sidebar and the exit survey.
	Ended []MatchRef `json:"ended,omitempty"`
	// RosterPage is the page of the program's roster that lists this member.
	RosterPage int `json:"roster_page"`
	// Listed tells that RosterPage is set (page 0 is a page).
	Listed bool `json:"listed,omitempty"`
}

// RequestPost is a coordinator's DM that asks about a join request.
type RequestPost struct {
	UserID string `json:"user_id"`
	PostID string `json:"post_id"`
}

// InProgram reports whether the enrollment counts the user as in the program
// (active, paused or waiting for approval), as opposed to gone or refused.
func (e *Enrollment) InProgram() bool {
	return e.Status != StatusLeft && e.Status != StatusDeclined
}

// ResumeIfDue ends a pause whose date has come: a pause "until 2027-03-01" is
// over from that day on (UTC). It reports whether it changed e.
func (e *Enrollment) ResumeIfDue(now time.Time) bool {
	if e.Status != StatusPaused || e.PausedUntil == "" || now.UTC().Format(time.DateOnly) < e.PausedUntil {
		return false
	}
	e.Status, e.PausedUntil = StatusActive, ""
	return true
}

// Contains reports whether value is one of allowed.
func Contains(allowed []string, value string) bool {
	for _, a := range allowed {
		if a == value {
			return true
		}
	}
	return false
}

// MentorCapacity is how many mentees the member takes as a mentor.
func (e *Enrollment) MentorCapacity() int {
	if e.Role != RoleMentor && e.Role != RoleBoth {
		return 0
	}
	if e.Capacity > 0 {
		return e.Capacity
	}
	return DefaultMentorCapacity
}

// IsMentee reports whether the member takes part as a mentee.
func (e *Enrollment) IsMentee() bool { return e.Role == RoleMentee || e.Role == RoleBoth }

// IsMentor reports whether the member takes part as a mentor.
func (e *Enrollment) IsMentor() bool { return e.Role == RoleMentor || e.Role == RoleBoth }
