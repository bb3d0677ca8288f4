package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// Throughput on a shared machine moves with whatever else runs on it; the
// CPU time the server spends per message moves far less. So each round also
// reads, from /proc, the CPU time of the Mattermost server's process tree
// (the server and its plugin processes) and of PostgreSQL's (the postmaster
// and its backends), and the plugin process's own share.

// clockTick is the unit of /proc/<pid>/stat times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

type proc struct {
	pid, ppid int
	cpu       time.Duration // utime+stime, plus cutime+cstime of reaped children
	cmdline   []string
	cwd       string
}

// cpuSample is the CPU time used so far by the server tree, PostgreSQL's
// tree and the plugin processes.
type cpuSample struct{ server, postgres, plugin time.Duration }

func (a cpuSample) sub(b cpuSample) cpuSample {
	return cpuSample{a.server - b.server, a.postgres - b.postgres, a.plugin - b.plugin}
}

func readProcs() map[int]*proc {
	out := map[int]*proc{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The command name is in parentheses and may hold spaces: fields
		// start after the last ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 15 {
			continue
		}
		num := func(k int) int64 { v, _ := strconv.ParseInt(f[k], 10, 64); return v }
		// f[0] is field 3 (state): ppid is field 4, utime..cstime 14..17.
		p := &proc{pid: pid, ppid: int(num(1)), cpu: time.Duration(num(11)+num(12)+num(13)+num(14)) * clockTick}
		if raw, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil {
			p.cmdline = strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
		}
		p.cwd, _ = os.Readlink(filepath.Join("/proc", e.Name(), "cwd"))
		out[pid] = p
	}
	return out
}

// treeCPU sums the CPU of root and every descendant; plugin sums the
// descendants whose command is a plugin executable.
func treeCPU(procs map[int]*proc, root int) (total, plugin time.Duration) {
	children := map[int][]int{}
	for _, p := range procs {
		children[p.ppid] = append(children[p.ppid], p.pid)
	}
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		p := procs[pid]
		if p == nil {
			continue
		}
		total += p.cpu
		if pid != root && len(p.cmdline) > 0 && strings.Contains(filepath.Base(p.cmdline[0]), "plugin-") {
			plugin += p.cpu
		}
		stack = append(stack, children[pid]...)
	}
	return total, plugin
}

// sampleCPU reads the CPU used so far by node's server tree and by the
// environment's PostgreSQL tree; ok is false when either is not found.
func sampleCPU(env *harness.Env, node *harness.Node) (cpuSample, bool) {
	procs := readProcs()
	server, postmaster := 0, 0
	for _, p := range procs {
		switch {
		case len(p.cmdline) >= 2 && p.cmdline[0] == env.Binary && p.cmdline[1] == "server" && p.cwd == node.Dir:
			server = p.pid
		case len(p.cmdline) >= 3 && filepath.Base(p.cmdline[0]) == "postgres" && containsPair(p.cmdline, "-D", env.PG.DataDir):
			postmaster = p.pid
		}
	}
	if server == 0 || postmaster == 0 {
		return cpuSample{}, false
	}
	var s cpuSample
	s.server, s.plugin = treeCPU(procs, server)
	s.postgres, _ = treeCPU(procs, postmaster)
	return s, true
}

func containsPair(args []string, flag, value string) bool {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag && args[i+1] == value {
			return true
		}
	}
	return false
}
