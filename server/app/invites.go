package app

import (
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgInviteOpenProgram = &i18n.Message{ID: "app.invite.open_program", Other: "Anyone in the team can join {{.Program}} with /mentor join {{.Slug}}; invitations are for invite-only programs and those that need approval."}
	msgInviteNotInTeam   = &i18n.Message{ID: "app.invite.not_in_team", Other: "That person is not a member of this team; a team admin must add them before they can be invited."}
	msgInviteNoSuchUser  = &i18n.Message{ID: "app.invite.no_such_user", Other: "That user does not exist or is deactivated."}
	msgInviteAlreadyIn   = &i18n.Message{ID: "app.invite.already_in", Other: "{{.User}} is already in {{.Program}} (role {{.Role}}, status {{.Status}}); nothing changed."}
	msgInvitePending     = &i18n.Message{ID: "app.invite.pending", Other: "{{.User}} already asked to join {{.Program}}; approve the request with /mentor approve {{.Slug}} @{{.User}} instead."}
)

// Invite enrolls a team member in an invite-only program, or one that needs
// approval, on a coordinator's word: the enrollment is active at once and the
// member is welcomed. It follows Join's store pattern: the roster entry first,
// then the enrollment in the member's memberships as the commit point carrying
// the welcome owed, then the welcome claimed and sent once.
func (s *Enrollments) Invite(actorID, programID, userID, role string) (*domain.Enrollment, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	switch {
	case p.Archived:
		return nil, conflict("", msgArchived, map[string]any{"Program": p.Name})
	case p.EnrollmentMode == domain.EnrollmentOpen:
		return nil, conflict("", msgInviteOpenProgram, map[string]any{"Program": p.Name, "Slug": p.Slug})
	}
	user, found := s.deps.Directory.User(userID)
	if !found {
		return nil, notFound(msgInviteNoSuchUser, nil)
	}
	if !s.deps.Directory.IsTeamMember(userID, p.TeamID) {
		return nil, invalid("user_id", msgInviteNotInTeam, nil)
	}
	if role == "" {
		role = domain.RoleMentee
		if p.Kind == domain.KindCircles {
			role = domain.RolePeer
		}
	}
	in, err := s.validateJoin(p, JoinInput{Role: role})
	if err != nil {
		return nil, err
	}

	// The roster lists the member before the enrollment commits, as a join does.
	page, listed, err := s.listBeforeJoin(p, userID, in, false)
	if err != nil {
		return nil, err
	}
	var enrollment *domain.Enrollment
	_, err = s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		now := s.deps.Now().UTC()
		old, exists := m.Enrollments[p.ID]
		if exists && old.InProgram() {
			data := map[string]any{"User": user.Username, "Program": p.Name, "Slug": p.Slug,
				"Role": i18n.Role(old.Role), "Status": i18n.Value(old.Status)}
			if old.Status == domain.StatusPending {
				return conflict("", msgInvitePending, data)
			}
			return conflict("", msgInviteAlreadyIn, data)
		}
		enrollment = newEnrollment(p, userID, in, now)
		enrollment.RosterPage, enrollment.Listed = page, listed
		if exists {
			carryMatches(old, enrollment) // a pair that ended badly stays apart
		}
		m.Enrollments[p.ID] = enrollment
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.refuseIfArchivedMeanwhile(p.ID, userID); err != nil {
		return nil, err
	}
	if s.afterJoin != nil {
		s.afterJoin(p, enrollment) // an automatic program matches the newcomer
	}
	if _, err := s.announce(p, userID); err != nil {
		return nil, err // the welcome stays owed; the member's next join finishes it
	}
	enrollment.Announce = "" // claimed and sent
	s.deps.Notifier.Changed(p.ID, append([]string{userID}, p.Coordinators...)...)
	return enrollment, nil
}
