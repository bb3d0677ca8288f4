package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

type summary struct {
	n             int
	p50, p95, max time.Duration
}

// summarize takes nearest-rank percentiles of the samples.
func summarize(samples []time.Duration) summary {
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	if len(sorted) == 0 {
		return summary{}
	}
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(sorted))+0.999999) - 1
		return sorted[max(0, min(i, len(sorted)-1))]
	}
	return summary{n: len(sorted), p50: rank(0.50), p95: rank(0.95), max: sorted[len(sorted)-1]}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// row is one line of the final table.
type row struct {
	what    string
	n       int
	p50     string
	p95     string
	target  string
	verdict string
	how     string
}

type report struct {
	rows  []row
	notes []string
}

// latency adds a row for samples; limit 0 means no target (a reference).
func (r *report) latency(what string, samples []time.Duration, limit time.Duration, how string) summary {
	s := summarize(samples)
	target, verdict := "reference", ""
	if limit > 0 {
		target = "p95 ≤ " + ms(limit)
		verdict = "MET"
		if s.p95 > limit {
			verdict = "MISSED"
		}
	}
	r.rows = append(r.rows, row{what: what, n: s.n, p50: ms(s.p50), p95: ms(s.p95), target: target, verdict: verdict, how: how})
	return s
}

func (r *report) add(x row) { r.rows = append(r.rows, x) }

func (r *report) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
	fmt.Printf("  note: "+format+"\n", args...)
}

// print writes the table to stdout and to path.
func (r *report) print(path string) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-44s %6s %10s %10s %18s %7s  %s\n", "measurement", "n", "p50", "p95", "target", "verdict", "how")
	for _, x := range r.rows {
		fmt.Fprintf(&b, "%-44s %6d %10s %10s %18s %7s  %s\n", x.what, x.n, x.p50, x.p95, x.target, x.verdict, x.how)
	}
	b.WriteString("\n")
	for _, n := range r.notes {
		b.WriteString("- " + n + "\n")
	}
	fmt.Print(b.String())
	if path != "" {
		_ = os.WriteFile(path, []byte(b.String()), 0o644)
	}
}
