package main

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// Values of the ProgramCreators setting.
const (
	creatorsAdmins  = "admins"
	creatorsMembers = "members"
)

// Bounds of the due-work sweep interval: a second is for tests; an hour would
// already make expiries and reminders late by as much.
const (
	defaultSweepSeconds = 60
	maxSweepSeconds     = 3600
)

// configuration mirrors settings_schema in plugin.json. It is replaced, never
// changed in place, so readers can hold a pointer without locking.
type configuration struct {
	ProgramCreators string
	BotDisplayName  string

	// Defaults of every program's matching settings (domain.MatchingDefaults).
	MatchWeightSkill         consoleNumber
	MatchWeightInterest      consoleNumber
	MatchWeightGoal          consoleNumber
	MatchWeightLanguage      consoleNumber
	MatchWeightTimeZone      consoleNumber
	MatchWeightExperience    consoleNumber
	MatchMinScore            consoleNumber
	MatchPolicy              string
	RequestExpiryHours       consoleNumber
	RequestReminderHours     consoleNumber
	PairChannel              string
	PairChannelRetention     string
	PairChannelRetentionDays consoleNumber

	// Session defaults (app.SessionDefaults).
	SessionReminderLeads   string // minutes before a session, comma-separated ("1440,60")
	SessionFollowUpMinutes consoleNumber
	SessionDefaultMinutes  consoleNumber
	NudgeWeeklyBudget      consoleNumber

	// siteURL is the server's Site URL (not a plugin setting), read with it.
	siteURL string

	// DueWorkSweepSeconds is how often the due-work scheduler looks for work
	// that has come due (expiries, reminders, archiving).
	DueWorkSweepSeconds consoleNumber
}

// consoleNumber is a whole-number setting. The System Console and config.json
// may hold it as a JSON number or as a string, and LoadPluginConfiguration
// drops a value it cannot decode without a word, so both are read here and a
// bad value is kept as typed for validate to report.
type consoleNumber struct {
	value int64
	set   bool
	bad   string
}

// consoleNumber is decoded and encoded through these interfaces only.
var (
	_ json.Unmarshaler = (*consoleNumber)(nil)
	_ json.Marshaler   = consoleNumber{}
)

func number(v int64) consoleNumber { return consoleNumber{value: v, set: true} }

func (n *consoleNumber) UnmarshalJSON(data []byte) error {
	*n = consoleNumber{}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		n.bad = string(data)
		return nil
	}
	switch v := raw.(type) {
	case nil:
	case float64:
		if v != math.Trunc(v) || math.Abs(v) > 1e15 {
			n.bad = string(data)
			return nil
		}
		n.value, n.set = int64(v), true
	case string:
		s := strings.TrimSpace(v)
		if s == "" {
			return nil
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			n.bad = v
			return nil
		}
		n.value, n.set = i, true
	default:
		n.bad = string(data)
	}
	return nil
}

// MarshalJSON writes the number back as the console shows it (configuration
// clones and logs go through JSON).
func (n consoleNumber) MarshalJSON() ([]byte, error) {
	if !n.set {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatInt(n.value, 10)), nil
}

func (n *consoleNumber) orDefault(v int64) {
	if !n.set && n.bad == "" {
		*n = number(v)
	}
}

func (c *configuration) setDefaults() {
	if strings.TrimSpace(c.ProgramCreators) == "" {
		c.ProgramCreators = creatorsAdmins
	}
	if strings.TrimSpace(c.BotDisplayName) == "" {
		c.BotDisplayName = "Mentorship"
	}
	d := domain.BuiltInMatchingDefaults
	for _, w := range []struct {
		n *consoleNumber
		v int
	}{
		{&c.MatchWeightSkill, d.Weights.Skill}, {&c.MatchWeightInterest, d.Weights.Interest},
		{&c.MatchWeightGoal, d.Weights.Goal}, {&c.MatchWeightLanguage, d.Weights.Language},
		{&c.MatchWeightTimeZone, d.Weights.TimeZone}, {&c.MatchWeightExperience, d.Weights.Experience},
		{&c.RequestExpiryHours, d.RequestExpiryHours}, {&c.RequestReminderHours, d.ReminderBeforeHours},
		{&c.PairChannelRetentionDays, d.RetentionDays}, {&c.DueWorkSweepSeconds, defaultSweepSeconds},
		{&c.SessionFollowUpMinutes, 15}, {&c.SessionDefaultMinutes, 30}, {&c.NudgeWeeklyBudget, app.DefaultWeeklyBudget},
	} {
		w.n.orDefault(int64(w.v))
	}
	c.MatchMinScore.orDefault(d.MinScore)
	if strings.TrimSpace(c.SessionReminderLeads) == "" {
		c.SessionReminderLeads = "1440,60"
	}
	for _, s := range []struct {
		value *string
		def   string
	}{{&c.MatchPolicy, d.Policy}, {&c.PairChannel, d.PairChannel}, {&c.PairChannelRetention, d.Retention}} {
		*s.value = strings.ToLower(strings.TrimSpace(*s.value))
		if *s.value == "" {
			*s.value = s.def
		}
	}
}

func (c *configuration) validate() error {
	switch c.ProgramCreators {
	case creatorsAdmins, creatorsMembers:
	default:
		return errors.Errorf("ProgramCreators is %q; it must be %q or %q", c.ProgramCreators, creatorsAdmins, creatorsMembers)
	}
	if n := utf8.RuneCountInString(c.BotDisplayName); n > 64 {
		return errors.Errorf("BotDisplayName is %d characters long; keep it to 64 or fewer", n)
	}
	for _, r := range []struct {
		key      string
		n        consoleNumber
		min, max int64
	}{
		{"MatchWeightSkill", c.MatchWeightSkill, 0, app.MaxMatchingWeight},
		{"MatchWeightInterest", c.MatchWeightInterest, 0, app.MaxMatchingWeight},
		{"MatchWeightGoal", c.MatchWeightGoal, 0, app.MaxMatchingWeight},
		{"MatchWeightLanguage", c.MatchWeightLanguage, 0, app.MaxMatchingWeight},
		{"MatchWeightTimeZone", c.MatchWeightTimeZone, 0, app.MaxMatchingWeight},
		{"MatchWeightExperience", c.MatchWeightExperience, 0, app.MaxMatchingWeight},
		{"MatchMinScore", c.MatchMinScore, -app.MaxMinScore, app.MaxMinScore},
		{"RequestExpiryHours", c.RequestExpiryHours, app.MinRequestExpiryHours, app.MaxRequestExpiryHours},
		{"RequestReminderHours", c.RequestReminderHours, 1, c.RequestExpiryHours.value - 1},
		{"PairChannelRetentionDays", c.PairChannelRetentionDays, 1, app.MaxRetentionDays},
		{"DueWorkSweepSeconds", c.DueWorkSweepSeconds, 1, maxSweepSeconds},
		{"SessionFollowUpMinutes", c.SessionFollowUpMinutes, 1, 24 * 60},
		{"SessionDefaultMinutes", c.SessionDefaultMinutes, 5, 480},
		{"NudgeWeeklyBudget", c.NudgeWeeklyBudget, 1, 100},
	} {
		if r.n.bad != "" {
			return errors.Errorf("%s is %s; it must be a whole number from %d to %d", r.key, r.n.bad, r.min, r.max)
		}
		if r.n.value < r.min || r.n.value > r.max {
			return errors.Errorf("%s is %d; it must be from %d to %d", r.key, r.n.value, r.min, r.max)
		}
	}
	if _, err := reminderLeads(c.SessionReminderLeads); err != nil {
		return err
	}
	for _, choice := range []struct {
		key     string
		value   string
		allowed []string
	}{
		{"MatchPolicy", c.MatchPolicy, app.Policies},
		{"PairChannel", c.PairChannel, app.PairChannels},
		{"PairChannelRetention", c.PairChannelRetention, app.Retentions},
	} {
		if !slices.Contains(choice.allowed, choice.value) {
			return errors.Errorf("%s is %q; it must be one of %s", choice.key, choice.value, strings.Join(choice.allowed, ", "))
		}
	}
	return nil
}

// reminderLeads reads the console's lead times: whole minutes from 5 to 10080
// (a week), comma-separated, at most 4.
func reminderLeads(text string) ([]int, error) {
	var leads []int
	for _, part := range strings.Split(text, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 5 || n > 7*24*60 {
			return nil, errors.Errorf("SessionReminderLeads has %q; give minutes from 5 to 10080, separated by commas, like 1440,60", part)
		}
		leads = append(leads, n)
	}
	if len(leads) > 4 {
		return nil, errors.Errorf("SessionReminderLeads names %d lead times; keep it to 4", len(leads))
	}
	return leads, nil
}

func (c *configuration) settings() app.Settings {
	leads, _ := reminderLeads(c.SessionReminderLeads) // validated on load
	return app.Settings{
		SiteURL: c.siteURL,
		Sessions: app.SessionDefaults{
			LeadMinutes: leads, FollowUpMinutes: int(c.SessionFollowUpMinutes.value),
			DefaultMinutes: int(c.SessionDefaultMinutes.value), WeeklyBudget: int(c.NudgeWeeklyBudget.value),
		},
		MembersMayCreatePrograms: c.ProgramCreators == creatorsMembers,
		Matching: domain.MatchingDefaults{
			Weights: matching.Weights{
				Skill: int(c.MatchWeightSkill.value), Interest: int(c.MatchWeightInterest.value),
				Goal: int(c.MatchWeightGoal.value), Language: int(c.MatchWeightLanguage.value),
				TimeZone: int(c.MatchWeightTimeZone.value), Experience: int(c.MatchWeightExperience.value),
			},
			MinScore:            c.MatchMinScore.value,
			Policy:              c.MatchPolicy,
			RequestExpiryHours:  int(c.RequestExpiryHours.value),
			ReminderBeforeHours: int(c.RequestReminderHours.value),
			PairChannel:         c.PairChannel,
			Retention:           c.PairChannelRetention,
			RetentionDays:       int(c.PairChannelRetentionDays.value),
		},
	}
}

// sweepInterval is how often the due-work scheduler sweeps.
func (c *configuration) sweepInterval() time.Duration {
	if c.DueWorkSweepSeconds.value < 1 {
		return defaultSweepSeconds * time.Second
	}
	return time.Duration(c.DueWorkSweepSeconds.value) * time.Second
}

func (p *Plugin) getConfiguration() *configuration {
	p.configLock.RLock()
	defer p.configLock.RUnlock()
	if p.config == nil {
		c := &configuration{}
		c.setDefaults()
		return c
	}
	return p.config
}

// OnConfigurationChange runs on every node, before OnActivate and after every
// System Console save. A bad value is reported and the last good configuration kept.
func (p *Plugin) OnConfigurationChange() error {
	next := &configuration{}
	if err := p.API.LoadPluginConfiguration(next); err != nil {
		return errors.Wrap(err, "load plugin configuration")
	}
	next.setDefaults()
	next.siteURL = siteURL(p.API.GetConfig())
	if err := next.validate(); err != nil {
		p.API.LogError("Invalid Mentorship configuration; keeping the previous settings", "error", err.Error())
		return nil
	}
	p.configLock.Lock()
	previous := p.config
	p.config = next
	p.configLock.Unlock()

	if p.client != nil && (previous == nil || previous.BotDisplayName != next.BotDisplayName) {
		if err := p.ensureBot(); err != nil {
			p.API.LogError("Could not update the bot", "error", err.Error())
		}
	}
	if p.due != nil { // activated: follow a changed sweep interval
		if err := p.scheduleSweep(); err != nil {
			p.API.LogError("Could not reschedule the due-work sweep", "error", err.Error())
		}
	}
	return nil
}
