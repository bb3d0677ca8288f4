package domain

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// Pair channel kinds: where an accepted pair talks.
const (
	PairChannelPrivate = "private" // a private channel in the program's team
	PairChannelGroup   = "group"   // a group message with the two and the bot
)

// Retention of a pair's channel once the match ends.
const (
	RetainArchiveNow   = "archive"    // archive the channel at once
	RetainArchiveLater = "after_days" // archive it RetentionDays after the end
	RetainKeep         = "keep"       // never archive it
)

// MatchingSettings are a program's matching choices. A zero field means the
// System Console default (Defaults below fills them).
type MatchingSettings struct {
	// Weights turn compatibility into points; nil means the console's.
	Weights *matching.Weights `json:"weights,omitempty"`
	// MinScore is the lowest score a proposal or suggestion may have; nil = console.
	MinScore *int64 `json:"min_score,omitempty"`
	// Policy is matching.Participation or matching.Quality; "" = console.
	Policy                string `json:"policy,omitempty"`
	ExcludeReportingLine  bool   `json:"exclude_reporting_line,omitempty"`
	ExcludeSameDepartment bool   `json:"exclude_same_department,omitempty"`
	// RequestExpiryHours is how long a request or proposal waits for an answer;
	// 0 = console.
	RequestExpiryHours int `json:"request_expiry_hours,omitempty"`
	// ReminderBeforeHours is how long before expiry the one reminder goes; 0 = console.
	ReminderBeforeHours int `json:"reminder_before_hours,omitempty"`
	// RequestExpiryMinutes, when set, replaces RequestExpiryHours (trial runs):
	// the reminder then goes at half time.
	RequestExpiryMinutes int    `json:"request_expiry_minutes,omitempty"`
	PairChannel          string `json:"pair_channel,omitempty"` // PairChannel*; "" = console
	Retention            string `json:"retention,omitempty"`    // Retain*; "" = console
	RetentionDays        int    `json:"retention_days,omitempty"`
}

// MatchingDefaults are the System Console values a program falls back on.
type MatchingDefaults struct {
	Weights             matching.Weights
	MinScore            int64
	Policy              string
	RequestExpiryHours  int
	ReminderBeforeHours int
	PairChannel         string
	Retention           string
	RetentionDays       int
}

// BuiltInMatchingDefaults are used when the System Console says nothing.
var BuiltInMatchingDefaults = MatchingDefaults{
	Weights: matching.DefaultWeights, MinScore: 0, Policy: string(matching.Participation),
	RequestExpiryHours: 72, ReminderBeforeHours: 24,
	PairChannel: PairChannelPrivate, Retention: RetainArchiveLater, RetentionDays: 30,
}

// Effective fills the unset fields of s from d.
func (s MatchingSettings) Effective(d MatchingDefaults) MatchingSettings {
	if s.Weights == nil {
		w := d.Weights
		s.Weights = &w
	}
	if s.MinScore == nil {
		m := d.MinScore
		s.MinScore = &m
	}
	if s.Policy == "" {
		s.Policy = d.Policy
	}
	if s.RequestExpiryHours == 0 {
		s.RequestExpiryHours = d.RequestExpiryHours
	}
	if s.ReminderBeforeHours == 0 {
		s.ReminderBeforeHours = d.ReminderBeforeHours
	}
	if s.PairChannel == "" {
		s.PairChannel = d.PairChannel
	}
	if s.Retention == "" {
		s.Retention = d.Retention
	}
	if s.RetentionDays == 0 {
		s.RetentionDays = d.RetentionDays
	}
	return s
}

// RequestExpiry is how long a request or proposal waits for an answer.
func (s MatchingSettings) RequestExpiry() time.Duration {
	if s.RequestExpiryMinutes > 0 {
		return time.Duration(s.RequestExpiryMinutes) * time.Minute
	}
	return time.Duration(s.RequestExpiryHours) * time.Hour
}

// ReminderBefore is how long before the expiry the reminder goes: half the
// expiry when the configured lead would fall before the request was sent.
func (s MatchingSettings) ReminderBefore() time.Duration {
	lead := time.Duration(s.ReminderBeforeHours) * time.Hour
	if expiry := s.RequestExpiry(); lead >= expiry {
		return expiry / 2
	}
	return lead
}
