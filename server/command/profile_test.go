package command

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// element returns the opened form's field called name.
func element(t *testing.T, d model.OpenDialogRequest, name string) model.DialogElement {
	t.Helper()
	for _, e := range d.Dialog.Elements {
		if e.Name == name {
			return e
		}
	}
	require.FailNow(t, "no field "+name)
	return model.DialogElement{}
}

func TestProfileOpensAFormFilledInWithTheProfile(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.Profiles.Save("bob", app.ProfileInput{
		SkillsOffered: &[]string{"Go", "public speaking"}, ExperienceLevel: valueOf("senior"), ExperienceYears: valueOf(7.5),
		AvailabilityHours: valueOf(6), ManagerID: valueOf("carol"),
	})
	require.NoError(t, err)

	require.Empty(t, f.run("bob", "/mentor profile"))
	require.Len(t, f.front.opened, 1)
	form := f.front.opened[0]
	require.Equal(t, "/plugins/mentorship/api/v1/dialogs/profile", form.URL)
	require.NoError(t, form.Dialog.IsValid(), "the server refuses invalid forms")
	require.Equal(t, "Go, public speaking", element(t, form, "skills_offered").Default)
	require.Equal(t, "senior", element(t, form, "experience_level").Default)
	require.Equal(t, "7.5", element(t, form, "experience_years").Default)
	require.Equal(t, "6", element(t, form, "availability_hours").Default)
	require.Equal(t, "carol", element(t, form, "manager_id").Default)

	require.Contains(t, f.run("bob", "/mentor profile @ana"), "takes nothing after it")
	require.Contains(t, f.run("bob", "/mentor profile --skills Go"), "takes no options")
	require.Len(t, f.front.opened, 1)
}

func TestProgramMatchingWithOptionsSavesAndShowsTheSettings(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring --matching self_serve")
	reply := f.run("admin", "/mentor program matching spring --skill 40 --time-zone 0 --min-score -5 --policy Quality --channel group --retention after_days --retention-days 10 --exclude-reporting-line on")
	require.Contains(t, reply, "#### Matching settings of Spring")
	require.Contains(t, reply, "skills 40, interests 8, goals 12, language 5, time zone 0, experience 2")
	require.Contains(t, reply, "Minimum score: -5; batch policy: only the best pairs")
	require.Contains(t, reply, "Pair channel: a group message; when a match ends: archive the channel after 10 days")
	require.Contains(t, reply, "Never pair within a reporting line: on; never pair within a department: off")
	require.Contains(t, reply, "`/mentor program matching spring --skill N")

	s, err := f.svc.ProgramMatching.Get("admin", f.program(t, "Spring").ID)
	require.NoError(t, err)
	require.Equal(t, 40, s.Weights.Skill)
	require.Equal(t, 0, s.Weights.TimeZone)
	require.Equal(t, "quality", s.Policy)
	require.True(t, s.ExcludeReportingLine)

	reply = f.run("admin", "/mentor program matching spring --exclude-reporting-line off")
	require.Contains(t, reply, "reporting line: off")
	require.Contains(t, reply, "skills 40", "options not given are kept")
}

func TestProgramMatchingMistakesChangeNothing(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	f.run("bob", "/mentor join spring --role mentee")
	cases := map[string]string{
		"--skill lots":                   "--skill must be a whole number, for example --skill 30.",
		"--skill 5000":                   "The skill weight must be a whole number from 0 to 1000; 5000 is not.",
		"--min-score high":               "--min-score must be a whole number",
		"--policy fairness":              `"fairness" is not a valid policy; use one of: participation, quality.`,
		"--expiry-hours 1":               "expire after 2 to 720 hours",
		"--reminder-hours 100":           "The reminder would go 100 hours before expiry, but requests expire after 72 hours",
		"--exclude-same-department soon": "--exclude-same-department takes on or off",
		"--colour red":                   "--colour is not an option of this command",
		"--skill 5 --skill 6":            "--skill is given twice",
	}
	for options, want := range cases {
		require.Contains(t, f.run("admin", "/mentor program matching spring "+options), want, options)
	}
	require.Contains(t, f.run("admin", "/mentor program matching --skill 4"), "Say which program: `/mentor program matching PROGRAM`")
	require.Contains(t, f.run("bob", "/mentor program matching spring --skill 4"), "Only the coordinators of Spring")
	require.Contains(t, f.run("bob", "/mentor program matching spring"), "Only the coordinators of Spring")
	require.Empty(t, f.front.opened, "no form for someone who could not save it")

	p, err := f.svc.Programs.Get("admin", f.program(t, "Spring").ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchingSettings{}, p.Matching, "nothing stored")
	require.Empty(t, f.log.errors)
}

func TestProgramMatchingWithoutOptionsOpensTheFormWithTheSettingsInEffect(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	f.run("admin", "/mentor program matching spring --goal 20 --exclude-same-department on")

	require.Empty(t, f.run("admin", "/mentor program matching spring"))
	require.Len(t, f.front.opened, 1)
	form := f.front.opened[0]
	require.Equal(t, "/plugins/mentorship/api/v1/dialogs/matching", form.URL)
	require.Equal(t, f.program(t, "Spring").ID, form.Dialog.State)
	require.NoError(t, form.Dialog.IsValid())
	require.Equal(t, "20", element(t, form, "weights.goal").Default)
	require.Equal(t, "30", element(t, form, "weights.skill").Default, "the console default in effect")
	require.Equal(t, "participation", element(t, form, "policy").Default)
	require.Equal(t, "true", element(t, form, "exclude_same_department").Default)
	require.Equal(t, "false", element(t, form, "exclude_reporting_line").Default)
}

// members runs the members handler on a parsed line: the page and search
// options are read by the handler (see the members row of the grammar).
func (f *fixture) members(t *testing.T, uid, line string) string {
	t.Helper()
	inv, err := parse(line)
	require.NoError(t, err)
	inv.shift(3) // mentor program members
	c := &call{args: &model.CommandArgs{UserId: uid, TeamId: teamID}, uid: uid, tr: f.h.Tr.For(uid), svc: f.svc.ForRequest(), inv: inv}
	out, err := f.h.members(c)
	if err != nil {
		appErr, ok := app.AsError(err)
		require.True(t, ok, "%v", err)
		return c.tr.T(uid, appErr.Message, appErr.Data)
	}
	return out
}

func TestMembersComeAPageAtATimeAndCanBeSearched(t *testing.T) {
	f := newFixture(t)
	f.run("admin", "/mentor program create Spring")
	total := app.MemberPageSize + 3
	for i := 0; i < total; i++ {
		require.Contains(t, f.run(fmt.Sprintf("member%02d", i), "/mentor join spring --role mentee"), "You joined")
	}

	first := f.members(t, "admin", "/mentor program members spring")
	require.Contains(t, first, fmt.Sprintf("#### Members of Spring (%d)", total))
	require.Contains(t, first, "Page 1 of 2. Next: `/mentor program members spring --page 2`")

	second := f.members(t, "admin", "/mentor program members spring --page 2")
	require.Contains(t, second, "Page 2 of 2 (the last).")
	rows := func(s string) int {
		n := 0
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "| @member") {
				n++
			}
		}
		return n
	}
	require.Equal(t, app.MemberPageSize, rows(first))
	require.Equal(t, 3, rows(second))

	found := f.members(t, "admin", "/mentor program members spring --search member07")
	require.Contains(t, found, "| @member07 |")
	require.Equal(t, 1, rows(found))

	require.Contains(t, f.members(t, "admin", "/mentor program members spring --search nobody-like-this"), "No member of **Spring** matches “nobody-like-this”.")
	require.Contains(t, f.members(t, "admin", "/mentor program members spring --page 9"), "has 2 pages of members; ask for a page from 1 to 2")
	require.Contains(t, f.members(t, "admin", "/mentor program members spring --page 0"), "--page must be a whole number from 1 up")
	require.Contains(t, f.members(t, "member01", "/mentor program members spring"), "Only the coordinators of Spring")
}

func valueOf[T any](v T) *T { return &v }
