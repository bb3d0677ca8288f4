package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// haSessions is how many sessions start in the same minute.
const haSessions = 20

// 20 sessions of 20 pairs start in the same minute; both nodes sweep every
// second: every participant gets exactly one reminder per session.
func TestSessionRemindersOnTwoNodesExactlyOnce(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	mentees, mentors := numbered("sha-e", haSessions), numbered("sha-o", haSessions)
	matchPeople(t, append(append([]string{"sha-coord"}, mentees...), mentors...)...)
	p := createProgram(t, "HA reminders", map[string]any{"coordinators": []string{user("sha-coord").Id}})
	matches := make([]matchView, haSessions)
	for i := range mentees {
		joinAs(t, nodes[i%2], mentors[i], p.ID, "mentor", 1, "")
		joinAs(t, nodes[(i+1)%2], mentees[i], p.ID, "mentee", 0, "")
	}
	for i := range matches {
		matches[i] = activePair(t, p.ID, "sha-coord", mentees[i], mentors[i])
	}
	t.Parallel()
	fastNudges(t, nodes...)
	lead := 0
	for _, name := range append(append([]string{}, mentees...), mentors...) {
		l := shortLead(t, name)
		if lead != 0 && l != lead {
			t.Fatalf("leads %d and %d", lead, l)
		}
		lead = l
	}

	start := minuteAhead(time.Duration(lead)*time.Minute + 75*time.Second)
	ids := make([]string, haSessions)
	statuses := make([]int, haSessions)
	inParallel(haSessions, func(i int) {
		var v sessionView
		statuses[i] = callOn(t, nodes[i%2], mentees[i], http.MethodPost, "/sessions",
			map[string]any{"match_id": matches[i].ID, "start": start.Format(time.RFC3339), "duration_minutes": 30}, &v)
		ids[i] = v.ID
	})
	for i, s := range statuses {
		if s != http.StatusCreated {
			t.Fatalf("session %d answered %d: %v", i, s, statuses)
		}
	}
	if scheduled := time.Now(); !scheduled.Before(start.Add(-time.Duration(lead) * time.Minute)) {
		t.Fatalf("scheduling took until %s, past the reminders' time %s: the test needs more room", scheduled, start.Add(-time.Duration(lead)*time.Minute))
	}
	t.Logf("%d sessions at %s, lead %d minute(s)", haSessions, start.Format(time.TimeOnly), lead)

	// counts[i][name] is how many reminders name has about session i.
	count := func() ([]map[string]int, int) {
		counts, total := make([]map[string]int, haSessions), 0
		for i := range ids {
			counts[i] = map[string]int{}
			for _, name := range []string{mentees[i], mentors[i]} {
				counts[i][name] = len(nudgesOf(dmPosts(t, name), ids[i], "remind"))
				if counts[i][name] > 0 {
					total++
				}
			}
		}
		return counts, total
	}
	pollUntil(t, "every participant reminded", time.Until(start)+nudgeBound, func() (bool, string) {
		_, total := count()
		return total == 2*haSessions, fmt.Sprintf("%d of %d reminded", total, 2*haSessions)
	})
	// Wait past the start (a second sweep on either node would have sent a
	// duplicate by then), then count each DM.
	for time.Now().Before(start.Add(5 * time.Second)) {
		time.Sleep(time.Second)
	}
	counts, _ := count()
	for i := range ids {
		for name, n := range counts[i] {
			if n != 1 {
				t.Fatalf("%s got %d reminders about session %d (%s), want 1", name, n, i, ids[i])
			}
			for _, post := range nudgesOf(dmPosts(t, name), ids[i], "remind") {
				if !time.UnixMilli(post.CreateAt).Before(start) {
					t.Fatalf("%s's reminder about session %d came at %s, not before the start", name, i, time.UnixMilli(post.CreateAt))
				}
			}
		}
	}
}
