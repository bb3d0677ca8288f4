package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// bodyRoutes are every route that decodes a JSON body. The fuzzer sends each
// one arbitrary bytes: the answer must be a JSON error or success, never a panic
// (recovered into a logged 500) and never a 500 from bad input.
var bodyRoutes = []struct{ method, path string }{
	{http.MethodPost, "/api/v1/programs"},
	{http.MethodPatch, "/api/v1/programs/{id}"},
	{http.MethodPost, "/api/v1/programs/{id}/join"},
	{http.MethodPost, "/api/v1/programs/{id}/pause"},
	{http.MethodPost, "/api/v1/actions/decide"},
	{http.MethodPost, "/api/v1/dialogs/program"},
	{http.MethodPost, "/api/v1/dialogs/join"},
}

func FuzzJSONBodies(f *testing.F) {
	for _, seed := range []string{
		`{"team_id":"` + teamID + `","name":"Spring","description":"x","start_date":"2026-09-01"}`,
		`{"name":"Renamed","coordinators":["` + memberID + `"]}`,
		`{"role":"mentor","capacity":3,"goals":"teach"}`,
		`{"until":"2027-01-01"}`,
		`{"role":"mentee","capacity":-1e309}`,
		`{"name":null}`, `[]`, `"`, `{"coordinators":[1,2]}`, "",
		`{"user_id":"x","context":{"program_id":"p","user_id":"u","decision":"approve"}}`,
		`{"callback_id":"` + teamID + `","state":"","submission":{"name":"Dialog","kind":"one_to_one"}}`,
		`{"submission":{"program_id":"x","role":"mentor","capacity":"2.5"}}`,
		`{"state":"x","submission":{"name":["a"]}}`,
	} {
		for i := range bodyRoutes {
			f.Add(uint8(i), seed)
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		h, log := newTestHandler(t)
		rec, _ := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Base"}`)
		var p ProgramView
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Program == nil {
			t.Fatalf("seed program: %d %s", rec.Code, rec.Body.String())
		}
		r := bodyRoutes[int(route)%len(bodyRoutes)]
		for _, user := range []string{adminID, memberID} {
			rec, _ := do(h, user, r.method, strings.Replace(r.path, "{id}", p.ID, 1), body)
			if rec.Code >= 500 {
				t.Fatalf("%s %s %q as %s: %d %s (log %v)", r.method, r.path, body, user, rec.Code, rec.Body.String(), log.errors)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s %s %q: the answer is not JSON: %q", r.method, r.path, body, rec.Body.String())
			}
		}
	})
}
