// Command benchhook measures what the plugin's chat hook (MessageHasBeenPosted,
// which records who posted when in pair channels) costs a real Mattermost
// server: N REST clients, the two people of N/2 live matches, post messages
// into their pair channels as fast as the server takes them for a fixed time,
// in rounds with the plugin enabled and disabled (through the REST API),
// alternating in one run so both see the same machine. Rounds go E D D E E D
// D E…, so a slow drift of the machine weighs on both modes alike. It prints
// the messages per second of each round, the mean of each mode and their
// ratio (target: enabled within 5 % of disabled), the CPU time the server and
// PostgreSQL spent per message (cpu.go: steadier than throughput on a shared
// machine), and checks that the plugin counted every post it saw. Run it with
// `make bench-hook`; the report is also written to out/bench-hook/report.txt.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// targetRatio: messages/s with the plugin enabled over messages/s without.
const targetRatio = 0.95

type options struct {
	bundle  string
	clients int
	round   time.Duration
	rounds  int
	warmup  time.Duration
	settle  time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.bundle, "bundle", "../dist/mentorship-0.4.0.tar.gz", "plugin bundle to install")
	flag.IntVar(&o.clients, "clients", 16, "REST clients posting at once (even: both people of each pair)")
	flag.DurationVar(&o.round, "round", 15*time.Second, "length of one measured round")
	flag.IntVar(&o.rounds, "rounds", 16, "measured rounds (half enabled, half disabled; a multiple of 4)")
	flag.DurationVar(&o.warmup, "warmup", 30*time.Second, "unmeasured posting first, plugin enabled")
	flag.DurationVar(&o.settle, "settle", 3*time.Second, "pause after enabling or disabling the plugin")
	flag.Parse()
	if o.clients < 2 || o.clients%2 != 0 || o.rounds < 4 || o.rounds%4 != 0 {
		fmt.Fprintln(os.Stderr, "benchhook: -clients must be even and ≥ 2, -rounds a multiple of 4")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchhook:", err)
		os.Exit(1)
	}
}

// roundResult is one measured round.
type roundResult struct {
	enabled bool
	posts   int64
	rate    float64   // messages per second
	cpu     cpuSample // CPU used during the round
	cpuOK   bool
}

// perMessage is a round's CPU time per message, in microseconds: the server
// tree (server and plugin), PostgreSQL, and the plugin process alone.
func (r roundResult) perMessage() (server, postgres, plugin float64) {
	n := float64(r.posts)
	us := func(d time.Duration) float64 { return float64(d.Microseconds()) / n }
	return us(r.cpu.server), us(r.cpu.postgres), us(r.cpu.plugin)
}

func run(o options) error {
	out, _ := filepath.Abs("out/bench-hook")
	fmt.Println("Starting PostgreSQL and Mattermost with the plugin...")
	env, err := harness.Setup(harness.Options{Bundle: o.bundle, OutDir: out, Log: os.Stderr})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		return err
	}
	pairs := o.clients / 2
	names := []string{"coord"}
	for i := 0; i < pairs; i++ {
		names = append(names, menteeName(i), mentorName(i))
	}
	if err := env.Seed("bench", names...); err != nil {
		return err
	}
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		return err
	}
	version, _ := env.ActivePluginVersion(env.Nodes[0])
	programID, posters, err := seedPairs(env, pairs)
	if err != nil {
		return err
	}
	report, err := os.Create(filepath.Join(out, "report.txt"))
	if err != nil {
		return err
	}
	defer report.Close()
	w := io.MultiWriter(os.Stdout, report)
	fmt.Fprintf(w, "plugin %s on one node; %d live matches; %d REST clients posting into their pair channels\n", version, pairs, len(posters))
	fmt.Fprintf(w, "rounds of %s, %s warm-up, %s settle after each enable/disable\n\n", o.round, o.warmup, o.settle)

	b := newBench(env, posters)
	// What the server uses with nobody posting, enabled and disabled: a
	// plugin's background work would show here, not in the hook.
	for _, on := range []bool{true, false, true} {
		if err := b.toggle(on); err != nil {
			return err
		}
		time.Sleep(o.settle)
		if on {
			continue // measured after it is enabled again, below
		}
		idle, ok := idleCPU(env, o.round)
		if ok {
			fmt.Fprintf(w, "idle, plugin disabled: server %5.1f ms/s, PostgreSQL %5.1f ms/s\n", idle.server, idle.postgres)
		}
	}
	time.Sleep(o.settle)
	if idle, ok := idleCPU(env, o.round); ok {
		fmt.Fprintf(w, "idle, plugin enabled:  server %5.1f ms/s (plugin %4.1f ms/s), PostgreSQL %5.1f ms/s\n\n", idle.server, idle.plugin, idle.postgres)
	}
	seen := int64(0) // posts made while the plugin was enabled: it must count them all
	warm, _, err := b.post(o.warmup)
	if err != nil {
		return err
	}
	seen += warm
	enabled := true
	var results []roundResult
	for r := 0; r < o.rounds; r++ {
		want := (r+1)/2%2 == 0 // E D D E E D D E …
		if want != enabled {
			time.Sleep(o.settle) // the last posts' hooks run after their answers
			if err := b.toggle(want); err != nil {
				return err
			}
			enabled = want
			time.Sleep(o.settle)
		}
		before, ok1 := sampleCPU(env, env.Nodes[0])
		n, took, err := b.post(o.round)
		if err != nil {
			return err
		}
		after, ok2 := sampleCPU(env, env.Nodes[0])
		res := roundResult{enabled: enabled, posts: n, rate: float64(n) / took.Seconds(), cpu: after.sub(before), cpuOK: ok1 && ok2}
		results = append(results, res)
		if enabled {
			seen += n
		}
		fmt.Fprintf(w, "round %2d  plugin %-8s %7d messages %7.1f messages/s", r+1, mode(enabled), n, res.rate)
		if res.cpuOK {
			server, pg, plugin := res.perMessage()
			fmt.Fprintf(w, "   CPU/message: server %5.0f µs (plugin %3.0f µs), PostgreSQL %5.0f µs", server, plugin, pg)
		}
		fmt.Fprintln(w)
	}
	// Disabling flushes what the last rounds buffered (OnDeactivate).
	if enabled {
		time.Sleep(o.settle)
		if err := b.toggle(false); err != nil {
			return err
		}
	}
	on, onSD := meanOf(results, true)
	off, offSD := meanOf(results, false)
	ratio := on / off
	verdict := "within target"
	if ratio < targetRatio {
		verdict = "OVER target"
	}
	fmt.Fprintf(w, "\nmean, plugin enabled:  %8.1f messages/s (sd %.1f)\n", on, onSD)
	fmt.Fprintf(w, "mean, plugin disabled: %8.1f messages/s (sd %.1f)\n", off, offSD)
	fmt.Fprintf(w, "ratio enabled/disabled: %.3f (%+.1f %%; target ≥ %.2f): %s\n", ratio, (ratio-1)*100, targetRatio, verdict)
	blocks := blockRatios(results)
	fmt.Fprintf(w, "per block of four rounds (E D D E): ratios %s; median %.3f\n", formatRatios(blocks), median(blocks))
	if onCPU, ok := cpuPerMessage(results, true); ok {
		offCPU, _ := cpuPerMessage(results, false)
		fmt.Fprintf(w, "\nCPU per message (server tree + PostgreSQL), which outside load moves far less than throughput:\n")
		fmt.Fprintf(w, "  plugin enabled:  %6.0f µs (of which the plugin process %.0f µs)\n", onCPU.total, onCPU.plugin)
		fmt.Fprintf(w, "  plugin disabled: %6.0f µs\n", offCPU.total)
		fmt.Fprintf(w, "  enabled/disabled: %.3f (%+.1f %% CPU per message)\n", onCPU.total/offCPU.total, (onCPU.total/offCPU.total-1)*100)
	}

	counted, err := countedPosts(env, programID)
	if err != nil {
		return err
	}
	check := "every one"
	if counted != seen {
		check = "MISMATCH"
	}
	fmt.Fprintf(w, "\nposts made while the plugin was enabled: %d; counted in the health ledger: %d (%s)\n", seen, counted, check)
	if counted != seen {
		return fmt.Errorf("the ledger counted %d posts of %d", counted, seen)
	}
	return nil
}

func mode(enabled bool) string {
	if enabled {
		return "enabled"
	}
	return "disabled"
}

func meanOf(results []roundResult, enabled bool) (mean, sd float64) {
	var xs []float64
	for _, r := range results {
		if r.enabled == enabled {
			xs = append(xs, r.rate)
		}
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	if len(xs) > 1 {
		sd = math.Sqrt(sd / float64(len(xs)-1))
	}
	return mean, sd
}

type cpuRate struct{ server, postgres, plugin float64 } // ms of CPU per second

// idleCPU is the CPU the server and PostgreSQL use over d with nobody posting.
func idleCPU(env *harness.Env, d time.Duration) (cpuRate, bool) {
	before, ok1 := sampleCPU(env, env.Nodes[0])
	time.Sleep(d)
	after, ok2 := sampleCPU(env, env.Nodes[0])
	used := after.sub(before)
	rate := func(c time.Duration) float64 { return float64(c.Microseconds()) / 1000 / d.Seconds() }
	return cpuRate{rate(used.server), rate(used.postgres), rate(used.plugin)}, ok1 && ok2
}

type cpuCost struct{ total, plugin float64 }

// cpuPerMessage is the CPU per message (µs) over every round of a mode: all
// their CPU over all their messages.
func cpuPerMessage(results []roundResult, enabled bool) (cpuCost, bool) {
	var cpu cpuSample
	var posts int64
	for _, r := range results {
		if r.enabled != enabled {
			continue
		}
		if !r.cpuOK {
			return cpuCost{}, false
		}
		cpu.server += r.cpu.server
		cpu.postgres += r.cpu.postgres
		cpu.plugin += r.cpu.plugin
		posts += r.posts
	}
	if posts == 0 {
		return cpuCost{}, false
	}
	n := float64(posts)
	return cpuCost{total: float64((cpu.server + cpu.postgres).Microseconds()) / n, plugin: float64(cpu.plugin.Microseconds()) / n}, true
}

// blockRatios are the enabled/disabled ratios of each block of four rounds
// (E D D E or D E E D): each block cancels a linear drift of the machine on
// its own, so a burst of outside load spoils one block, not the estimate.
func blockRatios(results []roundResult) []float64 {
	var out []float64
	for i := 0; i+4 <= len(results); i += 4 {
		var on, off float64
		for _, r := range results[i : i+4] {
			if r.enabled {
				on += r.rate
			} else {
				off += r.rate
			}
		}
		out = append(out, on/off)
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return math.NaN()
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func formatRatios(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.3f", x)
	}
	return strings.Join(parts, " ")
}

// bench posts as every poster at once.
type bench struct {
	env     *harness.Env
	posters []poster
	clients []*model.Client4
}

func newBench(env *harness.Env, posters []poster) *bench {
	// One connection pool big enough for every client: the default keeps two
	// idle connections per host, and the rest would reconnect on every post.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConns, transport.MaxIdleConnsPerHost = 4*len(posters), 4*len(posters)
	b := &bench{env: env, posters: posters}
	for _, p := range posters {
		c := env.Client(env.Users[p.name], env.Nodes[0])
		c.HTTPClient = &http.Client{Transport: transport, Timeout: time.Minute}
		b.clients = append(b.clients, c)
	}
	return b
}

// post has every client post for d, each waiting for its previous post, and
// returns how many posts were made and how long that took (the last answers
// come a little after d). Any failed post fails the run.
func (b *bench) post(d time.Duration) (int64, time.Duration, error) {
	var total atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, len(b.clients))
	start := time.Now()
	deadline := start.Add(d)
	for i, c := range b.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := b.posters[i]
			for n := 0; time.Now().Before(deadline); n++ {
				_, _, err := c.CreatePost(context.Background(), &model.Post{ChannelId: p.channelID,
					Message: fmt.Sprintf("Message %d from %s: how is the week going?", n, p.name)})
				if err != nil {
					errs <- fmt.Errorf("%s posts: %w", p.name, err)
					return
				}
				total.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, 0, err
	}
	return total.Load(), elapsed, nil
}

// toggle enables (waiting until it serves) or disables the plugin through
// the REST API.
func (b *bench) toggle(enable bool) error {
	node := b.env.Nodes[0]
	if enable {
		return b.env.EnablePlugin(node)
	}
	return b.env.DisablePlugin(node)
}
