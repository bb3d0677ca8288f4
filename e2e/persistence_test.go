package e2e

import (
	"context"
	"net/http"
	"testing"
)

func TestDataSurvivesDisableEnable(t *testing.T) {
	p := createProgram(t, "Durable", nil)
	wantStatus(t, "join", call(t, "eve", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusCreated)

	admin := env.Client(user("admin"), node1())
	if _, err := admin.DisablePlugin(context.Background(), "mentorship"); err != nil {
		t.Fatalf("disable: %v", err)
	}
	// While disabled the route is gone.
	if status := call(t, "eve", http.MethodGet, "/programs/"+p.ID, nil, nil); status == http.StatusOK {
		t.Fatal("plugin still serving while disabled")
	}
	if err := env.EnablePlugin(node1()); err != nil {
		t.Fatal(err)
	}
	var got program
	wantStatus(t, "get after re-enable", call(t, "eve", http.MethodGet, "/programs/"+p.ID, nil, &got), http.StatusOK)
	if got.Name != p.Name {
		t.Fatalf("program after re-enable %+v", got)
	}
	members := listMembers(t, "admin", p.ID)
	if len(members) != 1 || members[0].Username != "eve" {
		t.Fatalf("enrollments after re-enable %+v", members)
	}
}
