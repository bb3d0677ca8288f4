package domain

import "time"

// MatchHealth is a match's line in its program's health ledger: what the
// coordinator insight, the at-risk list and the exports need about one match,
// kept small and recomputed from the authoritative records (the match, its
// sessions, goals and check-ins) after each change, so the insight of a
// program reads the ledger's pages instead of every record of every match.
// Activity is the exception: it is merged in by the chat hook's flushes and
// kept by the recomputation.
type MatchHealth struct {
	MatchID     string    `json:"match_id"`
	ProgramID   string    `json:"program_id"`
	MentorID    string    `json:"mentor_id"`
	MenteeID    string    `json:"mentee_id"`
	Status      string    `json:"status"`
	Origin      string    `json:"origin,omitempty"`
	Score       int64     `json:"score,omitempty"`
	ChannelID   string    `json:"channel_id,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	ActivatedAt time.Time `json:"activated_at,omitzero"`
	EndedAt     time.Time `json:"ended_at,omitzero"`
	EndReason   string    `json:"end_reason,omitempty"`

	// Sessions: meetings whose start has passed and that were not cancelled
	// (planned), those at least one side marked attended (held), and every
	// attendance mark given.
	SessionsPlanned int       `json:"sessions_planned"`
	SessionsHeld    int       `json:"sessions_held"`
	Attended        int       `json:"attended"` // attendance marks "attended"
	Missed          int       `json:"missed"`   // attendance marks "missed"
	FirstSessionAt  time.Time `json:"first_session_at,omitzero"`
	LastSessionAt   time.Time `json:"last_session_at,omitzero"` // the last held (or, unmarked, planned) meeting
	NextSessionAt   time.Time `json:"next_session_at,omitzero"`
	// HeldDays are the UTC dates (YYYY-MM-DD) of held meetings in the last
	// HealthTrendWeeks weeks, for the sessions-per-week trend.
	HeldDays []string `json:"held_days,omitempty"`

	// Ratings from session feedback and exit surveys.
	RatingSum   int `json:"rating_sum"`
	RatingCount int `json:"rating_count"`
	LastRating  int `json:"last_rating,omitempty"`

	// Goals.
	Goals        int `json:"goals"`
	GoalsDone    int `json:"goals_done"`
	GoalsDropped int `json:"goals_dropped"`
	GoalsAtRisk  int `json:"goals_at_risk"`
	// OpenProgress is the progress (0–100) of every open goal.
	OpenProgress []int `json:"open_progress,omitempty"`
	// StalledSince is the oldest ProgressAt among open goals (zero: none open).
	StalledSince time.Time `json:"stalled_since,omitzero"`

	// CheckIns are the answers of the last HealthTrendWeeks weeks.
	CheckIns []CheckInAnswer `json:"check_ins,omitempty"`

	// Activity in the pair's channel (metadata only: who posted when).
	Activity map[string]*ChannelActivity `json:"activity,omitempty"`

	// NudgedAt is when a coordinator last nudged the pair from the at-risk list.
	NudgedAt  time.Time `json:"nudged_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ChannelActivity is one person's posting in the pair's channel.
type ChannelActivity struct {
	LastPostAt time.Time `json:"last_post_at,omitzero"`
	// Days counts posts per UTC date (YYYY-MM-DD), the last HealthActivityDays only.
	Days map[string]int `json:"days,omitempty"`
}

// How far back the ledger keeps trends.
const (
	HealthTrendWeeks   = 12
	HealthActivityDays = 30
)

// Insight thresholds, defaults of InsightSettings.
const (
	DefaultNoSessionDays    = 21
	DefaultFirstMeetingDays = 14
	DefaultStalledGoalDays  = 21
	DefaultSilentDays       = 7
	DefaultLowRating        = 2
	DefaultDigestDay        = "mon"
	DefaultDigestTime       = "09:00"
)

// InsightSettings are a program's at-risk thresholds and digest time; zero
// values mean the defaults above.
type InsightSettings struct {
	NoSessionDays    int `json:"no_session_days,omitempty"`    // an active match with no meeting in N days
	FirstMeetingDays int `json:"first_meeting_days,omitempty"` // no first meeting M days after matching
	StalledGoalDays  int `json:"stalled_goal_days,omitempty"`  // an open goal that has not moved in N days
	SilentDays       int `json:"silent_days,omitempty"`        // one side has not posted in the pair's channel in N days while the other has
	LowRating        int `json:"low_rating,omitempty"`         // a rating at or below this is low
	// DigestDay (mon…sun, or "off") and DigestTime (HH:MM, in each
	// coordinator's zone) say when the weekly digest arrives.
	DigestDay  string `json:"digest_day,omitempty"`
	DigestTime string `json:"digest_time,omitempty"`
}

// WithDefaults fills zero values with the defaults.
func (s InsightSettings) WithDefaults() InsightSettings {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&s.NoSessionDays, DefaultNoSessionDays)
	def(&s.FirstMeetingDays, DefaultFirstMeetingDays)
	def(&s.StalledGoalDays, DefaultStalledGoalDays)
	def(&s.SilentDays, DefaultSilentDays)
	def(&s.LowRating, DefaultLowRating)
	if s.DigestDay == "" {
		s.DigestDay = DefaultDigestDay
	}
	if s.DigestTime == "" {
		s.DigestTime = DefaultDigestTime
	}
	return s
}
