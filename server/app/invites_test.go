package app

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func inviteProgram(t *testing.T, f *fixture, mode string) *domain.Program {
	t.Helper()
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Closed " + mode), EnrollmentMode: ptr(mode),
		Coordinators: ptr([]string{"coord"})})
	require.NoError(t, err)
	return p
}

func TestACoordinatorInvitesATeamMemberWhoIsActiveAndWelcomedOnce(t *testing.T) {
	f := newFixture(t)
	p := inviteProgram(t, f, domain.EnrollmentInvite)

	e, err := f.Enrollments.Invite("coord", p.ID, "ana", "mentor")
	require.NoError(t, err)
	require.Equal(t, domain.StatusActive, e.Status)
	require.Equal(t, domain.RoleMentor, e.Role)
	require.Equal(t, domain.DefaultMentorCapacity, e.Capacity)
	require.Empty(t, e.Announce, "the welcome was sent")
	require.Equal(t, []string{p.ID + "/ana"}, f.notes.welcomes)

	members, err := f.Enrollments.Members("coord", p.ID)
	require.NoError(t, err)
	require.Len(t, members, 1, "the member index lists the invitee")
	require.Equal(t, "ana", members[0].UserID)
	stored, err := f.Enrollments.ByProgram("ana")
	require.NoError(t, err)
	require.Empty(t, stored[p.ID].Announce, "the welcome is not owed again")

	_, err = f.Enrollments.Invite("coord", p.ID, "ana", "mentee")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "inviting someone already in changes nothing")
	require.Contains(t, err.Error(), "already in")
	require.Len(t, f.notes.welcomes, 1)

	// Without a role, an invitee is a mentee.
	e, err = f.Enrollments.Invite("admin", p.ID, "bob", "")
	require.NoError(t, err)
	require.Equal(t, domain.RoleMentee, e.Role)
}

func TestInvitationsAreRefusedWithAReasonAndChangeNothing(t *testing.T) {
	f := newFixture(t)
	p := inviteProgram(t, f, domain.EnrollmentInvite)
	open := inviteProgram(t, f, domain.EnrollmentOpen)
	cases := []struct {
		name, actor, program, user, role string
		kind                             Kind
		field                            string
	}{
		{"a member", "ana", p.ID, "bob", "mentee", KindForbidden, ""},
		{"an outsider of the team", "coord", p.ID, "stranger", "mentee", KindInvalid, "user_id"},
		{"a user who does not exist", "coord", p.ID, "", "mentee", KindNotFound, ""},
		{"a bad role", "coord", p.ID, "bob", "boss", KindInvalid, "role"},
		{"an open program", "coord", open.ID, "bob", "mentee", KindConflict, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.Enrollments.Invite(c.actor, c.program, c.user, c.role)
			kind, field := kindOf(t, err)
			require.Equal(t, c.kind, kind)
			require.Equal(t, c.field, field)
		})
	}
	members, err := f.Enrollments.Members("admin", p.ID)
	require.NoError(t, err)
	require.Empty(t, members)
	require.Empty(t, f.notes.welcomes)

	_, err = f.Programs.Archive("coord", p.ID)
	require.NoError(t, err)
	_, err = f.Enrollments.Invite("coord", p.ID, "bob", "mentee")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "no invitation into an archived program")
}

func TestInvitingSomeoneWhoseRequestWaitsPointsToApprove(t *testing.T) {
	f := newFixture(t)
	p := inviteProgram(t, f, domain.EnrollmentApproval)
	_, err := f.Enrollments.Join("ana", p.ID, JoinInput{Role: "mentee"})
	require.NoError(t, err)
	_, err = f.Enrollments.Invite("coord", p.ID, "ana", "mentee")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind)
	require.Contains(t, err.Error(), "/mentor approve")

	// Someone who left may be invited back.
	e, err := f.Enrollments.Invite("coord", p.ID, "bob", "mentee")
	require.NoError(t, err)
	_, err = f.Enrollments.Leave("bob", p.ID)
	require.NoError(t, err)
	e2, err := f.Enrollments.Invite("coord", p.ID, "bob", "both")
	require.NoError(t, err)
	require.Equal(t, domain.StatusActive, e2.Status)
	require.Equal(t, domain.RoleBoth, e2.Role)
	require.NotEqual(t, e.Role, e2.Role)
	require.Equal(t, []string{p.ID + "/bob", p.ID + "/bob"}, f.notes.welcomes)
}

func TestConcurrentInvitationsMakeOneEnrollmentAndOneWelcome(t *testing.T) {
	f := newFixture(t)
	p := inviteProgram(t, f, domain.EnrollmentInvite)
	var wg sync.WaitGroup
	var mu sync.Mutex
	succeeded := 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Enrollments.Invite("coord", p.ID, "cy", "mentee"); err == nil {
				mu.Lock()
				succeeded++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	require.Equal(t, 1, succeeded)
	require.Equal(t, []string{p.ID + "/cy"}, f.notes.welcomes)
}
