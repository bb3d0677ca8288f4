package e2e

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// profileView is a profile as GET/PUT /profile answer it.
type profileView struct {
	UserID            string   `json:"user_id"`
	SkillsOffered     []string `json:"skills_offered"`
	SkillsWanted      []string `json:"skills_wanted"`
	Interests         []string `json:"interests"`
	Languages         []string `json:"languages"`
	ExperienceLevel   string   `json:"experience_level"`
	ExperienceYears   float64  `json:"experience_years"`
	Bio               string   `json:"bio"`
	AvailabilityHours int      `json:"availability_hours"`
	Location          string   `json:"location"`
	Department        string   `json:"department"`
	ManagerID         string   `json:"manager_id"`
	DontMatch         []string `json:"dont_match"`
	TimeZone          string   `json:"time_zone"`
}

func setTimeZone(t *testing.T, name, zone string) {
	t.Helper()
	patch := &model.UserPatch{Timezone: model.StringMap{"useAutomaticTimezone": "false", "manualTimezone": zone, "automaticTimezone": ""}}
	if _, _, err := env.Client(user(name), node1()).PatchUser(ctx(), user(name).Id, patch); err != nil {
		t.Fatalf("set %s's time zone: %v", name, err)
	}
}

func TestMatchFlowProfileRoundTripAndBadInput(t *testing.T) {
	matchPeople(t, "prof-ana", "prof-boss")
	var empty profileView
	wantStatus(t, "GET empty profile", call(t, "prof-ana", http.MethodGet, "/profile", nil, &empty), http.StatusOK)
	if empty.SkillsOffered == nil || empty.Languages == nil || len(empty.SkillsWanted) != 0 {
		t.Fatalf("an empty profile should have empty lists, not null: %+v", empty)
	}

	setTimeZone(t, "prof-ana", "America/Bogota")
	full := map[string]any{
		"skills_offered": []string{"Go", "Public speaking"}, "skills_wanted": []string{"Negotiation"},
		"interests": []string{"Climbing"}, "languages": []string{"Spanish", "English"},
		"experience_level": "senior", "experience_years": 7.5, "bio": "Builds things.\nLikes people.",
		"availability_hours": 6, "location": "Bogotá", "department": "Platform",
		"manager_id": user("prof-boss").Id, "dont_match": []string{user("prof-boss").Id},
	}
	var saved, got profileView
	wantStatus(t, "PUT profile", call(t, "prof-ana", http.MethodPut, "/profile", full, &saved), http.StatusOK)
	wantStatus(t, "GET profile", call(t, "prof-ana", http.MethodGet, "/profile", nil, &got), http.StatusOK)
	want := profileView{UserID: user("prof-ana").Id, SkillsOffered: []string{"Go", "Public speaking"}, SkillsWanted: []string{"Negotiation"},
		Interests: []string{"Climbing"}, Languages: []string{"Spanish", "English"}, ExperienceLevel: "senior", ExperienceYears: 7.5,
		Bio: "Builds things.\nLikes people.", AvailabilityHours: 6, Location: "Bogotá", Department: "Platform",
		ManagerID: user("prof-boss").Id, DontMatch: []string{user("prof-boss").Id}, TimeZone: "America/Bogota"}
	for what, p := range map[string]profileView{"PUT answer": saved, "GET": got} {
		if !reflect.DeepEqual(p, want) {
			t.Fatalf("%s:\n got %+v\nwant %+v", what, p, want)
		}
	}

	// The time zone follows the Mattermost setting, not the stored copy.
	setTimeZone(t, "prof-ana", "Asia/Tokyo")
	got = profileView{}
	call(t, "prof-ana", http.MethodGet, "/profile", nil, &got)
	if got.TimeZone != "Asia/Tokyo" {
		t.Fatalf("time zone after changing the Mattermost setting: %q, want Asia/Tokyo", got.TimeZone)
	}
	want.TimeZone = "Asia/Tokyo"

	// A partial PUT changes only what it names.
	wantStatus(t, "partial PUT", call(t, "prof-ana", http.MethodPut, "/profile", map[string]any{"bio": "Short bio"}, &saved), http.StatusOK)
	want.Bio = "Short bio"
	if !reflect.DeepEqual(saved, want) {
		t.Fatalf("partial PUT:\n got %+v\nwant %+v", saved, want)
	}

	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("skill %d", i)
	}
	for _, c := range []struct {
		body  map[string]any
		field string // "" = the JSON decoder refuses it (the message names the key)
		names string
	}{
		{map[string]any{"skills_offered": tooMany}, "skills_offered", ""},
		{map[string]any{"skills_wanted": []string{strings.Repeat("x", 61)}}, "skills_wanted", ""},
		{map[string]any{"interests": []string{"- / ."}}, "interests", ""},
		{map[string]any{"experience_level": "guru"}, "experience_level", ""},
		{map[string]any{"experience_years": 61}, "experience_years", ""},
		{map[string]any{"availability_hours": -1}, "availability_hours", ""},
		{map[string]any{"bio": strings.Repeat("b", 2001)}, "bio", ""},
		{map[string]any{"manager_id": user("prof-ana").Id}, "manager_id", ""},
		{map[string]any{"dont_match": []string{"abcdefghijklmnopqrstuvwxyz"}}, "dont_match", ""},
		{map[string]any{"bio": "ok", "time_zone": "Europe/Paris"}, "", "time_zone"},
		{map[string]any{"bio": "ok", "user_id": user("prof-boss").Id}, "", "user_id"},
		{map[string]any{"skills_offered": "Go"}, "", "skills_offered"},
	} {
		var e apiError
		status := call(t, "prof-ana", http.MethodPut, "/profile", c.body, &e)
		if status != http.StatusBadRequest || e.Field != c.field || e.Error == "" || !strings.Contains(e.Error, c.names) {
			t.Fatalf("PUT %v: status %d %+v, want 400 naming %q%s", c.body, status, e, c.field, c.names)
		}
		got = profileView{}
		call(t, "prof-ana", http.MethodGet, "/profile", nil, &got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after the refused PUT %v the profile changed:\n got %+v\nwant %+v", c.body, got, want)
		}
	}
	wantStatus(t, "anonymous GET", call(t, "", http.MethodGet, "/profile", nil, nil), http.StatusUnauthorized)
}

func TestMatchFlowSelfServeRequestAcceptedWithTheButton(t *testing.T) {
	matchPeople(t, "ss-coord", "ss-mentor", "ss-mentor2", "ss-mentee", "ss-other")
	p := createProgram(t, "Self serve", map[string]any{"matching_mode": "self_serve", "coordinators": []string{user("ss-coord").Id}})
	saveProfile(t, "ss-mentor", map[string]any{"skills_offered": []string{"Public speaking", "Go"}, "languages": []string{"Spanish"}, "experience_years": 12})
	saveProfile(t, "ss-mentor2", map[string]any{"skills_offered": []string{"Accounting"}})
	saveProfile(t, "ss-mentee", map[string]any{"skills_wanted": []string{"public speaking"}, "languages": []string{"Spanish"}, "experience_years": 2})
	joinAs(t, node1(), "ss-mentor", p.ID, "mentor", 2, "")
	joinAs(t, node1(), "ss-mentor2", p.ID, "mentor", 1, "")
	joinAs(t, node1(), "ss-mentee", p.ID, "mentee", 0, "give better talks")
	joinAs(t, node1(), "ss-other", p.ID, "mentee", 0, "")

	var sugg struct {
		Suggestions []suggestionView `json:"suggestions"`
	}
	wantStatus(t, "suggestions", call(t, "ss-mentee", http.MethodGet, "/programs/"+p.ID+"/suggestions", nil, &sugg), http.StatusOK)
	if len(sugg.Suggestions) != 2 || sugg.Suggestions[0].MentorID != user("ss-mentor").Id {
		t.Fatalf("suggestions %+v: want ss-mentor first, then ss-mentor2 (eligible with a thin profile)", sugg.Suggestions)
	}
	best := sugg.Suggestions[0]
	if best.FreeCapacity != 2 || best.Capacity != 2 || !hasReason(best.Reasons, "skill", "public speaking") {
		t.Fatalf("best suggestion %+v: want 2 of 2 free and the skill reason", best)
	}
	wantStatus(t, "suggestions for a mentor", call(t, "ss-mentor", http.MethodGet, "/programs/"+p.ID+"/suggestions", nil, nil), http.StatusConflict)
	reply := command(t, "ss-mentee", "/mentor suggest "+p.Slug)
	wantContains(t, "/mentor suggest", reply, "@ss-mentor ", "2 of 2 places free", "/mentor request "+p.Slug)
	if strings.Index(reply, "@ss-mentor ") > strings.Index(reply, "@ss-mentor2") {
		t.Fatalf("/mentor suggest does not put the best mentor first:\n%s", reply)
	}

	reply = command(t, "ss-mentee", "/mentor request "+p.Slug+" @ss-mentor --message hi")
	wantContains(t, "/mentor request", reply, "Your request went to @ss-mentor")
	mine := myMatchesIn(t, "ss-mentee", p.ID)
	if len(mine) != 1 || mine[0].Status != "requested" || mine[0].MentorID != user("ss-mentor").Id || mine[0].Message != "hi" {
		t.Fatalf("mentee's matches after the request: %+v", mine)
	}
	id := mine[0].ID
	wantContains(t, "duplicate request", command(t, "ss-mentee", "/mentor request "+p.Slug+" @ss-mentor"), "already waiting")

	var post *model.Post
	pollUntil(t, "the mentor's request DM", 20*time.Second, func() (bool, string) {
		found := aboutMatch(dmPosts(t, "ss-mentor"), id)
		if len(found) > 0 {
			post = found[0]
		}
		return len(found) == 1, fmt.Sprintf("%d DMs about the match", len(found))
	})
	wantContains(t, "request DM", postText(post), "@ss-mentee asks you to be their mentor in "+p.Name, "hi", "public speaking")
	if b := buttons(post); !reflect.DeepEqual(b, []string{"accept", "decline"}) {
		t.Fatalf("request DM buttons %v, want accept and decline", b)
	}

	// Someone else presses the mentor's button: Mattermost refuses, the DM is
	// not theirs; a forged press reaching the plugin is refused by it.
	if resp, err := pressAs(node1(), "ss-other", post.Id, "accept"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("ss-other presses the mentor's Accept: %+v %v, want 403", resp, err)
	}
	for _, who := range []string{"ss-other", "ss-mentee", "ss-coord"} {
		answer := forgeButton(t, who, post.Id, id, "accept")
		if answer.Update != nil || !strings.Contains(answer.EphemeralText, "only the people it was sent to") {
			t.Fatalf("forged Accept as %s: %+v, want an ephemeral refusal", who, answer)
		}
	}
	wantStatus(t, "mentee accepts own request (REST)", call(t, "ss-mentee", http.MethodPost, "/matches/"+id+"/accept", nil, nil), http.StatusForbidden)
	if m := readMatch(t, "ss-mentor", id); m.Status != "requested" || m.ChannelID != "" {
		t.Fatalf("after refused presses the match is %s (channel %q), want requested", m.Status, m.ChannelID)
	}
	if _, _, err := env.Client(user("admin"), node1()).GetChannelByNameIncludeDeleted(ctx(), "mentorship-"+id, env.Team.Id, ""); err == nil {
		t.Fatal("a pair channel exists after refused presses")
	}

	if _, err := pressAs(node1(), "ss-mentor", post.Id, "accept"); err != nil {
		t.Fatalf("the mentor presses Accept: %v", err)
	}
	var m matchView
	pollUntil(t, "the match active with its channel", 20*time.Second, func() (bool, string) {
		m = readMatch(t, "ss-mentee", id)
		return m.Status == "active" && m.ChannelID != "" && len(m.Owed) == 0, fmt.Sprintf("%+v", m)
	})
	if mentee := myMatchesIn(t, "ss-mentee", p.ID); len(mentee) != 1 || mentee[0].Status != "active" {
		t.Fatalf("GET /matches for the mentee: %+v", mentee)
	}
	if mentor := myMatchesIn(t, "ss-mentor", p.ID); len(mentor) != 1 || mentor[0].Status != "active" {
		t.Fatalf("GET /matches for the mentor: %+v", mentor)
	}
	checkPairChannel(t, m)
	updated, _, err := env.Client(user("ss-mentor"), node1()).GetPost(ctx(), post.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(buttons(updated)) != 0 || !strings.Contains(updated.Message, "are now a pair") {
		t.Fatalf("the mentor's request DM after Accept: %q buttons %v, want the outcome and no buttons", updated.Message, buttons(updated))
	}
	wantStatus(t, "accept twice", call(t, "ss-mentor", http.MethodPost, "/matches/"+id+"/accept", nil, nil), http.StatusConflict)
	// The mentor has one place left, the mentee none: a new request is refused.
	var e apiError
	wantStatus(t, "second request of a matched mentee", call(t, "ss-mentee", http.MethodPost, "/programs/"+p.ID+"/requests", map[string]any{"mentor_id": user("ss-mentor2").Id}, &e), http.StatusConflict)
}

func hasReason(reasons []reasonView, kind, term string) bool {
	for _, r := range reasons {
		if r.Kind == kind && strings.EqualFold(r.Term, term) {
			return true
		}
	}
	return false
}
