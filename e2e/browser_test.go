package e2e

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// TestSidebarInChromium loads the plugin's webapp from the real server into
// Chromium and drives it with Playwright (browser/sidebar.cjs).
func TestSidebarInChromium(t *testing.T) {
	member, err := env.AddUser("fay", true)
	if err != nil {
		t.Fatal(err)
	}
	open := createProgram(t, "Browser Cohort", map[string]any{"description": "Open to everyone"})
	approval := createProgram(t, "Browser Approval", map[string]any{"enrollment_mode": "approval", "coordinators": []string{user("coord").Id}})

	out := runBrowserScript(t, "browser/sidebar.cjs",
		"MEMBER="+member.Username, "COORDINATOR=coord", "OPEN_PROGRAM="+open.Slug, "APPROVAL_PROGRAM="+approval.Slug)

	// What the browser did is visible to the server too.
	members := browserMembers(t, "admin", open.ID)
	if len(members) != 1 || members[0].Username != "fay" || members[0].Role != "mentor" || members[0].Status != "active" {
		t.Fatalf("after the browser join: %+v", members)
	}
	if n := len(postsMentioning(botDM(t, "fay"), "Welcome to "+open.Name)); n != 1 {
		t.Fatalf("%d welcome DMs after the browser join", n)
	}
	wantScreenshots(t, "01-loading", "02-error", "03-programs", "04-joined", "07-coordinator", "09-live-update")
	if !strings.Contains(out, "browser: 19 passed, 0 failed") {
		t.Fatal("the browser script did not finish all its checks")
	}
}

// TestCommandsDialogsAndDMsInChromium drives the host page's command box, dialog,
// bot DM panel and user switch (browser/flows.cjs): a member asks to join an
// approval program through `/mentor join` and its dialog, the coordinator presses
// Approve in the bot's DM, and the member sees the welcome. The server's state
// afterwards must match what the pages showed.
func TestCommandsDialogsAndDMsInChromium(t *testing.T) {
	member, err := env.AddUser("gus", true)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := env.AddUser("hal", true)
	if err != nil {
		t.Fatal(err)
	}
	p := createProgram(t, "Browser Leads", map[string]any{"enrollment_mode": "approval", "coordinators": []string{user("coord").Id}})
	// hal's request is decided through the API: the coordinator's DM must show
	// the decision instead of buttons.
	wantStatus(t, "hal asks", call(t, "hal", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusCreated)
	wantStatus(t, "approve hal", call(t, "coord", http.MethodPost, "/programs/"+p.ID+"/members/"+stale.Id+"/approve", nil, nil), http.StatusOK)

	out := runBrowserScript(t, "browser/flows.cjs", "MEMBER="+member.Username, "STALE_MEMBER="+stale.Username,
		"COORDINATOR=coord", "PROGRAM_ID="+p.ID, "PROGRAM_NAME="+p.Name)

	// The refused "abc" changed nothing: gus has the capacity of the accepted
	// submission and was activated by the button.
	members := browserMembers(t, "coord", p.ID)
	byName := map[string]enrollment{}
	for _, m := range members {
		byName[m.Username] = m
	}
	if gus := byName["gus"]; len(members) != 2 || gus.Role != "mentor" || gus.Capacity != 3 || gus.Status != "active" || byName["hal"].Status != "active" {
		t.Fatalf("after the dialog and the buttons: %+v", members)
	}
	requests := postsMentioning(botDM(t, "coord"), "@gus")
	if len(requests) != 1 || !strings.Contains(requests[0].Message, "@gus was approved") || !strings.Contains(requests[0].Message, p.Name) || len(requests[0].Attachments()) != 0 {
		t.Fatalf("the coordinator's request DM was not replaced by the decision: %+v", requests)
	}
	decided := postsMentioning(botDM(t, "coord"), "@hal")
	if len(decided) != 1 || !strings.Contains(decided[0].Message, "@hal was approved") || len(decided[0].Attachments()) != 0 {
		t.Fatalf("the request decided through the API still has its buttons: %+v", decided)
	}
	for _, name := range []string{"gus", "hal"} {
		if n := len(postsMentioning(botDM(t, name), "Welcome to "+p.Name)); n != 1 {
			t.Fatalf("%s got %d welcome DMs", name, n)
		}
	}
	wantScreenshots(t, "10-command-help", "11-join-dialog", "12-dialog-field-error", "13-join-requested",
		"14-coordinator-request", "15-approved", "16-member-welcome", "17-switched-user")
	if !strings.Contains(out, "flows: 18 passed, 0 failed") {
		t.Fatal("the browser script did not finish all its checks")
	}
}

// TestMatchingInChromium drives the matching flows of the sidebar
// (browser/matching.cjs): a mentee fills in the profile form, requests a
// suggested mentor who accepts from the sidebar; a coordinator previews and
// publishes batch matching and a mentee sees the proposal. The server's records
// must match what the pages showed.
func TestMatchingInChromium(t *testing.T) {
	people := map[string]*harness.User{}
	for _, name := range []string{"webmentee", "webmentor", "webcoord", "webrex", "websam", "webtia", "webpam", "webquin"} {
		u, err := env.AddUser(name, true)
		if err != nil {
			t.Fatal(err)
		}
		people[name] = u
	}
	// Self-serve: the mentor's profile is written before joining, so the
	// program's vocabulary offers its terms in the mentee's form.
	self := createProgram(t, "Browser Self Serve", map[string]any{"matching_mode": "self_serve"})
	browserProfile(t, "webmentor", map[string]any{"skills_offered": []string{"Public speaking", "Go"}, "languages": []string{"English"}})
	browserJoin(t, "webmentor", self.ID, map[string]any{"role": "mentor", "capacity": 2})
	browserJoin(t, "webmentee", self.ID, map[string]any{"role": "mentee"})

	// Batch: two mentors with one place each and three mentees; rex and sam want
	// what pam and quin offer, tia wants nothing, so tia is the one left over.
	batch := createProgram(t, "Browser Batch", map[string]any{"coordinators": []string{people["webcoord"].Id}})
	for name, skill := range map[string]string{"webpam": "Data analysis", "webquin": "Interface design"} {
		browserProfile(t, name, map[string]any{"skills_offered": []string{skill}})
		browserJoin(t, name, batch.ID, map[string]any{"role": "mentor", "capacity": 1})
	}
	for name, skill := range map[string]string{"webrex": "Data analysis", "websam": "Interface design"} {
		browserProfile(t, name, map[string]any{"skills_wanted": []string{skill}})
	}
	for _, name := range []string{"webrex", "websam", "webtia"} {
		browserJoin(t, name, batch.ID, map[string]any{"role": "mentee"})
	}

	pairs := people["webrex"].Id + ":webrex:webpam," + people["websam"].Id + ":websam:webquin"
	out := runBrowserScript(t, "browser/matching.cjs",
		"MENTEE=webmentee", "MENTOR=webmentor", "MENTOR_ID="+people["webmentor"].Id,
		"SELF_PROGRAM="+self.Slug, "SELF_PROGRAM_NAME="+self.Name,
		"COORDINATOR=webcoord", "BATCH_PROGRAM="+batch.Slug, "BATCH_PROGRAM_NAME="+batch.Name,
		"PAIRS="+pairs, "UNMATCHED_ID="+people["webtia"].Id, "WATCHER=webrex", "WATCHER_MENTOR=webpam")

	// The profile form saved what its chips showed.
	var profile struct {
		SkillsWanted []string `json:"skills_wanted"`
		Interests    []string `json:"interests"`
		Languages    []string `json:"languages"`
		Bio          string   `json:"bio"`
	}
	wantStatus(t, "profile", call(t, "webmentee", http.MethodGet, "/profile", nil, &profile), http.StatusOK)
	if fmt.Sprint(profile.SkillsWanted, profile.Interests, profile.Languages) != "[Public speaking Negotiation] [Hiking] [English]" || profile.Bio == "" {
		t.Fatalf("saved profile: %+v", profile)
	}

	// The accepted request is an active match with a private channel of the two.
	mine := browserMatches(t, "webmentee")
	if len(mine) != 1 || mine[0].Status != "active" || mine[0].MentorID != people["webmentor"].Id || mine[0].ChannelID == "" {
		t.Fatalf("the mentee's matches after the browser accepted: %+v", mine)
	}
	wantContains(t, "script output", out, "self-serve match: "+mine[0].ID)
	admin := env.Client(user("admin"), node1())
	for _, name := range []string{"webmentee", "webmentor"} {
		if _, _, err := admin.GetChannelMember(ctx(), mine[0].ChannelID, people[name].Id, ""); err != nil {
			t.Fatalf("%s is not in the pair channel: %v", name, err)
		}
	}

	// Publishing proposed exactly the previewed pairs; rex accepted his.
	for mentee, mentor := range map[string]string{"webrex": "webpam", "websam": "webquin"} {
		got := browserMatches(t, mentee)
		if len(got) != 1 || got[0].Status != "proposed" || got[0].MentorID != people[mentor].Id {
			t.Fatalf("%s after the publish: %+v", mentee, got)
		}
		if _, accepted := got[0].Accepted[people[mentee].Id]; accepted != (mentee == "webrex") {
			t.Fatalf("%s's acceptance: %+v", mentee, got[0].Accepted)
		}
	}
	if got := browserMatches(t, "webtia"); len(got) != 0 {
		t.Fatalf("the unmatched mentee got matches: %+v", got)
	}
	var published struct {
		Status    string `json:"status"`
		Published int    `json:"published"`
	}
	wantStatus(t, "preview", call(t, "webcoord", http.MethodGet, "/programs/"+batch.ID+"/preview", nil, &published), http.StatusOK)
	if published.Status != "published" || published.Published != 2 {
		t.Fatalf("the preview after the browser published it: %+v", published)
	}

	wantScreenshots(t, "18-matches-error", "19-empty", "20-profile-chips", "21-profile-saved", "22-suggestions",
		"23-request-message", "24-request-sent", "25-mentor-request", "26-mentor-matched", "27-mentee-matched-live",
		"28-mentee-before-publish", "29-coordinator-tab", "30-preview", "31-publish-confirm", "32-published", "33-mentee-proposal",
		"34-proposal-accepted")
	if !strings.Contains(out, "matching: 38 passed, 0 failed") {
		t.Fatal("the browser script did not finish all its checks")
	}
}

type browserMatch struct {
	ID        string            `json:"id"`
	MentorID  string            `json:"mentor_id"`
	Status    string            `json:"status"`
	ChannelID string            `json:"channel_id"`
	Accepted  map[string]string `json:"accepted"`
}

// browserMatches are name's matches (GET /matches).
func browserMatches(t *testing.T, name string) []browserMatch {
	t.Helper()
	var list struct {
		Matches []browserMatch `json:"matches"`
	}
	wantStatus(t, "matches of "+name, call(t, name, http.MethodGet, "/matches", nil, &list), http.StatusOK)
	return list.Matches
}

func browserProfile(t *testing.T, name string, fields map[string]any) {
	t.Helper()
	wantStatus(t, "profile of "+name, call(t, name, http.MethodPut, "/profile", fields, nil), http.StatusOK)
}

func browserJoin(t *testing.T, name, programID string, body map[string]any) {
	t.Helper()
	wantStatus(t, name+" joins", call(t, name, http.MethodPost, "/programs/"+programID+"/join", body, nil), http.StatusCreated)
}

// browserMembers is the first page of a program's members, as name sees it.
func browserMembers(t *testing.T, name, programID string) []enrollment {
	t.Helper()
	var page struct {
		Members []enrollment `json:"members"`
	}
	wantStatus(t, "members", call(t, name, http.MethodGet, "/programs/"+programID+"/members", nil, &page), http.StatusOK)
	return page.Members
}

// runBrowserScript runs a Playwright script (browser/*.cjs) against node1 with
// the shared settings plus vars, and returns its output; a failing script fails t.
func runBrowserScript(t *testing.T, script string, vars ...string) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatal("Chromium is missing: run ./build/install-deps.sh")
	}
	shots := filepath.Join(outDir, "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	playwright, _ := filepath.Abs("../webapp/node_modules/playwright-core")
	cmd := exec.Command("node", script)
	cmd.Env = append(append(os.Environ(),
		"BASE_URL="+node1().URL, "PASSWORD="+harness.Password, "OUT_DIR="+shots, "PLAYWRIGHT_CORE="+playwright), vars...)
	out, err := cmd.CombinedOutput()
	t.Logf("browser output:\n%s", out)
	if err != nil {
		t.Fatalf("browser script %s failed: %v", script, err)
	}
	return string(out)
}

func wantScreenshots(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(outDir, "screenshots", name+".png")); err != nil {
			t.Fatalf("screenshot %s missing", name)
		}
	}
}
