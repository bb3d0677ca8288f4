package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// ckiPairs is how many matches start a check-in round at once.
const ckiPairs = 4

type checkInAnswerView struct {
	UserID string `json:"user_id"`
	Answer string `json:"answer"`
	Note   string `json:"note"`
}

type checkInsView struct {
	MatchID string `json:"match_id"`
	Rounds  []struct {
		Round   int                          `json:"round"`
		Due     time.Time                    `json:"due"`
		Answers map[string]checkInAnswerView `json:"answers"`
	} `json:"rounds"`
}

// checkInPrompts are the check-in DMs name got about a match.
func checkInPrompts(t *testing.T, name, matchID string) []*model.Post {
	t.Helper()
	return containing(aboutMatch(dmPosts(t, name), matchID), "How is it going with")
}

// strugglingAlerts are the coordinator's "is struggling" DMs about a match.
func strugglingAlerts(t *testing.T, coord, matchID string) []*model.Post {
	t.Helper()
	return containing(aboutMatch(dmPosts(t, coord), matchID), "is struggling")
}

func readCheckIns(t *testing.T, name, matchID string) checkInsView {
	t.Helper()
	var v checkInsView
	wantStatus(t, "GET checkins as "+name, call(t, name, http.MethodGet, "/matches/"+matchID+"/checkins", nil, &v), http.StatusOK)
	return v
}

// Rounds started now for several matches, on two nodes that both sweep: each
// side gets one check-in DM per round; "struggling" pressed through
// Mattermost's post-action endpoint reaches the coordinator once, is stored
// for the author and the coordinator only, and the next round waits a week.
func TestCheckInsOnTwoNodesOncePerRound(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	coord := "cki-coord"
	mentees, mentors := numbered("cki-e", ckiPairs), numbered("cki-o", ckiPairs)
	matchPeople(t, append(append([]string{coord}, mentees...), mentors...)...)
	p := createProgram(t, "HA check-ins", map[string]any{"coordinators": []string{user(coord).Id}, "check_in_cadence": "weekly"})
	for i := range mentees {
		joinAs(t, nodes[i%2], mentors[i], p.ID, "mentor", 1, "")
		joinAs(t, nodes[(i+1)%2], mentees[i], p.ID, "mentee", 0, "")
	}
	matches := make([]matchView, ckiPairs)
	for i := range matches {
		matches[i] = activePair(t, p.ID, coord, mentees[i], mentors[i])
	}
	t.Parallel()
	fastSweep(t, nodes...)

	// Start every match's round at once, half of them on each node, by the
	// coordinator or by one of the pair.
	started := time.Now().UTC()
	statuses, rounds := make([]int, ckiPairs), make([]int, ckiPairs)
	inParallel(ckiPairs, func(i int) {
		starter := []string{coord, mentees[i], mentors[i]}[i%3]
		var body struct {
			Round int `json:"round"`
		}
		statuses[i] = callOn(t, nodes[i%2], starter, http.MethodPost, "/matches/"+matches[i].ID+"/checkins/round", nil, &body)
		rounds[i] = body.Round
	})
	for i := range statuses {
		if statuses[i] != http.StatusCreated || rounds[i] != 1 {
			t.Fatalf("round of match %d: status %d round %d", i, statuses[i], rounds[i])
		}
	}
	var e apiError
	wantStatus(t, "a second round within a minute", callOn(t, nodes[1], mentees[0], http.MethodPost,
		"/matches/"+matches[0].ID+"/checkins/round", nil, &e), http.StatusConflict)

	pollUntil(t, "both sides of every match asked", 60*time.Second, func() (bool, string) {
		asked := 0
		for i, m := range matches {
			for _, name := range []string{mentees[i], mentors[i]} {
				if len(checkInPrompts(t, name, m.ID)) > 0 {
					asked++
				}
			}
		}
		return asked == 2*ckiPairs, fmt.Sprintf("%d of %d asked", asked, 2*ckiPairs)
	})
	// Several more sweeps of both nodes: a duplicate would have been sent by now.
	time.Sleep(5 * time.Second)
	for i, m := range matches {
		for _, name := range []string{mentees[i], mentors[i]} {
			if n := len(checkInPrompts(t, name, m.ID)); n != 1 {
				t.Fatalf("%s got %d check-in DMs about match %d", name, n, i)
			}
		}
	}
	prompt := checkInPrompts(t, mentees[0], matches[0].ID)[0]
	wantContains(t, "the prompt", postText(prompt), "@"+mentors[0], "does not")
	if got := buttons(prompt); strings.Join(got, ",") != "great,fine,struggling" {
		t.Fatalf("prompt buttons %v", got)
	}

	// "Struggling", pressed on node2 through Mattermost's post-action endpoint.
	pressed := time.Now()
	if _, err := pressAs(nodes[1], mentees[0], prompt.Id, "struggling"); err != nil {
		t.Fatalf("press struggling: %v", err)
	}
	pollUntil(t, "the coordinator told", 20*time.Second, func() (bool, string) {
		n := len(strugglingAlerts(t, coord, matches[0].ID))
		return n >= 1, fmt.Sprintf("%d alerts", n)
	})
	alert := strugglingAlerts(t, coord, matches[0].ID)[0]
	wantContains(t, "the alert", postText(alert), "@"+mentees[0]+" is struggling", "@"+mentors[0])
	updated, _, err := env.Client(user(mentees[0]), node1()).GetPost(ctx(), prompt.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, "the answered prompt", postText(updated), "Struggling")
	if got := buttons(updated); strings.Join(got, ",") != "great,fine,struggling,note" {
		t.Fatalf("answered prompt buttons %v", got)
	}
	// Changing the answer and back in the same round tells nobody again.
	for _, answer := range []string{"fine", "struggling"} {
		if _, err := pressAs(nodes[0], mentees[0], prompt.Id, answer); err != nil {
			t.Fatalf("press %s: %v", answer, err)
		}
	}

	// Stored for the author and the coordinator, not the partner.
	mentee0, mentor0 := user(mentees[0]).Id, user(mentors[0]).Id
	if v := readCheckIns(t, mentees[0], matches[0].ID); len(v.Rounds) != 1 || v.Rounds[0].Answers[mentee0].Answer != "struggling" {
		t.Fatalf("the mentee's own check-ins: %+v", v)
	}
	if v := readCheckIns(t, mentors[0], matches[0].ID); len(v.Rounds) != 1 || len(v.Rounds[0].Answers) != 0 {
		t.Fatalf("the partner sees %+v", v.Rounds)
	}
	var answer struct {
		Answers map[string]checkInAnswerView `json:"answers"`
	}
	wantStatus(t, "the mentor answers over REST", call(t, mentors[0], http.MethodPost, "/matches/"+matches[0].ID+"/checkins",
		map[string]any{"answer": "great", "note": "steady"}, &answer), http.StatusOK)
	if v := readCheckIns(t, coord, matches[0].ID); len(v.Rounds[0].Answers) != 2 || v.Rounds[0].Answers[mentor0].Note != "steady" {
		t.Fatalf("the coordinator sees %+v", v.Rounds)
	}
	wantStatus(t, "another pair's check-ins", call(t, mentees[1], http.MethodGet, "/matches/"+matches[0].ID+"/checkins", nil, nil), http.StatusNotFound)

	// The next round is on the scheduler a week after this one, at the
	// program's weekly cadence: read from the due-work rows in PostgreSQL.
	for _, m := range matches {
		next := nextRoundDue(t, m.ID, 2)
		if next.Before(started.AddDate(0, 0, 7).Add(-time.Minute)) || next.After(time.Now().AddDate(0, 0, 7).Add(time.Minute)) {
			t.Fatalf("round 2 of %s due %s; round 1 began at %s", m.ID, next, started)
		}
	}

	// The safety net of the struggling answer runs a minute later, on either
	// node: still exactly one alert.
	time.Sleep(time.Until(pressed.Add(70 * time.Second)))
	if n := len(strugglingAlerts(t, coord, matches[0].ID)); n != 1 {
		t.Fatalf("the coordinator got %d alerts", n)
	}
	for i := 1; i < ckiPairs; i++ {
		if n := len(strugglingAlerts(t, coord, matches[i].ID)); n != 0 {
			t.Fatalf("%d alerts about match %d, where nobody struggles", n, i)
		}
	}
}

// nextRoundDue finds the check-in round item of a match in the due-work
// shards (v1/due/<minute>/<shard>) and returns when it is due.
func nextRoundDue(t *testing.T, matchID string, round int) time.Time {
	t.Helper()
	id := fmt.Sprintf("checkin.round/%s/%d", matchID, round)
	out, err := benchseed.Psql(env, "-c", fmt.Sprintf(
		"SELECT convert_from(pvalue, 'UTF8') FROM pluginkeyvaluestore WHERE pluginid = '%s' AND pkey LIKE 'v1/due/%%/%%' AND position(convert_to('%s', 'UTF8') in pvalue) > 0",
		harness.PluginID, id))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(out, "\n") {
		var shard struct {
			Items map[string]struct {
				Kind  string    `json:"kind"`
				DueAt time.Time `json:"due_at"`
			} `json:"items"`
		}
		if json.Unmarshal([]byte(line), &shard) != nil {
			continue
		}
		if it, ok := shard.Items[id]; ok && it.Kind == "checkin.round" {
			return it.DueAt
		}
	}
	t.Fatalf("no due item %s", id)
	return time.Time{}
}

type feedbackItemView struct {
	Kind     string `json:"kind"`
	AuthorID string `json:"author_id"`
	Rating   int    `json:"rating"`
	Text     string `json:"text"`
	Shared   bool   `json:"shared"`
}

// An exit survey kept private is read by its author and the coordinator; a
// shared one by the partner too; nobody else reads either.
func TestFeedbackPrivacyOfExitSurveys(t *testing.T) {
	coord, mentee, mentor, other := "ckf-coord", "ckf-mentee", "ckf-mentor", "ckf-other"
	matchPeople(t, coord, mentee, mentor, other)
	p := createProgram(t, "Feedback privacy", map[string]any{"coordinators": []string{user(coord).Id}})
	joinAs(t, node1(), mentor, p.ID, "mentor", 2, "")
	joinAs(t, node1(), mentee, p.ID, "mentee", 0, "")
	joinAs(t, node1(), other, p.ID, "mentee", 0, "")
	m := activePair(t, p.ID, coord, mentee, mentor)
	t.Parallel()

	wantStatus(t, "end the match", call(t, mentee, http.MethodPost, "/matches/"+m.ID+"/end", map[string]any{"outcome": "completed"}, nil), http.StatusOK)
	wantStatus(t, "the mentee's private survey", call(t, mentee, http.MethodPost, "/matches/"+m.ID+"/survey",
		map[string]any{"rating": 4, "text": "private words"}, nil), http.StatusOK)
	wantStatus(t, "the mentor's shared survey", call(t, mentor, http.MethodPost, "/matches/"+m.ID+"/survey",
		map[string]any{"rating": 5, "text": "shared words", "shared": true}, nil), http.StatusOK)

	read := func(name string) []string {
		var v struct {
			Items []feedbackItemView `json:"items"`
		}
		wantStatus(t, "GET feedback as "+name, call(t, name, http.MethodGet, "/matches/"+m.ID+"/feedback", nil, &v), http.StatusOK)
		var out []string
		for _, it := range v.Items {
			who := map[string]string{user(mentee).Id: "mentee", user(mentor).Id: "mentor"}[it.AuthorID]
			out = append(out, fmt.Sprintf("%s/%s/%d/%s/%v", it.Kind, who, it.Rating, it.Text, it.Shared))
		}
		return out
	}
	private, shared := "exit/mentee/4/private words/false", "exit/mentor/5/shared words/true"
	for name, want := range map[string][]string{mentee: {private, shared}, mentor: {shared}, coord: {private, shared}, "admin": {private, shared}} {
		got := read(name)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%s reads %v, want %v", name, got, want)
		}
	}
	wantStatus(t, "another member reads it", call(t, other, http.MethodGet, "/matches/"+m.ID+"/feedback", nil, nil), http.StatusNotFound)
	// The match's own view keeps hiding the other side's survey from the pair.
	status, raw, err := env.Plugin(user(mentor), node1(), http.MethodGet, "/matches/"+m.ID, nil)
	if err != nil || status != http.StatusOK {
		t.Fatalf("GET the match as the mentor: %d %v", status, err)
	}
	if strings.Contains(string(raw), "private words") {
		t.Fatalf("the mentor's view of the match carries the mentee's private survey: %s", raw)
	}
}
