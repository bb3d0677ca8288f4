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
	// User returns what the plugin shows and matches on about a user; found is
	// false for a user that does not exist or is deactivated.
	User(userID string) (u UserInfo, found bool)
}

// UserInfo is what the plugin needs to know about a Mattermost user.
type UserInfo struct {
	Username string
	FullName string // "First Last", or "" when none
	// TimeZone is the IANA zone of the user's Mattermost settings (automatic or
	// manual), "" when unknown.
	TimeZone string
	Locale   string
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
	// Matching are the defaults of every program's matching settings.
	Matching domain.MatchingDefaults
	// Sessions are the defaults of every program's session settings.
	Sessions SessionDefaults
	// SiteURL is the server's public URL (System Console → Site URL), for
	// links that leave Mattermost: the calendar feed, invites.
	SiteURL string
}

// SessionDefaults are the System Console's session and nudge defaults.
type SessionDefaults struct {
	LeadMinutes     []int // reminders before a session
	FollowUpMinutes int   // "did you meet?" this long after a session ends
	DefaultMinutes  int   // a session's length when none is named
	WeeklyBudget    int   // nudges a week one by one; the rest go in a digest
}

// Deps are what the services are built from.
type Deps struct {
	Directory Directory
	Notifier  Notifier
	Matches   MatchNotifier
	Sessions  SessionNotifier
	Channels  Channels
	Scheduler Scheduler
	// Background runs long work (publishing a preview) after the request
	// returns; nil runs it at once, in the caller.
	Background func(work func())
	Settings   func() Settings
	// ChannelURL returns a link to a channel for calendars (nil: none).
	ChannelURL func(channelID string) string
	Now        func() time.Time
	NewID      func() string

	// Goals, CheckIns, Insight, Resources and Exports tell people about
	// goals, check-ins, the coordinators' insight, resources and exports.
	Goals     GoalNotifier
	CheckIns  CheckInNotifier
	Insight   InsightNotifier
	Resources ResourceNotifier
	Exports   ExportNotifier
	Digests   DigestNotifier

	// pools caches compiled mentors for suggestions on this node (set by
	// NewServices, shared by every request's services).
	pools *mentorPools
	// activity buffers who posted when in pair channels on this node until
	// the next flush (activity.go); search caches the resource hubs' search
	// indexes on this node (resources.go). Both set by NewServices.
	activity *activityBuffer
	search   *searchCache
}

// MatchNotifier tells people about matches. Like Notifier, it never fails the
// caller; methods that return a post id return "" when the DM could not be sent.
type MatchNotifier interface {
	// Proposal asks one side of a proposal (to) to accept or decline, with the
	// reasons for the pair written for that side; it returns the DM's post id.
	Proposal(p *domain.Program, m *domain.Match, to string) string
	// RequestSent asks the mentor to accept or decline a mentee's request; it
	// returns the DM's post id.
	RequestSent(p *domain.Program, m *domain.Match) string
	// RequestReminder reminds the mentor that a request expires soon.
	RequestReminder(p *domain.Program, m *domain.Match)
	// Decided replaces the buttons of m.Posts with the outcome (accepted by
	// both, declined, expired, withdrawn, full) so no stale button stays.
	Decided(p *domain.Program, m *domain.Match)
	// Refused tells the mentee that a request or proposal ended without a match
	// (declined, expired, the mentor filled up), offering next suggestions.
	Refused(p *domain.Program, m *domain.Match, next []Suggestion)
	// Introduce posts the introduction into the pair's new channel: the reasons,
	// the mentee's goals and a prompt to book a first session.
	Introduce(p *domain.Program, m *domain.Match, menteeGoals string)
	// Ended sends each side the exit survey and the mentee a "match me again".
	Ended(p *domain.Program, m *domain.Match)
	// Published tells the coordinator who published a preview how it went.
	Published(p *domain.Program, coordinatorID string, published, skipped int)
}

// Channels creates and archives pair channels.
type Channels interface {
	// EnsurePairChannel returns the pair's channel, creating it the first time.
	// Its name is derived from the match id, so concurrent calls on any number
	// of nodes end with one channel: the loser of the create finds the winner's.
	EnsurePairChannel(p *domain.Program, m *domain.Match, kind string) (string, error)
	// ArchiveChannel archives a pair channel; archiving twice is harmless.
	ArchiveChannel(channelID string) error
}

// Scheduler puts work on the due-work scheduler (jobs.Scheduler).
type Scheduler interface {
	// At makes work of kind due at a time; the same id again changes nothing.
	At(id, kind string, due time.Time, payload any) error
}
