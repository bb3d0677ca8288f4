package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// world is what the measurements run against.
type world struct {
	env       *harness.Env
	node      *harness.Node
	big       program // the large program
	small     program // the ~100-member program, the join reference
	coord     *harness.User
	bigJoin   []*member // the last members of the large program, joined while measured
	smallJoin []*member // as many newcomers to the small program
	mentees   []*member // members of the large program that ask for suggestions
	rep       *report
	o         options
}

// measureJoins interleaves a join to the small program with one to the large
// program, one at a time, so that both see the same machine: the small
// program grows from its base size and the large one reaches its full size.
func (w *world) measureJoins() error {
	var small, big []time.Duration
	for i := range w.bigJoin {
		d, err := joinProgram(w.node, w.smallJoin[i], w.small.ID)
		if err != nil {
			return err
		}
		small = append(small, d)
		if d, err = joinProgram(w.node, w.bigJoin[i], w.big.ID); err != nil {
			return err
		}
		big = append(big, d)
	}
	n := len(w.bigJoin)
	s := w.rep.latency(fmt.Sprintf("join, program of %d→%d members", w.o.smallBase, w.o.smallBase+n), small, 50*time.Millisecond,
		"POST /programs/{id}/join, sequential, interleaved with the next row")
	b := w.rep.latency(fmt.Sprintf("join, program of %d→%d members", w.o.members-n, w.o.members), big, 50*time.Millisecond,
		"same, one member joins each program per round")
	r50, r95 := float64(b.p50)/float64(s.p50), float64(b.p95)/float64(s.p95)
	verdict := "MET"
	if r95 > 1.2 {
		verdict = "MISSED"
	}
	w.rep.add(row{what: "join ratio large / small", p50: fmt.Sprintf("%.2f×", r50), p95: fmt.Sprintf("%.2f×", r95),
		target: "p95 ≤ 1.2×", verdict: verdict, how: "ratio of the two rows above"})
	return nil
}

// measureSuggest interleaves /mentor suggest with the command references (the
// built-in /help, and /mentor programs, a plugin command with one KV write)
// and the REST suggestions with GET /profile (one KV read), each round as a
// different mentee of the large program, starting from a different item.
func (w *world) measureSuggest() error {
	items := []struct {
		name string
		run  func(m *member) (time.Duration, error)
	}{
		{"/help", func(m *member) (time.Duration, error) {
			_, d, err := command(w.env, w.node, m.Token, "/help")
			return d, err
		}},
		{"/mentor programs", func(m *member) (time.Duration, error) {
			_, d, err := command(w.env, w.node, m.Token, "/mentor programs")
			return d, err
		}},
		{"/mentor suggest", func(m *member) (time.Duration, error) {
			_, d, err := command(w.env, w.node, m.Token, "/mentor suggest "+w.big.Slug)
			return d, err
		}},
		{"GET /profile", func(m *member) (time.Duration, error) {
			_, d, err := expect(w.node, m.Token, http.MethodGet, "/profile", nil, http.StatusOK)
			return d, err
		}},
		{"GET /suggestions", func(m *member) (time.Duration, error) {
			data, d, err := expect(w.node, m.Token, http.MethodGet, "/programs/"+w.big.ID+"/suggestions", nil, http.StatusOK)
			if err == nil && !json.Valid(data) {
				err = fmt.Errorf("suggestions: not JSON")
			}
			return d, err
		}},
	}
	text, _, err := command(w.env, w.node, w.mentees[0].Token, "/mentor suggest "+w.big.Slug)
	if err != nil {
		return err
	}
	w.rep.note("/mentor suggest answers %d characters, first line %q", len(text), firstLine(text))
	samples := map[string][]time.Duration{}
	for round := 0; round < w.o.warmup+w.o.samples; round++ {
		m := w.mentees[round%len(w.mentees)]
		for k := range items {
			it := items[(round+k)%len(items)]
			d, err := it.run(m)
			if err != nil {
				return err
			}
			if round >= w.o.warmup {
				samples[it.name] = append(samples[it.name], d)
			}
		}
	}
	how := fmt.Sprintf("POST /api/v4/commands/execute, %d mentees in turn, interleaved", len(w.mentees))
	w.rep.latency("/help (built-in, floor)", samples["/help"], 0, how)
	w.rep.latency("/mentor programs (plugin floor)", samples["/mentor programs"], 0, how)
	w.rep.latency(fmt.Sprintf("/mentor suggest at %d members", w.o.members), samples["/mentor suggest"], 20*time.Millisecond, how)
	w.rep.latency("GET /profile (REST floor, one KV read)", samples["GET /profile"], 0, "plugin REST, interleaved with the commands")
	w.rep.latency("GET /programs/{id}/suggestions", samples["GET /suggestions"], 20*time.Millisecond, "plugin REST, interleaved with the commands")
	return nil
}

// measureMembers reads member pages as the coordinator: plain pages at random,
// searches (a username prefix shared by ten members, one shared by about a
// tenth of them, and one nobody has), and the /mentor program members command.
func (w *world) measureMembers() error {
	r := rand.New(rand.NewPCG(7, 7)) //nolint:gosec // picks pages to read, not a secret
	pages := (w.o.members + 49) / 50
	searches := []string{"bm0012", "bm01", "nobody-here"}
	var plain, search, cmd []time.Duration
	var lastTotal int
	for round := 0; round < w.o.warmup+w.o.samples; round++ {
		page := r.IntN(pages)
		data, d1, err := expect(w.node, w.coord.Token, http.MethodGet, fmt.Sprintf("/programs/%s/members?page=%d", w.big.ID, page), nil, http.StatusOK)
		if err != nil {
			return err
		}
		var got struct{ Total int }
		_ = json.Unmarshal(data, &got)
		lastTotal = got.Total
		q := searches[round%len(searches)]
		_, d2, err := expect(w.node, w.coord.Token, http.MethodGet, fmt.Sprintf("/programs/%s/members?q=%s&page=0", w.big.ID, q), nil, http.StatusOK)
		if err != nil {
			return err
		}
		_, d3, err := command(w.env, w.node, w.coord.Token, fmt.Sprintf("/mentor program members %s --page %d", w.big.Slug, page+1))
		if err != nil {
			return err
		}
		if round >= w.o.warmup {
			plain, search, cmd = append(plain, d1), append(search, d2), append(cmd, d3)
		}
	}
	if lastTotal != w.o.members {
		w.rep.note("member list total is %d, expected %d", lastTotal, w.o.members)
	}
	w.rep.latency(fmt.Sprintf("GET members?page=N at %d", w.o.members), plain, 100*time.Millisecond, "coordinator, random page of 50, interleaved")
	w.rep.latency("GET members?q=TEXT (10 / ~10% / 0 hits)", search, 100*time.Millisecond, "coordinator, first page of the search")
	w.rep.latency("/mentor program members --page N", cmd, 100*time.Millisecond, "coordinator, command API, random page")
	return nil
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			s = s[:i]
			break
		}
	}
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}
