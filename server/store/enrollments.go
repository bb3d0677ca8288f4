package store

import (
	"slices"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// UserPrograms is the index of programs a user has an enrollment in.
type UserPrograms struct {
	ProgramIDs []string `json:"program_ids"`
}

// GetRoster returns the program's enrollments (an empty roster when none).
func (s *Store) GetRoster(programID string) (*domain.Roster, error) {
	r, _, err := get[domain.Roster](s.kv, rosterKey(programID))
	if err != nil {
		return nil, err
	}
	if r.Members == nil {
		r.Members = map[string]*domain.Enrollment{}
	}
	return &r, nil
}

// UpdateRoster changes a program's roster with compare-and-set; mutate may run
// several times and must derive everything from the roster it is given.
func (s *Store) UpdateRoster(programID string, mutate func(r *domain.Roster) error) (*domain.Roster, error) {
	r, err := Update(s.kv, rosterKey(programID), func(r *domain.Roster, _ bool) error {
		if r.Members == nil {
			r.Members = map[string]*domain.Enrollment{}
		}
		r.SchemaVersion = domain.CurrentSchemaVersion
		return mutate(r)
	})
	if err != nil {
		return nil, err
	}
	if r.Members == nil {
		r.Members = map[string]*domain.Enrollment{}
	}
	return &r, nil
}

// AddUserProgram records that the user has an enrollment in the program.
func (s *Store) AddUserProgram(userID, programID string) error {
	_, err := Update(s.kv, userProgramsKey(userID), func(ix *UserPrograms, _ bool) error {
		if slices.Contains(ix.ProgramIDs, programID) {
			return ErrUnchanged
		}
		ix.ProgramIDs = append(ix.ProgramIDs, programID)
		return nil
	})
	return err
}

// GetUserPrograms returns the ids of the programs the user has an enrollment in.
func (s *Store) GetUserPrograms(userID string) ([]string, error) {
	ix, _, err := get[UserPrograms](s.kv, userProgramsKey(userID))
	return ix.ProgramIDs, err
}
