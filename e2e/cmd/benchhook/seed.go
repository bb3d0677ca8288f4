package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// poster is one REST client of the benchmark: a person of a live match who
// writes into the pair's channel.
type poster struct {
	name      string
	channelID string
}

// seedPairs makes a program with n active matches through the plugin's REST
// API, as a coordinator would (pair, then both accept), and returns both
// people of every pair as posters into its channel.
func seedPairs(env *harness.Env, n int) (programID string, posters []poster, err error) {
	admin, coord := env.Users["admin"], env.Users["coord"]
	var p struct{ ID string }
	if err := call(env, admin, http.MethodPost, "/programs", map[string]any{
		"team_id": env.Team.Id, "name": "Hook benchmark", "coordinators": []string{coord.Id},
	}, http.StatusCreated, &p); err != nil {
		return "", nil, err
	}
	for i := 0; i < n; i++ {
		mentee, mentor := menteeName(i), mentorName(i)
		if err := call(env, env.Users[mentor], http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentor", "capacity": 1}, http.StatusCreated, nil); err != nil {
			return "", nil, err
		}
		if err := call(env, env.Users[mentee], http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, http.StatusCreated, nil); err != nil {
			return "", nil, err
		}
		var m struct {
			ID        string `json:"id"`
			Status    string `json:"status"`
			ChannelID string `json:"channel_id"`
		}
		if err := call(env, coord, http.MethodPost, "/programs/"+p.ID+"/pairs",
			map[string]any{"mentee_id": env.Users[mentee].Id, "mentor_id": env.Users[mentor].Id}, http.StatusCreated, &m); err != nil {
			return "", nil, err
		}
		for _, who := range []string{mentee, mentor} {
			if err := call(env, env.Users[who], http.MethodPost, "/matches/"+m.ID+"/accept", nil, http.StatusOK, nil); err != nil {
				return "", nil, err
			}
		}
		deadline := time.Now().Add(60 * time.Second)
		for m.Status != "active" || m.ChannelID == "" {
			if time.Now().After(deadline) {
				return "", nil, fmt.Errorf("match %s did not become active with a channel: %+v", m.ID, m)
			}
			time.Sleep(200 * time.Millisecond)
			if err := call(env, env.Users[mentee], http.MethodGet, "/matches/"+m.ID, nil, http.StatusOK, &m); err != nil {
				return "", nil, err
			}
		}
		posters = append(posters, poster{mentee, m.ChannelID}, poster{mentor, m.ChannelID})
	}
	return p.ID, posters, nil
}

func menteeName(i int) string { return fmt.Sprintf("mentee%02d", i+1) }
func mentorName(i int) string { return fmt.Sprintf("mentor%02d", i+1) }

// call hits the plugin's REST API as u and insists on a status.
func call(env *harness.Env, u *harness.User, method, path string, body any, want int, out any) error {
	status, data, err := env.Plugin(u, env.Nodes[0], method, path, body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if status != want {
		return fmt.Errorf("%s %s as %s: status %d, want %d: %s", method, path, u.Username, status, want, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
