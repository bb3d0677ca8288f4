package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// TestMatchPermissionMatrix is the permission matrix of the matching routes
// (profiles, settings, suggestions, requests, matches, preview, publish,
// invites) and their buttons and forms, run like TestPermissionMatrix: every
// row × every caller of matchActors, each cell on a fresh self-serve program
// with its own match, the stored state read back before and after. Forged
// buttons and forms claim in user_id to come from someone who may; the
// session's user must count.
func TestMatchPermissionMatrix(t *testing.T) {
	runPermissionMatrix(t, newMatchWorld(t), matchRows())
}

// Who may do what, as column sets of matchActors.
var (
	pmSignedIn     = []string{"member", "foreign", "mentee", "mentor", "other", "othercoord", "coord", "former", "admin"}
	pmInProgram    = []string{"mentee", "mentor", "other"}
	pmCoordinating = []string{"coord", "admin"}
	pmPair         = []string{"mentee", "mentor"}
	pmPairOrCoord  = []string{"mentee", "mentor", "coord", "admin"}
	// Those who do not see the program at all: it is not in their team.
	pmNotInTeam = []string{"foreign", "former"}
)

// expect builds a row's expectations: anonymous 401; win for the actors
// listed; otherwise 404 for those outside the team, else lose.
func matchWants(win string, allowed []string, lose string) wants {
	return matchWantsIn(win, allowed, lose, "404")
}

// expectIn is expect with the answer of callers outside the team given.
func matchWantsIn(win string, allowed []string, lose, outside string) wants {
	out := make(wants, len(matchActors))
	for i, a := range matchActors {
		switch {
		case a.key == "anon":
			out[i] = "401"
		case slices.Contains(allowed, a.key):
			out[i] = win
		case slices.Contains(pmNotInTeam, a.key):
			out[i] = outside
		default:
			out[i] = lose
		}
	}
	return out
}

// with overrides single cells of a row's expectations.
func withCells(base wants, cells map[string]string) wants {
	for i, a := range matchActors {
		if v, ok := cells[a.key]; ok {
			base[i] = v
		}
	}
	return base
}

func matchRows() []permRow {
	enrolledFx := fixtureSpec{stage: pmEnrolled}
	requestedFx := fixtureSpec{stage: pmRequested}
	activeFx := fixtureSpec{stage: pmActive}
	pausedFx := fixtureSpec{stage: pmPaused}
	endedFx := fixtureSpec{stage: pmEnded}
	previewFx := fixtureSpec{stage: pmEnrolled, preview: true}
	inviteFx := fixtureSpec{stage: pmEnrolled, mode: "invite"}
	profilesFx := fixtureSpec{stage: pmEnrolled, profiles: true}
	// The pair's buttons answer 403 to anyone else, in the team or not: the
	// match decides, not the program's visibility.
	pairOnly := func(allowed []string, win string) wants { return matchWantsIn(win, allowed, "403", "403") }

	return []permRow{
		// Profiles. Saving a profile is last (it relists the member in each of
		// their programs, which makes every fixture's preview stale).
		{name: "GET /profile", fixture: enrolledFx, shared: true, request: get(pmPath("/profile")),
			want: matchWants("200", pmSignedIn, "-"), check: pmOwnProfile},
		{name: "GET /programs/{id}/profiles/{mentee} (active match)", fixture: activeFx, shared: true, request: get(pmProfileOf("mentee")),
			want: withCells(matchWants("200", []string{"mentee", "mentor", "coord", "admin"}, "403"), nil), check: pmPartialToPartner},
		{name: "GET /programs/{id}/profiles/{mentee} (request)", fixture: requestedFx, shared: true, request: get(pmProfileOf("mentee")),
			want: matchWants("200", []string{"mentee", "mentor", "coord", "admin"}, "403"), check: pmPartialToPartner},
		{name: "GET /programs/{id}/profiles/{other}", fixture: activeFx, shared: true, request: get(pmProfileOf("other")),
			want: matchWants("200", []string{"other", "coord", "admin"}, "403")},
		{name: "GET /programs/{id}/vocabulary?field=skills", fixture: enrolledFx, shared: true, request: get(pmProgramPath("/vocabulary?field=skills&q=pub")),
			want: matchWants("200", append([]string{"coord", "admin"}, pmInProgram...), "403"), check: pmBodyHas("public speaking")},

		// Matching settings and members: coordinators.
		{name: "GET /programs/{id}/matching", fixture: enrolledFx, shared: true, request: get(pmProgramPath("/matching")),
			want: matchWants("200", pmCoordinating, "403")},
		{name: "PUT /programs/{id}/matching", fixture: enrolledFx,
			request: send(http.MethodPut, pmProgramPath("/matching"), fixed(map[string]any{"weights": map[string]any{"skill": 7}})),
			want:    matchWants("200", pmCoordinating, "403"), effect: pmSkillWeight(7)},
		{name: "GET /programs/{id}/members?page=0", fixture: enrolledFx, shared: true, request: get(pmProgramPath("/members?page=0")),
			want: matchWants("200", pmCoordinating, "403"), check: pmBodyHas(`"total":3`)},

		// Self-serve.
		{name: "GET /programs/{id}/suggestions", fixture: enrolledFx, shared: true, request: get(pmProgramPath("/suggestions")),
			want: withCells(matchWants("200", []string{"mentee", "other"}, "404"), map[string]string{"mentor": "409"}), check: pmNamesMentor},
		{name: "POST /programs/{id}/requests", fixture: enrolledFx,
			request: send(http.MethodPost, pmProgramPath("/requests"), func(w *permWorld, _ *fixture, _ permActor) any {
				return map[string]any{"mentor_id": w.users["mentor"].Id}
			}),
			want: withCells(matchWants("201", []string{"mentee", "other"}, "404"), map[string]string{"mentor": "400:mentor_id"}), effect: pmRequestFromCaller},

		// One's matches and one match.
		{name: "GET /matches", fixture: activeFx, shared: true, request: get(pmPath("/matches")),
			want: matchWants("200", pmSignedIn, "-"), check: pmListsMatchFor(pmPair)},
		{name: "GET /matches/{id}", fixture: activeFx, shared: true, request: get(pmMatchPath("")),
			want: matchWants("200", pmPairOrCoord, "404")},
		{name: "POST /matches/{id}/accept (request)", fixture: requestedFx, request: send(http.MethodPost, pmMatchPath("/accept"), nil),
			want: pairOnly([]string{"mentor"}, "200"), effect: pmMatchIs("active")},
		{name: "POST /matches/{id}/decline (request)", fixture: requestedFx, request: send(http.MethodPost, pmMatchPath("/decline"), nil),
			want: pairOnly([]string{"mentor"}, "200"), effect: pmMatchIs("declined")},
		{name: "POST /matches/{id}/withdraw (request)", fixture: requestedFx, request: send(http.MethodPost, pmMatchPath("/withdraw"), nil),
			want: pairOnly([]string{"mentee"}, "200"), effect: pmMatchIs("withdrawn")},
		{name: "POST /matches/{id}/pause", fixture: activeFx, request: send(http.MethodPost, pmMatchPath("/pause"), nil),
			want: pairOnly(pmPairOrCoord, "200"), effect: pmMatchIs("paused")},
		{name: "POST /matches/{id}/resume", fixture: pausedFx, request: send(http.MethodPost, pmMatchPath("/resume"), nil),
			want: pairOnly(pmPairOrCoord, "200"), effect: pmMatchIs("active")},
		{name: "POST /matches/{id}/end", fixture: activeFx,
			request: send(http.MethodPost, pmMatchPath("/end"), fixed(map[string]any{"outcome": "completed"})),
			want:    pairOnly(pmPairOrCoord, "200"), effect: pmMatchIs("completed")},
		{name: "POST /matches/{id}/survey", fixture: endedFx,
			request: send(http.MethodPost, pmMatchPath("/survey"), fixed(map[string]any{"rating": 4, "text": "good"})),
			want:    pairOnly(pmPair, "200"), effect: pmSurveyByCaller},

		// Coordinators' matching.
		{name: "POST /programs/{id}/pairs", fixture: enrolledFx,
			request: send(http.MethodPost, pmProgramPath("/pairs"), func(w *permWorld, _ *fixture, _ permActor) any {
				return map[string]any{"mentee_id": w.users["other"].Id, "mentor_id": w.users["mentor"].Id}
			}),
			want: matchWants("201", pmCoordinating, "403"), effect: pmProposedOtherWithMentor},
		{name: "GET /programs/{id}/matches", fixture: activeFx, shared: true, request: get(pmProgramPath("/matches?page=0")),
			want: matchWants("200", pmCoordinating, "403")},
		{name: "POST /programs/{id}/preview", fixture: enrolledFx, request: send(http.MethodPost, pmProgramPath("/preview"), fixed(map[string]any{})),
			want: matchWants("200", pmCoordinating, "403"), effect: pmPreviewByCaller},
		{name: "GET /programs/{id}/preview", fixture: previewFx, shared: true, request: get(pmProgramPath("/preview?page=0")),
			want: matchWants("200", pmCoordinating, "403")},
		{name: "POST /programs/{id}/publish", fixture: previewFx,
			request: send(http.MethodPost, pmProgramPath("/publish"), func(_ *permWorld, fx *fixture, _ permActor) any {
				return map[string]any{"preview_id": fx.preview}
			}),
			want: matchWants("200", pmCoordinating, "403"), effect: pmPublished},
		{name: "POST /programs/{invite-only id}/invites", fixture: inviteFx,
			request: send(http.MethodPost, pmProgramPath("/invites"), func(w *permWorld, _ *fixture, _ permActor) any {
				return map[string]any{"user_id": w.users["invitee"].Id, "role": "mentee"}
			}),
			want: matchWants("201", pmCoordinating, "403"), effect: pmInviteeActive},

		// Buttons, forged and posted straight to the plugin.
		{name: "POST /actions/match accept", kind: actionRow, fixture: requestedFx, request: pmButton("accept", "mentor", "mentee"),
			want: pmRefusedElse(pairOnly([]string{"mentor"}, ok)), effect: pmMatchIs("active")},
		{name: "POST /actions/match decline", kind: actionRow, fixture: requestedFx, request: pmButton("decline", "mentor", "mentee"),
			want: pmRefusedElse(pairOnly([]string{"mentor"}, ok)), effect: pmMatchIs("declined")},
		{name: "POST /actions/match end (opens the form)", kind: actionRow, fixture: activeFx, request: pmButton("end", "mentee", "mentor"),
			okText: pmFormNotOpened, want: pmRefusedElse(pairOnly(pmPairOrCoord, ok))},
		{name: "POST /actions/match survey (opens the form)", kind: actionRow, fixture: endedFx, request: pmButton("survey", "mentee", "mentor"),
			okText: pmFormNotOpened, want: pmRefusedElse(pairOnly(pmPair, ok))},

		// Forms, forged the same way.
		{name: "POST /dialogs/matching", kind: dialogRow, fixture: enrolledFx, request: pmMatchingDialog,
			want: pmRefusedElse(matchWants(ok, pmCoordinating, refused)), effect: pmSkillWeight(9)},
		{name: "POST /dialogs/end", kind: dialogRow, fixture: activeFx, request: pmMatchDialog("/dialogs/end", map[string]any{"outcome": "completed", "reason": ""}),
			want: pmRefusedElse(pairOnly(pmPairOrCoord, ok)), effect: pmMatchIs("completed")},
		{name: "POST /dialogs/survey", kind: dialogRow, fixture: endedFx, request: pmMatchDialog("/dialogs/survey", map[string]any{"rating": "4", "text": "fine"}),
			want: pmRefusedElse(pairOnly(pmPair, ok)), effect: pmSurveyByCaller},
		// Last: they change the callers' profiles.
		{name: "PUT /profile", fixture: profilesFx, request: send(http.MethodPut, pmPath("/profile"), pmByCaller("location", "put by ")),
			want: matchWants("200", pmSignedIn, "-"), effect: pmOnlyOwnProfile("location", "put by ")},
		{name: "POST /dialogs/profile", kind: dialogRow, fixture: profilesFx, request: pmProfileDialog,
			want: matchWants(ok, pmSignedIn, "-"), effect: pmOnlyOwnProfile("bio", "form by ")},
	}
}

// formNotOpened is the answer of a form button the plugin let through: a
// forged request carries no trigger id Mattermost accepts, so the form itself
// cannot open. A refusal says why instead.
const pmFormNotOpened = "The form could not be opened"

// refusedElse turns the 403 and 404 of a button or form row into "200 err":
// those endpoints always answer 200 and refuse in the text.
func pmRefusedElse(w wants) wants {
	for i, v := range w {
		if v == "403" || v == "404" {
			w[i] = refused
		}
	}
	return w
}

// --- requests ----------------------------------------------------------------

func pmPath(path string) func(*permWorld, *fixture) string {
	return func(*permWorld, *fixture) string { return path }
}

func pmProgramPath(suffix string) func(*permWorld, *fixture) string {
	return func(_ *permWorld, fx *fixture) string { return "/programs/" + fx.this.ID + suffix }
}

func pmMatchPath(suffix string) func(*permWorld, *fixture) string {
	return func(_ *permWorld, fx *fixture) string { return "/matches/" + fx.match + suffix }
}

func pmProfileOf(key string) func(*permWorld, *fixture) string {
	return func(w *permWorld, fx *fixture) string {
		return "/programs/" + fx.this.ID + "/profiles/" + w.users[key].Id
	}
}

// byCaller is a body setting field to prefix + the caller's key.
func pmByCaller(field, prefix string) func(*permWorld, *fixture, permActor) any {
	return func(_ *permWorld, _ *fixture, a permActor) any { return map[string]any{field: prefix + a.key} }
}

// claim is the user id a forged body names: the first of keys that is not
// the caller (someone who may, so that trusting the body would let anyone in).
func (w *permWorld) claim(a permActor, keys ...string) string {
	for _, k := range keys {
		if k != a.key {
			return w.users[k].Id
		}
	}
	return ""
}

// matchButton forges a press of a match DM's button, claiming to be its addressee.
func pmButton(action string, claims ...string) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		return http.MethodPost, "/actions/match", model.PostActionIntegrationRequest{
			UserId: w.claim(a, claims...), TeamId: w.home.Id, Type: model.PostActionTypeButton, TriggerId: "forged",
			Context: map[string]any{"match_id": fx.match, "action": action},
		}
	}
}

// matchDialog forges the end or survey form's submission for the fixture's match.
func pmMatchDialog(path string, submission map[string]any) requestFunc {
	return func(w *permWorld, fx *fixture, a permActor) (string, string, any) {
		return http.MethodPost, path, model.SubmitDialogRequest{
			Type: "dialog_submission", State: fx.match, UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id,
			Submission: submission,
		}
	}
}

// matchingDialog forges the matching settings form: every field as the
// program has it (read as admin), but the skill weight 9.
func pmMatchingDialog(w *permWorld, fx *fixture, a permActor) (string, string, any) {
	var current map[string]any
	status, data, err := env.Plugin(user("admin"), node1(), http.MethodGet, "/programs/"+fx.this.ID+"/matching", nil)
	if err != nil || status != http.StatusOK || json.Unmarshal(data, &current) != nil {
		// The snapshot taken just before read the same; a failure here is the harness's.
		panic(fmt.Sprintf("admin reads the matching settings: %d %s %v", status, data, err))
	}
	number := func(v any) string {
		if v == nil {
			return "0"
		}
		return fmt.Sprint(v)
	}
	sub := map[string]any{"weights.skill": "9"}
	weights, _ := current["weights"].(map[string]any)
	for _, name := range []string{"interest", "goal", "language", "time_zone", "experience"} {
		sub["weights."+name] = number(weights[name])
	}
	for _, name := range []string{"min_score", "request_expiry_hours", "reminder_before_hours", "retention_days"} {
		sub[name] = number(current[name])
	}
	for _, name := range []string{"policy", "pair_channel", "retention"} {
		sub[name] = fmt.Sprint(current[name])
	}
	for _, name := range []string{"exclude_reporting_line", "exclude_same_department"} {
		sub[name] = current[name] == true
	}
	return http.MethodPost, "/dialogs/matching", model.SubmitDialogRequest{
		Type: "dialog_submission", State: fx.this.ID, UserId: w.claim(a, "coord", "admin"), TeamId: w.home.Id, Submission: sub,
	}
}

// profileDialog forges the profile form, claiming to be the mentee (or the
// mentor when the caller is the mentee): only the caller's profile may change.
func pmProfileDialog(w *permWorld, _ *fixture, a permActor) (string, string, any) {
	return http.MethodPost, "/dialogs/profile", model.SubmitDialogRequest{
		Type: "dialog_submission", UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id,
		Submission: map[string]any{"skills_offered": "go, testing", "bio": "form by " + a.key, "experience_years": "3", "availability_hours": "4"},
	}
}

// --- what a successful call must have changed --------------------------------

func pmMatchIs(status string) effectFunc {
	return func(t *testing.T, _ *permWorld, fx *fixture, _ permActor, _, after snapshot) {
		if got := after.match(t, fx.match).Status; got != status {
			t.Errorf("the match is %s, want %s", got, status)
		}
	}
}

func pmSkillWeight(want int) effectFunc {
	return func(t *testing.T, _ *permWorld, fx *fixture, _ permActor, _, after snapshot) {
		var settings struct {
			Weights struct {
				Skill int `json:"skill"`
			} `json:"weights"`
		}
		if err := json.Unmarshal([]byte(after["matching "+fx.this.ID]), &settings); err != nil || settings.Weights.Skill != want {
			t.Errorf("the skill weight is not %d: %s", want, after["matching "+fx.this.ID])
		}
	}
}

func pmSurveyByCaller(t *testing.T, w *permWorld, fx *fixture, a permActor, before, after snapshot) {
	m := after.match(t, fx.match)
	if _, ok := m.Surveys[w.users[a.key].Id]; !ok || len(m.Surveys) != len(before.match(t, fx.match).Surveys)+1 {
		t.Errorf("surveys %v, want one more, the caller's", m.Surveys)
	}
}

// pmRequestFromCaller: the caller's enrollment now references one open request,
// to the mentor, and the match it names is that request. (A program's match
// list shows live matches only, not requests.)
func pmRequestFromCaller(t *testing.T, w *permWorld, fx *fixture, a permActor, _, after snapshot) {
	var members []struct {
		UserID   string `json:"user_id"`
		Requests []struct {
			ID   string `json:"id"`
			With string `json:"with"`
		} `json:"requests"`
	}
	if err := json.Unmarshal([]byte(after["members "+fx.this.ID]), &members); err != nil {
		t.Fatal(err)
	}
	for _, e := range members {
		if e.UserID != w.users[a.key].Id {
			continue
		}
		if len(e.Requests) != 1 || e.Requests[0].With != w.users["mentor"].Id {
			t.Fatalf("the caller's requests are %+v, want one to the mentor", e.Requests)
		}
		var m permMatch
		status, data := w.as(t, permActor{key: "admin"}, http.MethodGet, "/matches/"+e.Requests[0].ID, nil)
		if status != http.StatusOK || json.Unmarshal(data, &m) != nil || m.Status != "requested" || m.MenteeID != w.users[a.key].Id {
			t.Errorf("the request reads %d %s", status, data)
		}
		return
	}
	t.Errorf("the caller is not among the members")
}

func pmProposedOtherWithMentor(t *testing.T, w *permWorld, fx *fixture, _ permActor, before, after snapshot) {
	b, f := before.programMatches(t, fx.this.ID), after.programMatches(t, fx.this.ID)
	if len(f) != len(b)+1 {
		t.Fatalf("%d matches before, %d after; want one more", len(b), len(f))
	}
	for _, m := range f {
		if m.MenteeID == w.users["other"].Id && m.MentorID == w.users["mentor"].Id && m.Status == "proposed" {
			return
		}
	}
	t.Errorf("no proposal other → mentor among %+v", f)
}

func pmPreviewByCaller(t *testing.T, w *permWorld, fx *fixture, a permActor, _, after snapshot) {
	p := after.preview(t, fx.this.ID)
	if p == nil || p.CreatedBy != w.users[a.key].Id || p.Matched != 2 {
		t.Errorf("preview %+v, want one by the caller matching both mentees", p)
	}
}

func pmPublished(t *testing.T, _ *permWorld, fx *fixture, _ permActor, _, after snapshot) {
	if p := after.preview(t, fx.this.ID); p == nil || p.ID != fx.preview || (p.Status != "publishing" && p.Status != "published") {
		t.Errorf("preview %+v, want %s publishing or published", p, fx.preview)
	}
}

func pmInviteeActive(t *testing.T, w *permWorld, fx *fixture, _ permActor, _, after snapshot) {
	if e := after.member(t, fx.this.ID, w.users["invitee"].Id); e == nil || e.Status != "active" {
		t.Errorf("the invitee's enrollment is %+v, want active", e)
	}
}

// onlyOwnProfile checks that the caller's profile field now says prefix +
// their key, and that nobody else's profile changed (not the forged user's).
func pmOnlyOwnProfile(field, prefix string) effectFunc {
	return func(t *testing.T, w *permWorld, _ *fixture, a permActor, before, after snapshot) {
		if got := after.profileField(t, a.key, field); got != prefix+a.key {
			t.Errorf("the caller's %s is %v, want %q", field, got, prefix+a.key)
		}
		for _, other := range w.actors {
			if other.key != a.key && other.key != "anon" && before["profile "+other.key] != after["profile "+other.key] {
				t.Errorf("%s's profile changed too: %s", other.key, after["profile "+other.key])
			}
		}
	}
}

// --- what a response may reveal ----------------------------------------------

// ownProfile: GET /profile answers the caller's own.
func pmOwnProfile(t *testing.T, w *permWorld, _ *fixture, a permActor, body []byte) {
	if !strings.Contains(string(body), `"user_id":"`+w.users[a.key].Id+`"`) {
		t.Errorf("not the caller's profile: %.300s", body)
	}
}

// partialToPartner: the mentee's partner sees the profile without the fields
// that feed the constraints; coordinators see them.
func pmPartialToPartner(t *testing.T, _ *permWorld, _ *fixture, a permActor, body []byte) {
	shows := strings.Contains(string(body), pmMenteeDepartment)
	if want := a.key != "mentor"; shows != want {
		t.Errorf("%s sees the department: %v, want %v (%.300s)", a.key, shows, want, body)
	}
	if a.key == "mentor" && (strings.Contains(string(body), `"manager_id"`) || strings.Contains(string(body), `"dont_match"`)) {
		t.Errorf("the partner sees the manager or the don't-match list: %.300s", body)
	}
}

func pmBodyHas(text string) checkFunc {
	return func(t *testing.T, _ *permWorld, _ *fixture, _ permActor, body []byte) {
		if !strings.Contains(string(body), text) {
			t.Errorf("the answer lacks %q: %.300s", text, body)
		}
	}
}

// namesMentor: a mentee's suggestions name the mentor.
func pmNamesMentor(t *testing.T, _ *permWorld, _ *fixture, a permActor, body []byte) {
	if !strings.Contains(string(body), `"mentor_id":"`) {
		t.Errorf("%s's suggestions name no mentor: %.300s", a.key, body)
	}
}

// listsMatchFor: GET /matches names the fixture's match exactly for the pair.
func pmListsMatchFor(visibleTo []string) checkFunc {
	return func(t *testing.T, _ *permWorld, fx *fixture, a permActor, body []byte) {
		want := slices.Contains(visibleTo, a.key)
		if got := strings.Contains(string(body), `"`+fx.match+`"`); got != want {
			t.Errorf("the answer names the match: %v, want %v (%.300s)", got, want, body)
		}
	}
}
