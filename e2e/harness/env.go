package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// PluginID is the plugin under test.
const PluginID = "mentorship"

// Password is every seeded user's password.
const Password = "Mentorship-Pass-1!"

// Options configure an environment.
type Options struct {
	Bundle  string            // the plugin .tar.gz to install
	OutDir  string            // logs and artifacts
	HostDir string            // files served as the web client (browser host page)
	Vendor  map[string]string // extra client files: name → source path (UMD builds)
	Log     io.Writer
}

// User is a seeded Mattermost user with a logged-in client on the first node.
type User struct {
	*model.User
	Password string
	Token    string
}

// Env is PostgreSQL plus one or more Mattermost nodes sharing its database.
type Env struct {
	opts      Options
	Root      string
	PG        *Postgres
	Binary    string
	DSN       string
	FilesDir  string
	ClientDir string
	Nodes     []*Node
	Team      *model.Team
	Channel   *model.Channel // the team's town-square
	Users     map[string]*User
}

// Setup builds (or reuses) the server, starts PostgreSQL and the first node.
func Setup(opts Options) (*Env, error) {
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp("", "mentorship-e2e-")
	if err != nil {
		return nil, err
	}
	// PostgreSQL runs as its own system user and must traverse this directory.
	if err := os.Chmod(root, 0o755); err != nil {
		return nil, err
	}
	e := &Env{opts: opts, Root: root, Users: map[string]*User{}}
	if e.Binary, err = BuildServer(opts.Log); err != nil {
		return e, err
	}
	pgLog, err := os.Create(filepath.Join(opts.OutDir, "postgres.log"))
	if err != nil {
		return e, err
	}
	if e.PG, err = StartPostgres(filepath.Join(root, "pg"), pgLog); err != nil {
		return e, err
	}
	if err := e.PG.CreateDatabase("mattermost_e2e"); err != nil {
		return e, err
	}
	e.DSN = e.PG.DSN("mattermost_e2e")
	e.FilesDir = filepath.Join(root, "files")
	e.ClientDir = filepath.Join(root, "client")
	if err := os.MkdirAll(e.FilesDir, 0o755); err != nil {
		return e, err
	}
	if err := e.prepareClientDir(); err != nil {
		return e, err
	}
	if _, err := e.StartNode(); err != nil {
		return e, err
	}
	return e, nil
}

func (e *Env) prepareClientDir() error {
	if err := os.MkdirAll(e.ClientDir, 0o755); err != nil {
		return err
	}
	if e.opts.HostDir != "" {
		if err := copyDir(e.opts.HostDir, e.ClientDir); err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(e.ClientDir, "root.html")); err != nil {
		if err := os.WriteFile(filepath.Join(e.ClientDir, "root.html"), []byte("<!doctype html><title>Mattermost</title>"), 0o644); err != nil {
			return err
		}
	}
	for name, src := range e.opts.Vendor {
		data, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("host page file %s: %w (run npm ci in webapp/)", name, err)
		}
		if err := os.WriteFile(filepath.Join(e.ClientDir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// HostPage returns the options that serve the browser host page (hostDir) with
// the React, ReactDOM, Redux and ReactRedux UMD builds from the webapp's
// node_modules, the globals a plugin bundle expects.
func HostPage(hostDir, nodeModules string) (string, map[string]string) {
	return hostDir, map[string]string{
		"react.js":       filepath.Join(nodeModules, "react/umd/react.production.min.js"),
		"react-dom.js":   filepath.Join(nodeModules, "react-dom/umd/react-dom.production.min.js"),
		"redux.js":       filepath.Join(nodeModules, "redux/dist/redux.min.js"),
		"react-redux.js": filepath.Join(nodeModules, "react-redux/dist/react-redux.min.js"),
	}
}

// StartNode starts one more node on the shared database and file store.
func (e *Env) StartNode() (*Node, error) {
	name := fmt.Sprintf("node%d", len(e.Nodes)+1)
	n, err := StartNode(NodeConfig{
		Name: name, Binary: e.Binary, DSN: e.DSN, FilesDir: e.FilesDir, ClientDir: e.ClientDir,
		WorkDir: filepath.Join(e.Root, name), LogDir: e.opts.OutDir,
	})
	if err != nil {
		return nil, err
	}
	e.Nodes = append(e.Nodes, n)
	return n, nil
}

// Close stops every node, then PostgreSQL, and removes the temporary files.
func (e *Env) Close() {
	for i := len(e.Nodes) - 1; i >= 0; i-- {
		e.Nodes[i].Stop()
	}
	if e.PG != nil {
		e.PG.Stop()
	}
	if e.Root != "" {
		_ = os.RemoveAll(e.Root)
	}
}

// Client returns a Mattermost API client for user on node.
func (e *Env) Client(u *User, node *Node) *model.Client4 {
	c := model.NewAPIv4Client(node.URL)
	c.SetToken(u.Token)
	return c
}

// Seed creates the system admin (the first user), a team and the given members.
func (e *Env) Seed(teamName string, members ...string) error {
	ctx := context.Background()
	node := e.Nodes[0]
	anon := model.NewAPIv4Client(node.URL)
	admin, err := e.createUser(anon, "admin")
	if err != nil {
		return err
	}
	ac := e.Client(admin, node)
	team, _, err := ac.CreateTeam(ctx, &model.Team{Name: teamName, DisplayName: "Mentoring Org", Type: model.TeamOpen})
	if err != nil {
		return fmt.Errorf("create team: %w", err)
	}
	e.Team = team
	if e.Channel, _, err = ac.GetChannelByName(ctx, "town-square", team.Id, ""); err != nil {
		return fmt.Errorf("town-square: %w", err)
	}
	for _, name := range members {
		if _, err := e.AddUser(name, true); err != nil {
			return err
		}
	}
	return nil
}

// AddUser creates a user, logs them in and, when inTeam, adds them to the team.
func (e *Env) AddUser(name string, inTeam bool) (*User, error) {
	ctx := context.Background()
	u, err := e.createUser(e.Client(e.Users["admin"], e.Nodes[0]), name)
	if err != nil {
		return nil, err
	}
	if inTeam {
		if _, _, err := e.Client(e.Users["admin"], e.Nodes[0]).AddTeamMember(ctx, e.Team.Id, u.Id); err != nil {
			return nil, fmt.Errorf("add %s to team: %w", name, err)
		}
	}
	return u, nil
}

func (e *Env) createUser(c *model.Client4, name string) (*User, error) {
	ctx := context.Background()
	created, _, err := c.CreateUser(ctx, &model.User{Username: name, Email: name + "@example.test", Password: Password,
		FirstName: name, LastName: "Tester"})
	if userLimitReached(err) {
		created, err = e.copyUserInSQL(c, name)
	}
	if err != nil {
		return nil, fmt.Errorf("create user %s: %w", name, err)
	}
	login := model.NewAPIv4Client(e.Nodes[0].URL)
	if _, _, err := login.Login(ctx, name, Password); err != nil {
		return nil, fmt.Errorf("log in %s: %w", name, err)
	}
	u := &User{User: created, Password: Password, Token: login.AuthToken}
	e.Users[name] = u
	return u, nil
}

// InstallPlugin uploads the bundle through node's API and enables it there.
func (e *Env) InstallPlugin(node *Node) error {
	ctx := context.Background()
	f, err := os.Open(e.opts.Bundle)
	if err != nil {
		return fmt.Errorf("open bundle %s (run make dist first): %w", e.opts.Bundle, err)
	}
	defer f.Close()
	ac := e.Client(e.Users["admin"], node)
	if _, _, err := ac.UploadPluginForced(ctx, f); err != nil {
		return fmt.Errorf("upload plugin: %w", err)
	}
	return e.EnablePlugin(node)
}

// EnablePlugin enables the plugin through node's API and waits until it serves.
func (e *Env) EnablePlugin(node *Node) error {
	ac := e.Client(e.Users["admin"], node)
	if _, err := ac.EnablePlugin(context.Background(), PluginID); err != nil {
		return fmt.Errorf("enable plugin on %s: %w", node.Name, err)
	}
	return e.WaitPluginServing(node)
}

// WaitPluginServing polls an authenticated plugin route on node until it answers.
func (e *Env) WaitPluginServing(node *Node) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		status, _, err := e.Plugin(e.Users["admin"], node, http.MethodGet, "/me/programs", nil)
		if err == nil && status == http.StatusOK {
			return nil
		}
		time.Sleep(300 * time.Millisecond)
	}
	return fmt.Errorf("plugin did not start serving on %s (log: %s)", node.Name, node.LogPath)
}

// Plugin calls the plugin's REST API as u on node; u nil sends no credentials.
func (e *Env) Plugin(u *User, node *Node, method, path string, body any) (int, []byte, error) {
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewBufferString(b)
	case []byte:
		reader = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, node.URL+"/plugins/"+PluginID+"/api/v1"+path, reader)
	if err != nil {
		return 0, nil, err
	}
	if u != nil {
		req.Header.Set("Authorization", "Bearer "+u.Token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}
