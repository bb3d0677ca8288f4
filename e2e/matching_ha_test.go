package e2e

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// Matching on two nodes sharing one database: each node runs its own plugin
// process against the same KV store, where lost updates, double proposals,
// duplicate channels and double expiries would show.

// haMentees are the mentees the two-node tests share (each test uses its own
// program, so their matches never meet).
var haMentees = numbered("ha-m", 30)

// inParallel runs work(i) for i in [0, n) at once, released together.
func inParallel(n int, work func(i int)) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			work(i)
		}()
	}
	close(start)
	wg.Wait()
}

// statusCounts says how many matches are in each status.
func statusCounts(byStatus map[string][]matchView) string {
	var parts []string
	for status, ms := range byStatus {
		parts = append(parts, fmt.Sprintf("%s %d", status, len(ms)))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// 20 mentees ask one mentor with two places, through both nodes; the mentor
// then accepts all 20 at once through both nodes: two pairs, every other
// request closed with its mentee told why.
func TestMatchFlowHAConcurrentAcceptsRespectCapacity(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	names := haMentees[:20]
	matchPeople(t, append([]string{"ha-mentor-a"}, names...)...)
	p := createProgram(t, "HA capacity", map[string]any{"matching_mode": "self_serve"})
	joinAs(t, node1(), "ha-mentor-a", p.ID, "mentor", 2, "")
	mentor := user("ha-mentor-a").Id

	ids := make([]string, len(names))
	statuses := make([]int, len(names))
	inParallel(len(names), func(i int) {
		node := nodes[i%2]
		if s := callOn(t, node, names[i], http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil); s != http.StatusCreated {
			statuses[i] = s
			return
		}
		var m matchView
		statuses[i] = callOn(t, node, names[i], http.MethodPost, "/programs/"+p.ID+"/requests", map[string]any{"mentor_id": mentor}, &m)
		ids[i] = m.ID
	})
	for i, s := range statuses {
		if s != http.StatusCreated {
			t.Fatalf("%s's join or request answered %d: %v", names[i], s, statuses)
		}
	}

	inParallel(len(ids), func(i int) {
		statuses[i] = callOn(t, nodes[i%2], "ha-mentor-a", http.MethodPost, "/matches/"+ids[i]+"/accept", nil, nil)
	})
	accepted := 0
	for _, s := range statuses {
		switch s {
		case http.StatusOK:
			accepted++
		case http.StatusConflict:
		default:
			t.Fatalf("an accept answered %d: %v", s, statuses)
		}
	}
	if accepted != 2 {
		t.Fatalf("%d accepts succeeded, want exactly the capacity, 2: %v", accepted, statuses)
	}

	byStatus := map[string][]matchView{}
	pollUntil(t, "every request settled", 30*time.Second, func() (bool, string) {
		byStatus = map[string][]matchView{}
		for _, id := range ids {
			m := readMatch(t, "admin", id)
			if len(m.Owed) > 0 {
				return false, fmt.Sprintf("%s still owes %v", m.ID, m.Owed)
			}
			byStatus[m.Status] = append(byStatus[m.Status], m)
		}
		return len(byStatus["active"])+len(byStatus["withdrawn"]) == len(ids), statusCounts(byStatus)
	})
	if len(byStatus["active"]) != 2 || len(byStatus["withdrawn"]) != 18 {
		t.Fatalf("%d active and %d withdrawn, want 2 and 18", len(byStatus["active"]), len(byStatus["withdrawn"]))
	}
	for _, m := range byStatus["active"] {
		checkPairChannel(t, m)
	}
	for _, m := range byStatus["withdrawn"] {
		name := nameOf(m.MenteeID)
		told := containing(aboutMatch(dmPosts(t, name), m.ID), "has no free mentee place left")
		if len(told) != 1 {
			t.Fatalf("%s got %d 'mentor is full' DMs for %s, want 1", name, len(told), m.ID)
		}
	}
	live := 0
	for _, m := range myMatchesIn(t, "ha-mentor-a", p.ID) {
		if m.Status == "active" {
			live++
		}
	}
	if live != 2 {
		t.Fatalf("the mentor has %d active matches, want 2", live)
	}
}

// One preview published from both nodes at once: its proposals are made once
// each, no mentor over capacity, no mentee twice.
func TestMatchFlowHAPublishFromBothNodes(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	names := haMentees[:6]
	matchPeople(t, append([]string{"ha-coord", "ha-mentor-b1", "ha-mentor-b2"}, names...)...)
	p := createProgram(t, "HA publish", map[string]any{"coordinators": []string{user("ha-coord").Id}})
	joinAs(t, node1(), "ha-mentor-b1", p.ID, "mentor", 2, "")
	joinAs(t, node2(t), "ha-mentor-b2", p.ID, "mentor", 2, "")
	for i, name := range names {
		joinAs(t, nodes[i%2], name, p.ID, "mentee", 0, "")
	}
	var pv previewView
	wantStatus(t, "preview", call(t, "ha-coord", http.MethodPost, "/programs/"+p.ID+"/preview", nil, &pv), http.StatusOK)
	if pv.Matched != 4 || pv.Mentees != 6 {
		t.Fatalf("preview %+v: want 4 of 6 matched", pv)
	}

	statuses := make([]int, 6)
	inParallel(len(statuses), func(i int) {
		statuses[i] = callOn(t, nodes[i%2], "ha-coord", http.MethodPost, "/programs/"+p.ID+"/publish", map[string]any{"preview_id": pv.ID}, nil)
	})
	ok := 0
	for _, s := range statuses {
		if s == http.StatusOK {
			ok++
		} else if s != http.StatusConflict {
			t.Fatalf("a publish answered %d: %v", s, statuses)
		}
	}
	if ok == 0 {
		t.Fatalf("no publish succeeded: %v", statuses)
	}
	done := waitPublished(t, p.ID)
	if done.Published != 4 || done.Skipped != 0 {
		t.Fatalf("published %d, skipped %d; want 4 and 0", done.Published, done.Skipped)
	}

	matches := allMatchesOf(t, p.ID)
	if len(matches) != 4 {
		t.Fatalf("%d matches after racing publishes, want 4: %+v", len(matches), matches)
	}
	perMentor, perMentee := map[string]int{}, map[string]int{}
	for _, m := range matches {
		if m.Status != "proposed" {
			t.Fatalf("match %+v: want proposed", m)
		}
		perMentor[m.MentorID]++
		perMentee[m.MenteeID]++
	}
	for id, n := range perMentor {
		if n > 2 {
			t.Fatalf("mentor %s has %d proposals, capacity 2", nameOf(id), n)
		}
	}
	for id, n := range perMentee {
		if n != 1 {
			t.Fatalf("mentee %s has %d proposals", nameOf(id), n)
		}
	}
	for _, m := range matches {
		for _, id := range []string{m.MenteeID, m.MentorID} {
			proposals := aboutMatch(dmPosts(t, nameOf(id)), m.ID)
			if len(proposals) != 1 {
				t.Fatalf("%s got %d proposal DMs for %s, want 1", nameOf(id), len(proposals), m.ID)
			}
		}
	}
	if n := len(containing(dmPosts(t, "ha-coord"), "The preview of **"+p.Name+"** is published")); n != 1 {
		t.Fatalf("the coordinator got %d 'published' DMs, want 1", n)
	}
}

// Both people accept a proposal at the same instant on different nodes: one
// private channel named after the match, one introduction.
func TestMatchFlowHASimultaneousAcceptsMakeOneChannel(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	names := haMentees[6:11]
	matchPeople(t, append([]string{"ha-coord", "ha-mentor-c"}, names...)...)
	p := createProgram(t, "HA channel", map[string]any{"coordinators": []string{user("ha-coord").Id}})
	joinAs(t, node1(), "ha-mentor-c", p.ID, "mentor", len(names), "")
	ids := make([]string, len(names))
	for i, name := range names {
		joinAs(t, node1(), name, p.ID, "mentee", 0, "")
		var m matchView
		wantStatus(t, "pair "+name, call(t, "ha-coord", http.MethodPost, "/programs/"+p.ID+"/pairs",
			map[string]any{"mentee_id": user(name).Id, "mentor_id": user("ha-mentor-c").Id}, &m), http.StatusCreated)
		ids[i] = m.ID
	}

	// Every pair's two answers are released together: the mentee's on one
	// node, the mentor's on the other.
	statuses := make([]int, 2*len(ids))
	inParallel(len(statuses), func(i int) {
		k, who := i/2, names[i/2]
		if i%2 == 1 {
			who = "ha-mentor-c"
		}
		statuses[i] = callOn(t, nodes[(i+k)%2], who, http.MethodPost, "/matches/"+ids[k]+"/accept", nil, nil)
	})
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("answer %d answered %d: %v", i, s, statuses)
		}
	}
	for k, id := range ids {
		var m matchView
		pollUntil(t, "the match active with its channel", 30*time.Second, func() (bool, string) {
			m = readMatch(t, "ha-coord", id)
			return m.Status == "active" && m.ChannelID != "" && len(m.Owed) == 0, fmt.Sprintf("%+v", m)
		})
		ch := checkPairChannel(t, m)
		// No second channel under another name either: the mentee sees one
		// channel of the program's pairs.
		channels, _, err := env.Client(user(names[k]), node1()).GetChannelsForTeamForUser(ctx(), env.Team.Id, user(names[k]).Id, true, "")
		if err != nil {
			t.Fatal(err)
		}
		var pairChannels []string
		for _, c := range channels {
			if c.Purpose == p.Name || strings.HasPrefix(c.DisplayName, p.Name+": ") {
				pairChannels = append(pairChannels, c.Name)
			}
		}
		if len(pairChannels) != 1 || pairChannels[0] != ch.Name {
			t.Fatalf("%s is in pair channels %v, want only %s", names[k], pairChannels, ch.Name)
		}
	}
}

// 30 requests expire on a sweep that runs every second on both nodes: each
// expires once, its mentee is told once and its mentor reminded once.
func TestMatchFlowHAExpiriesRunOnceOnTwoNodes(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	mentors := []string{"ha-mentor-d1", "ha-mentor-d2", "ha-mentor-d3"}
	matchPeople(t, append(mentors, haMentees...)...)
	p := createProgram(t, "HA expiry", map[string]any{"matching_mode": "self_serve"})
	t.Parallel()
	fastSweep(t, nodes...)
	setMatching(t, p.ID, map[string]any{"request_expiry_minutes": 1})
	for _, name := range mentors {
		joinAs(t, node1(), name, p.ID, "mentor", 1, "")
	}
	ids := make([]string, len(haMentees))
	statuses := make([]int, len(haMentees))
	inParallel(len(haMentees), func(i int) {
		node := nodes[i%2]
		if s := callOn(t, node, haMentees[i], http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil); s != http.StatusCreated {
			statuses[i] = s
			return
		}
		var m matchView
		statuses[i] = callOn(t, node, haMentees[i], http.MethodPost, "/programs/"+p.ID+"/requests", map[string]any{"mentor_id": user(mentors[i%3]).Id}, &m)
		ids[i] = m.ID
	})
	for i, s := range statuses {
		if s != http.StatusCreated {
			t.Fatalf("%s's join or request answered %d", haMentees[i], s)
		}
	}

	pollUntil(t, "all 30 requests expired", expiryBound, func() (bool, string) {
		byStatus := map[string][]matchView{}
		for _, id := range ids {
			m := readMatch(t, "admin", id)
			if len(m.Owed) > 0 {
				return false, fmt.Sprintf("%s still owes %v", m.ID, m.Owed)
			}
			byStatus[m.Status] = append(byStatus[m.Status], m)
		}
		return len(byStatus["expired"]) == len(ids), statusCounts(byStatus)
	})
	for i, name := range haMentees {
		if n := len(containing(aboutMatch(dmPosts(t, name), ids[i]), "expired without an answer")); n != 1 {
			t.Fatalf("%s got %d expiry DMs, want 1", name, n)
		}
	}
	for k, mentor := range mentors {
		posts := dmPosts(t, mentor)
		for i := k; i < len(haMentees); i += 3 {
			reminders := containing(posts, "Reminder: @"+haMentees[i]+"'s request to be mentored by you in **"+p.Name+"**")
			if len(reminders) != 1 {
				t.Fatalf("%s got %d reminders about %s, want 1", mentor, len(reminders), haMentees[i])
			}
			requests := aboutMatch(posts, ids[i])
			if len(requests) != 1 || !strings.Contains(requests[0].Message, "Nobody answered in time") {
				t.Fatalf("%s's request DMs about %s: %d, want 1 marked expired", mentor, haMentees[i], len(requests))
			}
		}
	}
}
