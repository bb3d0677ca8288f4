package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func newProgram(id, team, name string) *domain.Program {
	return &domain.Program{ID: id, TeamID: team, Name: name, Slug: domain.Slugify(name), CreatedAt: time.Now().UTC()}
}

func TestCreateProgramRejectsDuplicateNameInTeam(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	require.NoError(t, s.CreateProgram(newProgram("p1", "team1", "Women in Tech")))
	require.ErrorIs(t, s.CreateProgram(newProgram("p2", "team1", "women in tech!")), ErrSlugTaken)
	require.NoError(t, s.CreateProgram(newProgram("p3", "team2", "Women in Tech")), "other teams may reuse a name")

	programs, err := s.ListTeamPrograms("team1")
	require.NoError(t, err)
	require.Len(t, programs, 1)
	require.Equal(t, "p1", programs[0].ID)
}

func TestConcurrentCreatesOfOneNameLeaveOneProgram(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = s.CreateProgram(newProgram(fmt.Sprintf("p%d", i), "team1", "Spring cohort"))
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range results {
		if err == nil {
			ok++
		} else {
			require.ErrorIs(t, err, ErrSlugTaken)
		}
	}
	require.Equal(t, 1, ok)
	programs, err := s.ListTeamPrograms("team1")
	require.NoError(t, err)
	require.Len(t, programs, 1)
}

func TestArchivingFreesTheNameAndRenameIsChecked(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	require.NoError(t, s.CreateProgram(newProgram("p1", "t", "Alpha")))
	require.NoError(t, s.CreateProgram(newProgram("p2", "t", "Beta")))

	_, err := s.UpdateProgram("p2", func(p *domain.Program) error {
		p.Name, p.Slug = "Alpha", "alpha"
		return nil
	})
	require.ErrorIs(t, err, ErrSlugTaken)
	p2, _ := s.GetProgram("p2")
	require.Equal(t, "Beta", p2.Name, "a refused rename changes nothing")

	_, err = s.UpdateProgram("p1", func(p *domain.Program) error {
		p.Archived = true
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, s.CreateProgram(newProgram("p3", "t", "Alpha")))
}

func TestConcurrentJoinsKeepEveryMember(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			uid := fmt.Sprintf("u%d", i)
			require.NoError(t, s.IndexMember("p1", uid))
			_, err := s.UpdateMemberships(uid, func(m *Memberships) error {
				m.Enrollments["p1"] = &domain.Enrollment{ProgramID: "p1", UserID: uid, Status: domain.StatusActive}
				return nil
			})
			require.NoError(t, err)
		}()
	}
	wg.Wait()
	members, err := s.ListMembers("p1")
	require.NoError(t, err)
	require.Len(t, members, 30)
	m, err := s.GetMemberships("u7")
	require.NoError(t, err)
	require.Contains(t, m.Enrollments, "p1")
}
