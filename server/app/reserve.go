package app

import (
	"slices"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// A match holds a place on each side: one of the mentor's Capacity slots (the
// enrollment's Mentees) and the mentee's one slot (Mentors). Places are taken
// with a compare-and-set on each person's memberships BEFORE the match commits,
// so two nodes publishing or accepting at once can never give a mentor more
// mentees than their capacity or a mentee two mentors: each place is checked
// and taken in one write. A place whose match never committed (the node died,
// or the other side was full) is a reservation that lapses after
// reservationLease; readers prune it.

// reservationLease is how long a reference to a match that is not live holds a
// place: far longer than the writes between a reservation and its commit.
const reservationLease = 2 * time.Minute

// side says which list of an enrollment a reference goes in.
type side int

const (
	mentorSide   side = iota // the mentor's Mentees: capacity slots
	menteeSide               // the mentee's Mentors: one slot
	requestSide              // the mentee's Requests: open requests sent
	incomingSide             // the mentor's Incoming: open requests received
)

func (sd side) list(e *domain.Enrollment) *[]domain.MatchRef {
	switch sd {
	case mentorSide:
		return &e.Mentees
	case menteeSide:
		return &e.Mentors
	case requestSide:
		return &e.Requests
	default:
		return &e.Incoming
	}
}

// errNoPlace is returned by reserve when the side is full.
var errNoPlace = errors.New("no free place")

// matchLookup reads matches once per action: a compare-and-set that retries
// asks again about the same references.
type matchLookup struct {
	store *store.Store
	seen  map[string]*domain.Match // nil value: no such match
}

func newLookup(st *store.Store) *matchLookup {
	return &matchLookup{store: st, seen: map[string]*domain.Match{}}
}

func (l *matchLookup) get(id string) (*domain.Match, error) {
	if m, ok := l.seen[id]; ok {
		return m, nil
	}
	m, err := l.store.GetMatch(id)
	if errors.Is(err, store.ErrNotFound) {
		m, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	l.seen[id] = m
	return m, nil
}

// holds reports whether a reference still holds its place: its match is live
// (or, for request lists, open), or it is a reservation younger than the lease.
func (l *matchLookup) holds(sd side, ref domain.MatchRef, now time.Time) (bool, error) {
	m, err := l.get(ref.ID)
	if err != nil {
		return false, err
	}
	if m != nil {
		if sd == requestSide || sd == incomingSide {
			if m.Status == domain.MatchRequested {
				return true, nil
			}
		} else if m.Live() {
			return true, nil
		}
		if m.Ended() || m.Status == domain.MatchActive || m.Status == domain.MatchPaused {
			return false, nil
		}
	}
	return now.Sub(ref.At) < reservationLease, nil
}

// pruned returns the references of the list that still hold their place.
func (l *matchLookup) pruned(sd side, refs []domain.MatchRef, now time.Time) ([]domain.MatchRef, error) {
	kept := refs[:0:0]
	for _, ref := range refs {
		ok, err := l.holds(sd, ref, now)
		if err != nil {
			return nil, err
		}
		if ok {
			kept = append(kept, ref)
		}
	}
	return kept, nil
}

// reserve takes a place for the match on the user's side of it, if there is
// room: limit places at most (0 = no limit). check may refuse the enrollment
// (not active, not a mentor...). Taking a place the match already holds is a
// no-op. It returns errNoPlace when the side is full.
func (s *Matches) reserve(l *matchLookup, programID, userID string, sd side, ref domain.MatchRef, limit func(e *domain.Enrollment) int, check func(e *domain.Enrollment) error) error {
	_, err := s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		e, ok := m.Enrollments[programID]
		if !ok || !e.InProgram() {
			return errNotInProgram
		}
		if check != nil {
			if err := check(e); err != nil {
				return err
			}
		}
		list := sd.list(e)
		if i := slices.IndexFunc(*list, func(r domain.MatchRef) bool { return r.ID == ref.ID }); i >= 0 {
			if ref.At.Sub((*list)[i].At) < reservationLease/2 {
				return store.ErrUnchanged
			}
			// A retry long after the first attempt renews the reservation, so
			// its commit does not race a reader that thinks it lapsed.
			renewed := slices.Clone(*list)
			renewed[i].At = ref.At
			*list = renewed
			return nil
		}
		kept, err := l.pruned(sd, *list, s.deps.Now())
		if err != nil {
			return err
		}
		if limit != nil && len(kept) >= limit(e) {
			return errNoPlace
		}
		kept = append(kept, ref)
		*list = kept
		return nil
	})
	return err
}

// release gives up the match's place on the user's side; releasing twice is a
// no-op. ended also records the match among the user's ended matches.
func (s *Matches) release(programID, userID string, sd side, matchID string, ended *domain.MatchRef) error {
	_, err := s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		e, ok := m.Enrollments[programID]
		if !ok {
			return store.ErrUnchanged
		}
		list := sd.list(e)
		before := len(*list)
		*list = slices.DeleteFunc(slices.Clone(*list), func(r domain.MatchRef) bool { return r.ID == matchID })
		changed := len(*list) != before
		if ended != nil && !slices.ContainsFunc(e.Ended, func(r domain.MatchRef) bool { return r.ID == ended.ID }) {
			e.Ended = append([]domain.MatchRef{*ended}, e.Ended...)
			if len(e.Ended) > domain.MaxEndedRefs {
				e.Ended = e.Ended[:domain.MaxEndedRefs]
			}
			changed = true
		}
		if !changed {
			return store.ErrUnchanged
		}
		return nil
	})
	return err
}

// block keeps the pair apart in this program from now on (declined, or ended
// badly): both enrollments record the other person.
func (s *Matches) block(m *domain.Match) error {
	for _, pair := range [][2]string{{m.MenteeID, m.MentorID}, {m.MentorID, m.MenteeID}} {
		_, err := s.store.UpdateMemberships(pair[0], func(ms *store.Memberships) error {
			e, ok := ms.Enrollments[m.ProgramID]
			if !ok || slices.Contains(e.Blocked, pair[1]) {
				return store.ErrUnchanged
			}
			e.Blocked = append(slices.Clone(e.Blocked), pair[1])
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// errNotInProgram is returned by reserve for a user without an enrollment.
var errNotInProgram = errors.New("not in the program")
