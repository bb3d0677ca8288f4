package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

func TestCoordinatorRemovedFromTheTeamLosesRights(t *testing.T) {
	f := newFixture(t)
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Gated"),
		EnrollmentMode: ptr(domain.EnrollmentApproval), Coordinators: ptr([]string{"coord"})})
	require.NoError(t, err)
	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)

	delete(f.dir.members, "coord/team")
	_, err = f.Enrollments.Members("coord", p.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "a former team member cannot even see the program")
	_, err = f.Enrollments.Decide("coord", p.ID, "ana", true)
	require.Error(t, err)
	require.False(t, f.Permissions.CanCoordinate("coord", p))
	mine, err := f.Enrollments.Mine("ana")
	require.NoError(t, err)
	require.Equal(t, domain.StatusPending, mine[0].Enrollment.Status, "the request is still waiting")
}

func TestFindPrefersTheActiveProgramOverAnArchivedOneWithTheSameHandle(t *testing.T) {
	f := newFixture(t)
	old := f.create(t, ProgramFields{Name: ptr("Spring Cohort")})
	f.archive(t, old.ID)
	fresh := f.create(t, ProgramFields{Name: ptr("Spring cohort")})
	for _, ref := range []string{"spring-cohort", "Spring Cohort", "SPRING COHORT"} {
		got, err := f.Programs.Find("admin", "team", ref)
		require.NoError(t, err)
		require.Equal(t, fresh.ID, got.ID, ref)
	}
	got, err := f.Programs.Find("admin", "team", old.ID)
	require.NoError(t, err)
	require.Equal(t, old.ID, got.ID, "an id still names the archived program")
}

func TestNamesInAnyScriptWorkAndStayDistinct(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"Менторство", "C++ Mentoring", "C# Mentoring", "C Mentoring", "メンター制度", "हिन्दी", "हान्दा", "தமிழ்"} {
		p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr(name)})
		require.NoError(t, err, name)
		got, err := f.Programs.Find("ana", "team", p.Slug)
		require.NoError(t, err)
		require.Equal(t, p.ID, got.ID, name)
	}
	_, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("менторство")})
	kind, field := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "case does not make a new name")
	require.Equal(t, "name", field)
}

func TestInputThatWasSilentlyDroppedIsRefused(t *testing.T) {
	f := newFixture(t)
	_, err := f.Programs.Create("admin", "no-such-team", ProgramFields{Name: ptr("Ghost")})
	kind, field := kindOf(t, err)
	require.Equal(t, KindInvalid, kind, "a team that does not exist")
	require.Equal(t, "team_id", field)

	for _, c := range []struct {
		fields ProgramFields
		field  string
	}{
		{ProgramFields{Name: ptr("Old"), StartDate: ptr("0001-01-01")}, "start_date"},
		{ProgramFields{Name: ptr("Far"), EndDate: ptr("9999-12-31")}, "end_date"},
		{ProgramFields{Name: ptr("Two\nlines")}, "name"},
		{ProgramFields{Name: ptr("Bell\a")}, "name"},
		{ProgramFields{Name: ptr("Ok"), Description: ptr("fine\nbut \x1b[31m red")}, "description"},
	} {
		requireCreateRefused(t, f, c.fields, c.field)
	}
	requireNoPrograms(t, f)

	p := f.create(t, ProgramFields{Name: ptr("Open")})
	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee", Capacity: 3})
	kind, field = kindOf(t, err)
	require.Equal(t, KindInvalid, kind, "capacity with the mentee role")
	require.Equal(t, "capacity", field)
	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee", Goals: "learn\x00things"})
	kind, field = kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "goals", field)
	res, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee", Goals: "line one\rline two\r\nthree"})
	require.NoError(t, err, "goals may have several lines")
	require.Equal(t, "line one\nline two\nthree", res.Enrollment.Goals, "every line break is stored as \\n, so quoting covers each line")
	_, err = f.Enrollments.Pause("ana", p.ID, "9999-01-01")
	kind, field = kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "until", field)
	_, err = f.Enrollments.Pause("ana", p.ID, "2028-06-01")
	kind, _ = kindOf(t, err)
	require.Equal(t, KindInvalid, kind, "more than a year away")
}

func TestADeclinedMemberCannotAskAgainAndAgain(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.setClock(&now)
	p := declinedRequest(t, f, "ana")
	var err error
	for i := 0; i < 3; i++ {
		_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
		kind, _ := kindOf(t, err)
		require.Equal(t, KindConflict, kind)
	}
	require.Len(t, f.notes.requests, 1, "coordinators were asked once")

	now = now.Add(RequestCooldown)
	res, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	require.True(t, res.Created)
	require.Len(t, f.notes.requests, 2, "a week later they may ask again")

	// Leaving and rejoining at once is the same: one request a week.
	_, err = f.Enrollments.Decide("admin", p.ID, "ana", true)
	require.NoError(t, err)
	_, err = f.Enrollments.Leave("ana", p.ID)
	require.NoError(t, err)
	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind)
}

func TestADatedPauseEndsByItself(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.setClock(&now)
	p := f.create(t, ProgramFields{Name: ptr("Open")})
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Pause("ana", p.ID, "2026-12-10")
	require.NoError(t, err)
	mine, _ := f.Enrollments.Mine("ana")
	require.Equal(t, domain.StatusPaused, mine[0].Enrollment.Status)

	now = time.Date(2026, 12, 10, 0, 0, 1, 0, time.UTC)
	mine, _ = f.Enrollments.Mine("ana")
	require.Equal(t, domain.StatusActive, mine[0].Enrollment.Status)
	members, _ := f.Enrollments.Members("admin", p.ID)
	require.Equal(t, domain.StatusActive, members[0].Status)
	_, err = f.Enrollments.Resume("ana", p.ID)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "nothing to resume")
	_, err = f.Enrollments.Pause("ana", p.ID, "")
	require.NoError(t, err, "and they can pause again")
}

func TestHandlesFromBeforeTheUpgradeStillFindTheProgram(t *testing.T) {
	f := newFixture(t)
	p := f.create(t, ProgramFields{Name: ptr("Mentoría Técnica")})
	_, err := f.Enrollments.store.UpdateProgram(p.ID, func(p *domain.Program) error {
		p.Aliases = []string{"mentor-a-t-cnica"} // what schema 1 made of the name
		return nil
	})
	require.NoError(t, err)
	for _, ref := range []string{"mentoría-técnica", "Mentoría Técnica", "mentor-a-t-cnica"} {
		got, err := f.Programs.Find("ana", "team", ref)
		require.NoError(t, err, ref)
		require.Equal(t, p.ID, got.ID, ref)
	}
	// A program whose current handle is the old alias wins over the alias.
	other := f.create(t, ProgramFields{Name: ptr("Mentor A T Cnica")})
	got, err := f.Programs.Find("ana", "team", "mentor-a-t-cnica")
	require.NoError(t, err)
	require.Equal(t, other.ID, got.ID)
}

func TestADecisionUpdatesTheCoordinatorsRequestPosts(t *testing.T) {
	f := newFixture(t)
	declinedRequest(t, f, "ana")
	require.Equal(t, []string{"post-for-ana/declined/admin"}, f.notes.decided)
	mine, _ := f.Enrollments.Mine("ana")
	require.Empty(t, mine[0].Enrollment.RequestPosts, "nothing left to update")
}

func TestRequestsGoOnlyToCoordinatorsStillInTheTeam(t *testing.T) {
	f := newFixture(t)
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Gated"),
		EnrollmentMode: ptr(domain.EnrollmentApproval), Coordinators: ptr([]string{"coord", "bob"})})
	require.NoError(t, err)
	delete(f.dir.members, "bob/team")
	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee", Goals: "private goals"})
	require.NoError(t, err)
	require.Equal(t, [][]string{{"coord"}}, f.notes.asked, "bob left the team: he is not asked and does not see the goals")
}

func TestWithdrawingARequestUpdatesTheCoordinatorsPostsAndASecondDecisionIsRefused(t *testing.T) {
	f := newFixture(t)
	p := f.create(t, ProgramFields{Name: ptr("Gated"), EnrollmentMode: ptr(domain.EnrollmentApproval)})
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Leave("ana", p.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"post-for-ana/left/ana"}, f.notes.decided)

	_, err = f.Enrollments.Join("bob", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Decide("admin", p.ID, "bob", false)
	require.NoError(t, err)
	_, err = f.Enrollments.Decide("coord", p.ID, "bob", false)
	require.Error(t, err)
	_, err = f.Enrollments.Decide("admin", p.ID, "bob", true)
	appErr, ok := err.(*Error)
	require.True(t, ok)
	require.Equal(t, KindConflict, appErr.Kind, "a declined request is no longer waiting, not missing")
	require.Equal(t, i18n.Value(domain.StatusDeclined), appErr.Data["Status"], "the status is translated when shown")
}

func TestOfTwoArchivesRacingOneWins(t *testing.T) {
	for round := 0; round < 20; round++ {
		f := newFixture(t)
		p := f.create(t, ProgramFields{Name: ptr("Racing")})
		errs := make(chan error, 2)
		for i := 0; i < 2; i++ {
			go func() {
				_, err := f.Programs.Archive("admin", p.ID)
				errs <- err
			}()
		}
		first, second := <-errs, <-errs
		require.True(t, (first == nil) != (second == nil), "exactly one archive: %v, %v", first, second)
	}
}

// declinedRequest makes an approval program in which userID's request was declined.
func declinedRequest(t *testing.T, f *fixture, userID string) *domain.Program {
	t.Helper()
	p := f.create(t, ProgramFields{Name: ptr("Gated"), EnrollmentMode: ptr(domain.EnrollmentApproval)})
	_, err := f.Enrollments.Join(userID, p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Decide("admin", p.ID, userID, false)
	require.NoError(t, err)
	return p
}

// setClock makes the services read the time from now, which the test moves.
func (f *fixture) setClock(now *time.Time) {
	f.deps.Now = func() time.Time { return *now }
	f.Services = NewServices(f.Services.Enrollments.store, f.deps)
}

// archivingKV archives a program, as another server would, just before the
// first enrollment write: after the join read the program, before it committed.
type archivingKV struct {
	*pluginapi.MemoryStore
	archive func()
	done    bool
}

func (kv *archivingKV) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	if !kv.done && strings.HasPrefix(key, "v1/memberships/") {
		kv.done = true
		kv.archive()
	}
	return kv.MemoryStore.Set(key, value, options...)
}

func TestAJoinThatRacesAnArchiveIsUndone(t *testing.T) {
	kv := &archivingKV{MemoryStore: &pluginapi.MemoryStore{}, done: true}
	f := withKV(t, kv)
	p := f.create(t, ProgramFields{Name: ptr("Closing")})
	kv.archive = func() {
		f.archive(t, p.ID)
	}
	kv.done = false
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind)
	require.Empty(t, f.notes.welcomes, "no welcome into an archived program")
	mine, err := f.Enrollments.Mine("ana")
	require.NoError(t, err)
	require.Equal(t, domain.StatusLeft, mine[0].Enrollment.Status)
}

func TestArchivedProgramsAndFormerMembers(t *testing.T) {
	f := newFixture(t)
	p := declinedRequest(t, f, "ana")
	_, err := f.Enrollments.Join("bob", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	f.archive(t, p.ID)
	_, err = f.Enrollments.Decide("admin", p.ID, "bob", true)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "no approval into an archived program")
	_, err = f.Enrollments.Leave("bob", p.ID)
	require.NoError(t, err, "a member can still withdraw from an archived program")

	open := f.create(t, ProgramFields{Name: ptr("Gated again"), EnrollmentMode: ptr(domain.EnrollmentApproval)})
	_, err = f.Enrollments.Join("cy", open.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	delete(f.dir.members, "cy/team")
	_, err = f.Enrollments.Decide("admin", open.ID, "cy", true)
	kind, _ = kindOf(t, err)
	require.Equal(t, KindConflict, kind, "someone who left the team cannot be approved")
	mine, err := f.Enrollments.Mine("cy")
	require.NoError(t, err)
	require.Empty(t, mine, "programs of a team you left are not shown to you")
}

func TestAnActiveProgramsOldHandleBeatsAnArchivedProgramsHandle(t *testing.T) {
	f := newFixture(t)
	old := f.create(t, ProgramFields{Name: ptr("Old handle")})
	f.archive(t, old.ID)
	active := f.create(t, ProgramFields{Name: ptr("Renamed")})
	_, err := f.Enrollments.store.UpdateProgram(active.ID, func(p *domain.Program) error {
		p.Aliases = []string{"old-handle"}
		return nil
	})
	require.NoError(t, err)
	got, err := f.Programs.Find("admin", "team", "old-handle")
	require.NoError(t, err)
	require.Equal(t, active.ID, got.ID)
}

// silentCoordinators delivers nothing to coordinators.
type silentCoordinators struct{ *recordingNotifier }

func (n silentCoordinators) ApprovalRequested(p *domain.Program, e *domain.Enrollment) []domain.RequestPost {
	n.recordingNotifier.ApprovalRequested(p, e)
	return nil
}

func TestARequestThatReachedNoCoordinatorIsSentAgainOnTheNextTry(t *testing.T) {
	f := newFixture(t)
	f.deps.Notifier = silentCoordinators{f.notes}
	f.Services = NewServices(f.Services.Enrollments.store, f.deps)
	p := f.create(t, ProgramFields{Name: ptr("Gated"), EnrollmentMode: ptr(domain.EnrollmentApproval)})
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	require.Len(t, f.notes.requests, 2, "the failed request is owed again and sent on the retry")
}

func TestCapacityErrorNamesTheRoleInTheReadersLanguage(t *testing.T) {
	f := newFixture(t)
	p := f.create(t, ProgramFields{Name: ptr("Open")})
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "both", Capacity: 0})
	require.NoError(t, err)
	_, err = f.Enrollments.Join("bob", p.ID, JoinInput{Role: "peer", Capacity: 2})
	appErr, ok := err.(*Error)
	require.True(t, ok)
	require.Equal(t, i18n.Role("peer"), appErr.Data["Role"])
}

func TestContentionIsAConflictToRetryNotAServerFailure(t *testing.T) {
	appErr, ok := AsError(fmt.Errorf("join: %w", store.ErrContention))
	require.True(t, ok)
	require.Equal(t, KindConflict, appErr.Kind)
	_, ok = AsError(errors.New("pq: connection refused"))
	require.False(t, ok, "other failures are for the log")
}

func TestATeamHoldsAtMostMaxProgramsPerTeam(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < domain.MaxProgramsPerTeam; i++ {
		f.create(t, ProgramFields{Name: ptr(fmt.Sprintf("Program %d", i))})
	}
	_, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("One too many")})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind)
}

// create makes a program in "team" as the admin.
func (f *fixture) create(t *testing.T, fields ProgramFields) *domain.Program {
	t.Helper()
	p, err := f.Programs.Create("admin", "team", fields)
	require.NoError(t, err)
	return p
}

// archive archives a program as the admin.
func (f *fixture) archive(t *testing.T, programID string) {
	t.Helper()
	_, err := f.Programs.Archive("admin", programID)
	require.NoError(t, err)
}
