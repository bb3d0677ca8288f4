package app

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
	"github.com/mentorship-mattermost/mentorship/server/store/kvtest"
)

// crashCase is one multi-key action: setup runs on a healthy store, act is the
// action that dies, then act runs again on the revived store (the retry), and
// check asserts that the result converged.
type crashCase struct {
	name  string
	setup func(t *testing.T, f *fixture) string
	act   func(f *fixture, id string) error
	check func(t *testing.T, f *fixture, id string)
}

func withKV(t *testing.T, kv store.KV) *fixture {
	t.Helper()
	f := newFixture(t)
	f.Services = NewServices(store.New(kv), f.deps)
	return f
}

// runCrashCase kills the action at every one of its KV calls in turn.
func runCrashCase(t *testing.T, c crashCase) {
	t.Run(c.name, func(t *testing.T) {
		// A clean run counts the calls the action makes.
		kv := kvtest.NewDying()
		f := withKV(t, kv)
		id := c.setup(t, f)
		before := kv.Calls()
		require.NoError(t, c.act(f, id))
		total := kv.Calls() - before
		require.Positive(t, total)
		c.check(t, f, id)

		for dieAt := 1; dieAt <= total; dieAt++ {
			kv := kvtest.NewDying()
			f := withKV(t, kv)
			id := c.setup(t, f)
			kv.DieAt(dieAt)
			err := c.act(f, id)
			require.Error(t, err, "the node died at call %d of %d", dieAt, total)
			kv.Revive()
			retryErr := c.act(f, id)
			var appErr *Error
			if retryErr != nil && !errors.As(retryErr, &appErr) {
				t.Fatalf("died at call %d of %d: retry failed: %v", dieAt, total, retryErr)
			}
			c.check(t, f, id)
		}
	})
}

func visibleNamed(t *testing.T, f *fixture, name string) []*domain.Program {
	t.Helper()
	all, err := f.Programs.List("admin", "team", true)
	require.NoError(t, err)
	var out []*domain.Program
	for _, p := range all {
		if p.Name == name && !p.Archived {
			out = append(out, p)
		}
	}
	return out
}

func requireNameFree(t *testing.T, f *fixture, name string) {
	t.Helper()
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr(name)})
	require.NoError(t, err, "the name %q must be free", name)
	_, err = f.Programs.Archive("admin", p.ID)
	require.NoError(t, err)
}

func requireNameTaken(t *testing.T, f *fixture, name string) {
	t.Helper()
	_, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr(name)})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "the name %q must be taken", name)
}

func TestEveryCrashPointConverges(t *testing.T) {
	created := func(t *testing.T, f *fixture, fields ProgramFields) string {
		p, err := f.Programs.Create("admin", "team", fields)
		require.NoError(t, err)
		return p.ID
	}
	for _, c := range []crashCase{
		{
			name:  "create",
			setup: func(*testing.T, *fixture) string { return "" },
			act: func(f *fixture, _ string) error {
				_, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Spring")})
				return err
			},
			check: func(t *testing.T, f *fixture, _ string) {
				require.Len(t, visibleNamed(t, f, "Spring"), 1, "exactly one program, no orphaned name")
				requireNameTaken(t, f, "Spring")
			},
		},
		{
			name:  "rename",
			setup: func(t *testing.T, f *fixture) string { return created(t, f, ProgramFields{Name: ptr("Alpha")}) },
			act: func(f *fixture, id string) error {
				_, err := f.Programs.Update("admin", id, ProgramFields{Name: ptr("Beta"), Description: ptr("renamed")})
				return err
			},
			check: func(t *testing.T, f *fixture, id string) {
				p, err := f.Programs.Get("admin", id)
				require.NoError(t, err)
				require.Equal(t, "Beta", p.Name)
				require.Equal(t, "renamed", p.Description)
				requireNameFree(t, f, "Alpha")
				requireNameTaken(t, f, "Beta")
			},
		},
		{
			name:  "archive",
			setup: func(t *testing.T, f *fixture) string { return created(t, f, ProgramFields{Name: ptr("Gamma")}) },
			act: func(f *fixture, id string) error {
				_, err := f.Programs.Archive("admin", id)
				return err
			},
			check: func(t *testing.T, f *fixture, id string) {
				p, err := f.Programs.Get("admin", id)
				require.NoError(t, err)
				require.True(t, p.Archived)
				requireNameFree(t, f, "Gamma")
			},
		},
		{
			name:  "join",
			setup: func(t *testing.T, f *fixture) string { return created(t, f, ProgramFields{Name: ptr("Open")}) },
			act: func(f *fixture, id string) error {
				_, err := f.Enrollments.Join("ana", id, JoinInput{Role: "mentee", Goals: "public speaking"})
				return err
			},
			check: func(t *testing.T, f *fixture, id string) {
				requireEnrolledOnce(t, f, id, "ana", domain.StatusActive)
				require.Equal(t, []string{id + "/ana"}, f.notes.welcomes, "one welcome, never none, never two")
			},
		},
		{
			name: "request and approve",
			setup: func(t *testing.T, f *fixture) string {
				return created(t, f, ProgramFields{Name: ptr("Gated"), EnrollmentMode: ptr(domain.EnrollmentApproval)})
			},
			act: func(f *fixture, id string) error {
				if _, err := f.Enrollments.Join("bob", id, JoinInput{Role: "mentor", Capacity: 3}); err != nil {
					return err
				}
				_, err := f.Enrollments.Decide("admin", id, "bob", true)
				return err
			},
			check: func(t *testing.T, f *fixture, id string) {
				requireEnrolledOnce(t, f, id, "bob", domain.StatusActive)
				require.Equal(t, []string{id + "/bob"}, f.notes.requests, "coordinators asked once")
				require.Equal(t, []string{id + "/bob"}, f.notes.welcomes, "welcomed once")
			},
		},
		{
			name: "approve alone",
			setup: func(t *testing.T, f *fixture) string {
				id := created(t, f, ProgramFields{Name: ptr("Gated"), EnrollmentMode: ptr(domain.EnrollmentApproval)})
				_, err := f.Enrollments.Join("cy", id, JoinInput{Role: "mentee"})
				require.NoError(t, err)
				return id
			},
			act: func(f *fixture, id string) error {
				_, err := f.Enrollments.Decide("admin", id, "cy", true)
				return err
			},
			check: func(t *testing.T, f *fixture, id string) {
				requireEnrolledOnce(t, f, id, "cy", domain.StatusActive)
				require.Equal(t, []string{id + "/cy"}, f.notes.welcomes, "the coordinator's retry sends the welcome once")
			},
		},
	} {
		runCrashCase(t, c)
	}
}

func requireEnrolledOnce(t *testing.T, f *fixture, programID, userID, status string) {
	t.Helper()
	mine, err := f.Enrollments.Mine(userID)
	require.NoError(t, err)
	require.Len(t, mine, 1, "the program is in the member's list")
	require.Equal(t, status, mine[0].Enrollment.Status)
	require.Empty(t, mine[0].Enrollment.Announce, "nothing left owed")
	members, err := f.Enrollments.Members("admin", programID)
	require.NoError(t, err)
	require.Len(t, members, 1, "the member is in the program's list")
	require.Equal(t, userID, members[0].UserID)
}

func TestTwoRenamesToOneNameOnTwoNodes(t *testing.T) {
	for round := 0; round < 20; round++ {
		f := newFixture(t)
		a, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("A")})
		require.NoError(t, err)
		b, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("B")})
		require.NoError(t, err)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, id := range []string{a.ID, b.ID} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.Programs.Update("admin", id, ProgramFields{Name: ptr(fmt.Sprintf("Same %s", "name"))})
			}()
		}
		wg.Wait()
		require.True(t, (errs[0] == nil) != (errs[1] == nil), "exactly one rename wins: %v", errs)
		require.Len(t, visibleNamed(t, f, "Same name"), 1)
	}
}
