package store

import (
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store/kvtest"
)

// writeSchema1 stores data the way version 0.1.0 did.
func writeSchema1(t *testing.T, kv KV) {
	t.Helper()
	set := func(key string, v any) {
		_, err := kv.Set(key, v)
		require.NoError(t, err)
	}
	joined := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	set(schemaVersionKey, 1)
	set(legacyTeamProgramsPrefix+"team1", map[string]any{"programs": []map[string]any{
		{"id": "p1", "slug": "spring", "archived": false},
		{"id": "p2", "slug": "c-mentoring", "archived": true},
		{"id": "orphan", "slug": "never-written", "archived": false},
	}})
	set(legacyProgramPrefix+"p1", domain.Program{SchemaVersion: 1, ID: "p1", TeamID: "team1", Name: "Spring", Slug: "spring",
		EnrollmentMode: "approval", Coordinators: []string{"coord"}, CreatedAt: joined})
	set(legacyProgramPrefix+"p2", domain.Program{SchemaVersion: 1, ID: "p2", TeamID: "team1", Name: "C++ Mentoring", Slug: "c-mentoring",
		Archived: true, ArchivedAt: joined, Coordinators: []string{"coord"}, CreatedAt: joined})
	set(legacyRosterPrefix+"p1", map[string]any{"schema_version": 1, "members": map[string]*domain.Enrollment{
		"ana": {SchemaVersion: 1, ProgramID: "p1", UserID: "ana", Role: "mentor", Capacity: 3, Goals: "teach", Status: "active", JoinedAt: joined},
		"bob": {SchemaVersion: 1, ProgramID: "p1", UserID: "bob", Role: "mentee", Status: "pending", JoinedAt: joined},
		"cy":  {SchemaVersion: 1, ProgramID: "p1", UserID: "cy", Role: "mentee", Status: "paused", PausedUntil: "2027-01-01", JoinedAt: joined},
	}})
	set(keyPrefix+"user_programs/ana", map[string]any{"program_ids": []string{"p1"}})
}

func TestMigrationToSchema2KeepsEveryRecordAndRunsTwiceSafely(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	writeSchema1(t, kv)
	s := New(kv)
	for run := 0; run < 2; run++ {
		if run == 1 {
			// A node that died before recording the version runs it again.
			_, err := kv.Set(schemaVersionKey, 1)
			require.NoError(t, err)
		}
		applied, err := s.Migrate(&sync.Mutex{}, Migrations)
		require.NoError(t, err)
		require.Equal(t, []int{2, 3}, applied)

		programs, err := s.ListTeamPrograms("team1")
		require.NoError(t, err)
		require.Len(t, programs, 2, "the orphaned claim is dropped, both programs kept")
		require.Equal(t, "Spring", programs[0].Name)
		require.Equal(t, "c++-mentoring", programs[1].Slug, "handles are recomputed")
		require.Equal(t, []string{"c-mentoring"}, programs[1].Aliases, "the old handle stays an alias")
		require.Empty(t, programs[0].Aliases, "an unchanged handle needs no alias")
		require.True(t, programs[1].Archived)
		p, err := s.GetProgram("p2")
		require.NoError(t, err)
		require.Equal(t, "C++ Mentoring", p.Name)
		_, err = s.GetProgram("orphan")
		require.ErrorIs(t, err, ErrNotFound)

		members, err := s.ListMembers("p1")
		require.NoError(t, err)
		require.Len(t, members, 3)
		// Schema 3: the same members are listed once each in the paged roster,
		// and each enrollment records its page.
		roster, err := s.ReadRoster("p1")
		require.NoError(t, err)
		require.Len(t, roster.Entries, 3)
		for _, entry := range roster.Entries {
			m, err := s.GetMemberships(entry.UserID)
			require.NoError(t, err)
			require.True(t, m.Enrollments["p1"].Listed, entry.UserID)
		}
		m, err := s.GetMemberships("ana")
		require.NoError(t, err)
		e := m.Enrollments["p1"]
		require.Equal(t, "mentor", e.Role)
		require.Equal(t, 3, e.Capacity)
		require.Equal(t, "teach", e.Goals)
		require.Equal(t, "team1", e.TeamID)
		m, err = s.GetMemberships("cy")
		require.NoError(t, err)
		require.Equal(t, "2027-01-01", m.Enrollments["p1"].PausedUntil)
	}
	// The freed name can be used again.
	require.NoError(t, s.CreateProgram(&domain.Program{ID: "p3", TeamID: "team1", Name: "Never written", Slug: "never-written"}))
}

func TestMigrationGivesMergedHandlesNumberedOnes(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	set := func(key string, v any) {
		_, err := kv.Set(key, v)
		require.NoError(t, err)
	}
	// Two active programs whose names schema 1 told apart ("sh-club" and
	// "fish-club") but NFKC normalization merges ("ﬁ" is the fi ligature), and
	// two that a rename race let share one handle.
	set(legacyTeamProgramsPrefix+"t", map[string]any{"programs": []map[string]any{
		{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}}})
	set(legacyProgramPrefix+"a", domain.Program{ID: "a", TeamID: "t", Name: "ﬁsh club", Slug: "sh-club"})
	set(legacyProgramPrefix+"b", domain.Program{ID: "b", TeamID: "t", Name: "fish club", Slug: "fish-club"})
	set(legacyProgramPrefix+"c", domain.Program{ID: "c", TeamID: "t", Name: "Spring", Slug: "spring"})
	set(legacyProgramPrefix+"d", domain.Program{ID: "d", TeamID: "t", Name: "Spring", Slug: "spring"})
	s := New(kv)
	_, err := s.Migrate(&sync.Mutex{}, Migrations)
	require.NoError(t, err)
	programs, err := s.ListTeamPrograms("t")
	require.NoError(t, err)
	slugs := map[string]string{}
	for _, p := range programs {
		slugs[p.ID] = p.Slug
	}
	require.Equal(t, map[string]string{"a": "fish-club", "b": "fish-club-2", "c": "spring", "d": "spring-2"}, slugs)
	require.Equal(t, []string{"sh-club"}, programs[0].Aliases)

	// Every program can still be edited.
	for _, p := range programs {
		_, err := s.UpdateProgram(p.ID, func(p *domain.Program) error {
			p.Description = "edited"
			return nil
		})
		require.NoError(t, err, p.ID)
	}
}

func TestMigrationConvergesWhereverTheNodeDies(t *testing.T) {
	clean := kvtest.NewDying()
	writeSchema1(t, clean)
	s := New(clean)
	before := clean.Calls()
	_, err := s.Migrate(&sync.Mutex{}, Migrations)
	require.NoError(t, err)
	total := clean.Calls() - before
	want := migratedState(t, s)

	for dieAt := 1; dieAt <= total; dieAt++ {
		kv := kvtest.NewDying()
		writeSchema1(t, kv)
		s := New(kv)
		kv.DieAt(dieAt)
		_, err := s.Migrate(&sync.Mutex{}, Migrations)
		require.Error(t, err, "died at call %d of %d", dieAt, total)
		kv.Revive()
		_, err = s.Migrate(&sync.Mutex{}, Migrations)
		require.NoError(t, err)
		require.Equal(t, want, migratedState(t, s), "died at call %d of %d", dieAt, total)
	}
}

// migratedState is everything the migration produced, in comparable form.
func migratedState(t *testing.T, s *Store) map[string]any {
	t.Helper()
	programs, err := s.ListTeamPrograms("team1")
	require.NoError(t, err)
	state := map[string]any{"programs": programs}
	version, err := s.SchemaVersion()
	require.NoError(t, err)
	state["version"] = version
	for _, id := range []string{"p1", "p2"} {
		members, err := s.ListMembers(id)
		require.NoError(t, err)
		state["members "+id] = members
	}
	return state
}
