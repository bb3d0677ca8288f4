package store

import (
	"fmt"
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// Schema 1 kept a team index of {id, slug, archived}, one key per program and one
// roster document per program with every enrollment. Schema 2 keeps the whole
// program in its team's catalog and each enrollment in its user's memberships.
// The old keys are left in place (nothing reads them after the migration), so a
// migration that dies half way simply runs again.

type legacyIndex struct {
	Programs []struct {
		ID string `json:"id"`
	} `json:"programs"`
}

type legacyRoster struct {
	Members map[string]*domain.Enrollment `json:"members"`
}

func migrateToCatalogs(s *Store) error {
	indexes, err := s.keysWithPrefix(legacyTeamProgramsPrefix)
	if err != nil {
		return err
	}
	for _, key := range indexes {
		if err := s.migrateTeam(strings.TrimPrefix(key, legacyTeamProgramsPrefix)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) migrateTeam(teamID string) error {
	ix, _, err := get[legacyIndex](s.kv, legacyTeamProgramsPrefix+teamID)
	if err != nil {
		return err
	}
	var programs []*domain.Program
	for _, ref := range ix.Programs {
		p, ok, err := get[domain.Program](s.kv, legacyProgramPrefix+ref.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue // a name claimed by a create that never wrote its record: freed
		}
		p.SchemaVersion = domain.CurrentSchemaVersion
		// Handles now keep every script's letters; the old one stays an alias.
		if slug := domain.Slugify(p.Name); slug != p.Slug {
			if p.Slug != "" {
				p.Aliases = append(p.Aliases, p.Slug)
			}
			p.Slug = slug
		}
		programs = append(programs, &p)
	}
	for _, p := range programs {
		if _, err := s.kv.Set(programTeamKey(p.ID), programPointer{TeamID: p.TeamID}); err != nil {
			return err
		}
	}
	// Schema 1 could let two active programs share a handle (a rename race), and
	// Unicode normalization can merge two old handles into one: a program whose
	// handle is already in use gets a numbered one (its schema 1 handle stays an
	// alias), so that every active handle names one program.
	_, err = s.updateCatalog(teamID, func(c *Catalog) error {
		added := false
		for _, original := range programs {
			if c.find(original.ID) != nil {
				continue
			}
			p := *original
			if !p.Archived {
				base := p.Slug
				for n := 2; c.slugTakenByOther(p.Slug, p.ID); n++ {
					p.Slug = fmt.Sprintf("%s-%d", base, n)
				}
			}
			c.Programs = append(c.Programs, &p)
			added = true
		}
		if !added {
			return ErrUnchanged
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range programs {
		if err := s.migrateRoster(p); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) migrateRoster(p *domain.Program) error {
	r, _, err := get[legacyRoster](s.kv, legacyRosterPrefix+p.ID)
	if err != nil {
		return err
	}
	for userID, e := range r.Members {
		if err := s.IndexMember(p.ID, userID); err != nil {
			return err
		}
		_, err := s.UpdateMemberships(userID, func(m *Memberships) error {
			if _, ok := m.Enrollments[p.ID]; ok {
				return ErrUnchanged
			}
			migrated := *e
			migrated.SchemaVersion = domain.CurrentSchemaVersion
			migrated.ProgramID, migrated.UserID, migrated.TeamID = p.ID, userID, p.TeamID
			m.Enrollments[p.ID] = &migrated
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
