package app

import "github.com/mentorship-mattermost/mentorship/server/store"

// Profiles reads and saves members' profiles.
type Profiles struct {
	store       *store.Store
	perms       *Permissions
	programs    *Programs
	enrollments *Enrollments
	deps        Deps
}
