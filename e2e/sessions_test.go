package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// inviteBound bounds the wait for an invite DM, sent right after the commit.
const inviteBound = 30 * time.Second

// commandIn runs a slash command as name in a channel and returns the reply.
func commandIn(t *testing.T, name, channelID, line string) string {
	t.Helper()
	resp, _, err := env.Client(user(name), node1()).ExecuteCommand(ctx(), channelID, line)
	if err != nil {
		t.Fatalf("%s in %s: %v", line, channelID, err)
	}
	return resp.Text
}

// invitesOf waits until name has want DMs about the session carrying
// fileName, and returns them oldest first.
func invitesOf(t *testing.T, name, sessionID, fileName string, want int) []*model.Post {
	t.Helper()
	var found []*model.Post
	pollUntil(t, fmt.Sprintf("%s's %d DM(s) with %s", name, want, fileName), inviteBound, func() (bool, string) {
		found = withFile(t, name, aboutSession(dmPosts(t, name), sessionID), fileName)
		return len(found) >= want, fmt.Sprintf("%d found", len(found))
	})
	if len(found) != want {
		t.Fatalf("%s has %d DMs with %s about %s, want %d", name, len(found), fileName, sessionID, want)
	}
	return found
}

// The mentee types `/mentor session <time> for 30m` in the pair's channel:
// both get an invite with an .ics in the organizer's zone; the mentor
// confirms with the DM's button.
func TestSessionScheduledInThePairChannel(t *testing.T) {
	const menteeZone, mentorZone = "Asia/Kolkata", "America/New_York"
	pr := livePair(t, "ses1", menteeZone, mentorZone)
	start := minuteAhead(3 * time.Minute)
	line := "/mentor session " + isoIn(start, menteeZone) + " for 30m --title Kick-off"
	reply := commandIn(t, pr.mentee, pr.match.ChannelID, line)
	t.Logf("%s → %s", line, reply)

	var mine []occurrenceView
	for _, o := range upcoming(t, pr.mentee) {
		if o.MatchID == pr.match.ID {
			mine = append(mine, o)
		}
	}
	if len(mine) != 1 {
		t.Fatalf("after %q (reply %q) the mentee has %d sessions of the match, want 1: %+v", line, reply, len(mine), mine)
	}
	v := readSession(t, pr.mentee, mine[0].SessionID)
	if !v.Start.Equal(start) || v.DurationMinutes != 30 || v.TimeZone != menteeZone || v.Title != "Kick-off" ||
		v.OrganizerID != user(pr.mentee).Id || v.MatchID != pr.match.ID || v.Status != "scheduled" {
		t.Fatalf("session %+v: want Kick-off at %s for 30 minutes in %s, organized by the mentee", v, start, menteeZone)
	}
	if v.ChannelID != pr.match.ChannelID {
		t.Fatalf("session channel %q, want the pair channel %q", v.ChannelID, pr.match.ChannelID)
	}
	wantContains(t, "the command's reply", reply, "Kick-off")
	if partner := readSession(t, pr.mentor, v.ID); partner.ID != v.ID {
		t.Fatalf("the mentor reads %+v", partner)
	}

	want := inviteWant{method: "REQUEST", uid: v.ID + "@mentorship", sequence: v.Sequence, zone: menteeZone, start: start,
		minutes: 30, organizer: pr.mentee, attendees: []string{pr.mentee, pr.mentor}}
	var mentorPost *model.Post
	for _, name := range []string{pr.mentee, pr.mentor} {
		post := invitesOf(t, name, v.ID, "invite.ics", 1)[0]
		cal, raw := downloadICS(t, name, post, "invite.ics")
		checkInvite(t, name+"'s invite.ics", cal, raw, want)
		got := strings.Join(buttons(post), ",")
		if name == pr.mentor {
			mentorPost = post
			if got != "confirm,reschedule" {
				t.Fatalf("the mentor's invite buttons %q, want confirm and reschedule (propose another time)", got)
			}
			wantContains(t, "the mentor's invite", postText(post), "Kick-off", "invite.ics")
		} else if got != "" {
			t.Fatalf("the organizer's invite has buttons %q, want none", got)
		}
	}

	// The mentee cannot press the mentor's button (not their DM); the mentor can.
	if resp, err := pressAs(node1(), pr.mentee, mentorPost.Id, "confirm"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the mentee presses the mentor's Confirm: %+v %v, want 403", resp, err)
	}
	if got := readSession(t, pr.mentor, v.ID); got.Responses[user(pr.mentor).Id] == "confirmed" {
		t.Fatalf("confirmed before the mentor pressed: %+v", got.Responses)
	}
	if _, err := pressAs(node1(), pr.mentor, mentorPost.Id, "confirm"); err != nil {
		t.Fatalf("the mentor presses Confirm: %v", err)
	}
	for _, name := range []string{pr.mentor, pr.mentee, pr.coord} {
		if got := readSession(t, name, v.ID); got.Responses[user(pr.mentor).Id] != "confirmed" {
			t.Fatalf("%s reads responses %+v after Confirm, want the mentor confirmed", name, got.Responses)
		}
	}
	updated, _, err := env.Client(user(pr.mentor), node1()).GetPost(ctx(), mentorPost.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	if b := buttons(updated); len(b) != 0 {
		t.Fatalf("the mentor's invite keeps buttons %v after Confirm", b)
	}
	// Someone outside the match does not see the session.
	matchPeople(t, "ses1-stranger")
	var e apiError
	if s := call(t, "ses1-stranger", http.MethodGet, "/sessions/"+v.ID, nil, &e); s != http.StatusNotFound && s != http.StatusForbidden {
		t.Fatalf("a stranger reads the session: %d %+v", s, e)
	}
}

// A reschedule sends both a "moved" DM with an .ics of a higher SEQUENCE; a
// cancellation sends cancel.ics (METHOD:CANCEL) and the session leaves the lists.
func TestSessionRescheduleAndCancel(t *testing.T) {
	const menteeZone, mentorZone = "Europe/Berlin", "Australia/Sydney"
	pr := livePair(t, "ses5", menteeZone, mentorZone)
	first := minuteAhead(26 * time.Hour)
	v := schedule(t, node1(), pr.mentor, map[string]any{"match_id": pr.match.ID, "start": first.Format(time.RFC3339),
		"duration_minutes": 45, "title": "Weekly check"})
	people := []string{pr.mentee, pr.mentor}
	want := inviteWant{method: "REQUEST", uid: v.ID + "@mentorship", sequence: v.Sequence, zone: mentorZone, start: first,
		minutes: 45, organizer: pr.mentor, attendees: people}
	for _, name := range people {
		post := invitesOf(t, name, v.ID, "invite.ics", 1)[0]
		cal, raw := downloadICS(t, name, post, "invite.ics")
		checkInvite(t, name+"'s first invite", cal, raw, want)
	}

	// The organizer moves it two days later, typed in their own zone.
	moved := first.Add(48 * time.Hour)
	var changed sessionView
	var e apiError
	wantStatus(t, "PATCH the time", call(t, pr.mentor, http.MethodPatch, "/sessions/"+v.ID,
		map[string]any{"when": isoIn(moved, mentorZone), "note": "travel"}, &changed), http.StatusOK)
	if !changed.Start.Equal(moved) || changed.Sequence <= v.Sequence || changed.DurationMinutes != 45 {
		t.Fatalf("after the move %+v: want the start %s, a higher sequence than %d, 45 minutes", changed, moved, v.Sequence)
	}
	want.start, want.sequence = moved, changed.Sequence
	for _, name := range people {
		post := invitesOf(t, name, v.ID, "invite.ics", 2)[1]
		wantContains(t, name+"'s moved DM", postText(post), "moved", "Weekly check")
		cal, raw := downloadICS(t, name, post, "invite.ics")
		checkInvite(t, name+"'s moved invite", cal, raw, want)
	}
	if occ := sessionIDs(upcoming(t, pr.mentee)); !occ[v.ID] {
		t.Fatalf("the moved session is not in the mentee's list")
	}

	// The mentee cancels it.
	var cancelled sessionView
	wantStatus(t, "cancel", call(t, pr.mentee, http.MethodPost, "/sessions/"+v.ID+"/cancel", map[string]any{"reason": "new project"}, &cancelled), http.StatusOK)
	if cancelled.Status != "cancelled" || cancelled.Sequence <= changed.Sequence {
		t.Fatalf("after the cancel %+v: want cancelled with a sequence above %d", cancelled, changed.Sequence)
	}
	want.method, want.sequence = "CANCEL", cancelled.Sequence
	for _, name := range people {
		post := invitesOf(t, name, v.ID, "cancel.ics", 1)[0]
		wantContains(t, name+"'s cancellation DM", postText(post), "cancelled", "Weekly check")
		if b := buttons(post); len(b) != 0 {
			t.Fatalf("%s's cancellation DM has buttons %v", name, b)
		}
		cal, raw := downloadICS(t, name, post, "cancel.ics")
		ev := checkInvite(t, name+"'s cancel.ics", cal, raw, want)
		if st := ev.GetProperty("STATUS"); st == nil || st.Value != "CANCELLED" {
			t.Fatalf("%s's cancel.ics STATUS %+v, want CANCELLED\n%s", name, st, raw)
		}
		if occ := sessionIDs(upcoming(t, name)); occ[v.ID] {
			t.Fatalf("the cancelled session is still in %s's GET /sessions", name)
		}
		if got := readSession(t, name, v.ID); got.Status != "cancelled" || len(got.Next) != 0 {
			t.Fatalf("%s reads the cancelled session as %+v", name, got)
		}
	}
	// Changing a cancelled session is refused and sends nothing.
	if s := call(t, pr.mentor, http.MethodPatch, "/sessions/"+v.ID, map[string]any{"when": isoIn(first, mentorZone)}, &e); s < 400 {
		t.Fatalf("PATCH of a cancelled session: %d", s)
	}
	for _, name := range people {
		if n := len(aboutSession(dmPosts(t, name), v.ID)); n != 3 {
			t.Fatalf("%s has %d DMs about the session, want 3 (invite, moved, cancelled)", name, n)
		}
	}
}
