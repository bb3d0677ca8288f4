package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// feedToken returns the token of a feed URL.
func feedToken(t *testing.T, url string) string {
	t.Helper()
	const prefix = "https://chat.example.com/plugins/mentorship/api/v1/calendar/"
	require.True(t, strings.HasPrefix(url, prefix), url)
	require.True(t, strings.HasSuffix(url, ".ics"), url)
	return strings.TrimSuffix(strings.TrimPrefix(url, prefix), ".ics")
}

func TestFeedListsTheUsersSessions(t *testing.T) {
	w := newHoursWorld(t)
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	booked, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "career")
	require.NoError(t, err)
	cancelled, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot.Add(15*time.Minute), "")
	require.NoError(t, err)
	_, err = w.Sessions.Cancel("bob", cancelled.ID, time.Time{}, "")
	require.NoError(t, err)
	// An index entry whose session was never written is skipped, and so is a
	// session the user no longer takes part in.
	require.NoError(t, w.store.IndexUserSession("bob", "never-written", slot, w.deps.Now()))
	_, err = w.store.UpdateSession(cancelled.ID, func(v *domain.Session) error {
		v.Participants = []string{"ana"}
		return nil
	})
	require.NoError(t, err)

	url, err := w.Sessions.RotateFeed("bob")
	require.NoError(t, err)
	body, err := w.Sessions.Feed(feedToken(t, url))
	require.NoError(t, err)
	cal, err := ics.ParseCalendar(strings.NewReader(string(body)))
	require.NoError(t, err)
	var uids []string
	for _, ev := range cal.Events() {
		uids = append(uids, ev.Id())
	}
	require.Equal(t, []string{booked.ID + "@mentorship"}, uids)

	// Ana's feed has both: she still takes part in the cancelled one.
	anaURL, err := w.Sessions.RotateFeed("ana")
	require.NoError(t, err)
	body, err = w.Sessions.Feed(feedToken(t, anaURL) + ".ics")
	require.NoError(t, err)
	require.Equal(t, 2, strings.Count(string(body), "BEGIN:VEVENT"))
}

func TestFeedTokensAreStoredHashedAndEveryWrongOneIsNotFound(t *testing.T) {
	w := newHoursWorld(t)
	url, err := w.Sessions.RotateFeed("bob")
	require.NoError(t, err)
	token := feedToken(t, url)
	user, secret, _ := strings.Cut(token, ".")
	require.Equal(t, "bob", user)
	require.Len(t, secret, 43, "32 random bytes, base64url without padding")

	prefs, _, err := w.store.GetPreferences("bob")
	require.NoError(t, err)
	sum := sha256.Sum256([]byte(token))
	require.Equal(t, hex.EncodeToString(sum[:]), prefs.FeedTokenHash)
	require.NotContains(t, prefs.FeedTokenHash, secret)
	require.NotEqual(t, token, prefs.FeedTokenHash)
	view, err := w.Sessions.Preferences("bob")
	require.NoError(t, err)
	require.True(t, view.FeedActive)
	require.Equal(t, w.deps.Now(), view.FeedCreated)

	_, err = w.Sessions.Feed(token)
	require.NoError(t, err)

	// Another user's id with bob's valid secret, and other malformed tokens.
	_, err = w.Sessions.RotateFeed("ana")
	require.NoError(t, err)
	for _, bad := range []string{"ana." + secret, "bob." + secret + "x", "bob." + secret[1:], "bob", "." + secret, "bob.", "", "nobody." + secret} {
		_, err := w.Sessions.Feed(bad)
		require.ErrorIs(t, err, ErrFeedNotFound, bad)
	}

	// Rotating ends the old URL; revoking ends the new one.
	again, err := w.Sessions.RotateFeed("bob")
	require.NoError(t, err)
	require.NotEqual(t, url, again)
	_, err = w.Sessions.Feed(token)
	require.ErrorIs(t, err, ErrFeedNotFound)
	_, err = w.Sessions.Feed(feedToken(t, again))
	require.NoError(t, err)
	require.NoError(t, w.Sessions.RevokeFeed("bob"))
	require.NoError(t, w.Sessions.RevokeFeed("bob"), "revoking twice is fine")
	_, err = w.Sessions.Feed(feedToken(t, again))
	require.ErrorIs(t, err, ErrFeedNotFound)
	view, err = w.Sessions.Preferences("bob")
	require.NoError(t, err)
	require.False(t, view.FeedActive)
	require.Zero(t, view.FeedCreated)

	_, err = w.Sessions.Feed("cy." + secret)
	require.ErrorIs(t, err, ErrFeedNotFound, "a user who never had a feed")
}
