package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestIssue9PermissionBadInput sends the routes of issue 9 what the issue
// calls bad input: bodies over 64 KiB, unknown fields (a typo is reported,
// not ignored — and an answer "for another user" names a field no answer
// has), and bad values: a progress of 101, a status "nope", a due date in the
// past, an answer "meh", a check-in cadence "hourly", an export table
// "passwords", an audience "aliens", thresholds out of range, a second
// nudge of a pair within 24 hours. Each gets its
// status, field and message, and the fixture's stored KV rows (goals,
// check-ins, resources, health ledger, program) are the same before and after.
func TestIssue9PermissionBadInput(t *testing.T) {
	w := newIssue9World(t, "perm9bad")
	fx := w.buildIssue9(t, []i9Spec{{goals: true, checkins: true, resources: true}})[0]
	// A nudge now, so that a second one within 24 hours is refused below.
	w.mustAs(t, permActor{key: "coord"}, http.MethodPost, "/programs/"+fx.this.ID+"/at-risk/"+fx.match+"/nudge", nil, http.StatusOK)
	match, goal := "/matches/"+fx.match, "/matches/"+fx.match+"/goals/"+fx.goal
	program, resource := "/programs/"+fx.this.ID, "/resources/"+fx.resAll
	huge := []byte(`{"title":"` + strings.Repeat("x", 70<<10) + `"}`)
	hugeButton := []byte(`{"context":{"match_id":"` + fx.match + `","pad":"` + strings.Repeat("x", 70<<10) + `"}}`)
	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("step %d", i+1)
	}
	type badCase struct {
		name         string
		as           string
		method, path string
		body         any
		status       int
		field        string // "" = the answer names no field; "*" = any
		message      string // a part of the error the caller reads
	}
	const kib = "64 KiB"
	cases := []badCase{
		// First, while the fixture's round (started as it was built) is
		// less than a minute old.
		{"a round started again at once", "mentee", http.MethodPost, match + "/checkins/round", nil, http.StatusConflict, "*", ""},

		// Bodies over the cap.
		{"oversized POST goals", "mentee", http.MethodPost, match + "/goals", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized PATCH goal", "mentee", http.MethodPatch, goal, huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized goal done", "mentee", http.MethodPost, goal + "/done", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized POST checkins", "mentee", http.MethodPost, match + "/checkins", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized check-in button", "mentee", http.MethodPost, "/actions/checkin", hugeButton, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized check-in note form", "mentee", http.MethodPost, "/dialogs/checkin-note", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized goal form", "mentee", http.MethodPost, "/dialogs/goal", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized nudge", "coord", http.MethodPost, program + "/at-risk/" + fx.match + "/nudge", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized PUT insight-settings", "coord", http.MethodPut, program + "/insight-settings", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized POST program resource", "coord", http.MethodPost, program + "/resources", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized POST /resources", "admin", http.MethodPost, "/resources", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized PATCH resource", "coord", http.MethodPatch, resource, huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized share", "mentee", http.MethodPost, resource + "/share", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized PUT onboarding-packs", "coord", http.MethodPut, program + "/onboarding-packs", huge, http.StatusRequestEntityTooLarge, "", kib},
		{"oversized resource button", "coord", http.MethodPost, "/actions/resource", hugeButton, http.StatusRequestEntityTooLarge, "", kib},

		// Unknown fields.
		{"unknown field in POST goals", "mentee", http.MethodPost, match + "/goals", map[string]any{"title": "x", "titel": "x"}, http.StatusBadRequest, "", "titel"},
		{"unknown field in PATCH goal", "mentee", http.MethodPatch, goal, map[string]any{"progres": 10}, http.StatusBadRequest, "", "progres"},
		{"unknown field in goal done", "mentee", http.MethodPost, goal + "/done", map[string]any{"notes": "x"}, http.StatusBadRequest, "", "notes"},
		{"an answer for another user", "mentor", http.MethodPost, match + "/checkins", map[string]any{"answer": "struggling", "user_id": w.users["mentee"].Id}, http.StatusBadRequest, "", "user_id"},
		{"unknown field in nudge", "coord", http.MethodPost, program + "/at-risk/" + fx.match + "/nudge", map[string]any{"notes": "x"}, http.StatusBadRequest, "", "notes"},
		{"unknown field in insight-settings", "coord", http.MethodPut, program + "/insight-settings", map[string]any{"no_session": 3}, http.StatusBadRequest, "", "no_session"},
		{"unknown field in POST resources", "coord", http.MethodPost, program + "/resources", map[string]any{"title": "x", "url": "https://example.com", "audiences": "all"}, http.StatusBadRequest, "", "audiences"},
		{"unknown field in PATCH resource", "coord", http.MethodPatch, resource, map[string]any{"titel": "x"}, http.StatusBadRequest, "", "titel"},
		{"unknown field in share", "mentee", http.MethodPost, resource + "/share", map[string]any{"channel": "town-square"}, http.StatusBadRequest, "", "channel"},
		{"unknown role in onboarding-packs", "coord", http.MethodPut, program + "/onboarding-packs", map[string]any{"mentors": []string{fx.resAll}}, http.StatusBadRequest, "*", "mentors"},

		// Goals: bad values.
		{"progress 101", "mentee", http.MethodPatch, goal, map[string]any{"progress": 101}, http.StatusBadRequest, "progress", ""},
		{"progress -1", "mentee", http.MethodPatch, goal, map[string]any{"progress": -1}, http.StatusBadRequest, "progress", ""},
		{"status nope", "mentee", http.MethodPatch, goal, map[string]any{"status": "nope"}, http.StatusBadRequest, "status", ""},
		{"a goal without a title", "mentee", http.MethodPost, match + "/goals", map[string]any{"title": " "}, http.StatusBadRequest, "title", ""},
		{"a title of 121 characters", "mentee", http.MethodPost, match + "/goals", map[string]any{"title": strings.Repeat("t", 121)}, http.StatusBadRequest, "title", ""},
		{"a new goal due in the past", "mentee", http.MethodPost, match + "/goals", map[string]any{"title": "x", "due": "2020-01-01"}, http.StatusBadRequest, "due", ""},
		{"a due date that is no date", "mentee", http.MethodPost, match + "/goals", map[string]any{"title": "x", "due": "next friday"}, http.StatusBadRequest, "due", ""},
		{"21 milestones", "mentee", http.MethodPost, match + "/goals", map[string]any{"title": "x", "milestones": tooMany}, http.StatusBadRequest, "milestones", ""},
		{"a milestone that is none", "mentee", http.MethodPatch, goal, map[string]any{"done_milestones": []string{"nope"}}, http.StatusBadRequest, "*", ""},
		{"progress that is no number", "mentee", http.MethodPatch, goal, map[string]any{"progress": "half"}, http.StatusBadRequest, "*", ""},

		// Check-ins: bad values.
		{"answer meh", "mentee", http.MethodPost, match + "/checkins", map[string]any{"answer": "meh"}, http.StatusBadRequest, "answer", ""},
		{"a note of 1001 characters", "mentee", http.MethodPost, match + "/checkins", map[string]any{"answer": "fine", "note": strings.Repeat("n", 1001)}, http.StatusBadRequest, "note", ""},
		{"a round that never was", "mentee", http.MethodPost, match + "/checkins", map[string]any{"answer": "fine", "round": 99}, http.StatusBadRequest, "round", ""},
		{"cadence hourly", "admin", http.MethodPatch, program, map[string]any{"check_in_cadence": "hourly"}, http.StatusBadRequest, "check_in_cadence", ""},

		// Insight settings and exports: bad values.
		{"no session in 0 days", "coord", http.MethodPut, program + "/insight-settings", map[string]any{"no_session_days": 0}, http.StatusBadRequest, "no_session_days", ""},
		{"silent for 366 days", "coord", http.MethodPut, program + "/insight-settings", map[string]any{"silent_days": 366}, http.StatusBadRequest, "silent_days", ""},
		{"a low rating of 5", "coord", http.MethodPut, program + "/insight-settings", map[string]any{"low_rating": 5}, http.StatusBadRequest, "low_rating", ""},
		{"digest day someday", "coord", http.MethodPut, program + "/insight-settings", map[string]any{"digest_day": "someday"}, http.StatusBadRequest, "digest_day", ""},
		{"digest time 25:00", "coord", http.MethodPut, program + "/insight-settings", map[string]any{"digest_time": "25:00"}, http.StatusBadRequest, "digest_time", ""},
		{"at-risk page -1", "coord", http.MethodGet, program + "/at-risk?page=-1", nil, http.StatusBadRequest, "page", ""},
		{"export table passwords", "coord", http.MethodGet, program + "/export/passwords.csv", nil, http.StatusBadRequest, "table", "members, matches, sessions, goals, checkins, feedback"},
		{"export table MEMBERS", "coord", http.MethodGet, program + "/export/MEMBERS.csv", nil, http.StatusBadRequest, "table", ""},
		{"export table members.csv.csv", "coord", http.MethodGet, program + "/export/members.csv.csv", nil, http.StatusBadRequest, "table", ""},
		{"export table with a quote", "coord", http.MethodGet, program + "/export/%22members.csv", nil, http.StatusBadRequest, "table", ""},
		{"a second nudge within 24 hours", "admin", http.MethodPost, program + "/at-risk/" + fx.match + "/nudge", nil, http.StatusConflict, "match_id", "at most one nudge a day"},
		{"a nudge of a match that is none", "coord", http.MethodPost, program + "/at-risk/" + fx.this.ID + "/nudge", nil, http.StatusNotFound, "", ""},

		// Resources: bad values.
		{"audience aliens", "coord", http.MethodPost, program + "/resources", map[string]any{"title": "x", "url": "https://example.com", "audience": "aliens"}, http.StatusBadRequest, "audience", ""},
		{"listing for audience aliens", "mentee", http.MethodGet, program + "/resources?audience=aliens", nil, http.StatusBadRequest, "audience", ""},
		{"a resource without a link or file", "coord", http.MethodPost, program + "/resources", map[string]any{"title": "x", "audience": "all"}, http.StatusBadRequest, "*", ""},
		{"a javascript: link", "coord", http.MethodPost, program + "/resources", map[string]any{"title": "x", "url": "javascript:alert(1)", "audience": "all"}, http.StatusBadRequest, "url", ""},
		{"eleven tags", "coord", http.MethodPost, program + "/resources", map[string]any{"title": "x", "url": "https://example.com", "tags": strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",")}, http.StatusBadRequest, "tags", ""},
		{"a pack of a resource that is none", "coord", http.MethodPut, program + "/onboarding-packs", map[string]any{"mentee": []string{"nope"}}, http.StatusBadRequest, "*", ""},
		{"a share to nobody", "mentee", http.MethodPost, resource + "/share", map[string]any{"note": "x"}, http.StatusBadRequest, "*", ""},
		{"GET /resources/{malformed id}", "mentee", http.MethodGet, "/resources/not-an-id", nil, http.StatusBadRequest, "*", ""},
	}
	// Every case is refused: one case's "after" is the next one's "before".
	var last snapshot
	for _, c := range cases {
		before := last
		last = nil
		t.Run(c.name, func(t *testing.T) {
			if before == nil {
				before = w.issue9Snapshot(t, fx)
			}
			status, data := w.as(t, permActor{key: c.as}, c.method, c.path, c.body)
			var e apiError
			if err := json.Unmarshal(data, &e); err != nil || e.Error == "" {
				t.Errorf("no JSON error in %.300s (%v)", data, err)
			}
			if status != c.status || (c.field != "*" && e.Field != c.field) || !strings.Contains(e.Error, c.message) {
				t.Errorf("got %d field %q %q; want %d field %q, a message with %q", status, e.Field, e.Error, c.status, c.field, c.message)
			}
			after := w.issue9Snapshot(t, fx)
			if changed := i9Diff(before, after); len(changed) > 0 {
				t.Errorf("the refused call changed the stored state:\n%s", strings.Join(changed, "\n"))
			}
			last = after
		})
	}
}
