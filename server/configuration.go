package main

import (
	"strings"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

// Values of the ProgramCreators setting.
const (
	creatorsAdmins  = "admins"
	creatorsMembers = "members"
)

// configuration mirrors settings_schema in plugin.json. It is replaced, never
// changed in place, so readers can hold a pointer without locking.
type configuration struct {
	ProgramCreators string
	BotDisplayName  string
}

func (c *configuration) setDefaults() {
	if strings.TrimSpace(c.ProgramCreators) == "" {
		c.ProgramCreators = creatorsAdmins
	}
	if strings.TrimSpace(c.BotDisplayName) == "" {
		c.BotDisplayName = "Mentorship"
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
	return nil
}

func (c *configuration) settings() app.Settings {
	return app.Settings{MembersMayCreatePrograms: c.ProgramCreators == creatorsMembers}
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
	return nil
}
