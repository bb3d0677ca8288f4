package e2e

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

var previousBundleFlag = flag.String("previous-bundle", "../dist/previous/mentorship-0.1.0.tar.gz",
	"bundle of the previous release, installed first by the upgrade test (make previous-bundle)")

// upgradeUsers are the people of the upgrade environment; ivy joins only after
// the upgrade.
var upgradeUsers = []string{"coord", "coord2", "ana", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy"}

// The data the previous release wrote, named by what the test does with it.
const (
	nameTechnical = "Mentoría Técnica"
	nameLeaders   = "Leadership Circle"
	nameCircleOld = "Peer Buddies"
	nameCircleNew = "New Hire Circles — Año 1"
	nameLegacy    = "Legacy Program 2025"
	nameOffice    = "Office Hours Ünïcode"
)

// TestUpgradeFromPreviousRelease installs the previous release on its own server
// and database, writes data through it as real users, installs this release over
// it and checks that every record reads back the same through the new API, again
// after a disable/enable cycle, and that the migrated data keeps working.
func TestUpgradeFromPreviousRelease(t *testing.T) {
	oldVersion, err := harness.BundleVersion(*previousBundleFlag)
	if err != nil {
		t.Fatalf("previous release bundle: %v (build it with make previous-bundle)", err)
	}
	newVersion, err := harness.BundleVersion(*bundleFlag)
	if err != nil {
		t.Fatalf("bundle under test: %v", err)
	}
	u := startUpgradeEnv(t)
	node := u.env.Nodes[0]

	if err := u.env.InstallBundle(node, *previousBundleFlag); err != nil {
		t.Fatalf("install %s: %v", oldVersion, err)
	}
	u.wantActiveVersion(t, oldVersion)
	ids := u.writeWithPreviousRelease(t)
	before := u.snapshot(t, ids)
	t.Logf("recorded with %s: %d programs, %d enrollments", oldVersion, len(before.programs), before.enrollmentCount())

	if err := u.env.InstallPlugin(node); err != nil {
		t.Fatalf("install %s over %s: %v", newVersion, oldVersion, err)
	}
	u.wantActiveVersion(t, newVersion)
	var diffs differences
	diffs.compare(t, "after upgrade", before, u.snapshot(t, ids))

	if err := u.env.DisablePlugin(node); err != nil {
		t.Fatal(err)
	}
	if err := u.env.EnablePlugin(node); err != nil {
		t.Fatal(err)
	}
	u.wantActiveVersion(t, newVersion)
	diffs.compare(t, "after disable and enable", before, u.snapshot(t, ids))
	diffs.report(t, filepath.Join(outDir, "upgrade", "differences.txt"))

	u.useMigratedData(t, ids, before)
}

// upgradeEnv is a separate PostgreSQL and Mattermost node, so that installing an
// old release cannot disturb the shared environment of the other tests.
type upgradeEnv struct {
	env *harness.Env
}

func startUpgradeEnv(t *testing.T) *upgradeEnv {
	t.Helper()
	e, err := harness.Setup(harness.Options{Bundle: *bundleFlag, OutDir: filepath.Join(outDir, "upgrade"), Log: os.Stderr})
	if e != nil {
		t.Cleanup(e.Close)
	}
	if err != nil {
		t.Fatalf("upgrade environment: %v", err)
	}
	if err := e.Seed("upgrading", upgradeUsers...); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return &upgradeEnv{env: e}
}

func (u *upgradeEnv) wantActiveVersion(t *testing.T, want string) {
	t.Helper()
	got, err := u.env.ActivePluginVersion(u.env.Nodes[0])
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("the server runs plugin version %s, want %s", got, want)
	}
}

func (u *upgradeEnv) id(name string) string { return u.env.Users[name].Id }

// call hits the plugin API as name and decodes the answer into out.
func (u *upgradeEnv) call(t *testing.T, name, method, path string, body, out any) int {
	t.Helper()
	status, data, err := u.env.Plugin(u.env.Users[name], u.env.Nodes[0], method, path, body)
	if err != nil {
		t.Fatalf("%s %s as %s: %v", method, path, name, err)
	}
	if out != nil && len(data) > 0 {
		if err := jsonUnmarshal(data, out); err != nil {
			t.Fatalf("%s %s as %s: decode %q: %v", method, path, name, data, err)
		}
	}
	return status
}

// must is call that fails the test unless the status is want.
func (u *upgradeEnv) must(t *testing.T, want int, name, method, path string, body, out any) {
	t.Helper()
	var raw any
	if status := u.call(t, name, method, path, body, &raw); status != want {
		t.Fatalf("%s %s as %s: status %d, want %d: %v", method, path, name, status, want, raw)
	}
	if out != nil {
		if err := jsonRecode(raw, out); err != nil {
			t.Fatal(err)
		}
	}
}

// command runs a slash command as name in town-square and returns the reply.
func (u *upgradeEnv) command(t *testing.T, name, line string) string {
	t.Helper()
	c := u.env.Client(u.env.Users[name], u.env.Nodes[0])
	resp, _, err := c.ExecuteCommand(context.Background(), u.env.Channel.Id, line)
	if err != nil {
		t.Fatalf("%s as %s: %v", line, name, err)
	}
	return resp.Text
}

func (u *upgradeEnv) createProgram(t *testing.T, fields map[string]any) string {
	t.Helper()
	fields["team_id"] = u.env.Team.Id
	var p struct{ ID string }
	u.must(t, http.StatusCreated, "admin", http.MethodPost, "/programs", fields, &p)
	return p.ID
}

// programID finds a program of the team by name through the list endpoint
// (for programs created with a slash command).
func (u *upgradeEnv) programID(t *testing.T, name string) string {
	t.Helper()
	var list []struct{ ID, Name string }
	u.must(t, http.StatusOK, "admin", http.MethodGet, "/programs?team_id="+u.env.Team.Id+"&include_archived=true", nil, &list)
	for _, p := range list {
		if p.Name == name {
			return p.ID
		}
	}
	t.Fatalf("no program named %q in %v", name, list)
	return ""
}

func (u *upgradeEnv) join(t *testing.T, name, programID string, body map[string]any) {
	t.Helper()
	u.must(t, http.StatusCreated, name, http.MethodPost, "/programs/"+programID+"/join", body, nil)
}

// writeWithPreviousRelease creates, through the previous release's REST API and
// slash commands, every kind of record it stores, and returns the program ids by
// their final name.
func (u *upgradeEnv) writeWithPreviousRelease(t *testing.T) map[string]string {
	ids := map[string]string{}
	ids[nameTechnical] = u.createProgram(t, map[string]any{"name": nameTechnical,
		"description":     "Aprende con colegas — ñandú, Zürich, 東京.\nSecond line.",
		"enrollment_mode": "open", "matching_mode": "self_serve", "check_in_cadence": "biweekly",
		"start_date": "2027-01-11", "end_date": "2027-06-30", "coordinators": []string{u.id("coord")}})
	ids[nameLeaders] = u.createProgram(t, map[string]any{"name": nameLeaders,
		"description": "For new team leads; a coordinator approves each request.", "enrollment_mode": "approval",
		"coordinators": []string{u.id("coord2")}})
	ids[nameLegacy] = u.createProgram(t, map[string]any{"name": nameLegacy, "coordinators": []string{u.id("coord")}})
	ids[nameOffice] = u.createProgram(t, map[string]any{"name": nameOffice, "kind": "office_hours",
		"enrollment_mode": "invite", "matching_mode": "automatic", "check_in_cadence": "none",
		"coordinators": []string{u.id("coord")}})

	// A circles program made with the command, then renamed and given a second
	// coordinator, so its stored name, handle and index entry all changed once.
	reply := u.command(t, "admin", `/mentor program create "`+nameCircleOld+`" --kind circles --cadence weekly --description "Small peer circles"`)
	wantContains(t, "create by command", reply, nameCircleOld)
	reply = u.command(t, "admin", `/mentor program edit peer-buddies --name "`+nameCircleNew+`"`)
	wantContains(t, "rename by command", reply, nameCircleNew)
	ids[nameCircleNew] = u.programID(t, nameCircleNew)
	u.must(t, http.StatusOK, "admin", http.MethodPatch, "/programs/"+ids[nameCircleNew],
		map[string]any{"coordinators": []string{u.id("admin"), u.id("coord")}}, nil)

	// The previous release needs an ASCII letter or digit in a name (for the
	// handle); record what it says to a name without one.
	var refused apiError
	status := u.call(t, "admin", http.MethodPost, "/programs", map[string]any{"team_id": u.env.Team.Id, "name": "日本語メンター"}, &refused)
	t.Logf("previous release, name without ASCII letters: status %d %q", status, refused.Error)

	tech := ids[nameTechnical]
	u.join(t, "ana", tech, map[string]any{"role": "mentee", "goals": "Aprender Go y diseño de APIs"})
	reply = u.command(t, "bob", `/mentor join "`+nameTechnical+`" --role mentor --capacity 3 --goals "Share distributed systems"`)
	wantContains(t, "bob joins by command", reply, nameTechnical)
	u.join(t, "cy", tech, map[string]any{"role": "both", "capacity": 1, "goals": "Mentor one, learn from one"})
	u.join(t, "dee", tech, map[string]any{"role": "mentee"})
	wantContains(t, "dee pauses", u.command(t, "dee", `/mentor pause "`+nameTechnical+`"`), nameTechnical)
	u.join(t, "eve", tech, map[string]any{"role": "mentee", "goals": "Public speaking"})
	wantContains(t, "eve leaves", u.command(t, "eve", `/mentor leave "`+nameTechnical+`"`), nameTechnical)

	leaders := ids[nameLeaders]
	u.join(t, "fay", leaders, map[string]any{"role": "mentee", "goals": "Lead my first team"})
	wantContains(t, "gus asks by command", u.command(t, "gus", `/mentor join leadership-circle --role mentee --goals "Grow as a lead"`), nameLeaders)
	u.must(t, http.StatusOK, "coord2", http.MethodPost, "/programs/"+leaders+"/members/"+u.id("gus")+"/approve", nil, nil)
	u.join(t, "hal", leaders, map[string]any{"role": "mentor", "capacity": 2})
	wantContains(t, "hal declined by command", u.command(t, "coord2", "/mentor decline leadership-circle @hal"), "@hal")

	circles := ids[nameCircleNew]
	u.join(t, "bob", circles, map[string]any{"role": "peer"})
	u.join(t, "dee", circles, map[string]any{"role": "peer", "goals": "Meet people"})
	u.must(t, http.StatusOK, "dee", http.MethodPost, "/programs/"+circles+"/pause", map[string]any{"until": "2099-12-31"}, nil)
	u.command(t, "cy", `/mentor join "`+nameCircleNew+`" --role peer`)

	legacy := ids[nameLegacy]
	u.join(t, "ana", legacy, map[string]any{"role": "mentee"})
	u.join(t, "bob", legacy, map[string]any{"role": "mentor", "capacity": 4})
	wantContains(t, "archive by command", u.command(t, "coord", "/mentor program archive legacy-program-2025"), nameLegacy)

	u.join(t, "coord", ids[nameOffice], map[string]any{"role": "mentor", "capacity": 5, "goals": "Open door on Fridays"})
	return ids
}

// useMigratedData checks that the data written by the previous release keeps
// working: a paused member resumes, a new member and a member who had left join,
// a pending request is approved, names stay unique, and /mentor programs lists
// what it should.
func (u *upgradeEnv) useMigratedData(t *testing.T, ids map[string]string, before *upgradeSnapshot) {
	tech, leaders := ids[nameTechnical], ids[nameLeaders]

	// This release derives handles from letters of every script, so a non-ASCII
	// name's handle changes; the handle people saw before must still work.
	oldHandle := fmt.Sprint(before.programs[tech]["slug"])
	reply := u.command(t, "coord", "/mentor program members "+oldHandle)
	t.Logf("the previous release's handle %q after the upgrade: %s", oldHandle, firstLineOf(reply))
	if !strings.Contains(reply, nameTechnical) || strings.Contains(reply, "There is no program") {
		t.Errorf("the previous release's handle %q no longer names %s: %s", oldHandle, nameTechnical, reply)
	}

	u.command(t, "dee", `/mentor resume "`+nameTechnical+`"`)
	u.join(t, "ivy", tech, map[string]any{"role": "mentee", "goals": "New after the upgrade"})
	u.command(t, "eve", `/mentor join "`+nameTechnical+`" --role mentor --capacity 2`)
	members := u.memberList(t, "coord", tech)
	if got, want := len(members), len(before.members[tech])+1; got != want {
		t.Errorf("%s has %d members after ivy joined, want %d: %+v", nameTechnical, got, want, members)
	}
	wantMember(t, members, u.id("dee"), "mentee", "active")
	wantMember(t, members, u.id("ivy"), "mentee", "active")
	wantMember(t, members, u.id("eve"), "mentor", "active")
	wantMember(t, members, u.id("bob"), "mentor", "active")

	u.command(t, "coord2", "/mentor approve leadership-circle @fay")
	members = u.memberList(t, "coord2", leaders)
	wantMember(t, members, u.id("fay"), "mentee", "active")
	wantMember(t, members, u.id("hal"), "mentor", "declined")
	var fays []struct {
		Program    program    `json:"program"`
		Enrollment enrollment `json:"enrollment"`
	}
	u.must(t, http.StatusOK, "fay", http.MethodGet, "/me/programs", nil, &fays)
	if len(fays) != 1 || fays[0].Program.ID != leaders || fays[0].Enrollment.Status != "active" {
		t.Errorf("fay's programs after approval: %+v", fays)
	}

	// The migrated name index still refuses a taken name and frees a renamed one.
	var conflictErr apiError
	status := u.call(t, "admin", http.MethodPost, "/programs", map[string]any{"team_id": u.env.Team.Id, "name": nameTechnical}, &conflictErr)
	wantStatus(t, "a second "+nameTechnical, status, http.StatusConflict)
	u.createProgram(t, map[string]any{"name": nameCircleOld})

	// The archived program stays closed.
	status = u.call(t, "ivy", http.MethodPost, "/programs/"+ids[nameLegacy]+"/join", map[string]any{"role": "mentee"}, nil)
	if status == http.StatusCreated || status == http.StatusOK {
		t.Errorf("ivy joined the archived %s: status %d", nameLegacy, status)
	}

	list := u.command(t, "ana", "/mentor programs")
	wantContains(t, "/mentor programs", list, nameTechnical, nameLeaders, nameCircleNew, nameOffice, nameCircleOld)
	if strings.Contains(list, nameLegacy) {
		t.Errorf("/mentor programs lists the archived %s:\n%s", nameLegacy, list)
	}
	t.Logf("/mentor programs as ana after the upgrade:\n%s", list)
}

func firstLineOf(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func wantMember(t *testing.T, members []enrollment, userID, role, status string) {
	t.Helper()
	for _, m := range members {
		if m.UserID == userID {
			if m.Role != role || m.Status != status {
				t.Errorf("member %s (%s): role %s status %s, want %s %s", m.Username, userID, m.Role, m.Status, role, status)
			}
			return
		}
	}
	t.Errorf("member %s is missing: %+v", userID, members)
}

func (s *upgradeSnapshot) enrollmentCount() int {
	n := 0
	for _, m := range s.members {
		n += len(m)
	}
	return n
}
