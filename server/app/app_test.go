package app

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

type fakeDirectory struct {
	admins  map[string]bool
	members map[string]bool // "user/team"
}

func (d *fakeDirectory) IsSystemAdmin(u string) bool      { return d.admins[u] }
func (d *fakeDirectory) IsTeamMember(u, team string) bool { return d.members[u+"/"+team] }
func (d *fakeDirectory) TeamExists(team string) bool      { return team == "team" || team == "other" }
func (d *fakeDirectory) User(u string) (UserInfo, bool) {
	return UserInfo{Username: u, TimeZone: "Europe/Berlin"}, u != ""
}

type recordingNotifier struct {
	mu       sync.Mutex
	welcomes []string // "program/user"
	requests []string
	declines []string
	decided  []string   // "post/status/decider"
	asked    [][]string // the coordinators each request named
}

func (n *recordingNotifier) Welcome(p *domain.Program, e *domain.Enrollment) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.welcomes = append(n.welcomes, p.ID+"/"+e.UserID)
}
func (n *recordingNotifier) ApprovalRequested(p *domain.Program, e *domain.Enrollment) []domain.RequestPost {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.requests = append(n.requests, p.ID+"/"+e.UserID)
	n.asked = append(n.asked, p.Coordinators)
	return []domain.RequestPost{{UserID: "coord", PostID: "post-for-" + e.UserID}}
}
func (n *recordingNotifier) RequestDecided(p *domain.Program, e *domain.Enrollment, decider string, posts []domain.RequestPost) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, post := range posts {
		n.decided = append(n.decided, post.PostID+"/"+e.Status+"/"+decider)
	}
}
func (n *recordingNotifier) RequestDeclined(p *domain.Program, e *domain.Enrollment) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.declines = append(n.declines, p.ID+"/"+e.UserID)
}
func (n *recordingNotifier) Changed(string, ...string) {}

type fixture struct {
	*Services
	notes    *recordingNotifier
	settings Settings
	deps     Deps
	dir      *fakeDirectory
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{}}
	for _, u := range []string{"admin", "coord", "ana", "bob", "cy"} {
		dir.members[u+"/team"] = true
	}
	f := &fixture{notes: &recordingNotifier{}, dir: dir}
	ids := 0
	var idMu sync.Mutex
	f.deps = Deps{
		Directory: dir,
		Notifier:  f.notes,
		Settings:  func() Settings { return f.settings },
		Now:       func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		NewID: func() string {
			idMu.Lock()
			defer idMu.Unlock()
			ids++
			return fmt.Sprintf("prog%022d", ids)
		},
	}
	f.Services = NewServices(store.New(&pluginapi.MemoryStore{}), f.deps)
	return f
}

func ptr[T any](v T) *T { return &v }

func kindOf(t *testing.T, err error) (Kind, string) {
	t.Helper()
	appErr, ok := err.(*Error)
	require.True(t, ok, "want *app.Error, got %v", err)
	return appErr.Kind, appErr.Field
}

func TestCreateProgramValidatesEachField(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name   string
		fields ProgramFields
		field  string
	}{
		{"empty name", ProgramFields{Name: ptr("  ")}, "name"},
		{"missing name", ProgramFields{}, "name"},
		{"long name", ProgramFields{Name: ptr(strings.Repeat("x", 65))}, "name"},
		{"punctuation only", ProgramFields{Name: ptr("!!!")}, "name"},
		{"long description", ProgramFields{Name: ptr("A"), Description: ptr(strings.Repeat("d", 2001))}, "description"},
		{"bad kind", ProgramFields{Name: ptr("A"), Kind: ptr("group")}, "kind"},
		{"bad enrollment", ProgramFields{Name: ptr("A"), EnrollmentMode: ptr("closed")}, "enrollment_mode"},
		{"bad date", ProgramFields{Name: ptr("A"), StartDate: ptr("next week")}, "start_date"},
		{"end before start", ProgramFields{Name: ptr("A"), StartDate: ptr("2026-09-01"), EndDate: ptr("2026-08-01")}, "end_date"},
		{"outsider coordinator", ProgramFields{Name: ptr("A"), Coordinators: ptr([]string{"stranger"})}, "coordinators"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { requireCreateRefused(t, f, c.fields, c.field) })
	}
	requireNoPrograms(t, f)
}

// requireCreateRefused checks that creating a program with fields is refused as
// bad input in field.
func requireCreateRefused(t *testing.T, f *fixture, fields ProgramFields, field string) {
	t.Helper()
	_, err := f.Programs.Create("admin", "team", fields)
	kind, got := kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, field, got)
}

// requireNoPrograms checks that rejected input stored nothing.
func requireNoPrograms(t *testing.T, f *fixture) {
	t.Helper()
	list, err := f.Programs.List("admin", "team", true)
	require.NoError(t, err)
	require.Empty(t, list, "rejected input stores nothing")
}

func TestWhoMayCreatePrograms(t *testing.T) {
	f := newFixture(t)
	_, err := f.Programs.Create("ana", "team", ProgramFields{Name: ptr("Mine")})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "members may not create by default")

	f.settings.MembersMayCreatePrograms = true
	p, err := f.Programs.Create("ana", "team", ProgramFields{Name: ptr("Mine")})
	require.NoError(t, err)
	require.Equal(t, []string{"ana"}, p.Coordinators)

	_, err = f.Programs.Create("stranger", "team", ProgramFields{Name: ptr("Theirs")})
	kind, _ = kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "outsiders of the team never create")
}

func TestOnlyCoordinatorsEditAndArchive(t *testing.T) {
	f := newFixture(t)
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Spring"), Coordinators: ptr([]string{"coord"})})
	require.NoError(t, err)

	_, err = f.Programs.Update("ana", p.ID, ProgramFields{Name: ptr("Hijacked")})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind)
	_, err = f.Programs.Archive("ana", p.ID)
	kind, _ = kindOf(t, err)
	require.Equal(t, KindForbidden, kind)

	updated, err := f.Programs.Update("coord", p.ID, ProgramFields{Description: ptr("Spring cohort")})
	require.NoError(t, err)
	require.Equal(t, "Spring cohort", updated.Description)

	archived, err := f.Programs.Archive("coord", p.ID)
	require.NoError(t, err)
	require.True(t, archived.Archived)

	visible, err := f.Programs.List("ana", "team", true)
	require.NoError(t, err)
	require.Empty(t, visible, "members do not see archived programs")
}

func TestJoinIsIdempotentAndWelcomesOnce(t *testing.T) {
	f := newFixture(t)
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Spring")})
	require.NoError(t, err)

	var wg sync.WaitGroup
	created := make(chan bool, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
			require.NoError(t, err)
			created <- res.Created
		}()
	}
	wg.Wait()
	close(created)
	n := 0
	for c := range created {
		if c {
			n++
		}
	}
	require.Equal(t, 1, n)
	require.Equal(t, []string{p.ID + "/ana"}, f.notes.welcomes)

	members, err := f.Enrollments.Members("admin", p.ID)
	require.NoError(t, err)
	require.Len(t, members, 1)
}

func TestJoinValidatesRoleAndCapacity(t *testing.T) {
	f := newFixture(t)
	p, _ := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Spring")})
	for _, in := range []JoinInput{{}, {Role: "boss"}, {Role: "mentor", Capacity: 99}} {
		_, err := f.Enrollments.Join("ana", p.ID, in)
		kind, _ := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, "%+v", in)
	}
	res, err := f.Enrollments.Join("bob", p.ID, JoinInput{Role: "Mentor"})
	require.NoError(t, err)
	require.Equal(t, domain.DefaultMentorCapacity, res.Enrollment.Capacity)
}

func TestApprovalFlow(t *testing.T) {
	f := newFixture(t)
	p, _ := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Guarded"), EnrollmentMode: ptr("approval"), Coordinators: ptr([]string{"coord"})})
	res, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	require.Equal(t, domain.StatusPending, res.Enrollment.Status)
	require.Equal(t, []string{p.ID + "/ana"}, f.notes.requests)
	require.Empty(t, f.notes.welcomes, "no welcome before approval")

	_, err = f.Enrollments.Decide("bob", p.ID, "ana", true)
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind)

	e, err := f.Enrollments.Decide("coord", p.ID, "ana", true)
	require.NoError(t, err)
	require.Equal(t, domain.StatusActive, e.Status)
	require.Equal(t, []string{p.ID + "/ana"}, f.notes.welcomes)

	_, err = f.Enrollments.Decide("coord", p.ID, "ana", false)
	kind, _ = kindOf(t, err)
	require.Equal(t, KindConflict, kind, "a decided request cannot be decided again")
}

func TestInviteOnlyAndArchivedRefuseJoins(t *testing.T) {
	f := newFixture(t)
	p, _ := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Closed"), EnrollmentMode: ptr("invite")})
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind)

	q, _ := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Old")})
	_, err = f.Programs.Archive("admin", q.ID)
	require.NoError(t, err)
	_, err = f.Enrollments.Join("admin", q.ID, JoinInput{Role: "mentee"})
	kind, _ = kindOf(t, err)
	require.Equal(t, KindConflict, kind)
}

func TestPauseResumeLeaveRejoin(t *testing.T) {
	f := newFixture(t)
	p, _ := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Spring")})
	_, err := f.Enrollments.Pause("ana", p.ID, "")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "cannot pause before joining")

	_, err = f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Pause("ana", p.ID, "2020-01-01")
	kind, field := kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "until", field)

	e, err := f.Enrollments.Pause("ana", p.ID, "2027-01-15")
	require.NoError(t, err)
	require.Equal(t, domain.StatusPaused, e.Status)
	require.Equal(t, "2027-01-15", e.PausedUntil)
	e, err = f.Enrollments.Resume("ana", p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.StatusActive, e.Status)

	e, err = f.Enrollments.Leave("ana", p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.StatusLeft, e.Status)
	res, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentor"})
	require.NoError(t, err)
	require.True(t, res.Created, "rejoining after leaving is a new enrollment")
	require.Len(t, f.notes.welcomes, 2)

	mine, err := f.Enrollments.Mine("ana")
	require.NoError(t, err)
	require.Len(t, mine, 1)
	require.Equal(t, domain.RoleMentor, mine[0].Enrollment.Role)
}

func TestFindByNameOrHandle(t *testing.T) {
	f := newFixture(t)
	p, _ := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Women in Tech")})
	for _, ref := range []string{p.ID, "women-in-tech", "Women in Tech", "WOMEN IN TECH"} {
		got, err := f.Programs.Find("ana", "team", ref)
		require.NoError(t, err, ref)
		require.Equal(t, p.ID, got.ID)
	}
	_, err := f.Programs.Find("ana", "team", "nope")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind)
}
