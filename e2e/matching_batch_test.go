package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// waitPublished polls the latest preview until its publishing is done.
func waitPublished(t *testing.T, programID string) previewView {
	t.Helper()
	var pv previewView
	pollUntil(t, "the preview published", 30*time.Second, func() (bool, string) {
		pv = previewView{}
		call(t, "admin", http.MethodGet, "/programs/"+programID+"/preview", nil, &pv)
		return pv.Status == "published", fmt.Sprintf("%+v", pv)
	})
	return pv
}

// proposalPost waits for name's proposal DM of the match and checks its buttons.
func proposalPost(t *testing.T, name, matchID string) *model.Post {
	t.Helper()
	var posts []*model.Post
	pollUntil(t, name+"'s proposal DM", 20*time.Second, func() (bool, string) {
		posts = aboutMatch(dmPosts(t, name), matchID)
		return len(posts) >= 1, fmt.Sprintf("%d DMs", len(posts))
	})
	if len(posts) != 1 {
		t.Fatalf("%s got %d proposal DMs for %s, want 1", name, len(posts), matchID)
	}
	if b := buttons(posts[0]); len(b) != 2 || b[0] != "accept" || b[1] != "decline" {
		t.Fatalf("%s's proposal DM buttons %v", name, b)
	}
	return posts[0]
}

func TestMatchFlowCoordinatorPreviewPublishAccept(t *testing.T) {
	matchPeople(t, "bt-coord", "bt-mentor1", "bt-mentor2", "bt-mentee1", "bt-mentee2", "bt-mentee3", "bt-late")
	p := createProgram(t, "Batch", map[string]any{"coordinators": []string{user("bt-coord").Id}})
	saveProfile(t, "bt-mentor1", map[string]any{"skills_offered": []string{"Kubernetes"}})
	saveProfile(t, "bt-mentor2", map[string]any{"skills_offered": []string{"Design"}})
	saveProfile(t, "bt-mentee1", map[string]any{"skills_wanted": []string{"kubernetes"}})
	saveProfile(t, "bt-mentee2", map[string]any{"skills_wanted": []string{"design"}})
	saveProfile(t, "bt-mentee3", map[string]any{"skills_wanted": []string{"design"}})
	joinAs(t, node1(), "bt-mentor1", p.ID, "mentor", 1, "")
	joinAs(t, node1(), "bt-mentor2", p.ID, "mentor", 1, "")
	for _, name := range []string{"bt-mentee1", "bt-mentee2", "bt-mentee3"} {
		joinAs(t, node1(), name, p.ID, "mentee", 0, "")
	}

	reply := command(t, "bt-coord", "/mentor match preview "+p.Slug)
	wantContains(t, "/mentor match preview", reply, "Matching preview of "+p.Name, "**Coverage:** 2 of 3 waiting mentees matched",
		"@bt-mentee1", "@bt-mentor1", "@bt-mentor2", "Unmatched, and why", "/mentor match publish "+p.Slug)
	wantContains(t, "member previews", command(t, "bt-mentee1", "/mentor match preview "+p.Slug), "Only the coordinators")

	var pv previewView
	wantStatus(t, "REST preview", call(t, "bt-coord", http.MethodPost, "/programs/"+p.ID+"/preview", map[string]any{}, &pv), http.StatusOK)
	if pv.Mentees != 3 || pv.Matched != 2 || len(pv.Pairs) != 2 || len(pv.Unmatched) != 1 || pv.Status != "ready" || pv.Stale {
		t.Fatalf("preview %+v: want 2 of 3 matched, one unmatched, ready", pv)
	}
	pairOf := map[string]string{}
	for _, pair := range pv.Pairs {
		pairOf[pair.MenteeID] = pair.MentorID
	}
	if pairOf[user("bt-mentee1").Id] != user("bt-mentor1").Id || pairOf[user("bt-mentee2").Id] == "" && pairOf[user("bt-mentee3").Id] == "" {
		t.Fatalf("preview pairs %+v: want mentee1 with mentor1 and one design mentee with mentor2", pv.Pairs)
	}
	for _, pair := range pv.Pairs {
		if !hasReason(pair.Reasons, "skill", "kubernetes") && !hasReason(pair.Reasons, "skill", "design") {
			t.Fatalf("preview pair %+v does not give its skill as a reason", pair)
		}
	}
	if u := pv.Unmatched[0]; u.Reason == "" || pairOf[u.UserID] != "" {
		t.Fatalf("unmatched %+v: want a paired-off design mentee with a reason", u)
	}
	wantStatus(t, "member previews (REST)", call(t, "bt-mentee1", http.MethodPost, "/programs/"+p.ID+"/preview", map[string]any{}, nil), http.StatusForbidden)

	// Someone joins after the preview: publishing it is refused as stale.
	joinAs(t, node1(), "bt-late", p.ID, "mentee", 0, "")
	var e apiError
	wantStatus(t, "publish a stale preview", call(t, "bt-coord", http.MethodPost, "/programs/"+p.ID+"/publish", map[string]any{"preview_id": pv.ID}, &e), http.StatusConflict)
	if e.Field != "roster_version" {
		t.Fatalf("stale publish error %+v, want field roster_version", e)
	}
	var stale previewView
	call(t, "bt-coord", http.MethodGet, "/programs/"+p.ID+"/preview", nil, &stale)
	if !stale.Stale || stale.Status != "ready" {
		t.Fatalf("the refused preview %+v: want stale and still ready", stale)
	}
	if got := allMatchesOf(t, p.ID); len(got) != 0 {
		t.Fatalf("a stale publish made matches: %+v", got)
	}

	wantStatus(t, "fresh preview", call(t, "bt-coord", http.MethodPost, "/programs/"+p.ID+"/preview", nil, &pv), http.StatusOK)
	if pv.Mentees != 4 || pv.Matched != 2 {
		t.Fatalf("fresh preview %+v: want 2 of 4", pv)
	}
	wantStatus(t, "publish", call(t, "bt-coord", http.MethodPost, "/programs/"+p.ID+"/publish", map[string]any{"preview_id": pv.ID}, nil), http.StatusOK)
	done := waitPublished(t, p.ID)
	if done.Published != 2 || done.Skipped != 0 {
		t.Fatalf("published preview %+v: want 2 published", done)
	}
	e = apiError{}
	wantStatus(t, "publish twice", call(t, "bt-coord", http.MethodPost, "/programs/"+p.ID+"/publish", map[string]any{"preview_id": pv.ID}, &e), http.StatusConflict)
	wantContains(t, "publish twice (REST)", e.Error, "already published")
	wantContains(t, "/mentor match publish twice", command(t, "bt-coord", "/mentor match publish "+p.Slug), "already published")

	matches := allMatchesOf(t, p.ID)
	if len(matches) != 2 {
		t.Fatalf("%d matches after publishing, want 2: %+v", len(matches), matches)
	}
	for _, m := range matches {
		if m.Status != "proposed" || m.Origin != "batch" || pairOf[m.MenteeID] != m.MentorID {
			t.Fatalf("published match %+v: want a batch proposal of a previewed pair", m)
		}
	}
	published := containing(dmPosts(t, "bt-coord"), "The preview of **"+p.Name+"** is published")
	if len(published) != 1 {
		t.Fatalf("the coordinator got %d 'published' DMs, want 1", len(published))
	}

	for _, other := range matches[1:] {
		proposalPost(t, nameOf(other.MenteeID), other.ID)
		proposalPost(t, nameOf(other.MentorID), other.ID)
	}
	m := matches[0]
	mentee, mentor := nameOf(m.MenteeID), nameOf(m.MentorID)
	menteePost := proposalPost(t, mentee, m.ID)
	mentorPost := proposalPost(t, mentor, m.ID)
	wantContains(t, "mentee's proposal", postText(menteePost), "A mentor for you in "+p.Name, "Why this pair")
	wantContains(t, "mentor's proposal", postText(mentorPost), "A mentee for you in "+p.Name, "Why this pair")

	if _, err := pressAs(node1(), mentee, menteePost.Id, "accept"); err != nil {
		t.Fatalf("mentee accepts: %v", err)
	}
	if got := readMatch(t, mentee, m.ID); got.Status != "proposed" || len(got.Accepted) != 1 {
		t.Fatalf("after one yes: %+v", got)
	}
	wantStatus(t, "mentee accepts twice", call(t, mentee, http.MethodPost, "/matches/"+m.ID+"/accept", nil, nil), http.StatusConflict)
	if _, err := pressAs(node1(), mentor, mentorPost.Id, "accept"); err != nil {
		t.Fatalf("mentor accepts: %v", err)
	}
	var active matchView
	pollUntil(t, "the proposal active with its channel", 20*time.Second, func() (bool, string) {
		active = readMatch(t, mentor, m.ID)
		return active.Status == "active" && active.ChannelID != "" && len(active.Owed) == 0, fmt.Sprintf("%+v", active)
	})
	checkPairChannel(t, active)
	for _, post := range []*model.Post{menteePost, mentorPost} {
		updated, _, err := env.Client(user("admin"), node1()).GetPost(ctx(), post.Id, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(buttons(updated)) != 0 || !strings.Contains(updated.Message, "are now a pair") {
			t.Fatalf("proposal DM after both accepted: %q %v", updated.Message, buttons(updated))
		}
	}
}

// nameOf returns the username of a seeded user id.
func nameOf(id string) string {
	usersMu.Lock()
	defer usersMu.Unlock()
	for name, u := range env.Users {
		if u.Id == id {
			return name
		}
	}
	return id
}

// activePair makes an active match of mentee and mentor in the program: a
// coordinator pairs them by hand and both accept through REST.
func activePair(t *testing.T, programID, coordinator, mentee, mentor string) matchView {
	t.Helper()
	var m matchView
	var e apiError
	if s := call(t, coordinator, http.MethodPost, "/programs/"+programID+"/pairs", map[string]any{"mentee_id": user(mentee).Id, "mentor_id": user(mentor).Id}, &m); s != http.StatusCreated {
		t.Fatalf("pair %s with %s: status %d %+v", mentee, mentor, s, e)
	}
	wantStatus(t, "mentee accepts", call(t, mentee, http.MethodPost, "/matches/"+m.ID+"/accept", nil, nil), http.StatusOK)
	wantStatus(t, "mentor accepts", call(t, mentor, http.MethodPost, "/matches/"+m.ID+"/accept", nil, nil), http.StatusOK)
	pollUntil(t, "the pair active with its channel", 20*time.Second, func() (bool, string) {
		m = readMatch(t, mentee, m.ID)
		return m.Status == "active" && m.ChannelID != "" && len(m.Owed) == 0, fmt.Sprintf("%+v", m)
	})
	return m
}

// checkEnded checks that both people got the exit survey DM of an ended match
// and that its channel was archived.
func checkEnded(t *testing.T, m matchView, mentee, mentor, says string) {
	t.Helper()
	for _, name := range []string{mentee, mentor} {
		var ended []*model.Post
		pollUntil(t, name+"'s exit survey DM", 20*time.Second, func() (bool, string) {
			ended = containing(aboutMatch(dmPosts(t, name), m.ID), "How did it go?")
			return len(ended) >= 1, fmt.Sprintf("%d survey DMs", len(ended))
		})
		if len(ended) != 1 {
			t.Fatalf("%s got %d exit survey DMs, want 1", name, len(ended))
		}
		wantContains(t, name+"'s exit survey DM", postText(ended[0]), says)
		want := []string{"survey"}
		if name == mentee {
			want = append(want, "rematch")
		}
		if got := buttons(ended[0]); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("%s's exit survey buttons %v, want %v", name, got, want)
		}
	}
	pollUntil(t, "the pair channel archived", 20*time.Second, func() (bool, string) {
		ch, _ := pairChannel(t, m.ID)
		return ch.DeleteAt != 0, "channel still open"
	})
}

func TestMatchFlowEndSurveyAndArchive(t *testing.T) {
	matchPeople(t, "end-coord", "end-mentor", "end-mentee1", "end-mentee2")
	p := createProgram(t, "Ending", map[string]any{"coordinators": []string{user("end-coord").Id}})
	setMatching(t, p.ID, map[string]any{"retention": "archive"})
	joinAs(t, node1(), "end-mentor", p.ID, "mentor", 2, "")
	joinAs(t, node1(), "end-mentee1", p.ID, "mentee", 0, "")
	joinAs(t, node1(), "end-mentee2", p.ID, "mentee", 0, "")
	first := activePair(t, p.ID, "end-coord", "end-mentee1", "end-mentor")
	second := activePair(t, p.ID, "end-coord", "end-mentee2", "end-mentor")

	// REST: the mentee completes the first match.
	var e apiError
	wantStatus(t, "end with a bad outcome", call(t, "end-mentee1", http.MethodPost, "/matches/"+first.ID+"/end", map[string]any{"outcome": "done"}, &e), http.StatusBadRequest)
	if e.Field != "outcome" {
		t.Fatalf("bad outcome error %+v", e)
	}
	wantStatus(t, "a stranger ends it", call(t, "end-mentee2", http.MethodPost, "/matches/"+first.ID+"/end", map[string]any{"outcome": "completed"}, nil), http.StatusForbidden)
	var ended matchView
	wantStatus(t, "end", call(t, "end-mentee1", http.MethodPost, "/matches/"+first.ID+"/end", map[string]any{"outcome": "completed"}, &ended), http.StatusOK)
	if ended.Status != "completed" {
		t.Fatalf("ended match %+v", ended)
	}
	checkEnded(t, first, "end-mentee1", "end-mentor", "is complete")

	// The survey: stored, seen by coordinators, not by the partner.
	wantStatus(t, "survey out of range", call(t, "end-mentee1", http.MethodPost, "/matches/"+first.ID+"/survey", map[string]any{"rating": 6}, &e), http.StatusBadRequest)
	if e.Field != "rating" {
		t.Fatalf("bad rating error %+v", e)
	}
	wantStatus(t, "survey", call(t, "end-mentee1", http.MethodPost, "/matches/"+first.ID+"/survey", map[string]any{"rating": 4, "text": "Very useful"}, nil), http.StatusOK)
	wantStatus(t, "survey of a live match", call(t, "end-mentee2", http.MethodPost, "/matches/"+second.ID+"/survey", map[string]any{"rating": 4}, nil), http.StatusConflict)
	coordView := readMatch(t, "end-coord", first.ID)
	if s := coordView.Surveys[user("end-mentee1").Id]; s.Rating != 4 || s.Text != "Very useful" {
		t.Fatalf("coordinator sees surveys %+v", coordView.Surveys)
	}
	if partner := readMatch(t, "end-mentor", first.ID); len(partner.Surveys) != 0 {
		t.Fatalf("the partner sees the mentee's survey: %+v", partner.Surveys)
	}
	if own := readMatch(t, "end-mentee1", first.ID); own.Surveys[user("end-mentee1").Id].Rating != 4 {
		t.Fatalf("the mentee does not see their own survey: %+v", own.Surveys)
	}
	for _, m := range myMatchesIn(t, "end-mentor", p.ID) {
		if len(m.Surveys) != 0 {
			t.Fatalf("the partner's match list shows surveys: %+v", m.Surveys)
		}
	}

	// The command: the mentor cancels the second match with a reason.
	wantContains(t, "/mentor end without outcome", command(t, "end-mentor", "/mentor end "+p.Slug+" @end-mentee2 --reason x"), "--outcome")
	reply := command(t, "end-mentor", "/mentor end "+p.Slug+" @end-mentee2 --outcome cancelled --reason \"moving teams\"")
	wantContains(t, "/mentor end", reply, "Your match with @end-mentee2 in **"+p.Name+"** is cancelled")
	if got := readMatch(t, "end-coord", second.ID); got.Status != "cancelled" || got.EndReason != "moving teams" {
		t.Fatalf("after /mentor end: %+v", got)
	}
	checkEnded(t, second, "end-mentee2", "end-mentor", "was ended by @end-mentor")
	wantContains(t, "/mentor end again", command(t, "end-mentor", "/mentor end "+p.Slug+" --outcome completed"), "no current match")
}
