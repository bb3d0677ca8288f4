package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// expiryBound bounds the wait for a one-minute expiry swept every second: the
// minute, the sweep and a slow machine. Polling stops as soon as it happened.
const expiryBound = 150 * time.Second

// A declined request tells the mentee at once, with the next suggestions; an
// unanswered one reminds the mentor at half time and expires after the minute
// set for the program, swept by the due-work scheduler.
func TestMatchFlowDeclineAndExpiryOnTheScheduler(t *testing.T) {
	matchPeople(t, "due-mentor", "due-mentor2", "due-mentee1", "due-mentee2")
	p := createProgram(t, "Due work", map[string]any{"matching_mode": "self_serve"})
	t.Parallel()
	fastSweep(t, node1())
	setMatching(t, p.ID, map[string]any{"request_expiry_minutes": 1})
	joinAs(t, node1(), "due-mentor", p.ID, "mentor", 2, "")
	joinAs(t, node1(), "due-mentor2", p.ID, "mentor", 2, "")
	joinAs(t, node1(), "due-mentee1", p.ID, "mentee", 0, "")
	joinAs(t, node1(), "due-mentee2", p.ID, "mentee", 0, "")

	waiting := requestMentor(t, node1(), "due-mentee1", p.ID, user("due-mentor").Id, "")
	declined := requestMentor(t, node1(), "due-mentee2", p.ID, user("due-mentor").Id, "")
	if left := time.Until(waiting.ExpiresAt); left <= 0 || left > 70*time.Second {
		t.Fatalf("request expires at %s, want about a minute from now", waiting.ExpiresAt)
	}

	// Decline with the button: the mentee is told, with the next suggestions.
	var post *model.Post
	pollUntil(t, "the request DM", 20*time.Second, func() (bool, string) {
		found := aboutMatch(dmPosts(t, "due-mentor"), declined.ID)
		if len(found) == 1 {
			post = found[0]
		}
		return post != nil, fmt.Sprintf("%d DMs", len(found))
	})
	if _, err := pressAs(node1(), "due-mentor", post.Id, "decline"); err != nil {
		t.Fatalf("decline: %v", err)
	}
	if m := readMatch(t, "due-mentee2", declined.ID); m.Status != "declined" || m.DecidedBy != user("due-mentor").Id {
		t.Fatalf("declined request %+v", m)
	}
	var told []*model.Post
	pollUntil(t, "the mentee told of the decline", 20*time.Second, func() (bool, string) {
		told = containing(aboutMatch(dmPosts(t, "due-mentee2"), declined.ID), "declined to be your mentor")
		return len(told) >= 1, "no DM"
	})
	if len(told) != 1 {
		t.Fatalf("%d decline DMs, want 1", len(told))
	}
	// The next suggestions: the other mentor, not the one who declined.
	wantContains(t, "decline DM", told[0].Message, "Mentors you could ask in "+p.Name, "@due-mentor2 ")
	if _, next, _ := strings.Cut(told[0].Message, "Mentors you could ask"); strings.Contains(next, "@due-mentor ") {
		t.Fatalf("the decline DM suggests the mentor who declined:\n%s", told[0].Message)
	}
	updated, _, err := env.Client(user("due-mentor"), node1()).GetPost(ctx(), post.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(buttons(updated)) != 0 || !strings.Contains(updated.Message, "You declined") {
		t.Fatalf("request DM after the decline: %q %v", updated.Message, buttons(updated))
	}

	// Nobody answers the other request: a reminder first, while it still waits.
	reminderOf := func() []*model.Post {
		return containing(dmPosts(t, "due-mentor"), "Reminder: @due-mentee1's request to be mentored by you in **"+p.Name+"**")
	}
	pollUntil(t, "the reminder to the mentor", expiryBound, func() (bool, string) {
		return len(reminderOf()) > 0, "no reminder yet"
	})
	if m := readMatch(t, "due-mentor", waiting.ID); m.Status != "requested" {
		t.Fatalf("the request is %s when the reminder came, want still requested", m.Status)
	}
	var expired matchView
	pollUntil(t, "the request expired", expiryBound, func() (bool, string) {
		expired = readMatch(t, "due-mentee1", waiting.ID)
		return expired.Status == "expired" && len(expired.Owed) == 0, fmt.Sprintf("%+v", expired)
	})
	if time.Now().Before(waiting.ExpiresAt) {
		t.Fatalf("expired before its time %s", waiting.ExpiresAt)
	}
	gone := containing(aboutMatch(dmPosts(t, "due-mentee1"), waiting.ID), "expired without an answer")
	if len(gone) != 1 {
		t.Fatalf("%d expiry DMs to the mentee, want 1", len(gone))
	}
	wantContains(t, "expiry DM", gone[0].Message, "@due-mentor", "Mentors you could ask")
	if n := len(reminderOf()); n != 1 {
		t.Fatalf("%d reminders, want 1", n)
	}
	requestPost := aboutMatch(dmPosts(t, "due-mentor"), waiting.ID)
	if len(requestPost) != 1 || len(buttons(requestPost[0])) != 0 || !strings.Contains(requestPost[0].Message, "Nobody answered in time") {
		t.Fatalf("the mentor's request DM after the expiry: %+v", requestPost)
	}
	var e apiError
	wantStatus(t, "accept an expired request", call(t, "due-mentor", http.MethodPost, "/matches/"+waiting.ID+"/accept", nil, &e), http.StatusConflict)
	if _, _, err := env.Client(user("admin"), node1()).GetChannelByNameIncludeDeleted(ctx(), "mentorship-"+waiting.ID, env.Team.Id, ""); err == nil {
		t.Fatal("an expired request has a pair channel")
	}
}
