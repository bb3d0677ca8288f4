package e2e

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

var (
	secondNodeOnce sync.Once
	secondNodeErr  error
)

// node2 starts a second server on the same database and file store, and enables
// the plugin through its own API (non-clustered nodes do not push config).
func node2(t *testing.T) *harness.Node {
	t.Helper()
	secondNodeOnce.Do(func() {
		var n *harness.Node
		if n, secondNodeErr = env.StartNode(); secondNodeErr == nil {
			secondNodeErr = env.EnablePlugin(n)
		}
	})
	if secondNodeErr != nil {
		t.Fatalf("second node: %v", secondNodeErr)
	}
	return env.Nodes[1]
}

func TestTwoNodesConcurrentJoinMakesOneEnrollment(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	p := createProgram(t, "HA join", nil)

	const attempts = 12
	statuses := make([]int, attempts)
	var wg sync.WaitGroup
	for i := 0; i < attempts; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = callOn(t, nodes[i%2], "ana", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil)
		}()
	}
	wg.Wait()
	wantOneWinner(t, "join", statuses, http.StatusCreated, http.StatusOK)
	for _, n := range nodes {
		status, members := membersOn(t, n, "admin", p.ID)
		wantStatus(t, "members on "+n.Name, status, http.StatusOK)
		if len(members) != 1 {
			t.Fatalf("%s sees %d enrollments, want 1", n.Name, len(members))
		}
	}
	if got := len(postsMentioning(botDM(t, "ana"), "Welcome to "+p.Name)); got != 1 {
		t.Fatalf("%d welcome DMs, want 1", got)
	}
}

func TestTwoNodesConcurrentJoinsOfDifferentMembersLoseNone(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	p := createProgram(t, "HA roster", nil)
	names := []string{"ana", "bob", "cy", "dee", "eve", "coord"}
	var wg sync.WaitGroup
	errs := make(chan string, len(names))
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s := callOn(t, nodes[i%2], name, http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil); s != http.StatusCreated {
				errs <- fmt.Sprintf("%s: %d", name, s)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	status, members := membersOn(t, nodes[1], "admin", p.ID)
	wantStatus(t, "members on "+nodes[1].Name, status, http.StatusOK)
	if len(members) != len(names) {
		t.Fatalf("%d members after %d concurrent joins on two nodes", len(members), len(names))
	}
}

func TestTwoNodesConcurrentCreatesOfOneNameMakeOneProgram(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	name := fmt.Sprintf("HA unique %d", programCounter+1000)
	statuses := make([]int, 8)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = callOn(t, nodes[i%2], "admin", http.MethodPost, "/programs", map[string]any{"team_id": env.Team.Id, "name": name}, nil)
		}()
	}
	wg.Wait()
	wantOneWinner(t, "create of "+name, statuses, http.StatusCreated, http.StatusConflict)
}

// activeNamed counts the team's active programs whose name is name, as seen from node.
func activeNamed(t *testing.T, node *harness.Node, name string) int {
	t.Helper()
	var programs []program
	wantStatus(t, "list", callOn(t, node, "admin", http.MethodGet, "/programs?team_id="+env.Team.Id, nil, &programs), http.StatusOK)
	n := 0
	for _, p := range programs {
		if p.Name == name && !p.Archived {
			n++
		}
	}
	return n
}

func TestTwoNodesRenamesRacingForOneNameLeaveOne(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	var ids []string
	for i := 0; i < 6; i++ {
		ids = append(ids, createProgram(t, "HA rename", nil).ID)
	}
	name := fmt.Sprintf("HA renamed %d", programCounter)
	statuses := make([]int, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = callOn(t, nodes[i%2], "admin", http.MethodPatch, "/programs/"+id, map[string]any{"name": name}, nil)
		}()
	}
	wg.Wait()
	wantOneWinner(t, "rename to one name", statuses, http.StatusOK, http.StatusConflict)
	for _, n := range nodes {
		if got := activeNamed(t, n, name); got != 1 {
			t.Fatalf("%s lists %d active programs named %q, want 1", n.Name, got, name)
		}
	}
}

// An archive frees a name while, on the other node, a create and a rename race
// to take it: whatever the interleaving, at most one active program has it, and
// once the archive is done someone has it.
func TestTwoNodesArchiveRenameAndCreateInterleave(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	for round := 0; round < 5; round++ {
		old := createProgram(t, "HA interleave", nil)
		other := createProgram(t, "HA interleave other", nil)
		name := old.Name
		var wg sync.WaitGroup
		var archived, created, renamed int
		wg.Add(3)
		go func() {
			defer wg.Done()
			archived = callOn(t, nodes[0], "admin", http.MethodDelete, "/programs/"+old.ID, nil, nil)
		}()
		go func() {
			defer wg.Done()
			created = callOn(t, nodes[1], "admin", http.MethodPost, "/programs", map[string]any{"team_id": env.Team.Id, "name": name}, nil)
		}()
		go func() {
			defer wg.Done()
			renamed = callOn(t, nodes[round%2], "admin", http.MethodPatch, "/programs/"+other.ID, map[string]any{"name": name}, nil)
		}()
		wg.Wait()
		wantStatus(t, "archive", archived, http.StatusOK)
		for _, n := range nodes {
			if got := activeNamed(t, n, name); got > 1 {
				t.Fatalf("round %d: %s lists %d active programs named %q (create %d, rename %d)", round, n.Name, got, name, created, renamed)
			}
		}
		if created != http.StatusCreated && renamed != http.StatusOK {
			// Both came before the archive; now the name is free.
			wantStatus(t, "create after archive", callOn(t, nodes[1], "admin", http.MethodPost, "/programs", map[string]any{"team_id": env.Team.Id, "name": name}, nil), http.StatusCreated)
		}
	}
}

// wantOneWinner checks the answers of racing requests: exactly one is won, every
// other one is lost, and nothing else was answered.
func wantOneWinner(t *testing.T, what string, statuses []int, won, lost int) {
	t.Helper()
	wins := 0
	for _, s := range statuses {
		switch s {
		case won:
			wins++
		case lost:
		default:
			t.Fatalf("%s answered %d: %v", what, s, statuses)
		}
	}
	if wins != 1 {
		t.Fatalf("%d of the racing %s requests won, want 1: %v", wins, what, statuses)
	}
}
