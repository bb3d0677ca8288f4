package e2e

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// fetchFeed GETs a feed URL with a plain client: no Mattermost token, no cookie.
func fetchFeed(t *testing.T, url string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx(), http.MethodGet, url, http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// newFeed makes (or rotates) name's feed URL.
func newFeed(t *testing.T, name string) string {
	t.Helper()
	var out struct {
		URL string `json:"url"`
	}
	wantStatus(t, "POST /calendar/feed as "+name, call(t, name, http.MethodPost, "/calendar/feed", nil, &out), http.StatusOK)
	if !strings.HasPrefix(out.URL, node1().URL+"/plugins/mentorship/api/v1/calendar/"+user(name).Id+".") || !strings.HasSuffix(out.URL, ".ics") {
		t.Fatalf("feed URL %q: want the site URL, the plugin's calendar path and a token starting with the user id", out.URL)
	}
	return out.URL
}

func feedActive(t *testing.T, name string) bool {
	t.Helper()
	var st struct {
		Active bool `json:"active"`
	}
	wantStatus(t, "GET /calendar/feed", call(t, name, http.MethodGet, "/calendar/feed", nil, &st), http.StatusOK)
	return st.Active
}

// The feed URL alone serves the user's sessions as iCalendar; rotating or
// revoking it ends the old URL; guesses get the same 404 as anything else.
func TestCalendarFeedOverHTTP(t *testing.T) {
	pr := livePair(t, "feed", "Europe/Paris", "Asia/Tokyo")
	start := minuteAhead(50 * time.Hour)
	v := schedule(t, node1(), pr.mentee, map[string]any{"match_id": pr.match.ID, "start": start.Format(time.RFC3339), "duration_minutes": 60, "title": "Feed check"})
	if feedActive(t, pr.mentee) {
		t.Fatal("a feed is active before one was made")
	}

	url := newFeed(t, pr.mentee)
	if !feedActive(t, pr.mentee) {
		t.Fatal("GET /calendar/feed says inactive after POST")
	}
	status, ctype, body := fetchFeed(t, url)
	if status != http.StatusOK || !strings.HasPrefix(ctype, "text/calendar") {
		t.Fatalf("GET feed without a token: %d %q\n%s", status, ctype, body)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, body)
	}
	var found *ics.VEvent
	for _, ev := range cal.Events() {
		if ev.Id() == v.ID+"@mentorship" {
			found = ev
		}
	}
	if found == nil {
		t.Fatalf("the feed lacks the session %s\n%s", v.ID, body)
	}
	if got, err := found.GetStartAt(); err != nil || !got.Equal(start) {
		t.Fatalf("the feed's DTSTART reads %s (%v), want %s\n%s", got, err, start, body)
	}
	if tz := found.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tz) != 1 || tz[0] != "Europe/Paris" {
		t.Fatalf("the feed's DTSTART TZID %v, want the organizer's Europe/Paris", tz)
	}
	// The partner's feed lists it too.
	partnerURL := newFeed(t, pr.mentor)
	if status, _, body := fetchFeed(t, partnerURL); status != http.StatusOK || !strings.Contains(string(body), v.ID+"@mentorship") {
		t.Fatalf("the mentor's feed: %d\n%s", status, body)
	}

	// Rotate: the old URL is gone, the new one works.
	rotated := newFeed(t, pr.mentee)
	if rotated == url {
		t.Fatal("rotating gave the same URL")
	}
	oldStatus, _, notFound := fetchFeed(t, url)
	if oldStatus != http.StatusNotFound {
		t.Fatalf("the old URL after rotating: %d", oldStatus)
	}
	if status, _, _ := fetchFeed(t, rotated); status != http.StatusOK {
		t.Fatalf("the rotated URL: %d", status)
	}

	// Guesses: another user's id with a well-formed secret, my id with a
	// wrong secret, junk. All the same 404.
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	guess := base64.RawURLEncoding.EncodeToString(secret)
	base := node1().URL + "/plugins/mentorship/api/v1/calendar/"
	attempts := map[string]string{
		"the mentor's id, a made-up secret":    base + user(pr.mentor).Id + "." + guess + ".ics",
		"the mentee's id, a made-up secret":    base + user(pr.mentee).Id + "." + guess + ".ics",
		"the mentor's secret, the mentee's id": base + user(pr.mentee).Id + "." + secretOf(partnerURL) + ".ics",
		"an unknown user id":                   base + strings.Repeat("a", 26) + "." + guess + ".ics",
		"junk":                                 base + "nothing.ics",
	}
	// Revoke: the current URL stops working.
	if s := call(t, pr.mentee, http.MethodDelete, "/calendar/feed", nil, nil); s != http.StatusNoContent {
		t.Fatalf("DELETE /calendar/feed: %d", s)
	}
	if feedActive(t, pr.mentee) {
		t.Fatal("GET /calendar/feed says active after DELETE")
	}
	attempts["the revoked URL"] = rotated
	for what, u := range attempts {
		status, _, body := fetchFeed(t, u)
		if status != http.StatusNotFound || !bytes.Equal(body, notFound) {
			t.Fatalf("%s: %d %q, want the same 404 as a rotated URL (%q)", what, status, body, notFound)
		}
	}
	// The partner's URL is untouched by the mentee's rotation and revocation.
	if status, _, _ := fetchFeed(t, partnerURL); status != http.StatusOK {
		t.Fatalf("the mentor's feed after the mentee revoked theirs: %d", status)
	}
	// The management routes need a Mattermost session.
	if s := call(t, "", http.MethodPost, "/calendar/feed", nil, nil); s != http.StatusUnauthorized {
		t.Fatalf("anonymous POST /calendar/feed: %d", s)
	}
}

// secretOf is the secret part of a feed URL (after the user id).
func secretOf(url string) string {
	token := strings.TrimSuffix(url[strings.LastIndex(url, "/")+1:], ".ics")
	_, secret, _ := strings.Cut(token, ".")
	return secret
}
