package command

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCommandsKeepEverydayCharactersInNamesAndValues(t *testing.T) {
	f := newFixture(t)
	require.Contains(t, f.run("admin", "/mentor program create R&D --description x"), "Program **R&D** is ready")
	require.Equal(t, "x", f.program(t, "R&D").Description)

	require.Contains(t, f.run("admin", "/mentor program create Women's Network"), "Program **Women's Network** is ready")
	require.Contains(t, f.run("admin", `/mentor program create Tech\Ops --description C:\mentoring & more; see <wiki>`), `**Tech\Ops**`)
	require.Equal(t, `C:\mentoring & more; see <wiki>`, f.program(t, `Tech\Ops`).Description)

	require.Contains(t, f.run("admin", "/mentor program create Women in Tech --enrollment approval"), "Program **Women in Tech** is ready")
	reply := f.run("bob", "/mentor join Women in Tech --role mentee --goals I want > 3 mentors")
	require.Contains(t, reply, "was sent to its coordinators")
	require.Contains(t, f.run("admin", "/mentor approve Women in Tech @bob"), "@bob is now a member of **Women in Tech**")
	members, err := f.svc.Enrollments.Members("admin", f.program(t, "Women in Tech").ID)
	require.NoError(t, err)
	require.Len(t, members, 1)
	require.Equal(t, "I want > 3 mentors", members[0].Goals)

	// Quotes still work, straight or smart.
	require.Contains(t, f.run("admin", `/mentor program members "Women in Tech"`), "@bob")
	require.Contains(t, f.run("admin", "/mentor program members “Women in Tech”"), "@bob")
	require.Contains(t, f.run("bob", "/mentor leave 'Women in Tech'"), "You left **Women in Tech**")
}

func TestCommandLineMistakesGetClearReplies(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	cases := map[string]string{
		`/mentor join "Women in Tech --role mentee`:     `The quote " before “Women in Tech --role…” is never closed`,
		"/mentor join spring --colour red":              "--colour is not an option of this command; it takes: --role, --capacity, --goals.",
		"/mentor join spring --role mentor --role peer": "--role is given twice",
		"/mentor leave spring --until 2027-01-01":       "takes no options",
		`/mentor leave "Spring" now`:                    "Too many words after “Spring”: now.",
		"/mentor leave":                                 "Say which program: `/mentor leave PROGRAM`",
		"/mentor approve spring":                        "Say whose request: `/mentor approve PROGRAM @username`",
		"/mentor approve spring bob":                    "Say whose request",
		"/mentor decline @bob":                          "Say which program: `/mentor decline PROGRAM`",
		"/mentor approve spring @nobody":                "There is no user @nobody",
		"/mentor program create Spring --name Autumn":   "Give the name once",
		"/mentor jion spring":                           "Did you mean `/mentor join`?",
		"/mentor Program Archve spring":                 "`/mentor Program Archve` is not a command. Did you mean `/mentor program archive`?",
	}
	for line, want := range cases {
		require.Contains(t, f.run("admin", line), want, line)
	}
	require.Empty(t, f.log.errors)
}

func TestJoinWithOptionsButNoRoleAsksForTheRoleInsteadOfABlankForm(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	f.run("admin", "/mentor program create Circle --kind circles")

	reply := f.run("bob", "/mentor join spring --goals grow into a lead")
	require.Contains(t, reply, "--role mentee|mentor|peer|both")
	require.Contains(t, reply, "/mentor join spring --role mentee")
	require.Empty(t, f.front.opened, "a blank form would drop the typed goals")
	require.Contains(t, f.run("bob", "/mentor join --goals grow"), "Say which program: `/mentor join PROGRAM`")
	require.Empty(t, f.front.opened)

	// Without options the form opens, with the program chosen.
	require.Empty(t, f.run("bob", "/mentor join spring"))
	require.Len(t, f.front.opened, 1)
	require.Contains(t, f.front.opened[0].Dialog.Elements[0].Default, f.program(t, "Spring").ID)

	// In a circles program the role is implied: peer.
	require.Contains(t, f.run("bob", "/mentor join circle --goals share what I learn"), "You joined **Circle** as peer")
}

func TestRepliesShowLabelsNotStoredValues(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring --enrollment approval")
	f.run("ana", "/mentor join spring --role mentor --capacity 3")

	english := f.run("bob", "/mentor programs")
	require.Contains(t, english, "(`spring`, Coordinator approves)")
	require.NotContains(t, english, "approval")

	spanish := f.run("ana", "/mentor programs")
	require.Contains(t, spanish, "(`spring`, El coordinador aprueba)")
	require.Contains(t, spanish, "mentora, esperando aprobación")
	require.NotContains(t, spanish, "pending")

	require.Contains(t, f.run("admin", "/mentor program members spring"), "| @ana | mentor (3) | waiting for approval | 2026-11-26 |")
	f.run("admin", "/mentor approve spring @ana")
	members := f.run("olga", "/mentor program members spring")
	require.Contains(t, members, "| Miembro | Rol | Estado | Alta |")
	require.Contains(t, members, "| @ana | mentora (3) | activa | 2026-11-26 |")
	require.Contains(t, f.run("admin", "/mentor program members spring"), "| Member | Role | Status | Joined |")
}

func TestEachCommandLooksTheLocaleUpOnce(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring --enrollment approval")
	f.run("ana", "/mentor join spring --role mentor")
	for _, line := range []string{
		"/mentor", "/mentor help", "/mentor programs", "/mentor program members spring", "/mentor jion",
		"/mentor join spring --role mentor", "/mentor join spring --colour red", "/mentor program edit spring --matching automatic",
	} {
		for _, uid := range []string{"admin", "ana", "olga"} {
			f.lookups = 0
			require.NotEmpty(t, f.run(uid, line))
			require.Equal(t, 1, f.lookups, "%s as %s", line, uid)
		}
	}
}

func TestHelpForASystemAdminAsksTheDirectoryOnce(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	f.dir.calls = 0
	help := f.run("admin", "/mentor help")
	require.Contains(t, help, "/mentor program archive")
	require.Equal(t, 1, f.dir.calls, "an admin may do everything; nothing else needs asking")

	member := f.run("bob", "/mentor help")
	require.Contains(t, member, "/mentor join")
	require.NotContains(t, member, "program archive")
}

func TestProgramRepliesSayWhenMatchingIsNotRunYet(t *testing.T) {
	f := newFixture(t)
	reply := f.run("admin", "/mentor program create Pairs --matching automatic")
	require.Contains(t, reply, "Program **Pairs** is ready")
	require.Contains(t, reply, `"Automatic" matching is saved but not available yet`)

	reply = f.run("admin", "/mentor program edit pairs --matching self_serve --description Pick your mentor")
	require.Contains(t, reply, "Program **Pairs** was updated")
	require.Contains(t, reply, `"Mentees choose" matching is saved but not available yet`)
	require.Equal(t, "Pick your mentor", f.program(t, "Pairs").Description)

	reply = f.run("admin", "/mentor program edit pairs --matching coordinator")
	require.Contains(t, reply, "was updated")
	require.NotContains(t, reply, "not available yet")
}

func TestReadCommandsAskTheDirectoryEachQuestionOnce(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	f.run("admin", "/mentor program create Autumn")
	f.run("bob", "/mentor join spring --role mentee")
	for line, want := range map[string]int{
		"/mentor help":     2, // is bob an admin, is bob in the team: each asked once
		"/mentor programs": 1, // a team member sees the active programs: no admin check needed
	} {
		f.dir.calls = 0
		require.NotEmpty(t, f.run("bob", line))
		require.Equal(t, want, f.dir.calls, line)
	}
}
