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
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusOK:
		default:
			t.Fatalf("join answered %d: %v", s, statuses)
		}
	}
	if created != 1 {
		t.Fatalf("%d joins reported a new enrollment, want 1: %v", created, statuses)
	}
	for _, n := range nodes {
		var members []enrollment
		wantStatus(t, "members on "+n.Name, callOn(t, n, "admin", http.MethodGet, "/programs/"+p.ID+"/members", nil, &members), http.StatusOK)
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
	var members []enrollment
	callOn(t, nodes[1], "admin", http.MethodGet, "/programs/"+p.ID+"/members", nil, &members)
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
	created := 0
	for _, s := range statuses {
		if s == http.StatusCreated {
			created++
		} else if s != http.StatusConflict {
			t.Fatalf("create answered %d: %v", s, statuses)
		}
	}
	if created != 1 {
		t.Fatalf("%d programs named %q created, want 1", created, name)
	}
}
