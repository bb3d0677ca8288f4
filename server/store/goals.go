package store

import "github.com/mentorship-mattermost/mentorship/server/domain"

// goalsKey holds every goal of one match in one document: a match has a few
// goals, so a listing is one read and an update one compare-and-set.
func goalsKey(matchID string) string { return keyPrefix + "goals/" + matchID }

// GetGoals returns a match's goals; a match without any comes back as an empty
// document (not an error).
func (s *Store) GetGoals(matchID string) (*domain.MatchGoals, error) {
	v, _, err := get[domain.MatchGoals](s.kv, goalsKey(matchID))
	if err != nil {
		return nil, err
	}
	v.MatchID = matchID
	return &v, nil
}

// UpdateGoals changes a match's goals with compare-and-set, creating the
// document on first use; mutate may run several times and may return
// ErrUnchanged to write nothing.
func (s *Store) UpdateGoals(matchID string, mutate func(g *domain.MatchGoals) error) (*domain.MatchGoals, error) {
	v, err := Update(s.kv, goalsKey(matchID), func(g *domain.MatchGoals, _ bool) error {
		g.MatchID = matchID
		if err := mutate(g); err != nil {
			return err
		}
		g.SchemaVersion = domain.CurrentSchemaVersion
		return nil
	})
	if err != nil {
		return nil, err
	}
	v.MatchID = matchID
	return &v, nil
}
