// Package dialog builds the interactive dialogs (program form, join form) and
// turns their submissions into service calls, answering with per-field errors.
package dialog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Submission URLs, relative to the server root.
const (
	ProgramURL = "/plugins/mentorship/api/v1/dialogs/program"
	JoinURL    = "/plugins/mentorship/api/v1/dialogs/join"
)

// Frontend opens dialogs (pluginapi's FrontendService satisfies it).
type Frontend interface {
	OpenInteractiveDialog(dialog model.OpenDialogRequest) error
}

// Ephemeral shows a reply only the user sees (pluginapi's PostService satisfies it).
type Ephemeral interface {
	SendEphemeralPost(userID string, post *model.Post)
}

// Logger records failures that the user only sees as "something went wrong".
type Logger interface {
	Error(message string, keyValuePairs ...any)
}

// Dialogs opens and handles the plugin's dialogs.
type Dialogs struct {
	Svc       *app.Services
	Tr        *i18n.Translator
	Frontend  Frontend
	Ephemeral Ephemeral
	BotID     func() string
	Log       Logger
}

var (
	msgFieldName        = &i18n.Message{ID: "dialog.program.name", Other: "Name"}
	msgFieldDescription = &i18n.Message{ID: "dialog.program.description", Other: "Description"}
	msgFieldKind        = &i18n.Message{ID: "dialog.program.kind", Other: "Kind"}
	msgFieldEnrollment  = &i18n.Message{ID: "dialog.program.enrollment", Other: "Who can join"}
	msgFieldMatching    = &i18n.Message{ID: "dialog.program.matching", Other: "Matching"}
	msgFieldCadence     = &i18n.Message{ID: "dialog.program.cadence", Other: "Check-ins"}
	msgFieldStart       = &i18n.Message{ID: "dialog.program.start", Other: "Start date"}
	msgFieldEnd         = &i18n.Message{ID: "dialog.program.end", Other: "End date"}
	msgDateHelp         = &i18n.Message{ID: "dialog.program.date_help", Other: "YYYY-MM-DD; leave empty for an evergreen program."}
	msgTitleCreate      = &i18n.Message{ID: "dialog.program.title_create", Other: "New program"}
	msgTitleEdit        = &i18n.Message{ID: "dialog.program.title_edit", Other: "Edit program"}
	msgSave             = &i18n.Message{ID: "dialog.save", Other: "Save"}
	msgTitleJoin        = &i18n.Message{ID: "dialog.join.title", Other: "Join a program"}
	msgJoin             = &i18n.Message{ID: "dialog.join.submit", Other: "Join"}
	msgFieldProgram     = &i18n.Message{ID: "dialog.join.program", Other: "Program"}
	msgFieldRole        = &i18n.Message{ID: "dialog.join.role", Other: "Role"}
	msgFieldCapacity    = &i18n.Message{ID: "dialog.join.capacity", Other: "Mentee capacity"}
	msgCapacityHelp     = &i18n.Message{ID: "dialog.join.capacity_help", Other: "Mentors: how many mentees you can take at once (default 2)."}
	msgFieldGoals       = &i18n.Message{ID: "dialog.join.goals", Other: "Your goals"}
	msgNoProgramsToJoin = &i18n.Message{ID: "dialog.join.none", Other: "There is no program in this team you can join right now."}
	msgCapacityNumber   = &i18n.Message{ID: "dialog.join.capacity_number", Other: "Write a whole number, for example 2."}
	msgInternal         = &i18n.Message{ID: "dialog.internal", Other: "Something went wrong on the server and nothing was saved; it was logged. Try again in a moment."}
)

// forReader returns the dialogs with the translator bound to the user who reads
// the form, so that one form costs one locale lookup.
func (d *Dialogs) forReader(uid string) *Dialogs {
	bound := *d
	bound.Tr = d.Tr.For(uid)
	return &bound
}

func (d *Dialogs) options(uid string, values []string) []*model.PostActionOptions {
	out := make([]*model.PostActionOptions, 0, len(values))
	for _, v := range values {
		label := d.Tr.Value(uid, v)
		if slices.Contains(domain.Roles, v) {
			label = d.Tr.RoleChoice(uid, v)
		}
		out = append(out, &model.PostActionOptions{Text: label, Value: v})
	}
	return out
}

func (d *Dialogs) selectElement(uid string, label *i18n.Message, name string, values []string, current string) model.DialogElement {
	return model.DialogElement{DisplayName: d.Tr.T(uid, label, nil), Name: name, Type: "select",
		Options: d.options(uid, values), Default: current}
}

// OpenProgram opens the program form: empty to create one in teamID, filled in to
// edit program.
func (d *Dialogs) OpenProgram(triggerID, uid, teamID string, program *domain.Program) error {
	d = d.forReader(uid)
	p := program
	title, state := msgTitleCreate, ""
	if p == nil {
		p = &domain.Program{Kind: domain.KindOneToOne, EnrollmentMode: domain.EnrollmentOpen,
			MatchingMode: domain.MatchingCoordinator, CheckInCadence: domain.CadenceMonthly}
	} else {
		title, state = msgTitleEdit, p.ID
	}
	dateHelp := d.Tr.T(uid, msgDateHelp, nil)
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       ProgramURL,
		Dialog: model.Dialog{
			CallbackId:  teamID,
			Title:       d.Tr.T(uid, title, nil),
			SubmitLabel: d.Tr.T(uid, msgSave, nil),
			State:       state,
			Elements: []model.DialogElement{
				{DisplayName: d.Tr.T(uid, msgFieldName, nil), Name: "name", Type: "text", Default: p.Name, MaxLength: domain.MaxProgramNameLength},
				{DisplayName: d.Tr.T(uid, msgFieldDescription, nil), Name: "description", Type: "textarea", Default: p.Description, Optional: true, MaxLength: domain.MaxProgramDescriptionLength},
				d.selectElement(uid, msgFieldKind, "kind", domain.Kinds, p.Kind),
				d.selectElement(uid, msgFieldEnrollment, "enrollment_mode", domain.EnrollmentModes, p.EnrollmentMode),
				d.selectElement(uid, msgFieldMatching, "matching_mode", domain.MatchingModes, p.MatchingMode),
				d.selectElement(uid, msgFieldCadence, "check_in_cadence", domain.Cadences, p.CheckInCadence),
				{DisplayName: d.Tr.T(uid, msgFieldStart, nil), Name: "start_date", Type: "text", Default: p.StartDate, Optional: true, Placeholder: "2026-09-01", HelpText: dateHelp},
				{DisplayName: d.Tr.T(uid, msgFieldEnd, nil), Name: "end_date", Type: "text", Default: p.EndDate, Optional: true, Placeholder: "2027-06-30", HelpText: dateHelp},
			},
		},
	})
}

func text(sub map[string]any, key string) *string {
	v, ok := sub[key]
	if !ok || v == nil {
		empty := ""
		return &empty
	}
	s := strings.TrimSpace(fmt.Sprint(v))
	return &s
}

// SubmitProgram creates or updates the program from the form.
func (d *Dialogs) SubmitProgram(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	fields := app.ProgramFields{
		Name: text(req.Submission, "name"), Description: text(req.Submission, "description"),
		Kind: text(req.Submission, "kind"), EnrollmentMode: text(req.Submission, "enrollment_mode"),
		MatchingMode: text(req.Submission, "matching_mode"), CheckInCadence: text(req.Submission, "check_in_cadence"),
		StartDate: text(req.Submission, "start_date"), EndDate: text(req.Submission, "end_date"),
	}
	var (
		p   *domain.Program
		err error
	)
	if req.State == "" {
		teamID := req.CallbackId
		if teamID == "" {
			teamID = req.TeamId
		}
		p, err = d.Svc.Programs.Create(uid, teamID, fields)
	} else {
		p, err = d.Svc.Programs.Update(uid, req.State, fields)
	}
	if err != nil {
		return d.errorResponse(uid, err)
	}
	d.tell(uid, req.ChannelId, ProgramOutcome(d.Tr, uid, p, req.State == ""))
	return nil
}

// OpenJoin opens the join form, with the program chosen when preselected is set.
func (d *Dialogs) OpenJoin(triggerID, uid, teamID string, preselected *domain.Program) error {
	d = d.forReader(uid)
	programs, err := d.Svc.Programs.List(uid, teamID, false)
	if err != nil {
		return err
	}
	var options []*model.PostActionOptions
	for _, p := range programs {
		if p.EnrollmentMode == domain.EnrollmentInvite && !d.Svc.Permissions.CanCoordinate(uid, p) {
			continue
		}
		options = append(options, &model.PostActionOptions{Text: p.Name, Value: p.ID})
	}
	if len(options) == 0 {
		return &app.Error{Kind: app.KindNotFound, Message: msgNoProgramsToJoin}
	}
	def := ""
	if preselected != nil {
		def = preselected.ID
	}
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       JoinURL,
		Dialog: model.Dialog{
			CallbackId:  teamID,
			Title:       d.Tr.T(uid, msgTitleJoin, nil),
			SubmitLabel: d.Tr.T(uid, msgJoin, nil),
			Elements: []model.DialogElement{
				{DisplayName: d.Tr.T(uid, msgFieldProgram, nil), Name: "program_id", Type: "select", Options: options, Default: def},
				d.selectElement(uid, msgFieldRole, "role", domain.Roles, domain.RoleMentee),
				{DisplayName: d.Tr.T(uid, msgFieldCapacity, nil), Name: "capacity", Type: "text", SubType: "number", Optional: true, HelpText: d.Tr.T(uid, msgCapacityHelp, nil)},
				{DisplayName: d.Tr.T(uid, msgFieldGoals, nil), Name: "goals", Type: "textarea", Optional: true, MaxLength: app.MaxGoalsLength},
			},
		},
	})
}

// SubmitJoin enrolls the user from the join form.
func (d *Dialogs) SubmitJoin(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	in := app.JoinInput{Role: *text(req.Submission, "role"), Goals: *text(req.Submission, "goals")}
	if c := *text(req.Submission, "capacity"); c != "" {
		n, err := strconv.ParseFloat(c, 64)
		if err != nil || n != float64(int(n)) {
			return &model.SubmitDialogResponse{Errors: map[string]string{"capacity": d.Tr.T(uid, msgCapacityNumber, nil)}}
		}
		in.Capacity = int(n)
	}
	programID := *text(req.Submission, "program_id")
	res, err := d.Svc.Enrollments.Join(uid, programID, in)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	p, err := d.Svc.Programs.Get(uid, programID)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	d.tell(uid, req.ChannelId, JoinOutcome(d.Tr, uid, p, res))
	return nil
}

// errorResponse puts an app error under its field, or at the top of the form.
func (d *Dialogs) errorResponse(uid string, err error) *model.SubmitDialogResponse {
	appErr, isAppErr := app.AsError(err)
	if !isAppErr {
		// A store failure or contention: the details are for the log, not the form.
		d.Log.Error("dialog submission failed", "user_id", uid, "error", err.Error())
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgInternal, nil)}
	}
	msg := d.Tr.T(uid, appErr.Message, appErr.Data)
	field := appErr.Field
	if field == "team_id" || field == "coordinators" {
		field = ""
	}
	if field == "" {
		return &model.SubmitDialogResponse{Error: msg}
	}
	return &model.SubmitDialogResponse{Errors: map[string]string{field: msg}}
}

func (d *Dialogs) tell(uid, channelID, message string) {
	if channelID == "" {
		return
	}
	d.Ephemeral.SendEphemeralPost(uid, &model.Post{UserId: d.BotID(), ChannelId: channelID, Message: message})
}
