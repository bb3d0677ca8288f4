package store

import (
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// AllMatchIDs lists every match ever stored: the schema 4 backfill of the
// health ledger reads it once, at the upgrade.
func (s *Store) AllMatchIDs() ([]string, error) {
	keys, err := s.keysWithPrefix(matchKey(""))
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, strings.TrimPrefix(k, matchKey("")))
	}
	return ids, nil
}

// AllPrograms lists every program of every team (archived ones too), from
// the team catalogs: the schema 4 backfill schedules each one's digest.
func (s *Store) AllPrograms() ([]*domain.Program, error) {
	keys, err := s.keysWithPrefix(catalogKey(""))
	if err != nil {
		return nil, err
	}
	var out []*domain.Program
	for _, k := range keys {
		c, _, err := get[Catalog](s.kv, k)
		if err != nil {
			return nil, err
		}
		out = append(out, c.Programs...)
	}
	return out, nil
}
