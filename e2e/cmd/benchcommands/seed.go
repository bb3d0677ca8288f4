package main

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// benchUser runs every measured command.
const benchUser = "bencher"

// memberCount other people fill the programs, so that listing them reads real
// rosters rather than empty ones.
const memberCount = 10

func memberNames() []string {
	names := make([]string, memberCount)
	for i := range names {
		names[i] = fmt.Sprintf("member%02d", i+1)
	}
	return names
}

type seedResult struct{ coordinated, enrolled int }

// seedPrograms creates n programs of mixed kinds and modes. The bench user
// coordinates every fifth, is enrolled in every third (in a role the program
// allows), and the other members join about half of them.
func seedPrograms(env *harness.Env, n int) (seedResult, error) {
	var res seedResult
	admin, bench, coord := env.Users["admin"], env.Users[benchUser], env.Users["coord"]
	node := env.Nodes[0]
	kinds := []string{"one_to_one", "one_to_one", "circles", "office_hours"}
	modes := []string{"open", "open", "approval"}
	for i := 0; i < n; i++ {
		kind := kinds[i%len(kinds)]
		coordinators := []string{coord.Id}
		if i%5 == 0 {
			coordinators = append(coordinators, bench.Id)
			res.coordinated++
		}
		body := map[string]any{"team_id": env.Team.Id, "name": fmt.Sprintf("Program %02d", i+1),
			"description": fmt.Sprintf("Seeded program %d for the command benchmark.\nA second line.", i+1),
			"kind":        kind, "enrollment_mode": modes[i%len(modes)], "coordinators": coordinators}
		status, data, err := env.Plugin(admin, node, http.MethodPost, "/programs", body)
		if err != nil || status != http.StatusCreated {
			return res, fmt.Errorf("create program %d: %d %s %v", i+1, status, data, err)
		}
		var p struct{ ID string }
		if err := json.Unmarshal(data, &p); err != nil {
			return res, err
		}
		role := map[string]string{"one_to_one": "mentee", "circles": "peer", "office_hours": "both"}[kind]
		if i%3 == 0 {
			if err := join(env, benchUser, p.ID, role); err != nil {
				return res, err
			}
			res.enrolled++
		}
		for j, name := range memberNames() {
			if (i+j)%2 == 0 {
				if err := join(env, name, p.ID, role); err != nil {
					return res, err
				}
			}
		}
	}
	return res, nil
}

func join(env *harness.Env, name, programID, role string) error {
	status, data, err := env.Plugin(env.Users[name], env.Nodes[0], http.MethodPost, "/programs/"+programID+"/join",
		map[string]any{"role": role, "goals": "Learn and share"})
	if err != nil || status != http.StatusCreated {
		return fmt.Errorf("%s joins %s: %d %s %v", name, programID, status, data, err)
	}
	return nil
}
