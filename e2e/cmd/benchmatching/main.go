// Command benchmatching measures the matching flows of the plugin at the scale
// of a large organization on a real Mattermost server (PostgreSQL + one node;
// a second node joins for the request race): a program of 10,000 members
// (8,000 mentees, 2,000 mentors with realistic profiles), and prints a table
// of p50/p95 latencies against the targets of issue 7. Run it with
// `make bench-matching` (not part of make test: it takes several minutes).
//
// The population is copied in SQL from one API-made user (past the unlicensed
// server's 250-user limit, docs/real-server.md § 3a); every profile and every
// join goes through the plugin's REST API, as a member's would.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

type options struct {
	bundle    string
	members   int // of the large program
	smallBase int // members of the small program before its joins are measured
	joins     int // measured joins per program
	samples   int // measured rounds of suggest and member lists
	warmup    int
	previews  int
	workers   int
	race      bool
	quietLoad float64
	quietWait time.Duration
	seed      uint64
}

func main() {
	var o options
	flag.StringVar(&o.bundle, "bundle", "../dist/mentorship-0.3.0.tar.gz", "plugin bundle to install")
	flag.IntVar(&o.members, "members", 10000, "members of the large program (one in five a mentor)")
	flag.IntVar(&o.smallBase, "small", 100, "members of the small program (the join reference)")
	flag.IntVar(&o.joins, "joins", 200, "measured joins per program")
	flag.IntVar(&o.samples, "n", 200, "measured rounds of the suggestion and member-list measurements")
	flag.IntVar(&o.warmup, "warmup", 20, "unmeasured rounds first")
	flag.IntVar(&o.previews, "previews", 3, "preview runs")
	flag.IntVar(&o.workers, "workers", 4, "parallel clients while seeding")
	flag.BoolVar(&o.race, "race", true, "run the 20-request race on two nodes")
	flag.Float64Var(&o.quietLoad, "quiet-load", 1.5, "before measuring, wait until the 1-minute load average is below this")
	flag.DurationVar(&o.quietWait, "quiet-wait", 3*time.Minute, "but no longer than this")
	flag.Uint64Var(&o.seed, "seed", 1, "profile generator seed")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchmatching:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.joins >= o.members {
		return fmt.Errorf("-joins must be smaller than -members")
	}
	out, _ := filepath.Abs("out/bench-matching")
	fmt.Println("Starting PostgreSQL and Mattermost with the plugin...")
	env, err := harness.Setup(harness.Options{Bundle: o.bundle, OutDir: out, Log: os.Stderr})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		return err
	}
	if err := env.Seed("bench", "coord", "template"); err != nil {
		return err
	}
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		return err
	}
	version, _ := env.ActivePluginVersion(env.Nodes[0])
	w := &world{env: env, node: env.Nodes[0], coord: env.Users["coord"], rep: &report{}, o: o}
	if w.big, err = createProgram(env, "Scale Program", w.coord); err != nil {
		return err
	}
	if w.small, err = createProgram(env, "Small Program", w.coord); err != nil {
		return err
	}

	gen := newProfileGen(o.seed)
	people := func(prefix string, n, width int) []*member {
		out := make([]*member, n)
		for i := range out {
			out[i] = &member{Account: benchseed.Account{Username: fmt.Sprintf("%s%0*d", prefix, width, i+1)}, Mentor: i%5 == 4}
			gen.fill(out[i])
		}
		return out
	}
	big := people("bm", o.members, 5)
	small := people("sm", o.smallBase+o.joins, 4)
	race := people("rc", 21, 2)
	for i, m := range race { // one mentor and 20 mentees
		m.Mentor = i == 0
		gen.fill(m)
	}
	all := append(append(append([]*member{}, big...), small...), race...)
	start := time.Now()
	accounts := make([]*benchseed.Account, len(all))
	for i, m := range all {
		accounts[i] = &m.Account
	}
	if err := benchseed.CloneUsers(env, env.Users["template"], accounts, out); err != nil {
		return err
	}
	fmt.Printf("plugin %s; %d users seeded in SQL in %s\n", version, len(all), time.Since(start).Round(time.Millisecond))

	start = time.Now()
	if err := parallel("profiles", len(all), o.workers, func(i int) error { return saveProfile(w.node, all[i]) }); err != nil {
		return err
	}
	fmt.Printf("%d profiles saved through PUT /profile in %s\n", len(all), time.Since(start).Round(time.Second))
	early := o.members - o.joins
	start = time.Now()
	if err := parallel("joins", early, o.workers, func(i int) error { _, err := joinProgram(w.node, big[i], w.big.ID); return err }); err != nil {
		return err
	}
	fmt.Printf("%d members joined %s through POST /join (%d clients) in %s\n", early, w.big.Slug, o.workers, time.Since(start).Round(time.Second))
	if err := parallel("small joins", o.smallBase, o.workers, func(i int) error { _, err := joinProgram(w.node, small[i], w.small.ID); return err }); err != nil {
		return err
	}
	w.bigJoin, w.smallJoin = big[early:], small[o.smallBase:]
	for _, m := range big[:early] {
		if !m.Mentor && len(w.mentees) < 50 {
			w.mentees = append(w.mentees, m)
		}
	}

	phases := []struct {
		name string
		run  func() error
	}{
		{"joins", w.measureJoins},
		{"suggestions", w.measureSuggest},
		{"member lists", w.measureMembers},
		{"preview and publish", func() error {
			pv, err := w.measurePreview()
			if err != nil {
				return err
			}
			if err := w.measureDirectMessages(small[:min(50, o.smallBase)]); err != nil {
				return err
			}
			return w.measurePublish(pv)
		}},
	}
	if o.race {
		phases = append(phases, struct {
			name string
			run  func() error
		}{"request race", func() error { return w.measureRace(race[0], race[1:]) }})
	}
	for _, ph := range phases {
		load := waitQuiet(o)
		fmt.Printf("measuring %s (load average %s)...\n", ph.name, load)
		w.rep.note("%s measured at load average %s", ph.name, load)
		if err := ph.run(); err != nil {
			return fmt.Errorf("%s: %w", ph.name, err)
		}
	}
	w.rep.print(filepath.Join(out, "report.txt"))
	return nil
}

// waitQuiet waits until the 1-minute load average is below o.quietLoad (the
// machine is shared, and seeding leaves load behind), for at most o.quietWait,
// and returns /proc/loadavg's three averages.
func waitQuiet(o options) string {
	deadline := time.Now().Add(o.quietWait)
	for {
		data, err := os.ReadFile("/proc/loadavg")
		if err != nil {
			return "unknown"
		}
		f := strings.Fields(string(data))
		one, _ := strconv.ParseFloat(f[0], 64)
		if one < o.quietLoad || time.Now().After(deadline) {
			return strings.Join(f[:3], " ")
		}
		time.Sleep(5 * time.Second)
	}
}
