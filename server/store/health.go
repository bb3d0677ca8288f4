package store

import (
	"fmt"
	"hash/fnv"
	"slices"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// A program's health ledger holds one domain.MatchHealth line per match ever
// committed in it, for the coordinators' insight, the at-risk list and the
// exports. Like the roster (roster.go) it is spread over pages of at most
// HealthPageSize lines behind a small head, so no change reads or writes a
// document that grows with the program:
//
//   - a match's line lives on one page for good; the page is recorded in a
//     pointer (v1/health_at/<match>) written before the line, so a line is
//     found with two reads, and two writers of a new line agree on its page;
//   - a new line goes to one of a few "open" pages, chosen by a hash of the
//     match id, and a full open page is replaced by a fresh one;
//   - reading the whole ledger reads the head and every page: 4,000 matches
//     are 41 reads.
//
// The ledger is derived data: every line is recomputed from the authoritative
// records (app/health.go), so a line a dead node left behind is brought up to
// date by the next change of its match.

// HealthPageSize is the most lines a ledger page holds.
const HealthPageSize = 100

// healthOpenPages is how many pages take new lines at once.
const healthOpenPages = 8

func healthHeadKey(programID string) string { return keyPrefix + "health/" + programID + "/head" }

func healthPageKey(programID string, page int) string {
	return fmt.Sprintf("%shealth/%s/p/%d", keyPrefix, programID, page)
}

func healthAtKey(matchID string) string { return keyPrefix + "health_at/" + matchID }

func pairChannelKey(channelID string) string { return keyPrefix + "pair_channel/" + channelID }

type healthHead struct {
	Pages int   `json:"pages"`
	Open  []int `json:"open"`
}

type healthPage struct {
	Lines []*domain.MatchHealth `json:"lines"`
}

func (p *healthPage) find(matchID string) int {
	return slices.IndexFunc(p.Lines, func(h *domain.MatchHealth) bool { return h.MatchID == matchID })
}

// healthAt points from a match to its ledger page.
type healthAt struct {
	ProgramID string `json:"program_id"`
	Page      int    `json:"page"`
}

func healthSlot(matchID string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(matchID))
	return int(h.Sum32() % healthOpenPages)
}

func newHealthHead() healthHead {
	h := healthHead{Pages: healthOpenPages}
	for i := 0; i < healthOpenPages; i++ {
		h.Open = append(h.Open, i)
	}
	return h
}

// GetMatchHealth returns the match's ledger line.
func (s *Store) GetMatchHealth(programID, matchID string) (*domain.MatchHealth, bool, error) {
	at, found, err := get[healthAt](s.kv, healthAtKey(matchID))
	if err != nil || !found || at.ProgramID != programID {
		return nil, false, err
	}
	p, _, err := get[healthPage](s.kv, healthPageKey(programID, at.Page))
	if err != nil {
		return nil, false, err
	}
	if i := p.find(matchID); i >= 0 {
		return p.Lines[i], true, nil
	}
	return nil, false, nil
}

// UpdateMatchHealth reads, changes and writes the match's ledger line in one
// compare-and-set on its page; mutate gets a zero line (exists false) the
// first time and may return ErrUnchanged to write nothing.
func (s *Store) UpdateMatchHealth(programID, matchID string, mutate func(h *domain.MatchHealth, exists bool) error) (*domain.MatchHealth, error) {
	if programID == "" || matchID == "" {
		return nil, errors.New("a ledger line needs its program and match")
	}
	for range 8 {
		at, err := s.healthPageOf(programID, matchID)
		if err != nil {
			return nil, err
		}
		var out *domain.MatchHealth
		full := false
		_, err = Update(s.kv, healthPageKey(programID, at.Page), func(p *healthPage, _ bool) error {
			full, out = false, nil
			i := p.find(matchID)
			line := &domain.MatchHealth{}
			if i >= 0 {
				copied := *p.Lines[i]
				line = &copied
			} else if len(p.Lines) >= HealthPageSize {
				full = true
				return ErrUnchanged
			}
			if err := mutate(line, i >= 0); err != nil {
				if errors.Is(err, ErrUnchanged) && i >= 0 {
					out = p.Lines[i]
				}
				return err
			}
			line.MatchID, line.ProgramID = matchID, programID
			out = line
			if i >= 0 {
				p.Lines[i] = line
			} else {
				p.Lines = append(p.Lines, line)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if !full {
			return out, nil
		}
		// The page filled up before this line was written: move the pointer to
		// a fresh open page (only if it still names the full one) and retry.
		if err := s.replaceHealthPage(programID, at.Page, healthSlot(matchID)); err != nil {
			return nil, err
		}
		if _, err := Update(s.kv, healthAtKey(matchID), func(cur *healthAt, exists bool) error {
			if !exists || cur.Page != at.Page {
				return ErrUnchanged
			}
			head, _, err := get[healthHead](s.kv, healthHeadKey(programID))
			if err != nil {
				return err
			}
			cur.Page = head.Open[healthSlot(matchID)]
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return nil, ErrContention
}

// healthPageOf returns the match's page, choosing an open one the first time.
func (s *Store) healthPageOf(programID, matchID string) (healthAt, error) {
	at, found, err := get[healthAt](s.kv, healthAtKey(matchID))
	if err != nil || found {
		return at, err
	}
	head, err := s.ensureHealthHead(programID)
	if err != nil {
		return healthAt{}, err
	}
	return Update(s.kv, healthAtKey(matchID), func(cur *healthAt, exists bool) error {
		if exists {
			return ErrUnchanged // another writer chose first
		}
		*cur = healthAt{ProgramID: programID, Page: head.Open[healthSlot(matchID)]}
		return nil
	})
}

func (s *Store) ensureHealthHead(programID string) (healthHead, error) {
	head, found, err := get[healthHead](s.kv, healthHeadKey(programID))
	if err != nil || found {
		return head, err
	}
	return Update(s.kv, healthHeadKey(programID), func(h *healthHead, exists bool) error {
		if exists {
			return ErrUnchanged
		}
		*h = newHealthHead()
		return nil
	})
}

// replaceHealthPage swaps a full open page for a new one, once however many
// writers find it full at the same time.
func (s *Store) replaceHealthPage(programID string, full, slot int) error {
	_, err := Update(s.kv, healthHeadKey(programID), func(h *healthHead, exists bool) error {
		if !exists {
			*h = newHealthHead()
		}
		if h.Open[slot] != full {
			return ErrUnchanged // someone else replaced it
		}
		h.Open[slot] = h.Pages
		h.Pages++
		return nil
	})
	return err
}

// ProgramHealth returns every line of the program's ledger, any status.
func (s *Store) ProgramHealth(programID string) ([]*domain.MatchHealth, error) {
	head, found, err := get[healthHead](s.kv, healthHeadKey(programID))
	if err != nil || !found {
		return nil, err
	}
	var out []*domain.MatchHealth
	seen := map[string]int{}
	for page := 0; page < head.Pages; page++ {
		p, _, err := get[healthPage](s.kv, healthPageKey(programID, page))
		if err != nil {
			return nil, err
		}
		for _, line := range p.Lines {
			// A line is on one page only; a copy elsewhere would be a line whose
			// pointer moved while it was being written: keep the newer.
			if i, dup := seen[line.MatchID]; dup {
				if line.UpdatedAt.After(out[i].UpdatedAt) {
					out[i] = line
				}
				continue
			}
			seen[line.MatchID] = len(out)
			out = append(out, line)
		}
	}
	return out, nil
}

// PairChannelRef names the match whose pair channel a channel is.
type PairChannelRef struct {
	ProgramID string `json:"program_id"`
	MatchID   string `json:"match_id"`
}

// PutPairChannel records that channelID is the match's pair channel (the same
// value every time: idempotent).
func (s *Store) PutPairChannel(channelID, programID, matchID string) error {
	_, err := Update(s.kv, pairChannelKey(channelID), func(cur *PairChannelRef, exists bool) error {
		if exists && cur.MatchID == matchID && cur.ProgramID == programID {
			return ErrUnchanged
		}
		*cur = PairChannelRef{ProgramID: programID, MatchID: matchID}
		return nil
	})
	return err
}

// PairChannel returns the match whose pair channel channelID is.
func (s *Store) PairChannel(channelID string) (PairChannelRef, bool, error) {
	return get[PairChannelRef](s.kv, pairChannelKey(channelID))
}
