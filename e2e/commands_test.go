package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	neturl "net/url"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

func TestHelpListsWhatThisUserMayDo(t *testing.T) {
	member := command(t, "bob", "/mentor help")
	wantContains(t, "member help", member, "/mentor join", "/mentor leave", "/mentor pause", "/mentor programs")
	for _, hidden := range []string{"program create", "program archive", "/mentor approve"} {
		if strings.Contains(member, hidden) {
			t.Fatalf("member help shows %q:\n%s", hidden, member)
		}
	}
	admin := command(t, "admin", "/mentor help")
	wantContains(t, "admin help", admin, "/mentor program create", "/mentor program archive", "/mentor approve")
	if bare := command(t, "bob", "/mentor"); bare != member {
		t.Fatalf("bare /mentor differs from help:\n%s", bare)
	}
}

func TestUnknownSubcommandSuggestsTheClosest(t *testing.T) {
	reply := command(t, "bob", "/mentor jion spring")
	wantContains(t, "typo", reply, "`/mentor jion` is not a command", "Did you mean `/mentor join`?", "/mentor help")
	reply = command(t, "admin", "/mentor program archve x")
	wantContains(t, "typo", reply, "Did you mean `/mentor program archive`?")
}

func TestProgramLifecycleThroughCommands(t *testing.T) {
	name := "Inline Cohort " + time.Now().Format("150405.000")
	slug := strings.NewReplacer(" ", "-", ".", "-").Replace(strings.ToLower(name))
	reply := command(t, "admin", `/mentor program create "`+name+`" --enrollment approval --description "Learn by doing"`)
	wantContains(t, "create", reply, "Program **"+name+"** is ready", "/mentor join "+slug)

	reply = command(t, "admin", `/mentor program create "`+name+`"`)
	wantContains(t, "duplicate", reply, "already has a program called")

	reply = command(t, "admin", `/mentor program create "X" --colour red`)
	wantContains(t, "bad option", reply, "--colour is not an option")

	reply = command(t, "bob", "/mentor programs")
	wantContains(t, "programs", reply, name, "/mentor join "+slug)

	reply = command(t, "bob", "/mentor join "+slug+" --role mentor --capacity 3 --goals \"help new leads\"")
	wantContains(t, "join", reply, "was sent to its coordinators")
	reply = command(t, "bob", "/mentor join "+slug+" --role mentor")
	wantContains(t, "join twice", reply, "already in")

	reply = command(t, "bob", "/mentor approve "+slug+" @bob")
	wantContains(t, "member approves", reply, "Only the coordinators")
	reply = command(t, "admin", "/mentor approve "+slug+" @nobody-here")
	wantContains(t, "unknown user", reply, "There is no user @nobody-here")
	reply = command(t, "admin", "/mentor approve "+slug+" @bob")
	wantContains(t, "approve", reply, "@bob is now a member")

	reply = command(t, "admin", "/mentor program members "+slug)
	wantContains(t, "members", reply, "@bob", "mentor (3)", "active")

	wantContains(t, "pause too far", command(t, "bob", "/mentor pause "+slug+" --until 2099-05-01"), "more than a year away")
	until := time.Now().UTC().AddDate(0, 0, 60).Format(time.DateOnly)
	wantContains(t, "pause", command(t, "bob", "/mentor pause "+slug+" --until "+until), "paused until "+until)
	wantContains(t, "resume", command(t, "bob", "/mentor resume "+slug), "active again")
	wantContains(t, "leave", command(t, "bob", "/mentor leave "+slug), "You left")
	wantContains(t, "leave twice", command(t, "bob", "/mentor leave "+slug), "not a member")

	wantContains(t, "edit", command(t, "admin", "/mentor program edit "+slug+" --cadence weekly"), "was updated")
	wantContains(t, "bad edit", command(t, "admin", "/mentor program edit "+slug+" --cadence hourly"), `"hourly" is not a valid check-in cadence`)
	wantContains(t, "member archives", command(t, "bob", "/mentor program archive "+slug), "Only the coordinators")
	wantContains(t, "archive", command(t, "admin", "/mentor program archive "+slug), "is archived")
	wantContains(t, "missing program", command(t, "bob", "/mentor leave"), "Say which program")
}

func TestBareCommandsOpenDialogsAndSubmissionsWork(t *testing.T) {
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(node1().URL, "http"), user("admin").Token)
	if err != nil {
		t.Fatalf("websocket: %v", err)
	}
	ws.Listen()
	defer ws.Close()

	command(t, "admin", "/mentor program create")
	dialog := waitForEvent(t, ws, model.WebsocketEventOpenDialog)
	wantContains(t, "dialog", dialog, "/plugins/mentorship/api/v1/dialogs/program", "New program", "enrollment_mode")

	client := env.Client(user("admin"), node1())
	submit := func(submission map[string]any) *model.SubmitDialogResponse {
		resp, _, err := client.SubmitInteractiveDialog(ctx(), model.SubmitDialogRequest{
			URL: "/plugins/mentorship/api/v1/dialogs/program", CallbackId: env.Team.Id,
			ChannelId: env.Channel.Id, TeamId: env.Team.Id, Submission: submission,
		})
		if err != nil {
			t.Fatalf("submit dialog: %v", err)
		}
		return resp
	}
	bad := submit(map[string]any{"name": "", "kind": "one_to_one", "enrollment_mode": "open", "matching_mode": "coordinator", "check_in_cadence": "monthly"})
	if bad == nil || bad.Errors["name"] == "" {
		t.Fatalf("empty name accepted: %+v", bad)
	}
	name := "Dialog Program " + time.Now().Format("150405.000")
	if ok := submit(map[string]any{"name": name, "description": "From the form", "kind": "one_to_one", "enrollment_mode": "open",
		"matching_mode": "self_serve", "check_in_cadence": "biweekly", "start_date": "2027-01-10"}); ok != nil && (ok.Error != "" || len(ok.Errors) > 0) {
		t.Fatalf("valid form refused: %+v", ok)
	}
	var list []program
	call(t, "admin", http.MethodGet, "/programs?team_id="+env.Team.Id, nil, &list)
	var created *program
	for i := range list {
		if list[i].Name == name {
			created = &list[i]
		}
	}
	if created == nil || created.Description != "From the form" {
		t.Fatalf("dialog did not create the program: %+v", list)
	}

	// /mentor join with a program but no role opens the join form.
	command(t, "admin", "/mentor join "+created.Slug)
	join := waitForEvent(t, ws, model.WebsocketEventOpenDialog)
	wantContains(t, "join dialog", join, "/plugins/mentorship/api/v1/dialogs/join", created.ID)
	resp, _, err := client.SubmitInteractiveDialog(ctx(), model.SubmitDialogRequest{
		URL: "/plugins/mentorship/api/v1/dialogs/join", CallbackId: env.Team.Id, ChannelId: env.Channel.Id, TeamId: env.Team.Id,
		Submission: map[string]any{"program_id": created.ID, "role": "mentor", "capacity": "4"},
	})
	if err != nil || (resp != nil && (resp.Error != "" || len(resp.Errors) > 0)) {
		t.Fatalf("join dialog: %v %+v", err, resp)
	}
	members := listMembers(t, "admin", created.ID)
	if len(members) != 1 || members[0].Capacity != 4 || members[0].Role != "mentor" {
		t.Fatalf("join dialog enrollment %+v", members)
	}
	// Joining sends a refresh event to the member's sidebar.
	waitForEvent(t, ws, "custom_mentorship_changed")
}

// waitForEvent returns the JSON of the next WebSocket event of the given type.
func waitForEvent(t *testing.T, ws *model.WebSocketClient, event model.WebsocketEventType) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-ws.EventChannel:
			if ev.EventType() == event {
				data, _ := ev.ToJSON()
				return string(data)
			}
		case <-timeout:
			t.Fatalf("no %s event within 10s", event)
			return ""
		}
	}
}

// The server asks the plugin for the dynamic list of programs while a user types.
func TestAutocompleteSuggestsTheTeamsPrograms(t *testing.T) {
	p := createProgram(t, "Autocomplete", map[string]any{"description": "Shown while typing"})
	url := fmt.Sprintf("%s/api/v4/teams/%s/commands/autocomplete_suggestions?user_input=%s&channel_id=%s",
		node1().URL, env.Team.Id, neturl.QueryEscape("/mentor leave "), env.Channel.Id)
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+user("bob").Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var suggestions []struct {
		Complete string `json:"Complete"`
		Hint     string `json:"Hint"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&suggestions); err != nil {
		t.Fatalf("status %d: %v", resp.StatusCode, err)
	}
	for _, s := range suggestions {
		if strings.HasSuffix(s.Complete, p.Slug) && s.Hint == p.Name {
			return
		}
	}
	t.Fatalf("no suggestion for %s in %+v", p.Slug, suggestions)
}
