package i18n

import "github.com/mentorship-mattermost/mentorship/server/domain"

// valueLabels name every stored enumeration value for people. Stored values stay
// English identifiers; what a reader sees goes through this table.
var valueLabels = map[string]*Message{
	domain.KindOneToOne:        {ID: "option.kind.one_to_one", Other: "One-to-one mentoring"},
	domain.KindCircles:         {ID: "option.kind.circles", Other: "Peer circles"},
	domain.KindOfficeHours:     {ID: "option.kind.office_hours", Other: "Office hours"},
	domain.EnrollmentOpen:      {ID: "option.enrollment.open", Other: "Anyone in the team"},
	domain.EnrollmentApproval:  {ID: "option.enrollment.approval", Other: "Coordinator approves"},
	domain.EnrollmentInvite:    {ID: "option.enrollment.invite", Other: "Invite only"},
	domain.MatchingCoordinator: {ID: "option.matching.coordinator", Other: "Coordinator matches"},
	domain.MatchingSelfServe:   {ID: "option.matching.self_serve", Other: "Mentees choose"},
	domain.MatchingAutomatic:   {ID: "option.matching.automatic", Other: "Automatic"},
	domain.CadenceNone:         {ID: "option.cadence.none", Other: "No check-ins"},
	domain.CadenceWeekly:       {ID: "option.cadence.weekly", Other: "Weekly"},
	domain.CadenceBiweekly:     {ID: "option.cadence.biweekly", Other: "Every two weeks"},
	domain.CadenceMonthly:      {ID: "option.cadence.monthly", Other: "Monthly"},
	domain.StatusPending:       {ID: "option.status.pending", Other: "waiting for approval"},
	domain.StatusActive:        {ID: "option.status.active", Other: "active"},
	domain.StatusPaused:        {ID: "option.status.paused", Other: "paused"},
	domain.StatusLeft:          {ID: "option.status.left", Other: "left"},
	domain.StatusDeclined:      {ID: "option.status.declined", Other: "declined"},
}

// fieldLabels name the input fields that errors point at.
var fieldLabels = map[string]*Message{
	"name":             {ID: "field.name", Other: "name"},
	"description":      {ID: "field.description", Other: "description"},
	"goals":            {ID: "field.goals", Other: "goals"},
	"kind":             {ID: "field.kind", Other: "kind"},
	"enrollment_mode":  {ID: "field.enrollment_mode", Other: "enrollment mode"},
	"matching_mode":    {ID: "field.matching_mode", Other: "matching mode"},
	"check_in_cadence": {ID: "field.check_in_cadence", Other: "check-in cadence"},
}

// roleLabels are the short role names used in sentences and tables; the longer
// role choices of the join form are roleChoices.
var roleLabels = map[string]*Message{
	domain.RoleMentee: {ID: "option.role_short.mentee", Other: "mentee"},
	domain.RoleMentor: {ID: "option.role_short.mentor", Other: "mentor"},
	domain.RolePeer:   {ID: "option.role_short.peer", Other: "peer"},
	domain.RoleBoth:   {ID: "option.role_short.both", Other: "mentor and mentee"},
}

var roleChoices = map[string]*Message{
	domain.RoleMentee: {ID: "option.role.mentee", Other: "Mentee: I want to learn"},
	domain.RoleMentor: {ID: "option.role.mentor", Other: "Mentor: I want to help"},
	domain.RolePeer:   {ID: "option.role.peer", Other: "Peer: learn together"},
	domain.RoleBoth:   {ID: "option.role.both", Other: "Both mentor and mentee"},
}

// Value renders a stored enumeration value (kind, enrollment mode, matching mode,
// cadence, enrollment status) for the reader; an unknown value is shown as is.
func (t *Translator) Value(userID, value string) string {
	return t.lookup(valueLabels, userID, value)
}

// Role renders a role in a sentence or table ("mentor and mentee").
func (t *Translator) Role(userID, role string) string { return t.lookup(roleLabels, userID, role) }

// RoleChoice renders a role as an option of the join form ("Mentor: I want to help").
func (t *Translator) RoleChoice(userID, role string) string {
	return t.lookup(roleChoices, userID, role)
}

func (t *Translator) lookup(table map[string]*Message, userID, value string) string {
	if m, ok := table[value]; ok {
		return t.T(userID, m, nil)
	}
	return value
}
