package app

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// Directory answers questions about Mattermost users and teams.
type Directory interface {
	IsSystemAdmin(userID string) bool
	IsTeamMember(userID, teamID string) bool
	TeamExists(teamID string) bool
}

// Notifier tells people what happened. Implementations must not fail the caller:
// a DM that cannot be sent is logged, the enrollment still stands.
type Notifier interface {
	// Welcome greets a member whose enrollment just became active.
	Welcome(p *domain.Program, e *domain.Enrollment)
	// ApprovalRequested tells the member the request is waiting and asks each
	// coordinator to approve or decline it; it returns the posts that ask.
	ApprovalRequested(p *domain.Program, e *domain.Enrollment) []domain.RequestPost
	// RequestDecided replaces the buttons of those posts with who decided what.
	RequestDecided(p *domain.Program, e *domain.Enrollment, deciderID string, posts []domain.RequestPost)
	// RequestDeclined tells the member a coordinator declined the request.
	RequestDeclined(p *domain.Program, e *domain.Enrollment)
	// Changed refreshes the given users' open sidebars.
	Changed(programID string, userIDs ...string)
}

// Settings are the System Console values the services obey.
type Settings struct {
	// MembersMayCreatePrograms lets any team member create a program; otherwise
	// only system admins may.
	MembersMayCreatePrograms bool
}

// Deps are what the services are built from.
type Deps struct {
	Directory Directory
	Notifier  Notifier
	Settings  func() Settings
	Now       func() time.Time
	NewID     func() string
}
