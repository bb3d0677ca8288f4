package dialog

import (
	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Replies shared by the dialogs and the slash command.
var (
	MsgProgramCreated = &i18n.Message{ID: "outcome.program_created", Other: "Program **{{.Program}}** is ready. Members join with `/mentor join {{.Slug}}`."}
	MsgProgramUpdated = &i18n.Message{ID: "outcome.program_updated", Other: "Program **{{.Program}}** was updated."}
	msgJoined         = &i18n.Message{ID: "outcome.joined", Other: "You joined **{{.Program}}** as {{.Role}}. I sent you a welcome message with the next step."}
	msgPending        = &i18n.Message{ID: "outcome.pending", Other: "Your request to join **{{.Program}}** was sent to its coordinators. I will tell you when they decide."}
	msgAlready        = &i18n.Message{ID: "outcome.already", Other: "You are already in **{{.Program}}** (role {{.Role}}, status {{.Status}}). Nothing changed."}
	msgMatchingLater  = &i18n.Message{ID: "outcome.matching_not_yet", Other: "Note: \"{{.Mode}}\" matching is saved but not available yet; until it is, the coordinators pair members."}
)

// ProgramOutcome says that a program was created or updated, and says plainly
// when its matching mode is one the plugin does not run yet.
func ProgramOutcome(tr *i18n.Translator, uid string, p *domain.Program, created bool) string {
	msg := MsgProgramUpdated
	if created {
		msg = MsgProgramCreated
	}
	text := tr.T(uid, msg, map[string]any{"Program": p.Name, "Slug": p.Slug})
	if p.MatchingMode != domain.MatchingCoordinator {
		text += "\n" + tr.T(uid, msgMatchingLater, map[string]any{"Mode": tr.Value(uid, p.MatchingMode)})
	}
	return text
}

// JoinOutcome says what a join did, in the member's language.
func JoinOutcome(tr *i18n.Translator, uid string, p *domain.Program, res *app.JoinResult) string {
	data := map[string]any{"Program": p.Name, "Role": tr.Role(uid, res.Enrollment.Role), "Status": tr.Value(uid, res.Enrollment.Status)}
	switch {
	case !res.Created:
		return tr.T(uid, msgAlready, data)
	case res.Enrollment.Status == domain.StatusPending:
		return tr.T(uid, msgPending, data)
	default:
		return tr.T(uid, msgJoined, data)
	}
}
