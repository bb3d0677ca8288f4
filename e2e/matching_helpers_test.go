package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// Helpers of the matching tests (matching_*_test.go): the plugin's match types
// as the API answers them, people, DMs, buttons, polling and the sweep setting.

type reasonView struct {
	Kind   string `json:"kind"`
	Term   string `json:"term"`
	Points int64  `json:"points"`
	Text   string `json:"text"`
}

type surveyView struct {
	Rating int    `json:"rating"`
	Text   string `json:"text"`
}

type matchView struct {
	ID        string                `json:"id"`
	ProgramID string                `json:"program_id"`
	MenteeID  string                `json:"mentee_id"`
	MentorID  string                `json:"mentor_id"`
	Origin    string                `json:"origin"`
	Status    string                `json:"status"`
	Score     int64                 `json:"score"`
	Reasons   []reasonView          `json:"reasons"`
	Accepted  map[string]time.Time  `json:"accepted"`
	Message   string                `json:"message"`
	ExpiresAt time.Time             `json:"expires_at"`
	DecidedBy string                `json:"decided_by"`
	ChannelID string                `json:"channel_id"`
	EndReason string                `json:"end_reason"`
	Owed      []string              `json:"owed"`
	Posts     map[string]string     `json:"posts"`
	Surveys   map[string]surveyView `json:"surveys"`
}

type matchViews struct {
	Matches []matchView `json:"matches"`
	Page    *int        `json:"page"`
	Pages   *int        `json:"pages"`
}

type suggestionView struct {
	MentorID     string       `json:"mentor_id"`
	Score        int64        `json:"score"`
	Reasons      []reasonView `json:"reasons"`
	FreeCapacity int          `json:"free_capacity"`
	Capacity     int          `json:"capacity"`
}

type previewPair struct {
	MenteeID string       `json:"mentee_id"`
	MentorID string       `json:"mentor_id"`
	Score    int64        `json:"score"`
	Reasons  []reasonView `json:"reasons"`
}

type unmatchedMentee struct {
	UserID string `json:"user_id"`
	Reason string `json:"reason"`
}

type previewView struct {
	ID            string            `json:"id"`
	RosterVersion int64             `json:"roster_version"`
	Status        string            `json:"status"`
	Stale         bool              `json:"stale"`
	Mentees       int               `json:"mentees"`
	Mentors       int               `json:"mentors"`
	Matched       int               `json:"matched"`
	Total         int64             `json:"total"`
	Lowest        int64             `json:"lowest"`
	Optimal       bool              `json:"optimal"`
	Pairs         []previewPair     `json:"pairs"`
	Unmatched     []unmatchedMentee `json:"unmatched"`
	Published     int               `json:"published"`
	Skipped       int               `json:"skipped"`
}

// usersMu guards env.Users while matching tests add people. (The harness
// lets a team hold 2,000 people; Mattermost's default is 50.)
var usersMu sync.Mutex

// matchPeople creates (once) team members with the given names. Call it before
// t.Parallel: env.Users is a plain map read by every test.
func matchPeople(t *testing.T, names ...string) {
	t.Helper()
	usersMu.Lock()
	defer usersMu.Unlock()
	for _, name := range names {
		if env.Users[name] == nil {
			if _, err := env.AddUser(name, true); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// numbered returns prefix01 … prefixNN.
func numbered(prefix string, n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%02d", prefix, i+1)
	}
	return names
}

// join enrolls name in the program on node; capacity 0 leaves the default.
func joinAs(t *testing.T, node *harness.Node, name, programID, role string, capacity int, goals string) {
	t.Helper()
	body := map[string]any{"role": role}
	if capacity > 0 {
		body["capacity"] = capacity
	}
	if goals != "" {
		body["goals"] = goals
	}
	var e apiError
	if s := callOn(t, node, name, http.MethodPost, "/programs/"+programID+"/join", body, &e); s != http.StatusCreated {
		t.Fatalf("%s joins as %s: status %d %+v", name, role, s, e)
	}
}

// saveProfile PUTs name's profile and fails unless it is accepted.
func saveProfile(t *testing.T, name string, fields map[string]any) {
	t.Helper()
	var e apiError
	if s := call(t, name, http.MethodPut, "/profile", fields, &e); s != http.StatusOK {
		t.Fatalf("%s saves a profile: status %d %+v", name, s, e)
	}
}

// setMatching changes a program's matching settings as admin.
func setMatching(t *testing.T, programID string, settings map[string]any) {
	t.Helper()
	var e apiError
	if s := call(t, "admin", http.MethodPut, "/programs/"+programID+"/matching", settings, &e); s != http.StatusOK {
		t.Fatalf("matching settings %v: status %d %+v", settings, s, e)
	}
}

// getMatch reads a match as name on node1 and fails unless it is readable.
func readMatch(t *testing.T, name, id string) matchView {
	t.Helper()
	var m matchView
	wantStatus(t, "GET match as "+name, call(t, name, http.MethodGet, "/matches/"+id, nil, &m), http.StatusOK)
	return m
}

// myMatches lists name's matches in the program.
func myMatchesIn(t *testing.T, name, programID string) []matchView {
	t.Helper()
	var list matchViews
	wantStatus(t, "GET /matches as "+name, call(t, name, http.MethodGet, "/matches", nil, &list), http.StatusOK)
	var out []matchView
	for _, m := range list.Matches {
		if m.ProgramID == programID {
			out = append(out, m)
		}
	}
	return out
}

// programMatches lists every match of a program as admin, all pages.
func allMatchesOf(t *testing.T, programID string) []matchView {
	t.Helper()
	var out []matchView
	for page := 0; ; page++ {
		var list matchViews
		wantStatus(t, "program matches", call(t, "admin", http.MethodGet, fmt.Sprintf("/programs/%s/matches?page=%d", programID, page), nil, &list), http.StatusOK)
		out = append(out, list.Matches...)
		if list.Pages == nil || page+1 >= *list.Pages {
			return out
		}
	}
}

// request sends name's request to mentor through REST on node.
func requestMentor(t *testing.T, node *harness.Node, name, programID, mentorID, message string) matchView {
	t.Helper()
	var m matchView
	status := callOn(t, node, name, http.MethodPost, "/programs/"+programID+"/requests", map[string]any{"mentor_id": mentorID, "message": message}, &m)
	if status != http.StatusCreated || m.Status != "requested" {
		t.Fatalf("%s's request: status %d %+v", name, status, m)
	}
	return m
}

var (
	dmMu       sync.Mutex
	dmChannels = map[string]string{} // username → the bot DM channel id
	botUserID  string
)

// dms returns the bot's posts in its DM with name, oldest first, read on node1.
func dmPosts(t *testing.T, name string) []*model.Post {
	t.Helper()
	c := env.Client(user(name), node1())
	dmMu.Lock()
	channelID := dmChannels[name]
	if botUserID == "" {
		bot, _, err := c.GetUserByUsername(ctx(), "mentorship", "")
		if err != nil {
			dmMu.Unlock()
			t.Fatalf("bot user: %v", err)
		}
		botUserID = bot.Id
	}
	bot := botUserID
	dmMu.Unlock()
	if channelID == "" {
		ch, _, err := c.CreateDirectChannel(ctx(), user(name).Id, bot)
		if err != nil {
			t.Fatalf("DM channel of %s: %v", name, err)
		}
		channelID = ch.Id
		dmMu.Lock()
		dmChannels[name] = channelID
		dmMu.Unlock()
	}
	return botPosts(t, c, channelID, bot)
}

func botPosts(t *testing.T, c *model.Client4, channelID, botID string) []*model.Post {
	t.Helper()
	list, _, err := c.GetPostsForChannel(ctx(), channelID, 0, 200, "", false, false)
	if err != nil {
		t.Fatalf("posts of %s: %v", channelID, err)
	}
	var posts []*model.Post
	for _, p := range list.Posts {
		if p.UserId == botID {
			posts = append(posts, p)
		}
	}
	sort.Slice(posts, func(i, j int) bool { return posts[i].CreateAt < posts[j].CreateAt })
	return posts
}

// aboutMatch keeps the posts the plugin tagged with the match id.
func aboutMatch(posts []*model.Post, matchID string) []*model.Post {
	var out []*model.Post
	for _, p := range posts {
		if id, _ := p.GetProp("match_id").(string); id == matchID {
			out = append(out, p)
		}
	}
	return out
}

// containing keeps the posts whose text (message and attachments) has text.
func containing(posts []*model.Post, text string) []*model.Post {
	var out []*model.Post
	for _, p := range posts {
		if strings.Contains(postText(p), text) {
			out = append(out, p)
		}
	}
	return out
}

// buttons lists the ids of a post's buttons.
func buttons(p *model.Post) []string {
	var ids []string
	for _, a := range p.Attachments() {
		for _, action := range a.Actions {
			ids = append(ids, action.Id)
		}
	}
	return ids
}

// eventually polls check every 250 ms until it reports done, and fails with
// its last word when the bound passes. The bound is generous: it only stops a
// hung test; nothing here measures time.
func pollUntil(t *testing.T, what string, bound time.Duration, check func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(bound)
	for {
		done, last := check()
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s; last: %s", what, bound, last)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// pressButton presses a button of a post as name through Mattermost's own
// post-action endpoint on node.
func pressAs(node *harness.Node, name, postID, action string) (*model.Response, error) {
	return env.Client(user(name), node).DoPostAction(ctx(), postID, action)
}

// forgeButton posts a button press straight to the plugin as name: what a
// client that knows the ids could send without the server's checks.
func forgeButton(t *testing.T, name, postID, matchID, action string) model.PostActionIntegrationResponse {
	t.Helper()
	req := model.PostActionIntegrationRequest{UserId: user(name).Id, PostId: postID, Type: model.PostActionTypeButton,
		Context: map[string]any{"match_id": matchID, "action": action}}
	status, data, err := env.Plugin(user(name), node1(), http.MethodPost, "/actions/match", req)
	if err != nil {
		t.Fatal(err)
	}
	var resp model.PostActionIntegrationResponse
	if status != http.StatusOK || json.Unmarshal(data, &resp) != nil {
		t.Fatalf("forged %s as %s: status %d %s", action, name, status, data)
	}
	return resp
}

// pairChannel returns the private channel of a match (as admin) and its
// members' user ids.
func pairChannel(t *testing.T, matchID string) (*model.Channel, map[string]bool) {
	t.Helper()
	admin := env.Client(user("admin"), node1())
	ch, _, err := admin.GetChannelByNameIncludeDeleted(ctx(), "mentorship-"+matchID, env.Team.Id, "")
	if err != nil {
		t.Fatalf("channel mentorship-%s: %v", matchID, err)
	}
	members, _, err := admin.GetChannelMembers(ctx(), ch.Id, 0, 100, "")
	if err != nil {
		t.Fatalf("members of %s: %v", ch.Name, err)
	}
	ids := map[string]bool{}
	for _, m := range members {
		ids[m.UserId] = true
	}
	return ch, ids
}

// checkPairChannel checks the channel of an active match: private, in the
// team, with the two people (and, at most, the bot that made it) and exactly
// one introduction post.
func checkPairChannel(t *testing.T, m matchView) *model.Channel {
	t.Helper()
	ch, members := pairChannel(t, m.ID)
	if ch.Type != model.ChannelTypePrivate || ch.TeamId != env.Team.Id || ch.DeleteAt != 0 {
		t.Fatalf("pair channel %+v: want an open private channel in the team", ch)
	}
	if m.ChannelID != "" && m.ChannelID != ch.Id {
		t.Fatalf("match names channel %s, the channel named after it is %s", m.ChannelID, ch.Id)
	}
	if !members[m.MenteeID] || !members[m.MentorID] {
		t.Fatalf("pair channel members %v lack the mentee or the mentor", members)
	}
	for id := range members {
		if id != m.MenteeID && id != m.MentorID && id != matchBotID(t) {
			t.Fatalf("pair channel has an unexpected member %s (members %v)", id, members)
		}
	}
	intros := aboutMatch(botPosts(t, env.Client(user("admin"), node1()), ch.Id, matchBotID(t)), m.ID)
	if len(intros) != 1 {
		t.Fatalf("%d introduction posts in the pair channel, want 1", len(intros))
	}
	wantContains(t, "introduction", intros[0].Message, "Welcome", "First step")
	return ch
}

func matchBotID(t *testing.T) string {
	t.Helper()
	dmMu.Lock()
	id := botUserID
	dmMu.Unlock()
	if id != "" {
		return id
	}
	bot, _, err := env.Client(user("admin"), node1()).GetUserByUsername(ctx(), "mentorship", "")
	if err != nil {
		t.Fatalf("bot user: %v", err)
	}
	dmMu.Lock()
	botUserID = bot.Id
	dmMu.Unlock()
	return bot.Id
}

var sweepMu sync.Mutex

// fastSweep sets the plugin's DueWorkSweepSeconds to 1 through every given
// node's API (nodes that are not clustered do not pass config changes on),
// keeping the other plugin settings. It is left so: the tests that need it run
// in parallel at the end, and a one-second sweep harms nothing else.
func fastSweep(t *testing.T, nodes ...*harness.Node) {
	t.Helper()
	sweepMu.Lock()
	defer sweepMu.Unlock()
	cfg, _, err := env.Client(user("admin"), node1()).GetConfig(ctx())
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]any{}
	for k, v := range cfg.PluginSettings.Plugins[harness.PluginID] {
		settings[k] = v
	}
	settings["dueworksweepseconds"] = 1
	cfg.PluginSettings.Plugins[harness.PluginID] = settings
	for _, n := range nodes {
		if _, _, err := env.Client(user("admin"), n).UpdateConfig(ctx(), cfg); err != nil {
			t.Fatalf("save config on %s: %v", n.Name, err)
		}
	}
}
