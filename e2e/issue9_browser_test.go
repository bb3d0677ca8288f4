package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestIssue9InChromium drives the issue 9 parts of the sidebar in Chromium
// (browser/issue9.cjs) on a program seeded through REST with real activity: a
// meeting both sides marked attended and rated 1, two goals at different
// progress, and a check-in round answered "struggling" by the mentee and
// "great" by the mentor. In the browser the mentee adds a goal and ticks a
// milestone (the bar moves); the coordinator opens the insight (three charts
// with bars drawn from that data, the at-risk reasons in words, a nudge and
// its "nudged already"), downloads a CSV, and adds, finds, shares and opens a
// resource. Screenshots: goals.png, insight-charts.png, resources.png.
func TestIssue9InChromium(t *testing.T) {
	pr := livePair(t, "nine", "Europe/Madrid", "America/New_York")

	// A meeting at the next whole minute; the rest is seeded while it comes.
	start := minuteAhead(5 * time.Second)
	session := schedule(t, node1(), pr.mentee, map[string]any{"match_id": pr.match.ID, "start": start.Format(time.RFC3339),
		"duration_minutes": 5, "title": "Kick-off"})
	var e apiError
	for _, g := range []map[string]any{
		{"title": "Read three books on leadership", "progress": 70},
		{"title": "Ship a side project", "progress": 10},
	} {
		wantStatus(t, "seed goal", call(t, pr.mentee, http.MethodPost, "/matches/"+pr.match.ID+"/goals", g, &e), http.StatusCreated)
	}
	answerCheckIn(t, pr) // "struggling", as the mentee
	wantStatus(t, "the mentor's check-in", call(t, pr.mentor, http.MethodPost, "/matches/"+pr.match.ID+"/checkins",
		map[string]any{"answer": "great"}, &e), http.StatusOK)
	if wait := time.Until(start.Add(time.Second)); wait > 0 {
		time.Sleep(wait)
	}
	occurrence := start.Format(time.RFC3339)
	for _, name := range []string{pr.mentee, pr.mentor} {
		wantStatus(t, name+" attended", call(t, name, http.MethodPost, "/sessions/"+session.ID+"/attendance",
			map[string]any{"occurrence": occurrence, "status": "attended"}, &e), http.StatusOK)
	}
	wantStatus(t, "session feedback", call(t, pr.mentee, http.MethodPost, "/sessions/"+session.ID+"/feedback",
		map[string]any{"occurrence": occurrence, "rating": 1, "text": "we did not connect"}, &e), http.StatusOK)

	out := runBrowserScript(t, "browser/issue9.cjs", "MENTEE="+pr.mentee, "MENTOR="+pr.mentor, "COORD="+pr.coord,
		"MATCH_ID="+pr.match.ID, "PROGRAM_ID="+pr.program.ID, "PROGRAM_SLUG="+pr.program.Slug)
	if !strings.Contains(out, "issue9: ") || strings.Contains(out, "check failed") {
		t.Fatal(out)
	}
	wantScreenshots(t, "goals", "insight-charts", "resources")

	// The share the coordinator made in the browser reached the mentee as a resource card.
	shared := false
	for _, p := range botDM(t, pr.mentee) {
		shared = shared || p.GetProp("resource_id") != nil
	}
	if !shared {
		t.Fatal("the shared resource did not reach the mentee's DM")
	}
}
