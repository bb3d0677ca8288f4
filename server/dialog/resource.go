package dialog

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// ResourceURL receives the resource form.
const ResourceURL = "/plugins/mentorship/api/v1/dialogs/resource"

// editState prefixes the form's state when it edits a resource.
const editState = "edit:"

var (
	msgResourceTitleAdd     = &i18n.Message{ID: "dialog.resource.title_add", Other: "Add a resource"}
	msgResourceTitleEdit    = &i18n.Message{ID: "dialog.resource.title_edit", Other: "Edit resource"}
	msgResourceProgram      = &i18n.Message{ID: "dialog.resource.program", Other: "Program"}
	msgResourceName         = &i18n.Message{ID: "dialog.resource.name", Other: "Title"}
	msgResourceLink         = &i18n.Message{ID: "dialog.resource.url", Other: "Link"}
	msgResourceDescription  = &i18n.Message{ID: "dialog.resource.description", Other: "Description"}
	msgResourceTags         = &i18n.Message{ID: "dialog.resource.tags", Other: "Tags"}
	msgResourceTagsHelp     = &i18n.Message{ID: "dialog.resource.tags_help", Other: "Separated by commas, e.g. career, public speaking."}
	msgResourceAudience     = &i18n.Message{ID: "dialog.resource.audience", Other: "For"}
	msgResourceNoProgram    = &i18n.Message{ID: "dialog.resource.no_program", Other: "You are not in a program of this team, so there is no resource hub to add to. Join a program first."}
	msgResourceAdded        = &i18n.Message{ID: "dialog.resource.added", Other: "Added **{{.Title}}** to the resources of {{.Hub}} (id `{{.ID}}`)."}
	msgResourceSuggested    = &i18n.Message{ID: "dialog.resource.suggested", Other: "Thanks! **{{.Title}}** was sent to the coordinators of {{.Hub}}; it appears once one of them approves it."}
	msgResourceSaved        = &i18n.Message{ID: "dialog.resource.saved", Other: "Saved **{{.Title}}**."}
	msgResourceGlobalHub    = &i18n.Message{ID: "dialog.resource.global_hub", Other: "every program"}
	msgAudienceOptionAll    = &i18n.Message{ID: "dialog.resource.audience_all", Other: "Everyone"}
	msgAudienceOptionMentor = &i18n.Message{ID: "dialog.resource.audience_mentors", Other: "Mentors"}
	msgAudienceOptionMentee = &i18n.Message{ID: "dialog.resource.audience_mentees", Other: "Mentees"}
)

// ResourceOutcome says what became of an added, suggested or edited resource.
func ResourceOutcome(tr *i18n.Translator, uid string, v *app.ResourceView, hub string, created bool) string {
	data := map[string]any{"Title": v.Title, "Hub": hub, "ID": v.ID}
	switch {
	case !created:
		return tr.T(uid, msgResourceSaved, data)
	case v.Status == domain.ResourceSuggested:
		return tr.T(uid, msgResourceSuggested, data)
	default:
		return tr.T(uid, msgResourceAdded, data)
	}
}

// HubName names a resource's hub for a reader: its program, or "every program".
func HubName(tr *i18n.Translator, uid string, p *domain.Program) string {
	if p == nil {
		return tr.T(uid, msgResourceGlobalHub, nil)
	}
	return "**" + p.Name + "**"
}

// OpenResource opens the resource form: to add a resource to a program of the
// team (programID preselects it), or to edit resourceID.
func (d *Dialogs) OpenResource(triggerID, uid, teamID, programID, resourceID string) error {
	d = d.forReader(uid)
	var r *domain.Resource
	state := ""
	title := msgResourceTitleAdd
	var elements []model.DialogElement
	if resourceID != "" {
		v, err := d.Svc.Resources.Editable(uid, resourceID) // refused before a form that could not be saved
		if err != nil {
			return err
		}
		r, state, title = v.Resource, editState+resourceID, msgResourceTitleEdit
	} else {
		options, def, err := d.resourcePrograms(uid, teamID, programID)
		if err != nil {
			return err
		}
		elements = append(elements, model.DialogElement{DisplayName: d.Tr.T(uid, msgResourceProgram, nil), Name: "program_id",
			Type: "select", Options: options, Default: def})
		r = &domain.Resource{Audience: domain.AudienceAll}
	}
	elements = append(elements,
		model.DialogElement{DisplayName: d.Tr.T(uid, msgResourceName, nil), Name: "title", Type: "text", Default: r.Title, MaxLength: domain.MaxResourceTitle},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgResourceLink, nil), Name: "url", Type: "text", SubType: "url", Default: r.URL,
			Optional: r.FileID != "", Placeholder: "https://", MaxLength: domain.MaxResourceURL},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgResourceDescription, nil), Name: "description", Type: "textarea", Default: r.Description,
			Optional: true, MaxLength: domain.MaxResourceDescription},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgResourceTags, nil), Name: "tags", Type: "text", Default: strings.Join(r.Tags, ", "),
			Optional: true, HelpText: d.Tr.T(uid, msgResourceTagsHelp, nil)},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgResourceAudience, nil), Name: "audience", Type: "select", Default: r.Audience,
			Options: []*model.PostActionOptions{
				{Text: d.Tr.T(uid, msgAudienceOptionAll, nil), Value: domain.AudienceAll},
				{Text: d.Tr.T(uid, msgAudienceOptionMentor, nil), Value: domain.AudienceMentors},
				{Text: d.Tr.T(uid, msgAudienceOptionMentee, nil), Value: domain.AudienceMentees},
			}},
	)
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       ResourceURL,
		Dialog: model.Dialog{
			CallbackId:  teamID,
			Title:       d.Tr.T(uid, title, nil),
			SubmitLabel: d.Tr.T(uid, msgSave, nil),
			State:       state,
			Elements:    elements,
		},
	})
}

// resourcePrograms are the programs of the team whose hub the user may add to
// (coordinators) or suggest to (members).
func (d *Dialogs) resourcePrograms(uid, teamID, preselected string) ([]*model.PostActionOptions, string, error) {
	programs, err := d.Svc.Programs.List(uid, teamID, false)
	if err != nil {
		return nil, "", err
	}
	mine, err := d.Svc.Enrollments.ByProgram(uid)
	if err != nil {
		return nil, "", err
	}
	var options []*model.PostActionOptions
	def := ""
	for _, p := range programs {
		e := mine[p.ID]
		member := e != nil && (e.Status == domain.StatusActive || e.Status == domain.StatusPaused)
		if !member && !d.Svc.Permissions.CanCoordinate(uid, p) {
			continue
		}
		options = append(options, &model.PostActionOptions{Text: p.Name, Value: p.ID})
		if p.ID == preselected || def == "" {
			def = p.ID
		}
	}
	if len(options) == 0 {
		return nil, "", &app.Error{Kind: app.KindNotFound, Message: msgResourceNoProgram}
	}
	return options, def, nil
}

// SubmitResource adds (or suggests) or edits a resource from the form.
func (d *Dialogs) SubmitResource(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	in := app.ResourceInput{Title: text(req.Submission, "title"), URL: text(req.Submission, "url"),
		Description: text(req.Submission, "description"), Audience: text(req.Submission, "audience")}
	tags := SplitList(*text(req.Submission, "tags"))
	in.Tags = &tags
	var (
		v       *app.ResourceView
		err     error
		created = !strings.HasPrefix(req.State, editState)
	)
	if created {
		v, err = d.Svc.Resources.Create(uid, *text(req.Submission, "program_id"), in)
	} else {
		cur, getErr := d.Svc.Resources.Get(uid, strings.TrimPrefix(req.State, editState))
		if getErr != nil {
			return d.errorResponse(uid, getErr)
		}
		if cur.FileID != "" && *in.URL == "" {
			in.URL = nil // the form cannot show a file: an empty link keeps it
		}
		v, err = d.Svc.Resources.Update(uid, cur.ID, in)
	}
	if err != nil {
		return d.errorResponse(uid, err)
	}
	var p *domain.Program
	if v.ProgramID != "" {
		if p, err = d.Svc.Programs.Get(uid, v.ProgramID); err != nil {
			return d.errorResponse(uid, err)
		}
	}
	d.tell(uid, req.ChannelId, ResourceOutcome(d.Tr, uid, v, HubName(d.Tr, uid, p), created))
	return nil
}

// SplitList reads a comma-separated list, dropping empty items.
func SplitList(s string) []string {
	out := []string{}
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
