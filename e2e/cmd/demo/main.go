// Command demo runs PostgreSQL and a real Mattermost server on loopback with the
// Mentorship plugin installed and a demo team, users and programs seeded, then
// waits for Ctrl-C and stops everything it started. Run it with `make demo`.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

func main() {
	bundle := flag.String("bundle", "../dist/mentorship-0.2.0.tar.gz", "plugin bundle to install")
	flag.Parse()
	if err := run(*bundle); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(bundle string) error {
	out, _ := filepath.Abs("out/demo")
	webapp, _ := filepath.Abs("../webapp/node_modules")
	fmt.Println("Starting PostgreSQL and Mattermost (the first run builds the server: 2-3 minutes)...")
	hostDir, vendor := harness.HostPage("browser/host", webapp)
	env, err := harness.Setup(harness.Options{Bundle: bundle, OutDir: out, Log: os.Stderr, HostDir: hostDir, Vendor: vendor})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		return err
	}
	members := []string{"coordinator", "ana", "ben", "chloe", "dev"}
	if err := env.Seed("demo", members...); err != nil {
		return err
	}
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		return err
	}
	if err := seedPrograms(env); err != nil {
		return err
	}

	node := env.Nodes[0]
	fmt.Printf(`
Mentorship demo is running.

  Server:      %s   (Mattermost 11.4 on PostgreSQL, loopback only)
  Users:       admin (system admin), coordinator, ana, ben, chloe, dev
  Password:    %s
  Team:        demo, with programs "Women in Tech" (open), "Leadership Circle"
               (approval; dev's request is waiting) and "New Hire Buddies" (peer circles)

Open %s/ in a browser and log in. A small host page stands in
for the full Mattermost web app; everything on it goes through the real server:

  Slash commands   type any command in the box (/mentor help, /mentor programs,
                   /mentor join ...); the reply and the plugin's ephemeral
                   messages appear under it.
  Dialogs          a command without options (/mentor join, /mentor program
                   create) opens its form; the plugin's errors show under the fields.
  Bot DMs          the @mentorship bot's messages to you, with their buttons
                   (Approve / Decline on join requests); they update live.
  Switch user      top right: pick a user, type the password, Log in.
  Sidebar          on the right, loaded from the plugin's webapp bundle.

A five-minute tour: log in as ben, run /mentor join, choose "Leadership Circle"
and a role, Join. Switch to coordinator: the request is in the bot DMs; press
Approve. Switch back to ben: the welcome is there and the sidebar shows Active.

The same through curl:
  TOKEN=$(curl -si -d '{"login_id":"ben","password":"%s"}' %s/api/v4/users/login | sed -n 's/^Token: //p' | tr -d '\r')
  curl -H "Authorization: Bearer $TOKEN" %s/plugins/mentorship/api/v1/me/programs
  curl -H "Authorization: Bearer $TOKEN" -d '{"command":"/mentor help","channel_id":"%s"}' %s/api/v4/commands/execute

Logs: %s
Press Ctrl-C to stop (the server and the database are removed).
`, node.URL, harness.Password, node.URL, harness.Password, node.URL, node.URL, env.Channel.Id, node.URL, out)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	fmt.Println("stopping...")
	return nil
}

func seedPrograms(env *harness.Env) error {
	admin := env.Users["admin"]
	node := env.Nodes[0]
	coord := env.Users["coordinator"].Id
	programs := []map[string]any{
		{"name": "Women in Tech", "description": "Six months of one-to-one mentoring for women engineers.", "enrollment_mode": "open",
			"start_date": "2027-01-11", "end_date": "2027-06-30", "coordinators": []string{admin.Id, coord}},
		{"name": "Leadership Circle", "description": "For new team leads. A coordinator approves each request.", "enrollment_mode": "approval",
			"coordinators": []string{coord}},
		{"name": "New Hire Buddies", "description": "Small peer circles for your first three months.", "kind": "circles",
			"coordinators": []string{coord}},
	}
	var ids []string
	for _, body := range programs {
		body["team_id"] = env.Team.Id
		status, data, err := env.Plugin(admin, node, http.MethodPost, "/programs", body)
		if err != nil || status != http.StatusCreated {
			return fmt.Errorf("create %s: %d %s %v", body["name"], status, data, err)
		}
		var created struct{ ID string }
		if err := json.Unmarshal(data, &created); err != nil {
			return err
		}
		ids = append(ids, created.ID)
	}
	joins := []struct {
		user, role string
		program    int
	}{{"ana", "mentee", 0}, {"chloe", "mentor", 0}, {"dev", "mentee", 1}}
	for _, j := range joins {
		status, data, err := env.Plugin(env.Users[j.user], node, http.MethodPost, "/programs/"+ids[j.program]+"/join", map[string]any{"role": j.role})
		if err != nil || status != http.StatusCreated {
			return fmt.Errorf("%s joins: %d %s %v", j.user, status, data, err)
		}
	}
	return nil
}
