package e2e

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSidebarInChromium loads the plugin's webapp from the real server into
// Chromium and drives it with Playwright (browser/sidebar.cjs).
func TestSidebarInChromium(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatal("Chromium is missing: run ./build/install-deps.sh")
	}
	member, err := env.AddUser("fay", true)
	if err != nil {
		t.Fatal(err)
	}
	open := createProgram(t, "Browser Cohort", map[string]any{"description": "Open to everyone"})
	approval := createProgram(t, "Browser Approval", map[string]any{"enrollment_mode": "approval", "coordinators": []string{user("coord").Id}})

	shots := filepath.Join(outDir, "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	playwright, _ := filepath.Abs("../webapp/node_modules/playwright-core")
	cmd := exec.Command("node", "browser/sidebar.cjs")
	cmd.Env = append(os.Environ(),
		"BASE_URL="+node1().URL, "MEMBER="+member.Username, "COORDINATOR=coord", "PASSWORD="+member.Password,
		"OPEN_PROGRAM="+open.Slug, "APPROVAL_PROGRAM="+approval.Slug, "OUT_DIR="+shots, "PLAYWRIGHT_CORE="+playwright)
	out, err := cmd.CombinedOutput()
	t.Logf("browser output:\n%s", out)
	if err != nil {
		t.Fatalf("browser test failed: %v", err)
	}

	// What the browser did is visible to the server too.
	var members []enrollment
	call(t, "admin", http.MethodGet, "/programs/"+open.ID+"/members", nil, &members)
	if len(members) != 1 || members[0].Username != "fay" || members[0].Role != "mentor" || members[0].Status != "active" {
		t.Fatalf("after the browser join: %+v", members)
	}
	if n := len(postsMentioning(botDM(t, "fay"), "Welcome to "+open.Name)); n != 1 {
		t.Fatalf("%d welcome DMs after the browser join", n)
	}
	for _, name := range []string{"01-loading", "02-error", "03-programs", "04-joined", "07-coordinator", "09-live-update"} {
		if _, err := os.Stat(filepath.Join(shots, name+".png")); err != nil {
			t.Fatalf("screenshot %s missing", name)
		}
	}
	if !strings.Contains(string(out), "browser: 17 passed, 0 failed") {
		t.Fatal("the browser script did not finish all its checks")
	}
}
