package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// raceCapacity is the mentor's capacity in the request race.
const raceCapacity = 3

type matchView struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	EndNote string `json:"end_reason"`
}

// measureRace starts a second node on the same database, then has 20 mentees
// of a fresh program request the same mentor at once (alternating nodes), and
// the mentor accept all 20 requests at once (alternating nodes again). At most
// raceCapacity acceptances may succeed; every other request must end with a
// status that tells the mentee (withdrawn because the mentor is full).
func (w *world) measureRace(mentor *member, mentees []*member) error {
	node2, err := w.env.StartNode()
	if err != nil {
		return fmt.Errorf("second node: %w", err)
	}
	if err := w.env.EnablePlugin(node2); err != nil {
		return err
	}
	nodes := []*harness.Node{w.env.Nodes[0], node2}
	p, err := createProgram(w.env, "Race Program", w.coord)
	if err != nil {
		return err
	}
	for _, m := range append([]*member{mentor}, mentees...) {
		if err := saveProfile(w.node, m); err != nil {
			return err
		}
	}
	if _, _, err := expect(w.node, mentor.Token, http.MethodPost, "/programs/"+p.ID+"/join",
		map[string]any{"role": "mentor", "capacity": raceCapacity}, http.StatusCreated); err != nil {
		return err
	}
	for _, m := range mentees {
		if _, err := joinProgram(w.node, m, p.ID); err != nil {
			return err
		}
	}

	// 20 requests at once, half through each node.
	ids := make([]string, len(mentees))
	statuses := make([]string, len(mentees))
	var wg sync.WaitGroup
	for i, m := range mentees {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, data, _, err := call(nodes[i%2], m.Token, http.MethodPost, "/programs/"+p.ID+"/requests",
				map[string]any{"mentor_id": mentor.ID, "message": "Hello!"})
			var mv matchView
			_ = json.Unmarshal(data, &mv)
			ids[i], statuses[i] = mv.ID, fmt.Sprintf("%d %v", status, err)
		}()
	}
	wg.Wait()
	created := 0
	for i, s := range statuses {
		if strings.HasPrefix(s, "201") && ids[i] != "" {
			created++
		}
	}

	// The mentor accepts every request at once, alternating nodes.
	answers := make([]string, len(ids))
	for i, id := range ids {
		if id == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, data, _, err := call(nodes[(i+1)%2], mentor.Token, http.MethodPost, "/matches/"+id+"/accept", nil)
			answers[i] = fmt.Sprintf("%d", status)
			if status != http.StatusOK {
				var e struct{ Error string }
				_ = json.Unmarshal(data, &e)
				answers[i] = fmt.Sprintf("%d %q %v", status, e.Error, err)
			}
		}()
	}
	wg.Wait()
	accepted := 0
	refusals := map[string]int{}
	for _, a := range answers {
		if a == "200" {
			accepted++
		} else if a != "" {
			refusals[a]++
		}
	}

	// What each mentee's request became, read back on the other node.
	final := map[string]int{}
	for i, id := range ids {
		if id == "" {
			continue
		}
		data, _, err := expect(nodes[(i+1)%2], mentees[i].Token, http.MethodGet, "/matches/"+id, nil, http.StatusOK)
		if err != nil {
			return err
		}
		var mv matchView
		_ = json.Unmarshal(data, &mv)
		final[mv.Status+note(mv.EndNote)]++
	}
	verdict := "MET"
	if accepted > raceCapacity || final["active"] > raceCapacity {
		verdict = "MISSED"
	}
	w.rep.add(row{what: fmt.Sprintf("20 requests, 1 mentor (capacity %d), 2 nodes", raceCapacity), n: len(mentees),
		p50: fmt.Sprintf("%d acc", accepted), p95: fmt.Sprintf("%d active", final["active"]),
		target: fmt.Sprintf("accepted ≤ %d", raceCapacity), verdict: verdict,
		how: "concurrent POST /requests then concurrent POST /matches/{id}/accept, alternating nodes"})
	w.rep.note("request race: %d of %d requests created (statuses %s); accept answers: %d × 200, refused: %s; final statuses: %s",
		created, len(mentees), countList(statuses), accepted, countMap(refusals), countMap(final))
	return nil
}

func note(n string) string {
	if n == "" {
		return ""
	}
	return " (" + n + ")"
}

func countList(items []string) string {
	m := map[string]int{}
	for _, s := range items {
		m[s]++
	}
	return countMap(m)
}

func countMap(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d × %s", m[k], k)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}
