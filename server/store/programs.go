package store

import (
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// ErrSlugTaken is returned when another active program of the team has the same
// name handle.
var ErrSlugTaken = errors.New("a program with this name already exists in the team")

// ErrTeamFull is returned when a team already has domain.MaxProgramsPerTeam programs.
var ErrTeamFull = errors.New("the team has the most programs it may have")

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

// Catalog is every program of one team, in creation order: the authoritative
// record of a program.
type Catalog struct {
	SchemaVersion int               `json:"schema_version"`
	Programs      []*domain.Program `json:"programs"`
}

func (c *Catalog) find(programID string) *domain.Program {
	for _, p := range c.Programs {
		if p.ID == programID {
			return p
		}
	}
	return nil
}

// slugTakenByOther reports whether an active program other than programID has
// the handle. Archived programs give their handle up.
func (c *Catalog) slugTakenByOther(slug, programID string) bool {
	for _, p := range c.Programs {
		if p.Slug == slug && p.ID != programID && !p.Archived {
			return true
		}
	}
	return false
}

// canAdd refuses a program whose handle is in use, or any program once the
// team is full.
func (c *Catalog) canAdd(p *domain.Program) error {
	if c.slugTakenByOther(p.Slug, p.ID) {
		return ErrSlugTaken
	}
	if len(c.Programs) >= domain.MaxProgramsPerTeam {
		return ErrTeamFull
	}
	return nil
}

type programPointer struct {
	TeamID string `json:"team_id"`
}

// CreateProgram adds p to its team's catalog. The id → team pointer is written
// first (a superset pointer, see kv.go); the catalog write is the commit point,
// and it refuses a handle already in use in the same compare-and-set. A create
// that dies between the two writes leaves only an unused pointer: no program, no
// claimed name.
func (s *Store) CreateProgram(p *domain.Program) error {
	// A name already in use is refused before anything is written, so refused
	// creates leave no pointer behind; the compare-and-set below decides races.
	if c, _, err := get[Catalog](s.kv, catalogKey(p.TeamID)); err != nil {
		return err
	} else if err := c.canAdd(p); err != nil {
		return err
	}
	if _, err := s.kv.Set(programTeamKey(p.ID), programPointer{TeamID: p.TeamID}); err != nil {
		return errors.Wrap(err, "save program pointer")
	}
	_, err := s.updateCatalog(p.TeamID, func(c *Catalog) error {
		if c.find(p.ID) != nil {
			return ErrUnchanged // a retry of a create that already committed
		}
		if err := c.canAdd(p); err != nil {
			return err
		}
		c.Programs = append(c.Programs, p)
		return nil
	})
	return err
}

func (s *Store) updateCatalog(teamID string, mutate func(c *Catalog) error) (Catalog, error) {
	return Update(s.kv, catalogKey(teamID), func(c *Catalog, _ bool) error {
		c.SchemaVersion = domain.CurrentSchemaVersion
		return mutate(c)
	})
}

// teamOf follows a program's pointer to its team.
func (s *Store) teamOf(programID string) (string, error) {
	ptr, ok, err := get[programPointer](s.kv, programTeamKey(programID))
	if err != nil {
		return "", err
	}
	if !ok || ptr.TeamID == "" {
		return "", ErrNotFound
	}
	return ptr.TeamID, nil
}

// GetProgram returns the program or ErrNotFound.
func (s *Store) GetProgram(programID string) (*domain.Program, error) {
	teamID, err := s.teamOf(programID)
	if err != nil {
		return nil, err
	}
	c, _, err := get[Catalog](s.kv, catalogKey(teamID))
	if err != nil {
		return nil, err
	}
	if p := c.find(programID); p != nil {
		return p, nil
	}
	return nil, ErrNotFound // a pointer left by a create that did not commit
}

// UpdateProgram changes a program with one compare-and-set of its team's
// catalog; mutate may run several times and must derive everything from the
// program it is given. A change of name handle is checked against the team's
// other active programs in the same write, so two renames racing on two servers
// cannot both take one name, and un-archiving checks it the same way. Other
// changes are not checked, so a program is never locked by a clash it did not
// make.
func (s *Store) UpdateProgram(programID string, mutate func(p *domain.Program) error) (*domain.Program, error) {
	teamID, err := s.teamOf(programID)
	if err != nil {
		return nil, err
	}
	var updated *domain.Program
	_, err = s.updateCatalog(teamID, func(c *Catalog) error {
		p := c.find(programID)
		if p == nil {
			return ErrNotFound
		}
		before := *p
		if err := mutate(p); err != nil {
			return err
		}
		takesHandle := p.Slug != before.Slug || (before.Archived && !p.Archived)
		if takesHandle && !p.Archived && c.slugTakenByOther(p.Slug, p.ID) {
			return ErrSlugTaken
		}
		updated = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// ListTeamPrograms returns the team's programs in creation order.
func (s *Store) ListTeamPrograms(teamID string) ([]*domain.Program, error) {
	c, _, err := get[Catalog](s.kv, catalogKey(teamID))
	if err != nil {
		return nil, err
	}
	return c.Programs, nil
}

// GetPrograms returns the programs of the given teams by id, one read per team.
func (s *Store) GetPrograms(teamIDs []string) (map[string]*domain.Program, error) {
	out := map[string]*domain.Program{}
	seen := map[string]bool{}
	for _, teamID := range teamIDs {
		if seen[teamID] {
			continue
		}
		seen[teamID] = true
		programs, err := s.ListTeamPrograms(teamID)
		if err != nil {
			return nil, err
		}
		for _, p := range programs {
			out[p.ID] = p
		}
	}
	return out, nil
}
