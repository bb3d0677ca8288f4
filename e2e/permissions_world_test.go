package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The cast and the props of the permission matrix (permissions_test.go): two
// teams of its own, so its hundreds of programs never show up in other tests'
// lists, one user per actor, and one fresh fixture per cell so that every
// mutating call starts from the same state.

// permActor is one column of the matrix.
type permActor struct {
	key   string // short name used in the summary
	title string
}

// permActors in column order; a row's want lists one expectation per actor.
var permActors = []permActor{
	{"anon", "anonymous: no session"},
	{"member", "member of the team, not enrolled"},
	{"foreign", "member of another team only"},
	{"othercoord", "coordinator of another program of the team"},
	{"coord", "coordinator of this program"},
	{"former", "coordinator of this program, removed from the team"},
	{"admin", "system admin"},
}

// permWorld holds the teams and users; built once per test binary run.
type permWorld struct {
	actors       []permActor // the columns
	prefix       string      // of its teams' and users' names
	home, away   *model.Team // "this program" lives in home; away is another team
	bogusTeam    string      // a well-formed id of a team that does not exist
	users        map[string]*harness.User
	requester    *harness.User // asks to join approval programs
	otherProgram program       // coordinated by othercoord, in home
	formerGone   bool
	count        int
}

func newPermWorld(t *testing.T) *permWorld {
	return buildPermWorld(t, "perm", permActors)
}

// buildPermWorld makes two teams named after prefix and one user per actor:
// "foreign" in the away team only, everyone else but anon and admin in home;
// plus the set-up users requester and invitee, who are no column.
func buildPermWorld(t *testing.T, prefix string, actors []permActor) *permWorld {
	t.Helper()
	w := &permWorld{actors: actors, prefix: prefix, bogusTeam: model.NewId(), users: map[string]*harness.User{"admin": user("admin")}}
	w.home = w.team(t, prefix+"-home")
	w.away = w.team(t, prefix+"-away")
	for _, a := range actors {
		switch a.key {
		case "anon", "admin":
		case "foreign":
			w.users[a.key] = w.newUser(t, prefix+"-foreign", w.away)
		default:
			w.users[a.key] = w.newUser(t, prefix+"-"+a.key, w.home)
		}
	}
	for _, name := range []string{"requester", "invitee"} {
		w.users[name] = w.newUser(t, prefix+"-"+name, w.home)
	}
	w.requester = w.users["requester"]
	w.otherProgram = w.create(t, w.home.Id, map[string]any{"coordinators": []string{w.users["othercoord"].Id}})
	return w
}

func (w *permWorld) team(t *testing.T, name string) *model.Team {
	t.Helper()
	team, _, err := env.Client(user("admin"), node1()).CreateTeam(ctx(), &model.Team{Name: name, DisplayName: name, Type: model.TeamOpen})
	if err != nil {
		t.Fatalf("create team %s: %v", name, err)
	}
	return team
}

func (w *permWorld) newUser(t *testing.T, name string, team *model.Team) *harness.User {
	t.Helper()
	u, err := env.AddUser(name, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := env.Client(user("admin"), node1()).AddTeamMember(ctx(), team.Id, u.Id); err != nil {
		t.Fatalf("add %s to %s: %v", name, team.Name, err)
	}
	return u
}

// removeFormer takes the former coordinator out of the home team. Their
// programs still list them as coordinator; only the team membership goes.
func (w *permWorld) removeFormer(t *testing.T) {
	t.Helper()
	if w.formerGone {
		return
	}
	if _, err := env.Client(user("admin"), node1()).RemoveTeamMember(ctx(), w.home.Id, w.users["former"].Id); err != nil {
		t.Fatalf("remove the former coordinator from the team: %v", err)
	}
	w.formerGone = true
}

func (w *permWorld) name(base string) string {
	w.count++
	return fmt.Sprintf("%s %d", base, w.count)
}

// create makes a program in teamID as admin.
func (w *permWorld) create(t *testing.T, teamID string, fields map[string]any) program {
	t.Helper()
	body := map[string]any{"team_id": teamID, "name": w.name("Perm")}
	for k, v := range fields {
		body[k] = v
	}
	var p program
	if status := call(t, "admin", http.MethodPost, "/programs", body, &p); status != http.StatusCreated {
		t.Fatalf("create program in %s: status %d", teamID, status)
	}
	return p
}

// as calls the plugin as the actor (nil user for anonymous).
func (w *permWorld) as(t *testing.T, a permActor, method, path string, body any) (int, []byte) {
	t.Helper()
	status, data, err := env.Plugin(w.users[a.key], node1(), method, path, body)
	if err != nil {
		t.Fatalf("%s %s as %s: %v", method, path, a.key, err)
	}
	return status, data
}

// mustAs is as for set-up steps that have to succeed.
func (w *permWorld) mustAs(t *testing.T, a permActor, method, path string, body any, want int) {
	t.Helper()
	if status, data := w.as(t, a, method, path, body); status != want {
		t.Fatalf("set-up %s %s as %s: status %d (%s), want %d", method, path, a.key, status, data, want)
	}
}

// forgedUser is the user id a forged interactive body claims: someone who
// would be allowed (admin, or the coordinator when the caller is admin).
func (w *permWorld) forgedUser(a permActor) string {
	if a.key == "admin" {
		return w.users["coord"].Id
	}
	return w.users["admin"].Id
}

// fixtureSpec says what a cell's fixture holds besides "this program" (in
// home, coordinated by coord and former, not by admin).
type fixtureSpec struct {
	mode     string // enrollment mode of this program; "" = open
	archived bool   // this program is archived
	pending  bool   // the requester's join request waits for a decision
	away     bool   // there is also a program in the away team (admin coordinates)
	teams    bool   // the snapshot reads the program lists of home, away and the bogus team
	// Matching (permissions_match_world_test.go): a self-serve program with the
	// mentee, the mentor and the other member enrolled, and a match between the
	// first two at this stage ("" = no cast).
	stage    pmStage
	preview  bool // a coordinator ran a preview
	profiles bool // the snapshot reads every actor's own profile
}

type fixture struct {
	spec    fixtureSpec
	this    program
	away    program
	newName string // name for a program the call may create
	match   string // the mentee's match with the mentor (stage requested and later)
	preview string // the preview's id
}

func (w *permWorld) newFixture(t *testing.T, spec fixtureSpec) *fixture {
	t.Helper()
	fields := map[string]any{"coordinators": []string{w.users["coord"].Id, w.users["former"].Id}}
	if spec.mode != "" {
		fields["enrollment_mode"] = spec.mode
	}
	if spec.stage != pmNoCast {
		fields["matching_mode"] = "self_serve"
	}
	fx := &fixture{spec: spec, this: w.create(t, w.home.Id, fields), newName: w.name("Perm new")}
	if spec.stage != pmNoCast {
		w.cast(t, fx)
	}
	if spec.pending {
		w.mustAs(t, permActor{key: "requester"}, http.MethodPost, "/programs/"+fx.this.ID+"/join", map[string]any{"role": "mentee"}, http.StatusCreated)
	}
	if spec.archived {
		w.mustAs(t, permActor{key: "admin"}, http.MethodDelete, "/programs/"+fx.this.ID, nil, http.StatusOK)
	}
	if spec.away {
		fx.away = w.create(t, w.away.Id, nil)
	}
	return fx
}

// snapshot is the stored state a cell may touch, as admin reads it back:
// what → canonical JSON.
type snapshot map[string]string

func (w *permWorld) snapshot(t *testing.T, fx *fixture) snapshot {
	t.Helper()
	s := snapshot{}
	read := func(key, path string) {
		status, data, err := env.Plugin(user("admin"), node1(), http.MethodGet, path, nil)
		if err == nil && key == "team "+w.bogusTeam && status >= 400 && status < 500 {
			// A server that checks team ids may refuse to list a team that
			// does not exist; then it holds no programs either.
			status, data = http.StatusOK, []byte("[]")
		}
		if err != nil || status != http.StatusOK {
			t.Fatalf("admin reads %s: status %d %s %v", path, status, data, err)
		}
		s[key] = canonical(t, data)
	}
	ids := []string{fx.this.ID}
	if fx.away.ID != "" {
		ids = append(ids, fx.away.ID)
	}
	for _, id := range ids {
		read("program "+id, "/programs/"+id)
		s["members "+id] = w.members(t, id)
	}
	if fx.spec.teams {
		for _, team := range []string{w.home.Id, w.away.Id, w.bogusTeam} {
			read("team "+team, "/programs?include_archived=true&team_id="+team)
		}
	}
	if fx.spec.stage != pmNoCast {
		w.snapshotMatching(t, fx, s)
	}
	if fx.spec.profiles {
		w.snapshotProfiles(t, s)
	}
	return s
}

// members reads every page of the program's members as admin, as one
// canonical list: the default pages, then those who left or were declined,
// whom the default leaves out.
func (w *permWorld) members(t *testing.T, programID string) string {
	t.Helper()
	all := []json.RawMessage{}
	for _, filter := range []string{"", "&status=left", "&status=declined"} {
		for page := 0; ; page++ {
			var p struct {
				Members []json.RawMessage `json:"members"`
				Pages   int               `json:"pages"`
			}
			path := fmt.Sprintf("/programs/%s/members?page=%d%s", programID, page, filter)
			if status := call(t, "admin", http.MethodGet, path, nil, &p); status != http.StatusOK {
				t.Fatalf("admin reads %s: status %d", path, status)
			}
			all = append(all, p.Members...)
			if page+1 >= p.Pages {
				break
			}
		}
	}
	data, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return canonical(t, data)
}

// canonical re-encodes JSON with sorted keys and, for lists, sorted elements,
// so that two reads of the same state compare equal whatever the store's order.
func canonical(t *testing.T, data []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("admin read %q: %v", data, err)
	}
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			b, _ := json.Marshal(e)
			parts[i] = string(b)
		}
		slices.Sort(parts)
		return "[" + strings.Join(parts, ",") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// diff names what differs between two snapshots.
func (s snapshot) diff(other snapshot) []string {
	var out []string
	for k, v := range s {
		if other[k] != v {
			out = append(out, fmt.Sprintf("%s:\n  before %.400s\n  after  %.400s", k, v, other[k]))
		}
	}
	slices.Sort(out)
	return out
}

func (s snapshot) program(t *testing.T, id string) program {
	t.Helper()
	var p program
	if err := json.Unmarshal([]byte(s["program "+id]), &p); err != nil {
		t.Fatalf("program %s in snapshot: %v", id, err)
	}
	return p
}

// member returns userID's enrollment in the program, nil when there is none.
func (s snapshot) member(t *testing.T, programID, userID string) *enrollment {
	t.Helper()
	var list []enrollment
	if err := json.Unmarshal([]byte(s["members "+programID]), &list); err != nil {
		t.Fatalf("members of %s in snapshot: %v", programID, err)
	}
	for i := range list {
		if list[i].UserID == userID {
			return &list[i]
		}
	}
	return nil
}

func (s snapshot) teamPrograms(t *testing.T, teamID string) []program {
	t.Helper()
	var list []program
	if err := json.Unmarshal([]byte(s["team "+teamID]), &list); err != nil {
		t.Fatalf("programs of team %s in snapshot: %v", teamID, err)
	}
	return list
}
