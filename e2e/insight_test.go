package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// The API's insight, as the sidebar reads it.
type programInsight struct {
	ProgramID    string `json:"program_id"`
	Participants struct {
		Total  int            `json:"total"`
		ByRole map[string]int `json:"by_role"`
	} `json:"participants"`
	Matches struct {
		Total  int `json:"total"`
		Active int `json:"active"`
	} `json:"matches"`
	Sessions struct {
		Planned        int     `json:"planned"`
		Held           int     `json:"held"`
		AttendanceRate float64 `json:"attendance_rate"`
		PerWeek        []struct {
			Week string `json:"week"`
			Held int    `json:"held"`
		} `json:"per_week"`
	} `json:"sessions"`
	Ratings struct {
		Average float64 `json:"average"`
		Count   int     `json:"count"`
	} `json:"ratings"`
	CheckIns []struct {
		Week       string `json:"week"`
		Struggling int    `json:"struggling"`
	} `json:"check_ins"`
	AtRisk      []atRiskPair `json:"at_risk"`
	AtRiskTotal int          `json:"at_risk_total"`
}

type atRiskPair struct {
	MatchID  string `json:"match_id"`
	MenteeID string `json:"mentee_id"`
	Reasons  []struct {
		Code   string `json:"code"`
		UserID string `json:"user_id"`
		Rating int    `json:"rating"`
	} `json:"reasons"`
	NudgedAt string `json:"nudged_at"`
}

func (a atRiskPair) has(code string) bool {
	for _, r := range a.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// TestInsightOfRealMatchesAndTheNudge: a program with two real matches, one
// of which met (both marked attended), rated the meeting 1 and answered a
// check-in "struggling". The coordinator's insight counts them, lists that
// pair at risk for both reasons, and a nudge reaches each side exactly once;
// a second nudge the same day is refused. A member of the program is refused.
func TestInsightOfRealMatchesAndTheNudge(t *testing.T) {
	pr := livePair(t, "ins", "Europe/Madrid", "Asia/Tokyo")
	other := "ins-mentee2"
	matchPeople(t, other)
	joinAs(t, node1(), other, pr.program.ID, "mentee", 0, "")
	calm := activePair(t, pr.program.ID, pr.coord, other, pr.mentor)

	start := minuteAhead(10 * time.Second)
	session := schedule(t, node1(), pr.mentee, map[string]any{"match_id": pr.match.ID, "start": start.Format(time.RFC3339),
		"duration_minutes": 5, "title": "Kick-off"})
	answerCheckIn(t, pr) // "struggling", as the mentee
	if wait := time.Until(start.Add(time.Second)); wait > 0 {
		time.Sleep(wait)
	}
	var e apiError
	occurrence := start.Format(time.RFC3339)
	for _, name := range []string{pr.mentee, pr.mentor} {
		wantStatus(t, name+" attended", call(t, name, http.MethodPost, "/sessions/"+session.ID+"/attendance",
			map[string]any{"occurrence": occurrence, "status": "attended"}, &e), http.StatusOK)
	}
	wantStatus(t, "session feedback", call(t, pr.mentee, http.MethodPost, "/sessions/"+session.ID+"/feedback",
		map[string]any{"occurrence": occurrence, "rating": 1, "text": "we did not connect"}, &e), http.StatusOK)

	var v programInsight
	var atRisk atRiskPair
	pollUntil(t, "the insight counting the meeting, the rating and the check-in", 30*time.Second, func() (bool, string) {
		v = programInsight{}
		if s := call(t, pr.coord, http.MethodGet, "/programs/"+pr.program.ID+"/insight", nil, &v); s != http.StatusOK {
			return false, fmt.Sprintf("status %d", s)
		}
		atRisk = atRiskPair{}
		for _, m := range v.AtRisk {
			if m.MatchID == pr.match.ID {
				atRisk = m
			}
		}
		return v.Sessions.Held == 1 && v.Ratings.Count == 1 && atRisk.has("low_rating") && atRisk.has("struggling"),
			fmt.Sprintf("%+v", v)
	})
	if v.Participants.Total != 3 || v.Participants.ByRole["mentee"] != 2 || v.Participants.ByRole["mentor"] != 1 {
		t.Fatalf("participants: %+v", v.Participants)
	}
	if v.Matches.Active != 2 || v.Matches.Total != 2 {
		t.Fatalf("matches: %+v", v.Matches)
	}
	if v.Sessions.Planned < 1 || v.Sessions.AttendanceRate != 1 || v.Ratings.Average != 1 {
		t.Fatalf("sessions %+v, ratings %+v", v.Sessions, v.Ratings)
	}
	thisWeek := len(v.Sessions.PerWeek) - 1
	if len(v.Sessions.PerWeek) != 12 || v.Sessions.PerWeek[thisWeek].Held != 1 {
		t.Fatalf("sessions per week: %+v", v.Sessions.PerWeek)
	}
	if n := len(v.CheckIns); n != 12 || v.CheckIns[n-1].Struggling != 1 {
		t.Fatalf("check-ins per week: %+v", v.CheckIns)
	}
	for _, r := range atRisk.Reasons {
		if r.Code == "struggling" && r.UserID != user(pr.mentee).Id || r.Code == "low_rating" && r.Rating != 1 {
			t.Fatalf("reasons: %+v", atRisk.Reasons)
		}
	}
	for _, m := range v.AtRisk {
		if m.MatchID == calm.ID {
			t.Fatalf("a pair matched a minute ago is at risk: %+v", m)
		}
	}
	reply := command(t, pr.coord, "/mentor insight "+pr.program.Slug)
	wantContains(t, "/mentor insight", reply, "Needs attention (1)", "a low rating (1)", "@"+pr.mentee+" is struggling")

	// The nudge: one DM to each side, then refused for the rest of the day.
	nudge := "/programs/" + pr.program.ID + "/at-risk/" + pr.match.ID + "/nudge"
	var res struct {
		NudgedAt time.Time `json:"nudged_at"`
	}
	wantStatus(t, "nudge", call(t, pr.coord, http.MethodPost, nudge, map[string]any{"note": "How can I help?"}, &res), http.StatusOK)
	if res.NudgedAt.IsZero() {
		t.Fatal("the nudge answered no nudged_at")
	}
	nudges := func(name string) []*model.Post {
		return postsMentioning(botDM(t, name), "is checking in on your mentorship")
	}
	for _, name := range []string{pr.mentee, pr.mentor} {
		got := nudges(name)
		if len(got) != 1 {
			t.Fatalf("%s got %d nudge DMs, want 1", name, len(got))
		}
		wantContains(t, name+"'s nudge", got[0].Message, "@"+pr.coord, "> How can I help?", "Your pair channel")
	}
	e = apiError{}
	wantStatus(t, "second nudge", call(t, "admin", http.MethodPost, nudge, nil, &e), http.StatusConflict)
	wantContains(t, "second nudge", e.Error, "at most one nudge a day")
	for _, name := range []string{pr.mentee, pr.mentor} {
		if got := nudges(name); len(got) != 1 {
			t.Fatalf("%s got %d nudge DMs after the refused second nudge, want 1", name, len(got))
		}
	}
	var list struct {
		Items []atRiskPair `json:"items"`
		Total int          `json:"total"`
	}
	wantStatus(t, "at-risk list", call(t, pr.coord, http.MethodGet, "/programs/"+pr.program.ID+"/at-risk?per_page=5", nil, &list), http.StatusOK)
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].NudgedAt == "" {
		t.Fatalf("at-risk list after the nudge: %+v", list)
	}

	// Coordinators only: a member of the program 403, someone outside the team 404.
	e = apiError{}
	wantStatus(t, "a member's insight", call(t, pr.mentee, http.MethodGet, "/programs/"+pr.program.ID+"/insight", nil, &e), http.StatusForbidden)
	if !strings.Contains(e.Error, "coordinators") {
		t.Fatalf("a member's insight: %+v", e)
	}
	wantStatus(t, "a member's nudge", call(t, pr.mentor, http.MethodPost, nudge, nil, nil), http.StatusForbidden)
	wantStatus(t, "an outsider's insight", call(t, "outsider", http.MethodGet, "/programs/"+pr.program.ID+"/insight", nil, nil), http.StatusNotFound)
}
