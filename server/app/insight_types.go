package app

import "time"

// InsightView is a program's health as its coordinators see it (GET
// /programs/{id}/insight, the sidebar's coordinator tab, the weekly digest).
type InsightView struct {
	ProgramID    string              `json:"program_id"`
	GeneratedAt  time.Time           `json:"generated_at"`
	Participants ParticipantCounts   `json:"participants"`
	Matches      MatchCounts         `json:"matches"`
	Sessions     SessionStats        `json:"sessions"`
	Goals        GoalStats           `json:"goals"`
	Ratings      RatingStats         `json:"ratings"`
	CheckIns     []CheckInWeek       `json:"check_ins"` // the last 12 ISO weeks, oldest first
	Resources    ResourceStats       `json:"resources"`
	AtRisk       []AtRiskMatch       `json:"at_risk"` // the first 100, worst first
	AtRiskTotal  int                 `json:"at_risk_total"`
	Settings     InsightSettingsView `json:"settings"`
}

// InsightSettingsView are the thresholds in force (defaults filled).
type InsightSettingsView struct {
	NoSessionDays    int    `json:"no_session_days"`
	FirstMeetingDays int    `json:"first_meeting_days"`
	StalledGoalDays  int    `json:"stalled_goal_days"`
	SilentDays       int    `json:"silent_days"`
	LowRating        int    `json:"low_rating"`
	DigestDay        string `json:"digest_day"`
	DigestTime       string `json:"digest_time"`
}

// ParticipantCounts count a program's members: Total and ByRole the current
// participants (active or paused), ByStatus every member the roster lists,
// including those waiting for approval, who left or were declined.
type ParticipantCounts struct {
	Total    int            `json:"total"`
	ByRole   map[string]int `json:"by_role"`   // mentor, mentee, both, peer
	ByStatus map[string]int `json:"by_status"` // active, paused, pending, left, declined
}

// MatchCounts count a program's matches by status (every status but drafts
// and void publishes, which nobody saw).
type MatchCounts struct {
	Total    int            `json:"total"`
	Active   int            `json:"active"`
	ByStatus map[string]int `json:"by_status"`
}

// SessionStats are the meetings of the program's matches.
type SessionStats struct {
	Planned        int           `json:"planned"` // started and not cancelled
	Held           int           `json:"held"`
	AttendanceRate float64       `json:"attendance_rate"` // attended / (attended + missed); 0 when none marked
	PerWeek        []SessionWeek `json:"per_week"`        // the last 12 ISO weeks, oldest first
}

// SessionWeek is one ISO week of the sessions trend.
type SessionWeek struct {
	Week  string `json:"week"`  // "2026-W47"
	Start string `json:"start"` // its Monday, YYYY-MM-DD
	Held  int    `json:"held"`
}

// GoalStats are the goals of the program's matches.
type GoalStats struct {
	Total          int     `json:"total"`
	Done           int     `json:"done"`
	Dropped        int     `json:"dropped"`
	AtRisk         int     `json:"at_risk"`
	CompletionRate float64 `json:"completion_rate"` // done / (total - dropped)
	// ProgressBuckets count open goals by progress: 0–19, 20–39, 40–59, 60–79, 80–100.
	ProgressBuckets [5]int `json:"progress_buckets"`
}

// RatingStats average the ratings of session feedback and exit surveys.
type RatingStats struct {
	Average float64 `json:"average"` // 0 when none
	Count   int     `json:"count"`
}

// CheckInWeek counts the check-in answers of one ISO week.
type CheckInWeek struct {
	Week       string `json:"week"`
	Start      string `json:"start"`
	Great      int    `json:"great"`
	Fine       int    `json:"fine"`
	Struggling int    `json:"struggling"`
}

// ResourceStats are the program's resource hub counts (its own and the
// global resources, as used in this program).
type ResourceStats struct {
	Views  int            `json:"views"`
	Shares int            `json:"shares"`
	Top    []ResourceStat `json:"top"` // the 5 most viewed
}

// ResourceStat is one resource's counts.
type ResourceStat struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Views  int    `json:"views"`
	Shares int    `json:"shares"`
}

// At-risk reasons.
const (
	RiskNoSession    = "no_session" // Days since the last meeting (or since matching, none held)
	RiskNoFirst      = "no_first_meeting"
	RiskStalledGoal  = "stalled_goal"    // Days since the oldest open goal moved
	RiskLowRating    = "low_rating"      // Rating
	RiskStruggling   = "struggling"      // UserID answered "struggling" to the latest check-in
	RiskOneSideQuiet = "one_side_silent" // UserID has not posted in the pair's channel for Days while the other has
)

// AtRiskMatch is one match on the at-risk list.
type AtRiskMatch struct {
	MatchID   string       `json:"match_id"`
	MentorID  string       `json:"mentor_id"`
	MenteeID  string       `json:"mentee_id"`
	ChannelID string       `json:"channel_id,omitempty"`
	Reasons   []RiskReason `json:"reasons"`
	NudgedAt  time.Time    `json:"nudged_at,omitzero"`
}

// RiskReason is why a match is at risk. A match's reasons come in this order:
// no_session or no_first_meeting, stalled_goal, low_rating, struggling (one per
// side, mentee first), one_side_silent.
type RiskReason struct {
	Code   string `json:"code"`
	Days   int    `json:"days,omitempty"`
	UserID string `json:"user_id,omitempty"`
	Rating int    `json:"rating,omitempty"`
}
