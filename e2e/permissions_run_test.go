package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// The machinery of the permission matrix: run each cell on its own fixture,
// turn the answer into a label, check the stored state, log the summary.

type rowKind int

const (
	restRow   rowKind = iota
	actionRow         // answers 200 with an ephemeral text when it refuses
	dialogRow         // answers 200 with a dialog error when it refuses
)

type (
	effectFunc func(t *testing.T, w *permWorld, fx *fixture, a permActor, before, after snapshot)
	checkFunc  func(t *testing.T, w *permWorld, fx *fixture, a permActor, body []byte)
)

// permRow is one route (or one situation of a route) of the matrix.
type permRow struct {
	name             string
	kind             rowKind
	fixture          fixtureSpec
	membersMayCreate bool // run under the setting "members may create programs"
	// prepare runs for each signed-in actor's fixture while the former
	// coordinator is still in the team (to enroll them, for instance).
	prepare func(t *testing.T, w *permWorld, fx *fixture, a permActor)
	request requestFunc
	want    wants
	// effect checks what a successful call changed; nil means a success must
	// change nothing (reads, joining again). A refusal must never change anything.
	effect effectFunc
	// check inspects a successful answer (what it may reveal).
	check checkFunc
	// shared: the row only reads, so its cells share one fixture.
	shared bool
	// okText: for a button row, an ephemeral answer containing it means the
	// plugin let the caller through (a form it could not open for a forged
	// trigger id), not a refusal.
	okText string
}

type permCell struct {
	fx      *fixture
	want    string
	isNew   bool // a cell of the new contract ("*")
	got     string
	failed  bool
	details string
}

func runPermissionMatrix(t *testing.T, w *permWorld, rows []permRow) {
	actors := w.actors
	grid := make([][]*permCell, len(rows))
	for i, row := range rows {
		if len(row.want) != len(actors) {
			t.Fatalf("row %q holds %d expectations for %d actors", row.name, len(row.want), len(actors))
		}
		grid[i] = make([]*permCell, len(actors))
		for j, a := range actors {
			c := &permCell{}
			if row.shared && j > 0 {
				c.fx = grid[i][0].fx
			} else {
				c.fx = w.newFixture(t, row.fixture)
			}
			c.want, c.isNew = strings.CutSuffix(row.want[j], "*")
			if row.prepare != nil && a.key != "anon" {
				row.prepare(t, w, c.fx, a)
			}
			grid[i][j] = c
		}
	}
	// Every fixture names the former coordinator; now they leave the team.
	w.removeFormer(t)

	membersMayCreate := false
	setCreators := func(members bool) {
		creators := "admins"
		if members {
			creators = "members"
		}
		setPluginConfig(t, map[string]any{"programcreators": creators, "botdisplayname": "Mentorship"})
		membersMayCreate = members
	}
	t.Cleanup(func() {
		if membersMayCreate {
			setCreators(false)
		}
	})
	for i, row := range rows {
		if row.membersMayCreate != membersMayCreate {
			setCreators(row.membersMayCreate)
		}
		t.Run(row.name, func(t *testing.T) {
			for j, a := range actors {
				c := grid[i][j]
				// Read after the subtest: a cell that stops with Fatal still counts.
				c.failed = !t.Run(a.key, func(t *testing.T) { runCell(t, w, &rows[i], a, c) })
			}
		})
	}
	t.Log("\n" + matrixSummary(actors, rows, grid))
}

func runCell(t *testing.T, w *permWorld, row *permRow, a permActor, c *permCell) {
	before := w.snapshot(t, c.fx)
	method, path, body := row.request(w, c.fx, a)
	status, data := w.as(t, a, method, path, body)
	c.got = row.label(status, data)
	after := w.snapshot(t, c.fx)

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
	changed := before.diff(after)
	switch {
	case !succeeded(c.got) && len(changed) > 0:
		t.Errorf("a refused call (%s) changed the stored state:\n%s", c.got, strings.Join(changed, "\n"))
	case succeeded(c.got) && row.effect == nil && len(changed) > 0:
		t.Errorf("this call must change nothing, but:\n%s", strings.Join(changed, "\n"))
	case succeeded(c.got) && row.effect != nil:
		row.effect(t, w, c.fx, a, before, after)
	}
	if succeeded(c.got) && row.check != nil {
		row.check(t, w, c.fx, a, data)
	}
}

// label is the cell's outcome as the summary shows it: the status; "400:field"
// for a bad request; "200 ok" / "200 err" for interactive endpoints.
func (r *permRow) label(status int, body []byte) string {
	if status >= 400 {
		var e apiError
		if status == http.StatusBadRequest && json.Unmarshal(body, &e) == nil && e.Field != "" {
			return "400:" + e.Field
		}
		return strconv.Itoa(status)
	}
	if r.kind == restRow || status != http.StatusOK {
		return strconv.Itoa(status)
	}
	var refusal bool
	switch r.kind {
	case actionRow:
		var resp model.PostActionIntegrationResponse
		if json.Unmarshal(body, &resp) != nil {
			return "200 bad-json"
		}
		refusal = resp.EphemeralText != "" && (r.okText == "" || !strings.Contains(resp.EphemeralText, r.okText))
	case dialogRow:
		// A dialog accepted without anything to say answers an empty body.
		if len(bytes.TrimSpace(body)) > 0 {
			var resp model.SubmitDialogResponse
			if json.Unmarshal(body, &resp) != nil {
				return "200 bad-json"
			}
			refusal = resp.Error != "" || len(resp.Errors) > 0
		}
	}
	if refusal {
		return refused
	}
	return ok
}

func succeeded(label string) bool {
	return label == ok || (strings.HasPrefix(label, "2") && !strings.Contains(label, " "))
}

// matrixSummary lays the matrix out as text: a passing cell shows its outcome,
// a failing one "got≠want"; "*" marks the cells of the new contract.
func matrixSummary(actors []permActor, rows []permRow, grid [][]*permCell) string {
	const nameWidth, cellWidth = 58, 16
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s", nameWidth, "route \\ caller")
	for _, a := range actors {
		fmt.Fprintf(&b, "%-*s", cellWidth, a.key)
	}
	b.WriteString("\n")
	var failedNew, failedOld []string
	for i, row := range rows {
		fmt.Fprintf(&b, "%-*s", nameWidth, row.name)
		for j, a := range actors {
			c := grid[i][j]
			text := c.got
			if c.got != c.want {
				text = c.got + "≠" + c.want
			}
			if c.isNew {
				text += "*"
			}
			if c.failed && c.got == c.want {
				text += "!" // right status, but a state or body check failed
			}
			fmt.Fprintf(&b, "%-*s", cellWidth, text)
			if c.failed {
				where := row.name + " × " + a.key
				if c.isNew {
					failedNew = append(failedNew, where)
				} else {
					failedOld = append(failedOld, where)
				}
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("columns: ")
	for _, a := range actors {
		fmt.Fprintf(&b, "%s = %s; ", a.key, a.title)
	}
	b.WriteString("\n* = new contract, ≠ = got≠want, ! = state or body check failed\n")
	fmt.Fprintf(&b, "failing cells of the new contract: %d\n", len(failedNew))
	for _, f := range failedNew {
		b.WriteString("  " + f + "\n")
	}
	fmt.Fprintf(&b, "other failing cells: %d\n", len(failedOld))
	for _, f := range failedOld {
		b.WriteString("  " + f + "\n")
	}
	return b.String()
}
