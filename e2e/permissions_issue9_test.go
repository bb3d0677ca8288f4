package e2e

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// TestIssue9PermissionMatrix is the permission matrix of the routes of
// issue 9: goals, check-ins (and their button and note form), feedback,
// the coordinators' insight, at-risk list, nudge, insight settings and CSV
// exports, and the resource hub (its button and form too) — every row ×
// every caller of matchActors, each cell's stored KV rows read back before
// and after its call.
// A match's goals, check-ins and feedback exist only for its two people,
// the program's coordinators and admins: anyone else gets 404 and learns
// nothing, not even in the lists of their own (GET /goals, GET /resources).
// Coordinators read them but do not write them (403). A member of another
// pair of the same program sees their own pair's, never this one's; each
// side sees its own check-in answers, coordinators both; feedback the author
// did not share reaches coordinators only. Insight, at-risk, nudge, settings
// and exports are the program's coordinators' (403 for a member of the team,
// 404 for whoever cannot see the program). Forged buttons and forms claim in
// user_id to come from someone who may; the session's user must count.
func TestIssue9PermissionMatrix(t *testing.T) {
	rows := slices.Concat(issue9PairRows(), issue9CoordRows(), issue9ResourceRows())
	runIssue9Matrix(t, newIssue9World(t, "perm9"), rows)
}

// pairWants: anonymous 401; pair for the mentee and the mentor, coords for
// the program's coordinator and admins; 404 for every other caller.
func pairWants(pair, coords string) wants { return sessionWants(pair, coords) }

// otherPairWants is pairWants for the other pair's records: "other" is of it.
func otherPairWants(people, coords string) wants {
	return withCells(matchWantsIn("404", nil, "404", "404"), map[string]string{"other": people, "coord": coords, "admin": coords})
}

func issue9PairRows() []i9Row {
	goals := i9Spec{goals: true}
	checkins := i9Spec{checkins: true}
	ended := i9Spec{goals: true, checkins: true, ended: true}
	goalKeys := []string{"kv v1/goals/", "kv v1/health"}
	checkInKeys := []string{"kv v1/checkins/", "kv v1/health"}
	button := pmRefusedElse

	return []i9Row{
		// Goals: read by the pair and coordinators, written by the pair.
		{name: "GET /matches/{id}/goals", spec: goals, shared: true, request: i9Get(i9OnMatch("/goals")),
			want: pairWants("200", "200"), check: i9Shows(i9PairGoal, i9PairOrCoord, i9OtherGoal)},
		{name: "GET /matches/{other pair}/goals", spec: goals, shared: true, request: i9Get(i9OnOtherMatch("/goals")),
			want: otherPairWants("200", "200"), check: i9Shows(i9OtherGoal, []string{"other", "coord", "admin"}, i9PairGoal)},
		{name: "GET /matches/{unknown}/goals", shared: true, request: i9Get(func(*i9World, *i9Fixture) string { return "/matches/" + model.NewId() + "/goals" }),
			want: pairWants("404", "404")},
		{name: "GET /goals (mine)", spec: goals, shared: true, request: i9Get(i9Fixed("/goals")),
			want: matchWants("200", pmSignedIn, "-"), check: i9MineShowsOwnPairOnly},
		{name: "POST /matches/{id}/goals", spec: goals, request: i9Send(http.MethodPost, i9OnMatch("/goals"), i9GoalBody),
			want: pairWants("201", "403"), effect: i9GoalAddedByCaller, touches: goalKeys},
		{name: "GET /matches/{ended}/goals", spec: ended, shared: true, request: i9Get(i9OnMatch("/goals")),
			want: pairWants("200", "200"), check: i9Shows(i9PairGoal, i9PairOrCoord, i9OtherGoal)},
		{name: "POST /matches/{ended}/goals", spec: ended, request: i9Send(http.MethodPost, i9OnMatch("/goals"), i9GoalBody),
			want: pairWants("409", "403")},
		{name: "PATCH /matches/{id}/goals/{goal}", spec: goals, request: i9Send(http.MethodPatch, i9OnGoal(""), i9ProgressBody),
			want: pairWants("200", "403"), effect: i9GoalProgressByCaller, touches: goalKeys},
		{name: "PATCH /matches/{id}/goals/{goal} (milestone done)", spec: goals, request: i9Send(http.MethodPatch, i9OnGoal(""), i9MilestoneBody),
			want: pairWants("200", "403"), effect: i9MilestoneDone, touches: goalKeys},
		{name: "PATCH /matches/{id}/goals/{other pair's goal}", spec: goals, shared: true, request: i9Send(http.MethodPatch, i9OnMatchGoal(true, true), i9ProgressBody),
			want: pairWants("404", "403")},
		{name: "PATCH /matches/{other pair}/goals/{goal}", spec: goals, request: i9Send(http.MethodPatch, i9OnMatchGoal(false, true), i9ProgressBody),
			want: otherPairWants("200", "403"), effect: i9OtherGoalProgress, touches: goalKeys},
		{name: "PATCH /matches/{ended}/goals/{goal}", spec: ended, shared: true, request: i9Send(http.MethodPatch, i9OnGoal(""), i9ProgressBody),
			want: pairWants("409", "403")},
		{name: "POST /dialogs/goal (add)", kind: dialogRow, spec: goals, request: i9Dialog("/dialogs/goal", i9GoalState(false), i9GoalForm),
			want: button(pairWants(ok, "403")), effect: i9GoalAddedByCaller, touches: goalKeys},
		{name: "POST /dialogs/goal (edit)", kind: dialogRow, spec: goals, request: i9Dialog("/dialogs/goal", i9GoalState(true), i9GoalEditForm),
			want: button(pairWants(ok, "403")), effect: i9GoalProgressByCaller, touches: goalKeys},
		{name: "POST /dialogs/goal (edit the other pair's goal)", kind: dialogRow, spec: goals, shared: true, request: i9Dialog("/dialogs/goal", i9OtherGoalState, i9GoalEditForm),
			want: button(pairWants("404", "403"))},
		{name: "POST /matches/{id}/goals/{goal}/done", spec: goals, request: i9Send(http.MethodPost, i9OnGoal("/done"), i9ByCaller("note", "done by ")),
			want: pairWants("200", "403"), effect: i9GoalDone, touches: goalKeys},

		// Check-ins: each side answers its own; coordinators read both.
		{name: "GET /matches/{id}/checkins", spec: checkins, shared: true, request: i9Get(i9OnMatch("/checkins")),
			want: pairWants("200", "200"), check: i9CheckInPrivacy},
		{name: "GET /matches/{other pair}/checkins", spec: checkins, shared: true, request: i9Get(i9OnOtherMatch("/checkins")),
			want: otherPairWants("200", "200"), check: i9Shows(i9OtherNote, []string{"other", "coord", "admin"}, i9MenteeNote)},
		{name: "POST /matches/{id}/checkins", spec: checkins, request: i9Send(http.MethodPost, i9OnMatch("/checkins"), i9AnswerBody),
			want: pairWants("200", "403"), effect: i9AnsweredByCaller("great"), touches: checkInKeys},
		{name: "GET /matches/{ended}/checkins", spec: ended, shared: true, request: i9Get(i9OnMatch("/checkins")),
			want: pairWants("200", "200"), check: i9CheckInPrivacy},
		{name: "POST /matches/{ended}/checkins", spec: ended, shared: true, request: i9Send(http.MethodPost, i9OnMatch("/checkins"), i9AnswerBody),
			want: pairWants("409", "403")},
		{name: "POST /matches/{id}/checkins/round", request: i9Send(http.MethodPost, i9OnMatch("/checkins/round"), nil),
			want: pairWants("201", "201"), effect: i9NothingYet, touches: checkInKeys, check: i9FirstRound},
		{name: "POST /actions/checkin struggling", kind: actionRow, spec: checkins, request: i9CheckInButton("struggling"),
			want: button(pairWants(ok, "403")), effect: i9AnsweredByCaller("struggling"), touches: checkInKeys},
		{name: "POST /actions/checkin (other pair's round)", kind: actionRow, spec: checkins, request: i9OtherCheckInButton,
			want: button(otherPairWants(ok, "403")), effect: i9OtherAnsweredGreat, touches: checkInKeys},
		// "Add a note" opens a form: for those who may answer only.
		{name: "POST /actions/checkin note (opens the form)", kind: actionRow, spec: checkins, shared: true, request: i9CheckInButton("note"),
			okText: pmFormNotOpened, want: button(pairWants(ok, "403"))},
		{name: "POST /dialogs/checkin-note", kind: dialogRow, spec: checkins, request: i9Dialog("/dialogs/checkin-note", i9NoteState, i9NoteForm),
			want: button(pairWants(ok, "403")), effect: i9AnsweredByCaller("fine"), touches: checkInKeys},
		{name: "POST /dialogs/checkin-note (garbage state)", kind: dialogRow, spec: checkins, shared: true,
			request: i9Dialog("/dialogs/checkin-note", func(*i9Fixture) string { return "garbage" }, i9NoteForm), want: button(pairWants("404", "404"))},

		// Feedback: the author's own, what the partner shared, all for coordinators.
		{name: "GET /matches/{ended}/feedback", spec: ended, shared: true, request: i9Get(i9OnMatch("/feedback")),
			want: pairWants("200", "200"), check: i9FeedbackPrivacy},
		{name: "GET /matches/{other pair}/feedback", spec: ended, shared: true, request: i9Get(i9OnOtherMatch("/feedback")),
			want: otherPairWants("200", "200"), check: i9Hides(i9PrivateExit, i9SharedExit)},
	}
}

// --- requests ----------------------------------------------------------------

func i9Send(method string, path func(*i9World, *i9Fixture) string, body func(*i9World, *i9Fixture, permActor) any) i9Request {
	return func(w *i9World, fx *i9Fixture, a permActor) (string, string, any) {
		var b any
		if body != nil {
			b = body(w, fx, a)
		}
		return method, path(w, fx), b
	}
}

func i9Get(path func(*i9World, *i9Fixture) string) i9Request {
	return i9Send(http.MethodGet, path, nil)
}

func i9Fixed(p string) func(*i9World, *i9Fixture) string {
	return func(*i9World, *i9Fixture) string { return p }
}

func i9Body(body any) func(*i9World, *i9Fixture, permActor) any {
	return func(*i9World, *i9Fixture, permActor) any { return body }
}

func i9ByCaller(field, prefix string) func(*i9World, *i9Fixture, permActor) any {
	return func(_ *i9World, _ *i9Fixture, a permActor) any { return map[string]any{field: prefix + a.key} }
}

func i9OnMatch(suffix string) func(*i9World, *i9Fixture) string {
	return func(_ *i9World, fx *i9Fixture) string { return "/matches/" + fx.match + suffix }
}

func i9OnOtherMatch(suffix string) func(*i9World, *i9Fixture) string {
	return func(_ *i9World, fx *i9Fixture) string { return "/matches/" + fx.otherMatch + suffix }
}

func i9OnGoal(suffix string) func(*i9World, *i9Fixture) string {
	return func(_ *i9World, fx *i9Fixture) string { return "/matches/" + fx.match + "/goals/" + fx.goal + suffix }
}

// i9OnMatchGoal: a goal path mixing the pair's and the other pair's match and goal.
func i9OnMatchGoal(ourMatch, otherGoal bool) func(*i9World, *i9Fixture) string {
	return func(_ *i9World, fx *i9Fixture) string {
		m, g := fx.match, fx.goal
		if !ourMatch {
			m = fx.otherMatch
		}
		if otherGoal {
			g = fx.otherGoal
		}
		return "/matches/" + m + "/goals/" + g
	}
}

func i9GoalBody(_ *i9World, _ *i9Fixture, a permActor) any {
	return map[string]any{"title": "goal by " + a.key, "measure": "measured", "milestones": []string{"first step"}}
}

func i9ProgressBody(_ *i9World, _ *i9Fixture, a permActor) any {
	return map[string]any{"progress": 40, "note": "progress by " + a.key}
}

func i9MilestoneBody(_ *i9World, fx *i9Fixture, _ permActor) any {
	return map[string]any{"done_milestones": []string{fx.milestone}}
}

func i9AnswerBody(_ *i9World, _ *i9Fixture, a permActor) any {
	return map[string]any{"answer": "great", "note": "answer by " + a.key}
}

// i9CheckInButton forges a press of the pair's check-in DM button,
// claiming to be the mentee (the mentor when the mentee presses).
func i9CheckInButton(answer string) i9Request {
	return func(w *i9World, fx *i9Fixture, a permActor) (string, string, any) {
		return http.MethodPost, "/actions/checkin", model.PostActionIntegrationRequest{
			UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id, Type: model.PostActionTypeButton, TriggerId: "forged",
			Context: map[string]any{"match_id": fx.match, "round": fx.round, "answer": answer},
		}
	}
}

// i9OtherCheckInButton forges a press of the other pair's button, claiming to be other.
func i9OtherCheckInButton(w *i9World, fx *i9Fixture, a permActor) (string, string, any) {
	return http.MethodPost, "/actions/checkin", model.PostActionIntegrationRequest{
		UserId: w.claim(a, "other", "partner"), TeamId: w.home.Id, Type: model.PostActionTypeButton, TriggerId: "forged",
		Context: map[string]any{"match_id": fx.otherMatch, "round": fx.round, "answer": "great"},
	}
}

// i9Dialog forges a form's submission, claiming to be one of the pair.
func i9Dialog(path string, state func(*i9Fixture) string, submission func(*i9World, *i9Fixture, permActor) map[string]any) i9Request {
	return func(w *i9World, fx *i9Fixture, a permActor) (string, string, any) {
		return http.MethodPost, path, model.SubmitDialogRequest{Type: "dialog_submission", State: state(fx),
			UserId: w.claim(a, "mentee", "mentor"), TeamId: w.home.Id, Submission: submission(w, fx, a)}
	}
}

// The forms' states, as the plugin writes them (server/dialog/goal.go, checkin.go).
func i9GoalState(edit bool) func(*i9Fixture) string {
	return func(fx *i9Fixture) string {
		if edit {
			return `{"m":"` + fx.match + `","g":"` + fx.goal + `"}`
		}
		return `{"m":"` + fx.match + `"}`
	}
}

func i9OtherGoalState(fx *i9Fixture) string {
	return `{"m":"` + fx.match + `","g":"` + fx.otherGoal + `"}`
}

func i9NoteState(fx *i9Fixture) string { return fx.match + "|" + strconv.Itoa(fx.round) }

func i9GoalForm(_ *i9World, _ *i9Fixture, a permActor) map[string]any {
	return map[string]any{"title": "goal by " + a.key, "measure": "measured", "milestones": "first step"}
}

// i9GoalEditForm: the edit form as it comes back, every field as stored but
// the progress (40) and a note.
func i9GoalEditForm(_ *i9World, fx *i9Fixture, a permActor) map[string]any {
	return map[string]any{"title": i9PairGoal, "description": "", "measure": i9Measure, "due": fx.goalDue,
		"status": "on_track", "progress": "40", "note": "form by " + a.key, "milestones": ""}
}

func i9NoteForm(_ *i9World, _ *i9Fixture, a permActor) map[string]any {
	return map[string]any{"answer": "fine", "note": "form note by " + a.key}
}

// --- effects -----------------------------------------------------------------

var (
	i9Pair        = []string{"mentee", "mentor"}
	i9PairOrCoord = []string{"mentee", "mentor", "coord", "admin"}
)

func i9GoalAddedByCaller(t *testing.T, w *i9World, fx *i9Fixture, a permActor, before, after snapshot) {
	b, f := before.goals(t, fx.match), after.goals(t, fx.match)
	if len(f.Goals) != len(b.Goals)+1 {
		t.Fatalf("%d goals before, %d after; want one more", len(b.Goals), len(f.Goals))
	}
	g := f.Goals[len(f.Goals)-1]
	if g.Title != "goal by "+a.key || g.CreatedBy != w.users[a.key].Id || g.Status != "on_track" {
		t.Errorf("the new goal is %+v, want the caller's on track", g)
	}
}

func i9GoalProgressByCaller(t *testing.T, w *i9World, fx *i9Fixture, a permActor, _, after snapshot) {
	for _, g := range after.goals(t, fx.match).Goals {
		if g.ID == fx.goal {
			if g.Progress != 40 || g.UpdatedBy != w.users[a.key].Id {
				t.Errorf("the goal is at %d%% updated by %s, want 40%% by the caller", g.Progress, g.UpdatedBy)
			}
			return
		}
	}
	t.Errorf("the goal %s is gone", fx.goal)
}

func i9OtherGoalProgress(t *testing.T, w *i9World, fx *i9Fixture, a permActor, before, after snapshot) {
	if before["kv v1/goals/"+fx.match] != after["kv v1/goals/"+fx.match] {
		t.Errorf("a change of the other pair's goal changed this pair's goals")
	}
	for _, g := range after.goals(t, fx.otherMatch).Goals {
		if g.ID == fx.otherGoal && (g.Progress != 40 || g.UpdatedBy != w.users[a.key].Id) {
			t.Errorf("the other pair's goal is at %d%% updated by %s, want 40%% by the caller", g.Progress, g.UpdatedBy)
		}
	}
}

func i9MilestoneDone(t *testing.T, _ *i9World, fx *i9Fixture, _ permActor, _, after snapshot) {
	for _, g := range after.goals(t, fx.match).Goals {
		for _, m := range g.Milestones {
			if m.ID == fx.milestone && m.Done {
				return
			}
		}
	}
	t.Errorf("the milestone %s is not done", fx.milestone)
}

func i9GoalDone(t *testing.T, _ *i9World, fx *i9Fixture, _ permActor, _, after snapshot) {
	for _, g := range after.goals(t, fx.match).Goals {
		if g.ID == fx.goal && (g.Status != "done" || g.Progress != 100) {
			t.Errorf("the goal is %s at %d%%, want done at 100%%", g.Status, g.Progress)
		}
	}
}

// i9AnsweredByCaller: the caller's answer to the round is answer; every
// other answer is as it was (the claimed user's above all).
func i9AnsweredByCaller(answer string) i9Effect {
	return func(t *testing.T, w *i9World, fx *i9Fixture, a permActor, before, after snapshot) {
		b, f := before.checkIns(t, fx.match), after.checkIns(t, fx.match)
		if len(f.Rounds) == 0 || len(f.Rounds) != len(b.Rounds) {
			t.Fatalf("%d rounds before, %d after", len(b.Rounds), len(f.Rounds))
		}
		last, was := f.Rounds[len(f.Rounds)-1], b.Rounds[len(b.Rounds)-1]
		caller := w.users[a.key].Id
		if got := last.Answers[caller].Answer; got != answer {
			t.Errorf("the caller's answer is %q, want %q", got, answer)
		}
		for id, v := range was.Answers {
			if id != caller && last.Answers[id] != v {
				t.Errorf("the answer of %s moved from %+v to %+v", id, v, last.Answers[id])
			}
		}
	}
}

func i9OtherAnsweredGreat(t *testing.T, w *i9World, fx *i9Fixture, a permActor, before, after snapshot) {
	if before["kv v1/checkins/"+fx.match] != after["kv v1/checkins/"+fx.match] {
		t.Errorf("a press in the other pair changed this pair's check-ins")
	}
	f := after.checkIns(t, fx.otherMatch)
	if len(f.Rounds) == 0 || f.Rounds[len(f.Rounds)-1].Answers[w.users[a.key].Id].Answer != "great" {
		t.Errorf("the caller's answer in the other pair is not great: %+v", f.Rounds)
	}
}

// i9NothingYet: starting a round only puts it on the scheduler (read by no
// snapshot); the sweep may already have made it.
func i9NothingYet(*testing.T, *i9World, *i9Fixture, permActor, snapshot, snapshot) {}

// --- what an answer may reveal -----------------------------------------------

// i9Shows: the answer holds text exactly for visibleTo, and never hidden.
func i9Shows(text string, visibleTo []string, hidden ...string) i9Check {
	return func(t *testing.T, _ *i9World, _ *i9Fixture, a permActor, body []byte) {
		if got, want := strings.Contains(string(body), text), slices.Contains(visibleTo, a.key); got != want {
			t.Errorf("%s reads %q: %v, want %v (%.300s)", a.key, text, got, want, body)
		}
		i9Hides(hidden...)(t, nil, nil, a, body)
	}
}

// i9Hides: the answer holds none of the texts.
func i9Hides(texts ...string) i9Check {
	return func(t *testing.T, _ *i9World, _ *i9Fixture, a permActor, body []byte) {
		for _, text := range texts {
			if strings.Contains(string(body), text) {
				t.Errorf("%s reads %q: %.300s", a.key, text, body)
			}
		}
	}
}

// i9MineShowsOwnPairOnly: GET /goals lists the caller's own pairs' goals.
func i9MineShowsOwnPairOnly(t *testing.T, w *i9World, fx *i9Fixture, a permActor, body []byte) {
	i9Shows(i9PairGoal, i9Pair)(t, w, fx, a, body)
	i9Shows(i9OtherGoal, []string{"other"})(t, w, fx, a, body)
	if !slices.Contains(i9Pair, a.key) && strings.Contains(string(body), fx.match) {
		t.Errorf("%s reads the pair's match id: %.300s", a.key, body)
	}
}

// i9CheckInPrivacy: the mentee's answer and note reach the mentee and the
// coordinators, not the mentor; the other pair's never.
func i9CheckInPrivacy(t *testing.T, w *i9World, fx *i9Fixture, a permActor, body []byte) {
	i9Shows(i9MenteeNote, []string{"mentee", "coord", "admin"}, i9OtherNote)(t, w, fx, a, body)
	if a.key == "mentor" && strings.Contains(string(body), "struggling") {
		t.Errorf("the mentor reads the mentee's answer: %.300s", body)
	}
}

// i9FeedbackPrivacy: the mentee's unshared exit feedback reaches the mentee
// and coordinators, not the mentor; the mentor's shared one everyone who sees it.
func i9FeedbackPrivacy(t *testing.T, w *i9World, fx *i9Fixture, a permActor, body []byte) {
	i9Shows(i9PrivateExit, []string{"mentee", "coord", "admin"})(t, w, fx, a, body)
	i9Shows(i9SharedExit, []string{"mentee", "mentor", "coord", "admin"})(t, w, fx, a, body)
}

func i9FirstRound(t *testing.T, _ *i9World, _ *i9Fixture, a permActor, body []byte) {
	if !strings.Contains(string(body), `"round":1`) {
		t.Errorf("%s started %.200s, want round 1", a.key, body)
	}
}
