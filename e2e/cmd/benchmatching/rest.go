package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// httpClient keeps enough idle connections for the parallel seeders, so that
// timings do not include new TCP connections.
var httpClient = &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}, Timeout: 5 * time.Minute}

// call sends one plugin REST request as token on node and returns the status,
// the body and how long the round trip took.
func call(node *harness.Node, token, method, path string, body any) (int, []byte, time.Duration, error) {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, nil, 0, err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, node.URL+"/plugins/"+harness.PluginID+"/api/v1"+path, reader)
	if err != nil {
		return 0, nil, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, 0, err
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, data, time.Since(start), err
}

// expect is call that insists on one status.
func expect(node *harness.Node, token, method, path string, body any, want int) ([]byte, time.Duration, error) {
	status, data, took, err := call(node, token, method, path, body)
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if status != want {
		return nil, 0, fmt.Errorf("%s %s: %d %s (want %d)", method, path, status, truncate(data), want)
	}
	return data, took, nil
}

func truncate(b []byte) string {
	s := string(b)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// command runs a slash command as token in the team's town-square and insists
// on a non-empty ephemeral answer, so that a command that failed silently is
// not timed as a fast one.
func command(env *harness.Env, node *harness.Node, token, text string) (string, time.Duration, error) {
	c := model.NewAPIv4Client(node.URL)
	c.HTTPClient = httpClient
	c.SetToken(token)
	start := time.Now()
	resp, _, err := c.ExecuteCommandWithTeam(context.Background(), env.Channel.Id, env.Team.Id, text)
	took := time.Since(start)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", text, err)
	}
	if strings.TrimSpace(resp.Text) == "" || resp.ResponseType != model.CommandResponseTypeEphemeral {
		return "", 0, fmt.Errorf("%s answered %q (%s)", text, resp.Text, resp.ResponseType)
	}
	return resp.Text, took, nil
}

// parallel runs work(i) for i in [0, n) on workers goroutines and returns the
// first error; it prints progress every 1,000 items.
func parallel(label string, n, workers int, work func(i int) error) error {
	var next, done atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := work(i); err != nil {
					once.Do(func() { firstErr = err })
					next.Store(int64(n)) // stop handing out work
					return
				}
				if d := done.Add(1); d%1000 == 0 {
					fmt.Printf("  %s: %d/%d (%.0fs)\n", label, d, n, time.Since(start).Seconds())
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// saveProfile puts m's profile (PUT /profile).
func saveProfile(node *harness.Node, m *member) error {
	_, _, err := expect(node, m.Token, http.MethodPut, "/profile", m.Profile, http.StatusOK)
	return err
}

// joinProgram enrolls m (POST /programs/{id}/join): a mentee with goals, a
// mentor with capacity 1, so that the 2,000 mentors take ~2,000 mentees.
func joinProgram(node *harness.Node, m *member, programID string) (time.Duration, error) {
	body := map[string]any{"role": "mentee", "goals": m.Goals}
	if m.Mentor {
		body = map[string]any{"role": "mentor", "capacity": 1}
	}
	_, took, err := expect(node, m.Token, http.MethodPost, "/programs/"+programID+"/join", body, http.StatusCreated)
	return took, err
}

type program struct{ ID, Slug string }

// createProgram makes a self-serve one-to-one program coordinated by coord.
func createProgram(env *harness.Env, name string, coord *harness.User) (program, error) {
	body := map[string]any{"team_id": env.Team.Id, "name": name, "description": "Benchmark program.",
		"kind": "one_to_one", "enrollment_mode": "open", "matching_mode": "self_serve",
		"coordinators": []string{coord.Id}}
	data, _, err := expect(env.Nodes[0], env.Users["admin"].Token, http.MethodPost, "/programs", body, http.StatusCreated)
	if err != nil {
		return program{}, err
	}
	var p program
	err = json.Unmarshal(data, &p)
	return p, err
}
