package e2e

import (
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
	var members []enrollment
	call(t, "admin", http.MethodGet, "/programs/"+open.ID+"/members", nil, &members)
	if len(members) != 1 || members[0].Username != "fay" || members[0].Role != "mentor" || members[0].Status != "active" {
		t.Fatalf("after the browser join: %+v", members)
	}
	if n := len(postsMentioning(botDM(t, "fay"), "Welcome to "+open.Name)); n != 1 {
		t.Fatalf("%d welcome DMs after the browser join", n)
	}
	wantScreenshots(t, "01-loading", "02-error", "03-programs", "04-joined", "07-coordinator", "09-live-update")
	if !strings.Contains(out, "browser: 17 passed, 0 failed") {
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
	var members []enrollment
	call(t, "coord", http.MethodGet, "/programs/"+p.ID+"/members", nil, &members)
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
