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

	// Match statuses. "active", "paused" and "declined" are spelled like the
	// enrollment statuses above, so a map keyed by the stored value can hold only
	// one label for each: they share the enrollment labels, and every match status
	// label here is worded to fit the same sentences ("its status is …"). The
	// Spanish follows: masculine, agreeing with "estado".
	domain.MatchDraft:     {ID: "option.status.draft", Other: "being published"},
	domain.MatchProposed:  {ID: "option.status.proposed", Other: "proposed"},
	domain.MatchRequested: {ID: "option.status.requested", Other: "requested"},
	domain.MatchCompleted: {ID: "option.status.completed", Other: "completed"},
	domain.MatchCancelled: {ID: "option.status.cancelled", Other: "cancelled"},
	domain.MatchExpired:   {ID: "option.status.expired", Other: "expired"},
	domain.MatchWithdrawn: {ID: "option.status.withdrawn", Other: "withdrawn"},
	domain.MatchVoid:      {ID: "option.status.void", Other: "not published"},
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

	// Profile fields.
	"skills_offered":     {ID: "field.skills_offered", Other: "skills offered"},
	"skills_wanted":      {ID: "field.skills_wanted", Other: "skills wanted"},
	"interests":          {ID: "field.interests", Other: "interests"},
	"languages":          {ID: "field.languages", Other: "languages"},
	"experience_level":   {ID: "field.experience_level", Other: "experience level"},
	"experience_years":   {ID: "field.experience_years", Other: "years of experience"},
	"availability_hours": {ID: "field.availability_hours", Other: "availability in hours per month"},
	"bio":                {ID: "field.bio", Other: "bio"},
	"location":           {ID: "field.location", Other: "location"},
	"department":         {ID: "field.department", Other: "department"},
	"manager_id":         {ID: "field.manager_id", Other: "manager"},
	"dont_match":         {ID: "field.dont_match", Other: "don't-match list"},

	// Matching settings of a program.
	"policy":                {ID: "field.policy", Other: "policy"},
	"pair_channel":          {ID: "field.pair_channel", Other: "pair channel"},
	"retention":             {ID: "field.retention", Other: "channel retention"},
	"retention_days":        {ID: "field.retention_days", Other: "days before archiving"},
	"request_expiry_hours":  {ID: "field.request_expiry_hours", Other: "request expiry in hours"},
	"reminder_before_hours": {ID: "field.reminder_before_hours", Other: "reminder lead time in hours"},
	"min_score":             {ID: "field.min_score", Other: "minimum score"},
	"weights":               {ID: "field.weights", Other: "weights"},

	// Matches, their end and exit survey.
	"outcome":    {ID: "field.outcome", Other: "outcome"},
	"reason":     {ID: "field.reason", Other: "reason"},
	"rating":     {ID: "field.rating", Other: "rating"},
	"text":       {ID: "field.text", Other: "text"},
	"message":    {ID: "field.message", Other: "message"},
	"mentor_id":  {ID: "field.mentor_id", Other: "mentor"},
	"mentee_id":  {ID: "field.mentee_id", Other: "mentee"},
	"preview_id": {ID: "field.preview_id", Other: "preview"},

	// Query parameters of lists and searches.
	"roster_version": {ID: "field.roster_version", Other: "roster version"},
	"page":           {ID: "field.page", Other: "page"},
	"q":              {ID: "field.q", Other: "search"},
	"role":           {ID: "field.role", Other: "role"},
	"status":         {ID: "field.status", Other: "status"},
	"field":          {ID: "field.field", Other: "vocabulary"},
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
// cadence, enrollment or match status) for the reader; an unknown value is shown as is.
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
