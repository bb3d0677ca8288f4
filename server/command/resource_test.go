package command

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

var resourceIDPattern = regexp.MustCompile("id `([a-z0-9]{26})`")

func TestResourceCommands(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring Cohort")
	require.Contains(t, f.run("bob", "/mentor join spring-cohort --role mentee"), "Spring Cohort")

	reply := f.run("admin", "/mentor resource add spring-cohort Negotiation: a first look --url https://example.com/n --tags Career, pay --audience mentees")
	require.Contains(t, reply, "Added **Negotiation: a first look** to the resources of **Spring Cohort**")
	id := resourceIDPattern.FindStringSubmatch(reply)[1]
	v, err := f.svc.Resources.Get("admin", id)
	require.NoError(t, err)
	require.Equal(t, []string{"career", "pay"}, v.Tags)
	require.Equal(t, domain.AudienceMentees, v.Audience)

	require.Contains(t, f.run("bob", "/mentor resource suggest spring-cohort My find --url https://example.com/f"), "was sent to the coordinators")
	require.Contains(t, f.run("bob", "/mentor resource add spring-cohort --url https://x.org"), "Say the program and the title",
		"options without a title would be lost in a form")

	list := f.run("bob", "/mentor resources spring-cohort --search negotiation")
	require.Contains(t, list, "Resources of **Spring Cohort** (1)")
	require.Contains(t, list, "/resources/"+id+"/open")
	require.Contains(t, list, "`career` `pay`")
	require.Contains(t, f.run("bob", "/mentor resources"), "Resources of your programs (1)", "the suggestion is not listed")
	require.Equal(t, "No resources found.", f.run("bob", "/mentor resources spring-cohort --tag astronomy"))

	require.Contains(t, f.run("bob", "/mentor resource edit "+id+" --title Mine"), "Only the coordinators")
	require.Contains(t, f.run("admin", "/mentor resource edit "+id+" --title Negotiation basics"), "Saved **Negotiation basics**")

	reply = f.run("admin", "/mentor resource pack Spring Cohort mentee "+id)
	require.Contains(t, reply, "The mentee onboarding pack of **Spring Cohort** now has 1 resources")
	onboarding, err := f.svc.Resources.OnboardingFor(f.program(t, "Spring Cohort").ID, domain.RoleMentee)
	require.NoError(t, err)
	require.Len(t, onboarding, 1)
	require.Contains(t, f.run("admin", "/mentor resource pack spring-cohort "+id), "Say the program, the role")

	require.Contains(t, f.run("bob", "/mentor resource share "+id+" #general"), "Share with ~channel or @username")
	require.Contains(t, f.run("bob", "/mentor resource share "+id+" ~nowhere"), "could not find the channel ~nowhere")
	require.Contains(t, f.run("bob", "/mentor resource share nope"), "Say which resource")

	require.Contains(t, f.run("admin", "/mentor resource remove "+id), "Removed **Negotiation basics**")
	require.True(t, strings.HasPrefix(f.run("bob", "/mentor resource remove "+id), "There is no resource"))
}
