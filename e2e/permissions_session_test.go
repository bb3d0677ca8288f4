package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// TestSessionPermissionMatrix is the permission matrix of the session routes
// (sessions, their actions, a match's sessions, preferences, the calendar
// feed and its URL, a program's session settings, office hours and bookings)
// and their buttons and forms: every row × every caller of matchActors, each
// cell's stored state read back before and after its call.
// A session exists only for its two people and those who coordinate its
// program: anyone else gets 404 and learns nothing. Coordinators may read,
// change and cancel it but are no participant (confirm, attendance, feedback:
// 403). The feed has no Mattermost session: its secret URL decides, the same
// for every caller. Forged buttons and forms claim in user_id to come from
// someone who may; the session's user must count.
func TestSessionPermissionMatrix(t *testing.T) {
	runSessionMatrix(t, newSessionWorld(t, "perms"), sessionRows())
}

var (
	sessAll      = []string{"member", "foreign", "mentee", "mentor", "other", "othercoord", "coord", "former", "admin"}
	sessSeesHome = []string{"member", "mentee", "mentor", "other", "othercoord", "coord", "admin"}
)

// sessionWants: anonymous 401; pair for the mentee and the mentor, coords for
// the program's coordinator and admins; 404 for every other caller.
func sessionWants(pair, coords string) wants {
	return withCells(matchWantsIn("404", nil, "404", "404"), map[string]string{"mentee": pair, "mentor": pair, "coord": coords, "admin": coords})
}

// bookingWants is sessionWants for a booking: its people are the mentor and
// the other member who booked.
func bookingWants(people, coords string) wants {
	return withCells(matchWantsIn("404", nil, "404", "404"), map[string]string{"mentor": people, "other": people, "coord": coords, "admin": coords})
}

// everyone is the same answer for every caller, anonymous included (the feed).
func everyone(v string) wants {
	out := make(wants, len(matchActors))
	for i := range out {
		out[i] = v
	}
	return out
}

func sessionRows() []sessRow {
	ahead := sessSpec{session: sessAhead}
	proposed := sessSpec{session: sessAhead, proposal: true}
	met := sessSpec{session: sessStarted}
	rated := sessSpec{session: sessStarted, feedback: true}
	hours := sessSpec{hours: true}
	booked := sessSpec{hours: true, booking: true}
	prefs := sessSpec{prefs: true}
	sessionKeys := []string{"session ", "match sessions"}
	// Buttons and forms answer 200 and refuse in their text.
	button := pmRefusedElse

	return []sessRow{
		// Scheduling and reading.
		{name: "POST /sessions", request: sSend(http.MethodPost, fixedPath("/sessions"), sessScheduleBody),
			want: sessionWants("201", "201"), effect: sessScheduledByCaller, touches: sessionKeys},
		{name: "GET /sessions (mine)", spec: ahead, shared: true, request: sGet(sessUpcomingPath),
			want: matchWants("200", sessAll, "-"), check: sessListsSessionFor(pmPair)},
		{name: "GET /sessions/{id}", spec: ahead, shared: true, request: sGet(onSession("")),
			want: sessionWants("200", "200")},
		{name: "GET /sessions/{id} (rated meeting)", spec: rated, shared: true, request: sGet(onSession("")),
			want: sessionWants("200", "200"), check: sessFeedbackPrivacy},
		{name: "GET /sessions/{unknown id}", shared: true, request: sGet(func(*sessWorld, *sessFixture) string { return "/sessions/" + model.NewId() }),
			want: sessionWants("404", "404")},
		{name: "GET /matches/{id}/sessions (rated meeting)", spec: rated, shared: true, request: sGet(func(_ *sessWorld, fx *sessFixture) string { return "/matches/" + fx.match + "/sessions" }),
			want: sessionWants("200", "200"), check: sessFeedbackPrivacy},

		// Changing a session: its people and its coordinators.
		{name: "PATCH /sessions/{id}", spec: ahead, request: sSend(http.MethodPatch, onSession(""), byCaller("title", "patched by ")),
			want: sessionWants("200", "200"), effect: sessTitleByCaller("patched by "), touches: sessionKeys},
		{name: "POST /sessions/{id}/cancel", spec: ahead, request: sSend(http.MethodPost, onSession("/cancel"), byCaller("reason", "cancelled by ")),
			want: sessionWants("200", "200"), effect: sessCancelled, touches: sessionKeys},
		// Answering it: its people only.
		{name: "POST /sessions/{id}/confirm", spec: ahead, request: sSend(http.MethodPost, onSession("/confirm"), nil),
			want: sessionWants("200", "403"), effect: sessConfirmedByCaller, touches: sessionKeys},
		{name: "POST /sessions/{id}/propose", spec: ahead, request: sSend(http.MethodPost, onSession("/propose"), sessProposeBody),
			want: sessionWants("200", "403"), effect: sessProposedByCaller, touches: sessionKeys},
		{name: "POST /sessions/{id}/take-proposal (mentee proposed)", spec: proposed, request: sSend(http.MethodPost, onSession("/take-proposal"), nil),
			want: withCells(sessionWants("200", "403"), map[string]string{"mentee": "409"}), effect: sessProposalTaken, touches: sessionKeys},
		{name: "POST /sessions/{id}/attendance (met)", spec: met, request: sSend(http.MethodPost, onSession("/attendance"), sessAttendanceBody),
			want: sessionWants("200", "403"), effect: sessAttendedByCaller, touches: sessionKeys},
		{name: "POST /sessions/{id}/feedback (met)", spec: met, request: sSend(http.MethodPost, onSession("/feedback"), sessFeedbackBody),
			want: sessionWants("200", "403"), effect: sessRatedByCaller("by "), touches: sessionKeys},

		// One's own preferences and calendar feed URL.
		{name: "GET /preferences", shared: true, request: sGet(fixedPath("/preferences")), want: matchWants("200", sessAll, "-")},
		{name: "PUT /preferences", spec: prefs, request: sSend(http.MethodPut, fixedPath("/preferences"), sessBudgetBody),
			want: matchWants("200", sessAll, "-"), effect: sessOwnBudget, touches: []string{"prefs @"}},
		{name: "GET /calendar/feed", shared: true, request: sGet(fixedPath("/calendar/feed")), want: matchWants("200", sessAll, "-")},
		{name: "POST /calendar/feed", spec: prefs, request: sSend(http.MethodPost, fixedPath("/calendar/feed"), nil),
			want: matchWants("200", sessAll, "-"), effect: sessOwnFeed(true), touches: []string{"prefs @", "feed @"}, check: sessFeedURLOfCaller},
		{name: "DELETE /calendar/feed (has one)", spec: prefs, setup: sessRotateCallerFeed, request: sSend(http.MethodDelete, fixedPath("/calendar/feed"), nil),
			want: matchWants("204", sessAll, "-"), effect: sessOwnFeed(false), touches: []string{"prefs @", "feed @"}},

		// The feed itself: no Mattermost session; the URL is the key.
		{name: "GET /calendar/{mentee's token}.ics", spec: ahead, shared: true, plain: true, setup: sessMenteeFeed(""),
			request: sGet(sessFeedPath), want: everyone("200"), check: sessFeedHoldsSession},
		{name: "GET /calendar/{mentee's id}.{guessed secret}.ics", spec: ahead, shared: true, plain: true, setup: sessMenteeFeed("guessed"),
			request: sGet(sessFeedPath), want: everyone("404")},
		{name: "GET /calendar/{mentor's id}.{mentee's secret}.ics", spec: ahead, shared: true, plain: true, setup: sessMenteeFeed("mentor"),
			request: sGet(sessFeedPath), want: everyone("404")},
		{name: "GET /calendar/{revoked token}.ics", spec: ahead, shared: true, plain: true, setup: sessMenteeFeed("revoked"),
			request: sGet(sessFeedPath), want: everyone("404")},
		{name: "GET /calendar/{rotated-out token}.ics", spec: ahead, shared: true, plain: true, setup: sessMenteeFeed("rotated"),
			request: sGet(sessFeedPath), want: everyone("404")},
		{name: "GET /calendar/{malformed}.ics", shared: true, plain: true, request: sGet(fixedPath("/calendar/not-a-token.ics")),
			want: everyone("404")},

		// A program's session settings: its coordinators.
		{name: "GET /programs/{id}/sessions-settings", shared: true, request: sGet(onProgram("/sessions-settings")),
			want: matchWants("200", pmCoordinating, "403")},
		{name: "PUT /programs/{id}/sessions-settings", request: sSend(http.MethodPut, onProgram("/sessions-settings"), sFixed(map[string]any{"default_minutes": 45})),
			want: matchWants("200", pmCoordinating, "403"), effect: sessDefaultMinutes(45), touches: []string{"session settings", "program "}},

		// Office hours: one's own (mentors publish), free slots and bookings (active members).
		{name: "GET /programs/{id}/office-hours", shared: true, request: sGet(onProgram("/office-hours")),
			want: matchWants("200", sessSeesHome, "-")},
		{name: "PUT /programs/{id}/office-hours", request: sSend(http.MethodPut, onProgram("/office-hours"), sFixed(officeHours())),
			want: matchWants("200", []string{"mentor"}, "403"), effect: sessHoursPublished(true), touches: []string{"hours mentor", "slots"}},
		{name: "DELETE /programs/{id}/office-hours (mentor published)", spec: hours, request: sSend(http.MethodDelete, onProgram("/office-hours"), nil),
			want: matchWants("200", sessSeesHome, "-"), effect: sessHoursPublished(false), touches: []string{"hours mentor", "slots"}},
		{name: "GET /programs/{id}/office-hours/slots", spec: hours, shared: true, request: sGet(sessMentorSlots),
			want: matchWants("200", []string{"mentee", "mentor", "other", "coord", "admin"}, "403")},
		{name: "POST /programs/{id}/office-hours/bookings", spec: hours, request: sSend(http.MethodPost, onProgram("/office-hours/bookings"), sessBookingBody),
			want:   withCells(matchWants("201", []string{"mentee", "other"}, "403"), map[string]string{"mentor": "400:mentor_id"}),
			effect: sessSlotTaken, touches: []string{"slots"}},
		{name: "GET /sessions/{booking}", spec: booked, shared: true, request: sGet(onBooking("")),
			want: bookingWants("200", "200")},
		{name: "POST /sessions/{booking}/cancel", spec: booked, request: sSend(http.MethodPost, onBooking("/cancel"), byCaller("reason", "cancelled by ")),
			want: bookingWants("200", "200"), effect: sessBookingCancelled, touches: []string{"session ", "slots"}},

		// Buttons, forged and posted straight to the plugin.
		{name: "POST /actions/session confirm", kind: actionRow, spec: ahead, request: sessButton("confirm", false),
			want: button(sessionWants(ok, "403")), effect: sessConfirmedByCaller, touches: sessionKeys},
		{name: "POST /actions/session take (mentee proposed)", kind: actionRow, spec: proposed, request: sessButton("take", false),
			want: button(withCells(sessionWants(ok, "403"), map[string]string{"mentee": refused})), effect: sessProposalTaken, touches: sessionKeys},
		{name: "POST /actions/session attended (met)", kind: actionRow, spec: met, request: sessButton("attended", true),
			want: button(sessionWants(ok, "403")), effect: sessAttendedByCaller, touches: sessionKeys},
		{name: "POST /actions/session reschedule (opens the form)", kind: actionRow, spec: ahead, request: sessButton("reschedule", false),
			okText: pmFormNotOpened, want: button(sessionWants(ok, "403"))},
		{name: "POST /actions/session cancel (opens the form)", kind: actionRow, spec: ahead, request: sessButton("cancel", true),
			okText: pmFormNotOpened, want: button(sessionWants(ok, "403"))},
		{name: "POST /actions/session feedback (met, opens the form)", kind: actionRow, spec: met, request: sessButton("feedback", true),
			okText: pmFormNotOpened, want: button(sessionWants(ok, "403"))},
		{name: "POST /actions/session confirm (missing session)", kind: actionRow, shared: true, request: sessMissingButton,
			want: button(sessionWants("404", "404"))},

		// Forms, forged the same way.
		{name: "POST /dialogs/session", kind: dialogRow, request: sessDialog("/dialogs/session", sessStateOfMatch, sessScheduleForm),
			want: button(sessionWants(ok, ok)), effect: sessScheduledByCaller, touches: sessionKeys},
		{name: "POST /dialogs/session-change", kind: dialogRow, spec: ahead, request: sessDialog("/dialogs/session-change", sessStateOfSeries, byCaller("title", "form by ")),
			want: button(sessionWants(ok, ok)), effect: sessTitleByCaller("form by "), touches: sessionKeys},
		{name: "POST /dialogs/session-cancel", kind: dialogRow, spec: ahead, request: sessDialog("/dialogs/session-cancel", sessStateOfSeries, byCaller("reason", "form by ")),
			want: button(sessionWants(ok, ok)), effect: sessCancelled, touches: sessionKeys},
		{name: "POST /dialogs/session-feedback (met)", kind: dialogRow, spec: met, request: sessDialog("/dialogs/session-feedback", sessStateOfMeeting, sessFeedbackForm),
			want: button(sessionWants(ok, "403")), effect: sessRatedByCaller("form by "), touches: sessionKeys},
		{name: "POST /dialogs/session-cancel (missing session)", kind: dialogRow, shared: true, request: sessDialog("/dialogs/session-cancel", sessStateOfNothing, sFixed(map[string]any{"reason": "x"})),
			want: button(sessionWants("404", "404"))},
		{name: "POST /dialogs/session-change (garbage state)", kind: dialogRow, spec: ahead, shared: true, request: sessDialog("/dialogs/session-change", func(*sessFixture) string { return "garbage" }, sFixed(map[string]any{"title": "x"})),
			want: button(sessionWants("404", "404"))},
	}
}

// --- requests ----------------------------------------------------------------

func sSend(method string, path func(*sessWorld, *sessFixture) string, body func(*sessWorld, *sessFixture, permActor) any) sessRequest {
	return func(w *sessWorld, fx *sessFixture, a permActor) (string, string, any) {
		var b any
		if body != nil {
			b = body(w, fx, a)
		}
		return method, path(w, fx), b
	}
}

func sGet(path func(*sessWorld, *sessFixture) string) sessRequest {
	return sSend(http.MethodGet, path, nil)
}

func fixedPath(p string) func(*sessWorld, *sessFixture) string {
	return func(*sessWorld, *sessFixture) string { return p }
}

func sFixed(body any) func(*sessWorld, *sessFixture, permActor) any {
	return func(*sessWorld, *sessFixture, permActor) any { return body }
}

func byCaller(field, prefix string) func(*sessWorld, *sessFixture, permActor) any {
	return func(_ *sessWorld, _ *sessFixture, a permActor) any { return map[string]any{field: prefix + a.key} }
}

func onSession(suffix string) func(*sessWorld, *sessFixture) string {
	return func(_ *sessWorld, fx *sessFixture) string { return "/sessions/" + fx.session + suffix }
}

func onBooking(suffix string) func(*sessWorld, *sessFixture) string {
	return func(_ *sessWorld, fx *sessFixture) string { return "/sessions/" + fx.booking + suffix }
}

func onProgram(suffix string) func(*sessWorld, *sessFixture) string {
	return func(_ *sessWorld, fx *sessFixture) string { return "/programs/" + fx.this.ID + suffix }
}

// sessUpcomingPath asks for the minute around the fixture's session.
func sessUpcomingPath(_ *sessWorld, fx *sessFixture) string {
	return "/sessions?limit=200&from=" + fx.start.Add(-time.Minute).Format(time.RFC3339) + "&to=" + fx.start.Add(time.Minute).Format(time.RFC3339)
}

func sessMentorSlots(w *sessWorld, fx *sessFixture) string {
	return "/programs/" + fx.this.ID + "/office-hours/slots?mentor_id=" + w.users["mentor"].Id
}

func sessScheduleBody(w *sessWorld, fx *sessFixture, a permActor) any {
	return map[string]any{"match_id": fx.match, "start": w.base.Add(-time.Hour).Format(time.RFC3339), "title": "by " + a.key}
}

func sessProposeBody(_ *sessWorld, fx *sessFixture, _ permActor) any {
	return map[string]any{"when": fx.start.Add(48 * time.Hour).Format(time.RFC3339)}
}

func sessAttendanceBody(_ *sessWorld, fx *sessFixture, _ permActor) any {
	return map[string]any{"occurrence": fx.start.Format(time.RFC3339), "status": "attended"}
}

func sessFeedbackBody(_ *sessWorld, fx *sessFixture, a permActor) any {
	return map[string]any{"occurrence": fx.start.Format(time.RFC3339), "rating": 4, "text": "by " + a.key}
}

// sessScheduleForm: the schedule form, filled in by the caller.
func sessScheduleForm(w *sessWorld, _ *sessFixture, a permActor) any {
	return map[string]any{"when": w.base.Add(-2 * time.Hour).Format(time.RFC3339), "title": "form by " + a.key}
}

func sessFeedbackForm(_ *sessWorld, _ *sessFixture, a permActor) any {
	return map[string]any{"rating": "4", "text": "form by " + a.key}
}

// sessBudget is a weekly budget of the caller's own, different for each.
func sessBudget(a permActor) int {
	return 40 + slices.IndexFunc(matchActors, func(m permActor) bool { return m.key == a.key })
}

func sessBudgetBody(_ *sessWorld, _ *sessFixture, a permActor) any {
	return map[string]any{"weekly_budget": sessBudget(a)}
}

func sessBookingBody(w *sessWorld, fx *sessFixture, _ permActor) any {
	return map[string]any{"mentor_id": w.users["mentor"].Id, "start": fx.slot.Format(time.RFC3339), "agenda": "a question"}
}

// sessButton forges a press of a session DM's button, claiming to be one of the pair.
func sessButton(action string, withOccurrence bool) sessRequest {
	return func(w *sessWorld, fx *sessFixture, a permActor) (string, string, any) {
		context := map[string]any{"session_id": fx.session, "action": action}
		if withOccurrence {
			context["occurrence"] = fx.start.Format(time.RFC3339)
		}
		return http.MethodPost, "/actions/session", model.PostActionIntegrationRequest{
			UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id, Type: model.PostActionTypeButton, TriggerId: "forged", Context: context,
		}
	}
}

func sessMissingButton(w *sessWorld, _ *sessFixture, a permActor) (string, string, any) {
	return http.MethodPost, "/actions/session", model.PostActionIntegrationRequest{
		UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id, Type: model.PostActionTypeButton, TriggerId: "forged",
		Context: map[string]any{"session_id": model.NewId(), "action": "confirm"},
	}
}

// The forms' state, as the plugin encodes it (server/dialog/session.go): a
// match to schedule for, a session (the series), one meeting of it.
func sessStateOfMatch(fx *sessFixture) string  { return `{"m":"` + fx.match + `"}` }
func sessStateOfSeries(fx *sessFixture) string { return `{"s":"` + fx.session + `"}` }
func sessStateOfMeeting(fx *sessFixture) string {
	return `{"s":"` + fx.session + `","o":"` + fx.start.Format(time.RFC3339) + `"}`
}
func sessStateOfNothing(*sessFixture) string { return `{"s":"` + model.NewId() + `"}` }

// sessDialog forges a session form's submission, claiming to be one of the pair.
func sessDialog(path string, state func(*sessFixture) string, submission func(*sessWorld, *sessFixture, permActor) any) sessRequest {
	return func(w *sessWorld, fx *sessFixture, a permActor) (string, string, any) {
		sub, _ := submission(w, fx, a).(map[string]any)
		return http.MethodPost, path, model.SubmitDialogRequest{Type: "dialog_submission", State: state(fx),
			UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id, Submission: sub}
	}
}

// --- per-user set-ups of the feed rows ---------------------------------------

func sessRotate(t *testing.T, w *sessWorld, key string) string {
	t.Helper()
	var body struct {
		URL string `json:"url"`
	}
	w.mustDecode(t, key, http.MethodPost, "/calendar/feed", nil, http.StatusOK, &body)
	_, rest, found := strings.Cut(body.URL, "/api/v1/calendar/")
	token, isICS := strings.CutSuffix(rest, ".ics")
	if !found || !isICS || !strings.HasPrefix(token, w.users[key].Id+".") {
		t.Fatalf("%s's feed URL %q does not end in /api/v1/calendar/<their id>.<secret>.ics", key, body.URL)
	}
	return token
}

func sessRotateCallerFeed(t *testing.T, w *sessWorld, _ *sessFixture, a permActor) {
	if a.key != "anon" {
		sessRotate(t, w, a.key)
	}
}

// sessMenteeFeed gives the mentee a feed and puts in the fixture the token to
// ask for: theirs, or (variant) a guessed secret, their secret under the
// mentor's id, a revoked one, one replaced since.
func sessMenteeFeed(variant string) func(*testing.T, *sessWorld, *sessFixture, permActor) {
	return func(t *testing.T, w *sessWorld, fx *sessFixture, _ permActor) {
		token := sessRotate(t, w, "mentee")
		_, secret, _ := strings.Cut(token, ".")
		switch variant {
		case "guessed":
			token = w.users["mentee"].Id + "." + strings.Repeat("A", len(secret))
		case "mentor":
			sessRotate(t, w, "mentor")
			token = w.users["mentor"].Id + "." + secret
		case "revoked":
			w.mustAs(t, permActor{key: "mentee"}, http.MethodDelete, "/calendar/feed", nil, http.StatusNoContent)
		case "rotated":
			sessRotate(t, w, "mentee")
		}
		fx.token = token
	}
}

func sessFeedPath(_ *sessWorld, fx *sessFixture) string { return "/calendar/" + fx.token + ".ics" }

// --- what an answer may reveal -----------------------------------------------

// sessListsSessionFor: GET /sessions names the fixture's session exactly for visibleTo.
func sessListsSessionFor(visibleTo []string) sessCheck {
	return func(t *testing.T, _ *sessWorld, fx *sessFixture, a permActor, body []byte) {
		want := slices.Contains(visibleTo, a.key)
		if got := strings.Contains(string(body), `"`+fx.session+`"`); got != want {
			t.Errorf("the answer names the session: %v, want %v (%.300s)", got, want, body)
		}
	}
}

// sessFeedbackPrivacy: the mentee's unshared rating reaches the mentee and
// the coordinators, never the mentor; the mentor's shared one reaches all who see the session.
func sessFeedbackPrivacy(t *testing.T, _ *sessWorld, _ *sessFixture, a permActor, body []byte) {
	private := strings.Contains(string(body), sessPrivateNote)
	if want := a.key != "mentor"; private != want {
		t.Errorf("%s reads the mentee's unshared feedback: %v, want %v (%.300s)", a.key, private, want, body)
	}
	if !strings.Contains(string(body), sessSharedNote) {
		t.Errorf("%s does not read the mentor's shared feedback: %.300s", a.key, body)
	}
}

func sessFeedURLOfCaller(t *testing.T, w *sessWorld, _ *sessFixture, a permActor, body []byte) {
	if !strings.Contains(string(body), "/calendar/"+w.users[a.key].Id+".") {
		t.Errorf("the URL is not the caller's feed: %.300s", body)
	}
}

func sessFeedHoldsSession(t *testing.T, _ *sessWorld, fx *sessFixture, _ permActor, body []byte) {
	text := string(body)
	if !strings.HasPrefix(text, "BEGIN:VCALENDAR") || !strings.Contains(text, "UID:"+fx.session+"@mentorship") {
		t.Errorf("the feed is not the mentee's calendar with the session: %.300s", body)
	}
}

// TestSessionPermissionBadInput sends the session routes what the issue calls
// bad input: bodies over 64 KiB, unknown fields, times that are not RFC 3339,
// phrases that are no time (answered with phrases that are), times in the
// past, bad repeats and values, a booked slot, a slot that is none, a mentor
// without office hours. Each gets its status, field and message, and the
// stored state (the program, its match and session, the mentor's hours and
// slots, everyone's preferences) is the same before and after.
func TestSessionPermissionBadInput(t *testing.T) {
	w := newSessionWorld(t, "permsbad")
	fx := w.newSessionFixture(t, sessSpec{session: sessAhead, hours: true, booking: true, prefs: true})
	session, program := "/sessions/"+fx.session, "/programs/"+fx.this.ID
	later := fx.start.Add(24 * time.Hour).Format(time.RFC3339)
	// A body over the 64 KiB cap, valid JSON up to where it is cut.
	huge := []byte(`{"agenda":"` + strings.Repeat("x", 70<<10) + `"}`)
	hugeButton := []byte(`{"context":{"session_id":"` + fx.session + `","pad":"` + strings.Repeat("x", 70<<10) + `"}}`)
	examples := "tomorrow 3pm for 30m" // one of the phrases that parse (server/calendar)
	rfc := "RFC 3339"
	booking := func(mentor string, start string) map[string]any {
		return map[string]any{"mentor_id": w.users[mentor].Id, "start": start}
	}
	type badCase struct {
		name         string
		as           string
		method, path string
		body         any
		status       int
		field        string // "" = the answer names no field; "*" = any
		message      string // a part of the error the caller reads
		extra        func(t *testing.T, data []byte)
	}
	cases := []badCase{
		// Bodies over the cap.
		{"oversized POST /sessions", "mentee", http.MethodPost, "/sessions", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized PATCH /sessions/{id}", "mentee", http.MethodPatch, session, huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized propose", "mentee", http.MethodPost, session + "/propose", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized cancel", "mentee", http.MethodPost, session + "/cancel", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized PUT /preferences", "mentee", http.MethodPut, "/preferences", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized PUT sessions-settings", "coord", http.MethodPut, program + "/sessions-settings", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized PUT office-hours", "mentor", http.MethodPut, program + "/office-hours", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized booking", "mentee", http.MethodPost, program + "/office-hours/bookings", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized button", "mentee", http.MethodPost, "/actions/session", hugeButton, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},
		{"oversized form", "mentee", http.MethodPost, "/dialogs/session-feedback", huge, http.StatusRequestEntityTooLarge, "", "64 KiB", nil},

		// Unknown fields: a typo is reported, not ignored.
		{"unknown field in POST /sessions", "mentee", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "when": later, "colour": "red"}, http.StatusBadRequest, "", "colour", nil},
		{"unknown field in PATCH", "mentee", http.MethodPatch, session, map[string]any{"titel": "x"}, http.StatusBadRequest, "", "titel", nil},
		{"unknown field in cancel", "mentee", http.MethodPost, session + "/cancel", map[string]any{"reasons": "x"}, http.StatusBadRequest, "", "reasons", nil},
		{"unknown field in propose", "mentee", http.MethodPost, session + "/propose", map[string]any{"when": later, "colour": "red"}, http.StatusBadRequest, "", "colour", nil},
		{"unknown field in attendance", "mentee", http.MethodPost, session + "/attendance", map[string]any{"status": "attended", "colour": "red"}, http.StatusBadRequest, "", "colour", nil},
		{"unknown field in feedback", "mentee", http.MethodPost, session + "/feedback", map[string]any{"rating": 4, "stars": 4}, http.StatusBadRequest, "", "stars", nil},
		{"unknown field in PUT /preferences", "mentee", http.MethodPut, "/preferences", map[string]any{"weekly_budgets": 3}, http.StatusBadRequest, "", "weekly_budgets", nil},
		{"unknown field in PUT sessions-settings", "coord", http.MethodPut, program + "/sessions-settings", map[string]any{"lead": []int{60}}, http.StatusBadRequest, "", "lead", nil},
		{"unknown field in PUT office-hours", "mentor", http.MethodPut, program + "/office-hours", map[string]any{"windows": officeHours()["windows"], "slots": 15}, http.StatusBadRequest, "", "slots", nil},
		{"unknown field in booking", "mentee", http.MethodPost, program + "/office-hours/bookings", map[string]any{"mentor_id": w.users["mentor"].Id, "start": later, "topic": "x"}, http.StatusBadRequest, "", "topic", nil},

		// Times that are not RFC 3339.
		{"GET /sessions?from=tomorrow", "mentee", http.MethodGet, "/sessions?from=tomorrow", nil, http.StatusBadRequest, "from", rfc, nil},
		{"GET /sessions?to=February 30th", "mentee", http.MethodGet, "/sessions?to=2030-02-30T10:00:00Z", nil, http.StatusBadRequest, "to", rfc, nil},
		{"GET /sessions with to before from", "mentee", http.MethodGet, "/sessions?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", nil, http.StatusBadRequest, "to", "after", nil},
		{"GET /sessions?limit=0", "mentee", http.MethodGet, "/sessions?limit=0", nil, http.StatusBadRequest, "limit", "", nil},
		{"GET slots?from=next week", "mentee", http.MethodGet, program + "/office-hours/slots?from=next+week", nil, http.StatusBadRequest, "from", rfc, nil},
		{"GET slots?days=99", "mentee", http.MethodGet, program + "/office-hours/slots?days=99", nil, http.StatusBadRequest, "days", "", nil},
		{"cancel occurrence=friday", "mentee", http.MethodPost, session + "/cancel", map[string]any{"occurrence": "friday"}, http.StatusBadRequest, "occurrence", rfc, nil},
		{"propose occurrence=soon", "mentee", http.MethodPost, session + "/propose", map[string]any{"occurrence": "soon", "when": later}, http.StatusBadRequest, "occurrence", rfc, nil},
		{"attendance occurrence in month 13", "mentee", http.MethodPost, session + "/attendance", map[string]any{"occurrence": "2030-13-01T10:00:00Z", "status": "attended"}, http.StatusBadRequest, "occurrence", rfc, nil},
		{"booking start=tomorrow 10am", "mentee", http.MethodPost, program + "/office-hours/bookings", booking("mentor", "tomorrow 10am"), http.StatusBadRequest, "start", rfc, nil},
		{"POST /sessions start=not a time", "mentee", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "start": "not a time"}, http.StatusBadRequest, "*", "", nil},
		{"feedback occurrence=yesterday", "mentee", http.MethodPost, session + "/feedback", map[string]any{"occurrence": "yesterday", "rating": 4}, http.StatusBadRequest, "*", "", nil},

		// Phrases that are no time: the answer shows phrases that are.
		{"POST /sessions when=when pigs fly", "mentee", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "when": "when pigs fly"}, http.StatusBadRequest, "when", examples, nil},
		{"POST /sessions when=next blursday at 3pm", "mentee", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "when": "next blursday at 3pm"}, http.StatusBadRequest, "when", examples, nil},
		{"POST /sessions in the past", "mentee", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "when": "2020-01-06T10:00:00Z"}, http.StatusBadRequest, "when", examples, nil},
		{"PATCH when=some day", "mentee", http.MethodPatch, session, map[string]any{"when": "some day"}, http.StatusBadRequest, "when", examples, nil},
		{"propose when=whenever suits", "mentor", http.MethodPost, session + "/propose", map[string]any{"when": "whenever suits"}, http.StatusBadRequest, "when", examples, nil},
		{"POST /sessions repeat=every blue moon", "mentee", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "when": later, "recurrence": "every blue moon"}, http.StatusBadRequest, "recurrence", "repeat", nil},

		// Values out of range, and the wrong moment.
		{"GET /sessions/{malformed id}", "mentee", http.MethodGet, "/sessions/not-an-id", nil, http.StatusBadRequest, "session_id", "", nil},
		{"quiet hours at 25:00", "mentee", http.MethodPut, "/preferences", map[string]any{"quiet_start": "25:00", "quiet_end": "08:00"}, http.StatusBadRequest, "quiet_start", "", nil},
		{"a reminder more than a week ahead", "mentee", http.MethodPut, "/preferences", map[string]any{"lead_minutes": []int{10081}}, http.StatusBadRequest, "lead_minutes", "", nil},
		{"a default length of 1 minute", "coord", http.MethodPut, program + "/sessions-settings", map[string]any{"default_minutes": 1}, http.StatusBadRequest, "default_minutes", "", nil},
		{"office hours without windows", "mentor", http.MethodPut, program + "/office-hours", map[string]any{"windows": []any{}}, http.StatusBadRequest, "windows", "", nil},
		{"a rating of 9", "mentee", http.MethodPost, session + "/feedback", map[string]any{"occurrence": fx.start.Format(time.RFC3339), "rating": 9}, http.StatusBadRequest, "rating", "", nil},
		{"attendance 'maybe'", "mentee", http.MethodPost, session + "/attendance", map[string]any{"occurrence": fx.start.Format(time.RFC3339), "status": "maybe"}, http.StatusBadRequest, "status", "", nil},
		{"attendance at a meeting still ahead", "mentee", http.MethodPost, session + "/attendance", map[string]any{"occurrence": fx.start.Format(time.RFC3339), "status": "attended"}, http.StatusConflict, "occurrence", "", nil},
		{"a session for a match one is not in", "other", http.MethodPost, "/sessions", map[string]any{"match_id": fx.match, "when": later}, http.StatusNotFound, "", "", nil},

		// Office hours: a booked slot, no slot, no hours, one's own.
		{"booking a booked slot", "mentee", http.MethodPost, program + "/office-hours/bookings", booking("mentor", fx.slot.Format(time.RFC3339)), http.StatusConflict, "start", "", sessOffersNext},
		{"booking what is no slot", "mentee", http.MethodPost, program + "/office-hours/bookings", booking("mentor", fx.slot.Add(5*time.Minute).Format(time.RFC3339)), http.StatusBadRequest, "start", "", nil},
		{"booking someone without office hours", "other", http.MethodPost, program + "/office-hours/bookings", booking("mentee", fx.slot.Format(time.RFC3339)), http.StatusNotFound, "", "offers no office hours", nil},
		{"booking one's own office hours", "mentor", http.MethodPost, program + "/office-hours/bookings", booking("mentor", fx.slot.Add(15*time.Minute).Format(time.RFC3339)), http.StatusBadRequest, "mentor_id", "", nil},
	}
	// Every case is refused and nothing else runs: one case's "after" is the
	// next one's "before".
	var last snapshot
	for _, c := range cases {
		before := last
		last = nil
		t.Run(c.name, func(t *testing.T) {
			if before == nil {
				before = w.sessionSnapshot(t, fx)
			}
			status, data := w.as(t, permActor{key: c.as}, c.method, c.path, c.body)
			var e apiError
			if err := json.Unmarshal(data, &e); err != nil || e.Error == "" {
				t.Errorf("no JSON error in %.300s (%v)", data, err)
			}
			if status != c.status || (c.field != "*" && e.Field != c.field) || !strings.Contains(e.Error, c.message) {
				t.Errorf("got %d field %q %q; want %d field %q, a message with %q", status, e.Field, e.Error, c.status, c.field, c.message)
			}
			if c.extra != nil {
				c.extra(t, data)
			}
			after := w.sessionSnapshot(t, fx)
			if changed := before.diff(after); len(changed) > 0 {
				t.Errorf("the refused call changed the stored state:\n%s", strings.Join(changed, "\n"))
			}
			last = after
		})
	}
}

// sessOffersNext: a refused booking lists the next free slots to pick from.
func sessOffersNext(t *testing.T, data []byte) {
	var body struct {
		Next []permSlot `json:"next"`
	}
	if err := json.Unmarshal(data, &body); err != nil || len(body.Next) == 0 {
		t.Errorf("the conflict offers no next free slots: %.300s", data)
	}
}
