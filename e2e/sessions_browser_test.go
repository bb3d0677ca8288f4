package e2e

import (
	"strings"
	"testing"
)

// TestSessionsInChromium drives the sessions parts of the sidebar in Chromium
// (browser/sessions.cjs): scheduling with a bad and a good phrase, each
// person's time zone, confirm, a proposal taken live, the calendar feed URL
// (served, then revoked), reminder preferences, and office hours published,
// booked, and refused to a second member with the next free slots.
func TestSessionsInChromium(t *testing.T) {
	pr := livePair(t, "wsx", "Asia/Tokyo", "America/New_York")
	oh := createProgram(t, "Hours wsx", map[string]any{"kind": "office_hours"})
	joinAs(t, node1(), pr.mentor, oh.ID, "mentor", 3, "")
	joinAs(t, node1(), pr.mentee, oh.ID, "mentee", 0, "")
	joinAs(t, node1(), pr.coord, oh.ID, "mentee", 0, "")
	setTimeZone(t, pr.coord, "Europe/Madrid")
	out := runBrowserScript(t, "browser/sessions.cjs", "MENTEE="+pr.mentee, "MENTOR="+pr.mentor, "MATCH_ID="+pr.match.ID,
		"COORD="+pr.coord, "OH="+oh.ID)
	if !strings.Contains(out, "sessions: ") || strings.Contains(out, "check failed") {
		t.Fatal(out)
	}
}
