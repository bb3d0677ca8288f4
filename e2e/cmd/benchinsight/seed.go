package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The program's data is written straight into the plugin's KV table, in the
// plugin's own JSON layout (server/store: roster.go, enrollments.go,
// matches.go, health.go), as if 10,000 members had joined and 4,000 matches
// had run for three months: making them through the API would take hours on
// this machine and measure nothing of interest. The users themselves are
// real rows (benchseed.CloneUsers), so names resolve as in production.
//
// Seeded per member: a roster entry (pages of 100 behind a head) and the
// memberships document with the enrollment and its match references, plus
// the member index shards. Per match: the match record, its health-ledger
// line (pages of 100 behind a head) and the line's page pointer. Not seeded:
// sessions, goals and check-in documents; the ledger lines carry their
// counts, which is all the insight reads, and the exports read a missing
// document as empty.

const (
	keyPrefix     = "v1/"
	rosterStripes = 64
	pageSize      = 100
	memberShards  = 16
)

// kvRow is one row of the plugin's KV table.
type kvRow struct {
	key   string
	value any
}

// world is what was seeded.
type world struct {
	programID string
	members   []*benchseed.Account // mentees first, then mentors
	matches   []string
	active    int
}

func shardOf(userID string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(userID))
	return int(h.Sum32() % memberShards)
}

// seedRows builds every KV row of the program: members[0:matches] are the
// matched mentees, members[mentees:] the mentors (two mentees each at most).
func seedRows(programID, teamID string, members []*benchseed.Account, mentees, matches int, now time.Time) ([]kvRow, *world) {
	w := &world{programID: programID, members: members}
	var rows []kvRow
	type ref struct {
		ID   string    `json:"id"`
		At   time.Time `json:"at"`
		With string    `json:"with,omitempty"`
	}
	enrollments := make([]map[string]any, len(members))
	roster := make([]map[string]any, len(members))
	shards := make([][]string, memberShards)
	mentors := len(members) - mentees
	for i, m := range members {
		role, capacity := "mentee", 0
		if i >= mentees {
			role, capacity = "mentor", 2
		}
		joined := now.AddDate(0, -4, 0).Add(time.Duration(i) * time.Minute)
		enrollments[i] = map[string]any{"schema_version": 4, "program_id": programID, "team_id": teamID, "user_id": m.ID,
			"role": role, "capacity": capacity, "status": "active", "joined_at": joined, "updated_at": joined,
			"roster_page": i / pageSize, "listed": true}
		roster[i] = map[string]any{"user_id": m.ID, "username": m.Username, "name": m.Username + " Seeded", "role": role,
			"status": "active", "capacity": capacity, "profile": map[string]any{"id": m.ID, "name": m.Username, "capacity": capacity,
				"skills_offered": []string{"go", "leadership"}, "skills_wanted": []string{"public speaking"}, "time_zone": "UTC"},
			"page": i / pageSize, "joined_at": joined, "updated_at": joined}
		shards[shardOf(m.ID)] = append(shards[shardOf(m.ID)], m.ID)
	}

	lines := make([]map[string]any, matches)
	for i := range matches {
		id := benchseed.NewID()
		w.matches = append(w.matches, id)
		mentee, mentor := members[i], members[mentees+i%mentors]
		created := now.AddDate(0, -3, 0).Add(time.Duration(i) * time.Minute)
		activated := created.Add(time.Hour)
		status := "active"
		switch {
		case i%20 == 0:
			status = "paused"
		case i%10 == 5:
			status = "completed"
		}
		if status == "active" {
			w.active++
		}
		channel := benchseed.NewID()
		match := map[string]any{"schema_version": 4, "id": id, "program_id": programID, "team_id": teamID,
			"mentee_id": mentee.ID, "mentor_id": mentor.ID, "origin": "batch", "status": status, "score": 100 + i%50,
			"accepted": map[string]time.Time{mentee.ID: activated, mentor.ID: activated}, "created_by": mentor.ID,
			"created_at": created, "updated_at": activated, "activated_at": activated, "channel_id": channel}
		if status == "completed" {
			match["ended_at"], match["end_reason"] = now.AddDate(0, 0, -3), "completed"
			match["surveys"] = map[string]any{mentee.ID: map[string]any{"rating": 4, "text": "Thanks!", "at": now.AddDate(0, 0, -3)}}
		}
		rows = append(rows, kvRow{keyPrefix + "match/" + id, match})
		r := ref{ID: id, At: activated}
		menteeRefs, mentorRefs := "mentors", "mentees"
		if status == "completed" {
			menteeRefs, mentorRefs = "ended", "ended"
		}
		add := func(e map[string]any, field string, r ref) {
			list, _ := e[field].([]ref)
			e[field] = append(list, r)
		}
		add(enrollments[i], menteeRefs, ref{ID: r.ID, At: r.At, With: mentor.ID})
		add(enrollments[mentees+i%mentors], mentorRefs, ref{ID: r.ID, At: r.At, With: mentee.ID})
		lines[i] = ledgerLine(id, programID, mentee.ID, mentor.ID, channel, status, created, activated, i, now)
	}

	for i, m := range members {
		rows = append(rows, kvRow{keyPrefix + "memberships/" + m.ID,
			map[string]any{"schema_version": 4, "enrollments": map[string]any{programID: enrollments[i]}}})
	}
	for s, ids := range shards {
		rows = append(rows, kvRow{fmt.Sprintf("%smembers/%s/%02d", keyPrefix, programID, s), map[string]any{"user_ids": ids}})
	}
	rosterPages := (len(members) + pageSize - 1) / pageSize
	stripes := make([]int64, rosterStripes)
	for p := range rosterPages {
		rows = append(rows, kvRow{fmt.Sprintf("%sroster/%s/p/%d", keyPrefix, programID, p),
			map[string]any{"entries": roster[p*pageSize : min(len(roster), (p+1)*pageSize)]}})
		stripes[p%rosterStripes]++
	}
	open := []int{}
	for p := max(0, rosterPages-8); p < rosterPages; p++ {
		open = append(open, p)
	}
	rows = append(rows, kvRow{keyPrefix + "roster/" + programID + "/head",
		map[string]any{"pages": rosterPages, "open": open, "stripes": stripes, "version": rosterPages}})

	ledgerPages := (matches + pageSize - 1) / pageSize
	for p := range ledgerPages {
		rows = append(rows, kvRow{fmt.Sprintf("%shealth/%s/p/%d", keyPrefix, programID, p),
			map[string]any{"lines": lines[p*pageSize : min(len(lines), (p+1)*pageSize)]}})
	}
	for i, id := range w.matches {
		rows = append(rows, kvRow{keyPrefix + "health_at/" + id, map[string]any{"program_id": programID, "page": i / pageSize}})
	}
	// The last pages take new lines; a full one is replaced on the next write.
	open = []int{}
	for p := max(0, ledgerPages-8); p < ledgerPages; p++ {
		open = append(open, p)
	}
	rows = append(rows, kvRow{keyPrefix + "health/" + programID + "/head", map[string]any{"pages": ledgerPages, "open": open}})
	return rows, w
}

// ledgerLine is a match's health line after three months: weekly meetings
// (some missed), ratings, goals, fortnightly check-ins and a month of chat.
// Every fifth pair has not met for a month, every seventh rated low, every
// ninth has one side silent, every eleventh a stalled goal, and one side in
// four says "struggling" last: a good part of the pairs is on the at-risk
// list, which is the most work for it.
func ledgerLine(id, programID, mentee, mentor, channel, status string, created, activated time.Time, i int, now time.Time) map[string]any {
	last := now.AddDate(0, 0, -(i % 7))
	if i%5 == 0 {
		last = now.AddDate(0, 0, -30)
	}
	var held []string
	for w := range 12 {
		if d := last.AddDate(0, 0, -7*w); d.After(activated) {
			held = append(held, d.Format(time.DateOnly))
		}
	}
	stalled := i % 20
	if i%11 == 0 {
		stalled = 30
	}
	rating := 4 + i%2
	if i%7 == 0 {
		rating = 1
	}
	var checkIns []map[string]any
	answers := []string{"great", "fine", "great", "fine", "great", "fine", "fine", "struggling"}
	for r := range 6 {
		at := now.AddDate(0, 0, -14*r-1)
		checkIns = append(checkIns,
			map[string]any{"user_id": mentee, "answer": answers[(i+r)%len(answers)], "at": at},
			map[string]any{"user_id": mentor, "answer": answers[(i+r+3)%len(answers)], "at": at})
	}
	days := func(from int) map[string]int {
		out := map[string]int{}
		for d := from; d < 30; d += 2 {
			out[now.AddDate(0, 0, -d).Format(time.DateOnly)] = 1 + d%3
		}
		return out
	}
	activity := map[string]any{mentee: map[string]any{"last_post_at": now.Add(-time.Hour), "days": days(0)}}
	mentorFrom := 1
	if i%9 == 0 {
		mentorFrom = 10 // silent for the last 9 days
	}
	activity[mentor] = map[string]any{"last_post_at": now.AddDate(0, 0, -mentorFrom), "days": days(mentorFrom)}
	line := map[string]any{"match_id": id, "program_id": programID, "mentor_id": mentor, "mentee_id": mentee,
		"status": status, "origin": "batch", "score": 100 + i%50, "channel_id": channel,
		"created_at": created, "activated_at": activated,
		"sessions_planned": len(held) + 1, "sessions_held": len(held), "attended": 2*len(held) - 1, "missed": 1,
		"first_session_at": activated.AddDate(0, 0, 3), "last_session_at": last, "held_days": held,
		"rating_sum": rating * 3, "rating_count": 3, "last_rating": rating,
		"goals": 3, "goals_done": 1, "goals_dropped": i % 2, "goals_at_risk": i % 3 / 2, "open_progress": []int{i % 100, (i * 7) % 100},
		"stalled_since": now.AddDate(0, 0, -stalled), "check_ins": checkIns, "activity": activity, "updated_at": now}
	if status == "completed" {
		line["ended_at"], line["end_reason"] = now.AddDate(0, 0, -3), "completed"
	}
	return line
}

// loadRows copies the rows into the plugin's KV table in one psql script.
func loadRows(env *harness.Env, rows []kvRow, dir string) error {
	csvPath, scriptPath := filepath.Join(dir, "seed-kv.csv"), filepath.Join(dir, "seed-kv.sql")
	defer os.Remove(csvPath)
	defer os.Remove(scriptPath)
	f, err := os.Create(csvPath)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	for _, r := range rows {
		data, err := json.Marshal(r.value)
		if err != nil {
			return err
		}
		if err := w.Write([]string{r.key, string(data)}); err != nil {
			return err
		}
	}
	w.Flush()
	if err := f.Close(); err != nil {
		return err
	}
	script := fmt.Sprintf(`
CREATE TEMP TABLE seedkv (k text, v text);
\copy seedkv FROM '%s' CSV
INSERT INTO pluginkeyvaluestore (pluginid, pkey, pvalue, expireat)
  SELECT '%s', k, convert_to(v, 'UTF8'), 0 FROM seedkv
  ON CONFLICT (pluginid, pkey) DO UPDATE SET pvalue = EXCLUDED.pvalue, expireat = 0;
`, csvPath, harness.PluginID)
	if err := os.WriteFile(scriptPath, []byte(script), 0o644); err != nil {
		return err
	}
	if _, err := benchseed.Psql(env, "-f", scriptPath); err != nil {
		return err
	}
	got, err := benchseed.Psql(env, "-c", fmt.Sprintf("SELECT count(*) FROM pluginkeyvaluestore WHERE pluginid = '%s' AND pkey LIKE 'v1/health_at/%%'", harness.PluginID))
	if err != nil {
		return err
	}
	if n, _ := strconv.Atoi(got); n < len(rowsWithPrefix(rows, keyPrefix+"health_at/")) {
		return fmt.Errorf("seeded %s ledger pointers, want %d", got, len(rowsWithPrefix(rows, keyPrefix+"health_at/")))
	}
	return nil
}

func rowsWithPrefix(rows []kvRow, prefix string) []kvRow {
	var out []kvRow
	for _, r := range rows {
		if len(r.key) >= len(prefix) && r.key[:len(prefix)] == prefix {
			out = append(out, r)
		}
	}
	return out
}
