package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// round is one batch of sessions whose reminders all fall due in one minute.
type round struct {
	name     string
	sessions []string // index i is the session of pair i
	due      time.Time
	killedAt time.Time // zero when no node was stopped

	// Results.
	expected, delivered, duplicates, missing, digests int
	first, last                                       time.Time
	atKill                                            int // delivered when the node was stopped
	pending                                           int // reminder items still in the minute's due shards at the end (-1 unknown)
	restChecked, restBad                              int
	load                                              string // load average at the due minute
	// takenOver counts the reminders delivered more than half a claim lease
	// after the kill: the work the dead node had claimed, run by node 2.
	takenOver int
}

// reminderRow is one reminder DM found in the database.
type reminderRow struct {
	key string
	at  time.Time
}

// reminderPosts reads the bot's reminder DMs posted since a time. The plugin
// marks every nudge DM with the post prop mentorship_nudge =
// "<session>/<occurrence>/remind/<user>/<lead>"; SQL reads 10,000 of them in
// a blink where REST would take one request per member.
func (b *bench) reminderPosts(since time.Time, kind string) ([]reminderRow, error) {
	out, err := benchseed.Psql(b.env, "-F", "\t", "-c", fmt.Sprintf(
		"SELECT props->>'mentorship_nudge', createat FROM posts WHERE userid = '%s' AND deleteat = 0 "+
			"AND props->>'mentorship_nudge' LIKE '%%%s%%' AND createat >= %d",
		b.botID, kind, since.UnixMilli()))
	if err != nil {
		return nil, err
	}
	var rows []reminderRow
	for _, line := range strings.Split(out, "\n") {
		key, ms, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(ms, 10, 64)
		rows = append(rows, reminderRow{key: key, at: time.UnixMilli(n)})
	}
	return rows, nil
}

func (b *bench) countSince(since time.Time, kind string) (int, error) {
	out, err := benchseed.Psql(b.env, "-F", "\t", "-c", fmt.Sprintf(
		"SELECT count(*) FROM posts WHERE userid = '%s' AND deleteat = 0 AND props->>'mentorship_nudge' LIKE '%%%s%%' AND createat >= %d",
		b.botID, kind, since.UnixMilli()))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(out)
}

// pendingItems counts the reminder items still stored in the due-work shards
// of a minute (the scheduler removes an item once its work is done), or -1
// when they cannot be read. Zero means no node will run any of them again, so
// no late duplicate can still come.
func (b *bench) pendingItems(minute time.Time) int {
	out, err := benchseed.Psql(b.env, "-F", "\t", "-c", fmt.Sprintf(
		"SELECT convert_from(pvalue, 'UTF8') FROM pluginkeyvaluestore WHERE pluginid = '%s' AND pkey LIKE 'v1/due/%s/%%'",
		harness.PluginID, minute.UTC().Format("200601021504")))
	if err != nil {
		return -1
	}
	return strings.Count(out, `"srem/`)
}

// watch polls until every reminder of the round has arrived and no reminder
// work is left, or nothing has arrived for o.stall; kill, when set, runs once
// after o.killAfter. Then it settles the counts.
func (b *bench) watch(r *round, kill func() error) error {
	r.expected = 2 * len(r.sessions)
	// The sweep runs nothing before it is due, and the previous round ended
	// before this one was planned: what was posted since is this round's.
	since := r.due.Add(-2 * time.Second)
	lastCount, lastChange, lastPrint := -1, time.Now(), time.Time{}
	for {
		if kill != nil && r.killedAt.IsZero() && time.Now().After(r.due.Add(b.o.killAfter)) {
			n, _ := b.countSince(since, "/remind/")
			if err := kill(); err != nil {
				return err
			}
			r.killedAt, r.atKill = time.Now(), n
			fmt.Printf("  %s: node1 killed (SIGKILL) with %d/%d reminders delivered\n", r.name, n, r.expected)
		}
		n, err := b.countSince(since, "/remind/")
		if err != nil {
			return err
		}
		if n != lastCount {
			lastCount, lastChange = n, time.Now()
		}
		if lastChange.Before(r.due) {
			lastChange = r.due // a stall counts from the due time, not from the wait before it
		}
		if r.load == "" && time.Now().After(r.due) {
			r.load = loadavg()
			b.rep.note("%s: load average %s when the reminders fell due", r.name, r.load)
		}
		if time.Since(lastPrint) > 10*time.Second && time.Now().After(r.due) {
			fmt.Printf("  %s: %d/%d reminders delivered (%.0fs after due)\n", r.name, n, r.expected, time.Since(r.due).Seconds())
			lastPrint = time.Now()
		}
		killed := kill == nil || !r.killedAt.IsZero()
		if n >= r.expected && killed {
			if r.pending = b.pendingItems(r.due); r.pending == 0 {
				break
			}
		}
		if time.Now().After(r.due) && time.Since(lastChange) > b.o.stall {
			r.pending = b.pendingItems(r.due)
			fmt.Printf("  %s: nothing new for %s; stopping the watch\n", r.name, b.o.stall)
			break
		}
		time.Sleep(time.Second)
	}
	return b.settle(r, since)
}

// settle counts the round's reminders per (session, participant).
func (b *bench) settle(r *round, since time.Time) error {
	rows, err := b.reminderPosts(since, "/remind/")
	if err != nil {
		return err
	}
	index := map[string]int{}
	for i, id := range r.sessions {
		index[id] = i
	}
	seen := map[string]int{}
	for _, row := range rows {
		parts := strings.Split(row.key, "/")
		if len(parts) < 5 {
			continue
		}
		if _, ok := index[parts[0]]; !ok {
			continue // another round's session
		}
		seen[parts[0]+"/"+parts[3]]++
		if !r.killedAt.IsZero() && row.at.After(r.killedAt.Add(30*time.Second)) {
			r.takenOver++
		}
		if r.first.IsZero() || row.at.Before(r.first) {
			r.first = row.at
		}
		if row.at.After(r.last) {
			r.last = row.at
		}
	}
	for i, id := range r.sessions {
		for _, who := range []*person{b.mentees[i], b.mentors[i]} {
			if c := seen[id+"/"+who.ID]; c == 0 {
				r.missing++
			} else {
				r.delivered++
				r.duplicates += c - 1
			}
		}
	}
	r.digests, err = b.countSince(since, "digest/")
	return err
}

// killNode stops a node as a crash would: SIGKILL to its process group (the
// server and the plugin process it started), found by the node's working
// directory among this program's own child processes.
func (b *bench) killNode(node *harness.Node) error {
	pid, err := nodePID(node, b.env.Binary)
	if err != nil {
		return err
	}
	if pgid, err := syscall.Getpgid(pid); err == nil && pgid == pid {
		pid = -pid // the harness starts each node in a process group of its own
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill %s (%d): %w", node.Name, pid, err)
	}
	b.killed[node.Name] = true
	return nil
}

// nodePID finds the server process the harness started for node: the one
// running binary whose parent is this program and whose working directory is
// the node's.
func nodePID(node *harness.Node, binary string) (int, error) {
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range procs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil {
			continue
		}
		exe, _ := os.Readlink(filepath.Join(dir, "exe"))
		cwd, _ := os.Readlink(filepath.Join(dir, "cwd"))
		if strings.TrimSuffix(exe, " (deleted)") != binary || cwd != node.Dir {
			continue
		}
		stat, err := os.ReadFile(filepath.Join(dir, "stat"))
		if err != nil {
			continue
		}
		// stat is "pid (comm) state ppid ..."; comm may hold spaces.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) {
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no process of %s found (binary %s, directory %s)", node.Name, binary, node.Dir)
}
