package app

import (
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// OfficeHours are mentors' published slots and their bookings (helper G builds it).
type OfficeHours struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	sessions *Sessions
	deps     Deps
}

// release frees the slot of a cancelled booking.
func (o *OfficeHours) release(v *domain.Session) error { return errNotBuilt }
