package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The runner of the issue 9 permission matrix. It follows the session
// matrix's (permissions_session_world_test.go): a cell whose call is to
// succeed and change its fixture gets a fixture of its own; the other cells
// of a row (refusals, reads) take turns on one fixture, each cell's "before"
// being the previous cell's "after"; fixtures are built by several requests
// at once and rows run side by side. The cells, their labels and the summary
// are the permission matrix's (permissions_run_test.go).

type (
	i9Request func(w *i9World, fx *i9Fixture, a permActor) (method, path string, body any)
	i9Effect  func(t *testing.T, w *i9World, fx *i9Fixture, a permActor, before, after snapshot)
	i9Check   func(t *testing.T, w *i9World, fx *i9Fixture, a permActor, body []byte)
)

// i9Row is one route (or one situation of a route) of the matrix.
type i9Row struct {
	name    string
	kind    rowKind
	spec    i9Spec
	shared  bool // the row only reads: its cells share one fixture
	request i9Request
	want    wants
	// effect checks what a success changed; touches names the snapshot keys
	// (by prefix) it may change, nothing else may. Without effect a success
	// must change nothing; a refusal never may.
	effect  i9Effect
	touches []string
	check   i9Check
	okText  string // see permRow.okText
	// noRedirect: the answer is a redirect, not followed; the check reads
	// its Location instead of a body.
	noRedirect bool
}

func (row *i9Row) ownFixture(want string) bool {
	return !row.shared && row.effect != nil && row.succeeded(want)
}

// succeeded is the matrix's succeeded, and a redirect where one is the answer.
func (row *i9Row) succeeded(label string) bool {
	return succeeded(label) || (row.noRedirect && label == "302")
}

func runIssue9Matrix(t *testing.T, w *i9World, rows []i9Row) {
	began := time.Now()
	actors := w.actors
	grid := make([][]*permCell, len(rows))
	cellFx := make([][]int, len(rows))
	var specs []i9Spec
	for i, row := range rows {
		if len(row.want) != len(actors) {
			t.Fatalf("row %q holds %d expectations for %d actors", row.name, len(row.want), len(actors))
		}
		grid[i], cellFx[i] = make([]*permCell, len(actors)), make([]int, len(actors))
		shared := -1
		for j := range actors {
			c := &permCell{}
			c.want, c.isNew = strings.CutSuffix(row.want[j], "*")
			grid[i][j] = c
			if row.ownFixture(c.want) {
				cellFx[i][j] = len(specs)
				specs = append(specs, row.spec)
				continue
			}
			if shared < 0 {
				shared = len(specs)
				specs = append(specs, row.spec)
			}
			cellFx[i][j] = shared
		}
	}
	all := w.buildIssue9(t, specs)
	t.Logf("%d fixtures for %d cells built after %s", len(all), len(rows)*len(actors), time.Since(began).Round(time.Second))
	fxs := make([][]*i9Fixture, len(rows))
	for i := range rows {
		fxs[i] = make([]*i9Fixture, len(actors))
		for j, k := range cellFx[i] {
			fxs[i][j], grid[i][j].fx = all[k], all[k].fixture
		}
	}
	w.removeFormer(t)

	t.Run("rows", func(t *testing.T) {
		for i := range rows {
			t.Run(rows[i].name, func(t *testing.T) {
				t.Parallel()
				runIssue9Row(t, w, &rows[i], grid[i], fxs[i])
			})
		}
	})
	t.Logf("rows done after %s", time.Since(began).Round(time.Second))
	names := make([]permRow, len(rows))
	for i, row := range rows {
		names[i].name = row.name
	}
	t.Log("\n" + matrixSummary(actors, names, grid))
}

// runIssue9Row runs the row's cells in column order, chaining the snapshots
// of the cells that take turns on one fixture.
func runIssue9Row(t *testing.T, w *i9World, row *i9Row, cells []*permCell, fxs []*i9Fixture) {
	var last snapshot
	var lastFx *i9Fixture
	for j, a := range w.actors {
		before := last
		if fxs[j] != lastFx {
			before = nil
		}
		last, lastFx = nil, fxs[j]
		cells[j].failed = !t.Run(a.key, func(t *testing.T) {
			last = runIssue9Cell(t, w, row, a, cells[j], fxs[j], before)
		})
	}
}

// runIssue9Cell runs one cell from the snapshot before (read if nil) and
// returns the snapshot after.
func runIssue9Cell(t *testing.T, w *i9World, row *i9Row, a permActor, c *permCell, fx *i9Fixture, before snapshot) snapshot {
	if before == nil {
		before = w.issue9Snapshot(t, fx)
	}
	method, path, body := row.request(w, fx, a)
	var status int
	var data []byte
	if row.noRedirect {
		status, data = i9Unfollowed(t, w, a, method, path)
	} else {
		status, data = w.as(t, a, method, path, body)
	}
	c.got = (&permRow{kind: row.kind, okText: row.okText}).label(status, data)
	after := w.issue9Snapshot(t, fx)

	if c.got != c.want {
		c.details = fmt.Sprintf("%.300s", data)
		t.Errorf("%s %s as %s (%s): got %s, want %s; body %s", method, path, a.key, a.title, c.got, c.want, c.details)
	}
	if status >= 400 {
		var e apiError
		if json.Unmarshal(data, &e) != nil || e.Error == "" {
			t.Errorf("status %d without the JSON error body: %.300s", status, data)
		}
	}
	changed := i9Diff(before, after)
	switch {
	case !row.succeeded(c.got) && len(changed) > 0:
		t.Errorf("a refused call (%s) changed the stored state:\n%s", c.got, strings.Join(changed, "\n"))
	case row.succeeded(c.got) && row.effect == nil && len(changed) > 0:
		t.Errorf("this call must change nothing, but:\n%s", strings.Join(changed, "\n"))
	case row.succeeded(c.got) && row.effect != nil:
		row.effect(t, w, fx, a, before, after)
		if stray := strayChanges(i9WithNew(before, after), after, row.touches, a); len(stray) > 0 {
			t.Errorf("the call changed what it must not: %s", strings.Join(stray, ", "))
		}
	}
	if row.succeeded(c.got) && row.check != nil {
		row.check(t, w, fx, a, data)
	}
	return after
}

// i9Diff is snapshot.diff in both directions: the KV rows vary, and a row
// that appears is a change too.
func i9Diff(before, after snapshot) []string {
	return i9WithNew(before, after).diff(after)
}

// i9WithNew is before with "absent" for each key only after holds.
func i9WithNew(before, after snapshot) snapshot {
	out := snapshot{}
	for k, v := range before {
		out[k] = v
	}
	for k := range after {
		if _, ok := out[k]; !ok {
			out[k] = "absent"
		}
	}
	return out
}

// i9Unfollowed calls the plugin as the actor like env.Plugin, without
// following a redirect: a 3xx answers its Location as the body.
func i9Unfollowed(t *testing.T, w *i9World, a permActor, method, path string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, node1().URL+"/plugins/mentorship/api/v1"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if u := w.users[a.key]; u != nil {
		req.Header.Set("Authorization", "Bearer "+u.Token)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s as %s: %v", method, path, a.key, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		data = []byte(resp.Header.Get("Location"))
	}
	return resp.StatusCode, data
}
