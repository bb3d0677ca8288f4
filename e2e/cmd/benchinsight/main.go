// Command benchinsight measures the coordinators' insight and the CSV exports
// of a program with 10,000 members and 4,000 matches on a real Mattermost
// server with the plugin: GET /programs/{id}/insight (target ≤ 1 s), the
// at-risk list, and GET /programs/{id}/export/{table}.csv for every table,
// each timed over several runs (median and max), printed as a table and
// written to out/bench-insight.txt.
//
// Run it with `make bench-insight` (not part of make test). The members are
// copied in SQL past the unlicensed 250-user limit (benchseed), and the
// program's KV rows are written in SQL too (seed.go).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

type options struct {
	bundle  string
	members int
	matches int
	runs    int
	exports int
	out     string
}

func main() {
	var o options
	flag.StringVar(&o.bundle, "bundle", "../dist/mentorship-0.4.0.tar.gz", "plugin bundle to install")
	flag.IntVar(&o.members, "members", 10000, "members of the program")
	flag.IntVar(&o.matches, "matches", 4000, "matches of the program (at most 40% of the members are mentors)")
	flag.IntVar(&o.runs, "runs", 9, "timed GETs of the insight and the at-risk list")
	flag.IntVar(&o.exports, "export-runs", 3, "timed downloads of each CSV table")
	flag.StringVar(&o.out, "out", "out/bench-insight.txt", "summary file")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchinsight:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	logs, _ := filepath.Abs("out/bench-insight")
	fmt.Println("Starting PostgreSQL and Mattermost with the plugin...")
	env, err := harness.Setup(harness.Options{Bundle: o.bundle, OutDir: logs, Log: os.Stderr})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		return err
	}
	if err := env.Seed("bench", "template"); err != nil {
		return err
	}
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		return err
	}
	node, admin := env.Nodes[0], env.Users["admin"]
	version, _ := env.ActivePluginVersion(node)
	rep := &report{}
	rep.note("plugin %s, %d members, %d matches, load average %s", version, o.members, o.matches, loadavg())

	mentees := o.members - o.members*2/5
	if o.matches > mentees || o.matches > o.members-mentees {
		return fmt.Errorf("%d matches need %d mentees and mentors; raise -members", o.matches, o.matches)
	}
	members := make([]*benchseed.Account, o.members)
	for i := range members {
		members[i] = &benchseed.Account{Username: fmt.Sprintf("ins%05d", i+1)}
	}
	start := time.Now()
	if err := benchseed.CloneUsers(env, env.Users["template"], members, logs); err != nil {
		return err
	}
	rep.note("seeding: %d users copied in SQL in %s", o.members, time.Since(start).Round(time.Millisecond))

	var p struct {
		ID   string `json:"id"`
		Slug string `json:"slug"`
	}
	body := map[string]any{"team_id": env.Team.Id, "name": "Insight Bench", "kind": "one_to_one",
		"enrollment_mode": "open", "matching_mode": "coordinator", "coordinators": []string{admin.Id}}
	if status, data, err := call(node, admin.Token, http.MethodPost, "/programs", body); err != nil || status != http.StatusCreated {
		return fmt.Errorf("create the program: %d %s %v", status, data, err)
	} else if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	start = time.Now()
	rows, w := seedRows(p.ID, env.Team.Id, members, mentees, o.matches, time.Now().UTC())
	if err := loadRows(env, rows, logs); err != nil {
		return err
	}
	rep.note("seeding: %d KV rows (roster, memberships, member index, matches, health ledger) written in SQL in %s",
		len(rows), time.Since(start).Round(time.Millisecond))

	if err := measureInsight(node, admin.Token, w, o, rep); err != nil {
		return err
	}
	if err := measureExports(node, admin.Token, w, o, rep); err != nil {
		return err
	}
	return rep.write(o.out)
}

// insightBody is the part of the insight the benchmark checks.
type insightBody struct {
	Participants struct {
		Total int `json:"total"`
	} `json:"participants"`
	Matches struct {
		Total  int `json:"total"`
		Active int `json:"active"`
	} `json:"matches"`
	AtRiskTotal int `json:"at_risk_total"`
}

func measureInsight(node *harness.Node, token string, w *world, o options, rep *report) error {
	path := "/programs/" + w.programID + "/insight"
	var times []time.Duration
	var size int
	for i := range o.runs {
		began := time.Now()
		status, data, err := call(node, token, http.MethodGet, path, nil)
		took := time.Since(began)
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("GET %s: %d %.300s %v", path, status, data, err)
		}
		var v insightBody
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		if v.Participants.Total != o.members || v.Matches.Total != o.matches || v.Matches.Active != w.active {
			return fmt.Errorf("the insight counts %d members, %d matches (%d active); seeded %d, %d (%d)",
				v.Participants.Total, v.Matches.Total, v.Matches.Active, o.members, o.matches, w.active)
		}
		if i == 0 {
			rep.note("insight: %d pairs at risk, answer %d KB", v.AtRiskTotal, len(data)/1024)
		}
		times, size = append(times, took), len(data)
	}
	rep.row("GET /programs/{id}/insight (first, cold roster cache)", times[:1], size, "≤ 1 s")
	rep.row("GET /programs/{id}/insight (the rest)", times[1:], size, "≤ 1 s")
	rep.row("GET /programs/{id}/insight (all runs)", times, size, "≤ 1 s")

	path = "/programs/" + w.programID + "/at-risk?per_page=20"
	times = nil
	for range o.runs {
		began := time.Now()
		status, data, err := call(node, token, http.MethodGet, path, nil)
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("GET %s: %d %.300s %v", path, status, data, err)
		}
		times, size = append(times, time.Since(began)), len(data)
	}
	rep.row("GET /programs/{id}/at-risk?per_page=20", times, size, "")
	return nil
}

var tables = []string{"members", "matches", "sessions", "goals", "checkins", "feedback"}

func measureExports(node *harness.Node, token string, w *world, o options, rep *report) error {
	for _, table := range tables {
		path := "/programs/" + w.programID + "/export/" + table + ".csv"
		var times []time.Duration
		var size, lines int
		for range o.exports {
			began := time.Now()
			status, data, err := call(node, token, http.MethodGet, path, nil)
			took := time.Since(began)
			if err != nil {
				return err
			}
			if status == http.StatusNotFound && bytes.Contains(data, []byte("no such endpoint")) {
				rep.note("export %s: the route is not there (404 no such endpoint): not measured", table)
				break
			}
			if status != http.StatusOK {
				return fmt.Errorf("GET %s: %d %.300s", path, status, data)
			}
			times, size, lines = append(times, took), len(data), bytes.Count(data, []byte("\n"))
		}
		if len(times) > 0 {
			rep.row(fmt.Sprintf("GET /programs/{id}/export/%s.csv (%d lines)", table, lines), times, size, "")
		}
	}
	return nil
}

var httpClient = &http.Client{Timeout: 10 * time.Minute}

// call sends one plugin REST request and returns the status and the body.
func call(node *harness.Node, token, method, path string, body any) (int, []byte, error) {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, node.URL+"/plugins/"+harness.PluginID+"/api/v1"+path, reader)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// report collects notes and timing rows, printed as they come and written
// to the summary file at the end.
type report struct {
	notes []string
	rows  [][]string
}

func (r *report) note(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	fmt.Println(line)
	r.notes = append(r.notes, line)
}

func (r *report) row(what string, times []time.Duration, size int, target string) {
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	median := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		median = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
	}
	maxTime := sorted[len(sorted)-1]
	verdict := ""
	if target == "≤ 1 s" {
		verdict = "met"
		if maxTime > time.Second {
			verdict = "NOT met"
		}
	}
	row := []string{what, fmt.Sprint(len(times)), ms(median), ms(maxTime), kb(size), strings.TrimSpace(target + " " + verdict)}
	fmt.Printf("%-62s runs %s  median %s  max %s  %s  %s\n", row[0], row[1], row[2], row[3], row[4], row[5])
	r.rows = append(r.rows, row)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

func kb(n int) string { return fmt.Sprintf("%.0f KB", float64(n)/1024) }

func (r *report) write(path string) error {
	var b strings.Builder
	b.WriteString("# Insight and exports at scale\n\n")
	for _, n := range r.notes {
		b.WriteString(n + "\n")
	}
	b.WriteString("\n| request | runs | median | max | answer | target |\n|---|---|---|---|---|---|\n")
	for _, row := range r.rows {
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	fmt.Print("\n" + b.String())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
