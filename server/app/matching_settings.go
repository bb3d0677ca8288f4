package app

import (
	"slices"
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Bounds of the matching settings, for programs and the System Console alike.
// They are far inside the engine's own limits (matching.MaxWeight), so that no
// accepted setting can make a score overflow, and wide enough for any real use.
const (
	MaxMatchingWeight     = 1000
	MaxMinScore           = 1_000_000
	MinRequestExpiryHours = 2 // a reminder needs at least one hour before the expiry
	MaxRequestExpiryHours = 720
	// MaxRequestExpiryMinutes bounds the trial expiry in minutes (one day).
	MaxRequestExpiryMinutes = 1440
	MaxRetentionDays        = 3650
)

// Policies, PairChannels and Retentions list the allowed values, in the order
// they are offered to people.
var (
	msgExpiryMinutes = &i18n.Message{ID: "app.matching.expiry_minutes", Other: "request_expiry_minutes is {{.Value}}; give 1 to {{.Max}} minutes for a trial run, or 0 to use the expiry in hours."}
	Policies         = []string{string(matching.Participation), string(matching.Quality)}
	PairChannels     = []string{domain.PairChannelPrivate, domain.PairChannelGroup}
	Retentions       = []string{domain.RetainArchiveNow, domain.RetainArchiveLater, domain.RetainKeep}
)

var (
	msgWeightRange   = &i18n.Message{ID: "app.matching.weight_range", Other: "The {{.Name}} weight must be a whole number from 0 to {{.Max}}; {{.Value}} is not."}
	msgMinScoreRange = &i18n.Message{ID: "app.matching.min_score_range", Other: "The minimum score must be between -{{.Max}} and {{.Max}}; {{.Value}} is not."}
	msgExpiryRange   = &i18n.Message{ID: "app.matching.expiry_range", Other: "Requests and proposals expire after {{.Min}} to {{.Max}} hours; {{.Value}} is not in that range."}
	msgReminderRange = &i18n.Message{ID: "app.matching.reminder_range", Other: "The reminder goes 1 to {{.Max}} hours before a request expires; {{.Value}} is not in that range."}
	msgReminderLate  = &i18n.Message{ID: "app.matching.reminder_after_expiry", Other: "The reminder would go {{.Reminder}} hours before expiry, but requests expire after {{.Expiry}} hours; make the reminder shorter than the expiry."}
	msgRetentionDays = &i18n.Message{ID: "app.matching.retention_days_range", Other: "Archive the channel 1 to {{.Max}} days after the match ends; {{.Value}} is not in that range."}
)

// WeightsPatch changes some of a program's score weights; nil keeps a weight.
type WeightsPatch struct {
	Skill      *int `json:"skill"`
	Interest   *int `json:"interest"`
	Goal       *int `json:"goal"`
	Language   *int `json:"language"`
	TimeZone   *int `json:"time_zone"`
	Experience *int `json:"experience"`
}

// MatchingPatch changes some of a program's matching settings; nil keeps a
// setting. Its JSON is that of domain.MatchingSettings, so a client may send
// back the settings it read, changed or not.
type MatchingPatch struct {
	Weights               *WeightsPatch `json:"weights"`
	MinScore              *int64        `json:"min_score"`
	Policy                *string       `json:"policy"`
	ExcludeReportingLine  *bool         `json:"exclude_reporting_line"`
	ExcludeSameDepartment *bool         `json:"exclude_same_department"`
	RequestExpiryHours    *int          `json:"request_expiry_hours"`
	ReminderBeforeHours   *int          `json:"reminder_before_hours"`
	// RequestExpiryMinutes (REST only) makes requests and proposals expire after
	// minutes instead of hours, for a trial run of a program; 0 turns it off.
	RequestExpiryMinutes *int    `json:"request_expiry_minutes"`
	PairChannel          *string `json:"pair_channel"`
	Retention            *string `json:"retention"`
	RetentionDays        *int    `json:"retention_days"`
}

// ProgramMatching reads and changes a program's matching settings.
type ProgramMatching struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	deps     Deps
}

// Defaults are the System Console's matching defaults; a deployment that never
// set them (and tests) get the built-in ones.
func (s *ProgramMatching) Defaults() domain.MatchingDefaults {
	d := s.deps.Settings().Matching
	if d == (domain.MatchingDefaults{}) {
		return domain.BuiltInMatchingDefaults
	}
	return d
}

// Effective returns the program's settings with every unset field filled from
// the System Console: what matching obeys.
func (s *ProgramMatching) Effective(p *domain.Program) domain.MatchingSettings {
	return p.Matching.Effective(s.Defaults())
}

// Get returns the program's effective matching settings (coordinators and admins).
func (s *ProgramMatching) Get(actorID, programID string) (domain.MatchingSettings, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return domain.MatchingSettings{}, err
	}
	return s.Effective(p), nil
}

// Update changes the given settings (coordinators and admins) and returns the
// effective result. A bad value writes nothing.
func (s *ProgramMatching) Update(actorID, programID string, in MatchingPatch) (domain.MatchingSettings, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return domain.MatchingSettings{}, err
	}
	if err := in.clean(); err != nil {
		return domain.MatchingSettings{}, err
	}
	if in == (MatchingPatch{}) {
		return s.Effective(p), nil
	}
	defaults := s.Defaults()
	// The expiry and the reminder are checked against each other inside the
	// compare-and-set: each may come from the program or from the console.
	updated, err := s.store.UpdateProgram(programID, func(current *domain.Program) error {
		next := in.applyTo(current.Matching, defaults)
		if err := checkReminder(next.Effective(defaults), in.ReminderBeforeHours != nil); err != nil {
			return err
		}
		current.Matching = next
		current.UpdatedAt = s.deps.Now().UTC()
		return nil
	})
	if err != nil {
		return domain.MatchingSettings{}, err
	}
	s.deps.Notifier.Changed(updated.ID, updated.Coordinators...)
	return updated.Matching.Effective(defaults), nil
}

func (s *ProgramMatching) coordinated(actorID, programID string) (*domain.Program, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	return p, nil
}

// clean checks each given value on its own and normalizes the choices.
func (in *MatchingPatch) clean() error {
	if w := in.Weights; w != nil {
		for _, weight := range []struct {
			name  string
			value *int
		}{
			{"skill", w.Skill}, {"interest", w.Interest}, {"goal", w.Goal},
			{"language", w.Language}, {"time_zone", w.TimeZone}, {"experience", w.Experience},
		} {
			if weight.value != nil && (*weight.value < 0 || *weight.value > MaxMatchingWeight) {
				return invalid("weights."+weight.name, msgWeightRange, map[string]any{"Name": weight.name, "Max": MaxMatchingWeight, "Value": *weight.value})
			}
		}
		if *w == (WeightsPatch{}) {
			in.Weights = nil
		}
	}
	if m := in.MinScore; m != nil && (*m < -MaxMinScore || *m > MaxMinScore) {
		return invalid("min_score", msgMinScoreRange, map[string]any{"Max": MaxMinScore, "Value": *m})
	}
	if h := in.RequestExpiryHours; h != nil && (*h < MinRequestExpiryHours || *h > MaxRequestExpiryHours) {
		return invalid("request_expiry_hours", msgExpiryRange, map[string]any{"Min": MinRequestExpiryHours, "Max": MaxRequestExpiryHours, "Value": *h})
	}
	if h := in.ReminderBeforeHours; h != nil && (*h < 1 || *h >= MaxRequestExpiryHours) {
		return invalid("reminder_before_hours", msgReminderRange, map[string]any{"Max": MaxRequestExpiryHours - 1, "Value": *h})
	}
	if m := in.RequestExpiryMinutes; m != nil && (*m < 0 || *m > MaxRequestExpiryMinutes) {
		return invalid("request_expiry_minutes", msgExpiryMinutes, map[string]any{"Max": MaxRequestExpiryMinutes, "Value": *m})
	}
	if d := in.RetentionDays; d != nil && (*d < 1 || *d > MaxRetentionDays) {
		return invalid("retention_days", msgRetentionDays, map[string]any{"Max": MaxRetentionDays, "Value": *d})
	}
	for _, choice := range []struct {
		field   string
		value   *string
		allowed []string
	}{
		{"policy", in.Policy, Policies}, {"pair_channel", in.PairChannel, PairChannels}, {"retention", in.Retention, Retentions},
	} {
		if choice.value == nil {
			continue
		}
		v := strings.ToLower(strings.TrimSpace(*choice.value))
		if !slices.Contains(choice.allowed, v) {
			return invalid(choice.field, msgBadChoice, map[string]any{"Value": *choice.value, "Field": i18n.Field(choice.field), "Allowed": strings.Join(choice.allowed, ", ")})
		}
		*choice.value = v
	}
	return nil
}

// applyTo returns the stored settings s with the patch applied. Changing one
// weight stores all six: the others are taken from what was in effect.
func (in MatchingPatch) applyTo(s domain.MatchingSettings, d domain.MatchingDefaults) domain.MatchingSettings {
	if w := in.Weights; w != nil {
		weights := d.Weights
		if s.Weights != nil {
			weights = *s.Weights
		}
		setIf(&weights.Skill, w.Skill)
		setIf(&weights.Interest, w.Interest)
		setIf(&weights.Goal, w.Goal)
		setIf(&weights.Language, w.Language)
		setIf(&weights.TimeZone, w.TimeZone)
		setIf(&weights.Experience, w.Experience)
		s.Weights = &weights
	}
	if in.MinScore != nil {
		m := *in.MinScore
		s.MinScore = &m
	}
	setIf(&s.Policy, in.Policy)
	setIf(&s.ExcludeReportingLine, in.ExcludeReportingLine)
	setIf(&s.ExcludeSameDepartment, in.ExcludeSameDepartment)
	setIf(&s.RequestExpiryHours, in.RequestExpiryHours)
	setIf(&s.ReminderBeforeHours, in.ReminderBeforeHours)
	setIf(&s.RequestExpiryMinutes, in.RequestExpiryMinutes)
	setIf(&s.PairChannel, in.PairChannel)
	setIf(&s.Retention, in.Retention)
	setIf(&s.RetentionDays, in.RetentionDays)
	return s
}

// checkReminder refuses a reminder that would not come before the expiry,
// blaming the field the coordinator changed.
func checkReminder(eff domain.MatchingSettings, reminderGiven bool) error {
	if eff.ReminderBeforeHours < eff.RequestExpiryHours {
		return nil
	}
	field := "request_expiry_hours"
	if reminderGiven {
		field = "reminder_before_hours"
	}
	return invalid(field, msgReminderLate, map[string]any{"Reminder": eff.ReminderBeforeHours, "Expiry": eff.RequestExpiryHours})
}
