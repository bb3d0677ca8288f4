package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The coordinators' rows of the issue 9 matrix (TestIssue9PermissionMatrix):
// insight, at-risk list, nudge, insight settings and the CSV export of every
// table. All of them belong to the program's coordinators and admins: 403 for
// a member of the team (enrolled or not, coordinator of another program),
// 404 for whoever cannot see the program.

// coordWants: 200 for the program's coordinators and admins.
func coordWants() wants { return matchWants("200", pmCoordinating, "403") }

func issue9CoordRows() []i9Row {
	// A struggling check-in puts the pair on the at-risk list.
	atRisk := i9Spec{goals: true, checkins: true}
	rows := []i9Row{
		{name: "GET /programs/{id}/insight", spec: atRisk, shared: true, request: i9Get(i9OnProgram("/insight")),
			want: coordWants(), check: i9Hides(i9PairGoal, i9OtherGoal, i9MenteeNote, i9OtherNote)},
		{name: "GET /programs/{id}/at-risk", spec: atRisk, shared: true, request: i9Get(i9OnProgram("/at-risk")),
			want: coordWants(), check: i9ListsMatch},
		{name: "POST /programs/{id}/at-risk/{match}/nudge", spec: atRisk, request: i9Send(http.MethodPost, i9Nudge(false), i9ByCaller("note", "nudge by ")),
			want: coordWants(), effect: i9Nudged, touches: []string{"kv v1/health/"}},
		// A coordinator of another program nudges this program's pair
		// through their own program: the pair is no match of it.
		{name: "POST /programs/{other program}/at-risk/{match}/nudge", spec: atRisk, shared: true, request: i9Send(http.MethodPost, i9Nudge(true), nil),
			want: matchWants("404", []string{"othercoord", "admin"}, "403")},
		{name: "GET /programs/{id}/insight-settings", shared: true, request: i9Get(i9OnProgram("/insight-settings")),
			want: coordWants()},
		{name: "PUT /programs/{id}/insight-settings", request: i9Send(http.MethodPut, i9OnProgram("/insight-settings"), i9Body(map[string]any{"no_session_days": 21, "digest_day": "fri"})),
			want: coordWants(), effect: i9SettingsSaved, touches: []string{"program ", "insight settings"}},
	}
	for _, table := range []string{"members", "matches", "sessions", "goals", "checkins", "feedback"} {
		rows = append(rows, i9Row{name: "GET /programs/{id}/export/" + table + ".csv", spec: i9Spec{goals: true, checkins: true, ended: true}, shared: true,
			request: i9Get(i9OnProgram("/export/" + table + ".csv")), want: coordWants(), check: i9CSV(table)})
	}
	return rows
}

func i9OnProgram(suffix string) func(*i9World, *i9Fixture) string {
	return func(_ *i9World, fx *i9Fixture) string { return "/programs/" + fx.this.ID + suffix }
}

// i9Nudge is the nudge of the pair, through this program or (otherProgram)
// the one othercoord coordinates.
func i9Nudge(otherProgram bool) func(*i9World, *i9Fixture) string {
	return func(w *i9World, fx *i9Fixture) string {
		program := fx.this.ID
		if otherProgram {
			program = w.otherProgram.ID
		}
		return "/programs/" + program + "/at-risk/" + fx.match + "/nudge"
	}
}

// i9ListsMatch: the at-risk list names the struggling pair.
func i9ListsMatch(t *testing.T, _ *i9World, fx *i9Fixture, a permActor, body []byte) {
	if !strings.Contains(string(body), fx.match) || !strings.Contains(string(body), "struggling") {
		t.Errorf("%s's at-risk list does not hold the struggling pair %s: %.300s", a.key, fx.match, body)
	}
}

// i9Nudged: the pair's ledger line records the nudge.
func i9Nudged(t *testing.T, _ *i9World, fx *i9Fixture, _ permActor, _, after snapshot) {
	for k, v := range after {
		if !strings.HasPrefix(k, "kv v1/health/"+fx.this.ID+"/p/") {
			continue
		}
		var page struct {
			Lines []struct {
				MatchID  string `json:"match_id"`
				NudgedAt string `json:"nudged_at"`
			} `json:"lines"`
		}
		if err := json.Unmarshal([]byte(v), &page); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		for _, l := range page.Lines {
			if l.MatchID == fx.match {
				if l.NudgedAt == "" {
					t.Errorf("the pair's ledger line holds no nudge")
				}
				return
			}
		}
	}
	t.Errorf("no ledger line of the pair %s", fx.match)
}

func i9SettingsSaved(t *testing.T, _ *i9World, _ *i9Fixture, _ permActor, _, after snapshot) {
	v := after["insight settings"]
	if !strings.Contains(v, `"no_session_days":21`) || !strings.Contains(v, `"digest_day":"fri"`) {
		t.Errorf("the settings read back as %.300s, want 21 days and friday", v)
	}
}

// i9CSV: the export parses as CSV, a header and (but for sessions: the
// fixture has none) rows; every table holds both pairs, private feedback
// included (a coordinator sees every pair).
func i9CSV(table string) i9Check {
	return func(t *testing.T, _ *i9World, fx *i9Fixture, a permActor, body []byte) {
		records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil || len(records) < 1 || (table != "sessions" && len(records) < 2) {
			t.Fatalf("%s's %s.csv does not parse as a header and rows: %v (%.300s)", a.key, table, err, body)
		}
		text := string(body)
		var want []string
		switch table {
		case "goals":
			want = []string{i9PairGoal, i9OtherGoal}
		case "checkins":
			want = []string{i9MenteeNote, i9OtherNote}
		case "matches":
			want = []string{fx.match, fx.otherMatch}
		case "feedback":
			want = []string{i9PrivateExit, i9SharedExit}
		}
		for _, s := range want {
			if !strings.Contains(text, s) {
				t.Errorf("%s.csv lacks %q: %.300s", table, s, body)
			}
		}
	}
}
