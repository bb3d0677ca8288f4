package main

import (
	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// onboardingPacks lists a program's onboarding pack for a role in the welcome
// DM. The welcome notifier is built before the services it reads, so the
// services are set once they exist.
type onboardingPacks struct {
	p        *Plugin
	services *app.Services
}

// Onboarding returns the pack's resources, each linked through the plugin's
// open route so that following it counts a view.
func (o *onboardingPacks) Onboarding(programID, role string) []notify.Resource {
	if o.services == nil {
		return nil
	}
	resources, err := o.services.Resources.OnboardingFor(programID, role)
	if err != nil {
		o.p.API.LogWarn("Failed to read an onboarding pack", "program_id", programID, "error", err.Error())
		return nil
	}
	site := siteURL(o.p.API.GetConfig())
	out := make([]notify.Resource, 0, len(resources))
	for _, r := range resources {
		out = append(out, notify.Resource{Title: r.Title, URL: site + "/plugins/mentorship/api/v1/resources/" + r.ID + "/open"})
	}
	return out
}
