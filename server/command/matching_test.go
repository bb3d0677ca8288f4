package command

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestInviteAddsATeamMemberToAnInviteOnlyProgram(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Closed Circle --enrollment invite")

	require.Contains(t, f.run("bob", "/mentor join closed-circle --role mentee"), "invite-only")
	require.Contains(t, f.run("bob", "/mentor invite closed-circle @carl"), "Only the coordinators of Closed Circle")

	require.Equal(t, "@bob is now in **Closed Circle** as mentor; I sent them a welcome.",
		f.run("admin", "/mentor invite Closed Circle @bob --role mentor"))
	members, err := f.svc.Enrollments.Members("admin", f.program(t, "Closed Circle").ID)
	require.NoError(t, err)
	require.Len(t, members, 1)
	require.Equal(t, domain.StatusActive, members[0].Status)
	require.Equal(t, domain.RoleMentor, members[0].Role)

	require.Contains(t, f.run("admin", "/mentor invite closed-circle @bob"), "already in Closed Circle")
	require.Contains(t, f.run("admin", "/mentor invite closed-circle @carl"), "@carl is now in **Closed Circle** as mentee",
		"without --role an invitee is a mentee")
	require.Contains(t, f.run("admin", "/mentor invite closed-circle @nobody"), "There is no user @nobody")
	require.Empty(t, f.log.errors)
}

func TestMatchCommandsSayWhatIsMissingBeforeCallingAnything(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	cases := map[string]string{
		"/mentor request spring":                          "Say who: `/mentor request PROGRAM @mentor [--message TEXT]`.",
		"/mentor request spring @ana @bob":                "Say who: `/mentor request PROGRAM @mentor",
		"/mentor request @ana":                            "Say which program: `/mentor request PROGRAM`",
		"/mentor request spring @nobody --message hi":     "There is no user @nobody",
		"/mentor request nowhere @ana":                    "nowhere",
		"/mentor pair spring @bob":                        "Say who: `/mentor pair PROGRAM @mentee @mentor [--override]`.",
		"/mentor pair spring @bob @ana --override maybe":  `--override takes no value (or yes / no); "maybe" is neither.`,
		"/mentor unpair spring":                           "Say who: `/mentor unpair PROGRAM @mentee [--reason TEXT]`.",
		"/mentor invite spring":                           "Say who: `/mentor invite PROGRAM @user",
		"/mentor match preview spring --page 0":           "--page must be a page number from 1",
		"/mentor match preview spring --min-score high":   "--min-score must be a whole number",
		"/mentor match preview spring --colour red":       "--colour is not an option of this command; it takes: --policy, --min-score, --page.",
		"/mentor match preview":                           "Say which program: `/mentor match preview PROGRAM`",
		"/mentor end @ana --outcome completed":            "Say which program: `/mentor end PROGRAM`",
		"/mentor suggest":                                 "Say which program: `/mentor suggest PROGRAM`",
		"/mentor pause-match spring @ana @bob":            "Say who: `/mentor pause-match PROGRAM [@partner]`.",
		`/mentor request "Spring" now @ana --message hi`:  "Too many words after “Spring”: now.",
		"/mentor request spring @ana --message":           "--message needs a value",
		"/mentor match publish":                           "Say which program: `/mentor match publish PROGRAM`",
		"/mentor pair spring @bob @nobody --override yes": "There is no user @nobody",
	}
	for line, want := range cases {
		require.Contains(t, f.run("admin", line), want, line)
	}
	require.Empty(t, f.log.errors, "no input mistake reaches the server log")
}

func TestCoordinatorsSeeTheMatchingCommandsInHelpAndMembersTheirOwn(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	admin := f.run("admin", "/mentor help")
	for _, usage := range []string{"/mentor match preview PROGRAM", "/mentor match publish PROGRAM", "/mentor pair PROGRAM @mentee @mentor",
		"/mentor unpair PROGRAM @mentee", "/mentor invite PROGRAM @user", "/mentor suggest PROGRAM", "/mentor request PROGRAM @mentor"} {
		require.Contains(t, admin, usage)
	}
	member := f.run("bob", "/mentor help")
	require.Contains(t, member, "/mentor suggest PROGRAM")
	require.Contains(t, member, "/mentor end PROGRAM [@partner]")
	require.NotContains(t, member, "match preview")
	require.NotContains(t, member, "/mentor invite")
}

func TestTheMatchingAutocompleteMirrorsTheGrammar(t *testing.T) {
	names := map[string]bool{}
	for _, node := range matchAutocomplete() {
		names[node.Trigger] = true
		if node.Trigger == "match" {
			require.Len(t, node.SubCommands, 2)
			require.Equal(t, "preview", node.SubCommands[0].Trigger)
			require.Equal(t, "publish", node.SubCommands[1].Trigger)
		}
	}
	for _, sc := range matchSubcommands() {
		first := sc.name
		if i := len("match "); len(first) > i && first[:i] == "match " {
			first = "match"
		}
		require.True(t, names[first], "no autocomplete for %q", sc.name)
	}
	require.NoError(t, Autocomplete().IsValid())
}
