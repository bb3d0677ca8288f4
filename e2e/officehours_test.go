package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

const ohMentorZone, ohBookerZone = "Europe/Berlin", "America/Sao_Paulo"

// freeSlots lists the mentor's free slots as name.
func freeSlots(t *testing.T, name, programID, mentorID string) []slotView {
	t.Helper()
	var out struct {
		Slots []slotView `json:"slots"`
	}
	wantStatus(t, "GET slots as "+name, call(t, name, http.MethodGet,
		"/programs/"+programID+"/office-hours/slots?days=3&mentor_id="+mentorID, nil, &out), http.StatusOK)
	return out.Slots
}

func hasSlot(slots []slotView, start time.Time) bool {
	for _, s := range slots {
		if s.Start.Equal(start) {
			return true
		}
	}
	return false
}

// bookingResult is one booking attempt's answer.
type bookingResult struct {
	status  int
	session sessionView
	next    []slotView
	err     apiError
}

func book(t *testing.T, node *harness.Node, name, programID, mentorID string, start time.Time) bookingResult {
	t.Helper()
	status, data, err := env.Plugin(user(name), node, http.MethodPost, "/programs/"+programID+"/office-hours/bookings",
		map[string]any{"mentor_id": mentorID, "start": start.Format(time.RFC3339), "agenda": "questions of " + name})
	if err != nil {
		t.Errorf("book as %s: %v", name, err)
		return bookingResult{}
	}
	r := bookingResult{status: status}
	if status == http.StatusCreated {
		_ = json.Unmarshal(data, &r.session)
		return r
	}
	var body struct {
		apiError
		Next []slotView `json:"next"`
	}
	_ = json.Unmarshal(data, &body)
	r.err, r.next = body.apiError, body.Next
	return r
}

// Bookers race for the same office-hours slot through both nodes: one gets
// it, the others a 409 with the next free slots; cancelling frees the slot.
func TestOfficeHoursRaceOnTwoNodes(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	bookers := numbered("ohb", 6)
	matchPeople(t, append([]string{"oh-mentor"}, bookers...)...)
	setTimeZone(t, "oh-mentor", ohMentorZone)
	p := createProgram(t, "Office hours", map[string]any{"kind": "office_hours"})
	joinAs(t, node1(), "oh-mentor", p.ID, "mentor", 1, "")
	for i, name := range bookers {
		setTimeZone(t, name, ohBookerZone)
		joinAs(t, nodes[i%2], name, p.ID, "mentee", 0, "")
	}
	mentor := user("oh-mentor").Id

	// Today's and tomorrow's weekday in the mentor's zone, all day in
	// 15-minute slots: free slots exist whenever the test runs.
	loc, _ := time.LoadLocation(ohMentorZone)
	today := time.Now().In(loc).Weekday()
	var hours struct {
		Published   bool   `json:"published"`
		SlotMinutes int    `json:"slot_minutes"`
		TimeZone    string `json:"time_zone"`
	}
	var e apiError
	wantStatus(t, "a member publishes office hours", call(t, bookers[0], http.MethodPut, "/programs/"+p.ID+"/office-hours",
		map[string]any{"windows": []map[string]any{{"weekday": today, "start": "00:00", "end": "23:45"}}}, &e), http.StatusForbidden)
	status := call(t, "oh-mentor", http.MethodPut, "/programs/"+p.ID+"/office-hours", map[string]any{
		"windows": []map[string]any{
			{"weekday": today, "start": "00:00", "end": "23:45"},
			{"weekday": (today + 1) % 7, "start": "00:00", "end": "23:45"},
		},
		"slot_minutes": 15, "weeks": 1, "where": "link", "location": "https://meet.example.com/office",
	}, &hours)
	if status != http.StatusOK || !hours.Published || hours.SlotMinutes != 15 || hours.TimeZone != ohMentorZone {
		t.Fatalf("publish: %d %+v", status, hours)
	}

	slots := freeSlots(t, bookers[0], p.ID, mentor)
	var targets []slotView
	for _, s := range slots {
		if s.End.Sub(s.Start) != 15*time.Minute || !s.Free {
			t.Fatalf("slot %+v: want a free 15-minute slot", s)
		}
		// Well ahead of now, spread out, so no slot begins during the test.
		if s.Start.After(time.Now().Add(30*time.Minute)) && len(targets) < 4 && (len(targets) == 0 || s.Start.Sub(targets[len(targets)-1].Start) >= time.Hour) {
			targets = append(targets, s)
		}
	}
	if len(targets) < 4 {
		t.Fatalf("only %d usable slots among %d", len(targets), len(slots))
	}
	var e2 apiError
	if s := call(t, bookers[0], http.MethodPost, "/programs/"+p.ID+"/office-hours/bookings",
		map[string]any{"mentor_id": mentor, "start": targets[0].Start.Add(5 * time.Minute).Format(time.RFC3339)}, &e2); s != http.StatusBadRequest || e2.Field != "start" {
		t.Fatalf("booking a time that is no slot: %d %+v", s, e2)
	}

	// Round 0: two bookers, one per node; then three rounds of six.
	winners := make([]bookingResult, len(targets))
	for round, slot := range targets {
		who := bookers
		if round == 0 {
			who = bookers[:2]
		}
		results := make([]bookingResult, len(who))
		inParallel(len(who), func(i int) {
			results[i] = book(t, nodes[(i+round)%2], who[i], p.ID, mentor, slot.Start)
		})
		won := -1
		for i, r := range results {
			switch r.status {
			case http.StatusCreated:
				if won >= 0 {
					t.Fatalf("round %d: %s and %s both booked %s", round, who[won], who[i], slot.Start)
				}
				won = i
			case http.StatusConflict:
				if r.err.Field != "start" || r.err.Error == "" || len(r.next) == 0 || hasSlot(r.next, slot.Start) {
					t.Fatalf("round %d: %s's 409 %+v next %v: want field start, a message and next free slots without the taken one", round, who[i], r.err, r.next)
				}
			default:
				t.Fatalf("round %d: %s's booking answered %d %+v", round, who[i], r.status, r.err)
			}
		}
		if won < 0 {
			t.Fatalf("round %d: nobody booked %s: %+v", round, slot.Start, results)
		}
		w := results[won].session
		if w.Kind != "office_hours" || !w.Start.Equal(slot.Start) || w.DurationMinutes != 15 || len(w.Participants) != 2 {
			t.Fatalf("round %d: the booking session %+v", round, w)
		}
		winners[round] = results[won]
		winner := who[won]

		// Exactly one session in the slot, the winner's; the slot is no longer free.
		inSlot := 0
		for _, o := range upcoming(t, "oh-mentor") {
			if o.Start.Equal(slot.Start) {
				inSlot++
			}
		}
		if inSlot != 1 {
			t.Fatalf("round %d: the mentor has %d sessions at %s, want 1", round, inSlot, slot.Start)
		}
		for _, name := range who {
			if ids := sessionIDs(upcoming(t, name)); ids[w.ID] != (name == winner) {
				t.Fatalf("round %d: %s lists the booking %v, want only the winner %s", round, name, ids[w.ID], winner)
			}
		}
		if hasSlot(freeSlots(t, bookers[0], p.ID, mentor), slot.Start) {
			t.Fatalf("round %d: the booked slot %s is still listed free", round, slot.Start)
		}

		// The winner and the mentor get invites, in the booker's (organizer's) zone.
		want := inviteWant{method: "REQUEST", uid: w.ID + "@mentorship", sequence: w.Sequence, zone: ohBookerZone, start: slot.Start,
			minutes: 15, organizer: winner, attendees: []string{"oh-mentor", winner}}
		for _, name := range []string{winner, "oh-mentor"} {
			post := invitesOf(t, name, w.ID, "invite.ics", 1)[0]
			cal, raw := downloadICS(t, name, post, "invite.ics")
			checkInvite(t, fmt.Sprintf("round %d: %s's invite", round, name), cal, raw, want)
		}
		for _, name := range who {
			if name != winner && len(aboutSession(dmPosts(t, name), w.ID)) != 0 {
				t.Fatalf("round %d: %s, who lost, got a DM about the booking", round, name)
			}
		}
	}

	// Cancelling a booking frees its slot; another booker then gets it.
	first := winners[0].session
	booker := nameOf(first.OrganizerID)
	wantStatus(t, "cancel the booking", call(t, booker, http.MethodPost, "/sessions/"+first.ID+"/cancel", map[string]any{"reason": "solved it"}, nil), http.StatusOK)
	pollUntil(t, "the cancelled slot free again", 20*time.Second, func() (bool, string) {
		return hasSlot(freeSlots(t, bookers[5], p.ID, mentor), targets[0].Start), "not listed"
	})
	invitesOf(t, "oh-mentor", first.ID, "cancel.ics", 1)
	again := book(t, nodes[1], bookers[5], p.ID, mentor, targets[0].Start)
	if again.status != http.StatusCreated || again.session.ID == first.ID {
		t.Fatalf("booking the freed slot: %d %+v", again.status, again.err)
	}
	if ids := sessionIDs(upcoming(t, booker)); ids[first.ID] {
		t.Fatalf("%s still lists the cancelled booking", booker)
	}

	// Unpublished office hours take no more bookings.
	wantStatus(t, "unpublish", call(t, "oh-mentor", http.MethodDelete, "/programs/"+p.ID+"/office-hours", nil, nil), http.StatusOK)
	late := book(t, node1(), bookers[4], p.ID, mentor, targets[len(targets)-1].Start.Add(15*time.Minute))
	if late.status < 400 || late.status == http.StatusConflict || !strings.Contains(late.err.Error, "oh-mentor") {
		t.Fatalf("booking after unpublish: %d %+v, want a refusal naming the mentor", late.status, late.err)
	}
}
