package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
)

type previewView struct {
	ID        string  `json:"id"`
	Status    string  `json:"status"`
	Mentees   int     `json:"mentees"`
	Mentors   int     `json:"mentors"`
	Matched   int     `json:"matched"`
	Total     int64   `json:"total"`
	Average   float64 `json:"average"`
	Lowest    int64   `json:"lowest"`
	Optimal   bool    `json:"optimal"`
	Published int     `json:"published"`
	Skipped   int     `json:"skipped"`
}

// measurePreview runs the whole program's preview a few times as the
// coordinator (the first run also fills the node's roster cache if a suggestion
// did not) and keeps the last one for publishing.
func (w *world) measurePreview() (previewView, error) {
	var last previewView
	var times []time.Duration
	for i := 0; i < w.o.previews; i++ {
		data, d, err := expect(w.node, w.coord.Token, http.MethodPost, "/programs/"+w.big.ID+"/preview", map[string]any{}, http.StatusOK)
		if err != nil {
			return last, err
		}
		if err := json.Unmarshal(data, &last); err != nil {
			return last, err
		}
		times = append(times, d)
		fmt.Printf("  preview %d: %s, %d mentees × %d mentors, matched %d, total %d, optimal %v\n",
			i+1, ms(d), last.Mentees, last.Mentors, last.Matched, last.Total, last.Optimal)
	}
	list := make([]string, len(times))
	for i, d := range times {
		list[i] = ms(d)
	}
	s := summarize(times)
	verdict := "MET"
	if s.max > 3*time.Second {
		verdict = "MISSED"
	}
	w.rep.add(row{what: fmt.Sprintf("preview %d mentees × %d mentors", last.Mentees, last.Mentors), n: len(times),
		p50: ms(s.p50), p95: ms(s.max), target: "≤ 3000 ms", verdict: verdict,
		how: "POST /programs/{id}/preview, each run: " + strings.Join(list, ", ") + " (p95 column = slowest)"})
	w.rep.note("preview totals: matched %d of %d mentees, total score %d, average %.1f, lowest %d, optimal (engine's certificate) %v",
		last.Matched, last.Mentees, last.Total, last.Average, last.Lowest, last.Optimal)
	return last, nil
}

// kvCounters are PostgreSQL's statistics of the plugin KV table: every KV get
// or compare-and-set locates its row through the primary key (an index scan),
// every write is an insert, update or delete of a row.
type kvCounters struct{ idxScan, seqScan, ins, upd, del, rows int64 }

func (w *world) kvCounters() (kvCounters, error) {
	out, err := benchseed.Psql(w.env, "-F", " ", "-c", `SELECT coalesce(idx_scan,0), coalesce(seq_scan,0), n_tup_ins, n_tup_upd, n_tup_del,
		(SELECT count(*) FROM pluginkeyvaluestore) FROM pg_stat_user_tables WHERE relname = 'pluginkeyvaluestore'`)
	if err != nil {
		return kvCounters{}, err
	}
	f := strings.Fields(out)
	if len(f) != 6 {
		return kvCounters{}, fmt.Errorf("pg_stat_user_tables: %q", out)
	}
	v := make([]int64, 6)
	for i := range f {
		v[i], _ = strconv.ParseInt(f[i], 10, 64)
	}
	return kvCounters{v[0], v[1], v[2], v[3], v[4], v[5]}, nil
}

func (a kvCounters) minus(b kvCounters) kvCounters {
	return kvCounters{a.idxScan - b.idxScan, a.seqScan - b.seqScan, a.ins - b.ins, a.upd - b.upd, a.del - b.del, a.rows - b.rows}
}

// statsSettle waits until every server backend has reported its statistics
// (PostgreSQL flushes a busy backend's counters at most every second and an
// idle one's within PGSTAT_IDLE_INTERVAL, 10 s).
const statsSettle = 12 * time.Second

// measurePublish publishes the preview, polls until it says published, and
// counts the KV table's operations over the publish against the same length of
// idle time before it (the due-work sweep and other background work).
func (w *world) measurePublish(pv previewView) error {
	time.Sleep(statsSettle)
	idle0, err := w.kvCounters()
	if err != nil {
		return err
	}
	time.Sleep(statsSettle)
	idle1, err := w.kvCounters()
	if err != nil {
		return err
	}
	tables0, err := w.tableWrites()
	if err != nil {
		return err
	}
	start := time.Now()
	if _, _, err := expect(w.node, w.coord.Token, http.MethodPost, "/programs/"+w.big.ID+"/publish",
		map[string]any{"preview_id": pv.ID}, http.StatusOK); err != nil {
		return err
	}
	var cur previewView
	polls := 0
	for {
		data, _, err := expect(w.node, w.coord.Token, http.MethodGet, "/programs/"+w.big.ID+"/preview?page=0", nil, http.StatusOK)
		if err != nil {
			return err
		}
		polls++
		if err := json.Unmarshal(data, &cur); err != nil {
			return err
		}
		if cur.Status == "published" {
			break
		}
		if time.Since(start) > 30*time.Minute {
			return fmt.Errorf("publish did not finish in 30 min: %+v", cur)
		}
		time.Sleep(250 * time.Millisecond)
	}
	took := time.Since(start)
	time.Sleep(statsSettle)
	after, err := w.kvCounters()
	if err != nil {
		return err
	}
	tables1, err := w.tableWrites()
	if err != nil {
		return err
	}
	busy, idle := after.minus(idle1), idle1.minus(idle0)
	// The idle window is statsSettle long; the busy one took + statsSettle.
	scale := float64(took+statsSettle) / float64(statsSettle)
	net := func(b, i int64) float64 { return float64(b) - scale*float64(i) }
	ops := net(busy.idxScan, idle.idxScan) + net(busy.ins, idle.ins)
	per := func(x float64) string { return fmt.Sprintf("%.1f", x/float64(max(1, cur.Published))) }
	w.rep.add(row{what: fmt.Sprintf("publish %d proposals", cur.Published), n: 1, p50: ms(took), p95: ms(took),
		target: "time, KV/proposal", verdict: "",
		how: fmt.Sprintf("POST /publish, then GET /preview every 250 ms until published (%d polls)", polls)})
	w.rep.add(row{what: "  KV ops per proposal (PostgreSQL)", n: cur.Published, p50: per(ops), p95: "",
		target: "", verdict: "", how: "(index scans + inserts) on pluginkeyvaluestore per proposal, idle rate subtracted"})
	w.rep.note("publish: %d published, %d skipped, %s; pluginkeyvaluestore during publish (+%s settle): idx_scan %d, seq_scan %d, insert %d, update %d, delete %d, rows %+d; "+
		"same counters over %s idle before: idx_scan %d, insert %d, update %d, delete %d; "+
		"per proposal, net of idle: reads+CAS (idx_scan) %s, inserts %s, updates %s, deletes %s",
		cur.Published, cur.Skipped, ms(took), statsSettle, busy.idxScan, busy.seqScan, busy.ins, busy.upd, busy.del, busy.rows,
		statsSettle, idle.idxScan, idle.ins, idle.upd, idle.del,
		per(net(busy.idxScan, idle.idxScan)), per(net(busy.ins, idle.ins)), per(net(busy.upd, idle.upd)), per(net(busy.del, idle.del)))
	w.rep.note("publish: rows written per proposal by table (insert+update+delete, all of Mattermost's tables): %s",
		topTables(tables0, tables1, cur.Published))
	return nil
}

// tableWrites returns every table's rows inserted + updated + deleted so far.
func (w *world) tableWrites() (map[string]int64, error) {
	out, err := benchseed.Psql(w.env, "-F", " ", "-c", "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")
	if err != nil {
		return nil, err
	}
	m := map[string]int64{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 2 {
			m[f[0]], _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	return m, nil
}

// topTables lists the tables written most between two snapshots, per proposal.
func topTables(before, after map[string]int64, proposals int) string {
	type t struct {
		name string
		n    int64
	}
	var list []t
	for name, n := range after {
		if d := n - before[name]; d > 0 {
			list = append(list, t{name, d})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n > list[j].n })
	parts := []string{}
	for _, x := range list[:min(len(list), 10)] {
		parts = append(parts, fmt.Sprintf("%s %.2f", x.name, float64(x.n)/float64(max(1, proposals))))
	}
	return strings.Join(parts, ", ")
}
