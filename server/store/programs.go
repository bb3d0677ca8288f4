package store

import (
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// ErrSlugTaken is returned when another active program of the team has the same
// name handle.
var ErrSlugTaken = errors.New("a program with this name already exists in the team")

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

// ProgramRef is one entry of a team's program index.
type ProgramRef struct {
	ID       string `json:"id"`
	Slug     string `json:"slug"`
	Archived bool   `json:"archived"`
}

// ProgramIndex lists a team's programs in creation order.
type ProgramIndex struct {
	Programs []ProgramRef `json:"programs"`
}

func (ix *ProgramIndex) slugTakenByOther(slug, programID string) bool {
	for _, ref := range ix.Programs {
		if ref.Slug == slug && ref.ID != programID && !ref.Archived {
			return true
		}
	}
	return false
}

// CreateProgram claims the program's name handle in the team index and then
// writes the record. The claim is a compare-and-set, so two programs with the same
// name created at once on two servers cannot both succeed.
func (s *Store) CreateProgram(p *domain.Program) error {
	_, err := Update(s.kv, teamProgramsKey(p.TeamID), func(ix *ProgramIndex, _ bool) error {
		if ix.slugTakenByOther(p.Slug, p.ID) {
			return ErrSlugTaken
		}
		ix.Programs = append(ix.Programs, ProgramRef{ID: p.ID, Slug: p.Slug})
		return nil
	})
	if err != nil {
		return err
	}
	saved, err := s.kv.Set(programKey(p.ID), p)
	if err == nil && saved {
		return nil
	}
	// Undo the claim so the name is free again.
	_ = s.removeFromTeamIndex(p.TeamID, p.ID)
	if err == nil {
		err = errors.New("program was not saved")
	}
	return errors.Wrap(err, "save program")
}

func (s *Store) removeFromTeamIndex(teamID, programID string) error {
	_, err := Update(s.kv, teamProgramsKey(teamID), func(ix *ProgramIndex, _ bool) error {
		for i, ref := range ix.Programs {
			if ref.ID == programID {
				ix.Programs = append(ix.Programs[:i], ix.Programs[i+1:]...)
				return nil
			}
		}
		return ErrUnchanged
	})
	return err
}

// GetProgram returns the program or ErrNotFound.
func (s *Store) GetProgram(programID string) (*domain.Program, error) {
	p, ok, err := get[domain.Program](s.kv, programKey(programID))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotFound
	}
	return &p, nil
}

// UpdateProgram changes a program with compare-and-set. When the change renames
// or archives the program, the team index is updated first so that the name handle
// stays unique.
func (s *Store) UpdateProgram(programID string, mutate func(p *domain.Program) error) (*domain.Program, error) {
	current, err := s.GetProgram(programID)
	if err != nil {
		return nil, err
	}
	// Apply the change to a copy to learn the new handle before touching the index.
	preview := *current
	preview.Coordinators = append([]string(nil), current.Coordinators...)
	if err := mutate(&preview); err != nil {
		return nil, err
	}
	if preview.Slug != current.Slug || preview.Archived != current.Archived {
		if err := s.setIndexEntry(current.TeamID, ProgramRef{ID: programID, Slug: preview.Slug, Archived: preview.Archived}); err != nil {
			return nil, err
		}
	}
	updated, err := Update(s.kv, programKey(programID), func(p *domain.Program, exists bool) error {
		if !exists {
			return ErrNotFound
		}
		return mutate(p)
	})
	if err != nil {
		return nil, err
	}
	return &updated, nil
}

func (s *Store) setIndexEntry(teamID string, entry ProgramRef) error {
	_, err := Update(s.kv, teamProgramsKey(teamID), func(ix *ProgramIndex, _ bool) error {
		if !entry.Archived && ix.slugTakenByOther(entry.Slug, entry.ID) {
			return ErrSlugTaken
		}
		for i := range ix.Programs {
			if ix.Programs[i].ID == entry.ID {
				ix.Programs[i] = entry
				return nil
			}
		}
		ix.Programs = append(ix.Programs, entry)
		return nil
	})
	return err
}

// ListTeamPrograms returns the team's programs in creation order.
func (s *Store) ListTeamPrograms(teamID string) ([]*domain.Program, error) {
	ix, _, err := get[ProgramIndex](s.kv, teamProgramsKey(teamID))
	if err != nil {
		return nil, err
	}
	programs := make([]*domain.Program, 0, len(ix.Programs))
	for _, ref := range ix.Programs {
		p, err := s.GetProgram(ref.ID)
		if errors.Is(err, ErrNotFound) {
			continue // claimed by a create that has not finished writing, or failed
		}
		if err != nil {
			return nil, err
		}
		programs = append(programs, p)
	}
	return programs, nil
}
