// Command mentorship-match solves a matching instance offline with the same
// engine the plugin uses: it reads the instance (JSON, explicit score matrix or
// profiles) on stdin and writes the optimal assignment, its total score, the
// reasons per pair and the optimality certificate on stdout.
//
//	go run ./cmd/mentorship-match < instance.json
//	go run ./cmd/mentorship-match -generate 1000x200x5 > instance.json
//	go run ./cmd/mentorship-match -explicit < profiles.json > scores.json
//
// See README.md for both instance forms.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	_ "time/tzdata" // time zones work without the system's zoneinfo

	"github.com/mentorship-mattermost/mentorship/server/matching"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mentorship-match:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	flags := flag.NewFlagSet("mentorship-match", flag.ContinueOnError)
	generate := flags.String("generate", "", "print a synthetic profile instance of size MENTEESxMENTORSxCAPACITY (e.g. 1000x200x5) and exit")
	seed := flags.Uint64("seed", 1, "random seed for -generate")
	explicit := flags.Bool("explicit", false, "print the instance as an explicit score matrix instead of solving it")
	verify := flags.Bool("verify", true, "check the optimality certificate against every pair before printing")
	shortlist := flags.Int("shortlist", 0, "candidates per mentee in the first solve (0 = default; the result is exact either way)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *generate != "" {
		return writeGenerated(out, *generate, *seed)
	}

	start := time.Now()
	in, err := matching.ReadInstance(stdin)
	if err != nil {
		return err
	}
	read := time.Since(start)
	if *explicit {
		return writeExplicit(out, in)
	}

	problem := in.Problem()
	start = time.Now()
	res, err := matching.Solve(problem, matching.Options{Shortlist: *shortlist})
	if err != nil {
		return err
	}
	solved := time.Since(start)
	verified := false
	start = time.Now()
	if *verify {
		if err := matching.Verify(problem, res); err != nil {
			return fmt.Errorf("internal error, the certificate does not hold: %w", err)
		}
		verified = true
	}
	checked := time.Since(start)
	return encode(out, report(in, res, verified, map[string]float64{
		"read": ms(read), "solve": ms(solved), "verify": ms(checked),
	}))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Output is what the tool prints.
type Output struct {
	Policy      matching.Policy    `json:"policy"`
	Assignments []Assignment       `json:"assignments"`
	Unmatched   []string           `json:"unmatched"`
	TotalScore  int64              `json:"total_score"`
	Matched     int                `json:"matched"`
	Mentees     int                `json:"mentees"`
	Mentors     int                `json:"mentors"`
	Certificate Certificate        `json:"certificate"`
	Rounds      int                `json:"rounds"`
	Candidates  int                `json:"candidate_pairs"`
	TimingsMS   map[string]float64 `json:"timings_ms"`
}

// Assignment is one matched pair.
type Assignment struct {
	Mentee  string            `json:"mentee"`
	Mentor  string            `json:"mentor"`
	Score   int64             `json:"score"`
	Reasons []matching.Reason `json:"reasons,omitempty"`
}

// Certificate is the proof of optimality, keyed by id.
type Certificate struct {
	MenteePotentials map[string]int64 `json:"mentee_potentials"`
	MentorPotentials map[string]int64 `json:"mentor_potentials"`
	ScoreScale       int64            `json:"score_scale"`
	MatchBonus       int64            `json:"match_bonus"`
	Verified         bool             `json:"verified"`
	Explanation      string           `json:"explanation"`
}

func report(in *matching.Instance, res *matching.Result, verified bool, timings map[string]float64) Output {
	o := Output{
		Policy: in.Policy, Assignments: []Assignment{}, Unmatched: []string{},
		TotalScore: res.Total, Matched: res.Matched, Mentees: len(in.MenteeIDs), Mentors: len(in.MentorIDs),
		Rounds: res.Rounds, Candidates: res.Candidates, TimingsMS: timings,
		Certificate: Certificate{
			MenteePotentials: map[string]int64{}, MentorPotentials: map[string]int64{},
			ScoreScale: res.Certificate.ScoreScale, MatchBonus: res.Certificate.MatchBonus, Verified: verified,
			Explanation: "with cost = -(score_scale * score + match_bonus) per allowed pair and 0 for staying unmatched " +
				"(participation: scale 1 and a bonus worth more than any difference in total, so the most matches win, then the highest total; " +
				"quality: scale mentees+1 and bonus 1, so the highest total wins, then the most matches): " +
				"mentee + mentor potential <= cost for every allowed pair, all potentials <= 0, mentors with spare places at 0, " +
				"and the potentials sum (mentor potentials times capacity, counted up to the number of mentees) to the assignment's cost; " +
				"so no assignment is better",
		},
	}
	for i, j := range res.Mentor {
		id := in.MenteeIDs[i]
		o.Certificate.MenteePotentials[id] = res.Certificate.MenteePotential[i]
		if j < 0 {
			o.Unmatched = append(o.Unmatched, id)
			continue
		}
		a := Assignment{Mentee: id, Mentor: in.MentorIDs[j], Score: res.Score[i]}
		if in.Scorer != nil {
			_, _, a.Reasons = in.Scorer.Explain(i, j)
		}
		o.Assignments = append(o.Assignments, a)
	}
	for j, id := range in.MentorIDs {
		o.Certificate.MentorPotentials[id] = res.Certificate.MentorPotential[j]
	}
	return o
}

type explicitInstance struct {
	Mentees  []string         `json:"mentees"`
	Mentors  []explicitMentor `json:"mentors"`
	Scores   [][]*int64       `json:"scores"`
	Policy   matching.Policy  `json:"policy"`
	MinScore int64            `json:"min_score"`
}

type explicitMentor struct {
	ID       string `json:"id"`
	Capacity int    `json:"capacity"`
}

func writeExplicit(out io.Writer, in *matching.Instance) error {
	p := in.Problem()
	e := explicitInstance{Mentees: in.MenteeIDs, Scores: make([][]*int64, p.Mentees), Policy: in.Policy, MinScore: in.MinScore}
	for j, id := range in.MentorIDs {
		e.Mentors = append(e.Mentors, explicitMentor{ID: id, Capacity: in.Capacity[j]})
	}
	for i := range e.Scores {
		e.Scores[i] = make([]*int64, len(in.MentorIDs))
		for j := range e.Scores[i] {
			if s, ok := p.Score(i, j); ok {
				e.Scores[i][j] = &s
			}
		}
	}
	return encode(out, e)
}

func writeGenerated(out io.Writer, size string, seed uint64) error {
	var n, m, c int
	if _, err := fmt.Sscanf(size, "%dx%dx%d", &n, &m, &c); err != nil || n <= 0 || m <= 0 || c < 0 {
		return fmt.Errorf("-generate wants MENTEESxMENTORSxCAPACITY, e.g. 1000x200x5; got %q", size)
	}
	if n > matching.MaxInstancePeople || m > matching.MaxInstancePeople || c > matching.MaxCapacity {
		return fmt.Errorf("-generate %s: at most %d mentees, %d mentors and capacity %d", size,
			matching.MaxInstancePeople, matching.MaxInstancePeople, matching.MaxCapacity)
	}
	mentees, mentors := matching.SyntheticProfiles(n, m, c, seed)
	return encode(out, map[string]any{
		"mentees": mentees, "mentors": mentors, "weights": matching.DefaultWeights,
		"date": "2026-11-26", "policy": matching.Participation, "min_score": 0,
	})
}

func encode(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
