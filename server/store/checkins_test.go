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

func TestCheckInsEmptyThenRoundTrip(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	c, err := s.GetCheckIns("m1")
	require.NoError(t, err)
	require.Equal(t, "m1", c.MatchID)
	require.Empty(t, c.Rounds)

	due := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	_, err = s.UpdateCheckIns("m1", func(c *domain.MatchCheckIns) error {
		c.ProgramID = "p1"
		c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: 2, Due: due.Add(7 * 24 * time.Hour)},
			&domain.CheckInRound{Round: 1, Due: due})
		return nil
	})
	require.NoError(t, err)
	c, err = s.GetCheckIns("m1")
	require.NoError(t, err)
	require.Equal(t, "p1", c.ProgramID)
	require.Equal(t, domain.CurrentSchemaVersion, c.SchemaVersion)
	require.Len(t, c.Rounds, 2)
	require.Equal(t, 1, c.Rounds[0].Round, "kept in round order")
	require.True(t, c.Round(2).Due.Equal(due.Add(7*24*time.Hour)))
	require.Nil(t, c.Round(3))

	other, err := s.GetCheckIns("m2")
	require.NoError(t, err)
	require.Empty(t, other.Rounds, "documents are per match")
}

func TestCheckInsUnchangedWritesNothing(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	c, err := s.UpdateCheckIns("m1", func(c *domain.MatchCheckIns) error { return ErrUnchanged })
	require.NoError(t, err)
	require.Empty(t, c.Rounds)
	keys, err := s.kv.ListKeys(0, 10)
	require.NoError(t, err)
	require.Empty(t, keys)
}

func TestCheckInsBoundedOldestFirst(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	for i := 1; i <= domain.MaxCheckInRounds+5; i++ {
		_, err := s.UpdateCheckIns("m1", func(c *domain.MatchCheckIns) error {
			c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: i})
			return nil
		})
		require.NoError(t, err)
	}
	c, err := s.GetCheckIns("m1")
	require.NoError(t, err)
	require.Len(t, c.Rounds, domain.MaxCheckInRounds)
	require.Equal(t, 6, c.Rounds[0].Round)
	require.Equal(t, domain.MaxCheckInRounds+5, c.Rounds[len(c.Rounds)-1].Round)
}

func TestConcurrentAnswersKeepEveryAnswer(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, err := s.UpdateCheckIns("m1", func(c *domain.MatchCheckIns) error {
		c.Rounds = []*domain.CheckInRound{{Round: 1}}
		return nil
	})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("u%02d", i)
			_, err := s.UpdateCheckIns("m1", func(c *domain.MatchCheckIns) error {
				r := c.Round(1)
				if r.Answers == nil {
					r.Answers = map[string]domain.CheckInAnswer{}
				}
				r.Answers[user] = domain.CheckInAnswer{UserID: user, Answer: domain.CheckInFine}
				return nil
			})
			require.NoError(t, err)
		}()
	}
	wg.Wait()
	c, err := s.GetCheckIns("m1")
	require.NoError(t, err)
	require.Len(t, c.Round(1).Answers, 20)
}

// Rounds started again and again never push the pair's answers out.
func TestManyUnansweredRoundsDoNotEraseAnswers(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, err := s.UpdateCheckIns("m", func(c *domain.MatchCheckIns) error {
		c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: 1, Answers: map[string]domain.CheckInAnswer{"bob": {UserID: "bob", Answer: domain.CheckInStruggling}}})
		return nil
	})
	require.NoError(t, err)
	for n := 2; n <= domain.MaxCheckInRounds+20; n++ {
		_, err := s.UpdateCheckIns("m", func(c *domain.MatchCheckIns) error {
			c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: n})
			return nil
		})
		require.NoError(t, err)
	}
	c, err := s.GetCheckIns("m")
	require.NoError(t, err)
	require.Len(t, c.Rounds, domain.MaxCheckInRounds)
	require.Equal(t, 1, c.Rounds[0].Round, "the answered round stays")
	require.Equal(t, domain.MaxCheckInRounds+20, c.Rounds[len(c.Rounds)-1].Round, "the newest stays")
}
