package store

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// A program's roster lists its members with what matching needs (role, status,
// capacity, load, a copy of the profile), spread over pages of at most
// RosterPageSize entries, so that no join, change or listing reads or writes a
// document that grows with the program:
//
//   - a member is written to one page (recorded in the enrollment as
//     RosterPage); a new member goes to one of a few "open" pages, chosen by a
//     hash of the user id so concurrent joins rarely meet, and a full open page
//     is replaced by a fresh one;
//   - a small fixed-size head counts the pages and keeps a version per stripe of
//     pages (page % rosterStripes) and one for the whole roster, bumped after
//     every page write;
//   - each node keeps the pages it has read, and re-reads only the stripes whose
//     version moved: reading the whole roster is one small read when nothing
//     changed.
//
// The roster is an index (kv.go, point 2): it is written before the enrollment
// commit and may hold entries that never committed or are behind; a reader that
// must be exact (a member page, publishing a match) checks the enrollment.

// RosterPageSize is the most entries a roster page holds.
const RosterPageSize = 100

// rosterOpenPages is how many pages take new members at once.
const rosterOpenPages = 8

// rosterStripes is how many version counters the head keeps.
const rosterStripes = 64

// rosterCacheTTL bounds how long a node trusts a cached page whose head bump was
// lost (a node died between the page write and the head write).
const rosterCacheTTL = 10 * time.Minute

func rosterHeadKey(programID string) string { return keyPrefix + "roster/" + programID + "/head" }

func rosterPageKey(programID string, page int) string {
	return fmt.Sprintf("%sroster/%s/p/%d", keyPrefix, programID, page)
}

// RosterEntry is one member as matching and member lists see them.
type RosterEntry struct {
	UserID   string `json:"user_id"`
	Username string `json:"username,omitempty"`
	Name     string `json:"name,omitempty"`
	Role     string `json:"role"`
	Status   string `json:"status"`
	Capacity int    `json:"capacity,omitempty"`
	// MentorLoad counts live matches as mentor, MenteeLoad as mentee, as of the
	// last write; the enrollment's references are exact.
	MentorLoad int `json:"mentor_load,omitempty"`
	MenteeLoad int `json:"mentee_load,omitempty"`
	// Profile is the member's profile for scoring (Capacity and Name filled).
	Profile matching.Profile `json:"profile"`
	// Blocked are partners never to be paired with again in this program.
	Blocked []string `json:"blocked,omitempty"`
	Goals   string   `json:"goals,omitempty"`
	// Page is the roster page the entry is on (set when it is written).
	Page      int       `json:"page"`
	JoinedAt  time.Time `json:"joined_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type rosterPage struct {
	Entries []*RosterEntry `json:"entries"`
}

func (p *rosterPage) find(userID string) int {
	return slices.IndexFunc(p.Entries, func(e *RosterEntry) bool { return e.UserID == userID })
}

type rosterHead struct {
	Pages   int     `json:"pages"`
	Open    []int   `json:"open"`
	Stripes []int64 `json:"stripes"`
	Version int64   `json:"version"`
}

func newRosterHead() rosterHead {
	h := rosterHead{Pages: rosterOpenPages, Stripes: make([]int64, rosterStripes)}
	for i := 0; i < rosterOpenPages; i++ {
		h.Open = append(h.Open, i)
	}
	return h
}

func openSlot(userID string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(userID))
	return int(h.Sum32() % rosterOpenPages)
}

// PutRosterEntry writes the member's entry: on page when listed (the page the
// enrollment records), or on an open page for a member not listed yet. It
// returns the page, for the enrollment to record.
func (s *Store) PutRosterEntry(programID string, page int, listed bool, entry *RosterEntry) (int, error) {
	for {
		if !listed {
			head, err := s.ensureRosterHead(programID)
			if err != nil {
				return 0, err
			}
			page = head.Open[openSlot(entry.UserID)]
		}
		full := false
		entry.Page = page
		_, err := Update(s.kv, rosterPageKey(programID, page), func(p *rosterPage, _ bool) error {
			full = false
			if i := p.find(entry.UserID); i >= 0 {
				p.Entries[i] = entry
				return nil
			}
			if len(p.Entries) >= RosterPageSize {
				full = true
				return ErrUnchanged
			}
			p.Entries = append(p.Entries, entry)
			return nil
		})
		if err != nil {
			return 0, err
		}
		if !full {
			s.roster.forget(programID, page)
			return page, s.bumpRoster(programID, page)
		}
		if listed {
			// The recorded page is full and does not hold the member (an entry
			// removed by hand?): list them afresh.
			listed = false
		}
		if err := s.replaceOpenPage(programID, page, openSlot(entry.UserID)); err != nil {
			return 0, err
		}
	}
}

// AdjustRosterEntries changes entries of one page in one compare-and-set: each
// change gets the user's entry as stored (users not on the page are skipped),
// so nothing else written meanwhile is lost.
func (s *Store) AdjustRosterEntries(programID string, page int, changes map[string]func(e *RosterEntry)) error {
	_, err := Update(s.kv, rosterPageKey(programID, page), func(p *rosterPage, _ bool) error {
		changed := false
		for userID, change := range changes {
			if i := p.find(userID); i >= 0 {
				change(p.Entries[i])
				changed = true
			}
		}
		if !changed {
			return ErrUnchanged
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.roster.forget(programID, page)
	return s.bumpRoster(programID, page)
}

func (s *Store) ensureRosterHead(programID string) (rosterHead, error) {
	head, found, err := get[rosterHead](s.kv, rosterHeadKey(programID))
	if err != nil || found {
		return head, err
	}
	return Update(s.kv, rosterHeadKey(programID), func(h *rosterHead, exists bool) error {
		if exists {
			return ErrUnchanged
		}
		*h = newRosterHead()
		return nil
	})
}

// replaceOpenPage swaps a full open page for a new one, once however many
// writers find it full at the same time.
func (s *Store) replaceOpenPage(programID string, full, slot int) error {
	_, err := Update(s.kv, rosterHeadKey(programID), func(h *rosterHead, _ bool) error {
		if slot >= len(h.Open) || h.Open[slot] != full {
			return ErrUnchanged // someone else replaced it
		}
		h.Open[slot] = h.Pages
		h.Pages++
		return nil
	})
	return err
}

func (s *Store) bumpRoster(programID string, page int) error {
	_, err := Update(s.kv, rosterHeadKey(programID), func(h *rosterHead, exists bool) error {
		if !exists {
			*h = newRosterHead()
		}
		h.Stripes[page%rosterStripes]++
		h.Version++
		if page >= h.Pages {
			h.Pages = page + 1
		}
		return nil
	})
	return err
}

// Roster is a program's roster as read at one moment.
type Roster struct {
	// Version changes whenever any entry is written; a preview records it.
	Version int64
	// Entries are deduplicated (a member on two pages after an interrupted
	// write keeps the newer entry), in page order, oldest member first within a page.
	Entries []*RosterEntry
	// Pages is how many pages the roster spans.
	Pages int
}

// ReadRoster returns the program's roster, from this node's cache where the
// head says nothing changed. The entries are shared: do not modify them.
func (s *Store) ReadRoster(programID string) (*Roster, error) {
	head, found, err := get[rosterHead](s.kv, rosterHeadKey(programID))
	if err != nil {
		return nil, err
	}
	if !found {
		return &Roster{}, nil
	}
	return s.roster.read(s, programID, head)
}

// rosterCache keeps decoded roster pages per program on this node.
type rosterCache struct {
	mu       sync.Mutex
	programs map[string]*cachedRoster
}

type cachedRoster struct {
	stripes  []int64
	pages    map[int]*cachedPage
	assembly *Roster // the last assembled roster, valid for version
	version  int64
}

type cachedPage struct {
	page   rosterPage
	loaded time.Time
}

func (c *rosterCache) forget(programID string, page int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.programs[programID]; r != nil {
		delete(r.pages, page)
		r.assembly = nil
	}
}

func (c *rosterCache) read(s *Store, programID string, head rosterHead) (*Roster, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.programs == nil {
		c.programs = map[string]*cachedRoster{}
	}
	r := c.programs[programID]
	if r == nil {
		r = &cachedRoster{pages: map[int]*cachedPage{}}
		c.programs[programID] = r
	}
	now := time.Now()
	changed := false
	for page := 0; page < head.Pages; page++ {
		stripe := page % rosterStripes
		cached := r.pages[page]
		if cached != nil && stripe < len(r.stripes) && r.stripes[stripe] == head.Stripes[stripe] && now.Sub(cached.loaded) < rosterCacheTTL {
			continue
		}
		p, _, err := get[rosterPage](s.kv, rosterPageKey(programID, page))
		if err != nil {
			return nil, err
		}
		r.pages[page] = &cachedPage{page: p, loaded: now}
		changed = true
	}
	r.stripes = slices.Clone(head.Stripes)
	if !changed && r.assembly != nil && r.version == head.Version {
		return r.assembly, nil
	}
	r.assembly, r.version = assemble(r.pages, head), head.Version
	return r.assembly, nil
}

func assemble(pages map[int]*cachedPage, head rosterHead) *Roster {
	out := &Roster{Version: head.Version, Pages: head.Pages}
	where := map[string]int{}
	for page := 0; page < head.Pages; page++ {
		cached := pages[page]
		if cached == nil {
			continue
		}
		for _, e := range cached.page.Entries {
			if i, seen := where[e.UserID]; seen {
				if e.UpdatedAt.After(out.Entries[i].UpdatedAt) {
					out.Entries[i] = e
				}
				continue
			}
			where[e.UserID] = len(out.Entries)
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

// RosterMatches reports whether e matches a member-list search: a part of the
// username or name, case-insensitive.
func RosterMatches(e *RosterEntry, search string) bool {
	if search == "" {
		return true
	}
	search = strings.ToLower(strings.TrimPrefix(search, "@"))
	return strings.Contains(strings.ToLower(e.Username), search) || strings.Contains(strings.ToLower(e.Name), search)
}
