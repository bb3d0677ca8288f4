package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// nudgeBound bounds the wait for a reminder or a follow-up past its due time:
// the sweep runs every second; the rest is a slow machine.
const nudgeBound = 2 * time.Minute

// waitNudges waits until each person has a nudge of the kind about the
// session and returns them by person.
func waitNudges(t *testing.T, sessionID, kind string, due time.Time, people ...string) map[string][]*model.Post {
	t.Helper()
	got := map[string][]*model.Post{}
	pollUntil(t, kind+" DMs of "+sessionID, time.Until(due)+nudgeBound, func() (bool, string) {
		missing := ""
		for _, name := range people {
			got[name] = nudgesOf(dmPosts(t, name), sessionID, kind)
			if len(got[name]) == 0 {
				missing += " " + name
			}
		}
		return missing == "", "none yet for" + missing
	})
	return got
}

// A five-minute session: one reminder per person before it, one "did you
// meet?" per person a minute after it ends; one answers with the button, the
// other with the feedback form; the feedback is private to its author and
// the coordinators.
func TestSessionReminderAndFollowUp(t *testing.T) {
	pr := livePair(t, "ses2", "America/Sao_Paulo", "Europe/Madrid")
	people := []string{pr.mentee, pr.mentor}
	t.Parallel()
	fastNudges(t, env.Nodes...)
	lead := shortLead(t, pr.mentee)
	if l := shortLead(t, pr.mentor); l != lead {
		t.Fatalf("leads %d and %d", lead, l)
	}
	var prefs struct {
		LeadMinutes []int `json:"lead_minutes"`
	}
	wantStatus(t, "GET /preferences", call(t, pr.mentee, http.MethodGet, "/preferences", nil, &prefs), http.StatusOK)
	if len(prefs.LeadMinutes) != 1 || prefs.LeadMinutes[0] != lead {
		t.Fatalf("preferences lead %v, want [%d]", prefs.LeadMinutes, lead)
	}

	start := minuteAhead(time.Duration(lead)*time.Minute + 90*time.Second)
	end := start.Add(5 * time.Minute)
	v := schedule(t, node1(), pr.mentee, map[string]any{"match_id": pr.match.ID, "start": start.Format(time.RFC3339), "duration_minutes": 5, "title": "Short sync"})
	t.Logf("session %s from %s to %s, lead %d minute(s)", v.ID, start.Format(time.TimeOnly), end.Format(time.TimeOnly), lead)

	reminders := waitNudges(t, v.ID, "remind", start.Add(-time.Duration(lead)*time.Minute), people...)
	for _, name := range people {
		r := reminders[name]
		if len(r) != 1 {
			t.Fatalf("%s got %d reminders, want 1", name, len(r))
		}
		if at := time.UnixMilli(r[0].CreateAt); !at.Before(start) {
			t.Fatalf("%s's reminder came at %s, not before the start %s", name, at, start)
		}
		wantContains(t, name+"'s reminder", postText(r[0]), "Short sync")
	}

	followUps := waitNudges(t, v.ID, "after", end.Add(time.Minute), people...)
	for _, name := range people {
		f := followUps[name]
		if len(f) != 1 {
			t.Fatalf("%s got %d follow-ups, want 1", name, len(f))
		}
		if at := time.UnixMilli(f[0].CreateAt); at.Before(end.Add(time.Minute)) {
			t.Fatalf("%s's follow-up came at %s, before the end + 1 minute %s", name, at, end.Add(time.Minute))
		}
		for _, b := range []string{"attended", "missed", "rescheduled", "feedback"} {
			if !contains(buttons(f[0]), b) {
				t.Fatalf("%s's follow-up buttons %v lack %s", name, buttons(f[0]), b)
			}
		}
	}

	// The mentee: "we met" with the button.
	if _, err := pressAs(node1(), pr.mentee, followUps[pr.mentee][0].Id, "attended"); err != nil {
		t.Fatalf("the mentee presses attended: %v", err)
	}
	// The mentor: the feedback button opens the form; it is submitted through
	// Mattermost's dialog endpoint as the webapp would, unshared.
	ws := userSocket(t, pr.mentor)
	if _, err := pressAs(node1(), pr.mentor, followUps[pr.mentor][0].Id, "feedback"); err != nil {
		t.Fatalf("the mentor presses feedback: %v", err)
	}
	form := openedDialog(t, ws)
	if form.URL != "/plugins/mentorship/api/v1/dialogs/session-feedback" {
		t.Fatalf("the feedback button opened %q", form.URL)
	}
	resp, _, err := env.Client(user(pr.mentor), node1()).SubmitInteractiveDialog(ctx(), model.SubmitDialogRequest{
		URL: form.URL, CallbackId: form.Dialog.CallbackId, State: form.Dialog.State, TeamId: env.Team.Id,
		ChannelId:  followUps[pr.mentor][0].ChannelId, // the DM the form was opened from
		Submission: map[string]any{"rating": "4", "text": "Useful, ran short", "shared": false},
	})
	if err != nil || (resp != nil && (resp.Error != "" || len(resp.Errors) > 0)) {
		t.Fatalf("submit the feedback form: %v %+v", err, resp)
	}
	var e apiError
	wantStatus(t, "the mentor's attendance", call(t, pr.mentor, http.MethodPost, "/sessions/"+v.ID+"/attendance",
		map[string]any{"occurrence": start.Format(time.RFC3339), "status": "attended"}, &e), http.StatusOK)

	mentee, mentor := user(pr.mentee).Id, user(pr.mentor).Id
	for _, name := range []string{pr.mentee, pr.mentor, pr.coord} {
		o := pastOccurrence(t, readSession(t, name, v.ID), start)
		if o.Attendance[mentee] != "attended" || o.Attendance[mentor] != "attended" {
			t.Fatalf("%s reads attendance %v, want both attended", name, o.Attendance)
		}
		fb, seen := o.Feedback[mentor]
		switch name {
		case pr.mentee:
			if seen {
				t.Fatalf("the mentee reads the mentor's unshared feedback %+v", fb)
			}
		default:
			if !seen || fb.Rating != 4 || fb.Text != "Useful, ran short" || fb.Shared {
				t.Fatalf("%s reads the mentor's feedback as %+v (seen %v), want rating 4, unshared", name, fb, seen)
			}
		}
	}

	// No duplicates: per person one invite, one reminder, one follow-up.
	for _, name := range people {
		posts := aboutSession(dmPosts(t, name), v.ID)
		if r, f := len(nudgesOf(posts, v.ID, "remind")), len(nudgesOf(posts, v.ID, "after")); r != 1 || f != 1 {
			t.Fatalf("%s has %d reminders and %d follow-ups at the end, want 1 and 1", name, r, f)
		}
		if n := len(posts); n != 3 {
			t.Fatalf("%s has %d bot DMs about the session, want 3 (invite, reminder, follow-up): %s", name, n, describe(posts))
		}
	}
}

// pastOccurrence finds the occurrence that started at start among the
// session's past (or, failing that, next) occurrences.
func pastOccurrence(t *testing.T, v sessionView, start time.Time) occurrenceView {
	t.Helper()
	for _, o := range append(append([]occurrenceView{}, v.Past...), v.Next...) {
		if o.Occurrence.Equal(start) {
			return o
		}
	}
	t.Fatalf("session %s has no occurrence at %s: past %+v next %+v", v.ID, start, v.Past, v.Next)
	return occurrenceView{}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// describe lists posts briefly for a failure message.
func describe(posts []*model.Post) string {
	out := ""
	for _, p := range posts {
		text := postText(p)
		if len(text) > 80 {
			text = text[:80]
		}
		out += fmt.Sprintf("\n  %s nudge=%q %q", time.UnixMilli(p.CreateAt).Format(time.TimeOnly), nudgeKey(p), text)
	}
	return out
}
