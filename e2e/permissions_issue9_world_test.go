package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The fixtures and the snapshot of the issue 9 permission matrix
// (goals, check-ins, feedback, insight, exports, resources:
// permissions_issue9_*_test.go). The cast is the matching matrix's
// (matchActors) plus one set-up user, the partner: "other" is the mentee of
// a second pair of the same program (other with partner), so that the
// privacy rows can tell "my pair" from "another pair". A fixture is a
// self-serve program of its own (weekly check-ins, coordinated by coord and
// former) with both pairs active and, as the row needs, goals in both pairs,
// a check-in round answered in both, an ended match with exit feedback, and
// program resources (one for everyone, one for mentors only, one suggested
// by "other").
//
// The stored state a cell compares is read straight from the plugin's KV
// rows in PostgreSQL (every row whose key names the fixture's program,
// matches or resources: goals, check-ins, health ledger, roster, match,
// resources, their index and counts), plus the program itself as admin reads
// it (it lives in the team's catalog, which every fixture shares).

// Texts the fixtures store; the privacy checks look for them in answers.
const (
	i9PairGoal       = "Pair goal of the mentee"
	i9OtherGoal      = "Goal of the other pair"
	i9MenteeNote     = "mentee struggling note"
	i9OtherNote      = "check-in note of the other pair"
	i9PrivateExit    = "private exit feedback by the mentee"
	i9SharedExit     = "shared exit feedback by the mentor"
	i9ForAll         = "Resource for everyone"
	i9ForMentors     = "Resource for mentors only"
	i9Suggested      = "Resource suggested by other"
	i9GlobalResource = "Global resource of the matrix"
	i9Measure        = "a talk given"
	i9GlobalTag      = "matrixglobal"
)

type i9Spec struct {
	goals     bool // a goal (two milestones) in each pair, set by its mentee
	checkins  bool // a round in each pair: the mentee answered struggling, other fine; the mentor did not answer
	ended     bool // (after goals and check-ins) the mentee ended the match; both left exit feedback, the mentor's shared
	resources bool // coord published one resource for all, one for mentors; other suggested one
	global    bool // admin published a global resource of the fixture's own (rows that change or count one)
}

type i9Fixture struct {
	*fixture
	spec       i9Spec
	otherMatch string // other with partner
	goal       string // the mentee's goal in the pair
	milestone  string // its first milestone
	goalDue    string // its due date
	otherGoal  string
	round      int    // the pair's check-in round
	resAll     string // published, audience all
	resMentors string // published, audience mentors
	resSugg    string // suggested by other
	resGlobal  string // the fixture's global resource
}

// i9World is the matrix's world: the session matrix's (teams, cast, set-up
// requests off the test goroutine) with the partner and a global resource
// that rows only read (every fixture sees it: no snapshot holds it).
type i9World struct {
	*sessWorld
	global string
}

func newIssue9World(t *testing.T, prefix string) *i9World {
	t.Helper()
	w := &i9World{sessWorld: newSessionWorld(t, prefix)}
	w.users["partner"] = w.newUser(t, prefix+"-partner", w.home)
	// Check-in rounds started now run on the next sweep.
	fastSweep(t, node1())
	var r struct {
		ID string `json:"id"`
	}
	status, data := w.as(t, permActor{key: "admin"}, http.MethodPost, "/resources",
		map[string]any{"title": i9GlobalResource, "url": "https://example.com/global", "audience": "all", "tags": []string{i9GlobalTag}})
	if status == http.StatusCreated && json.Unmarshal(data, &r) == nil {
		w.global = r.ID
	} else {
		t.Logf("no global resource for the matrix (POST /resources: %d %.200s)", status, data)
	}
	return w
}

// buildIssue9 builds one fixture per spec, sessWorkers at a time.
func (w *i9World) buildIssue9(t *testing.T, specs []i9Spec) []*i9Fixture {
	t.Helper()
	out := make([]*i9Fixture, len(specs))
	err := inWorkers(len(specs), func(i int) (err error) {
		out[i], err = w.buildIssue9Fixture(specs[i])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (w *i9World) buildIssue9Fixture(spec i9Spec) (*i9Fixture, error) {
	cast, err := w.buildCast(sessSpec{})
	if err != nil {
		return nil, err
	}
	fx := &i9Fixture{fixture: cast.fixture, spec: spec}
	programPath := "/programs/" + fx.this.ID
	if err := w.try("admin", http.MethodPatch, programPath, map[string]any{"check_in_cadence": "weekly"}, http.StatusOK, nil); err != nil {
		return nil, err
	}
	// The second pair: other (already a mentee) with the partner.
	if err := w.try("partner", http.MethodPost, programPath+"/join", map[string]any{"role": "mentor", "capacity": 1}, http.StatusCreated, nil); err != nil {
		return nil, err
	}
	var m permMatch
	if err := w.try("other", http.MethodPost, programPath+"/requests", map[string]any{"mentor_id": w.users["partner"].Id}, http.StatusCreated, &m); err != nil {
		return nil, err
	}
	fx.otherMatch = m.ID
	if err := w.try("partner", http.MethodPost, "/matches/"+m.ID+"/accept", nil, http.StatusOK, nil); err != nil {
		return nil, err
	}
	if spec.goals {
		fx.goalDue = i9Due()
		if fx.goal, fx.milestone, err = w.addGoal("mentee", fx.match, i9PairGoal); err != nil {
			return nil, err
		}
		if fx.otherGoal, _, err = w.addGoal("other", fx.otherMatch, i9OtherGoal); err != nil {
			return nil, err
		}
	}
	if spec.checkins {
		if fx.round, err = w.checkInRound(fx.match, "mentee", "struggling", i9MenteeNote); err != nil {
			return nil, err
		}
		if _, err = w.checkInRound(fx.otherMatch, "other", "fine", i9OtherNote); err != nil {
			return nil, err
		}
	}
	if spec.ended {
		path := "/matches/" + fx.match
		if err := w.try("mentee", http.MethodPost, path+"/end", map[string]any{"outcome": "completed"}, http.StatusOK, nil); err != nil {
			return nil, err
		}
		if err := w.try("mentee", http.MethodPost, path+"/survey", map[string]any{"rating": 2, "text": i9PrivateExit}, http.StatusOK, nil); err != nil {
			return nil, err
		}
		if err := w.try("mentor", http.MethodPost, path+"/survey", map[string]any{"rating": 5, "text": i9SharedExit, "shared": true}, http.StatusOK, nil); err != nil {
			return nil, err
		}
	}
	if spec.resources {
		add := func(key, title, audience string, want int) (string, error) {
			var r struct {
				ID string `json:"id"`
			}
			err := w.try(key, http.MethodPost, programPath+"/resources", map[string]any{
				"title": title, "url": "https://example.com/" + strings.ReplaceAll(title, " ", "-"), "audience": audience,
				"tags": []string{"matrix", fx.tag()}, "description": title + " (described)",
			}, want, &r)
			return r.ID, err
		}
		if fx.resAll, err = add("coord", i9ForAll, "all", http.StatusCreated); err != nil {
			return nil, err
		}
		if fx.resMentors, err = add("coord", i9ForMentors, "mentors", http.StatusCreated); err != nil {
			return nil, err
		}
		if fx.resSugg, err = add("other", i9Suggested, "all", http.StatusCreated); err != nil {
			return nil, err
		}
	}
	if spec.global {
		var r struct {
			ID string `json:"id"`
		}
		if err := w.try("admin", http.MethodPost, "/resources", map[string]any{
			"title": "Global resource of a fixture", "url": "https://example.com/fixture", "audience": "all",
		}, http.StatusCreated, &r); err != nil {
			return nil, err
		}
		fx.resGlobal = r.ID
	}
	return fx, w.settle(fx)
}

// addGoal sets a goal with two milestones as key; it returns the goal and its first milestone.
func (w *i9World) addGoal(key, matchID, title string) (string, string, error) {
	var g struct {
		ID         string `json:"id"`
		Milestones []struct {
			ID string `json:"id"`
		} `json:"milestones"`
	}
	err := w.try(key, http.MethodPost, "/matches/"+matchID+"/goals", map[string]any{
		"title": title, "measure": i9Measure, "due": i9Due(),
		"milestones": []string{"outline", "rehearse"},
	}, http.StatusCreated, &g)
	if err == nil && len(g.Milestones) == 0 {
		err = fmt.Errorf("the goal %q came back without milestones", title)
	}
	if err != nil {
		return "", "", err
	}
	return g.ID, g.Milestones[0].ID, nil
}

// i9Due is the fixtures' goals' due date: two months ahead.
func i9Due() string { return time.Now().UTC().AddDate(0, 2, 0).Format(time.DateOnly) }

// checkInRound starts a round of the match now, waits for the sweep to
// create it and prompt both sides, and answers it as key.
func (w *i9World) checkInRound(matchID, key, answer, note string) (int, error) {
	var started struct {
		Round int `json:"round"`
	}
	if err := w.try(key, http.MethodPost, "/matches/"+matchID+"/checkins/round", nil, http.StatusCreated, &started); err != nil {
		return 0, err
	}
	// Wait until the round exists and both prompts were dealt with (sent,
	// put in the digest or skipped): the matrix's snapshots must not see
	// the scheduler's writes.
	var doc struct {
		Rounds []struct {
			Round int                        `json:"round"`
			Marks map[string]json.RawMessage `json:"marks"`
		} `json:"rounds"`
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		raw, err := kvRow("v1/checkins/" + matchID)
		if err != nil {
			return 0, err
		}
		doc.Rounds = nil
		if raw != "" {
			if err := json.Unmarshal([]byte(raw), &doc); err != nil {
				return 0, fmt.Errorf("check-ins of %s: %w", matchID, err)
			}
		}
		prompted := 0
		for _, r := range doc.Rounds {
			if r.Round != started.Round {
				continue
			}
			for k, m := range r.Marks {
				if strings.HasPrefix(k, "prompt/") && strings.Contains(string(m), `"outcome"`) {
					prompted++
				}
			}
		}
		if prompted >= 2 {
			break
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("round %d of %s not prompted within a minute: %.300s", started.Round, matchID, raw)
		}
		time.Sleep(500 * time.Millisecond)
	}
	return started.Round, w.try(key, http.MethodPost, "/matches/"+matchID+"/checkins",
		map[string]any{"answer": answer, "note": note, "round": started.Round}, http.StatusOK, nil)
}

// settle waits until the fixture's stored state stops moving (goal cards
// posted, alerts sent): two reads a second apart that agree.
func (w *i9World) settle(fx *i9Fixture) error {
	last := ""
	for range 30 {
		rows, err := fx.kvRows()
		if err != nil {
			return err
		}
		now := fmt.Sprint(rows)
		if now == last {
			return nil
		}
		last = now
		time.Sleep(time.Second)
	}
	return fmt.Errorf("the stored state of %s kept changing for 30 s", fx.this.ID)
}

// tag marks the fixture's resources, so that a search across every hub
// (GET /resources) can be narrowed to them.
func (fx *i9Fixture) tag() string { return "fx" + fx.this.ID }

// ids are what the fixture's KV keys name.
func (fx *i9Fixture) ids() []string {
	return slices.DeleteFunc([]string{fx.this.ID, fx.match, fx.otherMatch, fx.resAll, fx.resMentors, fx.resSugg, fx.resGlobal},
		func(s string) bool { return s == "" })
}

// --- reading the KV rows ------------------------------------------------------

// kvRows reads the fixture's KV rows, and those of every resource its
// program's resource index lists (a resource's key names only itself).
func (fx *i9Fixture) kvRows() (map[string]string, error) {
	ids := fx.ids()
	rows, err := kvRows(ids)
	if err != nil {
		return nil, err
	}
	var index struct {
		IDs []string `json:"ids"`
	}
	if v := rows["v1/resources/"+fx.this.ID]; v != "" {
		if err := json.Unmarshal([]byte(v), &index); err != nil {
			return nil, fmt.Errorf("the resource index of %s: %w", fx.this.ID, err)
		}
	}
	var more []string
	for _, id := range index.IDs {
		if !slices.Contains(ids, id) {
			more = append(more, id)
		}
	}
	if len(more) == 0 {
		return rows, nil
	}
	extra, err := kvRows(more)
	for k, v := range extra {
		rows[k] = v
	}
	return rows, err
}

// kvRows reads every plugin KV row whose key names one of ids: key → value.
func kvRows(ids []string) (map[string]string, error) {
	var like []string
	for _, id := range ids {
		like = append(like, "pkey LIKE '%"+id+"%'") // ids are 26 letters and digits
	}
	out, err := benchseed.Psql(env, "-F", "\t", "-c", fmt.Sprintf(
		"SELECT pkey, convert_from(pvalue, 'UTF8') FROM pluginkeyvaluestore WHERE pluginid = '%s' AND (%s) ORDER BY pkey",
		harness.PluginID, strings.Join(like, " OR ")))
	if err != nil {
		return nil, err
	}
	rows := map[string]string{}
	for line := range strings.SplitSeq(out, "\n") {
		if key, value, found := strings.Cut(line, "\t"); found {
			rows[key] = value
		}
	}
	return rows, nil
}

// kvRow reads one KV row ("" when there is none).
func kvRow(key string) (string, error) {
	return benchseed.Psql(env, "-c", fmt.Sprintf(
		"SELECT convert_from(pvalue, 'UTF8') FROM pluginkeyvaluestore WHERE pluginid = '%s' AND pkey = '%s'", harness.PluginID, key))
}

// issue9Snapshot is the fixture's stored state: its KV rows ("kv " + key)
// and the program as admin reads it.
func (w *i9World) issue9Snapshot(t *testing.T, fx *i9Fixture) snapshot {
	t.Helper()
	var (
		rows    map[string]string
		rowsErr error
		reads   [2]struct {
			status int
			data   []byte
			err    error
		}
		wg sync.WaitGroup
	)
	wg.Go(func() { rows, rowsErr = fx.kvRows() })
	for i, path := range []string{"/programs/" + fx.this.ID, "/programs/" + fx.this.ID + "/insight-settings"} {
		wg.Go(func() {
			reads[i].status, reads[i].data, reads[i].err = env.Plugin(user("admin"), node1(), http.MethodGet, path, nil)
		})
	}
	wg.Wait()
	if rowsErr != nil || reads[0].err != nil || reads[0].status != http.StatusOK || reads[1].err != nil {
		t.Fatalf("snapshot of %s: KV rows %v; program %d %.200s %v", fx.this.ID, rowsErr, reads[0].status, reads[0].data, reads[0].err)
	}
	s := snapshot{"program " + fx.this.ID: canonical(t, reads[0].data)}
	// The insight settings live in the program's catalog entry; read as
	// admin, whatever the answer (the route may not be there yet).
	s["insight settings"] = fmt.Sprintf("%d %s", reads[1].status, reads[1].data)
	for k, v := range rows {
		s["kv "+k] = v
	}
	return s
}

// --- what a snapshot holds ------------------------------------------------------

// i9Goals is the stored goals document of a match (domain.MatchGoals).
type i9Goals struct {
	Goals []struct {
		ID         string `json:"id"`
		Title      string `json:"title"`
		Progress   int    `json:"progress"`
		Status     string `json:"status"`
		CreatedBy  string `json:"created_by"`
		UpdatedBy  string `json:"updated_by"`
		Milestones []struct {
			ID   string `json:"id"`
			Done bool   `json:"done"`
		} `json:"milestones"`
		History []struct {
			By   string `json:"by"`
			Note string `json:"note"`
		} `json:"history"`
	} `json:"goals"`
}

func (s snapshot) goals(t *testing.T, matchID string) i9Goals {
	t.Helper()
	var g i9Goals
	if v := s["kv v1/goals/"+matchID]; v != "" {
		if err := json.Unmarshal([]byte(v), &g); err != nil {
			t.Fatalf("goals of %s: %v", matchID, err)
		}
	}
	return g
}

// i9CheckIns is the stored check-ins document of a match (domain.MatchCheckIns).
type i9CheckIns struct {
	Rounds []struct {
		Round   int `json:"round"`
		Answers map[string]struct {
			Answer string `json:"answer"`
			Note   string `json:"note"`
		} `json:"answers"`
	} `json:"rounds"`
}

func (s snapshot) checkIns(t *testing.T, matchID string) i9CheckIns {
	t.Helper()
	var c i9CheckIns
	if v := s["kv v1/checkins/"+matchID]; v != "" {
		if err := json.Unmarshal([]byte(v), &c); err != nil {
			t.Fatalf("check-ins of %s: %v", matchID, err)
		}
	}
	return c
}

// i9Resource is a stored resource (domain.Resource).
type i9Resource struct {
	ID        string `json:"id"`
	ProgramID string `json:"program_id"`
	Title     string `json:"title"`
	Audience  string `json:"audience"`
	Status    string `json:"status"`
	AuthorID  string `json:"author_id"`
	DecidedBy string `json:"decided_by"`
}

// resources are the stored resources among the snapshot's rows.
func (s snapshot) resources(t *testing.T) map[string]i9Resource {
	t.Helper()
	out := map[string]i9Resource{}
	for k, v := range s {
		if id, found := strings.CutPrefix(k, "kv v1/resource/"); found {
			var r i9Resource
			if err := json.Unmarshal([]byte(v), &r); err != nil {
				t.Fatalf("resource %s: %v", id, err)
			}
			out[id] = r
		}
	}
	return out
}

// counts is a resource's stored view and share counts (zero when none).
func (s snapshot) counts(t *testing.T, id string) (views, shares int) {
	t.Helper()
	for k, v := range s {
		if k != "kv v1/resource_counts/"+id && !strings.HasPrefix(k, "kv v1/resource_counts/"+id+"/") {
			continue
		}
		var c struct {
			Views  int `json:"views"`
			Shares int `json:"shares"`
		}
		if err := json.Unmarshal([]byte(v), &c); err != nil {
			t.Fatalf("counts of %s: %v", id, err)
		}
		views, shares = views+c.Views, shares+c.Shares
	}
	return views, shares
}
