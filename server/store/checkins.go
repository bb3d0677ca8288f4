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
		c.Rounds = pruneRounds(c.Rounds)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// pruneRounds keeps at most domain.MaxCheckInRounds rounds: unanswered rounds
// go first, oldest first, so rounds started again and again (by hand) can
// never push the pair's answers out; only when every round holds answers do
// the oldest answered ones go.
func pruneRounds(rounds []*domain.CheckInRound) []*domain.CheckInRound {
	extra := len(rounds) - domain.MaxCheckInRounds
	if extra <= 0 {
		return rounds
	}
	drop := map[int]bool{}
	for _, answered := range []bool{false, true} {
		for i, r := range rounds {
			if extra == 0 {
				break
			}
			if (len(r.Answers) > 0) == answered && !drop[i] {
				drop[i] = true
				extra--
			}
		}
	}
	kept := make([]*domain.CheckInRound, 0, domain.MaxCheckInRounds)
	for i, r := range rounds {
		if !drop[i] {
			kept = append(kept, r)
		}
	}
	return kept
}
