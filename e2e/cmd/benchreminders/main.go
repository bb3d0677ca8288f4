// Command benchreminders measures the plugin's reminders at scale on two real
// Mattermost nodes sharing one PostgreSQL database: N matches each get a
// session starting in the same minute, so that 2N reminders (one per
// participant) fall due in one minute. It counts the bot's reminder DMs
// (every one exactly once: no duplicate, none missing), the time from the
// minute they fell due to the last delivery, and compares the rate with the
// server's own rate of posting DMs through the REST API, measured in the same
// run. A second round stops node 1 with SIGKILL a few seconds into the sweep
// and counts again: the claims the dead node held are taken over by node 2
// after the scheduler's one-minute lease, and still no reminder is lost or
// sent twice.
//
// Run it with `make bench-reminders` (not part of make test). Members are
// seeded in SQL past the unlicensed 250-user limit (docs/real-server.md § 3a);
// everything else goes through the plugin's REST API as members would use it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

type options struct {
	bundle       string
	sessions     int // N: matches, sessions per round; 2N reminders
	lead         int // reminder lead time, minutes
	perProgram   int
	workers      int
	floorDMs     int
	floorClients int
	slack        float64       // planned scheduling time = measured time × slack
	margin       time.Duration // plus this, before the due minute
	killNode     bool
	killAfter    time.Duration
	stall        time.Duration
	restSample   int
	out          string
}

type bench struct {
	o        options
	env      *harness.Env
	nodes    []*harness.Node
	killed   map[string]bool
	admin    *harness.User
	botID    string
	version  string
	programs []string
	mentees  []*person // pair i is mentees[i] and mentors[i]
	mentors  []*person
	matches  []string
	rep      *report
}

func main() {
	var o options
	flag.StringVar(&o.bundle, "bundle", "../dist/mentorship-0.3.0.tar.gz", "plugin bundle to install")
	flag.IntVar(&o.sessions, "sessions", 5000, "sessions per round (N matches; 2N reminders due in one minute)")
	flag.IntVar(&o.lead, "lead", 5, "reminder lead time in minutes (5 is the smallest the plugin takes)")
	flag.IntVar(&o.perProgram, "per-program", 500, "pairs per program")
	flag.IntVar(&o.workers, "workers", 8, "parallel clients while seeding, spread over both nodes")
	flag.IntVar(&o.floorDMs, "floor-dms", 2000, "DMs posted to measure the server's own rate (the floor)")
	flag.IntVar(&o.floorClients, "floor-clients", 8, "parallel clients posting the floor DMs")
	flag.Float64Var(&o.slack, "slack", 2, "plan the due minute after the measured scheduling time times this")
	flag.DurationVar(&o.margin, "margin", 90*time.Second, "slack between the planned end of scheduling and the due minute")
	flag.BoolVar(&o.killNode, "kill-node", true, "run a second round that kills node 1 in the middle of the sweep")
	flag.DurationVar(&o.killAfter, "kill-after", 3*time.Second, "how long after the due minute node 1 is killed")
	flag.DurationVar(&o.stall, "stall", 4*time.Minute, "stop watching a round when nothing new arrived for this long")
	flag.IntVar(&o.restSample, "rest-check", 500, "pairs whose DMs with the bot are read back through REST at the end")
	flag.StringVar(&o.out, "out", "out/bench-reminders.txt", "summary file")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchreminders:", err)
		os.Exit(1)
	}
}

func (b *bench) live() []*harness.Node {
	var out []*harness.Node
	for _, n := range b.nodes {
		if !b.killed[n.Name] {
			out = append(out, n)
		}
	}
	return out
}

func run(o options) error {
	logs, _ := filepath.Abs("out/bench-reminders")
	fmt.Println("Starting PostgreSQL and two Mattermost nodes with the plugin...")
	env, err := harness.Setup(harness.Options{Bundle: o.bundle, OutDir: logs, Log: os.Stderr})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		return err
	}
	b := &bench{o: o, env: env, killed: map[string]bool{}, rep: &report{}}
	if err := b.start(); err != nil {
		return err
	}
	fmt.Printf("plugin %s on %s and %s; logs in %s\n", b.version, env.Nodes[0].URL, env.Nodes[1].URL, logs)

	n := o.sessions
	b.mentees, b.mentors = make([]*person, n), make([]*person, n)
	for i := range n {
		b.mentees[i] = &person{Username: fmt.Sprintf("rme%05d", i+1)}
		b.mentors[i] = &person{Username: fmt.Sprintf("rmo%05d", i+1)}
	}
	start := time.Now()
	if err := benchseed.CloneUsers(env, env.Users["template"], append(append([]*person{}, b.mentees...), b.mentors...), logs); err != nil {
		return err
	}
	b.rep.note("seeding: %d users copied in SQL in %s", 2*n, time.Since(start).Round(time.Millisecond))
	if err := b.createPrograms(); err != nil {
		return err
	}
	if err := b.seedMatches(); err != nil {
		return err
	}

	fmt.Println("measuring the floor (the server posting DMs through REST)...")
	b.rep.note("floor measured at load average %s", loadavg())
	floor, err := b.measureFloor()
	if err != nil {
		return err
	}
	fmt.Printf("  floor: %d DMs in %s = %.1f DMs/s\n", floor.posts, secs(floor.took), floor.rate())

	// A first small batch (sessions three days out, whose reminders stay out
	// of the way) tells how fast sessions can be scheduled, so that the due
	// minute is planned after the last one.
	pilot := min(50, n)
	_, took, err := b.scheduleSessions("pilot sessions", pilot, time.Now().Add(72*time.Hour).Truncate(time.Minute), time.Time{})
	if err != nil {
		return err
	}
	rate := float64(pilot) / took.Seconds()

	var rounds []*round
	r1, took, err := b.round("round 1 (two nodes)", rate)
	if err != nil {
		return err
	}
	rounds = append(rounds, r1)
	if err := b.watch(r1, nil); err != nil {
		return err
	}
	if o.killNode {
		r2, _, err := b.round("round 2 (node1 killed mid-sweep)", float64(n)/took.Seconds())
		if err != nil {
			return err
		}
		rounds = append(rounds, r2)
		if err := b.watch(r2, func() error { return b.killNode(b.nodes[0]) }); err != nil {
			return err
		}
	}
	if err := b.restCheck(rounds); err != nil {
		return err
	}
	return b.write(o.out, floor, rounds)
}

// start seeds the admin, the team and the template member on node 1, installs
// the plugin, starts node 2 on the same database and configures both.
func (b *bench) start() error {
	env := b.env
	if err := env.Seed("bench", "template"); err != nil {
		return err
	}
	b.admin = env.Users["admin"]
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		return err
	}
	n2, err := env.StartNode()
	if err != nil {
		return err
	}
	// Nodes that are not clustered do not pass plugin state on: node 2
	// enables the plugin through its own API.
	if err := env.EnablePlugin(n2); err != nil {
		return err
	}
	b.nodes = env.Nodes
	b.version, _ = env.ActivePluginVersion(env.Nodes[0])
	if err := b.configure(); err != nil {
		return err
	}
	bot, _, err := client(b.nodes[0], b.admin.Token).GetUserByUsername(context.Background(), "mentorship", "")
	if err != nil {
		return fmt.Errorf("bot user: %w", err)
	}
	b.botID = bot.Id
	return nil
}

// configure sets, through every node's API (nodes that are not clustered do
// not pass config changes on): a one-second sweep, the weekly budget at its
// maximum (so that no reminder becomes a digest), the lead time for
// everybody, and the "did you meet?" follow-up a day after the sessions, so
// that it does not post while the rounds are measured.
func (b *bench) configure() error {
	ctx := context.Background()
	cfg, _, err := client(b.nodes[0], b.admin.Token).GetConfig(ctx)
	if err != nil {
		return err
	}
	settings := map[string]any{}
	for k, v := range cfg.PluginSettings.Plugins[harness.PluginID] {
		settings[k] = v
	}
	settings["dueworksweepseconds"] = 1
	settings["nudgeweeklybudget"] = 100
	settings["sessionreminderleads"] = fmt.Sprint(b.o.lead)
	settings["sessionfollowupminutes"] = 24 * 60
	cfg.PluginSettings.Plugins[harness.PluginID] = settings
	for _, n := range b.nodes {
		if _, _, err := client(n, b.admin.Token).UpdateConfig(ctx, cfg); err != nil {
			return fmt.Errorf("save config on %s: %w", n.Name, err)
		}
	}
	return nil
}

// round schedules one session per match starting at one minute, planned from
// the scheduling rate, and returns the round and how long scheduling took.
func (b *bench) round(name string, rate float64) (*round, time.Duration, error) {
	start, due := b.planRound(rate)
	fmt.Printf("%s: %d sessions at %s, reminders due at %s (in %s)\n", name, b.o.sessions,
		start.UTC().Format("15:04"), due.UTC().Format("15:04:05"), time.Until(due).Round(time.Second))
	ids, took, err := b.scheduleSessions(name+" sessions", b.o.sessions, start, due)
	if err != nil {
		return nil, 0, err
	}
	b.rep.note("%s: %d sessions scheduled (POST /sessions, invites with .ics) in %s, %s before the due minute",
		name, len(ids), took.Round(time.Second), time.Until(due).Round(time.Second))
	return &round{name: name, sessions: ids, due: due}, took, nil
}
