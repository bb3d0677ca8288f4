package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The weekly coordinator digest on two real nodes: the program's digest day
// and time are set to today, a few minutes from now in the coordinator's
// zone (India: a half-hour offset from UTC), then moved a minute later.
// The coordinator gets exactly one digest, at the later time: the item of
// the first time finds the settings changed and sends nothing, and however
// many nodes sweep, the week's digest goes once.

// digestBound is how long after its time the digest may take to arrive: a
// sweep (1 s here) and the insight's computation, with room for a busy
// machine. Only a hung test waits this long.
const digestBound = 90 * time.Second

const digestZone = "Asia/Kolkata"

// digestSettingsAt is the settings body that puts the digest at a time (its
// weekday and HH:MM in zone).
func digestSettingsAt(at time.Time, zone string) map[string]any {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	local := at.In(loc)
	return map[string]any{"digest_day": strings.ToLower(local.Weekday().String()[:3]), "digest_time": local.Format("15:04")}
}

// digestsOf keeps the DMs that are this program's weekly digest (their nudge
// key names the program).
func digestsOf(posts []*model.Post, programID string) []*model.Post {
	var out []*model.Post
	for _, p := range posts {
		if key, _ := p.GetProp("mentorship_nudge").(string); strings.HasPrefix(key, "pdigest/"+programID+"/") {
			out = append(out, p)
		}
	}
	return out
}

func TestWeeklyDigestOnTwoNodesArrivesOnceAtTheTimeSet(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	pr := livePair(t, "dig", "Europe/Madrid", "America/Lima")
	setTimeZone(t, pr.coord, digestZone)
	t.Parallel()
	fastSweep(t, nodes...)

	first := minuteAhead(2 * time.Minute)
	second := first.Add(time.Minute)
	var view map[string]any
	path := "/programs/" + pr.program.ID + "/insight-settings"
	wantStatus(t, "set the digest time", callOn(t, nodes[0], pr.coord, http.MethodPut, path, digestSettingsAt(first, digestZone), &view), http.StatusOK)
	// Changed again through the other node before the first time comes.
	wantStatus(t, "move the digest a minute later", callOn(t, nodes[1], pr.coord, http.MethodPut, path, digestSettingsAt(second, digestZone), &view), http.StatusOK)
	if now := time.Now(); !now.Before(first) {
		t.Fatalf("setting the times took until %s, past the first time %s: the test needs more room", now, first)
	}
	t.Logf("digest set for %s, then moved to %s (%s in %s)", first.Format(time.TimeOnly), second.Format(time.TimeOnly), view["digest_time"], digestZone)

	var digest *model.Post
	pollUntil(t, "the coordinator's digest", time.Until(second)+digestBound, func() (bool, string) {
		got := digestsOf(dmPosts(t, pr.coord), pr.program.ID)
		if len(got) > 0 {
			digest = got[0]
		}
		return len(got) > 0, fmt.Sprintf("%d digests", len(got))
	})
	if sent := time.UnixMilli(digest.CreateAt); sent.Before(second) {
		t.Fatalf("the digest came at %s, before the time it was moved to (%s): the first item sent it", sent, second)
	}
	wantContains(t, "digest", digest.Message, "Weekly digest", pr.program.Name, "/mentor insight "+pr.program.Slug)
	t.Logf("the digest, %s after its time:\n%s", time.UnixMilli(digest.CreateAt).Sub(second).Round(time.Millisecond), digest.Message)

	// Past half a minute of one-second sweeps on both nodes (a second item,
	// a retry or the other node would have sent it again by then): still one.
	time.Sleep(time.Until(second.Add(30 * time.Second)))
	if got := digestsOf(dmPosts(t, pr.coord), pr.program.ID); len(got) != 1 {
		t.Fatalf("%d digests, want exactly 1", len(got))
	}
	for _, name := range []string{pr.mentee, pr.mentor} {
		if got := digestsOf(dmPosts(t, name), pr.program.ID); len(got) != 0 {
			t.Fatalf("%s, not a coordinator, got %d digests", name, len(got))
		}
	}
}
