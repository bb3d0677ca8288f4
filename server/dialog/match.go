package dialog

import (
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// Submission URLs of the match forms, relative to the server root.
const (
	EndURL    = "/plugins/mentorship/api/v1/dialogs/end"
	SurveyURL = "/plugins/mentorship/api/v1/dialogs/survey"
)

// MaxSurveyText bounds the survey comment (a dialog textarea holds 3000).
const MaxSurveyText = 2000

// MaxEndReason bounds the reason given when ending a match.
const MaxEndReason = 1000

var (
	msgEndTitle        = &i18n.Message{ID: "dialog.end.title", Other: "End a match"}
	msgEndSubmit       = &i18n.Message{ID: "dialog.end.submit", Other: "End the match"}
	msgEndIntro        = &i18n.Message{ID: "dialog.end.intro", Other: "Ending closes the pair's channel per the program's setting and asks both of you for feedback."}
	msgFieldMatch      = &i18n.Message{ID: "dialog.end.match", Other: "Match"}
	msgFieldOutcome    = &i18n.Message{ID: "dialog.end.outcome", Other: "Outcome"}
	msgOutcomeComplete = &i18n.Message{ID: "dialog.end.outcome_completed", Other: "Completed: we reached our goals"}
	msgOutcomeCancel   = &i18n.Message{ID: "dialog.end.outcome_cancelled", Other: "Cancelled: ending early"}
	msgFieldReason     = &i18n.Message{ID: "dialog.end.reason", Other: "Reason"}
	msgReasonHelp      = &i18n.Message{ID: "dialog.end.reason_help", Other: "Optional; both of you and the coordinators see it."}
	msgEnded           = &i18n.Message{ID: "dialog.end.done", Other: "The match is {{.Status}}. I sent both of you the feedback form."}
	msgSurveyTitle     = &i18n.Message{ID: "dialog.survey.title", Other: "How did it go?"}
	msgSurveySubmit    = &i18n.Message{ID: "dialog.survey.submit", Other: "Send"}
	msgSurveyIntro     = &i18n.Message{ID: "dialog.survey.intro", Other: "The program's coordinators see your answer; your partner sees it only if you share it."}
	// The exit survey's "share with my partner" checkbox (check-ins helper).
	msgSurveyShared     = &i18n.Message{ID: "dialog.survey.shared", Other: "Share with my partner"}
	msgSurveySharedText = &i18n.Message{ID: "dialog.survey.shared_text", Other: "Let my partner read my rating and comment too (otherwise only the coordinators do)."}
	msgFieldRating      = &i18n.Message{ID: "dialog.survey.rating", Other: "Rating"}
	msgFieldComment     = &i18n.Message{ID: "dialog.survey.comment", Other: "Comment"}
	msgRating5          = &i18n.Message{ID: "dialog.survey.rating_5", Other: "5: excellent"}
	msgRating4          = &i18n.Message{ID: "dialog.survey.rating_4", Other: "4: good"}
	msgRating3          = &i18n.Message{ID: "dialog.survey.rating_3", Other: "3: fair"}
	msgRating2          = &i18n.Message{ID: "dialog.survey.rating_2", Other: "2: poor"}
	msgRating1          = &i18n.Message{ID: "dialog.survey.rating_1", Other: "1: very poor"}
	msgBadRating        = &i18n.Message{ID: "dialog.survey.bad_rating", Other: "Pick a rating from 1 to 5."}
	msgThanks           = &i18n.Message{ID: "dialog.survey.thanks", Other: "Thank you for your feedback; the coordinators will read it."}
	msgStaleForm        = &i18n.Message{ID: "dialog.match.stale_form", Other: "This form does not name a match any more; open it again from the match."}
)

// EndChoice is one match the user may end, labelled for the form.
type EndChoice struct {
	MatchID string
	Label   string // e.g. "@ana in Spring"
}

// OpenEnd opens the end form. With one choice the form ends that match; with
// several it asks which.
func (d *Dialogs) OpenEnd(triggerID, uid string, choices []EndChoice) error {
	d = d.forReader(uid)
	var elements []model.DialogElement
	state := ""
	if len(choices) == 1 {
		state = choices[0].MatchID
	} else {
		options := make([]*model.PostActionOptions, 0, len(choices))
		for _, c := range choices {
			options = append(options, &model.PostActionOptions{Text: c.Label, Value: c.MatchID})
		}
		elements = append(elements, model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldMatch, nil), Name: "match_id", Type: "select", Options: options})
	}
	elements = append(elements,
		model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldOutcome, nil), Name: "outcome", Type: "radio", Default: app.OutcomeCompleted,
			Options: []*model.PostActionOptions{
				{Text: d.Tr.T(uid, msgOutcomeComplete, nil), Value: app.OutcomeCompleted},
				{Text: d.Tr.T(uid, msgOutcomeCancel, nil), Value: app.OutcomeCancelled},
			}},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldReason, nil), Name: "reason", Type: "textarea", Optional: true,
			MaxLength: MaxEndReason, HelpText: d.Tr.T(uid, msgReasonHelp, nil)},
	)
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       EndURL,
		Dialog: model.Dialog{
			Title:            d.Tr.T(uid, msgEndTitle, nil),
			IntroductionText: d.Tr.T(uid, msgEndIntro, nil),
			SubmitLabel:      d.Tr.T(uid, msgEndSubmit, nil),
			State:            state,
			Elements:         elements,
		},
	})
}

// formMatchID is the match a form is about: its state, or the match picked in
// it. Both come back from the client, so the service checks the user's right.
func formMatchID(req *model.SubmitDialogRequest) (string, bool) {
	id := req.State
	if id == "" {
		id = *text(req.Submission, "match_id")
	}
	return id, model.IsValidId(id)
}

// SubmitEnd ends the match from the end form.
func (d *Dialogs) SubmitEnd(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	matchID, ok := formMatchID(req)
	if !ok {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleForm, nil)}
	}
	in := app.EndInput{Outcome: *text(req.Submission, "outcome"), Reason: *text(req.Submission, "reason")}
	m, err := d.Svc.Matches.End(uid, matchID, in)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	d.tell(uid, req.ChannelId, d.Tr.T(uid, msgEnded, map[string]any{"Status": notify.MatchStatus(d.Tr, uid, m.Status)}))
	return nil
}

// OpenSurvey opens the exit survey of a match.
func (d *Dialogs) OpenSurvey(triggerID, uid, matchID string) error {
	d = d.forReader(uid)
	ratings := []*model.PostActionOptions{
		{Text: d.Tr.T(uid, msgRating5, nil), Value: "5"},
		{Text: d.Tr.T(uid, msgRating4, nil), Value: "4"},
		{Text: d.Tr.T(uid, msgRating3, nil), Value: "3"},
		{Text: d.Tr.T(uid, msgRating2, nil), Value: "2"},
		{Text: d.Tr.T(uid, msgRating1, nil), Value: "1"},
	}
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       SurveyURL,
		Dialog: model.Dialog{
			Title:            d.Tr.T(uid, msgSurveyTitle, nil),
			IntroductionText: d.Tr.T(uid, msgSurveyIntro, nil),
			SubmitLabel:      d.Tr.T(uid, msgSurveySubmit, nil),
			State:            matchID,
			Elements: []model.DialogElement{
				{DisplayName: d.Tr.T(uid, msgFieldRating, nil), Name: "rating", Type: "radio", Options: ratings},
				{DisplayName: d.Tr.T(uid, msgFieldComment, nil), Name: "text", Type: "textarea", Optional: true, MaxLength: MaxSurveyText},
				{DisplayName: d.Tr.T(uid, msgSurveyShared, nil), Name: "shared", Type: "bool", Optional: true, Default: "false",
					Placeholder: d.Tr.T(uid, msgSurveySharedText, nil)},
			},
		},
	})
}

// SubmitSurvey records the user's exit survey.
func (d *Dialogs) SubmitSurvey(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	if !model.IsValidId(req.State) {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleForm, nil)}
	}
	rating, err := strconv.Atoi(*text(req.Submission, "rating"))
	if err != nil || rating < 1 || rating > 5 {
		return &model.SubmitDialogResponse{Errors: map[string]string{"rating": d.Tr.T(uid, msgBadRating, nil)}}
	}
	if _, err := d.Svc.Matches.Survey(uid, req.State, app.SurveyInput{Rating: rating, Text: *text(req.Submission, "text"), Shared: boolField(req.Submission, "shared")}); err != nil {
		return d.errorResponse(uid, err)
	}
	d.tell(uid, req.ChannelId, d.Tr.T(uid, msgThanks, nil))
	return nil
}
