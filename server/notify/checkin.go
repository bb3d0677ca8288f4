package notify

import (
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// ActionCheckInPath receives every button of a check-in DM.
const ActionCheckInPath = "/plugins/" + PluginID + "/api/v1/actions/checkin"

// CheckInNote is the action of the "Add a note" button (the others carry an
// answer: great, fine, struggling).
const CheckInNote = "note"

// CheckInNotifier implements app.CheckInNotifier.
type CheckInNotifier struct{ Kit }

var _ app.CheckInNotifier = (*CheckInNotifier)(nil)

var (
	msgCheckInAsk        = &i18n.Message{ID: "checkin.notify.ask", Other: "#### 👋 How is it going with {{.Partner}}?\nYour mentoring check-in in **{{.Program}}**."}
	msgCheckInPrivacy    = &i18n.Message{ID: "checkin.notify.privacy", Other: "Only you and the program's coordinators see your answer; {{.Partner}} does not."}
	msgCheckInAnswered   = &i18n.Message{ID: "checkin.notify.answered", Other: "#### Check-in: {{.Answer}}\nThanks, your answer is saved. Change it with the buttons below, or add a note for your coordinators."}
	msgCheckInNoted      = &i18n.Message{ID: "checkin.notify.noted", Other: "**Your note:**"}
	msgCheckInGreat      = &i18n.Message{ID: "checkin.answer.great", Other: "😀 Great"}
	msgCheckInFine       = &i18n.Message{ID: "checkin.answer.fine", Other: "🙂 Fine"}
	msgCheckInStruggling = &i18n.Message{ID: "checkin.answer.struggling", Other: "😟 Struggling"}
	msgCheckInAddNote    = &i18n.Message{ID: "checkin.button.note", Other: "Add a note"}
	msgStrugglingAlert   = &i18n.Message{ID: "checkin.notify.struggling", Other: "#### ⚠️ {{.User}} is struggling\n{{.User}} answered **struggling** to check-in {{.Round}} of their match with {{.Partner}} in **{{.Program}}**."}
	msgStrugglingHelp    = &i18n.Message{ID: "checkin.notify.struggling.help", Other: "Reach out to them, or nudge the pair from the coordinator tab of the Mentorship sidebar."}
	msgDigestCheckIn     = &i18n.Message{ID: "checkin.notify.digest.line", Other: "- Check-in: how is it going with {{.Partner}}? Answer with `/mentor checkin great`, `fine` or `struggling`."}
)

// CheckInAnswerLabel is an answer as a reader sees it.
func CheckInAnswerLabel(tr *i18n.Translator, uid, answer string) string {
	switch answer {
	case domain.CheckInGreat:
		return tr.T(uid, msgCheckInGreat, nil)
	case domain.CheckInFine:
		return tr.T(uid, msgCheckInFine, nil)
	case domain.CheckInStruggling:
		return tr.T(uid, msgCheckInStruggling, nil)
	}
	return answer
}

func (n *CheckInNotifier) name(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

func (n *CheckInNotifier) dm(userID string, post *model.Post) string {
	if err := n.Posts.DM(n.BotID(), userID, post); err != nil {
		n.Log.Warn("failed to send a check-in DM", "user_id", userID, "error", err.Error())
		return ""
	}
	return post.Id
}

// CheckInButtons are the great / fine / struggling buttons of a round (and
// "Add a note" once answered). The context names the match, the round and
// the answer; who may answer is decided from the stored match. nudge keeps
// the DM findable after a press replaced its props (app/nudges.go).
func CheckInButtons(tr *i18n.Translator, uid, matchID string, round int, nudge string, withNote bool) []*model.PostAction {
	button := func(action, label, style string) *model.PostAction {
		ctx := map[string]any{"match_id": matchID, "round": strconv.Itoa(round), "answer": action}
		if nudge != "" {
			ctx["nudge"] = nudge
		}
		return &model.PostAction{Id: action, Name: label, Type: model.PostActionTypeButton, Style: style,
			Integration: &model.PostActionIntegration{URL: ActionCheckInPath, Context: ctx}}
	}
	out := []*model.PostAction{
		button(domain.CheckInGreat, tr.T(uid, msgCheckInGreat, nil), "good"),
		button(domain.CheckInFine, tr.T(uid, msgCheckInFine, nil), "default"),
		button(domain.CheckInStruggling, tr.T(uid, msgCheckInStruggling, nil), "danger"),
	}
	if withNote {
		out = append(out, button(CheckInNote, tr.T(uid, msgCheckInAddNote, nil), "primary"))
	}
	return out
}

// checkInPost is a check-in DM: the text rides in the attachment that carries
// the buttons, and the post keeps its nudge key.
func checkInPost(text string, actions []*model.PostAction, matchID, programID, nudge string) *model.Post {
	props := model.StringInterface{"match_id": matchID, "attachments": []*model.SlackAttachment{{Text: text, Actions: actions}}}
	if programID != "" {
		props["program_id"] = programID
	}
	if nudge != "" {
		props[PropNudge] = nudge
	}
	return &model.Post{Props: props}
}

// CheckInAnsweredPost replaces a check-in DM once its reader answered: the
// answer (and note), the buttons to change it and "Add a note".
func CheckInAnsweredPost(tr *i18n.Translator, uid, matchID string, round int, a domain.CheckInAnswer, nudge string) *model.Post {
	text := tr.T(uid, msgCheckInAnswered, map[string]any{"Answer": CheckInAnswerLabel(tr, uid, a.Answer)})
	if note := strings.TrimSpace(a.Note); note != "" {
		text += "\n" + tr.T(uid, msgCheckInNoted, nil) + "\n" + quote(note)
	}
	return checkInPost(text, CheckInButtons(tr, uid, matchID, round, nudge, true), matchID, "", nudge)
}

// Prompt asks one side of a match how it is going.
func (n *CheckInNotifier) Prompt(p *domain.Program, m *domain.Match, round *domain.CheckInRound, to, key string) string {
	partner := n.name(m.Partner(to))
	text := n.Tr.T(to, msgCheckInAsk, map[string]any{"Partner": partner, "Program": p.Name}) + "\n" +
		n.Tr.T(to, msgCheckInPrivacy, map[string]any{"Partner": partner})
	return n.dm(to, checkInPost(text, CheckInButtons(n.Tr, to, m.ID, round.Round, key, false), m.ID, p.ID, key))
}

// Struggling tells one coordinator that one side of a match is struggling.
func (n *CheckInNotifier) Struggling(p *domain.Program, m *domain.Match, round int, a domain.CheckInAnswer, to, key string) string {
	lines := []string{n.Tr.T(to, msgStrugglingAlert, map[string]any{"User": n.name(a.UserID), "Partner": n.name(m.Partner(a.UserID)),
		"Round": round, "Program": p.Name})}
	if note := strings.TrimSpace(a.Note); note != "" {
		lines = append(lines, quote(note))
	}
	lines = append(lines, n.Tr.T(to, msgStrugglingHelp, nil))
	post := &model.Post{Message: strings.Join(lines, "\n"), Props: model.StringInterface{"match_id": m.ID, "program_id": p.ID}}
	post.AddProp(PropNudge, key)
	return n.dm(to, post)
}

// digestCheckInLine is a waiting check-in prompt in a digest: the app puts
// the partner's @handle in the nudge's title.
func digestCheckInLine(r reader, nu app.Nudge) string {
	return r.t(msgDigestCheckIn, map[string]any{"Partner": nu.Title})
}
