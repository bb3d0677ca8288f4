package store

import (
	"slices"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// Memberships is one user's enrollments, keyed by program id: the authoritative
// record of every enrollment of that user.
type Memberships struct {
	SchemaVersion int                           `json:"schema_version"`
	Enrollments   map[string]*domain.Enrollment `json:"enrollments"`
}

// memberShard lists some of a program's member ids, sorted.
type memberShard struct {
	UserIDs []string `json:"user_ids"`
}

// GetMemberships returns the user's enrollments (empty when none).
func (s *Store) GetMemberships(userID string) (*Memberships, error) {
	m, _, err := get[Memberships](s.kv, membershipsKey(userID))
	if err != nil {
		return nil, err
	}
	if m.Enrollments == nil {
		m.Enrollments = map[string]*domain.Enrollment{}
	}
	return &m, nil
}

// UpdateMemberships changes a user's enrollments with compare-and-set; mutate may
// run several times and must derive everything from what it is given.
func (s *Store) UpdateMemberships(userID string, mutate func(m *Memberships) error) (*Memberships, error) {
	m, err := Update(s.kv, membershipsKey(userID), func(m *Memberships, _ bool) error {
		if m.Enrollments == nil {
			m.Enrollments = map[string]*domain.Enrollment{}
		}
		m.SchemaVersion = domain.CurrentSchemaVersion
		return mutate(m)
	})
	if err != nil {
		return nil, err
	}
	if m.Enrollments == nil {
		m.Enrollments = map[string]*domain.Enrollment{}
	}
	return &m, nil
}

// IndexMember adds the user to the program's member index. Call it before the
// enrollment is first written (see kv.go): the index may name users whose
// enrollment was never written, and readers skip them. Idempotent.
func (s *Store) IndexMember(programID, userID string) error {
	_, err := Update(s.kv, memberShardKey(programID, memberShardOf(userID)), func(sh *memberShard, _ bool) error {
		i, found := slices.BinarySearch(sh.UserIDs, userID)
		if found {
			return ErrUnchanged
		}
		sh.UserIDs = slices.Insert(sh.UserIDs, i, userID)
		return nil
	})
	return err
}

// MemberIDs returns the ids in the program's member index: everyone with an
// enrollment, and possibly some without (see IndexMember).
func (s *Store) MemberIDs(programID string) ([]string, error) {
	var ids []string
	for shard := 0; shard < memberShards; shard++ {
		sh, _, err := get[memberShard](s.kv, memberShardKey(programID, shard))
		if err != nil {
			return nil, err
		}
		ids = append(ids, sh.UserIDs...)
	}
	return ids, nil
}

// ListMembers returns the program's enrollments, following the member index to
// each user's memberships and skipping index entries without an enrollment.
func (s *Store) ListMembers(programID string) ([]*domain.Enrollment, error) {
	ids, err := s.MemberIDs(programID)
	if err != nil {
		return nil, err
	}
	members := make([]*domain.Enrollment, 0, len(ids))
	for _, id := range ids {
		m, err := s.GetMemberships(id)
		if err != nil {
			return nil, err
		}
		if e, ok := m.Enrollments[programID]; ok {
			members = append(members, e)
		}
	}
	return members, nil
}
