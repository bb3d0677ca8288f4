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

// DefaultMentorCapacity is how many mentees a new mentor takes unless they say.
const DefaultMentorCapacity = 2

// MaxMentorCapacity bounds a mentor's capacity.
const MaxMentorCapacity = 20

// Enrollment is one user's participation in one program.
type Enrollment struct {
	SchemaVersion int       `json:"schema_version"`
	ProgramID     string    `json:"program_id"`
	UserID        string    `json:"user_id"`
	Role          string    `json:"role"`
	Capacity      int       `json:"capacity,omitempty"`
	Goals         string    `json:"goals,omitempty"`
	Status        string    `json:"status"`
	PausedUntil   string    `json:"paused_until,omitempty"` // YYYY-MM-DD in UTC, empty = until resumed
	JoinedAt      time.Time `json:"joined_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Roster is every enrollment of one program, keyed by user id.
type Roster struct {
	SchemaVersion int                    `json:"schema_version"`
	Members       map[string]*Enrollment `json:"members"`
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
