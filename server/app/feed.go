package app

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// ErrFeedNotFound is every failure of a calendar-feed token: unknown user,
// no feed, revoked, rotated, wrong secret. The caller answers 404 and says
// nothing more, so a token reveals nothing about who exists.
var ErrFeedNotFound = errors.New("calendar feed not found")

// FeedPath is where the plugin serves calendar feeds; a token and ".ics"
// follow it.
const FeedPath = "/plugins/mentorship/api/v1/calendar/"

// feedSecretBytes is the entropy of a feed secret.
const feedSecretBytes = 32

// feedHistory is how far back a feed lists sessions.
const feedHistory = 60 * 24 * time.Hour

// feedName names the calendar in calendar apps.
const feedName = "Mentorship"

// RotateFeed gives the actor a new calendar-feed URL; any earlier one stops
// working at once. The URL is shown this once: only a hash of its token is
// stored. The token is the user id (to find the hash) and a random secret.
func (s *Sessions) RotateFeed(actorID string) (string, error) {
	secret := make([]byte, feedSecretBytes)
	if _, err := rand.Read(secret); err != nil {
		return "", errors.Wrap(err, "random feed secret")
	}
	token := actorID + "." + base64.RawURLEncoding.EncodeToString(secret)
	now := s.now()
	_, err := s.store.UpdatePreferences(actorID, func(p *domain.Preferences) error {
		p.FeedTokenHash, p.FeedTokenCreated = feedHash(token), now
		return nil
	})
	if err != nil {
		return "", err
	}
	return strings.TrimRight(s.deps.Settings().SiteURL, "/") + FeedPath + token + ".ics", nil
}

// RevokeFeed ends the actor's calendar-feed URL, if any.
func (s *Sessions) RevokeFeed(actorID string) error {
	_, err := s.store.UpdatePreferences(actorID, func(p *domain.Preferences) error {
		if p.FeedTokenHash == "" && p.FeedTokenCreated.IsZero() {
			return store.ErrUnchanged
		}
		p.FeedTokenHash, p.FeedTokenCreated = "", time.Time{}
		return nil
	})
	return err
}

// Feed returns the iCalendar feed a token opens: its user's sessions from
// the last 60 days on, cancelled ones included (so calendars drop them).
// Anything wrong with the token is ErrFeedNotFound.
func (s *Sessions) Feed(token string) ([]byte, error) {
	token = strings.TrimSuffix(token, ".ics")
	userID, secret, ok := strings.Cut(token, ".")
	if !ok || userID == "" || secret == "" || len(token) > 200 {
		return nil, ErrFeedNotFound
	}
	prefs, found, err := s.store.GetPreferences(userID)
	if err != nil {
		return nil, err
	}
	// Compare hashes of equal length in constant time: how long the compare
	// took says nothing about how much of a guess was right.
	if !found || prefs.FeedTokenHash == "" ||
		subtle.ConstantTimeCompare([]byte(feedHash(token)), []byte(prefs.FeedTokenHash)) != 1 {
		return nil, ErrFeedNotFound
	}
	if _, active := s.deps.Directory.User(userID); !active {
		return nil, ErrFeedNotFound // a deactivated user's feed ends with them
	}
	ids, err := s.store.UserSessions(userID, s.now().Add(-feedHistory))
	if err != nil {
		return nil, err
	}
	events := make([]calendar.Event, 0, len(ids))
	for _, id := range ids {
		v, err := s.store.GetSession(id)
		if errors.Is(err, store.ErrNotFound) {
			continue // an index entry whose session was never written
		}
		if err != nil {
			return nil, err
		}
		if !v.IsParticipant(userID) {
			continue
		}
		events = append(events, s.Event(v))
	}
	return calendar.Feed(feedName, events)
}

// feedHash is what is stored of a feed token: SHA-256, hex.
func feedHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
