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
	bundle := flag.String("bundle", "../dist/mentorship-0.3.0.tar.gz", "plugin bundle to install")
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
	members := []string{"coordinator", "ana", "ben", "chloe", "dev", "emma", "farid", "grace", "hiro"}
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
  Users:       admin (system admin), coordinator, ana, ben, chloe, dev, emma,
               farid, grace, hiro (each with a profile)
  Password:    %s
  Team:        demo, with programs "Women in Tech" (open, self-serve matching:
               ana and emma look for mentors, chloe and grace mentor),
               "Spring Cohort" (coordinator matching: ben, farid and hiro wait for
               a mentor, chloe and dev mentor), "Leadership Circle" (approval;
               dev's request is waiting), "New Hire Buddies" (peer circles) and
               "Ask a Senior" (office hours: dev offers 15-minute slots daily
               16:00-17:00); emma and grace are a pair with a fortnightly session

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

A five-minute tour:
  1. Log in as ana. The sidebar's Mentoring tab suggests mentors for Women in
     Tech with the reasons; press Request (or run /mentor suggest women-in-tech,
     then /mentor request women-in-tech @chloe --message Hi!).
  2. Switch to chloe: the request is in the bot DMs and in the sidebar; Accept.
     A private channel for the pair opens with an introduction; both sidebars
     show the match.
  3. Switch to coordinator: the Coordinator tab runs a matching preview of Spring
     Cohort (coverage, pairs with reasons, who stays unmatched and why); Publish
     sends the proposals (/mentor match preview spring-cohort works too).
  4. Log in as ben, run /mentor join, choose "Leadership Circle" and a role; the
     coordinator approves it from the bot DM.
  5. Log in as grace: the bot DM has emma's session invite with its .ics and
     Confirm / Propose another time; the sidebar lists the upcoming sessions in
     grace's time zone. In the pair channel, /mentor session next tuesday 10am
     for 30m schedules another; /mentor calendar new gives a private feed URL.
     The pair's goal is pinned in their channel; /mentor goal update 1
     --done-milestone 1 posts a card and moves the progress bar; the bot's
     "How is it going?" check-in has great / fine / struggling buttons.
  6. Log in as ben: /mentor hours ask-a-senior lists dev's free slots;
     /mentor book ask-a-senior @dev <a time from the list> books one.
  7. Log in as coordinator: the Coordinator tab's insight for Women in Tech
     (charts, at-risk list with Nudge, CSV exports); /mentor export
     women-in-tech members DMs the CSV. The Resources tab searches the hub
     (/mentor resources women-in-tech --search speaking).

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
	coord := env.Users["coordinator"].Id
	programs := []map[string]any{
		{"name": "Women in Tech", "description": "Six months of one-to-one mentoring for women engineers. Pick your mentor.",
			"enrollment_mode": "open", "matching_mode": "self_serve",
			"start_date": "2027-01-11", "end_date": "2027-06-30", "coordinators": []string{admin.Id, coord}},
		{"name": "Spring Cohort", "description": "Coordinators pair this cohort in one batch.", "enrollment_mode": "open",
			"matching_mode": "coordinator", "coordinators": []string{coord}},
		{"name": "Leadership Circle", "description": "For new team leads. A coordinator approves each request.", "enrollment_mode": "approval",
			"coordinators": []string{coord}},
		{"name": "New Hire Buddies", "description": "Small peer circles for your first three months.", "kind": "circles",
			"coordinators": []string{coord}},
		{"name": "Ask a Senior", "description": "Book 15 minutes with a senior engineer.", "kind": "office_hours",
			"coordinators": []string{coord}},
	}
	var ids []string
	for _, body := range programs {
		body["team_id"] = env.Team.Id
		id, err := create(env, admin, body)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	if err := seedProfiles(env); err != nil {
		return err
	}
	joins := []struct {
		user, role string
		program    int
	}{
		{"chloe", "mentor", 0}, {"grace", "mentor", 0}, {"ana", "mentee", 0}, {"emma", "mentee", 0},
		{"chloe", "mentor", 1}, {"dev", "mentor", 1}, {"ben", "mentee", 1}, {"farid", "mentee", 1}, {"hiro", "mentee", 1},
		{"dev", "mentee", 2},
		{"dev", "mentor", 4}, {"ben", "mentee", 4}, {"ana", "mentee", 4},
	}
	for _, j := range joins {
		status, data, err := env.Plugin(env.Users[j.user], env.Nodes[0], http.MethodPost, "/programs/"+ids[j.program]+"/join", map[string]any{"role": j.role})
		if err != nil || status != http.StatusCreated {
			return fmt.Errorf("%s joins: %d %s %v", j.user, status, data, err)
		}
	}
	return seedSessions(env, ids[0], ids[4])
}

// seedSessions gives the demo a live pair with a fortnightly session (emma and
// grace in Women in Tech) and office hours to book (dev in Ask a Senior).
func seedSessions(env *harness.Env, pairProgram, hoursProgram string) error {
	var match struct{ ID string }
	if err := demoCall(env, "emma", http.MethodPost, "/programs/"+pairProgram+"/requests", map[string]any{"mentor_id": env.Users["grace"].Id, "message": "Hi Grace!"}, http.StatusCreated, &match); err != nil {
		return err
	}
	if err := demoCall(env, "grace", http.MethodPost, "/matches/"+match.ID+"/accept", nil, http.StatusOK, nil); err != nil {
		return err
	}
	session := map[string]any{"match_id": match.ID, "when": "tomorrow 3pm for 45m", "recurrence": "every 2 weeks",
		"title": "Career chat", "agenda": "Goals for the first quarter"}
	if err := demoCall(env, "emma", http.MethodPost, "/sessions", session, http.StatusCreated, nil); err != nil {
		return err
	}
	var windows []map[string]any
	for day := range 7 {
		windows = append(windows, map[string]any{"weekday": day, "start": "16:00", "end": "17:00"})
	}
	hours := map[string]any{"windows": windows, "slot_minutes": 15, "weeks": 4, "where": "link", "location": "https://meet.example.com/dev"}
	if err := demoCall(env, "dev", http.MethodPut, "/programs/"+hoursProgram+"/office-hours", hours, http.StatusOK, nil); err != nil {
		return err
	}
	return seedGoalsAndResources(env, pairProgram, match.ID)
}

// seedGoalsAndResources gives emma and grace a goal with milestones and a
// check-in round, and Women in Tech a small resource hub with onboarding packs.
func seedGoalsAndResources(env *harness.Env, program, matchID string) error {
	goal := map[string]any{"title": "Give a talk at a meetup", "measure": "A 20-minute talk given", "due": "2027-05-31",
		"milestones": []string{"Pick a topic", "Outline", "Dry run with Grace"}}
	if err := demoCall(env, "emma", http.MethodPost, "/matches/"+matchID+"/goals", goal, http.StatusCreated, nil); err != nil {
		return err
	}
	if err := demoCall(env, "coordinator", http.MethodPost, "/matches/"+matchID+"/checkins/round", nil, http.StatusCreated, nil); err != nil {
		return err
	}
	resources := []map[string]any{
		{"title": "How to be a great mentor", "url": "https://example.com/great-mentor", "tags": []string{"mentoring", "listening"},
			"audience": "mentors", "description": "Ask, listen, share stories; a one-page guide."},
		{"title": "Getting the most from your mentor", "url": "https://example.com/mentee-guide", "tags": []string{"goals", "feedback"},
			"audience": "mentees", "description": "Set goals, prepare each session, ask for feedback."},
		{"title": "Public speaking starter kit", "url": "https://example.com/speaking", "tags": []string{"public speaking", "talks"},
			"audience": "all", "description": "From a topic to a meetup talk in six weeks."},
	}
	ids := map[string]string{}
	for _, r := range resources {
		var created struct{ ID string }
		if err := demoCall(env, "coordinator", http.MethodPost, "/programs/"+program+"/resources", r, http.StatusCreated, &created); err != nil {
			return err
		}
		ids[r["audience"].(string)] = created.ID
	}
	packs := map[string]any{"mentor": []string{ids["mentors"], ids["all"]}, "mentee": []string{ids["mentees"], ids["all"]}, "peer": []string{}}
	return demoCall(env, "coordinator", http.MethodPut, "/programs/"+program+"/onboarding-packs", packs, http.StatusOK, nil)
}

// demoCall calls the plugin's REST API as a demo user and expects a status.
func demoCall(env *harness.Env, user, method, path string, body any, want int, out any) error {
	status, data, err := env.Plugin(env.Users[user], env.Nodes[0], method, path, body)
	if err != nil || status != want {
		return fmt.Errorf("%s %s as %s: %d %s %v", method, path, user, status, data, err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func create(env *harness.Env, admin *harness.User, body map[string]any) (string, error) {
	status, data, err := env.Plugin(admin, env.Nodes[0], http.MethodPost, "/programs", body)
	if err != nil || status != http.StatusCreated {
		return "", fmt.Errorf("create %s: %d %s %v", body["name"], status, data, err)
	}
	var created struct{ ID string }
	err = json.Unmarshal(data, &created)
	return created.ID, err
}

// seedProfiles gives every demo user a profile, so suggestions and previews
// have reasons to show.
func seedProfiles(env *harness.Env) error {
	profiles := map[string]map[string]any{
		"ana":   {"skills_wanted": []string{"public speaking", "system design"}, "interests": []string{"climbing"}, "languages": []string{"English", "Spanish"}, "experience_level": "junior", "experience_years": 2},
		"emma":  {"skills_wanted": []string{"go", "career growth"}, "interests": []string{"music"}, "languages": []string{"English"}, "experience_level": "mid", "experience_years": 4},
		"ben":   {"skills_wanted": []string{"leadership"}, "interests": []string{"chess"}, "languages": []string{"English"}, "experience_level": "mid", "experience_years": 5},
		"farid": {"skills_wanted": []string{"kubernetes", "go"}, "languages": []string{"English", "Arabic"}, "experience_level": "junior", "experience_years": 1},
		"hiro":  {"skills_wanted": []string{"product management"}, "interests": []string{"photography"}, "languages": []string{"English", "Japanese"}, "experience_level": "mid", "experience_years": 3},
		"chloe": {"skills_offered": []string{"public speaking", "leadership", "go"}, "interests": []string{"climbing", "chess"}, "languages": []string{"English", "Spanish"}, "experience_level": "lead", "experience_years": 12, "availability_hours": 4},
		"grace": {"skills_offered": []string{"system design", "career growth"}, "interests": []string{"music"}, "languages": []string{"English"}, "experience_level": "senior", "experience_years": 9, "availability_hours": 3},
		"dev":   {"skills_offered": []string{"kubernetes", "go", "product management"}, "interests": []string{"photography"}, "languages": []string{"English", "Japanese"}, "experience_level": "senior", "experience_years": 8, "availability_hours": 2},
	}
	for user, profile := range profiles {
		status, data, err := env.Plugin(env.Users[user], env.Nodes[0], http.MethodPut, "/profile", profile)
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("%s's profile: %d %s %v", user, status, data, err)
		}
	}
	return nil
}
