package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// The resource hub's rows of the issue 9 matrix (TestIssue9PermissionMatrix).
// Members of a program read its published resources for their audience (a
// mentee never a mentors-only one); coordinators manage their program's;
// members suggest, coordinators approve or reject; system admins manage the
// global hub. A resource one may not read is not found (404); one that may be
// read but not changed is forbidden (403). A team member outside the program
// may not list its hub (403: they see the program) and finds none of its
// resources (404).

var (
	i9Members   = []string{"mentee", "mentor", "other"}
	i9ReadsProg = []string{"mentee", "mentor", "other", "coord", "admin"}
	i9TeamSeen  = []string{"member", "mentee", "mentor", "other", "othercoord", "coord", "admin"}
)

// resourceWants: anonymous 401; win for allowed; 403 for the others who see
// the resource (seen), 404 for the rest.
func resourceWants(win string, allowed, seen []string) wants {
	out := matchWantsIn("404", nil, "404", "404")
	for i, a := range matchActors {
		switch {
		case a.key == "anon":
		case slices.Contains(allowed, a.key):
			out[i] = win
		case slices.Contains(seen, a.key):
			out[i] = "403"
		}
	}
	return out
}

func issue9ResourceRows() []i9Row {
	res := i9Spec{resources: true, goals: true}
	global := i9Spec{global: true}
	resourceKeys := []string{"kv v1/resource/", "kv v1/resources/"}
	counts := []string{"kv v1/resource_counts/"}
	button := pmRefusedElse

	return []i9Row{
		// Reading.
		{name: "GET /programs/{id}/resources", spec: res, shared: true, request: i9Get(i9OnProgram("/resources")),
			want: matchWants("200", i9ReadsProg, "403"), check: i9HubPrivacy},
		{name: "GET /programs/{id}/resources?q=mentors", spec: res, shared: true, request: i9Get(i9OnProgram("/resources?q=mentors")),
			want: matchWants("200", i9ReadsProg, "403"), check: i9HubPrivacy},
		// Across every hub of the caller, narrowed to the fixture's (by its tag).
		{name: "GET /resources?tag={fixture}", spec: res, shared: true, request: i9Get(func(_ *i9World, fx *i9Fixture) string { return "/resources?per_page=100&tag=" + fx.tag() }),
			want: matchWants("200", pmSignedIn, "-"), check: i9MyHubPrivacy},
		{name: "GET /resources?tag={global}", shared: true, request: i9Get(i9Fixed("/resources?per_page=100&tag=" + i9GlobalTag)),
			want: matchWants("200", pmSignedIn, "-"), check: i9ShowsGlobal},
		{name: "GET /programs/{id}/resources/recommended", spec: res, shared: true, request: i9Get(i9OnProgram("/resources/recommended")),
			want: matchWants("200", i9ReadsProg, "403"), check: i9RecommendedPrivacy},
		{name: "GET /resources/{for all}", spec: res, shared: true, request: i9Get(i9OnResource(func(fx *i9Fixture) string { return fx.resAll }, "")),
			want: matchWants("200", i9ReadsProg, "404")},
		{name: "GET /resources/{for mentors}", spec: res, shared: true, request: i9Get(i9OnResource(func(fx *i9Fixture) string { return fx.resMentors }, "")),
			want: matchWants("200", []string{"mentor", "coord", "admin"}, "404")},
		{name: "GET /resources/{suggested by other}", spec: res, shared: true, request: i9Get(i9OnResource(func(fx *i9Fixture) string { return fx.resSugg }, "")),
			want: matchWants("200", []string{"other", "coord", "admin"}, "404")},
		{name: "GET /resources/{global}", spec: global, shared: true, request: i9Get(i9OnResource(func(fx *i9Fixture) string { return fx.resGlobal }, "")),
			want: matchWants("200", i9TeamSeen, "404")},
		{name: "GET /programs/{id}/resources/suggested", spec: res, shared: true, request: i9Get(i9OnProgram("/resources/suggested")),
			want: matchWants("200", pmCoordinating, "403"), check: i9Shows(i9Suggested, pmCoordinating)},
		{name: "GET /programs/{id}/onboarding-packs", spec: res, shared: true, request: i9Get(i9OnProgram("/onboarding-packs")),
			want: matchWants("200", pmCoordinating, "403")},

		// Adding: coordinators publish, members suggest, admins the global hub.
		{name: "POST /programs/{id}/resources", request: i9Send(http.MethodPost, i9OnProgram("/resources"), i9ResourceBody),
			want: matchWants("201", i9ReadsProg, "403"), effect: i9ResourceAddedByCaller, touches: resourceKeys},
		{name: "POST /resources (global)", shared: true, request: i9Send(http.MethodPost, i9Fixed("/resources"), i9ResourceBody),
			want: resourceWants("201", []string{"admin"}, pmSignedIn), check: i9GlobalByCaller},

		// Changing: the program's coordinators; the global hub: admins.
		{name: "PATCH /resources/{for all}", spec: res, request: i9Send(http.MethodPatch, i9OnResource(func(fx *i9Fixture) string { return fx.resAll }, ""), i9ByCaller("title", "edited by ")),
			want: resourceWants("200", pmCoordinating, i9Members), effect: i9ResourceTitle(func(fx *i9Fixture) string { return fx.resAll }), touches: resourceKeys},
		{name: "PATCH /resources/{global}", spec: global, request: i9Send(http.MethodPatch, i9OnResource(func(fx *i9Fixture) string { return fx.resGlobal }, ""), i9ByCaller("title", "edited by ")),
			want: resourceWants("200", []string{"admin"}, i9TeamSeen), effect: i9ResourceTitle(func(fx *i9Fixture) string { return fx.resGlobal }), touches: resourceKeys},
		{name: "DELETE /resources/{for all}", spec: res, request: i9Send(http.MethodDelete, i9OnResource(func(fx *i9Fixture) string { return fx.resAll }, ""), nil),
			want: resourceWants("204", pmCoordinating, i9Members), effect: i9ResourceGone, touches: append(resourceKeys, counts...)},
		{name: "POST /resources/{suggested}/approve", spec: res, request: i9Send(http.MethodPost, i9OnResource(func(fx *i9Fixture) string { return fx.resSugg }, "/approve"), nil),
			want: resourceWants("200", pmCoordinating, []string{"other"}), effect: i9Decided("published"), touches: resourceKeys},
		{name: "POST /resources/{suggested}/reject", spec: res, request: i9Send(http.MethodPost, i9OnResource(func(fx *i9Fixture) string { return fx.resSugg }, "/reject"), nil),
			want: resourceWants("200", pmCoordinating, []string{"other"}), effect: i9Decided("rejected"), touches: resourceKeys},
		{name: "PUT /programs/{id}/onboarding-packs", spec: res, request: i9Send(http.MethodPut, i9OnProgram("/onboarding-packs"), i9Packs),
			want: matchWants("200", pmCoordinating, "403"), effect: i9PacksSaved, touches: []string{"kv v1/resources/"}},

		// Using: whoever reads it shares and opens it; both are counted.
		{name: "POST /resources/{for all}/share", spec: res, request: i9Send(http.MethodPost, i9OnResource(func(fx *i9Fixture) string { return fx.resAll }, "/share"), i9ShareBody),
			want: matchWants("200", i9ReadsProg, "404"), effect: i9Counted(0, 1), touches: counts},
		{name: "POST /resources/{for mentors}/share", spec: res, request: i9Send(http.MethodPost, i9OnResource(func(fx *i9Fixture) string { return fx.resMentors }, "/share"), i9ShareBody),
			want: matchWants("200", []string{"mentor", "coord", "admin"}, "404"), effect: i9Counted(0, 1), touches: counts},
		{name: "GET /resources/{for all}/open", spec: res, noRedirect: true, request: i9Get(i9OnResource(func(fx *i9Fixture) string { return fx.resAll }, "/open")),
			want: matchWants("302", i9ReadsProg, "404"), effect: i9Counted(1, 0), touches: counts, check: i9RedirectsTo("https://example.com/")},
		{name: "GET /resources/{suggested}/open", spec: res, shared: true, noRedirect: true, request: i9Get(i9OnResource(func(fx *i9Fixture) string { return fx.resSugg }, "/open")),
			want: matchWants("404", nil, "404")},

		// The coordinators' Approve / Reject buttons and the resource form, forged.
		{name: "POST /actions/resource approve", kind: actionRow, spec: res, request: i9ResourceButton("approve"),
			want: button(resourceWants(ok, pmCoordinating, []string{"other"})), effect: i9Decided("published"), touches: resourceKeys},
		{name: "POST /actions/resource reject", kind: actionRow, spec: res, request: i9ResourceButton("reject"),
			want: button(resourceWants(ok, pmCoordinating, []string{"other"})), effect: i9Decided("rejected"), touches: resourceKeys},
		{name: "POST /dialogs/resource (add)", kind: dialogRow, request: i9Dialog("/dialogs/resource", func(*i9Fixture) string { return "" }, i9ResourceForm),
			want: button(matchWants(ok, i9ReadsProg, "403")), effect: i9ResourceAddedByCaller, touches: resourceKeys},
		{name: "POST /dialogs/resource (edit)", kind: dialogRow, spec: res, request: i9Dialog("/dialogs/resource", func(fx *i9Fixture) string { return "edit:" + fx.resAll }, i9ResourceEditForm),
			want: button(resourceWants(ok, pmCoordinating, i9Members)), effect: i9ResourceTitle(func(fx *i9Fixture) string { return fx.resAll }), touches: resourceKeys},
	}
}

// --- requests ----------------------------------------------------------------

func i9OnResource(id func(*i9Fixture) string, suffix string) func(*i9World, *i9Fixture) string {
	return func(_ *i9World, fx *i9Fixture) string { return "/resources/" + id(fx) + suffix }
}

func i9ResourceBody(_ *i9World, _ *i9Fixture, a permActor) any {
	return map[string]any{"title": "resource by " + a.key, "url": "https://example.com/by-" + a.key, "audience": "all", "tags": []string{"by"}}
}

func i9ShareBody(w *i9World, _ *i9Fixture, _ permActor) any {
	return map[string]any{"user_id": w.users["partner"].Id, "note": "have a look"}
}

func i9Packs(_ *i9World, fx *i9Fixture, _ permActor) any {
	return map[string]any{"mentor": []string{fx.resMentors}, "mentee": []string{fx.resAll}, "peer": []string{}}
}

// i9ResourceButton forges a press of a suggestion's Approve / Reject button,
// claiming to be the coordinator (the admin when the coordinator presses).
func i9ResourceButton(action string) i9Request {
	return func(w *i9World, fx *i9Fixture, a permActor) (string, string, any) {
		return http.MethodPost, "/actions/resource", model.PostActionIntegrationRequest{
			UserId: w.claim(a, "coord", "admin"), TeamId: w.home.Id, Type: model.PostActionTypeButton, TriggerId: "forged",
			Context: map[string]any{"resource_id": fx.resSugg, "decision": action},
		}
	}
}

// i9ResourceForm: the add form as the caller fills it in, for the fixture's program.
func i9ResourceForm(_ *i9World, fx *i9Fixture, a permActor) map[string]any {
	return map[string]any{"program_id": fx.this.ID, "title": "resource by " + a.key, "url": "https://example.com/form",
		"audience": "all", "tags": "form", "description": ""}
}

func i9ResourceEditForm(_ *i9World, _ *i9Fixture, a permActor) map[string]any {
	return map[string]any{"title": "edited by " + a.key, "url": "https://example.com/edited",
		"audience": "all", "tags": "matrix", "description": "edited"}
}

// --- effects -----------------------------------------------------------------

func i9ResourceAddedByCaller(t *testing.T, w *i9World, fx *i9Fixture, a permActor, before, after snapshot) {
	b := before.resources(t)
	want := "suggested"
	if slices.Contains(pmCoordinating, a.key) {
		want = "published"
	}
	for id, r := range after.resources(t) {
		if _, old := b[id]; old {
			continue
		}
		if r.Title != "resource by "+a.key || r.AuthorID != w.users[a.key].Id || r.Status != want || r.ProgramID != fx.this.ID {
			t.Errorf("the new resource is %+v, want the caller's, %s, in the program", r, want)
		}
		return
	}
	t.Errorf("no new resource in the program's hub")
}

func i9ResourceTitle(id func(*i9Fixture) string) i9Effect {
	return func(t *testing.T, _ *i9World, fx *i9Fixture, a permActor, _, after snapshot) {
		if r := after.resources(t)[id(fx)]; r.Title != "edited by "+a.key {
			t.Errorf("the resource is %+v, want the caller's title", r)
		}
	}
}

func i9ResourceGone(t *testing.T, _ *i9World, fx *i9Fixture, _ permActor, _, after snapshot) {
	if r, ok := after.resources(t)[fx.resAll]; ok {
		t.Errorf("the removed resource is still stored: %+v", r)
	}
	if strings.Contains(after["kv v1/resources/"+fx.this.ID], fx.resAll) {
		t.Errorf("the program's index still lists the removed resource")
	}
}

func i9Decided(status string) i9Effect {
	return func(t *testing.T, w *i9World, fx *i9Fixture, a permActor, _, after snapshot) {
		if r := after.resources(t)[fx.resSugg]; r.Status != status || r.DecidedBy != w.users[a.key].Id {
			t.Errorf("the suggestion is %+v, want %s by the caller", r, status)
		}
	}
}

func i9PacksSaved(t *testing.T, _ *i9World, fx *i9Fixture, _ permActor, _, after snapshot) {
	index := after["kv v1/resources/"+fx.this.ID]
	if !strings.Contains(index, `"mentor":["`+fx.resMentors+`"]`) || !strings.Contains(index, `"mentee":["`+fx.resAll+`"]`) {
		t.Errorf("the packs are not stored: %.300s", index)
	}
}

// i9Counted: the shared resource's views and shares moved by these.
func i9Counted(views, shares int) i9Effect {
	return func(t *testing.T, _ *i9World, _ *i9Fixture, _ permActor, before, after snapshot) {
		// Whichever resource was used, the sum over the fixture's counts moves.
		bv, bs := sumCounts(t, before)
		av, as := sumCounts(t, after)
		if av-bv != views || as-bs != shares {
			t.Errorf("views %d→%d, shares %d→%d; want +%d views, +%d shares", bv, av, bs, as, views, shares)
		}
	}
}

func sumCounts(t *testing.T, s snapshot) (views, shares int) {
	t.Helper()
	seen := map[string]bool{}
	for k := range s {
		rest, ok := strings.CutPrefix(k, "kv v1/resource_counts/")
		if !ok {
			continue
		}
		id, _, _ := strings.Cut(rest, "/")
		if !seen[id] {
			seen[id] = true
			v, sh := s.counts(t, id)
			views, shares = views+v, shares+sh
		}
	}
	return views, shares
}

// --- what an answer may reveal -----------------------------------------------

// i9HubPrivacy: a program's hub shows the mentors-only resource to mentors
// and coordinators, never a mentee; a suggestion never to a member; no goal.
func i9HubPrivacy(t *testing.T, w *i9World, fx *i9Fixture, a permActor, body []byte) {
	if strings.Contains(string(body), i9ForMentors) && slices.Contains([]string{"mentee", "other"}, a.key) {
		t.Errorf("mentee %s reads the mentors-only resource: %.300s", a.key, body)
	}
	if slices.Contains(i9Members, a.key) && strings.Contains(string(body), i9Suggested) {
		t.Errorf("%s reads a suggestion in the hub: %.300s", a.key, body)
	}
	i9Hides(i9PairGoal, i9OtherGoal)(t, w, fx, a, body)
}

// i9MyHubPrivacy: across every hub, the fixture's resource for all reaches
// its program's members and coordinators, the mentors-only one its mentors
// and coordinators, the suggestion no list.
func i9MyHubPrivacy(t *testing.T, _ *i9World, fx *i9Fixture, a permActor, body []byte) {
	for _, c := range []struct {
		id, what  string
		visibleTo []string
	}{
		{fx.resAll, "the resource for all", i9ReadsProg},
		{fx.resMentors, "the mentors-only resource", []string{"mentor", "coord", "admin"}},
		{fx.resSugg, "the suggestion", nil},
	} {
		if got, want := strings.Contains(string(body), c.id), slices.Contains(c.visibleTo, a.key); got != want {
			t.Errorf("%s reads %s: %v, want %v (%.300s)", a.key, c.what, got, want, body)
		}
	}
}

// i9ShowsGlobal: the global hub reaches every member of the team (of a team
// with programs); someone in no team reads none of it.
func i9ShowsGlobal(t *testing.T, w *i9World, _ *i9Fixture, a permActor, body []byte) {
	if a.key == "foreign" || w.global == "" {
		return // the away team has no program: the contract says nothing of it
	}
	if got, want := strings.Contains(string(body), w.global), slices.Contains(i9TeamSeen, a.key); got != want {
		t.Errorf("%s reads the global resource: %v, want %v (%.300s)", a.key, got, want, body)
	}
}

// i9RecommendedPrivacy: recommendations may name the goals they come from,
// the caller's own pair's only; never a suggestion.
func i9RecommendedPrivacy(t *testing.T, _ *i9World, _ *i9Fixture, a permActor, body []byte) {
	for text, mayRead := range map[string][]string{i9PairGoal: i9Pair, i9OtherGoal: {"other"}, i9Suggested: nil} {
		if strings.Contains(string(body), text) && !slices.Contains(mayRead, a.key) {
			t.Errorf("%s reads %q: %.300s", a.key, text, body)
		}
	}
}

func i9GlobalByCaller(t *testing.T, _ *i9World, _ *i9Fixture, a permActor, body []byte) {
	if !strings.Contains(string(body), "resource by "+a.key) || strings.Contains(string(body), `"program_id":"`) {
		t.Errorf("the global resource reads %.300s", body)
	}
}

// i9RedirectsTo: the open redirect goes to the resource's link.
func i9RedirectsTo(prefix string) i9Check {
	return func(t *testing.T, _ *i9World, _ *i9Fixture, a permActor, body []byte) {
		if !strings.HasPrefix(string(body), prefix) {
			t.Errorf("%s is sent to %q, want the resource's link", a.key, body)
		}
	}
}
