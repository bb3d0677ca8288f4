// Package e2e drives the plugin inside a real Mattermost server on a real
// PostgreSQL, as real users would: REST calls, slash commands, buttons, dialogs,
// bot DMs, two server nodes and a browser.
package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

var (
	bundleFlag = flag.String("bundle", "../dist/mentorship-0.4.0.tar.gz", "plugin bundle to install")
	env        *harness.Env
	outDir     string
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	outDir, _ = filepath.Abs("out")
	webapp, _ := filepath.Abs("../webapp/node_modules")
	hostDir, vendor := harness.HostPage("browser/host", webapp)
	env, err = harness.Setup(harness.Options{Bundle: *bundleFlag, OutDir: outDir, Log: os.Stderr, HostDir: hostDir, Vendor: vendor})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup failed:", err)
		return 1
	}
	if err := env.Seed("mentoring", "coord", "ana", "bob", "cy", "dee", "eve"); err != nil {
		fmt.Fprintln(os.Stderr, "seed failed:", err)
		return 1
	}
	if _, err := env.AddUser("outsider", false); err != nil {
		fmt.Fprintln(os.Stderr, "seed failed:", err)
		return 1
	}
	start := time.Now()
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		fmt.Fprintln(os.Stderr, "install failed:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "plugin installed and serving in %s\n", time.Since(start).Round(time.Millisecond))
	return m.Run()
}

// --- helpers ---------------------------------------------------------------

func user(name string) *harness.User { return env.Users[name] }

func node1() *harness.Node { return env.Nodes[0] }

// call hits the plugin API as name ("" = anonymous) on node1 and decodes into out.
func call(t *testing.T, name, method, path string, body any, out any) int {
	t.Helper()
	return callOn(t, node1(), name, method, path, body, out)
}

func callOn(t *testing.T, node *harness.Node, name, method, path string, body any, out any) int {
	t.Helper()
	var u *harness.User
	if name != "" {
		u = user(name)
	}
	status, data, err := env.Plugin(u, node, method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decode %q: %v", method, path, data, err)
		}
	}
	return status
}

type program struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Slug           string   `json:"slug"`
	TeamID         string   `json:"team_id"`
	Description    string   `json:"description"`
	EnrollmentMode string   `json:"enrollment_mode"`
	Coordinators   []string `json:"coordinators"`
	Archived       bool     `json:"archived"`
	CanManage      bool     `json:"can_manage"`
}

type enrollment struct {
	UserID   string `json:"user_id"`
	Username string `json:"username"`
	Role     string `json:"role"`
	Capacity int    `json:"capacity"`
	Status   string `json:"status"`
	Until    string `json:"paused_until"`
}

type joinResult struct {
	Enrollment enrollment `json:"enrollment"`
	Created    bool       `json:"created"`
}

type apiError struct {
	Error string `json:"error"`
	Field string `json:"field"`
}

var programCounter int

// createProgram makes a program as admin with a unique name and the given fields.
func createProgram(t *testing.T, base string, fields map[string]any) program {
	t.Helper()
	programCounter++
	body := map[string]any{"team_id": env.Team.Id, "name": fmt.Sprintf("%s %d", base, programCounter)}
	for k, v := range fields {
		body[k] = v
	}
	var p program
	if status := call(t, "admin", http.MethodPost, "/programs", body, &p); status != http.StatusCreated {
		t.Fatalf("create program: status %d", status)
	}
	return p
}

// command runs a slash command as name in town-square and returns the reply.
func command(t *testing.T, name, line string) string {
	t.Helper()
	resp, _, err := env.Client(user(name), node1()).ExecuteCommand(context.Background(), env.Channel.Id, line)
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	return resp.Text
}

// botDM returns the posts of the bot's DM with name, oldest first.
func botDM(t *testing.T, name string) []*model.Post {
	t.Helper()
	ctx := context.Background()
	c := env.Client(user(name), node1())
	bot, _, err := c.GetUserByUsername(ctx, "mentorship", "")
	if err != nil {
		t.Fatalf("bot user: %v", err)
	}
	ch, _, err := c.CreateDirectChannel(ctx, user(name).Id, bot.Id)
	if err != nil {
		t.Fatalf("DM channel: %v", err)
	}
	list, _, err := c.GetPostsForChannel(ctx, ch.Id, 0, 200, "", false, false)
	if err != nil {
		t.Fatalf("DM posts: %v", err)
	}
	posts := make([]*model.Post, 0, len(list.Posts))
	for _, p := range list.Posts {
		if p.UserId == bot.Id {
			posts = append(posts, p)
		}
	}
	sort.Slice(posts, func(i, j int) bool { return posts[i].CreateAt < posts[j].CreateAt })
	return posts
}

// postsMentioning filters posts whose message contains text.
func postsMentioning(posts []*model.Post, text string) []*model.Post {
	var out []*model.Post
	for _, p := range posts {
		if strings.Contains(p.Message, text) || strings.Contains(fmt.Sprint(p.GetProps()), text) {
			out = append(out, p)
		}
	}
	return out
}

func wantStatus(t *testing.T, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status %d, want %d", what, got, want)
	}
}

func wantContains(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Fatalf("%s: %q does not contain %q", what, text, p)
		}
	}
}

func ctx() context.Context { return context.Background() }

// postText is a post's message plus its attachments' text.
func postText(p *model.Post) string {
	text := p.Message
	for _, a := range p.Attachments() {
		text += "\n" + a.Text
	}
	return text
}
