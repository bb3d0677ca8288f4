package dialog

import (
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// CheckInNoteURL receives the check-in note form.
const CheckInNoteURL = "/plugins/mentorship/api/v1/dialogs/checkin-note"

var (
	msgCheckInNoteTitle  = &i18n.Message{ID: "dialog.checkin.title", Other: "Your check-in"}
	msgCheckInNoteIntro  = &i18n.Message{ID: "dialog.checkin.intro", Other: "How is it going? Only you and the program's coordinators see your answer and your note; your partner does not."}
	msgCheckInFieldAns   = &i18n.Message{ID: "dialog.checkin.answer", Other: "Answer"}
	msgCheckInFieldNote  = &i18n.Message{ID: "dialog.checkin.note", Other: "Note"}
	msgCheckInNoteHelp   = &i18n.Message{ID: "dialog.checkin.note_help", Other: "Anything your coordinators should know (optional)."}
	msgCheckInNoteSaved  = &i18n.Message{ID: "dialog.checkin.saved", Other: "Saved your check-in: {{.Answer}}."}
	msgCheckInStaleForm  = &i18n.Message{ID: "dialog.checkin.stale", Other: "This form does not name a check-in any more; answer with `/mentor checkin` instead."}
	msgCheckInSubmitNote = &i18n.Message{ID: "dialog.checkin.submit", Other: "Save"}
)

// checkInState is the form's state: "matchID|round".
func checkInState(matchID string, round int) string { return matchID + "|" + strconv.Itoa(round) }

func readCheckInState(state string) (string, int, bool) {
	matchID, roundText, ok := strings.Cut(state, "|")
	round, err := strconv.Atoi(roundText)
	return matchID, round, ok && err == nil && round > 0 && model.IsValidId(matchID)
}

// OpenCheckInNote opens the note form of one round, filled with the user's
// current answer and note.
func (d *Dialogs) OpenCheckInNote(triggerID, uid, matchID string, round int) error {
	d = d.forReader(uid)
	v, err := d.Svc.CheckIns.List(uid, matchID)
	if err != nil {
		return err
	}
	var current domain.CheckInAnswer
	for _, r := range v.Rounds {
		if r.Round == round {
			current = r.Answers[uid]
		}
	}
	options := make([]*model.PostActionOptions, 0, len(domain.CheckInAnswers))
	for _, a := range domain.CheckInAnswers {
		options = append(options, &model.PostActionOptions{Text: notify.CheckInAnswerLabel(d.Tr, uid, a), Value: a})
	}
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       CheckInNoteURL,
		Dialog: model.Dialog{
			Title:            d.Tr.T(uid, msgCheckInNoteTitle, nil),
			IntroductionText: d.Tr.T(uid, msgCheckInNoteIntro, nil),
			SubmitLabel:      d.Tr.T(uid, msgCheckInSubmitNote, nil),
			State:            checkInState(matchID, round),
			Elements: []model.DialogElement{
				{DisplayName: d.Tr.T(uid, msgCheckInFieldAns, nil), Name: "answer", Type: "radio", Options: options, Default: current.Answer},
				{DisplayName: d.Tr.T(uid, msgCheckInFieldNote, nil), Name: "note", Type: "textarea", Optional: true,
					MaxLength: domain.MaxCheckInNote, Default: current.Note, HelpText: d.Tr.T(uid, msgCheckInNoteHelp, nil)},
			},
		},
	})
}

// SubmitCheckInNote saves the answer and note of the form.
func (d *Dialogs) SubmitCheckInNote(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	matchID, round, ok := readCheckInState(req.State)
	if !ok {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgCheckInStaleForm, nil)}
	}
	note := *text(req.Submission, "note")
	v, err := d.Svc.CheckIns.Answer(uid, matchID, app.CheckInInput{Answer: *text(req.Submission, "answer"), Note: &note, Round: round})
	if err != nil {
		return d.formError(uid, err, map[string]string{"answer": "answer", "note": "note"})
	}
	d.tell(uid, req.ChannelId, d.Tr.T(uid, msgCheckInNoteSaved, map[string]any{"Answer": notify.CheckInAnswerLabel(d.Tr, uid, v.Answers[uid].Answer)}))
	return nil
}
