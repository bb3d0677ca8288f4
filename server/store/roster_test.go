package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"
)

func entryFor(uid string) *RosterEntry {
	return &RosterEntry{UserID: uid, Username: uid, Role: "mentee", Status: "active", UpdatedAt: time.Now()}
}

// Two stores on one KV are two server nodes: each keeps its own page cache.
func TestRosterConcurrentJoinsFromTwoNodesLoseNobodyAndPagesStayBounded(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	nodes := []*Store{New(kv), New(kv)}
	const members = 1000
	var wg sync.WaitGroup
	pages := make([]int, members)
	for i := 0; i < members; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			page, err := nodes[i%2].PutRosterEntry("p", 0, false, entryFor(fmt.Sprintf("u%04d", i)))
			require.NoError(t, err)
			pages[i] = page
		}(i)
	}
	wg.Wait()
	for _, node := range nodes {
		roster, err := node.ReadRoster("p")
		require.NoError(t, err)
		require.Len(t, roster.Entries, members, "every member listed exactly once")
		require.GreaterOrEqual(t, roster.Pages, members/RosterPageSize)
	}
	for page := 0; page < 40; page++ {
		p, _, err := get[rosterPage](kv, rosterPageKey("p", page))
		require.NoError(t, err)
		require.LessOrEqual(t, len(p.Entries), RosterPageSize, "page %d", page)
	}
	// A member rewritten on their page stays one entry and is seen by the other node.
	changed := entryFor("u0001")
	changed.Status = "paused"
	_, err := nodes[0].PutRosterEntry("p", pages[1], true, changed)
	require.NoError(t, err)
	roster, err := nodes[1].ReadRoster("p")
	require.NoError(t, err)
	require.Len(t, roster.Entries, members)
	for _, e := range roster.Entries {
		if e.UserID == "u0001" {
			require.Equal(t, "paused", e.Status, "the other node's cache follows the head")
		}
	}
}

func TestRosterReadFromCacheCostsOneReadWhenNothingChanged(t *testing.T) {
	kv := &countingKV{KV: &pluginapi.MemoryStore{}}
	s := New(kv)
	for i := 0; i < 350; i++ {
		_, err := s.PutRosterEntry("p", 0, false, entryFor(fmt.Sprintf("u%04d", i)))
		require.NoError(t, err)
	}
	_, err := s.ReadRoster("p")
	require.NoError(t, err)
	kv.gets = 0
	roster, err := s.ReadRoster("p")
	require.NoError(t, err)
	require.Len(t, roster.Entries, 350)
	require.Equal(t, 1, kv.gets, "only the head is read")

	_, err = New(kv).PutRosterEntry("p", 0, false, entryFor("newcomer")) // another node
	require.NoError(t, err)
	kv.gets = 0
	roster, err = s.ReadRoster("p")
	require.NoError(t, err)
	require.Len(t, roster.Entries, 351)
	require.LessOrEqual(t, kv.gets, 3, "the head and the changed stripe's pages")
}

type countingKV struct {
	KV
	mu   sync.Mutex
	gets int
}

func (c *countingKV) Get(key string, out any) error {
	c.mu.Lock()
	c.gets++
	c.mu.Unlock()
	return c.KV.Get(key, out)
}
