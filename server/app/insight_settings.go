package app

import (
	"slices"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Limits of the insight settings.
const (
	MinRiskDays  = 1
	MaxRiskDays  = 365
	MinLowRating = 1
	MaxLowRating = 4
)

// DigestDays are the digest days a program may choose, "off" last.
var DigestDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun", DigestOff}

var (
	msgNoSessionRange = &i18n.Message{ID: "app.insight.no_session_range",
		Other: "The days without a session must be a whole number from {{.Min}} to {{.Max}}."}
	msgFirstMeetingRange = &i18n.Message{ID: "app.insight.first_meeting_range",
		Other: "The days to a first meeting must be a whole number from {{.Min}} to {{.Max}}."}
	msgStalledRange = &i18n.Message{ID: "app.insight.stalled_range",
		Other: "The days before a goal counts as stalled must be a whole number from {{.Min}} to {{.Max}}."}
	msgSilentRange = &i18n.Message{ID: "app.insight.silent_range",
		Other: "The days of silence in the pair's channel must be a whole number from {{.Min}} to {{.Max}}."}
	msgLowRatingRange = &i18n.Message{ID: "app.insight.low_rating_range",
		Other: "The low rating must be from {{.Min}} to {{.Max}}: ratings at or below it put a pair on the at-risk list."}
	msgDigestDay = &i18n.Message{ID: "app.insight.digest_day",
		Other: "\"{{.Value}}\" is not a digest day; use one of: {{.Allowed}}."}
	msgDigestTime = &i18n.Message{ID: "app.insight.digest_time",
		Other: "\"{{.Value}}\" is not a time of day; write it as HH:MM on a 24-hour clock, for example 09:00."}
)

// InsightSettingsInput changes a program's insight settings; a nil field
// keeps its value.
type InsightSettingsInput struct {
	NoSessionDays    *int    `json:"no_session_days"`
	FirstMeetingDays *int    `json:"first_meeting_days"`
	StalledGoalDays  *int    `json:"stalled_goal_days"`
	SilentDays       *int    `json:"silent_days"`
	LowRating        *int    `json:"low_rating"`
	DigestDay        *string `json:"digest_day"`
	DigestTime       *string `json:"digest_time"`
}

// Settings returns the thresholds in force (coordinators and admins).
func (s *Insight) Settings(actorID, programID string) (*InsightSettingsView, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	v := settingsView(p.Insight.WithDefaults())
	return &v, nil
}

// SetSettings validates and saves the settings in one compare-and-set of the
// program; a bad field saves nothing.
func (s *Insight) SetSettings(actorID, programID string, in InsightSettingsInput) (*InsightSettingsView, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	// Before the commit, so a node that dies right after it still leaves the
	// digest scheduled at the new day and time.
	if err := s.programs.scheduleDigests(p.ID); err != nil {
		return nil, err
	}
	updated, err := s.store.UpdateProgram(p.ID, func(current *domain.Program) error {
		in.apply(&current.Insight)
		current.UpdatedAt = s.now()
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The digest's day or time may have moved: schedule the next one at the new
	// time (the item at the old time finds it no longer matches and sends
	// nothing). Saving again after a failure here is harmless.
	if err := newDigests(s.base).Ensure(updated.ID); err != nil {
		return nil, err
	}
	s.deps.Notifier.Changed(updated.ID, updated.Coordinators...)
	v := settingsView(updated.Insight.WithDefaults())
	return &v, nil
}

func (in InsightSettingsInput) validate() error {
	for _, f := range []struct {
		field string
		value *int
		msg   *i18n.Message
	}{
		{"no_session_days", in.NoSessionDays, msgNoSessionRange},
		{"first_meeting_days", in.FirstMeetingDays, msgFirstMeetingRange},
		{"stalled_goal_days", in.StalledGoalDays, msgStalledRange},
		{"silent_days", in.SilentDays, msgSilentRange},
	} {
		most := MaxRiskDays
		if f.field == "silent_days" {
			most = domain.HealthActivityDays // the ledger keeps no older chat activity
		}
		if f.value != nil && (*f.value < MinRiskDays || *f.value > most) {
			return invalid(f.field, f.msg, map[string]any{"Min": MinRiskDays, "Max": most})
		}
	}
	if in.LowRating != nil && (*in.LowRating < MinLowRating || *in.LowRating > MaxLowRating) {
		return invalid("low_rating", msgLowRatingRange, map[string]any{"Min": MinLowRating, "Max": MaxLowRating})
	}
	if in.DigestDay != nil && !slices.Contains(DigestDays, strings.ToLower(strings.TrimSpace(*in.DigestDay))) {
		return invalid("digest_day", msgDigestDay, map[string]any{"Value": *in.DigestDay, "Allowed": strings.Join(DigestDays, ", ")})
	}
	if in.DigestTime != nil {
		if _, err := time.Parse("15:04", strings.TrimSpace(*in.DigestTime)); err != nil || len(strings.TrimSpace(*in.DigestTime)) != 5 {
			return invalid("digest_time", msgDigestTime, map[string]any{"Value": *in.DigestTime})
		}
	}
	return nil
}

func (in InsightSettingsInput) apply(s *domain.InsightSettings) {
	set := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	set(&s.NoSessionDays, in.NoSessionDays)
	set(&s.FirstMeetingDays, in.FirstMeetingDays)
	set(&s.StalledGoalDays, in.StalledGoalDays)
	set(&s.SilentDays, in.SilentDays)
	set(&s.LowRating, in.LowRating)
	if in.DigestDay != nil {
		s.DigestDay = strings.ToLower(strings.TrimSpace(*in.DigestDay))
	}
	if in.DigestTime != nil {
		s.DigestTime = strings.TrimSpace(*in.DigestTime)
	}
}
