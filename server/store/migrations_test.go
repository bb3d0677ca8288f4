package store

import (
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
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
		require.Equal(t, []int{2}, applied)

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
