package app

import "github.com/mentorship-mattermost/mentorship/server/store"

// ProgramMatching reads and changes a program's matching settings.
type ProgramMatching struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	deps     Deps
}
