package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestGetGoalsOfAMatchWithoutAnyIsEmpty(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	g, err := s.GetGoals("m1")
	require.NoError(t, err)
	require.Equal(t, "m1", g.MatchID)
	require.Empty(t, g.Goals)
	require.Zero(t, g.Seq)
}

func TestUpdateGoalsCreatesThenChanges(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, err := s.UpdateGoals("m1", func(g *domain.MatchGoals) error {
		g.ProgramID = "p1"
		g.Goals = append(g.Goals, &domain.Goal{ID: "g1", Title: "Learn Go", Status: domain.GoalOnTrack})
		g.Seq++
		return nil
	})
	require.NoError(t, err)
	got, err := s.UpdateGoals("m1", func(g *domain.MatchGoals) error {
		g.Find("g1").Progress = 40
		g.Seq++
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 40, got.Goals[0].Progress)

	read, err := s.GetGoals("m1")
	require.NoError(t, err)
	require.Equal(t, "p1", read.ProgramID)
	require.Equal(t, 2, read.Seq)
	require.Equal(t, domain.CurrentSchemaVersion, read.SchemaVersion)
	require.Equal(t, 40, read.Find("g1").Progress)
	require.Nil(t, read.Find("nope"))

	other, err := s.GetGoals("m2")
	require.NoError(t, err)
	require.Empty(t, other.Goals, "matches do not share goals")
}

func TestUpdateGoalsUnchangedAndErrorsWriteNothing(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, err := s.UpdateGoals("m1", func(g *domain.MatchGoals) error { g.Seq = 1; return nil })
	require.NoError(t, err)

	got, err := s.UpdateGoals("m1", func(g *domain.MatchGoals) error { g.Seq = 9; return ErrUnchanged })
	require.NoError(t, err)
	require.Equal(t, 9, got.Seq, "the caller sees what mutate left")
	boom := errors.New("boom")
	_, err = s.UpdateGoals("m1", func(g *domain.MatchGoals) error { g.Seq = 9; return boom })
	require.ErrorIs(t, err, boom)

	read, err := s.GetGoals("m1")
	require.NoError(t, err)
	require.Equal(t, 1, read.Seq)
}

func TestConcurrentGoalUpdatesKeepEveryGoal(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.UpdateGoals("m1", func(g *domain.MatchGoals) error {
				g.Goals = append(g.Goals, &domain.Goal{ID: fmt.Sprintf("g%d", i)})
				g.Seq++
				return nil
			})
			require.NoError(t, err)
		}()
	}
	wg.Wait()
	read, err := s.GetGoals("m1")
	require.NoError(t, err)
	require.Len(t, read.Goals, 8)
	require.Equal(t, 8, read.Seq)
}
