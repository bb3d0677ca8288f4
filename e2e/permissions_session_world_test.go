package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// The fixtures, snapshot and runner of the sessions permission matrix
// (permissions_session_test.go). The cast is the matching matrix's
// (matchActors): each cell gets a self-serve program of its own with an
// active match between mentee and mentor, and, as the row needs, a session of
// theirs, a proposal, a meeting that took place with feedback, the mentor's
// office hours and a booking of them by the other member.

// sessWhen is when the fixture's session meets.
type sessWhen int

const (
	sessNone    sessWhen = iota
	sessAhead            // days ahead: it can be changed, confirmed, cancelled
	sessStarted          // a 5-minute meeting that is over when the cells run
)

type sessSpec struct {
	session  sessWhen
	proposal bool // the mentee proposed another time
	feedback bool // (sessStarted) the mentee attended and rated it privately, the mentor shared a rating
	hours    bool // the mentor published office hours
	booking  bool // (with hours) the other member booked a slot of them
	prefs    bool // the snapshot reads every caller's preferences and feed status
}

type sessFixture struct {
	*fixture
	spec     sessSpec
	session  string    // the pair's session (scheduled by the mentee)
	start    time.Time // its start
	proposed time.Time // the start the mentee proposed
	slot     time.Time // a free slot of the mentor; the booked one with booking
	booking  string    // the booking's session
	token    string    // a feed token a row's setup made
}

// Texts the feedback fixture stores; the matrix looks for them in answers.
const (
	sessPrivateNote = "private note by the mentee"
	sessSharedNote  = "shared note by the mentor"
)

// sessWorld is the matrix's world and the times its fixtures use.
type sessWorld struct {
	*permWorld
	base      time.Time // fixtures' sessions start from here, one minute apart
	slotsFrom time.Time // the snapshot lists free slots from here: fixed, so the list only changes with bookings
	sessions  int
}

func newSessionWorld(t *testing.T, prefix string) *sessWorld {
	now := time.Now().UTC()
	return &sessWorld{
		permWorld: buildPermWorld(t, prefix, matchActors),
		base:      now.Add(72 * time.Hour).Truncate(time.Hour),
		slotsFrom: now.Truncate(24 * time.Hour).Add(48 * time.Hour),
	}
}

// officeHours is what the mentor publishes: every day 10:00–11:00 in 15-minute slots.
func officeHours() map[string]any {
	windows := []map[string]any{}
	for day := range 7 {
		windows = append(windows, map[string]any{"weekday": day, "start": "10:00", "end": "11:00"})
	}
	return map[string]any{"windows": windows, "slot_minutes": 15, "where": "link", "location": "https://meet.example.com/hours"}
}

func (w *sessWorld) newSessionFixture(t *testing.T, spec sessSpec) *sessFixture {
	t.Helper()
	fx := &sessFixture{fixture: w.newFixture(t, fixtureSpec{stage: pmActive}), spec: spec}
	if spec.session != sessNone {
		// Each fixture's session has a minute of its own, so a window of
		// GET /sessions around it holds few others.
		w.sessions++
		start, minutes := w.base.Add(time.Duration(w.sessions)*time.Minute), 30
		if spec.session == sessStarted {
			start, minutes = time.Now().UTC().Truncate(time.Minute).Add(2*time.Minute), 5
		}
		var v permSession
		w.mustDecode(t, "mentee", http.MethodPost, "/sessions", map[string]any{
			"match_id": fx.match, "start": start, "duration_minutes": minutes, "title": "Fixture session",
		}, http.StatusCreated, &v)
		fx.session, fx.start = v.ID, v.Start
	}
	if spec.proposal {
		fx.proposed = fx.start.Add(24 * time.Hour)
		w.mustAs(t, permActor{key: "mentee"}, http.MethodPost, "/sessions/"+fx.session+"/propose",
			map[string]any{"when": fx.proposed.Format(time.RFC3339)}, http.StatusOK)
	}
	if spec.hours {
		w.mustAs(t, permActor{key: "mentor"}, http.MethodPut, "/programs/"+fx.this.ID+"/office-hours", officeHours(), http.StatusOK)
		slots := w.freeSlots(t, fx)
		if len(slots) == 0 {
			t.Fatalf("the mentor's office hours offer no slot from %s", w.slotsFrom)
		}
		fx.slot = slots[0].Start
	}
	if spec.booking {
		var v permSession
		w.mustDecode(t, "other", http.MethodPost, "/programs/"+fx.this.ID+"/office-hours/bookings",
			map[string]any{"mentor_id": w.users["mentor"].Id, "start": fx.slot.Format(time.RFC3339), "agenda": "questions"},
			http.StatusCreated, &v)
		fx.booking = v.ID
	}
	return fx
}

func (w *sessWorld) slotsPath(fx *sessFixture) string {
	return fmt.Sprintf("/programs/%s/office-hours/slots?days=2&from=%s", fx.this.ID, w.slotsFrom.Format(time.RFC3339))
}

type permSlot struct {
	MentorID string    `json:"mentor_id"`
	Start    time.Time `json:"start"`
}

func (w *sessWorld) freeSlots(t *testing.T, fx *sessFixture) []permSlot {
	t.Helper()
	var body struct {
		Slots []permSlot `json:"slots"`
	}
	w.mustDecode(t, "admin", http.MethodGet, w.slotsPath(fx), nil, http.StatusOK, &body)
	return body.Slots
}

// giveFeedback: after the meeting, the mentee says they attended and rates it
// without sharing; the mentor rates it and shares.
func (w *sessWorld) giveFeedback(t *testing.T, fx *sessFixture) {
	t.Helper()
	path := "/sessions/" + fx.session
	occurrence := fx.start.Format(time.RFC3339)
	w.mustAs(t, permActor{key: "mentee"}, http.MethodPost, path+"/attendance", map[string]any{"occurrence": occurrence, "status": "attended"}, http.StatusOK)
	w.mustAs(t, permActor{key: "mentee"}, http.MethodPost, path+"/feedback", map[string]any{"occurrence": occurrence, "rating": 2, "text": sessPrivateNote}, http.StatusOK)
	w.mustAs(t, permActor{key: "mentor"}, http.MethodPost, path+"/feedback", map[string]any{"occurrence": occurrence, "rating": 5, "text": sessSharedNote, "shared": true}, http.StatusOK)
}

// waitForMeetings waits until every started fixture's meeting is over: only
// then does a session's view show its attendance and feedback. Nothing is
// measured; the fixtures were built started-first, so little is left to wait.
func waitForMeetings(t *testing.T, fixtures []*sessFixture) {
	var last time.Time
	for _, fx := range fixtures {
		if fx.spec.session == sessStarted && fx.start.Add(5*time.Minute).After(last) {
			last = fx.start.Add(5 * time.Minute)
		}
	}
	if wait := time.Until(last.Add(2 * time.Second)); wait > 0 {
		t.Logf("waiting %s for the fixtures' meetings to end", wait.Round(time.Second))
		time.Sleep(wait)
	}
}

// sessionSnapshot is the world's snapshot of the program and its matching,
// plus what the session routes may change, read back as admin (the mentor's
// own office hours as the mentor; preferences as their owners).
func (w *sessWorld) sessionSnapshot(t *testing.T, fx *sessFixture) snapshot {
	t.Helper()
	s := w.snapshot(t, fx.fixture)
	read := func(key, who, path string) {
		status, data := w.as(t, permActor{key: who}, http.MethodGet, path, nil)
		if status != http.StatusOK {
			t.Fatalf("%s reads %s: status %d %s", who, path, status, data)
		}
		s[key] = canonical(t, data)
	}
	for _, id := range []string{fx.session, fx.booking} {
		if id != "" {
			read("session "+id, "admin", "/sessions/"+id)
		}
	}
	read("match sessions", "admin", "/matches/"+fx.match+"/sessions")
	read("session settings", "admin", "/programs/"+fx.this.ID+"/sessions-settings")
	read("hours mentor", "mentor", "/programs/"+fx.this.ID+"/office-hours")
	read("slots", "admin", w.slotsPath(fx))
	if fx.spec.prefs {
		for _, a := range w.actors {
			if a.key != "anon" {
				read("prefs "+a.key, a.key, "/preferences")
				read("feed "+a.key, a.key, "/calendar/feed")
			}
		}
	}
	return s
}

// --- the runner --------------------------------------------------------------

type (
	sessRequest func(w *sessWorld, fx *sessFixture, a permActor) (method, path string, body any)
	sessEffect  func(t *testing.T, w *sessWorld, fx *sessFixture, a permActor, before, after snapshot)
	sessCheck   func(t *testing.T, w *sessWorld, fx *sessFixture, a permActor, body []byte)
)

// sessRow is one route (or one situation of a route) of the matrix.
type sessRow struct {
	name    string
	kind    rowKind
	spec    sessSpec
	shared  bool                                                           // the row only reads: its cells share one fixture
	setup   func(t *testing.T, w *sessWorld, fx *sessFixture, a permActor) // right before the cell (per-user state)
	request sessRequest
	want    wants
	// effect checks what a success changed; touches names the snapshot keys
	// (by prefix, "@" = the caller's key) it may change, nothing else may.
	// Without effect a success must change nothing; a refusal never may.
	effect  sessEffect
	touches []string
	check   sessCheck
	okText  string // see permRow.okText
	plain   bool   // the feed: its 404 is the plain "Not found", not the JSON error
}

func runSessionMatrix(t *testing.T, w *sessWorld, rows []sessRow) {
	actors := w.actors
	grid := make([][]*permCell, len(rows))
	fixtures := make([][]*sessFixture, len(rows))
	var all []*sessFixture
	// Started meetings first: they end while the rest is built.
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return boolRank(rows[b].spec.session == sessStarted) - boolRank(rows[a].spec.session == sessStarted)
	})
	for _, i := range order {
		row := rows[i]
		if len(row.want) != len(actors) {
			t.Fatalf("row %q holds %d expectations for %d actors", row.name, len(row.want), len(actors))
		}
		grid[i], fixtures[i] = make([]*permCell, len(actors)), make([]*sessFixture, len(actors))
		for j := range actors {
			if row.shared && j > 0 {
				fixtures[i][j] = fixtures[i][0]
			} else {
				fixtures[i][j] = w.newSessionFixture(t, row.spec)
				all = append(all, fixtures[i][j])
			}
			c := &permCell{fx: fixtures[i][j].fixture}
			c.want, c.isNew = strings.CutSuffix(row.want[j], "*")
			grid[i][j] = c
		}
	}
	w.removeFormer(t)
	waitForMeetings(t, all)
	for _, fx := range all {
		if fx.spec.feedback {
			w.giveFeedback(t, fx)
		}
	}
	for i, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			for j, a := range actors {
				c := grid[i][j]
				c.failed = !t.Run(a.key, func(t *testing.T) { runSessionCell(t, w, &rows[i], a, c, fixtures[i][j]) })
			}
		})
	}
	names := make([]permRow, len(rows))
	for i, row := range rows {
		names[i].name = row.name
	}
	t.Log("\n" + matrixSummary(actors, names, grid))
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func runSessionCell(t *testing.T, w *sessWorld, row *sessRow, a permActor, c *permCell, fx *sessFixture) {
	if row.setup != nil {
		row.setup(t, w, fx, a)
	}
	before := w.sessionSnapshot(t, fx)
	method, path, body := row.request(w, fx, a)
	status, data := w.as(t, a, method, path, body)
	c.got = (&permRow{kind: row.kind, okText: row.okText}).label(status, data)
	after := w.sessionSnapshot(t, fx)

	if c.got != c.want {
		c.details = fmt.Sprintf("%.300s", data)
		t.Errorf("%s %s as %s (%s): got %s, want %s; body %s", method, path, a.key, a.title, c.got, c.want, c.details)
	}
	switch {
	case status >= 400 && row.plain:
		if string(data) != "Not found\n" {
			t.Errorf("the feed's %d says more than \"Not found\": %.300q", status, data)
		}
	case status >= 400:
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
		row.effect(t, w, fx, a, before, after)
		if stray := strayChanges(before, after, row.touches, a); len(stray) > 0 {
			t.Errorf("the call changed what it must not: %s", strings.Join(stray, ", "))
		}
	}
	if succeeded(c.got) && row.check != nil {
		row.check(t, w, fx, a, data)
	}
}

// strayChanges names the snapshot keys that changed outside touches.
func strayChanges(before, after snapshot, touches []string, a permActor) []string {
	var out []string
	for key, v := range before {
		if after[key] == v {
			continue
		}
		allowed := false
		for _, prefix := range touches {
			if strings.HasPrefix(key, strings.ReplaceAll(prefix, "@", a.key)) {
				allowed = true
			}
		}
		if !allowed {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// --- what the snapshot holds -------------------------------------------------

// permSession is what the matrix reads of a session view.
type permSession struct {
	ID        string            `json:"id"`
	Status    string            `json:"status"`
	Title     string            `json:"title"`
	Start     time.Time         `json:"start"`
	CreatedBy string            `json:"created_by"`
	Responses map[string]string `json:"responses"`
	Proposal  *struct {
		By    string    `json:"by"`
		Start time.Time `json:"start"`
	} `json:"proposal"`
	Past []struct {
		Attendance map[string]string `json:"attendance"`
		Feedback   map[string]struct {
			Rating int    `json:"rating"`
			Text   string `json:"text"`
		} `json:"feedback"`
	} `json:"past"`
}

func (s snapshot) session(t *testing.T, id string) permSession {
	t.Helper()
	var v permSession
	if err := json.Unmarshal([]byte(s["session "+id]), &v); err != nil {
		t.Fatalf("session %s in snapshot: %v", id, err)
	}
	return v
}

func (s snapshot) matchSessions(t *testing.T) []permSession {
	t.Helper()
	var body struct {
		Sessions []permSession `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(s["match sessions"]), &body); err != nil {
		t.Fatalf("the match's sessions in snapshot: %v", err)
	}
	return body.Sessions
}

// field reads one top-level field of a snapshot entry.
func (s snapshot) field(t *testing.T, key, name string) any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(s[key]), &v); err != nil {
		t.Fatalf("%s in snapshot: %v", key, err)
	}
	return v[name]
}

// --- effects -----------------------------------------------------------------

func sessScheduledByCaller(t *testing.T, w *sessWorld, _ *sessFixture, a permActor, before, after snapshot) {
	b, f := before.matchSessions(t), after.matchSessions(t)
	if len(f) != len(b)+1 {
		t.Fatalf("%d sessions before, %d after; want one more", len(b), len(f))
	}
	for _, v := range f {
		if v.CreatedBy == w.users[a.key].Id && strings.HasSuffix(v.Title, "by "+a.key) && v.Status == "scheduled" {
			return
		}
	}
	t.Errorf("no session scheduled by the caller among %+v", f)
}

func sessTitleByCaller(prefix string) sessEffect {
	return func(t *testing.T, _ *sessWorld, fx *sessFixture, a permActor, _, after snapshot) {
		if got := after.session(t, fx.session).Title; got != prefix+a.key {
			t.Errorf("the title is %q, want %q", got, prefix+a.key)
		}
	}
}

func sessCancelled(t *testing.T, _ *sessWorld, fx *sessFixture, _ permActor, _, after snapshot) {
	if got := after.session(t, fx.session).Status; got != "cancelled" {
		t.Errorf("the session is %s, want cancelled", got)
	}
}

func sessConfirmedByCaller(t *testing.T, w *sessWorld, fx *sessFixture, a permActor, _, after snapshot) {
	if got := after.session(t, fx.session).Responses[w.users[a.key].Id]; got != "confirmed" {
		t.Errorf("the caller's response is %q, want confirmed", got)
	}
}

func sessProposedByCaller(t *testing.T, w *sessWorld, fx *sessFixture, a permActor, _, after snapshot) {
	if p := after.session(t, fx.session).Proposal; p == nil || p.By != w.users[a.key].Id || !p.Start.Equal(fx.start.Add(48*time.Hour)) {
		t.Errorf("the proposal is %+v, want the caller's for two days later", p)
	}
}

func sessProposalTaken(t *testing.T, _ *sessWorld, fx *sessFixture, _ permActor, _, after snapshot) {
	if v := after.session(t, fx.session); v.Proposal != nil || !v.Start.Equal(fx.proposed) {
		t.Errorf("the session starts %s with proposal %+v; want %s and no proposal", v.Start, v.Proposal, fx.proposed)
	}
}

func sessAttendedByCaller(t *testing.T, w *sessWorld, fx *sessFixture, a permActor, _, after snapshot) {
	v := after.session(t, fx.session)
	if len(v.Past) != 1 || v.Past[0].Attendance[w.users[a.key].Id] != "attended" {
		t.Errorf("the meeting's attendance is %+v, want the caller attended", v.Past)
	}
}

func sessRatedByCaller(prefix string) sessEffect {
	return func(t *testing.T, w *sessWorld, fx *sessFixture, a permActor, _, after snapshot) {
		v := after.session(t, fx.session)
		if len(v.Past) != 1 || v.Past[0].Feedback[w.users[a.key].Id].Text != prefix+a.key || v.Past[0].Feedback[w.users[a.key].Id].Rating != 4 {
			t.Errorf("the meeting's feedback is %+v, want the caller's 4 %q", v.Past, prefix+a.key)
		}
	}
}

func sessOwnBudget(t *testing.T, _ *sessWorld, _ *sessFixture, a permActor, _, after snapshot) {
	if got := after.field(t, "prefs "+a.key, "weekly_budget"); got != float64(sessBudget(a)) {
		t.Errorf("the caller's weekly budget is %v, want %d", got, sessBudget(a))
	}
}

func sessOwnFeed(active bool) sessEffect {
	return func(t *testing.T, _ *sessWorld, _ *sessFixture, a permActor, before, after snapshot) {
		if got := after.field(t, "feed "+a.key, "active"); got != active {
			t.Errorf("the caller's feed is active: %v, want %v", got, active)
		}
		if active && before["feed "+a.key] == after["feed "+a.key] {
			t.Errorf("the caller's feed URL was not replaced: %s", after["feed "+a.key])
		}
	}
}

func sessDefaultMinutes(want int) sessEffect {
	return func(t *testing.T, _ *sessWorld, _ *sessFixture, _ permActor, _, after snapshot) {
		if got := after.field(t, "session settings", "default_minutes"); got != float64(want) {
			t.Errorf("the default length is %v, want %d", got, want)
		}
	}
}

func sessHoursPublished(published bool) sessEffect {
	return func(t *testing.T, _ *sessWorld, _ *sessFixture, a permActor, before, after snapshot) {
		want := published
		if a.key != "mentor" { // someone else's call must leave the mentor's hours alone
			want = before.field(t, "hours mentor", "published") == true
		}
		if got := after.field(t, "hours mentor", "published"); got != want {
			t.Errorf("the mentor's hours are published: %v, want %v", got, want)
		}
	}
}

func sessSlotTaken(t *testing.T, _ *sessWorld, fx *sessFixture, _ permActor, _, after snapshot) {
	if strings.Contains(after["slots"], fx.slot.Format(time.RFC3339)) {
		t.Errorf("the booked slot %s is still free: %.300s", fx.slot, after["slots"])
	}
}

func sessBookingCancelled(t *testing.T, _ *sessWorld, fx *sessFixture, _ permActor, before, after snapshot) {
	if got := after.session(t, fx.booking).Status; got != "cancelled" {
		t.Errorf("the booking is %s, want cancelled", got)
	}
	slot := fx.slot.Format(time.RFC3339)
	if strings.Contains(before["slots"], slot) || !strings.Contains(after["slots"], slot) {
		t.Errorf("the slot %s was not freed: before %.200s after %.200s", slot, before["slots"], after["slots"])
	}
}
