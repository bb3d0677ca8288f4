package main

import (
	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// onboardingPacks lists a program's onboarding pack in the welcome DM
// (notify.Hub over the resource hub). The welcome notifier is built before
// the services it reads, so the services are set once they exist.
type onboardingPacks struct {
	p        *Plugin
	services *app.Services
}

// Onboarding returns the pack's resources, linked through the open route.
func (o *onboardingPacks) Onboarding(programID, role string) []notify.Resource {
	if o.services == nil {
		return nil
	}
	return notify.Hub{Source: o.services.Resources, Log: &o.p.client.Log}.Onboarding(programID, role)
}
