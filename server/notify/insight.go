package notify

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// InsightNotifier implements app.InsightNotifier.
type InsightNotifier struct{ Kit }

var _ app.InsightNotifier = (*InsightNotifier)(nil)

var (
	msgNudgeText = &i18n.Message{ID: "insight.notify.nudge",
		Other: "#### 👋 Checking in\nYour coordinator {{.Coordinator}} of **{{.Program}}** is checking in on your mentorship with {{.Partner}}. How is it going? If something is in the way, reply to {{.Coordinator}}; a short message to your partner or a session on the calendar helps keep things moving."}
	msgNudgeNote    = &i18n.Message{ID: "insight.notify.nudge.note", Other: "**Note from {{.Coordinator}}:**"}
	msgNudgeChannel = &i18n.Message{ID: "insight.notify.nudge.channel", Other: "Your pair channel: {{.Channel}}"}
)

// Nudge DMs each side of the match in their own language.
func (n *InsightNotifier) Nudge(p *domain.Program, h *domain.MatchHealth, coordinatorID, note, channelURL string) int {
	coordinator := n.name(coordinatorID)
	channel := n.channelRef(h.ChannelID, channelURL)
	sent := 0
	for _, to := range []string{h.MenteeID, h.MentorID} {
		partner := h.MentorID
		if to == h.MentorID {
			partner = h.MenteeID
		}
		tr := n.Tr.For(to)
		data := map[string]any{"Coordinator": coordinator, "Program": p.Name, "Partner": n.name(partner)}
		lines := []string{tr.T(to, msgNudgeText, data)}
		if note != "" {
			lines = append(lines, "", tr.T(to, msgNudgeNote, data), quote(domain.NormalizeNewlines(note)))
		}
		if channel != "" {
			lines = append(lines, "", tr.T(to, msgNudgeChannel, map[string]any{"Channel": channel}))
		}
		post := &model.Post{Message: strings.Join(lines, "\n"),
			Props: model.StringInterface{"program_id": p.ID, "match_id": h.MatchID}}
		if err := n.Posts.DM(n.BotID(), to, post); err != nil {
			n.Log.Warn("failed to send a nudge DM", "user_id", to, "match_id", h.MatchID, "error", err.Error())
			continue
		}
		sent++
	}
	return sent
}

// channelRef links the pair's channel: the URL when the site URL is known,
// else a ~channel mention, else nothing.
func (n *InsightNotifier) channelRef(channelID, url string) string {
	if channelID == "" {
		return ""
	}
	name := ""
	if ch, err := n.Channels.Get(channelID); err == nil && ch != nil {
		name = ch.Name
	}
	switch {
	case url != "" && name != "":
		return "[~" + name + "](" + url + ")"
	case url != "":
		return url
	case name != "":
		return "~" + name
	}
	return ""
}

// name is @username, or the id when the lookup fails.
func (n *InsightNotifier) name(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}
