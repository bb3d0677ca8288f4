package app

import (
	"slices"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgLeadCount    = &i18n.Message{ID: "app.prefs.lead_count", Other: "Give at most {{.Max}} reminder times; you gave {{.Value}}."}
	msgLeadRange    = &i18n.Message{ID: "app.prefs.lead_range", Other: "A reminder goes {{.Min}} minutes to {{.MaxDays}} days ({{.Max}} minutes) before a session; {{.Value}} minutes is not in that range."}
	msgQuietBoth    = &i18n.Message{ID: "app.prefs.quiet_both", Other: "Quiet hours need a start and an end, like 22:00 to 08:00; give both, or neither to turn them off."}
	msgQuietClock   = &i18n.Message{ID: "app.prefs.quiet_clock", Other: "\"{{.Value}}\" is not a time of day; write it as HH:MM on a 24-hour clock, for example 22:00."}
	msgQuietSame    = &i18n.Message{ID: "app.prefs.quiet_same", Other: "Quiet hours from {{.Value}} to {{.Value}} are empty; give an end different from the start, or neither to turn them off."}
	msgBudgetRange  = &i18n.Message{ID: "app.prefs.budget_range", Other: "The weekly budget is how many nudges a week reach you one by one: 0 (all in a daily digest) to {{.Max}}; {{.Value}} is not in that range."}
	msgSnoozeRange  = &i18n.Message{ID: "app.prefs.snooze_range", Other: "Snooze reminders for 1 to {{.Max}} weeks, or 0 to end a snooze; {{.Value}} is not in that range."}
	msgFollowRange  = &i18n.Message{ID: "app.prefs.follow_up_range", Other: "\"Did you meet?\" is asked 1 to {{.Max}} minutes after a session ends, or 0 for the default; {{.Value}} is not in that range."}
	msgDefaultRange = &i18n.Message{ID: "app.prefs.default_minutes_range", Other: "A session lasts {{.Min}} to {{.Max}} minutes by default, or 0 for the System Console's default; {{.Value}} is not in that range."}
)

// Bounds of reminder preferences and of a program's session settings.
const (
	MinLeadMinutes  = 1
	MaxLeadMinutes  = 7 * 24 * 60
	MaxLeadTimes    = 4
	MaxWeeklyBudget = 100
	MaxSnoozeWeeks  = 12
	// MaxFollowUpMinutes bounds how long after a session "did you meet?" waits.
	MaxFollowUpMinutes = 7 * 24 * 60
)

// builtInLeadMinutes are the reminders when neither the user, the program nor
// the System Console say: a day and an hour before.
var builtInLeadMinutes = []int{24 * 60, 60}

// builtInFollowUpMinutes is the follow-up delay when nobody set one.
const builtInFollowUpMinutes = 15

// PreferencesInput changes some of a user's reminder preferences; nil keeps a
// value. An empty LeadMinutes list goes back to the default lead times; empty
// QuietStart and QuietEnd turn quiet hours off; SnoozeWeeks 0 ends a snooze.
type PreferencesInput struct {
	LeadMinutes  *[]int  `json:"lead_minutes"`
	QuietStart   *string `json:"quiet_start"`
	QuietEnd     *string `json:"quiet_end"`
	WeeklyBudget *int    `json:"weekly_budget"`
	SnoozeWeeks  *int    `json:"snooze_weeks"`
}

// PreferencesView is what a user sees of their preferences: the values in
// effect (their own or the defaults) and the state of their calendar feed,
// never its secret.
type PreferencesView struct {
	LeadMinutes []int `json:"lead_minutes"`
	// OwnLeadMinutes tells that LeadMinutes are the user's own, not the default.
	OwnLeadMinutes bool      `json:"own_lead_minutes"`
	QuietStart     string    `json:"quiet_start"`
	QuietEnd       string    `json:"quiet_end"`
	WeeklyBudget   int       `json:"weekly_budget"`
	SnoozeUntil    time.Time `json:"snooze_until,omitzero"`
	TimeZone       string    `json:"time_zone"`
	FeedActive     bool      `json:"feed_active"`
	FeedCreated    time.Time `json:"feed_created,omitzero"`
}

// Preferences returns the actor's reminder preferences.
func (s *Sessions) Preferences(actorID string) (*PreferencesView, error) {
	p, _, err := s.store.GetPreferences(actorID)
	if err != nil {
		return nil, err
	}
	return s.preferencesView(p), nil
}

// SetPreferences changes the given preferences. Every value is checked before
// anything is written: a bad one stores nothing.
func (s *Sessions) SetPreferences(actorID string, in PreferencesInput) (*PreferencesView, error) {
	if err := in.clean(); err != nil {
		return nil, err
	}
	now := s.now()
	p, err := s.store.UpdatePreferences(actorID, func(p *domain.Preferences) error {
		if in.LeadMinutes != nil {
			p.LeadMinutes = *in.LeadMinutes
		}
		if in.QuietStart != nil {
			p.QuietStart, p.QuietEnd = *in.QuietStart, *in.QuietEnd
		}
		if in.WeeklyBudget != nil {
			budget := *in.WeeklyBudget
			p.WeeklyBudget = &budget
		}
		if w := in.SnoozeWeeks; w != nil {
			p.SnoozeUntil = time.Time{}
			if *w > 0 {
				p.SnoozeUntil = now.AddDate(0, 0, 7**w)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.preferencesView(p), nil
}

func (s *Sessions) preferencesView(p *domain.Preferences) *PreferencesView {
	zone, _ := mattermostZone(s.deps.Directory, p.UserID)
	v := &PreferencesView{
		LeadMinutes: p.LeadMinutes, OwnLeadMinutes: len(p.LeadMinutes) > 0,
		QuietStart: p.QuietStart, QuietEnd: p.QuietEnd,
		WeeklyBudget: s.weeklyBudget(p),
		TimeZone:     zone,
		FeedActive:   p.FeedTokenHash != "",
	}
	if !v.OwnLeadMinutes {
		v.LeadMinutes = s.consoleLeadMinutes()
	}
	if p.SnoozeUntil.After(s.now()) {
		v.SnoozeUntil = p.SnoozeUntil
	}
	if v.FeedActive {
		v.FeedCreated = p.FeedTokenCreated
	}
	return v
}

// consoleLeadMinutes are the System Console's lead times, or the built-in ones.
func (s *Sessions) consoleLeadMinutes() []int {
	if lead := s.deps.Settings().Sessions.LeadMinutes; len(lead) > 0 {
		return slices.Clone(lead)
	}
	return slices.Clone(builtInLeadMinutes)
}

// clean checks every given value and normalizes it.
func (in *PreferencesInput) clean() error {
	if in.LeadMinutes != nil {
		lead, err := cleanLeadMinutes(*in.LeadMinutes)
		if err != nil {
			return err
		}
		in.LeadMinutes = &lead
	}
	if (in.QuietStart == nil) != (in.QuietEnd == nil) {
		return invalid("quiet_start", msgQuietBoth, nil)
	}
	if in.QuietStart != nil {
		start, end, err := cleanQuiet(*in.QuietStart, *in.QuietEnd)
		if err != nil {
			return err
		}
		in.QuietStart, in.QuietEnd = &start, &end
	}
	if b := in.WeeklyBudget; b != nil && (*b < 0 || *b > MaxWeeklyBudget) {
		return invalid("weekly_budget", msgBudgetRange, map[string]any{"Max": MaxWeeklyBudget, "Value": *b})
	}
	if w := in.SnoozeWeeks; w != nil && (*w < 0 || *w > MaxSnoozeWeeks) {
		return invalid("snooze_weeks", msgSnoozeRange, map[string]any{"Max": MaxSnoozeWeeks, "Value": *w})
	}
	return nil
}

// cleanLeadMinutes checks lead times and returns them without repeats, the
// earliest reminder first; an empty list stays empty (the default).
func cleanLeadMinutes(lead []int) ([]int, error) {
	out := slices.Clone(lead)
	slices.SortFunc(out, func(a, b int) int { return b - a })
	out = slices.Compact(out)
	if len(out) > MaxLeadTimes {
		return nil, invalid("lead_minutes", msgLeadCount, map[string]any{"Max": MaxLeadTimes, "Value": len(out)})
	}
	for _, m := range out {
		if m < MinLeadMinutes || m > MaxLeadMinutes {
			return nil, invalid("lead_minutes", msgLeadRange, map[string]any{"Min": MinLeadMinutes, "Max": MaxLeadMinutes, "MaxDays": MaxLeadMinutes / (24 * 60), "Value": m})
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// cleanQuiet checks quiet hours: both empty (none) or two different times.
func cleanQuiet(start, end string) (string, string, error) {
	if start == "" && end == "" {
		return "", "", nil
	}
	if start == "" || end == "" {
		return "", "", invalid("quiet_start", msgQuietBoth, nil)
	}
	from, ok := parseClock(start)
	if !ok {
		return "", "", invalid("quiet_start", msgQuietClock, map[string]any{"Value": start})
	}
	to, ok := parseClock(end)
	if !ok {
		return "", "", invalid("quiet_end", msgQuietClock, map[string]any{"Value": end})
	}
	if from == to {
		return "", "", invalid("quiet_end", msgQuietSame, map[string]any{"Value": formatClock(from)})
	}
	return formatClock(from), formatClock(to), nil
}

// ProgramSettings returns a program's session settings in effect, every unset
// value filled from the System Console (coordinators and admins).
func (s *Sessions) ProgramSettings(actorID, programID string) (domain.SessionSettings, error) {
	p, err := s.coordinatedProgram(actorID, programID)
	if err != nil {
		return domain.SessionSettings{}, err
	}
	return s.programSessionSettings(p), nil
}

// SetProgramSettings replaces a program's session settings (coordinators and
// admins): nil lead times and zero minutes mean the System Console's defaults.
// A bad value stores nothing. It returns the settings in effect.
func (s *Sessions) SetProgramSettings(actorID, programID string, in domain.SessionSettings) (domain.SessionSettings, error) {
	p, err := s.coordinatedProgram(actorID, programID)
	if err != nil {
		return domain.SessionSettings{}, err
	}
	if in.LeadMinutes, err = cleanLeadMinutes(in.LeadMinutes); err != nil {
		return domain.SessionSettings{}, err
	}
	if in.FollowUpMinutes < 0 || in.FollowUpMinutes > MaxFollowUpMinutes {
		return domain.SessionSettings{}, invalid("follow_up_minutes", msgFollowRange, map[string]any{"Max": MaxFollowUpMinutes, "Value": in.FollowUpMinutes})
	}
	if m := in.DefaultMinutes; m != 0 && (time.Duration(m)*time.Minute < domain.MinSessionLength || time.Duration(m)*time.Minute > domain.MaxSessionLength) {
		return domain.SessionSettings{}, invalid("default_minutes", msgDefaultRange, map[string]any{
			"Min": int(domain.MinSessionLength / time.Minute), "Max": int(domain.MaxSessionLength / time.Minute), "Value": m})
	}
	updated, err := s.store.UpdateProgram(p.ID, func(current *domain.Program) error {
		current.Sessions = in
		current.UpdatedAt = s.now()
		return nil
	})
	if err != nil {
		return domain.SessionSettings{}, err
	}
	if s.deps.Notifier != nil {
		s.deps.Notifier.Changed(updated.ID, updated.Coordinators...)
	}
	return s.programSessionSettings(updated), nil
}

// programSessionSettings are a program's session settings with every unset
// value taken from the System Console, or the built-in defaults.
func (s *Sessions) programSessionSettings(p *domain.Program) domain.SessionSettings {
	eff := p.Sessions
	if len(eff.LeadMinutes) == 0 {
		eff.LeadMinutes = s.consoleLeadMinutes()
	} else {
		eff.LeadMinutes = slices.Clone(eff.LeadMinutes)
	}
	if eff.FollowUpMinutes == 0 {
		eff.FollowUpMinutes = s.deps.Settings().Sessions.FollowUpMinutes
	}
	if eff.FollowUpMinutes == 0 {
		eff.FollowUpMinutes = builtInFollowUpMinutes
	}
	eff.DefaultMinutes = s.defaultMinutes(p)
	return eff
}

func (s *Sessions) coordinatedProgram(actorID, programID string) (*domain.Program, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	return p, nil
}
