package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

func TestJoinSendsOneWelcomeFromTheBot(t *testing.T) {
	p := createProgram(t, "Welcome", map[string]any{"description": "A cohort for new managers"})

	var res joinResult
	wantStatus(t, "join", call(t, "ana", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee", "goals": "public speaking"}, &res), http.StatusCreated)
	if !res.Created || res.Enrollment.Status != "active" || res.Enrollment.Role != "mentee" {
		t.Fatalf("join result %+v", res)
	}
	wantStatus(t, "join again", call(t, "ana", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, &res), http.StatusOK)
	if res.Created {
		t.Fatal("second join reported a new enrollment")
	}

	welcomes := postsMentioning(botDM(t, "ana"), p.Name)
	if len(welcomes) != 1 {
		t.Fatalf("want exactly 1 welcome DM naming %q, got %d", p.Name, len(welcomes))
	}
	wantContains(t, "welcome", welcomes[0].Message, "Welcome to "+p.Name, "@ana", "A cohort for new managers",
		"**Your role:** mentee", "**Next step:**", "**Onboarding resources:**", "/mentor pause "+p.Slug)

	members := listMembers(t, "admin", p.ID)
	if len(members) != 1 || members[0].Username != "ana" {
		t.Fatalf("members %+v", members)
	}
	wantStatus(t, "member lists members", call(t, "ana", http.MethodGet, "/programs/"+p.ID+"/members", nil, nil), http.StatusForbidden)
}

func TestJoinBadInput(t *testing.T) {
	p := createProgram(t, "Strict", nil)
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{}, "role"},
		{map[string]any{"role": "boss"}, "role"},
		{map[string]any{"role": "mentor", "capacity": 50}, "capacity"},
	} {
		var e apiError
		wantStatus(t, "bad join", call(t, "bob", http.MethodPost, "/programs/"+p.ID+"/join", c.body, &e), http.StatusBadRequest)
		if e.Field != c.field {
			t.Fatalf("error %+v, want field %s", e, c.field)
		}
	}
	if members := listMembers(t, "admin", p.ID); len(members) != 0 {
		t.Fatalf("bad joins enrolled %+v", members)
	}
	wantStatus(t, "outsider joins", call(t, "outsider", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusNotFound)
	wantStatus(t, "unknown program", call(t, "bob", http.MethodPost, "/programs/"+"abcdefghijklmnopqrstuvwxyz"+"/join", map[string]any{"role": "mentee"}, nil), http.StatusNotFound)

	inviteOnly := createProgram(t, "Invite only", map[string]any{"enrollment_mode": "invite"})
	wantStatus(t, "invite-only join", call(t, "bob", http.MethodPost, "/programs/"+inviteOnly.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusForbidden)
}

func TestPauseResumeLeaveRejoin(t *testing.T) {
	p := createProgram(t, "Lifecycle", nil)
	wantStatus(t, "pause before join", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/pause", nil, nil), http.StatusNotFound)
	wantStatus(t, "join", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentor", "capacity": 3}, nil), http.StatusCreated)

	var e enrollment
	until := time.Now().UTC().AddDate(0, 0, 60).Format(time.DateOnly)
	wantStatus(t, "pause", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/pause", map[string]any{"until": until}, &e), http.StatusOK)
	if e.Status != "paused" || e.Until != until {
		t.Fatalf("after pause %+v", e)
	}
	wantStatus(t, "pause twice", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/pause", nil, nil), http.StatusConflict)
	var bad apiError
	e = enrollment{}
	wantStatus(t, "resume", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/resume", nil, &e), http.StatusOK)
	if e.Status != "active" || e.Until != "" {
		t.Fatalf("after resume %+v", e)
	}
	wantStatus(t, "pause in the past", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/pause", map[string]any{"until": "2001-01-01"}, &bad), http.StatusBadRequest)
	if bad.Field != "until" {
		t.Fatalf("error %+v", bad)
	}
	wantStatus(t, "leave", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/leave", nil, &e), http.StatusOK)
	if e.Status != "left" {
		t.Fatalf("after leave %+v", e)
	}
	var res joinResult
	wantStatus(t, "rejoin", call(t, "cy", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, &res), http.StatusCreated)
	if res.Enrollment.Role != "mentee" || res.Enrollment.Status != "active" {
		t.Fatalf("rejoin %+v", res)
	}
	var mine []struct {
		Program    program    `json:"program"`
		Enrollment enrollment `json:"enrollment"`
	}
	wantStatus(t, "my programs", call(t, "cy", http.MethodGet, "/me/programs", nil, &mine), http.StatusOK)
	count := 0
	for _, m := range mine {
		if m.Program.ID == p.ID {
			count++
		}
	}
	if count != 1 {
		t.Fatalf("program appears %d times in my programs", count)
	}
}

func TestApprovalWithButtonsAndREST(t *testing.T) {
	p := createProgram(t, "Approval", map[string]any{"enrollment_mode": "approval", "coordinators": []string{user("coord").Id}})

	var res joinResult
	wantStatus(t, "request", call(t, "dee", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee", "goals": "learn Go"}, &res), http.StatusCreated)
	if res.Enrollment.Status != "pending" {
		t.Fatalf("status %s, want pending", res.Enrollment.Status)
	}
	if len(postsMentioning(botDM(t, "dee"), "Welcome to "+p.Name)) != 0 {
		t.Fatal("welcome sent before approval")
	}
	requests := postsMentioning(botDM(t, "coord"), p.Name)
	if len(requests) != 1 {
		t.Fatalf("coordinator got %d request DMs", len(requests))
	}
	post := requests[0]
	wantContains(t, "request DM", postText(post), "@dee", "learn Go")

	// A member who is not a coordinator presses the button. The request is in
	// the coordinator's DM, which eve cannot read, so Mattermost itself refuses
	// the click before the plugin sees it.
	var members []enrollment
	stillPending := func(when string) {
		t.Helper()
		members = listMembers(t, "coord", p.ID)
		if len(members) != 1 || members[0].Status != "pending" {
			t.Fatalf("%s: %+v, want dee's request still pending", when, members)
		}
	}
	resp, err := env.Client(user("eve"), node1()).DoPostAction(ctx(), post.Id, "approve")
	if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("eve's click on the coordinator's button: %+v %v, want the server's 403", resp, err)
	}
	stillPending("after a click the server refused")

	// The same request forged and posted straight to the plugin's endpoint does
	// reach it; the body even claims to come from the coordinator. (Clients never
	// see a button's context, the server strips it, but the ids in it are no
	// secret.) The plugin must judge the session's user, eve, and refuse.
	requireButton(t, post, "approve")
	forged := model.PostActionIntegrationRequest{UserId: user("coord").Id, UserName: "coord", PostId: post.Id,
		ChannelId: post.ChannelId, Type: model.PostActionTypeButton,
		Context: map[string]any{"program_id": p.ID, "user_id": user("dee").Id, "decision": "approve"}}
	status, data, err := env.Plugin(user("eve"), node1(), http.MethodPost, "/actions/decide", forged)
	if err != nil {
		t.Fatal(err)
	}
	var answer model.PostActionIntegrationResponse
	if status != http.StatusOK || json.Unmarshal(data, &answer) != nil || answer.EphemeralText == "" || answer.Update != nil {
		t.Fatalf("forged decide as eve: status %d %s, want 200 with an ephemeral refusal", status, data)
	}
	wantContains(t, "refusal", answer.EphemeralText, "Only the coordinators of "+p.Name)
	stillPending("after a forged decide")

	if _, err := env.Client(user("coord"), node1()).DoPostAction(ctx(), post.Id, "approve"); err != nil {
		t.Fatalf("coordinator presses Approve: %v", err)
	}
	members = listMembers(t, "coord", p.ID)
	if len(members) != 1 || members[0].Status != "active" {
		t.Fatalf("after approval %+v", members)
	}
	if len(postsMentioning(botDM(t, "dee"), "Welcome to "+p.Name)) != 1 {
		t.Fatal("no welcome after approval")
	}

	// Decline through REST.
	wantStatus(t, "second request", call(t, "eve", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusCreated)
	wantStatus(t, "member declines", call(t, "dee", http.MethodPost, "/programs/"+p.ID+"/members/"+user("eve").Id+"/decline", nil, nil), http.StatusForbidden)
	wantStatus(t, "coordinator declines", call(t, "coord", http.MethodPost, "/programs/"+p.ID+"/members/"+user("eve").Id+"/decline", nil, nil), http.StatusOK)
	// A declined request is no longer waiting: 409, not "no such request".
	wantStatus(t, "decide again", call(t, "coord", http.MethodPost, "/programs/"+p.ID+"/members/"+user("eve").Id+"/approve", nil, nil), http.StatusConflict)
	if len(postsMentioning(botDM(t, "eve"), "was declined")) != 1 {
		t.Fatal("declined member was not told")
	}
}

// requireButton fails unless the post carries a button with the given id.
func requireButton(t *testing.T, post *model.Post, id string) {
	t.Helper()
	for _, a := range post.Attachments() {
		for _, action := range a.Actions {
			if action.Id == id {
				return
			}
		}
	}
	t.Fatalf("post %s has no %q button", post.Id, id)
}

// memberPage is the answer of GET /programs/{id}/members: one page of them.
type memberPage struct {
	Members []enrollment `json:"members"`
	Page    int          `json:"page"`
	Pages   int          `json:"pages"`
	Total   int          `json:"total"`
}

// membersOn reads every page of a program's members as name on node. It
// returns the status of the first page that is not 200 (and no members), or
// 200 and every member.
func membersOn(t *testing.T, node *harness.Node, name, programID string) (int, []enrollment) {
	t.Helper()
	all := []enrollment{}
	for page := 0; ; page++ {
		var p memberPage
		status := callOn(t, node, name, http.MethodGet, fmt.Sprintf("/programs/%s/members?page=%d", programID, page), nil, &p)
		if status != http.StatusOK {
			return status, nil
		}
		all = append(all, p.Members...)
		if page+1 >= p.Pages {
			if len(all) != p.Total {
				t.Errorf("members of %s: %d on %d pages, but total says %d", programID, len(all), p.Pages, p.Total)
			}
			return status, all
		}
	}
}

// listMembers is membersOn on node 1 for a caller who may list them.
func listMembers(t *testing.T, name, programID string) []enrollment {
	t.Helper()
	status, members := membersOn(t, node1(), name, programID)
	wantStatus(t, "members of "+programID+" as "+name, status, http.StatusOK)
	return members
}
