package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// TestPermissionMatrix calls every REST route and every interactive endpoint as
// every kind of caller (permActors) and checks the status (or, for buttons and
// dialogs, whether the plugin refused) and that the stored state, read back as
// admin, changed exactly when the call succeeded. The interactive endpoints get
// FORGED bodies posted straight to the plugin, the way any logged-in user can,
// each claiming in user_id to be someone allowed; the header user must count.
//
// A new route joins as a row: a request, one expectation per actor, and for a
// mutating route the effect a successful call must have. The summary is logged.
// The matching routes have their own matrix, with the pair and another member
// of the program as extra callers: TestMatchPermissionMatrix.
func TestPermissionMatrix(t *testing.T) {
	runPermissionMatrix(t, newPermWorld(t), permRows())
}

// Expectations, one per actor in the world's column order (permActors here). "200 ok" / "200 err" are
// interactive answers (done / refused with an ephemeral or dialog error);
// "400:field" names the field of a 400. A trailing "*" marks a cell of the new
// contract (coordinators removed from the team lose their rights; programs only
// go to teams that exist), so the summary can tell those apart.
type wants = []string

const ok, refused = "200 ok", "200 err"

var (
	// Who sees an open program of the home team.
	seesHome = []string{"member", "othercoord", "coord", "admin"}
	// Who manages it (and sees it archived).
	managesHome = []string{"coord", "admin"}
	// Who can still join it while the former coordinator is in the team.
	canEnroll = []string{"member", "othercoord", "coord", "former", "admin"}
)

func permRows() []permRow {
	this := func(suffix string) func(*permWorld, *fixture) string {
		return func(_ *permWorld, fx *fixture) string { return "/programs/" + fx.this.ID + suffix }
	}
	away := func(suffix string) func(*permWorld, *fixture) string {
		return func(_ *permWorld, fx *fixture) string { return "/programs/" + fx.away.ID + suffix }
	}
	homeTeam := func(w *permWorld) string { return w.home.Id }
	awayTeam := func(w *permWorld) string { return w.away.Id }
	bogusTeam := func(w *permWorld) string { return w.bogusTeam }
	mentee := map[string]any{"role": "mentee"}
	pending := fixtureSpec{mode: "approval", pending: true}

	//                                              anon   member   foreign  othercoord coord    former   admin
	return []permRow{
		// Listing and reading.
		{name: "GET /programs?team_id=home", request: get(func(w *permWorld, _ *fixture) string { return "/programs?team_id=" + w.home.Id }),
			want: wants{"401", "200", "403", "200", "200", "403", "200"}, check: shows(thisID, seesHome)},
		{name: "GET /programs?team_id=home&include_archived", fixture: fixtureSpec{archived: true},
			request: get(func(w *permWorld, _ *fixture) string { return "/programs?include_archived=true&team_id=" + w.home.Id }),
			want:    wants{"401", "200", "403", "200", "200", "403", "200"}, check: shows(thisID, managesHome)},
		{name: "GET /programs/{id}", request: get(this("")),
			want: wants{"401", "200", "404", "200", "200", "404*", "200"}},
		{name: "GET /programs/{archived id}", fixture: fixtureSpec{archived: true}, request: get(this("")),
			want: wants{"401", "404", "404", "404", "200", "404*", "200"}},
		{name: "GET /programs/{unknown id}", request: get(func(*permWorld, *fixture) string { return "/programs/" + model.NewId() }),
			want: wants{"401", "404", "404", "404", "404", "404", "404"}},
		{name: "GET /programs/{other team's id}", fixture: fixtureSpec{away: true}, request: get(away("")),
			want: wants{"401", "404", "200", "404", "404", "404", "200"}},
		{name: "GET /programs/{id}/members", request: get(this("/members")),
			want: wants{"401", "403", "404", "403", "200", "404*", "200"}},
		{name: "GET /me/programs (enrolled)", prepare: enroll, request: get(func(*permWorld, *fixture) string { return "/me/programs" }),
			want: wants{"401", "200", "200", "200", "200", "200", "200"}, check: showsUnlessFormer(thisID, seesHome)},
		{name: "GET /autocomplete/programs?team_id=home",
			request: get(func(w *permWorld, _ *fixture) string { return "/autocomplete/programs?team_id=" + w.home.Id }),
			want:    wants{"401", "200", "200", "200", "200", "200", "200"}, check: shows(thisSlug, seesHome)},

		// Creating programs: system admins only by default, and only in a team that exists.
		{name: "POST /programs team=home", fixture: fixtureSpec{teams: true}, request: createIn(homeTeam),
			want: wants{"401", "403", "403", "403", "403", "403", "201"}, effect: createdIn(homeTeam)},
		{name: "POST /programs team=other team", fixture: fixtureSpec{teams: true}, request: createIn(awayTeam),
			want: wants{"401", "403", "403", "403", "403", "403", "201"}, effect: createdIn(awayTeam)},
		{name: "POST /programs team=nonexistent", fixture: fixtureSpec{teams: true}, request: createIn(bogusTeam),
			want: wants{"401", "403", "403", "403", "403", "403", "400:team_id*"}, effect: createdIn(bogusTeam)},

		// Managing a program: its coordinators and system admins.
		{name: "PATCH /programs/{id}", request: send(http.MethodPatch, this(""), func(_ *permWorld, _ *fixture, a permActor) any {
			return map[string]any{"description": "patched by " + a.key}
		}), want: wants{"401", "403", "404", "403", "200", "404*", "200"}, effect: describedAs(thisID, "patched by ")},
		{name: "DELETE /programs/{id}", request: send(http.MethodDelete, this(""), nil),
			want: wants{"401", "403", "404", "403", "200", "404*", "200"}, effect: archived},
		{name: "POST /programs/{id}/members/{u}/approve", fixture: pending, request: send(http.MethodPost, requesterPath("approve"), nil),
			want: wants{"401", "403", "404", "403", "200", "404*", "200"}, effect: requesterIs("active")},
		{name: "POST /programs/{id}/members/{u}/decline", fixture: pending, request: send(http.MethodPost, requesterPath("decline"), nil),
			want: wants{"401", "403", "404", "403", "200", "404*", "200"}, effect: requesterIs("declined")},

		// One's own enrollment.
		{name: "POST /programs/{id}/join", request: send(http.MethodPost, this("/join"), fixed(mentee)),
			want: wants{"401", "201", "404", "201", "201", "404*", "201"}, effect: callerIs(thisID, "active")},
		{name: "POST /programs/{id}/join (enrolled)", prepare: enroll, request: send(http.MethodPost, this("/join"), fixed(mentee)),
			want: wants{"401", "200", "404", "200", "200", "404*", "200"}},
		{name: "POST /programs/{invite-only id}/join", fixture: fixtureSpec{mode: "invite"}, request: send(http.MethodPost, this("/join"), fixed(mentee)),
			want: wants{"401", "403", "404", "403", "201", "404*", "201"}, effect: callerIs(thisID, "active")},
		{name: "POST /programs/{archived id}/join", fixture: fixtureSpec{archived: true}, request: send(http.MethodPost, this("/join"), fixed(mentee)),
			want: wants{"401", "404", "404", "404", "409", "404*", "409"}},
		{name: "POST /programs/{other team's id}/join", fixture: fixtureSpec{away: true}, request: send(http.MethodPost, away("/join"), fixed(mentee)),
			want: wants{"401", "404", "201", "404", "404", "404", "201"}, effect: callerIs(awayID, "active")},
		{name: "POST /programs/{id}/leave (enrolled)", prepare: enroll, request: send(http.MethodPost, this("/leave"), nil),
			want: wants{"401", "200", "404", "200", "200", "404*", "200"}, effect: callerIs(thisID, "left")},
		{name: "POST /programs/{id}/pause (enrolled)", prepare: enroll, request: send(http.MethodPost, this("/pause"), nil),
			want: wants{"401", "200", "404", "200", "200", "404*", "200"}, effect: callerIs(thisID, "paused")},
		{name: "POST /programs/{id}/resume (paused)", prepare: enrollAndPause, request: send(http.MethodPost, this("/resume"), nil),
			want: wants{"401", "200", "404", "200", "200", "404*", "200"}, effect: callerIs(thisID, "active")},

		// Buttons and dialogs, forged and posted straight to the plugin.
		{name: "POST /actions/decide approve", kind: actionRow, fixture: pending, request: decide("approve"),
			want: wants{"401", refused, refused, refused, ok, refused + "*", ok}, effect: requesterIs("active")},
		{name: "POST /actions/decide decline", kind: actionRow, fixture: pending, request: decide("decline"),
			want: wants{"401", refused, refused, refused, ok, refused + "*", ok}, effect: requesterIs("declined")},
		{name: "POST /dialogs/program edit", kind: dialogRow, request: editDialog(thisID),
			want: wants{"401", refused, refused, refused, ok, refused + "*", ok}, effect: describedAs(thisID, "edited by ")},
		{name: "POST /dialogs/program edit other team's", kind: dialogRow, fixture: fixtureSpec{away: true}, request: editDialog(awayID),
			want: wants{"401", refused, refused, refused, refused, refused, ok}, effect: describedAs(awayID, "edited by ")},
		{name: "POST /dialogs/program create team=home", kind: dialogRow, fixture: fixtureSpec{teams: true}, request: createDialog(homeTeam),
			want: wants{"401", refused, refused, refused, refused, refused, ok}, effect: createdIn(homeTeam)},
		{name: "POST /dialogs/program create team=other", kind: dialogRow, fixture: fixtureSpec{teams: true}, request: createDialog(awayTeam),
			want: wants{"401", refused, refused, refused, refused, refused, ok}, effect: createdIn(awayTeam)},
		{name: "POST /dialogs/program create team=nonexistent", kind: dialogRow, fixture: fixtureSpec{teams: true}, request: createDialog(bogusTeam),
			want: wants{"401", refused, refused, refused, refused, refused, refused + "*"}, effect: createdIn(bogusTeam)},
		{name: "POST /dialogs/join", kind: dialogRow, request: joinDialog(thisID),
			want: wants{"401", ok, refused, ok, ok, refused + "*", ok}, effect: callerIs(thisID, "active")},
		{name: "POST /dialogs/join other team's", kind: dialogRow, fixture: fixtureSpec{away: true}, request: joinDialog(awayID),
			want: wants{"401", refused, ok, refused, refused, refused, ok}, effect: callerIs(awayID, "active")},

		// With the System Console setting "members may create programs": only in
		// a team they belong to, whatever team the body names.
		{name: "POST /programs team=home [members create]", membersMayCreate: true, fixture: fixtureSpec{teams: true}, request: createIn(homeTeam),
			want: wants{"401", "201", "403", "201", "201", "403", "201"}, effect: createdIn(homeTeam)},
		{name: "POST /programs team=other [members create]", membersMayCreate: true, fixture: fixtureSpec{teams: true}, request: createIn(awayTeam),
			want: wants{"401", "403", "201", "403", "403", "403", "201"}, effect: createdIn(awayTeam)},
		{name: "POST /dialogs/program create team=home [members create]", kind: dialogRow, membersMayCreate: true, fixture: fixtureSpec{teams: true},
			request: createDialog(homeTeam), want: wants{"401", ok, refused, ok, ok, refused, ok}, effect: createdIn(homeTeam)},
		{name: "POST /dialogs/program create team=other [members create]", kind: dialogRow, membersMayCreate: true, fixture: fixtureSpec{teams: true},
			request: createDialog(awayTeam), want: wants{"401", refused, ok, refused, refused, refused, ok}, effect: createdIn(awayTeam)},
	}
}

// --- requests ----------------------------------------------------------------

type requestFunc func(w *permWorld, fx *fixture, a permActor) (method, path string, body any)

func get(path func(*permWorld, *fixture) string) requestFunc {
	return send(http.MethodGet, path, nil)
}

func send(method string, path func(*permWorld, *fixture) string, body func(*permWorld, *fixture, permActor) any) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		var b any
		if body != nil {
			b = body(w, fx, a)
		}
		return method, path(w, fx), b
	}
}

func fixed(body any) func(*permWorld, *fixture, permActor) any {
	return func(*permWorld, *fixture, permActor) any { return body }
}

func requesterPath(decision string) func(*permWorld, *fixture) string {
	return func(w *permWorld, fx *fixture) string {
		return "/programs/" + fx.this.ID + "/members/" + w.requester.Id + "/" + decision
	}
}

func createIn(team func(*permWorld) string) requestFunc {
	return send(http.MethodPost, func(*permWorld, *fixture) string { return "/programs" }, func(w *permWorld, fx *fixture, _ permActor) any {
		return map[string]any{"team_id": team(w), "name": fx.newName}
	})
}

// decide forges the Approve / Decline button's request for the requester.
func decide(decision string) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		return http.MethodPost, "/actions/decide", model.PostActionIntegrationRequest{
			UserId: w.forgedUser(a), TeamId: w.home.Id, Type: model.PostActionTypeButton,
			Context: map[string]any{"program_id": fx.this.ID, "user_id": w.requester.Id, "decision": decision},
		}
	}
}

func programForm(name, description string) map[string]any {
	return map[string]any{"name": name, "description": description, "kind": "one_to_one", "enrollment_mode": "open",
		"matching_mode": "coordinator", "check_in_cadence": "monthly", "start_date": "", "end_date": ""}
}

// editDialog forges the program form's submission with state = the program.
func editDialog(id func(*fixture) string) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		name := fx.this.Name
		if id(fx) == fx.away.ID {
			name = fx.away.Name
		}
		return http.MethodPost, "/dialogs/program", model.SubmitDialogRequest{
			Type: "dialog_submission", CallbackId: w.home.Id, State: id(fx), UserId: w.forgedUser(a), TeamId: w.home.Id,
			Submission: programForm(name, "edited by "+a.key),
		}
	}
}

// createDialog forges the new-program form's submission with callback_id = team.
func createDialog(team func(*permWorld) string) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		return http.MethodPost, "/dialogs/program", model.SubmitDialogRequest{
			Type: "dialog_submission", CallbackId: team(w), UserId: w.forgedUser(a), TeamId: w.home.Id,
			Submission: programForm(fx.newName, "made by "+a.key),
		}
	}
}

// joinDialog forges the join form's submission for the program.
func joinDialog(id func(*fixture) string) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		return http.MethodPost, "/dialogs/join", model.SubmitDialogRequest{
			Type: "dialog_submission", CallbackId: w.home.Id, UserId: w.forgedUser(a), TeamId: w.home.Id,
			Submission: map[string]any{"program_id": id(fx), "role": "mentee"},
		}
	}
}

// --- set-up before the former coordinator leaves the team ---------------------

func enroll(t *testing.T, w *permWorld, fx *fixture, a permActor) {
	t.Helper()
	if slices.Contains(canEnroll, a.key) {
		w.mustAs(t, a, http.MethodPost, "/programs/"+fx.this.ID+"/join", map[string]any{"role": "mentee"}, http.StatusCreated)
	}
}

func enrollAndPause(t *testing.T, w *permWorld, fx *fixture, a permActor) {
	t.Helper()
	enroll(t, w, fx, a)
	if slices.Contains(canEnroll, a.key) {
		w.mustAs(t, a, http.MethodPost, "/programs/"+fx.this.ID+"/pause", nil, http.StatusOK)
	}
}

// --- what a successful call must have changed --------------------------------

func thisID(fx *fixture) string   { return fx.this.ID }
func awayID(fx *fixture) string   { return fx.away.ID }
func thisSlug(fx *fixture) string { return fx.this.Slug }

func describedAs(id func(*fixture) string, prefix string) effectFunc {
	return func(t *testing.T, _ *permWorld, fx *fixture, a permActor, _, after snapshot) {
		if got := after.program(t, id(fx)).Description; got != prefix+a.key {
			t.Errorf("description %q, want %q", got, prefix+a.key)
		}
	}
}

func archived(t *testing.T, _ *permWorld, fx *fixture, _ permActor, _, after snapshot) {
	if !after.program(t, fx.this.ID).Archived {
		t.Error("the program is not archived")
	}
}

func requesterIs(status string) effectFunc {
	return func(t *testing.T, w *permWorld, fx *fixture, _ permActor, _, after snapshot) {
		if e := after.member(t, fx.this.ID, w.requester.Id); e == nil || e.Status != status {
			t.Errorf("the request is %+v, want status %s", e, status)
		}
	}
}

// callerIs checks the caller's own enrollment, and that nobody else's changed
// (a forged user_id must not enroll the user it names).
func callerIs(id func(*fixture) string, status string) effectFunc {
	return func(t *testing.T, w *permWorld, fx *fixture, a permActor, before, after snapshot) {
		if e := after.member(t, id(fx), w.users[a.key].Id); e == nil || e.Status != status {
			t.Errorf("the caller's enrollment is %+v, want status %s", e, status)
		}
		if e := after.member(t, id(fx), w.forgedUser(a)); e != nil && before.member(t, id(fx), w.forgedUser(a)) == nil {
			t.Errorf("the user named in the forged body was enrolled: %+v", e)
		}
	}
}

// createdIn checks that exactly one program appeared in the team, with the
// fixture's new name and the caller (not a forged user) as its coordinator.
func createdIn(team func(*permWorld) string) effectFunc {
	return func(t *testing.T, w *permWorld, fx *fixture, a permActor, before, after snapshot) {
		teamID := team(w)
		b, f := before.teamPrograms(t, teamID), after.teamPrograms(t, teamID)
		if len(f) != len(b)+1 {
			t.Errorf("team %s had %d programs, now %d", teamID, len(b), len(f))
		}
		for _, p := range f {
			if p.Name == fx.newName {
				if !slices.Equal(p.Coordinators, []string{w.users[a.key].Id}) {
					t.Errorf("coordinators %v, want only the caller %s", p.Coordinators, w.users[a.key].Id)
				}
				return
			}
		}
		t.Errorf("no program %q in team %s", fx.newName, teamID)
	}
}

// --- what a response may reveal ----------------------------------------------

// shows checks that a 200 body names the program exactly for the actors listed.
func shows(what func(*fixture) string, visibleTo []string) checkFunc {
	return func(t *testing.T, _ *permWorld, fx *fixture, a permActor, body []byte) {
		want := slices.Contains(visibleTo, a.key)
		if got := strings.Contains(string(body), `"`+what(fx)+`"`); got != want {
			t.Errorf("the answer names %s: %v, want %v (body %.300s)", what(fx), got, want, body)
		}
	}
}

// showsUnlessFormer is shows with no expectation for the former coordinator:
// the contract does not say whether they still see their own enrollment.
func showsUnlessFormer(what func(*fixture) string, visibleTo []string) checkFunc {
	inner := shows(what, visibleTo)
	return func(t *testing.T, w *permWorld, fx *fixture, a permActor, body []byte) {
		if a.key != "former" {
			inner(t, w, fx, a, body)
		}
	}
}
