package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
)

// The cast and props of the matching permission matrix
// (permissions_match_test.go): besides the callers of the program matrix, the
// two people of a match (mentee, mentor) and another member of the same
// program who is in no pair with them. Every fixture is a self-serve program
// of its own, so that each cell's call starts from the same state.

// matchActors in column order.
var matchActors = []permActor{
	{"anon", "anonymous: no session"},
	{"member", "member of the team, not in the program"},
	{"foreign", "member of another team only"},
	{"mentee", "the mentee of the match"},
	{"mentor", "the mentor of the match"},
	{"other", "member of the program, not in the pair"},
	{"othercoord", "coordinator of another program of the team"},
	{"coord", "coordinator of this program"},
	{"former", "coordinator of this program, removed from the team"},
	{"admin", "system admin"},
}

// matchStage is how far the fixture's match between mentee and mentor got.
type pmStage int

const (
	pmNoCast    pmStage = iota // no cast: a plain program
	pmEnrolled                 // mentee, mentor (capacity 2) and other enrolled; no match
	pmRequested                // the mentee asked the mentor
	pmActive                   // the mentor accepted
	pmPaused                   // the mentee paused the match
	pmEnded                    // the mentee ended it as completed
)

// menteeDepartment is in the mentee's profile; only coordinators see it.
const pmMenteeDepartment = "Finance"

func newMatchWorld(t *testing.T) *permWorld {
	t.Helper()
	w := buildPermWorld(t, "permx", matchActors)
	// Fields a partner must not see (the contract's partial profile).
	w.mustAs(t, permActor{key: "mentee"}, http.MethodPut, "/profile", map[string]any{
		"skills_wanted": []string{"public speaking"}, "department": pmMenteeDepartment,
		"manager_id": w.users["member"].Id, "dont_match": []string{w.users["othercoord"].Id},
	}, http.StatusOK)
	w.mustAs(t, permActor{key: "mentor"}, http.MethodPut, "/profile", map[string]any{
		"skills_offered": []string{"public speaking"},
	}, http.StatusOK)
	return w
}

// match is what the matrix reads of a match.
type permMatch struct {
	ID       string                     `json:"id"`
	MenteeID string                     `json:"mentee_id"`
	MentorID string                     `json:"mentor_id"`
	Status   string                     `json:"status"`
	Surveys  map[string]json.RawMessage `json:"surveys"`
}

// preview is what the matrix reads of a preview.
type permPreview struct {
	ID        string `json:"id"`
	CreatedBy string `json:"created_by"`
	Status    string `json:"status"`
	Matched   int    `json:"matched"`
}

// cast enrolls the three members and takes their match to the fixture's stage.
func (w *permWorld) cast(t *testing.T, fx *fixture) {
	t.Helper()
	programPath := "/programs/" + fx.this.ID
	for key, body := range map[string]map[string]any{
		"mentee": {"role": "mentee", "goals": "public speaking"},
		"mentor": {"role": "mentor", "capacity": 2},
		"other":  {"role": "mentee"},
	} {
		if fx.spec.mode == "invite" {
			// Nobody joins an invite-only program by themselves.
			w.mustAs(t, permActor{key: "admin"}, http.MethodPost, programPath+"/invites",
				map[string]any{"user_id": w.users[key].Id, "role": body["role"]}, http.StatusCreated)
			continue
		}
		w.mustAs(t, permActor{key: key}, http.MethodPost, programPath+"/join", body, http.StatusCreated)
	}
	if fx.spec.preview {
		var p permPreview
		w.mustDecode(t, "coord", http.MethodPost, programPath+"/preview", map[string]any{}, http.StatusOK, &p)
		fx.preview = p.ID
	}
	if fx.spec.stage < pmRequested {
		return
	}
	var m permMatch
	w.mustDecode(t, "mentee", http.MethodPost, programPath+"/requests",
		map[string]any{"mentor_id": w.users["mentor"].Id, "message": "Could you help me?"}, http.StatusCreated, &m)
	fx.match = m.ID
	pmMatchPath := "/matches/" + m.ID
	if fx.spec.stage >= pmActive {
		w.mustAs(t, permActor{key: "mentor"}, http.MethodPost, pmMatchPath+"/accept", nil, http.StatusOK)
	}
	if fx.spec.stage == pmPaused {
		w.mustAs(t, permActor{key: "mentee"}, http.MethodPost, pmMatchPath+"/pause", nil, http.StatusOK)
	}
	if fx.spec.stage == pmEnded {
		w.mustAs(t, permActor{key: "mentee"}, http.MethodPost, pmMatchPath+"/end", map[string]any{"outcome": "completed"}, http.StatusOK)
	}
}

// mustDecode is mustAs that decodes the answer into out.
func (w *permWorld) mustDecode(t *testing.T, key, method, path string, body any, want int, out any) {
	t.Helper()
	status, data := w.as(t, permActor{key: key}, method, path, body)
	if status != want {
		t.Fatalf("set-up %s %s as %s: status %d (%s), want %d", method, path, key, status, data, want)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("set-up %s %s: %v in %s", method, path, err, data)
	}
}

// snapshotMatching reads, as admin, what the matching routes may change: the
// program's matching settings, its matches, the fixture's match and the
// program's latest preview ("none" when there is none).
func (w *permWorld) snapshotMatching(t *testing.T, fx *fixture, s snapshot) {
	t.Helper()
	admin := permActor{key: "admin"}
	read := func(key, path string, notFoundIsNone bool) []byte {
		status, data := w.as(t, admin, http.MethodGet, path, nil)
		if notFoundIsNone && status == http.StatusNotFound {
			s[key] = "none"
			return nil
		}
		if status != http.StatusOK {
			t.Fatalf("admin reads %s: status %d %s", path, status, data)
		}
		s[key] = canonical(t, data)
		return data
	}
	id := fx.this.ID
	read("matching "+id, "/programs/"+id+"/matching", false)
	read("preview "+id, "/programs/"+id+"/preview", true)
	if fx.match != "" {
		read("match "+fx.match, "/matches/"+fx.match, false)
	}
	// The program's matches: one page holds a fixture's few.
	var page struct {
		Matches []json.RawMessage `json:"matches"`
		Pages   int               `json:"pages"`
	}
	if err := json.Unmarshal(read("matches "+id, "/programs/"+id+"/matches", false), &page); err != nil || page.Pages > 1 {
		t.Fatalf("the matches of %s: %v, %d pages", id, err, page.Pages)
	}
	list, _ := json.Marshal(page.Matches)
	s["matches "+id] = canonical(t, list)
}

// snapshotProfiles reads every actor's own profile, as they see it.
func (w *permWorld) snapshotProfiles(t *testing.T, s snapshot) {
	t.Helper()
	for _, a := range w.actors {
		if a.key == "anon" {
			continue
		}
		status, data := w.as(t, a, http.MethodGet, "/profile", nil)
		if status != http.StatusOK {
			t.Fatalf("%s reads their profile: status %d %s", a.key, status, data)
		}
		s["profile "+a.key] = canonical(t, data)
	}
}

func (s snapshot) match(t *testing.T, id string) permMatch {
	t.Helper()
	var m permMatch
	if err := json.Unmarshal([]byte(s["match "+id]), &m); err != nil {
		t.Fatalf("match %s in snapshot: %v", id, err)
	}
	return m
}

func (s snapshot) programMatches(t *testing.T, programID string) []permMatch {
	t.Helper()
	var list []permMatch
	if err := json.Unmarshal([]byte(s["matches "+programID]), &list); err != nil {
		t.Fatalf("matches of %s in snapshot: %v", programID, err)
	}
	return list
}

func (s snapshot) preview(t *testing.T, programID string) *permPreview {
	t.Helper()
	if s["preview "+programID] == "none" {
		return nil
	}
	var p permPreview
	if err := json.Unmarshal([]byte(s["preview "+programID]), &p); err != nil {
		t.Fatalf("preview of %s in snapshot: %v", programID, err)
	}
	return &p
}

// profileField reads one field of an actor's own profile in the snapshot.
func (s snapshot) profileField(t *testing.T, key, field string) any {
	t.Helper()
	var p map[string]any
	if err := json.Unmarshal([]byte(s["profile "+key]), &p); err != nil {
		t.Fatalf("profile of %s in snapshot: %v", key, err)
	}
	return p[field]
}
