package e2e

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// goalView is a goal as the API returns it.
type goalView struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Measure     string `json:"measure"`
	Due         string `json:"due"`
	Progress    int    `json:"progress"`
	ProgressSet bool   `json:"progress_set"`
	Status      string `json:"status"`
	UpdatedBy   string `json:"updated_by"`
	Milestones  []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Done  bool   `json:"done"`
	} `json:"milestones"`
	History []struct {
		By   string `json:"by"`
		Kind string `json:"kind"`
		Note string `json:"note"`
	} `json:"history"`
}

type goalsView struct {
	MatchID string     `json:"match_id"`
	Goals   []goalView `json:"goals"`
	CanEdit bool       `json:"can_edit"`
}

// goalPosts are the bot's goal posts in a channel by their key (the
// mentorship_goal prop: <match>/goal-card/<n> or <match>/goal-summary), read
// through the REST API as name; a key posted twice shows up twice.
func goalPosts(t *testing.T, name, channelID string) map[string][]*model.Post {
	t.Helper()
	out := map[string][]*model.Post{}
	for _, p := range botPosts(t, env.Client(user(name), node1()), channelID, matchBotID(t)) {
		if key, _ := p.GetProp("mentorship_goal").(string); key != "" {
			out[key] = append(out[key], p)
		}
	}
	return out
}

// Both sides of an active match set and update goals (a command in the pair's
// channel, REST, the goal form submitted through Mattermost's dialog
// endpoint); each update puts one card into the pair's channel, and one
// pinned summary there is edited to stay current, in the mentee's language
// then the mentor's. A team member outside the match learns nothing; the
// program's coordinator reads but cannot write.
func TestGoalsSetAndUpdatedByBothSidesWithChannelCards(t *testing.T) {
	pr := livePair(t, "gol", "Europe/Madrid", "America/New_York")
	matchPeople(t, "gol-stranger")
	if _, _, err := env.Client(user(pr.mentor), node1()).PatchUser(ctx(), user(pr.mentor).Id, &model.UserPatch{Locale: model.NewPointer("es")}); err != nil {
		t.Fatalf("the mentor reads Spanish: %v", err)
	}
	t.Parallel()
	// Opened once the test runs: a socket left unread while the test waits
	// for its turn fills up with the other tests' events and is dropped.
	ws := userSocket(t, pr.mentor)
	m, channel := pr.match, pr.match.ChannelID
	base := "/matches/" + m.ID + "/goals"
	due := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)

	// 1. The mentee sets a goal with a command in the pair's channel.
	reply := commandIn(t, pr.mentee, channel, "/mentor goal add Give a talk --measure A 20-minute talk at the guild --due "+due+" --milestones pick a topic; write the slides")
	wantContains(t, "the reply to goal add", reply, "Goal 1 saved", "Give a talk", "0%")
	var v goalsView
	wantStatus(t, "the mentee reads the goals", call(t, pr.mentee, http.MethodGet, base, nil, &v), http.StatusOK)
	if len(v.Goals) != 1 || !v.CanEdit || v.Goals[0].Due != due || len(v.Goals[0].Milestones) != 2 {
		t.Fatalf("after goal add: %+v", v)
	}
	goal := v.Goals[0]

	// 2. The mentor ticks a milestone with a note through REST.
	var g goalView
	var e apiError
	wantStatus(t, "the mentor ticks a milestone", call(t, pr.mentor, http.MethodPatch, base+"/"+goal.ID,
		map[string]any{"done_milestones": []string{goal.Milestones[0].ID}, "note": "Good topic!"}, &g), http.StatusOK)
	if g.Progress != 50 || g.UpdatedBy != user(pr.mentor).Id || !g.Milestones[0].Done {
		t.Fatalf("after the milestone: %+v", g)
	}

	// 3. The mentor opens the edit form with /mentor goal update 1 and saves
	// it through Mattermost's dialog endpoint.
	commandIn(t, pr.mentor, channel, "/mentor goal update 1")
	form := openedDialog(t, ws)
	if form.URL != "/plugins/mentorship/api/v1/dialogs/goal" || !strings.Contains(form.Dialog.State, goal.ID) {
		t.Fatalf("the edit form %+v", form)
	}
	resp, _, err := env.Client(user(pr.mentor), node1()).SubmitInteractiveDialog(ctx(), model.SubmitDialogRequest{
		URL: form.URL, State: form.Dialog.State, ChannelId: channel, TeamId: env.Team.Id,
		Submission: map[string]any{"title": "Give a talk", "due": due, "measure": goal.Measure, "description": "",
			"progress": "70", "status": "at_risk", "note": "The date moved", "milestones": "rehearse"},
	})
	if err != nil || (resp != nil && (resp.Error != "" || len(resp.Errors) > 0)) {
		t.Fatalf("the edit form: %v %+v", err, resp)
	}
	// A bad value comes back under its field and changes nothing.
	resp, _, err = env.Client(user(pr.mentor), node1()).SubmitInteractiveDialog(ctx(), model.SubmitDialogRequest{
		URL: form.URL, State: form.Dialog.State, ChannelId: channel, TeamId: env.Team.Id,
		Submission: map[string]any{"title": "Give a talk", "due": due, "progress": "700", "status": "at_risk"},
	})
	if err != nil || resp == nil || resp.Errors["progress"] == "" {
		t.Fatalf("a progress of 700 in the form: %v %+v", err, resp)
	}

	// 4. The mentee finishes it with a command.
	reply = commandIn(t, pr.mentee, channel, "/mentor goal done 1 --note Gave it today")
	wantContains(t, "the reply to goal done", reply, "Goal 1 is done")
	wantStatus(t, "the mentor reads the goals", call(t, pr.mentor, http.MethodGet, base, nil, &v), http.StatusOK)
	g = v.Goals[0]
	if g.Status != "done" || g.Progress != 100 || len(g.Milestones) != 3 || len(g.History) != 4 {
		t.Fatalf("after goal done: %+v", g)
	}
	kinds := []string{}
	for _, h := range g.History {
		kinds = append(kinds, h.Kind)
	}
	if strings.Join(kinds, ",") != "created,milestone,status,status" {
		t.Fatalf("history %v", kinds)
	}

	// 5. The mentor sets a second goal through REST; the mentee moves it on.
	var second goalView
	wantStatus(t, "the mentor sets a goal", call(t, pr.mentor, http.MethodPost, base,
		map[string]any{"title": "Read a book on public speaking", "progress": 10}, &second), http.StatusCreated)
	wantStatus(t, "the mentee updates it", call(t, pr.mentee, http.MethodPatch, base+"/"+second.ID,
		map[string]any{"progress": 30}, &g), http.StatusOK)
	if g.Progress != 30 || !g.ProgressSet || g.UpdatedBy != user(pr.mentee).Id {
		t.Fatalf("the second goal after the mentee's update: %+v", g)
	}

	// The channel has one card per update, in order, in both languages.
	var posts map[string][]*model.Post
	pollUntil(t, "six cards and the summary in the pair's channel", 30*time.Second, func() (bool, string) {
		posts = goalPosts(t, pr.mentee, channel)
		return len(posts) >= 7, fmt.Sprintf("%d keys", len(posts))
	})
	var keys []string
	for key, list := range posts {
		keys = append(keys, key)
		if len(list) != 1 {
			t.Fatalf("%d posts carry %s, want exactly one", len(list), key)
		}
	}
	sort.Strings(keys)
	var want []string
	for i := 1; i <= 6; i++ {
		want = append(want, fmt.Sprintf("%s/goal-card/%d", m.ID, i))
	}
	want = append(want, m.ID+"/goal-summary")
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Fatalf("goal posts %v, want %v", keys, want)
	}
	mentee, mentor := "@"+user(pr.mentee).Username, "@"+user(pr.mentor).Username
	for i, parts := range [][]string{
		{mentee + " set a new goal: **Give a talk**", "`░░░░░░░░░░` 0% · on track", mentee + " fijó un objetivo nuevo"},
		{mentor + " updated a milestone of **Give a talk**: pick a topic", "`▓▓▓▓▓░░░░░` 50%", "> Good topic!", "en marcha"},
		{mentor + " marked **Give a talk** at risk", "`▓▓▓▓▓▓▓░░░` 70% · at risk", "> The date moved", "en riesgo"},
		{mentee + " completed **Give a talk**", "`▓▓▓▓▓▓▓▓▓▓` 100% · done", "> Gave it today", mentee + " cumplió **Give a talk**"},
		{mentor + " set a new goal: **Read a book on public speaking**", "`▓░░░░░░░░░` 10% · on track"},
		{mentee + " updated the progress of **Read a book on public speaking**", "`▓▓▓░░░░░░░` 30%", "actualizó el progreso"},
	} {
		wantContains(t, fmt.Sprintf("card %d", i+1), posts[want[i]][0].Message, parts...)
	}
	for i := 1; i < 6; i++ {
		if posts[want[i-1]][0].CreateAt >= posts[want[i]][0].CreateAt {
			t.Fatalf("card %d was posted before card %d: not in the order of the updates", i+1, i)
		}
	}

	// One summary, pinned, edited to the latest state: read through the REST
	// API (the post itself and the channel's pinned posts).
	summary := posts[m.ID+"/goal-summary"][0]
	got, _, err := env.Client(user(pr.mentor), node1()).GetPost(ctx(), summary.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	if !got.IsPinned || got.EditAt == 0 {
		t.Fatalf("the summary is pinned %v, edited at %d: want pinned and edited", got.IsPinned, got.EditAt)
	}
	wantContains(t, "the summary", got.Message, "#### 🎯 Goals of "+mentee+" and "+mentor,
		"1. **Give a talk** `▓▓▓▓▓▓▓▓▓▓` 100% · done · due "+due+" · milestones 1/3",
		"2. **Read a book on public speaking** `▓▓▓░░░░░░░` 30% · on track",
		"---", "#### 🎯 Objetivos de "+mentee+" y "+mentor, "cumplido")
	pinned, _, err := env.Client(user(pr.mentee), node1()).GetPinnedPosts(ctx(), channel, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pinned.Posts[summary.Id]; !ok || len(pinned.Posts) != 1 {
		t.Fatalf("pinned posts of the pair's channel: %v, want the summary only", pinned.Order)
	}

	// A team member outside the match learns nothing, even that it exists.
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, base, nil},
		{http.MethodPost, base, map[string]any{"title": "Mine now"}},
		{http.MethodPatch, base + "/" + goal.ID, map[string]any{"progress": 1}},
		{http.MethodPost, base + "/" + goal.ID + "/done", nil},
	} {
		wantStatus(t, "the stranger: "+c.method+" "+c.path, call(t, "gol-stranger", c.method, c.path, c.body, &e), http.StatusNotFound)
	}
	wantContains(t, "the stranger's /mentor goals", commandIn(t, "gol-stranger", env.Channel.Id, "/mentor goals --match "+m.ID), "no such match")

	// The coordinator reads, but does not write.
	wantStatus(t, "the coordinator reads", call(t, pr.coord, http.MethodGet, base, nil, &v), http.StatusOK)
	if v.CanEdit || len(v.Goals) != 2 {
		t.Fatalf("the coordinator reads %+v: want the goal, read only", v)
	}
	wantStatus(t, "the coordinator adds", call(t, pr.coord, http.MethodPost, base, map[string]any{"title": "Theirs"}, &e), http.StatusForbidden)
	wantStatus(t, "the coordinator updates", call(t, pr.coord, http.MethodPatch, base+"/"+goal.ID, map[string]any{"progress": 5}, &e), http.StatusForbidden)
	wantContains(t, "the coordinator's /mentor goals", commandIn(t, pr.coord, env.Channel.Id, "/mentor goals --match "+m.ID),
		"Goals of "+mentee+" and "+mentor, "100%", "Read only")

	// What was refused changed nothing: still six updates, six cards.
	wantStatus(t, "the mentee reads the goals", call(t, pr.mentee, http.MethodGet, base, nil, &v), http.StatusOK)
	if len(v.Goals) != 2 || len(v.Goals[0].History) != 4 || len(v.Goals[1].History) != 2 {
		t.Fatalf("after the refused calls: %+v", v)
	}
	if n := len(goalPosts(t, pr.mentee, channel)); n != 7 {
		t.Fatalf("%d goal posts after the refused calls, want 7", n)
	}
	var mine struct {
		Matches []struct {
			MatchID   string     `json:"match_id"`
			PartnerID string     `json:"partner_id"`
			Goals     []goalView `json:"goals"`
		} `json:"matches"`
	}
	wantStatus(t, "GET /goals", call(t, pr.mentee, http.MethodGet, "/goals", nil, &mine), http.StatusOK)
	if len(mine.Matches) != 1 || mine.Matches[0].PartnerID != user(pr.mentor).Id || len(mine.Matches[0].Goals) != 2 {
		t.Fatalf("GET /goals: %+v", mine)
	}
}
