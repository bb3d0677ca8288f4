package store

import (
	"slices"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// sessionKey holds one session (or series): its authoritative record.
func sessionKey(id string) string { return keyPrefix + "session/" + id }

// occurrenceKey holds what happened at one occurrence of a session.
func occurrenceKey(sessionID string, start time.Time) string {
	return keyPrefix + "occ/" + sessionID + "/" + domain.OccurrenceKey(start)
}

// userSessionsKey and matchSessionsKey are indexes of session ids (supersets,
// written before the session: a reader skips an entry whose session is gone).
func userSessionsKey(userID string) string   { return keyPrefix + "user_sessions/" + userID }
func matchSessionsKey(matchID string) string { return keyPrefix + "match_sessions/" + matchID }

// prefsKey holds one user's reminder and calendar preferences.
func prefsKey(userID string) string { return keyPrefix + "prefs/" + userID }

// SessionIndex lists sessions by id with when their last occurrence ends, so a
// reader can skip (and the next write prune) what is long over.
type SessionIndex struct {
	Entries []SessionIndexEntry `json:"entries"`
}

// SessionIndexEntry is one session in an index.
type SessionIndexEntry struct {
	SessionID string    `json:"session_id"`
	Until     time.Time `json:"until"` // the end of its last occurrence
}

// indexRetention is how long an index keeps a session after its last
// occurrence ended: long enough for the feed and "recent" lists.
const indexRetention = 90 * 24 * time.Hour

// maxIndexEntries bounds an index: a person does not keep this many sessions
// live at once; the oldest entries go first.
const maxIndexEntries = 500

// GetSession returns a session, or ErrNotFound.
func (s *Store) GetSession(id string) (*domain.Session, error) {
	v, found, err := get[domain.Session](s.kv, sessionKey(id))
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrNotFound
	}
	return &v, nil
}

// CreateSession writes a new session; it reports false (writing nothing) when a
// session with that id exists, so a retried create is harmless.
func (s *Store) CreateSession(v *domain.Session) (bool, error) {
	created := false
	_, err := Update(s.kv, sessionKey(v.ID), func(cur *domain.Session, exists bool) error {
		created = !exists
		if exists {
			return ErrUnchanged
		}
		*cur = *v
		cur.SchemaVersion = domain.CurrentSchemaVersion
		return nil
	})
	return created, err
}

// UpdateSession changes a session with compare-and-set; mutate may run several
// times. A missing session is ErrNotFound.
func (s *Store) UpdateSession(id string, mutate func(v *domain.Session) error) (*domain.Session, error) {
	v, err := Update(s.kv, sessionKey(id), func(v *domain.Session, exists bool) error {
		if !exists {
			return ErrNotFound
		}
		return mutate(v)
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// GetOccurrence returns an occurrence's record; one with nothing recorded yet
// comes back empty with found=false.
func (s *Store) GetOccurrence(sessionID string, start time.Time) (*domain.Occurrence, bool, error) {
	v, found, err := get[domain.Occurrence](s.kv, occurrenceKey(sessionID, start))
	if err != nil {
		return nil, false, err
	}
	v.SessionID, v.Start = sessionID, start.UTC()
	return &v, found, nil
}

// UpdateOccurrence changes an occurrence's record with compare-and-set,
// creating it on first use.
func (s *Store) UpdateOccurrence(sessionID string, start time.Time, mutate func(o *domain.Occurrence) error) (*domain.Occurrence, error) {
	v, err := Update(s.kv, occurrenceKey(sessionID, start), func(o *domain.Occurrence, _ bool) error {
		o.SchemaVersion = domain.CurrentSchemaVersion
		o.SessionID, o.Start = sessionID, start.UTC()
		return mutate(o)
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// UserSessions returns the ids of the sessions a user takes part in whose last
// occurrence ended after since.
func (s *Store) UserSessions(userID string, since time.Time) ([]string, error) {
	return s.indexed(userSessionsKey(userID), since)
}

// MatchSessions returns the ids of a match's sessions whose last occurrence
// ended after since.
func (s *Store) MatchSessions(matchID string, since time.Time) ([]string, error) {
	return s.indexed(matchSessionsKey(matchID), since)
}

func (s *Store) indexed(key string, since time.Time) ([]string, error) {
	idx, _, err := get[SessionIndex](s.kv, key)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range idx.Entries {
		if e.Until.After(since) {
			ids = append(ids, e.SessionID)
		}
	}
	return ids, nil
}

// IndexUserSession lists a session in a user's index (idempotent), pruning
// entries long over; now is the clock.
func (s *Store) IndexUserSession(userID, sessionID string, until, now time.Time) error {
	return s.index(userSessionsKey(userID), sessionID, until, now)
}

// IndexMatchSession lists a session in its match's index (idempotent).
func (s *Store) IndexMatchSession(matchID, sessionID string, until, now time.Time) error {
	return s.index(matchSessionsKey(matchID), sessionID, until, now)
}

func (s *Store) index(key, sessionID string, until, now time.Time) error {
	until = until.UTC()
	_, err := Update(s.kv, key, func(idx *SessionIndex, _ bool) error {
		i := slices.IndexFunc(idx.Entries, func(e SessionIndexEntry) bool { return e.SessionID == sessionID })
		if i >= 0 && idx.Entries[i].Until.Equal(until) {
			return ErrUnchanged
		}
		kept := idx.Entries[:0:0]
		for _, e := range idx.Entries {
			if e.SessionID != sessionID && now.Sub(e.Until) < indexRetention {
				kept = append(kept, e)
			}
		}
		kept = append(kept, SessionIndexEntry{SessionID: sessionID, Until: until})
		if len(kept) > maxIndexEntries {
			slices.SortFunc(kept, func(a, b SessionIndexEntry) int { return b.Until.Compare(a.Until) })
			kept = kept[:maxIndexEntries]
		}
		idx.Entries = kept
		return nil
	})
	return err
}

// GetPreferences returns a user's preferences (empty with found=false when the
// user never set any).
func (s *Store) GetPreferences(userID string) (*domain.Preferences, bool, error) {
	v, found, err := get[domain.Preferences](s.kv, prefsKey(userID))
	if err != nil {
		return nil, false, err
	}
	v.UserID = userID
	return &v, found, nil
}

// UpdatePreferences changes a user's preferences with compare-and-set.
func (s *Store) UpdatePreferences(userID string, mutate func(p *domain.Preferences) error) (*domain.Preferences, error) {
	v, err := Update(s.kv, prefsKey(userID), func(p *domain.Preferences, _ bool) error {
		p.SchemaVersion = domain.CurrentSchemaVersion
		p.UserID = userID
		return mutate(p)
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}
