package dialog

// The goal form: a new goal for a match, or an existing goal to edit. The
// match (and the goal) travel in the dialog's State; they come back from the
// client, so the service checks the user's right again on submit.

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// GoalURL receives the goal form, relative to the server root.
const GoalURL = "/plugins/mentorship/api/v1/dialogs/goal"

var (
	msgGoalAddTitle      = &i18n.Message{ID: "dialog.goal.title_add", Other: "Set a goal"}
	msgGoalEditTitle     = &i18n.Message{ID: "dialog.goal.title_edit", Other: "Update the goal"}
	msgGoalSubmit        = &i18n.Message{ID: "dialog.goal.submit", Other: "Save"}
	msgGoalIntro         = &i18n.Message{ID: "dialog.goal.intro", Other: "Your partner sees the goal, and a short card about each change appears in your pair's channel. The program's coordinators can read it."}
	msgGoalFieldTitle    = &i18n.Message{ID: "dialog.goal.field_title", Other: "Goal"}
	msgGoalTitleHelp     = &i18n.Message{ID: "dialog.goal.title_help", Other: "What you want to achieve, in a few words."}
	msgGoalFieldDesc     = &i18n.Message{ID: "dialog.goal.field_description", Other: "Description"}
	msgGoalFieldMeasure  = &i18n.Message{ID: "dialog.goal.field_measure", Other: "Measure of success"}
	msgGoalMeasureHelp   = &i18n.Message{ID: "dialog.goal.measure_help", Other: "How you will both know it is achieved."}
	msgGoalFieldDue      = &i18n.Message{ID: "dialog.goal.field_due", Other: "Due date"}
	msgGoalDueHelp       = &i18n.Message{ID: "dialog.goal.due_help", Other: "YYYY-MM-DD; optional."}
	msgGoalFieldSteps    = &i18n.Message{ID: "dialog.goal.field_milestones", Other: "Milestones"}
	msgGoalStepsHelp     = &i18n.Message{ID: "dialog.goal.milestones_help", Other: "One per line; optional. Ticking them moves the progress unless you set it yourself."}
	msgGoalFieldNewSteps = &i18n.Message{ID: "dialog.goal.field_new_milestones", Other: "New milestones"}
	msgGoalFieldProgress = &i18n.Message{ID: "dialog.goal.field_progress", Other: "Progress (%)"}
	msgGoalProgressHelp  = &i18n.Message{ID: "dialog.goal.progress_help", Other: "0 to 100; empty: from the milestones done."}
	msgGoalFieldStatus   = &i18n.Message{ID: "dialog.goal.field_status", Other: "Status"}
	msgGoalFieldNote     = &i18n.Message{ID: "dialog.goal.field_note", Other: "Note"}
	msgGoalNoteHelp      = &i18n.Message{ID: "dialog.goal.note_help", Other: "Optional: what moved, or what is in the way. It goes on the card."}
	msgGoalProgressWhole = &i18n.Message{ID: "dialog.goal.progress_number", Other: "Write a whole number from 0 to 100, for example 40."}
	msgStaleGoalForm     = &i18n.Message{ID: "dialog.goal.stale_form", Other: "This form does not name a match any more; open it again with `/mentor goal add` in your pair's channel."}

	// MsgGoalSaved tells the author of a new goal or an update where it stands.
	MsgGoalSaved = &i18n.Message{ID: "outcome.goal_saved", Other: "Goal {{.Number}} saved: **{{.Title}}** {{.Bar}} · {{.Status}}"}
)

// goalState is what a goal form is about.
type goalState struct {
	MatchID string `json:"m"`
	GoalID  string `json:"g,omitempty"`
}

// goalFields maps the service's field names to the form's.
var goalFields = map[string]string{
	"title": "title", "description": "description", "measure": "measure", "due": "due", "progress": "progress",
	"status": "status", "note": "note", "milestones": "milestones", "add_milestones": "milestones",
}

// OpenGoal opens the goal form for a match: empty for a new goal, or filled
// in with goal to edit it.
func (d *Dialogs) OpenGoal(triggerID, uid, matchID string, goal *domain.Goal) error {
	d = d.forReader(uid)
	st := goalState{MatchID: matchID}
	title := msgGoalAddTitle
	g := &domain.Goal{Status: domain.GoalOnTrack}
	if goal != nil {
		st.GoalID, title, g = goal.ID, msgGoalEditTitle, goal
	}
	progress := ""
	if g.ProgressSet {
		progress = strconv.Itoa(g.Progress)
	}
	elements := []model.DialogElement{
		{DisplayName: d.Tr.T(uid, msgGoalFieldTitle, nil), Name: "title", Type: "text", Default: g.Title,
			MaxLength: domain.MaxGoalTitle, HelpText: d.Tr.T(uid, msgGoalTitleHelp, nil)},
		{DisplayName: d.Tr.T(uid, msgGoalFieldDesc, nil), Name: "description", Type: "textarea", Optional: true,
			Default: g.Description, MaxLength: domain.MaxGoalDescription},
		{DisplayName: d.Tr.T(uid, msgGoalFieldMeasure, nil), Name: "measure", Type: "textarea", Optional: true,
			Default: g.Measure, MaxLength: domain.MaxGoalMeasure, HelpText: d.Tr.T(uid, msgGoalMeasureHelp, nil)},
		{DisplayName: d.Tr.T(uid, msgGoalFieldDue, nil), Name: "due", Type: "text", Optional: true, Default: g.Due,
			Placeholder: "2026-12-31", MaxLength: 10, HelpText: d.Tr.T(uid, msgGoalDueHelp, nil)},
	}
	stepsLabel := msgGoalFieldSteps
	if goal != nil {
		stepsLabel = msgGoalFieldNewSteps
	}
	elements = append(elements,
		model.DialogElement{DisplayName: d.Tr.T(uid, stepsLabel, nil), Name: "milestones", Type: "textarea", Optional: true,
			MaxLength: domain.MaxMilestonesPerGoal * (domain.MaxGoalTitle + 1), HelpText: d.Tr.T(uid, msgGoalStepsHelp, nil)},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgGoalFieldProgress, nil), Name: "progress", Type: "text", SubType: "number",
			Optional: true, Default: progress, HelpText: d.Tr.T(uid, msgGoalProgressHelp, nil)})
	if goal != nil {
		options := make([]*model.PostActionOptions, 0, len(domain.GoalStatuses))
		for _, s := range domain.GoalStatuses {
			options = append(options, &model.PostActionOptions{Text: notify.GoalStatusLabel(d.Tr, uid, s), Value: s})
		}
		elements = append(elements,
			model.DialogElement{DisplayName: d.Tr.T(uid, msgGoalFieldStatus, nil), Name: "status", Type: "select",
				Options: options, Default: g.Status},
			model.DialogElement{DisplayName: d.Tr.T(uid, msgGoalFieldNote, nil), Name: "note", Type: "textarea", Optional: true,
				MaxLength: domain.MaxGoalNote, HelpText: d.Tr.T(uid, msgGoalNoteHelp, nil)})
	}
	state, _ := json.Marshal(st)
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       GoalURL,
		Dialog: model.Dialog{
			Title:            d.Tr.T(uid, title, nil),
			IntroductionText: d.Tr.T(uid, msgGoalIntro, nil),
			SubmitLabel:      d.Tr.T(uid, msgGoalSubmit, nil),
			State:            string(state),
			Elements:         elements,
		},
	})
}

// lines splits a textarea into its non-empty lines.
func lines(text string) []string {
	var out []string
	for _, line := range strings.Split(domain.NormalizeNewlines(text), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// SubmitGoal adds the goal, or saves the changes made to it. An edit sends
// only the fields that differ from the stored goal, so it never announces a
// change that is none.
func (d *Dialogs) SubmitGoal(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	var st goalState
	if err := json.Unmarshal([]byte(req.State), &st); err != nil || !model.IsValidId(st.MatchID) {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleGoalForm, nil)}
	}
	sub := req.Submission
	var progress *int
	if raw := *text(sub, "progress"); raw != "" {
		n, ok := wholeNumber(raw)
		if !ok {
			return &model.SubmitDialogResponse{Errors: map[string]string{"progress": d.Tr.T(uid, msgGoalProgressWhole, nil)}}
		}
		progress = &n
	}
	var (
		goal *domain.Goal
		err  error
	)
	if st.GoalID == "" {
		goal, err = d.Svc.Goals.Add(uid, st.MatchID, app.GoalInput{Title: *text(sub, "title"), Description: *text(sub, "description"),
			Measure: *text(sub, "measure"), Due: *text(sub, "due"), Milestones: lines(*text(sub, "milestones")), Progress: progress})
	} else {
		goal, err = d.saveGoal(uid, st, progress, sub)
	}
	if err != nil {
		return d.formError(uid, err, goalFields)
	}
	d.tell(uid, req.ChannelId, d.goalOutcome(uid, st.MatchID, goal))
	return nil
}

// saveGoal sends the edit form's changes.
func (d *Dialogs) saveGoal(uid string, st goalState, progress *int, sub map[string]any) (*domain.Goal, error) {
	cur, err := d.Svc.Goals.Get(uid, st.MatchID, st.GoalID)
	if err != nil {
		return nil, err
	}
	var patch app.GoalPatch
	for _, f := range []struct {
		name  string
		value string
		into  **string
	}{
		{"title", cur.Title, &patch.Title}, {"description", cur.Description, &patch.Description},
		{"measure", cur.Measure, &patch.Measure}, {"due", cur.Due, &patch.Due}, {"status", cur.Status, &patch.Status},
	} {
		if typed := *text(sub, f.name); typed != f.value {
			*f.into = &typed
		}
	}
	if progress != nil && (!cur.ProgressSet || *progress != cur.Progress) {
		patch.Progress = progress
	}
	if note := *text(sub, "note"); note != "" {
		patch.Note = &note
	}
	patch.AddMilestones = lines(*text(sub, "milestones"))
	return d.Svc.Goals.Update(uid, st.MatchID, st.GoalID, patch)
}

// goalOutcome tells the author where the goal stands, with its number.
func (d *Dialogs) goalOutcome(uid, matchID string, goal *domain.Goal) string {
	return GoalOutcome(d.Tr, uid, goalNumber(d.Svc, uid, matchID, goal.ID), goal)
}

// goalNumber is the goal's number in its match's list (1, 2, …), 0 when unknown.
func goalNumber(svc *app.Services, uid, matchID, goalID string) int {
	if v, err := svc.Goals.List(uid, matchID); err == nil {
		for i, g := range v.Goals {
			if g.ID == goalID {
				return i + 1
			}
		}
	}
	return 0
}

// GoalOutcome is the reply after a goal was set or changed.
func GoalOutcome(tr *i18n.Translator, uid string, number int, goal *domain.Goal) string {
	return tr.T(uid, MsgGoalSaved, map[string]any{"Number": number, "Title": goal.Title,
		"Bar": notify.ProgressBar(goal.Progress), "Status": notify.GoalStatusLabel(tr, uid, goal.Status)})
}
