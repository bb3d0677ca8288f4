package domain

import "time"

// Resource audiences.
const (
	AudienceAll     = "all"
	AudienceMentors = "mentors"
	AudienceMentees = "mentees"
)

// Audiences lists the allowed audiences.
var Audiences = []string{AudienceAll, AudienceMentors, AudienceMentees}

// Resource statuses.
const (
	ResourcePublished = "published"
	ResourceSuggested = "suggested" // a member's suggestion waiting for a coordinator
	ResourceRejected  = "rejected"
)

// Limits on resources.
const (
	MaxResourceTitle       = 200
	MaxResourceDescription = 2000
	MaxResourceURL         = 1000
	MaxResourceTags        = 10
	MaxResourceTag         = 40
	// MaxResourcesPerScope bounds a program's (or the global) hub, so its
	// index is one bounded document.
	MaxResourcesPerScope = 1000
	// MaxPackResources bounds an onboarding pack.
	MaxPackResources = 20
)

// Resource is one item of a resource hub: a program's (ProgramID set) or the
// global hub every program shows (ProgramID empty, managed by system admins).
type Resource struct {
	SchemaVersion int       `json:"schema_version"`
	ID            string    `json:"id"`
	ProgramID     string    `json:"program_id,omitempty"`
	Title         string    `json:"title"`
	URL           string    `json:"url,omitempty"`
	FileID        string    `json:"file_id,omitempty"` // a Mattermost file instead of a link
	Description   string    `json:"description,omitempty"`
	Tags          []string  `json:"tags,omitempty"`
	Audience      string    `json:"audience"`
	Status        string    `json:"status"`
	AuthorID      string    `json:"author_id"`
	DecidedBy     string    `json:"decided_by,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// ResourceCounts are a resource's view and share counts.
type ResourceCounts struct {
	Views  int `json:"views"`
	Shares int `json:"shares"`
}

// OnboardingPacks are the resources the welcome DM lists, per role
// (mentor, mentee, peer); both gets the mentor's and the mentee's.
type OnboardingPacks map[string][]string
