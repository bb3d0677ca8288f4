package app

import "github.com/mentorship-mattermost/mentorship/server/store"

// Services is every domain service, built once at activation.
type Services struct {
	Permissions *Permissions
	Programs    *Programs
	Enrollments *Enrollments
}

// NewServices wires the services over one store.
func NewServices(st *store.Store, deps Deps) *Services {
	perms := &Permissions{dir: deps.Directory, settings: deps.Settings}
	programs := &Programs{store: st, perms: perms, deps: deps}
	return &Services{
		Permissions: perms,
		Programs:    programs,
		Enrollments: &Enrollments{store: st, perms: perms, programs: programs, deps: deps},
	}
}
