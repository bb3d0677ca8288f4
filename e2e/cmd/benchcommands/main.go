// Command benchcommands measures how long /mentor commands take on a real
// Mattermost server compared with one of the server's own commands, executed by
// the same user through POST /api/v4/commands/execute, interleaved in one run so
// that both see the same machine load. Run it with `make bench-commands`.
//
// The built-in reference is /help: the server answers it itself with an
// ephemeral message (a link to the help pages), so it measures the command
// pipeline — authentication, parsing, the ephemeral reply — with no plugin
// round trip and no data behind it. A /mentor command costs that pipeline plus
// the RPC to the plugin process plus its own work; the ratio shows the latter.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// targetRatio is the most a /mentor command may cost relative to the built-in
// command, at p50 and at p95.
const targetRatio = 3.0

type options struct {
	bundle   string
	n        int
	warmup   int
	programs int
}

func main() {
	var o options
	flag.StringVar(&o.bundle, "bundle", "../dist/mentorship-0.3.0.tar.gz", "plugin bundle to install")
	flag.IntVar(&o.n, "n", 300, "measured executions of each command")
	flag.IntVar(&o.warmup, "warmup", 30, "unmeasured executions of each command first")
	flag.IntVar(&o.programs, "programs", 20, "programs to seed in the team")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchcommands:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	out, _ := filepath.Abs("out/bench-commands")
	fmt.Println("Starting PostgreSQL and Mattermost with the plugin...")
	env, err := harness.Setup(harness.Options{Bundle: o.bundle, OutDir: out, Log: os.Stderr})
	if env != nil {
		defer env.Close()
	}
	if err != nil {
		return err
	}
	if err := env.Seed("bench", append([]string{benchUser, "coord"}, memberNames()...)...); err != nil {
		return err
	}
	if err := env.InstallPlugin(env.Nodes[0]); err != nil {
		return err
	}
	version, _ := env.ActivePluginVersion(env.Nodes[0])
	seeded, err := seedPrograms(env, o.programs)
	if err != nil {
		return err
	}
	fmt.Printf("plugin %s; team with %d programs; %s coordinates %d and is enrolled in %d\n",
		version, o.programs, benchUser, seeded.coordinated, seeded.enrolled)

	commands := []string{"/help", "/mentor help", "/mentor programs"}
	client := env.Client(env.Users[benchUser], env.Nodes[0])
	for _, c := range commands {
		text, err := execute(client, env.Channel.Id, env.Team.Id, c)
		if err != nil {
			return err
		}
		fmt.Printf("%-17s answers %d characters, e.g. %q\n", c, len(text), firstLine(text))
	}
	samples, err := measure(client, env.Channel.Id, env.Team.Id, commands, o)
	if err != nil {
		return err
	}
	printReport(commands, samples, o.n)
	return nil
}

// measure runs every command warmup times, then n times each in rounds: each
// round runs all commands once, starting from a different one each round, so no
// command always follows the same other one.
func measure(c *model.Client4, channelID, teamID string, commands []string, o options) (map[string][]time.Duration, error) {
	for i := 0; i < o.warmup; i++ {
		for _, cmd := range commands {
			if _, err := execute(c, channelID, teamID, cmd); err != nil {
				return nil, err
			}
		}
	}
	samples := map[string][]time.Duration{}
	for round := 0; round < o.n; round++ {
		for k := range commands {
			cmd := commands[(round+k)%len(commands)]
			start := time.Now()
			if _, err := execute(c, channelID, teamID, cmd); err != nil {
				return nil, err
			}
			samples[cmd] = append(samples[cmd], time.Since(start))
		}
	}
	return samples, nil
}

// execute runs one slash command and insists on a non-empty ephemeral answer, so
// a command that silently failed is not timed as a fast one.
func execute(c *model.Client4, channelID, teamID, command string) (string, error) {
	resp, _, err := c.ExecuteCommandWithTeam(context.Background(), channelID, teamID, command)
	if err != nil {
		return "", fmt.Errorf("%s: %w", command, err)
	}
	if strings.TrimSpace(resp.Text) == "" {
		return "", fmt.Errorf("%s answered no text: %+v", command, resp)
	}
	if resp.ResponseType != model.CommandResponseTypeEphemeral {
		return "", fmt.Errorf("%s answered %q, not ephemerally", command, resp.ResponseType)
	}
	return resp.Text, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	if len(line) > 70 {
		line = line[:70] + "…"
	}
	return line
}
