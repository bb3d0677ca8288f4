package store

import (
	"sort"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// checkInsKey holds every check-in round of one match: the rounds, the answers
// and the marks of the DMs each round owed. One document per match keeps a
// round's claim and its answers in one compare-and-set.
func checkInsKey(matchID string) string { return keyPrefix + "checkins/" + matchID }

// GetCheckIns returns a match's check-ins; a match without any gets an empty
// document (not an error).
func (s *Store) GetCheckIns(matchID string) (*domain.MatchCheckIns, error) {
	v, _, err := get[domain.MatchCheckIns](s.kv, checkInsKey(matchID))
	if err != nil {
		return nil, err
	}
	v.MatchID = matchID
	return &v, nil
}

// UpdateCheckIns changes a match's check-ins with compare-and-set, creating
// the document on first use; mutate may run several times. The rounds are
// kept in order and bounded (domain.MaxCheckInRounds, the oldest go first).
func (s *Store) UpdateCheckIns(matchID string, mutate func(c *domain.MatchCheckIns) error) (*domain.MatchCheckIns, error) {
	v, err := Update(s.kv, checkInsKey(matchID), func(c *domain.MatchCheckIns, _ bool) error {
		c.MatchID = matchID
		if err := mutate(c); err != nil {
			return err
		}
		c.SchemaVersion = domain.CurrentSchemaVersion
		sort.SliceStable(c.Rounds, func(i, j int) bool { return c.Rounds[i].Round < c.Rounds[j].Round })
		if extra := len(c.Rounds) - domain.MaxCheckInRounds; extra > 0 {
			c.Rounds = append([]*domain.CheckInRound(nil), c.Rounds[extra:]...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}
