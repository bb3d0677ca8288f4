package store

import "github.com/mentorship-mattermost/mentorship/server/domain"

// profileKey holds one user's profile, shared by every program they are in.
func profileKey(userID string) string { return keyPrefix + "profile/" + userID }

// GetProfile returns the user's profile; a user who never saved one gets an
// empty profile with their id and found=false.
func (s *Store) GetProfile(userID string) (*domain.Profile, bool, error) {
	p, found, err := get[domain.Profile](s.kv, profileKey(userID))
	if err != nil {
		return nil, false, err
	}
	p.UserID = userID
	return &p, found, nil
}

// UpdateProfile changes the user's profile with compare-and-set; mutate may run
// several times and must derive everything from what it is given.
func (s *Store) UpdateProfile(userID string, mutate func(p *domain.Profile) error) (*domain.Profile, error) {
	p, err := Update(s.kv, profileKey(userID), func(p *domain.Profile, _ bool) error {
		p.UserID = userID
		p.SchemaVersion = domain.CurrentSchemaVersion
		return mutate(p)
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}
