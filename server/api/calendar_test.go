package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
)

// newFeed makes user a feed URL and returns the token in it.
func newFeed(t *testing.T, h *Handler, user string) string {
	t.Helper()
	rec, e := do(h, user, http.MethodPost, "/api/v1/calendar/feed", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	url := decodeAs[FeedURL](t, rec).URL
	require.True(t, strings.HasPrefix(url, siteURL+"/plugins/mentorship/api/v1/calendar/"), url)
	require.True(t, strings.HasSuffix(url, ".ics"), url)
	return strings.TrimSuffix(strings.TrimPrefix(url, siteURL+"/plugins/mentorship/api/v1/calendar/"), ".ics")
}

func feedStatus(t *testing.T, h *Handler, user string) FeedStatus {
	t.Helper()
	rec, e := do(h, user, http.MethodGet, "/api/v1/calendar/feed", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	return decodeAs[FeedStatus](t, rec)
}

func TestTheCalendarFeedIsServedWithoutASessionToWhoeverHoldsTheURL(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	v := f.schedule(t, m, f.inHours(48))

	require.False(t, feedStatus(t, f.h, menteeID).Active)
	token := newFeed(t, f.h, menteeID)
	status := feedStatus(t, f.h, menteeID)
	require.True(t, status.Active)
	require.False(t, status.CreatedAt.IsZero())

	for _, method := range []string{http.MethodGet, http.MethodHead} {
		rec, _ := do(f.h, "", method, "/api/v1/calendar/"+token+".ics", "")
		require.Equal(t, http.StatusOK, rec.Code, method)
		require.Equal(t, "text/calendar; charset=utf-8", rec.Header().Get("Content-Type"))
		require.Equal(t, `inline; filename="mentorship.ics"`, rec.Header().Get("Content-Disposition"))
		require.Equal(t, "private, max-age=300", rec.Header().Get("Cache-Control"))
		require.NotEmpty(t, rec.Header().Get("Content-Length"))
		if method == http.MethodHead {
			require.Zero(t, rec.Body.Len(), "HEAD has no body")
			continue
		}
		body := rec.Body.String()
		require.True(t, strings.HasPrefix(body, "BEGIN:VCALENDAR"), body)
		require.Contains(t, body, "SUMMARY:Kickoff")
		require.Contains(t, body, v.ID)
	}
}

func TestEveryWrongFeedTokenGetsTheSamePlain404(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	f.schedule(t, m, f.inHours(48))

	mentee := newFeed(t, f.h, menteeID)
	rotated := mentee
	mentee = newFeed(t, f.h, menteeID)
	mentor := newFeed(t, f.h, mentorID)
	revoked := newFeed(t, f.h, memberID)
	rec, e := do(f.h, memberID, http.MethodDelete, "/api/v1/calendar/feed", "")
	require.Equal(t, http.StatusNoContent, rec.Code, e.Error)
	require.False(t, feedStatus(t, f.h, memberID).Active)

	_, menteeSecret, _ := strings.Cut(mentee, ".")
	wrong := map[string]string{
		"malformed":                 "nope",
		"no secret":                 menteeID + ".",
		"unknown user":              strings.Repeat("q", 26) + "." + menteeSecret,
		"another user's secret":     mentorID + "." + menteeSecret,
		"a secret one letter off":   mentee[:len(mentee)-1] + flip(mentee[len(mentee)-1]),
		"rotated":                   rotated,
		"revoked":                   revoked,
		"never made":                adminID + "." + menteeSecret,
		"odd characters":            "a%20b;c=d",
		"an id with no secret part": menteeID,
		"very long":                 menteeID + "." + strings.Repeat("A", 5000),
		"the mentor's, upper-cased": strings.ToUpper(mentor),
	}
	for name, token := range wrong {
		for _, user := range []string{"", menteeID} {
			rec, _ := do(f.h, user, http.MethodGet, "/api/v1/calendar/"+token+".ics", "")
			require.Equal(t, http.StatusNotFound, rec.Code, name)
			require.Equal(t, feedNotFound, rec.Body.String(), name)
			require.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"), name)
			require.Equal(t, "no-store", rec.Header().Get("Cache-Control"), name)
			require.Empty(t, rec.Header().Get("Content-Disposition"), name)
		}
	}
	rec, _ = do(f.h, "", http.MethodHead, "/api/v1/calendar/"+rotated+".ics", "")
	require.Equal(t, http.StatusNotFound, rec.Code)

	for _, token := range []string{mentee, mentor} {
		rec, _ := do(f.h, "", http.MethodGet, "/api/v1/calendar/"+token+".ics", "")
		require.Equal(t, http.StatusOK, rec.Code, "the current URLs still work")
	}
	rec, _ = do(f.h, "", http.MethodPost, "/api/v1/calendar/"+mentee+".ics", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code, "only GET and HEAD are served")
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func TestPreferencesAreReadAndSavedOverREST(t *testing.T) {
	f := newSessionHandler(t)
	rec, e := do(f.h, menteeID, http.MethodGet, "/api/v1/preferences", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	before := decodeAs[app.PreferencesView](t, rec)
	require.False(t, before.OwnLeadMinutes)

	rec, e = do(f.h, menteeID, http.MethodPut, "/api/v1/preferences",
		`{"lead_minutes":[1440,60],"quiet_start":"22:00","quiet_end":"08:00","weekly_budget":5}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	rec, _ = do(f.h, menteeID, http.MethodGet, "/api/v1/preferences", "")
	saved := decodeAs[app.PreferencesView](t, rec)
	require.True(t, saved.OwnLeadMinutes)
	require.ElementsMatch(t, []int{1440, 60}, saved.LeadMinutes)
	require.Equal(t, "22:00", saved.QuietStart)
	require.Equal(t, "08:00", saved.QuietEnd)
	require.Equal(t, 5, saved.WeeklyBudget)
	require.False(t, saved.FeedActive)

	for body, field := range map[string]string{
		`{"lead_minutes":[0]}`:                        "lead_minutes",
		`{"quiet_start":"22:00","quiet_end":""}`:      "quiet_start",
		`{"weekly_budget":1000}`:                      "weekly_budget",
		`{"snooze_weeks":40}`:                         "snooze_weeks",
		`{"quiet_start":"25:99","quiet_end":"08:00"}`: "quiet_start",
	} {
		rec, e := do(f.h, menteeID, http.MethodPut, "/api/v1/preferences", body)
		require.Equal(t, http.StatusBadRequest, rec.Code, body)
		require.Equal(t, field, e.Field, body)
	}
	rec, e = do(f.h, menteeID, http.MethodPut, "/api/v1/preferences", `{"lead":[60]}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Contains(t, e.Error, `unknown field "lead"`)

	rec, _ = do(f.h, menteeID, http.MethodGet, "/api/v1/preferences", "")
	require.Equal(t, saved, decodeAs[app.PreferencesView](t, rec), "refused changes changed nothing")
}
