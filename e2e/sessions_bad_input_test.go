package e2e

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// quoted finds the quoted phrases of a message.
var quoted = regexp.MustCompile(`"([^"]+)"`)

// Bad input is refused clearly and changes nothing: no session, no DM.
func TestSessionBadInput(t *testing.T) {
	pr := livePair(t, "ses4", "America/Chicago", "Africa/Nairobi")
	other := livePair(t, "ses4b", "UTC", "UTC")
	people := []string{pr.mentee, pr.mentor}
	before := map[string]int{}
	for _, name := range people {
		if n := len(upcoming(t, name)); n != 0 {
			t.Fatalf("%s starts with %d sessions", name, n)
		}
		before[name] = len(dmPosts(t, name))
	}
	past := time.Now().Add(-2 * time.Hour).Truncate(time.Minute).UTC()
	tomorrow := minuteAhead(24 * time.Hour).Format(time.RFC3339)
	var unparseable apiError
	for _, c := range []struct {
		what   string
		as     string
		body   map[string]any
		status []int
		field  string
		says   string
		out    *apiError
	}{
		{"a past start", pr.mentee, map[string]any{"match_id": pr.match.ID, "start": past.Format(time.RFC3339)}, []int{400}, "", "past", nil},
		{"a past ISO phrase", pr.mentee, map[string]any{"match_id": pr.match.ID, "when": isoIn(past, "America/Chicago")}, []int{400}, "when", "past", nil},
		{"an unparseable phrase", pr.mentee, map[string]any{"match_id": pr.match.ID, "when": "when the moon is blue"}, []int{400}, "when", "Phrases that work", &unparseable},
		{"no time at all", pr.mentor, map[string]any{"match_id": pr.match.ID}, []int{400}, "when", "", nil},
		{"a match of others", other.mentee, map[string]any{"match_id": pr.match.ID, "start": tomorrow}, []int{403, 404}, "", "", nil},
		{"a stranger to the program", "outsider", map[string]any{"match_id": pr.match.ID, "start": tomorrow}, []int{403, 404}, "", "", nil},
		{"a coordinator of another program", other.coord, map[string]any{"match_id": pr.match.ID, "start": tomorrow}, []int{403, 404}, "", "", nil},
		{"a repeat that is no repeat", pr.mentee, map[string]any{"match_id": pr.match.ID, "start": tomorrow, "recurrence": "whenever we feel like it"}, []int{400}, "recurrence", "", nil},
		{"an RRULE every second", pr.mentee, map[string]any{"match_id": pr.match.ID, "start": tomorrow, "recurrence": "FREQ=SECONDLY"}, []int{400}, "recurrence", "", nil},
		{"a one-minute session", pr.mentee, map[string]any{"match_id": pr.match.ID, "start": tomorrow, "duration_minutes": 1}, []int{400}, "duration_minutes", "", nil},
		{"a link that is not one", pr.mentee, map[string]any{"match_id": pr.match.ID, "start": tomorrow, "where": "link", "location": "javascript:alert(1)"}, []int{400}, "location", "", nil},
		{"a channel that is not the pair's", pr.mentee, map[string]any{"channel_id": env.Channel.Id, "start": tomorrow}, []int{400, 403, 404}, "", "", nil},
	} {
		var e apiError
		status := call(t, c.as, http.MethodPost, "/sessions", c.body, &e)
		if !contains(statusNames(c.status), http.StatusText(status)) || e.Error == "" {
			t.Fatalf("%s: %d %+v, want one of %v with a message", c.what, status, e, c.status)
		}
		if c.field != "" && e.Field != c.field {
			t.Fatalf("%s: field %q, want %q (%s)", c.what, e.Field, c.field, e.Error)
		}
		if !strings.Contains(e.Error, c.says) {
			t.Fatalf("%s: %q does not say %q", c.what, e.Error, c.says)
		}
		if c.out != nil {
			*c.out = e
		}
	}

	// The command outside the pair channel says where to run it; in the
	// pair channel, a phrase it cannot read gets examples.
	wantContains(t, "/mentor session in town-square", commandIn(t, pr.mentee, env.Channel.Id, "/mentor session tomorrow 3pm"), "pair's channel")
	wantContains(t, "/mentor session with a bad phrase", commandIn(t, pr.mentee, pr.match.ChannelID, "/mentor session when pigs fly"), "Phrases that work")
	wantContains(t, "/mentor session with a bad repeat", commandIn(t, pr.mentee, pr.match.ChannelID, "/mentor session tomorrow 3pm --repeat sometimes"), "not a repeat")

	// Nothing changed.
	for _, name := range people {
		if list := upcoming(t, name); len(list) != 0 {
			t.Fatalf("after refused input %s has sessions %+v", name, list)
		}
	}

	// An example the refusal offers does schedule; its invite is then the
	// only new DM each person has.
	var examples []string
	if _, list, ok := strings.Cut(unparseable.Error, "Phrases that work"); ok {
		for _, m := range quoted.FindAllStringSubmatch(list, -1) {
			examples = append(examples, m[1])
		}
	}
	if len(examples) == 0 {
		t.Fatalf("the refusal lists no examples: %q", unparseable.Error)
	}
	v := schedule(t, node1(), pr.mentee, map[string]any{"match_id": pr.match.ID, "when": examples[0]})
	t.Logf("example %q scheduled %s at %s", examples[0], v.ID, v.Start)
	for _, name := range people {
		invitesOf(t, name, v.ID, "invite.ics", 1)
		if n := len(dmPosts(t, name)); n != before[name]+1 {
			t.Fatalf("%s has %d bot DMs, want %d: the refused requests sent some", name, n, before[name]+1)
		}
		if ids := sessionIDs(upcoming(t, name)); len(ids) != 1 || !ids[v.ID] {
			t.Fatalf("%s's sessions %v, want only %s", name, ids, v.ID)
		}
	}
}

func statusNames(codes []int) []string {
	var out []string
	for _, c := range codes {
		out = append(out, http.StatusText(c))
	}
	return out
}
