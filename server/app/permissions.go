package app

import (
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgNotTeamMember = &i18n.Message{ID: "app.perm.not_team_member",
		Other: "You are not a member of this team. Ask a team admin to add you first."}
	msgCannotCreate = &i18n.Message{ID: "app.perm.cannot_create",
		Other: "Only system admins may create programs here. Ask an admin, or ask them to allow members to create programs in the System Console."}
	msgNotCoordinator = &i18n.Message{ID: "app.perm.not_coordinator",
		Other: "Only the coordinators of {{.Program}} or a system admin can do this."}
)

// Permissions decides who may do what. Every service call asks it first.
type Permissions struct {
	dir      Directory
	settings func() Settings
}

// IsAdmin reports whether the user is a system admin.
func (p *Permissions) IsAdmin(userID string) bool { return p.dir.IsSystemAdmin(userID) }

// CanSeeTeam reports whether the user may see the team's programs.
func (p *Permissions) CanSeeTeam(userID, teamID string) bool {
	// Membership first: for the usual caller it settles the question, and the
	// admin check is one more round trip to the server.
	return p.dir.IsTeamMember(userID, teamID) || p.dir.IsSystemAdmin(userID)
}

// CanCreateProgram reports whether the user may create programs in the team.
func (p *Permissions) CanCreateProgram(userID, teamID string) error {
	if p.dir.IsSystemAdmin(userID) {
		return nil
	}
	if !p.dir.IsTeamMember(userID, teamID) {
		return forbidden(msgNotTeamMember, nil)
	}
	if !p.settings().MembersMayCreatePrograms {
		return forbidden(msgCannotCreate, nil)
	}
	return nil
}

// CanCoordinate reports whether the user may manage the program: a system admin,
// or a coordinator who is still a member of the program's team (someone removed
// from the team keeps no rights over its programs, whatever the record says).
func (p *Permissions) CanCoordinate(userID string, program *domain.Program) bool {
	if p.dir.IsSystemAdmin(userID) {
		return true
	}
	return program.IsCoordinator(userID) && p.dir.IsTeamMember(userID, program.TeamID)
}

// RequireCoordinator refuses, with the message people see, anyone who may not
// manage the program.
func (p *Permissions) RequireCoordinator(userID string, program *domain.Program) error {
	if p.CanCoordinate(userID, program) {
		return nil
	}
	return forbidden(msgNotCoordinator, map[string]any{"Program": program.Name})
}

// CanSeeProgram reports whether the user may see the program: its team's members
// and admins; archived programs only its coordinators and admins.
func (p *Permissions) CanSeeProgram(userID string, program *domain.Program) bool {
	return p.teamViewer(userID, program.TeamID)(program)
}

// SeesOwnEnrollment reports whether the user may see a program they are (or
// were) enrolled in: while they are in its team, archived or not.
func (p *Permissions) SeesOwnEnrollment(userID string, program *domain.Program) bool {
	return p.dir.IsSystemAdmin(userID) || p.dir.IsTeamMember(userID, program.TeamID)
}

// teamViewer answers CanSeeProgram for many programs of one team with one
// membership lookup and at most one admin lookup, instead of two per program.
func (p *Permissions) teamViewer(userID, teamID string) func(*domain.Program) bool {
	member := p.dir.IsTeamMember(userID, teamID)
	asked, admin := false, false
	isAdmin := func() bool { // asked only when membership does not settle it
		if !asked {
			asked, admin = true, p.dir.IsSystemAdmin(userID)
		}
		return admin
	}
	return func(program *domain.Program) bool {
		if member && (!program.Archived || program.IsCoordinator(userID)) {
			return true
		}
		return isAdmin()
	}
}
