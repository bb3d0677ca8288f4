package notify

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgWelcomeTitle         = &i18n.Message{ID: "notify.welcome.title", Other: "#### Welcome to {{.Program}}, {{.User}}!"}
	msgWelcomeRole          = &i18n.Message{ID: "notify.welcome.role", Other: "**Your role:** {{.Role}}"}
	msgRoleMentee           = &i18n.Message{ID: "notify.role.mentee", Other: "mentee"}
	msgRoleMentor           = &i18n.Message{ID: "notify.role.mentor", Other: "mentor (up to {{.Capacity}} mentees)"}
	msgRolePeer             = &i18n.Message{ID: "notify.role.peer", Other: "peer"}
	msgRoleBoth             = &i18n.Message{ID: "notify.role.both", Other: "mentor (up to {{.Capacity}} mentees) and mentee"}
	msgNextMentee           = &i18n.Message{ID: "notify.welcome.next.mentee", Other: "**Next step:** think about what you want to learn and tell your coordinators ({{.Coordinators}}); they pair mentees with mentors in this program and will get in touch."}
	msgNextMentor           = &i18n.Message{ID: "notify.welcome.next.mentor", Other: "**Next step:** your coordinators ({{.Coordinators}}) pair mentors with mentees in this program; they will get in touch when they have a mentee for you."}
	msgNextPeer             = &i18n.Message{ID: "notify.welcome.next.peer", Other: "**Next step:** your coordinators ({{.Coordinators}}) form the peer circles of this program and will get in touch."}
	msgResources            = &i18n.Message{ID: "notify.welcome.resources", Other: "**Onboarding resources:**"}
	msgNoResources          = &i18n.Message{ID: "notify.welcome.no_resources", Other: "**Onboarding resources:** none yet; your coordinators will add reading for your role here."}
	msgWelcomeHelp          = &i18n.Message{ID: "notify.welcome.help", Other: "Open the Mentorship sidebar to see your programs, or type `/mentor help` for everything you can do. To step back for a while: `/mentor pause {{.Slug}}`."}
	msgPendingMember        = &i18n.Message{ID: "notify.pending.member", Other: "Your request to join **{{.Program}}** as a {{.Role}} is waiting for a coordinator ({{.Coordinators}}). I will tell you when they decide."}
	msgPendingCoord         = &i18n.Message{ID: "notify.pending.coordinator", Other: "{{.User}} asks to join **{{.Program}}** as a {{.Role}}."}
	msgGoalsLine            = &i18n.Message{ID: "notify.pending.goals", Other: "Their goals:"}
	msgApprove              = &i18n.Message{ID: "notify.button.approve", Other: "Approve"}
	msgDecline              = &i18n.Message{ID: "notify.button.decline", Other: "Decline"}
	msgApprovedBy           = &i18n.Message{ID: "api.decide.approved", Other: "✅ {{.Member}} was approved for **{{.Program}}** by {{.Coordinator}}."}
	msgDeclinedBy           = &i18n.Message{ID: "api.decide.declined", Other: "❌ {{.Member}} was declined for **{{.Program}}** by {{.Coordinator}}."}
	msgPendingNoCoordinator = &i18n.Message{ID: "notify.pending.no_coordinator", Other: "Your request to join **{{.Program}}** as a {{.Role}} is waiting, but the program has no coordinator in this team right now. Ask a team admin to add one."}
	msgWithdrawn            = &i18n.Message{ID: "notify.request.withdrawn", Other: "↩️ {{.Member}} withdrew the request to join **{{.Program}}**."}
	msgDeclined             = &i18n.Message{ID: "notify.declined", Other: "Your request to join **{{.Program}}** was declined. Ask a coordinator ({{.Coordinators}}) if you want to know more."}
)

// roleText names the member's role with their capacity; tr is bound to the reader.
func roleText(tr *i18n.Translator, e *domain.Enrollment) string {
	data := map[string]any{"Capacity": e.Capacity}
	switch e.Role {
	case domain.RoleMentor:
		return tr.T("", msgRoleMentor, data)
	case domain.RolePeer:
		return tr.T("", msgRolePeer, data)
	case domain.RoleBoth:
		return tr.T("", msgRoleBoth, data)
	default:
		return tr.T("", msgRoleMentee, data)
	}
}

// WelcomeText is the personal welcome for a member whose enrollment is active.
func (n *Notifier) WelcomeText(p *domain.Program, e *domain.Enrollment) string {
	uid := e.UserID
	tr := n.Tr.For(uid) // one locale lookup for the whole message
	data := map[string]any{"Program": p.Name, "User": n.username(uid), "Role": roleText(tr, e),
		"Coordinators": n.coordinatorList(p), "Slug": p.Slug}
	lines := []string{tr.T(uid, msgWelcomeTitle, data)}
	if p.Description != "" {
		lines = append(lines, p.Description)
	}
	lines = append(lines, "", tr.T(uid, msgWelcomeRole, data))
	switch e.Role {
	case domain.RoleMentor:
		lines = append(lines, tr.T(uid, msgNextMentor, data))
	case domain.RolePeer:
		lines = append(lines, tr.T(uid, msgNextPeer, data))
	default:
		lines = append(lines, tr.T(uid, msgNextMentee, data))
	}
	if resources := n.Resources.Onboarding(p.ID, e.Role); len(resources) > 0 {
		lines = append(lines, tr.T(uid, msgResources, data))
		for _, r := range resources {
			lines = append(lines, "- ["+linkText(r.Title)+"]("+r.URL+")")
		}
	} else {
		lines = append(lines, tr.T(uid, msgNoResources, data))
	}
	lines = append(lines, "", tr.T(uid, msgWelcomeHelp, data))
	return strings.Join(lines, "\n")
}

// Welcome greets a member whose enrollment just became active.
func (n *Notifier) Welcome(p *domain.Program, e *domain.Enrollment) {
	n.dm(e.UserID, &model.Post{Message: n.WelcomeText(p, e), Type: "custom_mentorship_welcome",
		Props: model.StringInterface{"program_id": p.ID}})
}

// ApprovalRequested tells the member their request waits, and asks each
// coordinator with Approve / Decline buttons.
func (n *Notifier) ApprovalRequested(p *domain.Program, e *domain.Enrollment) []domain.RequestPost {
	member := n.Tr.For(e.UserID)
	pending := msgPendingMember
	if len(p.Coordinators) == 0 {
		pending = msgPendingNoCoordinator
	}
	n.dm(e.UserID, &model.Post{Message: member.T(e.UserID, pending, map[string]any{
		"Program": p.Name, "Role": roleText(member, e), "Coordinators": n.coordinatorList(p)})})

	var asked []domain.RequestPost

	for _, coord := range p.Coordinators {
		tr := n.Tr.For(coord)
		data := map[string]any{"Program": p.Name, "User": n.username(e.UserID), "Role": roleText(tr, e)}
		text := tr.T(coord, msgPendingCoord, data)
		if e.Goals != "" {
			text += "\n" + tr.T(coord, msgGoalsLine, nil) + "\n" + quote(e.Goals)
		}
		post := &model.Post{Props: model.StringInterface{"attachments": []*model.SlackAttachment{{
			Text: text,
			Actions: []*model.PostAction{
				decideButton("approve", tr.T(coord, msgApprove, nil), "good", p.ID, e.UserID),
				decideButton("decline", tr.T(coord, msgDecline, nil), "danger", p.ID, e.UserID),
			},
		}}}}
		if n.dm(coord, post) {
			asked = append(asked, domain.RequestPost{UserID: coord, PostID: post.Id})
		}
	}
	return asked
}

// DecisionText says who decided a join request, in the reader's language.
func DecisionText(tr *i18n.Translator, readerID, member, program, decider string, approved bool) string {
	msg := msgDeclinedBy
	if approved {
		msg = msgApprovedBy
	}
	return tr.T(readerID, msg, map[string]any{"Member": member, "Program": program, "Coordinator": decider})
}

// RequestDecided replaces the Approve / Decline buttons in every coordinator's
// request DM with who decided what (or that the member withdrew), so that no stale
// button is left, whichever surface the decision came from.
func (n *Notifier) RequestDecided(p *domain.Program, e *domain.Enrollment, deciderID string, posts []domain.RequestPost) {
	member, decider := n.username(e.UserID), n.username(deciderID)
	for _, asked := range posts {
		post, err := n.Posts.GetPost(asked.PostID)
		if err != nil {
			n.Log.Warn("failed to read a request DM", "post_id", asked.PostID, "error", err.Error())
			continue
		}
		if e.Status == domain.StatusLeft {
			post.Message = n.Tr.T(asked.UserID, msgWithdrawn, map[string]any{"Member": member, "Program": p.Name})
		} else {
			post.Message = DecisionText(n.Tr, asked.UserID, member, p.Name, decider, e.Status == domain.StatusActive)
		}
		post.DelProp("attachments")
		if err := n.Posts.UpdatePost(post); err != nil {
			n.Log.Warn("failed to update a request DM", "post_id", asked.PostID, "error", err.Error())
		}
	}
}

func decideButton(decision, label, style, programID, userID string) *model.PostAction {
	return &model.PostAction{
		Id: decision, Name: label, Type: model.PostActionTypeButton, Style: style,
		Integration: &model.PostActionIntegration{
			URL: ActionDecidePath,
			// The context says what the button is about; whether the clicker may
			// decide is checked again from the stored program when it is pressed.
			Context: map[string]any{"program_id": programID, "user_id": userID, "decision": decision},
		},
	}
}

// RequestDeclined tells the member a coordinator said no.
func (n *Notifier) RequestDeclined(p *domain.Program, e *domain.Enrollment) {
	n.dm(e.UserID, &model.Post{Message: n.Tr.T(e.UserID, msgDeclined, map[string]any{
		"Program": p.Name, "Coordinators": n.coordinatorList(p)})})
}

// quote renders text a member typed as a block quote, line by line, so that its
// line breaks cannot start headings, lists or tables in the bot's message.
func quote(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		lines[i] = "> " + line
	}
	return strings.Join(lines, "\n")
}

// linkText keeps a title from closing its Markdown link early.
func linkText(title string) string {
	return strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(title)
}
