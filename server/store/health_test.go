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

// Two stores on one KV are two server nodes writing lines at once, each line
// twice: every match ends with one line, and no page outgrows its bound.
func TestHealthLedgerConcurrentWritersKeepOneLinePerMatchAndBoundedPages(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	nodes := []*Store{New(kv), New(kv)}
	const matches = 600
	var wg sync.WaitGroup
	for i := 0; i < matches*2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			id := fmt.Sprintf("m%04d", i%matches)
			_, err := nodes[i%2].UpdateMatchHealth("p", id, func(h *domain.MatchHealth, _ bool) error {
				h.SessionsHeld++
				h.UpdatedAt = time.Now()
				return nil
			})
			require.NoError(t, err)
		}(i)
	}
	wg.Wait()
	lines, err := nodes[0].ProgramHealth("p")
	require.NoError(t, err)
	require.Len(t, lines, matches)
	for _, line := range lines {
		require.Equal(t, 2, line.SessionsHeld, "both writes of %s landed on one line", line.MatchID)
		require.Equal(t, "p", line.ProgramID)
	}
	head, _, err := get[healthHead](kv, healthHeadKey("p"))
	require.NoError(t, err)
	for page := 0; page < head.Pages; page++ {
		p, _, err := get[healthPage](kv, healthPageKey("p", page))
		require.NoError(t, err)
		require.LessOrEqual(t, len(p.Lines), HealthPageSize)
	}
	got, found, err := nodes[1].GetMatchHealth("p", "m0042")
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, 2, got.SessionsHeld)
}

func TestHealthLedgerKeepsProgramsApartAndSkipsUnchangedWrites(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, err := s.UpdateMatchHealth("a", "m1", func(h *domain.MatchHealth, exists bool) error {
		require.False(t, exists)
		h.Status = domain.MatchActive
		return nil
	})
	require.NoError(t, err)
	line, err := s.UpdateMatchHealth("a", "m1", func(h *domain.MatchHealth, exists bool) error {
		require.True(t, exists)
		return ErrUnchanged
	})
	require.NoError(t, err)
	require.Equal(t, domain.MatchActive, line.Status)
	_, found, err := s.GetMatchHealth("b", "m1")
	require.NoError(t, err)
	require.False(t, found, "a line is read only through its own program")
	lines, err := s.ProgramHealth("b")
	require.NoError(t, err)
	require.Empty(t, lines)
}

func TestPairChannelPointer(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, found, err := s.PairChannel("c1")
	require.NoError(t, err)
	require.False(t, found)
	require.NoError(t, s.PutPairChannel("c1", "p", "m"))
	require.NoError(t, s.PutPairChannel("c1", "p", "m"))
	ref, found, err := s.PairChannel("c1")
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, PairChannelRef{ProgramID: "p", MatchID: "m"}, ref)
}
