package store

import (
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// matchKey holds one match: the authoritative record of its state.
func matchKey(matchID string) string { return keyPrefix + "match/" + matchID }

// GetMatch returns a match, or ErrNotFound.
func (s *Store) GetMatch(matchID string) (*domain.Match, error) {
	m, found, err := get[domain.Match](s.kv, matchKey(matchID))
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrNotFound
	}
	return &m, nil
}

// CreateMatch writes a new match; it reports false (and writes nothing) when a
// match with that id exists already, which makes a retried create harmless.
func (s *Store) CreateMatch(m *domain.Match) (bool, error) {
	created := false
	_, err := Update(s.kv, matchKey(m.ID), func(cur *domain.Match, exists bool) error {
		if exists {
			created = false
			return ErrUnchanged
		}
		created = true
		*cur = *m
		cur.SchemaVersion = domain.CurrentSchemaVersion
		return nil
	})
	return created, err
}

// UpdateMatch changes a match with compare-and-set; mutate may run several
// times and must derive everything from what it is given. A missing match is
// ErrNotFound.
func (s *Store) UpdateMatch(matchID string, mutate func(m *domain.Match) error) (*domain.Match, error) {
	m, err := Update(s.kv, matchKey(matchID), func(m *domain.Match, exists bool) error {
		if !exists {
			return ErrNotFound
		}
		return mutate(m)
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}
