package store

import (
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// Schema 3 lists members in paged rosters (roster.go) instead of the 16 member
// shards of schema 2, whose documents grew with the program. The migration
// lists every member found in the shards; the entries carry no profile or name
// yet, and the app fills them in the first time it lists the member again.
// The shards are left in place. Idempotent: members already listed are skipped.
func migrateToRosters(s *Store) error {
	keys, err := s.keysWithPrefix(keyPrefix + "members/")
	if err != nil {
		return err
	}
	for _, key := range keys {
		rest := strings.TrimPrefix(key, keyPrefix+"members/")
		programID, _, ok := strings.Cut(rest, "/")
		if !ok {
			continue
		}
		sh, _, err := get[memberShard](s.kv, key)
		if err != nil {
			return err
		}
		for _, userID := range sh.UserIDs {
			if err := s.listMigratedMember(programID, userID); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Store) listMigratedMember(programID, userID string) error {
	m, err := s.GetMemberships(userID)
	if err != nil {
		return err
	}
	e, ok := m.Enrollments[programID]
	if !ok || e.Listed {
		return nil
	}
	page, err := s.PutRosterEntry(programID, 0, false, MinimalRosterEntry(e))
	if err != nil {
		return err
	}
	_, err = s.UpdateMemberships(userID, func(m *Memberships) error {
		e, ok := m.Enrollments[programID]
		if !ok || e.Listed {
			return ErrUnchanged
		}
		e.RosterPage, e.Listed = page, true
		return nil
	})
	return err
}

// MinimalRosterEntry is an entry from the enrollment alone: no profile or name.
func MinimalRosterEntry(e *domain.Enrollment) *RosterEntry {
	entry := &RosterEntry{
		UserID: e.UserID, Role: e.Role, Status: e.Status, Capacity: e.Capacity, Goals: e.Goals,
		MentorLoad: len(e.Mentees), MenteeLoad: len(e.Mentors), Blocked: e.Blocked,
		JoinedAt: e.JoinedAt, UpdatedAt: e.UpdatedAt,
	}
	entry.Profile.ID = e.UserID
	entry.Profile.Capacity = e.MentorCapacity()
	entry.Capacity = e.MentorCapacity()
	return entry
}
