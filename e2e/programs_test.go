package e2e

import (
	"net/http"
	"strings"
	"testing"
)

func TestAnonymousRequestsGet401(t *testing.T) {
	for _, route := range []struct{ method, path string }{
		{http.MethodGet, "/programs?team_id=" + env.Team.Id},
		{http.MethodPost, "/programs"},
		{http.MethodGet, "/me/programs"},
		{http.MethodPost, "/actions/decide"},
	} {
		var e apiError
		status := call(t, "", route.method, route.path, nil, &e)
		wantStatus(t, route.method+" "+route.path, status, http.StatusUnauthorized)
		if e.Error == "" {
			t.Fatalf("%s %s: no JSON error body", route.method, route.path)
		}
	}
}

func TestAdminCreatesProgramMembersSeeIt(t *testing.T) {
	p := createProgram(t, "Women in Tech", map[string]any{"description": "Mentoring for women engineers", "enrollment_mode": "open"})
	if len(p.ID) != 26 || p.TeamID != env.Team.Id || !p.CanManage {
		t.Fatalf("unexpected program %+v", p)
	}
	var list []program
	wantStatus(t, "list as member", call(t, "ana", http.MethodGet, "/programs?team_id="+env.Team.Id, nil, &list), http.StatusOK)
	found := false
	for _, q := range list {
		if q.ID == p.ID {
			found = true
			if q.CanManage {
				t.Fatal("a member must not be offered management")
			}
		}
	}
	if !found {
		t.Fatalf("member does not see the new program in %+v", list)
	}
	var got program
	wantStatus(t, "get", call(t, "ana", http.MethodGet, "/programs/"+p.ID, nil, &got), http.StatusOK)
	if got.Description != "Mentoring for women engineers" {
		t.Fatalf("description %q", got.Description)
	}
	wantStatus(t, "outsider lists", call(t, "outsider", http.MethodGet, "/programs?team_id="+env.Team.Id, nil, nil), http.StatusForbidden)
	wantStatus(t, "outsider gets", call(t, "outsider", http.MethodGet, "/programs/"+p.ID, nil, nil), http.StatusNotFound)
}

func TestCreateProgramBadInputChangesNothing(t *testing.T) {
	var before []program
	call(t, "admin", http.MethodGet, "/programs?team_id="+env.Team.Id+"&include_archived=true", nil, &before)

	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"empty name", map[string]any{"team_id": env.Team.Id, "name": "  "}, 400, "name"},
		{"long name", map[string]any{"team_id": env.Team.Id, "name": strings.Repeat("n", 65)}, 400, "name"},
		{"no team", map[string]any{"name": "No team"}, 400, "team_id"},
		{"bad enrollment", map[string]any{"team_id": env.Team.Id, "name": "X", "enrollment_mode": "closed"}, 400, "enrollment_mode"},
		{"bad date", map[string]any{"team_id": env.Team.Id, "name": "X", "start_date": "soon"}, 400, "start_date"},
		{"unknown field", map[string]any{"team_id": env.Team.Id, "name": "X", "colour": "red"}, 400, ""},
		{"not JSON", "{name:", 400, ""},
		{"too big", `{"team_id":"` + env.Team.Id + `","name":"X","description":"` + strings.Repeat("d", 70_000) + `"}`, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e apiError
			wantStatus(t, c.name, call(t, "admin", http.MethodPost, "/programs", c.body, &e), c.status)
			if e.Error == "" || e.Field != c.field {
				t.Fatalf("error body %+v, want field %q", e, c.field)
			}
		})
	}
	var e apiError
	wantStatus(t, "member creates", call(t, "ana", http.MethodPost, "/programs", map[string]any{"team_id": env.Team.Id, "name": "Mine"}, &e), http.StatusForbidden)
	wantContains(t, "forbidden message", e.Error, "Only system admins")

	var after []program
	call(t, "admin", http.MethodGet, "/programs?team_id="+env.Team.Id+"&include_archived=true", nil, &after)
	if len(after) != len(before) {
		t.Fatalf("bad requests created programs: %d before, %d after", len(before), len(after))
	}

	p := createProgram(t, "Duplicate", nil)
	wantStatus(t, "duplicate name", call(t, "admin", http.MethodPost, "/programs", map[string]any{"team_id": env.Team.Id, "name": p.Name}, &e), http.StatusConflict)
	if e.Field != "name" {
		t.Fatalf("duplicate error %+v", e)
	}
}

func TestOnlyCoordinatorsEditAndArchive(t *testing.T) {
	p := createProgram(t, "Guarded", map[string]any{"coordinators": []string{user("admin").Id, user("coord").Id}})

	wantStatus(t, "member patches", call(t, "ana", http.MethodPatch, "/programs/"+p.ID, map[string]any{"name": "Hijacked"}, nil), http.StatusForbidden)
	wantStatus(t, "member archives", call(t, "ana", http.MethodDelete, "/programs/"+p.ID, nil, nil), http.StatusForbidden)

	var updated program
	wantStatus(t, "coordinator patches", call(t, "coord", http.MethodPatch, "/programs/"+p.ID, map[string]any{"description": "Now with a description"}, &updated), http.StatusOK)
	if updated.Description != "Now with a description" || updated.Name != p.Name {
		t.Fatalf("patch result %+v", updated)
	}
	var e apiError
	wantStatus(t, "bad patch", call(t, "coord", http.MethodPatch, "/programs/"+p.ID, map[string]any{"name": ""}, &e), http.StatusBadRequest)
	if e.Field != "name" {
		t.Fatalf("bad patch error %+v", e)
	}

	var archived program
	wantStatus(t, "coordinator archives", call(t, "coord", http.MethodDelete, "/programs/"+p.ID, nil, &archived), http.StatusOK)
	if !archived.Archived {
		t.Fatal("program not archived")
	}
	wantStatus(t, "join archived", call(t, "ana", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusNotFound)
	wantStatus(t, "archive twice", call(t, "admin", http.MethodDelete, "/programs/"+p.ID, nil, nil), http.StatusConflict)
}
