package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// Helpers of the session tests (sessions_*_test.go, officehours_test.go): the
// API's session types, a pair with a live match, the bot's session DMs, their
// .ics files read through Mattermost's files API and parsed by an independent
// iCalendar library, and the plugin settings that make reminders come fast.

type feedbackView struct {
	Rating int    `json:"rating"`
	Text   string `json:"text"`
	Shared bool   `json:"shared"`
}

type occurrenceView struct {
	SessionID    string                  `json:"session_id"`
	Occurrence   time.Time               `json:"occurrence"`
	Start        time.Time               `json:"start"`
	End          time.Time               `json:"end"`
	Title        string                  `json:"title"`
	Attendance   map[string]string       `json:"attendance"`
	Feedback     map[string]feedbackView `json:"feedback"`
	Participants []string                `json:"participants"`
	Responses    map[string]string       `json:"responses"`
	Kind         string                  `json:"kind"`
	MatchID      string                  `json:"match_id"`
}

type sessionView struct {
	ID              string            `json:"id"`
	Kind            string            `json:"kind"`
	ProgramID       string            `json:"program_id"`
	MatchID         string            `json:"match_id"`
	ChannelID       string            `json:"channel_id"`
	OrganizerID     string            `json:"organizer_id"`
	Participants    []string          `json:"participants"`
	Title           string            `json:"title"`
	Start           time.Time         `json:"start"`
	DurationMinutes int               `json:"duration_minutes"`
	TimeZone        string            `json:"time_zone"`
	Recurrence      string            `json:"recurrence"`
	Status          string            `json:"status"`
	Sequence        int               `json:"sequence"`
	Responses       map[string]string `json:"responses"`
	Owed            []string          `json:"owed"`
	Next            []occurrenceView  `json:"next"`
	Past            []occurrenceView  `json:"past"`
}

type slotView struct {
	MentorID string    `json:"mentor_id"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Free     bool      `json:"free"`
}

// pair is a live match made for one test: a program with a coordinator, a
// mentee and a mentor, each in their own time zone.
type pair struct {
	program program
	match   matchView
	coord   string
	mentee  string
	mentor  string
}

// livePair makes prefix-coord, prefix-mentee and prefix-mentor, a program
// they are in and an active match of the two. Call it before t.Parallel.
func livePair(t *testing.T, prefix, menteeZone, mentorZone string) pair {
	t.Helper()
	pr := pair{coord: prefix + "-coord", mentee: prefix + "-mentee", mentor: prefix + "-mentor"}
	matchPeople(t, pr.coord, pr.mentee, pr.mentor)
	setTimeZone(t, pr.mentee, menteeZone)
	setTimeZone(t, pr.mentor, mentorZone)
	pr.program = createProgram(t, "Sessions "+prefix, map[string]any{"coordinators": []string{user(pr.coord).Id}})
	joinAs(t, node1(), pr.mentor, pr.program.ID, "mentor", 3, "")
	joinAs(t, node1(), pr.mentee, pr.program.ID, "mentee", 0, "")
	pr.match = activePair(t, pr.program.ID, pr.coord, pr.mentee, pr.mentor)
	return pr
}

// schedule POSTs /sessions as name and fails unless it is created.
func schedule(t *testing.T, node *harness.Node, name string, body map[string]any) sessionView {
	t.Helper()
	var v sessionView
	status, data, err := env.Plugin(user(name), node, http.MethodPost, "/sessions", body)
	if err != nil || status != http.StatusCreated || json.Unmarshal(data, &v) != nil || v.ID == "" {
		t.Fatalf("POST /sessions %v as %s: %d %s %v", body, name, status, data, err)
	}
	return v
}

// readSession GETs a session as name and fails unless it is readable.
func readSession(t *testing.T, name, id string) sessionView {
	t.Helper()
	var v sessionView
	status, data, err := env.Plugin(user(name), node1(), http.MethodGet, "/sessions/"+id, nil)
	if err != nil || status != http.StatusOK || json.Unmarshal(data, &v) != nil {
		t.Fatalf("GET /sessions/%s as %s: %d %s %v", id, name, status, data, err)
	}
	return v
}

// upcoming lists name's occurrences from an hour ago for 60 days.
func upcoming(t *testing.T, name string) []occurrenceView {
	t.Helper()
	var list struct {
		Occurrences []occurrenceView `json:"occurrences"`
	}
	from := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	wantStatus(t, "GET /sessions as "+name, call(t, name, http.MethodGet, "/sessions?from="+from, nil, &list), http.StatusOK)
	return list.Occurrences
}

// sessionIDs are the distinct sessions of a list of occurrences.
func sessionIDs(list []occurrenceView) map[string]bool {
	ids := map[string]bool{}
	for _, o := range list {
		ids[o.SessionID] = true
	}
	return ids
}

// aboutSession keeps the bot's posts tagged with the session id.
func aboutSession(posts []*model.Post, sessionID string) []*model.Post {
	var out []*model.Post
	for _, p := range posts {
		if id, _ := p.GetProp("session_id").(string); id == sessionID {
			out = append(out, p)
		}
	}
	return out
}

// nudgeKey is the nudge key a reminder or follow-up DM carries, "" for others.
func nudgeKey(p *model.Post) string {
	key, _ := p.GetProp("mentorship_nudge").(string)
	return key
}

// nudgesOf keeps the session's nudge DMs of a kind: "remind" or "after"
// (the keys are session/occurrence/kind/user[/lead], see app/nudges.go).
func nudgesOf(posts []*model.Post, sessionID, kind string) []*model.Post {
	var out []*model.Post
	for _, p := range posts {
		if key := nudgeKey(p); strings.HasPrefix(key, sessionID+"/") && strings.Contains(key, "/"+kind+"/") {
			out = append(out, p)
		}
	}
	return out
}

// attachedFile is a file of a post as Mattermost lists it.
func attachedFiles(t *testing.T, name string, p *model.Post) []*model.FileInfo {
	t.Helper()
	if len(p.FileIds) == 0 {
		return nil
	}
	infos, _, err := env.Client(user(name), node1()).GetFileInfosForPost(ctx(), p.Id, "")
	if err != nil {
		t.Fatalf("files of post %s as %s: %v", p.Id, name, err)
	}
	return infos
}

// withFile keeps the posts carrying a file of that name.
func withFile(t *testing.T, name string, posts []*model.Post, fileName string) []*model.Post {
	t.Helper()
	var out []*model.Post
	for _, p := range posts {
		for _, f := range attachedFiles(t, name, p) {
			if f.Name == fileName {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// downloadICS fetches the post's file named fileName as name through
// GET /api/v4/files/{id} and parses it with golang-ical.
func downloadICS(t *testing.T, name string, p *model.Post, fileName string) (*ics.Calendar, string) {
	t.Helper()
	for _, f := range attachedFiles(t, name, p) {
		if f.Name != fileName {
			continue
		}
		data, _, err := env.Client(user(name), node1()).GetFile(ctx(), f.Id)
		if err != nil {
			t.Fatalf("GET /api/v4/files/%s as %s: %v", f.Id, name, err)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", fileName, err, data)
		}
		return cal, string(data)
	}
	t.Fatalf("post %s has no %s", p.Id, fileName)
	return nil, ""
}

// calendarMethod is the calendar's METHOD, "" when it has none.
func calendarMethod(cal *ics.Calendar) string {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			return p.Value
		}
	}
	return ""
}

// inviteWant is what an invite's single event must say.
type inviteWant struct {
	method    string
	uid       string
	sequence  int
	zone      string // the organizer's zone: DTSTART;TZID
	start     time.Time
	minutes   int
	organizer string   // username
	attendees []string // usernames
}

// checkInvite checks an invite (or cancellation) field by field and returns its event.
func checkInvite(t *testing.T, what string, cal *ics.Calendar, raw string, want inviteWant) *ics.VEvent {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: %s\n%s", what, fmt.Sprintf(format, args...), raw)
	}
	if m := calendarMethod(cal); m != want.method {
		fail("METHOD %q, want %q", m, want.method)
	}
	events := cal.Events()
	if len(events) != 1 {
		fail("%d events, want 1", len(events))
	}
	ev := events[0]
	if ev.Id() != want.uid {
		fail("UID %q, want %q", ev.Id(), want.uid)
	}
	if seq := ev.GetProperty(ics.ComponentPropertySequence); seq == nil || seq.Value != fmt.Sprint(want.sequence) {
		fail("SEQUENCE %+v, want %d", seq, want.sequence)
	}
	dtstart := ev.GetProperty(ics.ComponentPropertyDtStart)
	if dtstart == nil {
		fail("no DTSTART")
	}
	loc, err := time.LoadLocation(want.zone)
	if err != nil {
		t.Fatal(err)
	}
	if tz := dtstart.ICalParameters["TZID"]; len(tz) != 1 || tz[0] != want.zone {
		fail("DTSTART TZID %v, want %s", tz, want.zone)
	}
	if local := want.start.In(loc).Format("20060102T150405"); dtstart.Value != local {
		fail("DTSTART %q, want the local %q in %s", dtstart.Value, local, want.zone)
	}
	if start, err := ev.GetStartAt(); err != nil || !start.Equal(want.start) {
		fail("DTSTART reads as %s (%v), want %s", start, err, want.start)
	}
	end, err := ev.GetEndAt()
	if err != nil || !end.Equal(want.start.Add(time.Duration(want.minutes)*time.Minute)) {
		fail("DTEND %s (%v), want %d minutes after the start", end, err, want.minutes)
	}
	org := ev.GetProperty(ics.ComponentPropertyOrganizer)
	if org == nil || !strings.HasPrefix(strings.ToLower(org.Value), "mailto:"+want.organizer+"@") {
		fail("ORGANIZER %+v, want %s", org, want.organizer)
	}
	attendees := ev.Attendees()
	if len(attendees) != len(want.attendees) {
		fail("%d ATTENDEEs, want %d", len(attendees), len(want.attendees))
	}
	for _, name := range want.attendees {
		found := false
		for _, a := range attendees {
			found = found || strings.HasPrefix(strings.ToLower(a.Email()), name+"@")
		}
		if !found {
			fail("no ATTENDEE %s", name)
		}
	}
	return ev
}

// pluginSettings sets plugin settings through every given node's API
// (unclustered nodes do not pass config changes on), keeping the others.
func pluginSettings(t *testing.T, values map[string]any, nodes ...*harness.Node) {
	t.Helper()
	sweepMu.Lock()
	defer sweepMu.Unlock()
	cfg, _, err := env.Client(user("admin"), node1()).GetConfig(ctx())
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]any{}
	for k, v := range cfg.PluginSettings.Plugins[harness.PluginID] {
		settings[k] = v
	}
	for k, v := range values {
		settings[strings.ToLower(k)] = v
	}
	cfg.PluginSettings.Plugins[harness.PluginID] = settings
	for _, n := range nodes {
		if _, _, err := env.Client(user("admin"), n).UpdateConfig(ctx(), cfg); err != nil {
			t.Fatalf("save config on %s: %v", n.Name, err)
		}
	}
}

// fastNudges sweeps due work every second and asks "did you meet?" a minute
// after a session ends. Left so, like fastSweep.
func fastNudges(t *testing.T, nodes ...*harness.Node) {
	t.Helper()
	pluginSettings(t, map[string]any{"DueWorkSweepSeconds": 1, "SessionFollowUpMinutes": 1}, nodes...)
}

// shortLead sets name's reminder lead to one minute (and a budget that never
// sends a nudge to the digest). The API's smallest lead may be larger: then
// the smallest it accepts is used, logged, and returned.
func shortLead(t *testing.T, name string) int {
	t.Helper()
	refusal := ""
	for _, lead := range []int{1, 2, 5} {
		var e apiError
		status := call(t, name, http.MethodPut, "/preferences", map[string]any{"lead_minutes": []int{lead}, "weekly_budget": 100}, &e)
		if status == http.StatusOK {
			if lead != 1 {
				leadNote.Do(func() { t.Logf("PUT /preferences refuses a 1-minute lead; using %d (refusal: %s)", lead, refusal) })
			}
			return lead
		}
		if lead == 1 {
			refusal = fmt.Sprintf("%d %+v", status, e)
		}
	}
	t.Fatalf("PUT /preferences refuses leads of 1, 2 and 5 minutes: %s", refusal)
	return 0
}

// leadNote says once that the smallest lead is larger than a minute.
var leadNote sync.Once

// dialogRequest is the form a press opened, as the open_dialog event carries it.
func openedDialog(t *testing.T, ws *model.WebSocketClient) model.OpenDialogRequest {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev := <-ws.EventChannel:
			if ev.EventType() != model.WebsocketEventOpenDialog {
				continue
			}
			raw, _ := ev.GetData()["dialog"].(string)
			var req model.OpenDialogRequest
			if err := json.Unmarshal([]byte(raw), &req); err != nil {
				t.Fatalf("open_dialog event %q: %v", raw, err)
			}
			return req
		case <-timeout:
			t.Fatal("no open_dialog event within 20s")
		}
	}
}

// userSocket opens a WebSocket for name on node1.
func userSocket(t *testing.T, name string) *model.WebSocketClient {
	t.Helper()
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(node1().URL, "http"), user(name).Token)
	if err != nil {
		t.Fatalf("websocket of %s: %v", name, err)
	}
	ws.Listen()
	t.Cleanup(ws.Close)
	return ws
}

// isoIn is an ISO local time (to the minute) in a zone, as a person types it.
func isoIn(at time.Time, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	return at.In(loc).Format("2006-01-02T15:04")
}

// minuteAhead is the start of the minute d from now (rounded up), UTC.
func minuteAhead(d time.Duration) time.Time {
	return time.Now().Add(d).Truncate(time.Minute).Add(time.Minute).UTC()
}
