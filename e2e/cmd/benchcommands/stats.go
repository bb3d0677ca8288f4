package main

import (
	"fmt"
	"slices"
	"time"
)

type summary struct {
	p50, p95, mean time.Duration
}

// summarize takes nearest-rank percentiles of the samples.
func summarize(samples []time.Duration) summary {
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	var total time.Duration
	for _, d := range sorted {
		total += d
	}
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(sorted))+0.999999) - 1
		return sorted[max(0, min(i, len(sorted)-1))]
	}
	return summary{p50: rank(0.50), p95: rank(0.95), mean: total / time.Duration(len(sorted))}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// printReport prints the table and each /mentor command's ratio to the built-in
// command (the first one) at p50 and p95 against targetRatio.
func printReport(commands []string, samples map[string][]time.Duration, n int) {
	fmt.Printf("\n%d executions each, interleaved, after warm-up (POST /api/v4/commands/execute)\n", n)
	fmt.Printf("%-17s %10s %10s %10s\n", "command", "p50", "p95", "mean")
	stats := map[string]summary{}
	for _, c := range commands {
		s := summarize(samples[c])
		stats[c] = s
		fmt.Printf("%-17s %10s %10s %10s\n", c, ms(s.p50), ms(s.p95), ms(s.mean))
	}
	base := stats[commands[0]]
	fmt.Printf("\nratio to %s (target ≤ %.0f×)\n", commands[0], targetRatio)
	for _, c := range commands[1:] {
		s := stats[c]
		r50 := float64(s.p50) / float64(base.p50)
		r95 := float64(s.p95) / float64(base.p95)
		verdict := "within target"
		if r50 > targetRatio || r95 > targetRatio {
			verdict = "OVER target"
		}
		fmt.Printf("%-17s p50 %.2f×   p95 %.2f×   %s\n", c, r50, r95, verdict)
	}
}
