package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The resource hub on a real server: a coordinator adds resources, members
// search them ranked by words and tags within their audience, a member's
// suggestion reaches the coordinator as a DM whose Approve button is pressed
// through Mattermost's post-action endpoint, shares post a card into a
// channel and a DM, opening redirects and counts a view, the counts reach the
// coordinator's insight, and a newcomer's welcome lists the onboarding pack.
// A member of another team sees nothing of it.

type resourceView struct {
	ID          string   `json:"id"`
	ProgramID   string   `json:"program_id"`
	Title       string   `json:"title"`
	URL         string   `json:"url"`
	FileID      string   `json:"file_id"`
	Description string   `json:"description"`
	Tags        []string `json:"tags"`
	Audience    string   `json:"audience"`
	Status      string   `json:"status"`
	AuthorID    string   `json:"author_id"`
	DecidedBy   string   `json:"decided_by"`
	Views       int      `json:"views"`
	Shares      int      `json:"shares"`
	CanEdit     bool     `json:"can_edit"`
	OpenURL     string   `json:"open_url"`
}

type resourceList struct {
	Items []resourceView `json:"items"`
	Total int            `json:"total"`
}

func resourceTitles(l resourceList) []string {
	out := []string{}
	for _, v := range l.Items {
		out = append(out, v.Title)
	}
	return out
}

// hubTitles are the titles of the program's own resources in a list: other
// tests of the run may add global resources, which every hub also shows.
func hubTitles(l resourceList, programID string) []string {
	out := []string{}
	for _, v := range l.Items {
		if v.ProgramID == programID {
			out = append(out, v.Title)
		}
	}
	return out
}

// hubPeople are the test's own people, so that it can run beside others.
var hubPeople = []string{"hub_coord", "hub_mentor", "hub_mentee", "hub_peer", "hub_newbie"}

func addResource(t *testing.T, name, path string, body map[string]any) resourceView {
	t.Helper()
	var v resourceView
	var e apiError
	status := call(t, name, http.MethodPost, path, body, &v)
	if status != http.StatusCreated {
		call(t, name, http.MethodPost, path, body, &e)
		t.Fatalf("%s adds %v: status %d %+v", name, body["title"], status, e)
	}
	return v
}

func searchHub(t *testing.T, name, path string) resourceList {
	t.Helper()
	var l resourceList
	if s := call(t, name, http.MethodGet, path, nil, &l); s != http.StatusOK {
		t.Fatalf("%s GET %s: status %d", name, path, s)
	}
	return l
}

// openAs asks for a resource's open route without following the redirect.
func openAs(t *testing.T, name, resourceID string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, node1().URL+"/plugins/"+harness.PluginID+"/api/v1/resources/"+resourceID+"/open", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+user(name).Token)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// otherTeamMember is a user in a second team only.
func otherTeamMember(t *testing.T) string {
	t.Helper()
	const name = "hub_stranger"
	usersMu.Lock()
	defer usersMu.Unlock()
	if env.Users[name] != nil {
		return name
	}
	u, err := env.AddUser(name, false)
	if err != nil {
		t.Fatal(err)
	}
	ac := env.Client(user("admin"), node1())
	team, _, err := ac.CreateTeam(ctx(), &model.Team{Name: "hub-elsewhere", DisplayName: "Elsewhere", Type: model.TeamOpen})
	if err != nil {
		t.Fatalf("second team: %v", err)
	}
	if _, _, err := ac.AddTeamMember(ctx(), team.Id, u.Id); err != nil {
		t.Fatalf("stranger joins the second team: %v", err)
	}
	return name
}

func TestResourceHub(t *testing.T) {
	matchPeople(t, hubPeople...)
	stranger := otherTeamMember(t)
	p := createProgram(t, "Resource hub", map[string]any{"coordinators": []string{user("hub_coord").Id}})
	joinAs(t, node1(), "hub_mentor", p.ID, "mentor", 0, "")
	joinAs(t, node1(), "hub_mentee", p.ID, "mentee", 0, "")
	joinAs(t, node1(), "hub_peer", p.ID, "peer", 0, "")
	saveProfile(t, "hub_mentee", map[string]any{"skills_wanted": []string{"public speaking"}})
	hub := "/programs/" + p.ID + "/resources"

	// The coordinator adds; what they add is published.
	practice := addResource(t, "hub_coord", hub, map[string]any{"title": "Negotiation in practice", "url": "https://example.com/practice",
		"tags": []string{"Negotiation"}})
	salary := addResource(t, "hub_coord", hub, map[string]any{"title": "Salary talks", "url": "https://example.com/salary",
		"tags": []string{"negotiation", "pay"}, "audience": "mentees"})
	addResource(t, "hub_coord", hub, map[string]any{"title": "Mentor handbook", "url": "https://example.com/mentors", "audience": "mentors"})
	addResource(t, "hub_coord", hub, map[string]any{"title": "Career handbook", "url": "https://example.com/career",
		"description": "A long read in which negotiation comes up once."})
	speaking := addResource(t, "hub_coord", hub, map[string]any{"title": "Public speaking for engineers", "url": "https://example.com/talks",
		"tags": []string{"speaking"}})
	if practice.Status != "published" || !practice.CanEdit || len(practice.Tags) != 1 || practice.Tags[0] != "negotiation" {
		t.Fatalf("the coordinator's resource: %+v", practice)
	}

	// Searching ranks by words and tags, within each reader's audience.
	got := hubTitles(searchHub(t, "hub_mentee", hub+"?q=negotiation"), p.ID)
	if want := []string{"Negotiation in practice", "Salary talks", "Career handbook"}; !slices.Equal(got, want) {
		t.Fatalf("the mentee's search: %q, want %q (title and tag, then tag, then description)", got, want)
	}
	if got := hubTitles(searchHub(t, "hub_mentor", hub+"?q=negotiation"), p.ID); !slices.Equal(got, []string{"Negotiation in practice", "Career handbook"}) {
		t.Fatalf("the mentor's search: %q; the mentees-only resource must not show", got)
	}
	if got := hubTitles(searchHub(t, "hub_mentee", hub+"?tag=pay"), p.ID); !slices.Equal(got, []string{"Salary talks"}) {
		t.Fatalf("the tag filter: %q", got)
	}
	if all := hubTitles(searchHub(t, "hub_peer", hub+"?per_page=200"), p.ID); len(all) != 3 || slices.Contains(all, "Mentor handbook") {
		t.Fatalf("the peer reads %q, want the three resources for everyone", all)
	}
	reply := command(t, "hub_mentee", "/mentor resources "+p.Slug+" --search negotiation")
	wantContains(t, "the command's search", reply, "Negotiation in practice", "Salary talks")

	// Recommendations come from what the mentee wants to learn.
	var rec struct {
		Items   []resourceView `json:"items"`
		BasedOn []string       `json:"based_on"`
	}
	if s := call(t, "hub_mentee", http.MethodGet, hub+"/recommended", nil, &rec); s != http.StatusOK || len(rec.Items) == 0 || rec.Items[0].ID != speaking.ID {
		t.Fatalf("recommendations: status %d %+v, want the speaking resource first", s, rec)
	}

	// Another team's member sees nothing of it.
	if s := call(t, stranger, http.MethodGet, hub, nil, nil); s != http.StatusNotFound {
		t.Fatalf("another team's member lists the hub: status %d, want 404", s)
	}
	if l := searchHub(t, stranger, "/resources?q=negotiation"); l.Total != 0 {
		t.Fatalf("another team's member finds %q", resourceTitles(l))
	}
	if s, _ := openAs(t, stranger, practice.ID); s != http.StatusNotFound {
		t.Fatalf("another team's member opens a resource: status %d", s)
	}

	// A member suggests; the coordinator approves with the DM's button.
	suggestion := addResource(t, "hub_mentee", hub, map[string]any{"title": "Storytelling at work", "url": "https://example.com/story",
		"tags": []string{"speaking"}})
	if suggestion.Status != "suggested" {
		t.Fatalf("the member's resource: %+v, want a suggestion", suggestion)
	}
	if got := hubTitles(searchHub(t, "hub_peer", hub+"?q=storytelling"), p.ID); len(got) != 0 {
		t.Fatalf("a suggestion is listed before approval: %q", got)
	}
	var ask *model.Post
	pollUntil(t, "the coordinator's suggestion DM", 30*time.Second, func() (bool, string) {
		for _, post := range dmPosts(t, "hub_coord") {
			if id, _ := post.GetProp("resource_id").(string); id == suggestion.ID {
				ask = post
				return true, ""
			}
		}
		return false, "no DM about the suggestion"
	})
	if b := buttons(ask); !slices.Equal(b, []string{"approve", "reject"}) {
		t.Fatalf("the suggestion DM's buttons: %q", b)
	}
	if resp, err := pressAs(node1(), "hub_mentee", ask.Id, "approve"); err == nil {
		t.Fatalf("the author pressed the coordinator's button: %+v", resp)
	}
	if _, err := pressAs(node1(), "hub_coord", ask.Id, "approve"); err != nil {
		t.Fatalf("the coordinator presses Approve: %v", err)
	}
	var approved resourceView
	call(t, "hub_coord", http.MethodGet, "/resources/"+suggestion.ID, nil, &approved)
	if approved.Status != "published" || approved.DecidedBy != user("hub_coord").Id {
		t.Fatalf("after Approve: %+v", approved)
	}
	pollUntil(t, "the DM's buttons replaced by the outcome", 30*time.Second, func() (bool, string) {
		posts := containing(dmPosts(t, "hub_coord"), "was approved by @hub_coord")
		return len(posts) == 1 && len(buttons(posts[0])) == 0, fmt.Sprint(len(posts))
	})
	pollUntil(t, "the author hears", 30*time.Second, func() (bool, string) {
		return len(containing(dmPosts(t, "hub_mentee"), "Storytelling at work")) == 1, "no DM to the author"
	})
	if got := hubTitles(searchHub(t, "hub_peer", hub+"?q=storytelling"), p.ID); !slices.Equal(got, []string{"Storytelling at work"}) {
		t.Fatalf("the approved suggestion: %q", got)
	}

	// Shares: into a channel (a card appears) and to a person in a DM.
	var shared resourceView
	if s := call(t, "hub_mentee", http.MethodPost, "/resources/"+practice.ID+"/share",
		map[string]any{"channel_id": env.Channel.Id, "note": "worth a read"}, &shared); s != http.StatusOK || shared.Shares != 1 {
		t.Fatalf("share into town-square: status %d %+v", s, shared)
	}
	c := env.Client(user("hub_mentee"), node1())
	list, _, err := c.GetPostsForChannel(ctx(), env.Channel.Id, 0, 60, "", false, false)
	if err != nil {
		t.Fatal(err)
	}
	var card *model.Post
	for _, post := range list.Posts {
		if id, _ := post.GetProp("resource_id").(string); id == practice.ID {
			card = post
		}
	}
	if card == nil || !strings.Contains(card.Message, "@hub_mentee shared a resource") || !strings.Contains(card.Message, "worth a read") ||
		len(card.Attachments()) != 1 || card.Attachments()[0].Title != "Negotiation in practice" {
		t.Fatalf("the card in town-square: %+v", card)
	}
	if s := call(t, "hub_mentee", http.MethodPost, "/resources/"+practice.ID+"/share", map[string]any{"user_id": user("hub_mentor").Id}, nil); s != http.StatusOK {
		t.Fatalf("share with the mentor: status %d", s)
	}
	if posts := dmPosts(t, "hub_mentor"); len(containing(posts, "@hub_mentee shared a resource with you")) != 1 {
		t.Fatalf("the mentor's DM lacks the card")
	}
	var refused apiError
	if s := call(t, "hub_mentee", http.MethodPost, "/resources/"+practice.ID+"/share", map[string]any{"user_id": user(stranger).Id}, &refused); s != http.StatusBadRequest {
		t.Fatalf("share with another team's member: status %d %+v, want 400", s, refused)
	}

	// Opening redirects and counts a view; a file resource leads to the file.
	if s, to := openAs(t, "hub_mentee", practice.ID); s != http.StatusFound || to != "https://example.com/practice" {
		t.Fatalf("open: %d → %q", s, to)
	}
	if s, _ := openAs(t, "hub_mentor", salary.ID); s != http.StatusNotFound {
		t.Fatalf("a mentor opens the mentees-only resource: status %d", s)
	}
	upload, _, err := env.Client(user("hub_coord"), node1()).UploadFile(ctx(), []byte("slides"), env.Channel.Id, "slides.txt")
	if err != nil {
		t.Fatal(err)
	}
	slides := addResource(t, "hub_coord", hub, map[string]any{"title": "Slides", "file_id": upload.FileInfos[0].Id})
	if s, to := openAs(t, "hub_mentee", slides.ID); s != http.StatusFound || !strings.HasSuffix(to, "/api/v4/files/"+upload.FileInfos[0].Id) {
		t.Fatalf("open a file: %d → %q", s, to)
	}
	var counted resourceView
	call(t, "hub_coord", http.MethodGet, "/resources/"+practice.ID, nil, &counted)
	if counted.Views != 1 || counted.Shares != 2 {
		t.Fatalf("counts: %d views, %d shares; want 1 and 2", counted.Views, counted.Shares)
	}

	// The counts reach the coordinator's insight.
	var insight struct {
		Resources struct {
			Views  int `json:"views"`
			Shares int `json:"shares"`
			Top    []struct {
				ID string `json:"id"`
			} `json:"top"`
		} `json:"resources"`
	}
	if s := call(t, "hub_coord", http.MethodGet, "/programs/"+p.ID+"/insight", nil, &insight); s == http.StatusOK {
		if insight.Resources.Views != 2 || insight.Resources.Shares != 2 || len(insight.Resources.Top) == 0 || insight.Resources.Top[0].ID != practice.ID {
			t.Fatalf("the insight's resource counts: %+v", insight.Resources)
		}
	} else {
		t.Logf("no insight route in this build (status %d): its counts are not checked", s)
	}

	// The onboarding pack, listed in a newcomer's welcome.
	if s := call(t, "hub_coord", http.MethodPut, "/programs/"+p.ID+"/onboarding-packs",
		map[string]any{"mentee": []string{speaking.ID, salary.ID}, "mentor": []string{}, "peer": []string{}}, nil); s != http.StatusOK {
		t.Fatalf("set the packs: status %d", s)
	}
	joinAs(t, node1(), "hub_newbie", p.ID, "mentee", 0, "")
	pollUntil(t, "the welcome with the pack", 30*time.Second, func() (bool, string) {
		welcome := containing(dmPosts(t, "hub_newbie"), "Welcome to "+p.Name)
		if len(welcome) != 1 {
			return false, fmt.Sprint(len(welcome), " welcomes")
		}
		msg := welcome[0].Message
		pack := strings.Index(msg, "[Public speaking for engineers](")
		return pack >= 0 && strings.Index(msg, "[Salary talks](") > pack &&
			strings.Contains(msg, "/resources/"+speaking.ID+"/open"), msg
	})
}
