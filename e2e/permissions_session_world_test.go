package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fixtures, snapshot and runner of the sessions permission matrix
// (permissions_session_test.go). The cast is the matching matrix's
// (matchActors): a fixture is a self-serve program of its own with an active
// match between mentee and mentor, and, as the row needs, a session of
// theirs, a proposal, a meeting that took place with feedback, the mentor's
// office hours and a booking of them by the other member.
//
// The matrix has hundreds of cells on a real server, so it saves requests
// where that weakens no check: a cell whose call is to succeed and change the
// fixture gets one of its own; the other cells of a row (refusals, reads,
// changes of the caller's own preferences) take turns on one fixture, each
// cell's "before" being the previous cell's "after". Fixtures are built and
// snapshots read by several requests at once, rows run two at a time, and
// the rows that need a meeting that is over run last, when it is (with the
// parallel tests, so that other tests run while the meetings take place).

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

// sessWorkers is how many fixtures are built at once.
const sessWorkers = 8

// sessWorld is the matrix's world and the times its fixtures use.
type sessWorld struct {
	*permWorld
	base      time.Time // fixtures' sessions start from here, one minute apart
	slotsFrom time.Time // the snapshot lists free slots from here: fixed, so the list only changes with bookings
	mu        sync.Mutex
	sessions  int // sessions scheduled ahead so far (mu)
	programs  int // fixture programs so far (mu)
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
	return w.buildFixtures(t, []sessSpec{spec})[0]
}

// buildFixtures builds one fixture per spec, sessWorkers at a time: first
// every program and match, then (all at the same minute, as soon as the
// server accepts it) the meetings that are to be over, then the rest.
func (w *sessWorld) buildFixtures(t *testing.T, specs []sessSpec) []*sessFixture {
	t.Helper()
	out := make([]*sessFixture, len(specs))
	err := inWorkers(len(specs), func(i int) (err error) {
		out[i], err = w.buildCast(specs[i])
		return err
	})
	if err == nil {
		// The server takes no start that is not ahead of its clock; 20 s
		// leave room for the requests.
		metStart := time.Now().UTC().Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute)
		err = inWorkers(len(specs), func(i int) error { return w.buildSessions(out[i], metStart) })
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// inWorkers runs work(0..n-1), sessWorkers at a time, and joins their errors.
// The work makes requests only: failing the test is left to the caller's
// goroutine.
func inWorkers(n int, work func(i int) error) error {
	errs := make([]error, n)
	slots := make(chan struct{}, sessWorkers)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			errs[i] = work(i)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// try is a set-up request off the test goroutine: an error instead of Fatal.
func (w *sessWorld) try(key, method, path string, body any, want int, out any) error {
	status, data, err := env.Plugin(w.users[key], node1(), method, path, body)
	switch {
	case err != nil:
		return fmt.Errorf("set-up %s %s as %s: %w", method, path, key, err)
	case status != want:
		return fmt.Errorf("set-up %s %s as %s: status %d (%.300s), want %d", method, path, key, status, data, want)
	case out != nil:
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("set-up %s %s: %w in %.300s", method, path, err, data)
		}
	}
	return nil
}

// buildCast makes what permWorld.newFixture and cast make for an active
// match: the program (coordinated by coord and former), the three members
// and the mentee's match with the mentor.
func (w *sessWorld) buildCast(spec sessSpec) (*sessFixture, error) {
	w.mu.Lock()
	w.programs++
	name := fmt.Sprintf("Perm sessions %d", w.programs)
	w.mu.Unlock()
	fx := &sessFixture{fixture: &fixture{spec: fixtureSpec{stage: pmActive}}, spec: spec}
	if err := w.try("admin", http.MethodPost, "/programs", map[string]any{
		"team_id": w.home.Id, "name": name, "matching_mode": "self_serve",
		"coordinators": []string{w.users["coord"].Id, w.users["former"].Id},
	}, http.StatusCreated, &fx.this); err != nil {
		return nil, err
	}
	programPath := "/programs/" + fx.this.ID
	for key, body := range map[string]map[string]any{
		"mentee": {"role": "mentee", "goals": "public speaking"},
		"mentor": {"role": "mentor", "capacity": 2},
		"other":  {"role": "mentee"},
	} {
		if err := w.try(key, http.MethodPost, programPath+"/join", body, http.StatusCreated, nil); err != nil {
			return nil, err
		}
	}
	var m permMatch
	if err := w.try("mentee", http.MethodPost, programPath+"/requests",
		map[string]any{"mentor_id": w.users["mentor"].Id, "message": "Could you help me?"}, http.StatusCreated, &m); err != nil {
		return nil, err
	}
	fx.match = m.ID
	return fx, w.try("mentor", http.MethodPost, "/matches/"+m.ID+"/accept", nil, http.StatusOK, nil)
}

// buildSessions adds what the spec asks for: the session (a 5-minute meeting
// at metStart when it is to be over), the proposal, office hours, a booking.
func (w *sessWorld) buildSessions(fx *sessFixture, metStart time.Time) error {
	spec := fx.spec
	if spec.session != sessNone {
		start, minutes := metStart, 5
		if spec.session == sessAhead {
			// Each fixture's session has a minute of its own, so a window of
			// GET /sessions around it holds few others.
			w.mu.Lock()
			w.sessions++
			start, minutes = w.base.Add(time.Duration(w.sessions)*time.Minute), 30
			w.mu.Unlock()
		}
		var v permSession
		if err := w.try("mentee", http.MethodPost, "/sessions", map[string]any{
			"match_id": fx.match, "start": start, "duration_minutes": minutes, "title": "Fixture session",
		}, http.StatusCreated, &v); err != nil {
			return err
		}
		fx.session, fx.start = v.ID, v.Start
	}
	if spec.proposal {
		fx.proposed = fx.start.Add(24 * time.Hour)
		if err := w.try("mentee", http.MethodPost, "/sessions/"+fx.session+"/propose",
			map[string]any{"when": fx.proposed.Format(time.RFC3339)}, http.StatusOK, nil); err != nil {
			return err
		}
	}
	if spec.hours {
		if err := w.try("mentor", http.MethodPut, "/programs/"+fx.this.ID+"/office-hours", officeHours(), http.StatusOK, nil); err != nil {
			return err
		}
		var body struct {
			Slots []permSlot `json:"slots"`
		}
		if err := w.try("admin", http.MethodGet, w.slotsPath(fx), nil, http.StatusOK, &body); err != nil {
			return err
		}
		if len(body.Slots) == 0 {
			return fmt.Errorf("the mentor's office hours offer no slot from %s", w.slotsFrom)
		}
		fx.slot = body.Slots[0].Start
	}
	if spec.booking {
		var v permSession
		if err := w.try("other", http.MethodPost, "/programs/"+fx.this.ID+"/office-hours/bookings",
			map[string]any{"mentor_id": w.users["mentor"].Id, "start": fx.slot.Format(time.RFC3339), "agenda": "questions"},
			http.StatusCreated, &v); err != nil {
			return err
		}
		fx.booking = v.ID
	}
	return nil
}

func (w *sessWorld) slotsPath(fx *sessFixture) string {
	return fmt.Sprintf("/programs/%s/office-hours/slots?days=2&from=%s", fx.this.ID, w.slotsFrom.Format(time.RFC3339))
}

type permSlot struct {
	MentorID string    `json:"mentor_id"`
	Start    time.Time `json:"start"`
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
	// The privacy rows need the meeting shown as over with both ratings.
	var v permSession
	w.mustDecode(t, "admin", http.MethodGet, path, nil, http.StatusOK, &v)
	if len(v.Past) != 1 || len(v.Past[0].Feedback) != 2 {
		t.Fatalf("the rated meeting shows %+v, want one past meeting with two ratings", v.Past)
	}
}

// waitForMeetings waits until every started fixture's meeting is over: only
// then does a session's view show its attendance and feedback. Nothing is
// measured; the rows that need no such meeting ran meanwhile.
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

// sessionSnapshot reads, as admin, what permWorld.snapshot reads of a
// fixture with an active match (the program, its members, matching settings,
// preview, match and matches), plus what the session routes may change (the
// mentor's own office hours as the mentor; preferences as their owners). The
// reads are independent, so they go out at once.
func (w *sessWorld) sessionSnapshot(t *testing.T, fx *sessFixture) snapshot {
	t.Helper()
	type read struct {
		key, who, path string
		status         int
		data           []byte
		err            error
	}
	var reads []*read
	add := func(key, who, path string) { reads = append(reads, &read{key: key, who: who, path: path}) }
	id := fx.this.ID
	add("program "+id, "admin", "/programs/"+id)
	// Every member, those who left or were declined included (the default
	// list leaves them out); a fixture's few fit in one page.
	for _, filter := range []string{"", "&status=left", "&status=declined"} {
		add("members", "admin", "/programs/"+id+"/members?page=0"+filter)
	}
	add("matching "+id, "admin", "/programs/"+id+"/matching")
	add("preview "+id, "admin", "/programs/"+id+"/preview")
	add("match "+fx.match, "admin", "/matches/"+fx.match)
	add("matches "+id, "admin", "/programs/"+id+"/matches")
	for _, sid := range []string{fx.session, fx.booking} {
		if sid != "" {
			add("session "+sid, "admin", "/sessions/"+sid)
		}
	}
	add("match sessions", "admin", "/matches/"+fx.match+"/sessions")
	add("session settings", "admin", "/programs/"+id+"/sessions-settings")
	add("hours mentor", "mentor", "/programs/"+id+"/office-hours")
	add("slots", "admin", w.slotsPath(fx))
	if fx.spec.prefs {
		for _, a := range w.actors {
			if a.key != "anon" {
				add("prefs "+a.key, a.key, "/preferences")
				add("feed "+a.key, a.key, "/calendar/feed")
			}
		}
	}
	var wg sync.WaitGroup
	for _, r := range reads {
		wg.Go(func() { r.status, r.data, r.err = env.Plugin(w.users[r.who], node1(), http.MethodGet, r.path, nil) })
	}
	wg.Wait()

	s, members := snapshot{}, []json.RawMessage{}
	for _, r := range reads {
		if r.err == nil && r.status == http.StatusNotFound && r.key == "preview "+id {
			s[r.key] = "none"
			continue
		}
		if r.err != nil || r.status != http.StatusOK {
			t.Fatalf("%s reads %s: status %d %s %v", r.who, r.path, r.status, r.data, r.err)
		}
		var page struct {
			Members []json.RawMessage `json:"members"`
			Matches []json.RawMessage `json:"matches"`
			Pages   int               `json:"pages"`
		}
		switch r.key {
		case "members", "matches " + id:
			if err := json.Unmarshal(r.data, &page); err != nil || page.Pages > 1 {
				t.Fatalf("%s: %v, %d pages (%.200s)", r.path, err, page.Pages, r.data)
			}
		}
		switch r.key {
		case "members":
			members = append(members, page.Members...)
		case "matches " + id:
			list, _ := json.Marshal(page.Matches)
			s[r.key] = canonical(t, list)
		default:
			s[r.key] = canonical(t, r.data)
		}
	}
	list, _ := json.Marshal(members)
	s["members "+id] = canonical(t, list)
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

// ownFixture: the cell is to succeed and change its fixture, so it gets a
// fixture of its own. A change of the caller's own preferences leaves the
// fixture as the next caller needs it.
func (row *sessRow) ownFixture(want string) bool {
	callersOwn := len(row.touches) > 0
	for _, key := range row.touches {
		callersOwn = callersOwn && strings.Contains(key, "@")
	}
	return !row.shared && row.effect != nil && succeeded(want) && !callersOwn
}

// group of a row: the rows that need a meeting that is over run after the
// wait; those that change or read preferences and feeds (every user's, not
// the fixture's) one after the other; every other row alongside them.
func (row *sessRow) group() string {
	switch {
	case row.spec.session == sessStarted:
		return "met"
	case row.setup != nil || row.spec.prefs:
		return "own"
	}
	return "ahead"
}

func runSessionMatrix(t *testing.T, w *sessWorld, rows []sessRow) {
	began := time.Now()
	actors := w.actors
	grid := make([][]*permCell, len(rows))
	// Each cell's fixture is an index into specs; the meetings first.
	cellFx := make([][]int, len(rows))
	var specs []sessSpec
	met := 0
	for _, first := range []bool{true, false} {
		for i, row := range rows {
			if (row.group() == "met") != first {
				continue
			}
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
		if first {
			met = len(specs)
		}
	}
	all := w.buildFixtures(t, specs[:met])
	t.Logf("%d fixtures with a meeting built after %s", met, time.Since(began).Round(time.Second))
	all = append(all, w.buildFixtures(t, specs[met:])...)
	t.Logf("%d fixtures for %d cells built after %s", len(all), len(rows)*len(actors), time.Since(began).Round(time.Second))
	fxs := make([][]*sessFixture, len(rows))
	for i := range rows {
		fxs[i] = make([]*sessFixture, len(actors))
		for j, k := range cellFx[i] {
			fxs[i][j], grid[i][j].fx = all[k], all[k].fixture
		}
	}
	w.removeFormer(t)

	// Rows run two at a time (go test's -parallel); the preferences and
	// feed rows as one, in turn.
	runGroup := func(name, group string) {
		t.Run(name, func(t *testing.T) {
			for i := range rows {
				if g := rows[i].group(); g == group && g != "own" {
					t.Run(rows[i].name, func(t *testing.T) {
						t.Parallel()
						runSessionRow(t, w, &rows[i], grid[i], fxs[i])
					})
				}
			}
			if group == "ahead" {
				t.Run("own preferences and feeds", func(t *testing.T) {
					t.Parallel()
					for i := range rows {
						if rows[i].group() == "own" {
							t.Run(rows[i].name, func(t *testing.T) { runSessionRow(t, w, &rows[i], grid[i], fxs[i]) })
						}
					}
				})
			}
		})
		t.Logf("%s: done after %s", name, time.Since(began).Round(time.Second))
	}
	runGroup("ahead", "ahead")
	// The meetings end five minutes after they were built, whatever the
	// rows did meanwhile. Instead of sleeping out the rest, the test steps
	// aside: go test runs the sequential tests that follow (the whole e2e
	// suite under make test) and comes back to the rows that need the
	// meetings over with the other parallel tests. Those rows touch only
	// this world's users and fixtures, and read env.Users no one writes then.
	t.Parallel()
	waitForMeetings(t, all)
	for _, fx := range all {
		if fx.spec.feedback {
			w.giveFeedback(t, fx)
		}
	}
	runGroup("met", "met")

	names := make([]permRow, len(rows))
	for i, row := range rows {
		names[i].name = row.name
	}
	t.Log("\n" + matrixSummary(actors, names, grid))
}

// runSessionRow runs the row's cells in column order. Cells that take turns
// on a fixture chain their snapshots: one's "after" is the next one's
// "before", unless a setup changes the state in between.
func runSessionRow(t *testing.T, w *sessWorld, row *sessRow, cells []*permCell, fxs []*sessFixture) {
	var last snapshot
	var lastFx *sessFixture
	for j, a := range w.actors {
		before := last
		if fxs[j] != lastFx || row.setup != nil {
			before = nil
		}
		last, lastFx = nil, fxs[j]
		cells[j].failed = !t.Run(a.key, func(t *testing.T) {
			last = runSessionCell(t, w, row, a, cells[j], fxs[j], before)
		})
	}
}

// runSessionCell runs one cell from the snapshot before (read if nil) and
// returns the snapshot after.
func runSessionCell(t *testing.T, w *sessWorld, row *sessRow, a permActor, c *permCell, fx *sessFixture, before snapshot) snapshot {
	if row.setup != nil {
		row.setup(t, w, fx, a)
	}
	if before == nil {
		before = w.sessionSnapshot(t, fx)
	}
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
	return after
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
