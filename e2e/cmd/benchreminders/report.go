package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

type report struct {
	notes []string
}

func (r *report) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
	fmt.Printf("  note: "+format+"\n", args...)
}

// loadavg returns /proc/loadavg's three averages: the machine may be shared,
// and the numbers mean little without it.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// verdict says whether a round met "every reminder exactly once".
func (r *round) verdict() string {
	if r.delivered == r.expected && r.duplicates == 0 && r.missing == 0 && r.restBad == 0 {
		return "PASS: every reminder exactly once"
	}
	return "FAIL"
}

// write prints the summary table and writes it to path.
func (b *bench) write(path string, floor floorResult, rounds []*round) error {
	var s strings.Builder
	line := func(k, v string) { fmt.Fprintf(&s, "  %-44s %s\n", k, v) }
	fmt.Fprintf(&s, "\nReminders due in one minute on two Mattermost nodes (plugin %s, %s)\n", b.version, time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&s, "%d matches, each with one session per round; lead time %d min (both participants), sweep every 1 s\n\n", b.o.sessions, b.o.lead)
	fmt.Fprintf(&s, "Floor: the server's own rate of posting DMs through the REST API\n")
	line("DMs posted (admin, POST /api/v4/posts)", fmt.Sprintf("%d into existing DM channels, %d clients over both nodes", floor.posts, floor.clients))
	line("time", secs(floor.took))
	line("rate", fmt.Sprintf("%.1f DMs/s (per post p50 %s, p95 %s)", floor.rate(), floor.p50.Round(time.Millisecond), floor.p95.Round(time.Millisecond)))
	for _, r := range rounds {
		fmt.Fprintf(&s, "\n%s: reminders due at %s\n", r.name, r.due.UTC().Format("15:04:05"))
		line("expected (2 per session)", fmt.Sprint(r.expected))
		line("delivered (distinct session × participant)", fmt.Sprint(r.delivered))
		line("duplicates", fmt.Sprint(r.duplicates))
		line("missing", fmt.Sprint(r.missing))
		line("digests instead (over budget)", fmt.Sprint(r.digests))
		if !r.killedAt.IsZero() {
			line("node1 killed (SIGKILL)", fmt.Sprintf("%s after due, %d/%d delivered by then", secs(r.killedAt.Sub(r.due)), r.atKill, r.expected))
		}
		if !r.first.IsZero() {
			span := r.last.Sub(r.due)
			line("first delivery after due", secs(r.first.Sub(r.due)))
			line("last delivery after due", secs(span))
			rate := float64(r.delivered+r.duplicates) / span.Seconds()
			line("reminders/s (due → last)", fmt.Sprintf("%.1f", rate))
			line("ratio to the floor", fmt.Sprintf("%.2f (1.00 = as fast as the server posts DMs)", rate/floor.rate()))
			if !r.killedAt.IsZero() {
				line("last delivery after the kill", secs(r.last.Sub(r.killedAt))+" (claim lease 1 min)")
				line("delivered > 30 s after the kill (taken over)", fmt.Sprint(r.takenOver))
			}
		}
		pending := fmt.Sprint(r.pending)
		if r.pending < 0 {
			pending = "unknown"
		}
		line("reminder items left in the due shards", pending)
		if r.restChecked > 0 {
			line("REST check (members' own DM with the bot)", fmt.Sprintf("%d members read, %d not exactly one", r.restChecked, r.restBad))
		}
		line("verdict", r.verdict())
	}
	if len(b.rep.notes) > 0 {
		s.WriteString("\nNotes\n")
		for _, n := range b.rep.notes {
			s.WriteString("- " + n + "\n")
		}
	}
	fmt.Print(s.String())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(s.String()), 0o644)
}
