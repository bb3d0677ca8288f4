package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestMatchBadInputChangesNothing sends the matching routes the requests the
// issue names as bad input: a request to oneself, to a full, paused or
// non-member mentor, a duplicate request, accepting twice, weights out of
// range, a coordinator of another program previewing or publishing. Each gets
// its own status, field and message, and the stored state of the program
// (program, members, settings, matches, match, preview), read back as admin,
// is the same before and after. (Expired requests: matching_due_test.go.)
func TestMatchBadInputChangesNothing(t *testing.T) {
	w := buildPermWorld(t, "permbad", matchActors)
	type badCase struct {
		name    string
		spec    fixtureSpec
		setUp   func(t *testing.T, fx *fixture)
		as      string
		method  string
		path    func(fx *fixture) string
		body    func(fx *fixture) any
		status  int
		field   string // "" = the answer names no field; "*" = any
		message string // a part of the error the caller reads
	}
	request := func(to string) func(*fixture) any {
		return func(*fixture) any { return map[string]any{"mentor_id": w.users[to].Id} }
	}
	requests := func(fx *fixture) string { return "/programs/" + fx.this.ID + "/requests" }
	matching := func(fx *fixture) string { return "/programs/" + fx.this.ID + "/matching" }
	fixedBody := func(body map[string]any) func(*fixture) any { return func(*fixture) any { return body } }
	weights := func(w map[string]any) func(*fixture) any { return fixedBody(map[string]any{"weights": w}) }
	must := func(t *testing.T, key, method, path string, body any, want int) {
		t.Helper()
		w.mustAs(t, permActor{key: key}, method, path, body, want)
	}
	enrolledFx := fixtureSpec{stage: pmEnrolled}

	cases := []badCase{
		{name: "request to oneself", spec: enrolledFx, as: "mentee", method: http.MethodPost, path: requests, body: request("mentee"),
			status: http.StatusBadRequest, field: "mentor_id", message: "your own mentor"},
		{name: "request to a member who is no mentor", spec: enrolledFx, as: "mentee", method: http.MethodPost, path: requests, body: request("other"),
			status: http.StatusBadRequest, field: "mentor_id", message: "not an active mentor"},
		{name: "request to a team member outside the program", spec: enrolledFx, as: "mentee", method: http.MethodPost, path: requests, body: request("member"),
			status: http.StatusBadRequest, field: "mentor_id", message: "not an active mentor"},
		{name: "request to someone outside the team", spec: enrolledFx, as: "mentee", method: http.MethodPost, path: requests, body: request("foreign"),
			status: http.StatusBadRequest, field: "mentor_id", message: "not an active mentor"},
		{name: "request to a paused mentor", spec: enrolledFx, as: "mentee", method: http.MethodPost, path: requests, body: request("mentor"),
			setUp: func(t *testing.T, fx *fixture) {
				must(t, "mentor", http.MethodPost, "/programs/"+fx.this.ID+"/pause", nil, http.StatusOK)
			},
			status: http.StatusConflict, field: "mentor_id", message: "paused"},
		{name: "request to a full mentor", spec: fixtureSpec{stage: pmActive}, as: "member", method: http.MethodPost, path: requests, body: request("mentor"),
			setUp: func(t *testing.T, fx *fixture) {
				// The mentor (capacity 2) takes the other member too; then a newcomer asks.
				var m permMatch
				w.mustDecode(t, "other", http.MethodPost, "/programs/"+fx.this.ID+"/requests", request("mentor")(fx), http.StatusCreated, &m)
				must(t, "mentor", http.MethodPost, "/matches/"+m.ID+"/accept", nil, http.StatusOK)
				must(t, "member", http.MethodPost, "/programs/"+fx.this.ID+"/join", map[string]any{"role": "mentee"}, http.StatusCreated)
			},
			status: http.StatusConflict, field: "mentor_id", message: "no free capacity"},
		{name: "duplicate request", spec: fixtureSpec{stage: pmRequested}, as: "mentee", method: http.MethodPost, path: requests, body: request("mentor"),
			status: http.StatusConflict, field: "mentor_id", message: "already waiting"},
		{name: "request with a mentor already", spec: fixtureSpec{stage: pmActive}, as: "mentee", method: http.MethodPost, path: requests, body: request("mentor"),
			status: http.StatusConflict, message: "already have a mentor"},
		{name: "request in a program where coordinators match", spec: enrolledFx, as: "mentee", method: http.MethodPost, path: requests, body: request("mentor"),
			setUp: func(t *testing.T, fx *fixture) {
				must(t, "admin", http.MethodPatch, "/programs/"+fx.this.ID, map[string]any{"matching_mode": "coordinator"}, http.StatusOK)
			},
			status: http.StatusConflict, message: "coordinators make the matches"},
		{name: "accepting twice", spec: fixtureSpec{stage: pmActive}, as: "mentor", method: http.MethodPost,
			path: func(fx *fixture) string { return "/matches/" + fx.match + "/accept" }, status: http.StatusConflict, message: "already active"},
		{name: "accepting after declining", spec: fixtureSpec{stage: pmRequested}, as: "mentor", method: http.MethodPost,
			setUp: func(t *testing.T, fx *fixture) {
				must(t, "mentor", http.MethodPost, "/matches/"+fx.match+"/decline", nil, http.StatusOK)
			},
			path: func(fx *fixture) string { return "/matches/" + fx.match + "/accept" }, status: http.StatusConflict, message: "no longer waiting"},
		{name: "skill weight above the maximum", spec: enrolledFx, as: "coord", method: http.MethodPut, path: matching,
			body: weights(map[string]any{"skill": 1001}), status: http.StatusBadRequest, field: "weights.skill", message: "from 0 to 1000"},
		{name: "negative goal weight", spec: enrolledFx, as: "coord", method: http.MethodPut, path: matching,
			body: weights(map[string]any{"goal": -1}), status: http.StatusBadRequest, field: "weights.goal", message: "from 0 to 1000"},
		{name: "one good and one bad weight", spec: enrolledFx, as: "coord", method: http.MethodPut, path: matching,
			body: weights(map[string]any{"skill": 50, "interest": 5000}), status: http.StatusBadRequest, field: "weights.interest", message: "from 0 to 1000"},
		{name: "minimum score out of range", spec: enrolledFx, as: "coord", method: http.MethodPut, path: matching,
			body: fixedBody(map[string]any{"min_score": 2000000}), status: http.StatusBadRequest, field: "min_score", message: "minimum score"},
		{name: "trial expiry above a day", spec: enrolledFx, as: "coord", method: http.MethodPut, path: matching,
			body: fixedBody(map[string]any{"request_expiry_minutes": 1441}), status: http.StatusBadRequest, field: "request_expiry_minutes"},
		{name: "weight that is not a number", spec: enrolledFx, as: "coord", method: http.MethodPut, path: matching,
			body: weights(map[string]any{"skill": "high"}), status: http.StatusBadRequest, field: "*"},
		{name: "coordinator of another program previews", spec: enrolledFx, as: "othercoord", method: http.MethodPost,
			path: func(fx *fixture) string { return "/programs/" + fx.this.ID + "/preview" }, body: fixedBody(map[string]any{}),
			status: http.StatusForbidden, message: "Only the coordinators of"},
		{name: "coordinator of another program publishes", spec: fixtureSpec{stage: pmEnrolled, preview: true}, as: "othercoord", method: http.MethodPost,
			path:   func(fx *fixture) string { return "/programs/" + fx.this.ID + "/publish" },
			body:   func(fx *fixture) any { return map[string]any{"preview_id": fx.preview} },
			status: http.StatusForbidden, message: "Only the coordinators of"},
		{name: "publishing this program's preview on one's own program", spec: fixtureSpec{stage: pmEnrolled, preview: true}, as: "othercoord", method: http.MethodPost,
			setUp: func(t *testing.T, _ *fixture) {
				must(t, "othercoord", http.MethodPost, "/programs/"+w.otherProgram.ID+"/preview", map[string]any{}, http.StatusOK)
			},
			path:   func(*fixture) string { return "/programs/" + w.otherProgram.ID + "/publish" },
			body:   func(fx *fixture) any { return map[string]any{"preview_id": fx.preview} },
			status: http.StatusConflict, field: "preview_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := w.newFixture(t, c.spec)
			if c.setUp != nil {
				c.setUp(t, fx)
			}
			before := w.snapshot(t, fx)
			var body any
			if c.body != nil {
				body = c.body(fx)
			}
			status, data := w.as(t, permActor{key: c.as}, c.method, c.path(fx), body)
			var e apiError
			if err := json.Unmarshal(data, &e); err != nil || e.Error == "" {
				t.Errorf("no JSON error in %s (%v)", data, err)
			}
			if status != c.status || (c.field != "*" && e.Field != c.field) || !strings.Contains(e.Error, c.message) {
				t.Errorf("got %d field %q %q; want %d field %q, a message with %q", status, e.Field, e.Error, c.status, c.field, c.message)
			}
			if changed := before.diff(w.snapshot(t, fx)); len(changed) > 0 {
				t.Errorf("the refused call changed the stored state:\n%s", strings.Join(changed, "\n"))
			}
		})
	}
}
