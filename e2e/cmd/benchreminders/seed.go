package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// node returns the node a worker talks to: workers alternate between the
// nodes, as members behind a load balancer would (only the live ones once a
// node has been stopped).
func (b *bench) node(worker int) *harness.Node {
	live := b.live()
	return live[worker%len(live)]
}

// createPrograms makes one self-serve program per o.perProgram pairs, run by
// the admin: a roster of a few hundred keeps each request's cost that of an
// ordinary program, so seeding measures nothing of interest and stays quick.
func (b *bench) createPrograms() error {
	n := (b.o.sessions + b.o.perProgram - 1) / b.o.perProgram
	for k := 0; k < n; k++ {
		body := map[string]any{"team_id": b.env.Team.Id, "name": fmt.Sprintf("Reminder Bench %02d", k+1),
			"description": "Benchmark program.", "kind": "one_to_one", "enrollment_mode": "open",
			"matching_mode": "self_serve", "coordinators": []string{b.admin.Id}}
		var p struct {
			ID string `json:"id"`
		}
		if err := post(b.nodes[0], b.admin.Token, "/programs", body, http.StatusCreated, &p); err != nil {
			return err
		}
		b.programs = append(b.programs, p.ID)
	}
	return nil
}

func (b *bench) programOf(pair int) string { return b.programs[pair/b.o.perProgram] }

// seedMatches enrolls every pair (mentor with capacity 1, mentee) and makes
// them an active match the way members do: the mentee asks the mentor
// (POST /programs/{id}/requests), the mentor accepts (POST /matches/{id}/accept).
func (b *bench) seedMatches() error {
	n := b.o.sessions
	start := time.Now()
	err := parallel("joins", 2*n, b.o.workers, func(w, i int) error {
		pair, mentor := i/2, i%2 == 1
		who, body := b.mentees[pair], map[string]any{"role": "mentee"}
		if mentor {
			who, body = b.mentors[pair], map[string]any{"role": "mentor", "capacity": 1}
		}
		return post(b.node(w), who.Token, "/programs/"+b.programOf(pair)+"/join", body, http.StatusCreated, nil)
	})
	if err != nil {
		return err
	}
	b.rep.note("seeding: %d joins in %s", 2*n, time.Since(start).Round(time.Second))
	start = time.Now()
	b.matches = make([]string, n)
	err = parallel("matches", n, b.o.workers, func(w, i int) error {
		node := b.node(w)
		var m struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		}
		if err := post(node, b.mentees[i].Token, "/programs/"+b.programOf(i)+"/requests",
			map[string]any{"mentor_id": b.mentors[i].ID}, http.StatusCreated, &m); err != nil {
			return err
		}
		if err := post(node, b.mentors[i].Token, "/matches/"+m.ID+"/accept", nil, http.StatusOK, &m); err != nil {
			return err
		}
		if m.Status != "active" {
			return fmt.Errorf("match %s is %q after the accept, want active", m.ID, m.Status)
		}
		b.matches[i] = m.ID
		return nil
	})
	if err != nil {
		return err
	}
	b.rep.note("seeding: %d matches (request + accept) in %s", n, time.Since(start).Round(time.Second))
	return nil
}

// scheduleSessions schedules one session per match starting at start (the
// mentee is the organizer), and returns the session ids. It fails when the
// last one was made after deadline: a reminder due before its session was
// scheduled is not sent, so the round would not be the one measured.
func (b *bench) scheduleSessions(label string, count int, start, deadline time.Time) ([]string, time.Duration, error) {
	ids := make([]string, count)
	began := time.Now()
	err := parallel(label, count, b.o.workers, func(w, i int) error {
		body := map[string]any{"match_id": b.matches[i], "start": start.UTC().Format(time.RFC3339),
			"duration_minutes": 30, "title": fmt.Sprintf("Benchmark meeting %d", i+1)}
		var v struct {
			ID string `json:"id"`
		}
		if err := post(b.node(w), b.mentees[i].Token, "/sessions", body, http.StatusCreated, &v); err != nil {
			return err
		}
		ids[i] = v.ID
		return nil
	})
	took := time.Since(began)
	if err == nil && !deadline.IsZero() && time.Now().After(deadline) {
		err = fmt.Errorf("%s: the last session was scheduled %s after its reminders were due; raise -margin",
			label, time.Since(deadline).Round(time.Second))
	}
	return ids, took, err
}

// planRound picks the session start of a round: the reminders (lead minutes
// before it) fall due at the first whole minute after the sessions can be
// scheduled at the measured rate, with a margin.
func (b *bench) planRound(rate float64) (start, due time.Time) {
	// A shared machine's speed swings: a round planned at the measured rate
	// alone once overran its due minute under a load average of 25.
	need := time.Duration(float64(b.o.sessions) / rate * b.o.slack * float64(time.Second))
	due = time.Now().Add(need + b.o.margin).Truncate(time.Minute).Add(time.Minute)
	return due.Add(time.Duration(b.o.lead) * time.Minute), due
}
