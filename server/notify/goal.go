package notify

import (
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// GoalNotifier implements app.GoalNotifier: the cards and the pinned summary in
// the pair's channel. A channel has two readers who may read different
// languages; like the pair's introduction, each post is written in the
// mentee's language, followed by the mentor's when it differs.
type GoalNotifier struct{ Kit }

var _ app.GoalNotifier = (*GoalNotifier)(nil)

// PropGoalKey marks the bot's goal posts with their key, so that a retry after
// a crash finds the post it already made (FindPost).
const PropGoalKey = "mentorship_goal"

var (
	msgGoalStatusOnTrack = &i18n.Message{ID: "goal.status.on_track", Other: "on track"}
	msgGoalStatusAtRisk  = &i18n.Message{ID: "goal.status.at_risk", Other: "at risk"}
	msgGoalStatusDone    = &i18n.Message{ID: "goal.status.done", Other: "done"}
	msgGoalStatusDropped = &i18n.Message{ID: "goal.status.dropped", Other: "dropped"}

	msgCardCreated   = &i18n.Message{ID: "goal.card.created", Other: "🎯 {{.Who}} set a new goal: **{{.Title}}**"}
	msgCardProgress  = &i18n.Message{ID: "goal.card.progress", Other: "📈 {{.Who}} updated the progress of **{{.Title}}**"}
	msgCardMilestone = &i18n.Message{ID: "goal.card.milestone", Other: "☑️ {{.Who}} updated a milestone of **{{.Title}}**: {{.Milestone}}"}
	msgCardEdited    = &i18n.Message{ID: "goal.card.edited", Other: "✏️ {{.Who}} edited **{{.Title}}**"}
	msgCardNote      = &i18n.Message{ID: "goal.card.note", Other: "💬 {{.Who}} added a note to **{{.Title}}**"}
	msgCardDone      = &i18n.Message{ID: "goal.card.done", Other: "✅ {{.Who}} completed **{{.Title}}**"}
	msgCardDropped   = &i18n.Message{ID: "goal.card.dropped", Other: "{{.Who}} dropped **{{.Title}}**"}
	msgCardAtRisk    = &i18n.Message{ID: "goal.card.at_risk", Other: "⚠️ {{.Who}} marked **{{.Title}}** at risk"}
	msgCardOnTrack   = &i18n.Message{ID: "goal.card.on_track", Other: "{{.Who}} put **{{.Title}}** back on track"}

	msgSummaryTitle  = &i18n.Message{ID: "goal.summary.title", Other: "#### 🎯 Goals of {{.Mentee}} and {{.Mentor}}"}
	msgSummaryFooter = &i18n.Message{ID: "goal.summary.footer", Other: "_Kept up to date by the Mentorship bot. `/mentor goals` lists the goals; `/mentor goal update N --progress 60` changes one._"}
	msgGoalDue       = &i18n.Message{ID: "goal.line.due", Other: "due {{.Due}}"}
	msgGoalMilestone = &i18n.Message{ID: "goal.line.milestones", Other: "milestones {{.Done}}/{{.Total}}"}
)

var goalStatusLabels = map[string]*i18n.Message{
	domain.GoalOnTrack: msgGoalStatusOnTrack, domain.GoalAtRisk: msgGoalStatusAtRisk,
	domain.GoalDone: msgGoalStatusDone, domain.GoalDropped: msgGoalStatusDropped,
}

var statusCards = map[string]*i18n.Message{
	domain.GoalOnTrack: msgCardOnTrack, domain.GoalAtRisk: msgCardAtRisk,
	domain.GoalDone: msgCardDone, domain.GoalDropped: msgCardDropped,
}

var kindCards = map[string]*i18n.Message{
	"created": msgCardCreated, "progress": msgCardProgress, "milestone": msgCardMilestone,
	"edited": msgCardEdited, "note": msgCardNote,
}

// GoalStatusLabel names a goal status in the reader's language.
func GoalStatusLabel(tr *i18n.Translator, uid, status string) string {
	if m, ok := goalStatusLabels[status]; ok {
		return tr.T(uid, m, nil)
	}
	return status
}

// ProgressBar draws a progress (0–100) as ten blocks and the percentage:
// `▓▓▓▓░░░░░░` 40%.
func ProgressBar(progress int) string {
	progress = min(max(progress, 0), 100)
	full := progress / 10
	return "`" + strings.Repeat("▓", full) + strings.Repeat("░", 10-full) + "` " + strconv.Itoa(progress) + "%"
}

// GoalLine is one goal on one line: its number, title, progress bar, status,
// due date and milestones.
func GoalLine(tr *i18n.Translator, uid string, number int, g *domain.Goal) string {
	parts := []string{ProgressBar(g.Progress), GoalStatusLabel(tr, uid, g.Status)}
	if g.Due != "" {
		parts = append(parts, tr.T(uid, msgGoalDue, map[string]any{"Due": g.Due}))
	}
	if len(g.Milestones) > 0 {
		done := 0
		for _, ms := range g.Milestones {
			if ms.Done {
				done++
			}
		}
		parts = append(parts, tr.T(uid, msgGoalMilestone, map[string]any{"Done": done, "Total": len(g.Milestones)}))
	}
	return strconv.Itoa(number) + ". **" + g.Title + "** " + strings.Join(parts, " · ")
}

func (n *GoalNotifier) name(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

// forPair renders a text for each side of the pair: the mentee's, then the
// mentor's after sep when it reads differently.
func (n *GoalNotifier) forPair(m *domain.Match, sep string, render func(tr *i18n.Translator) string) string {
	text := render(n.Tr.For(m.MenteeID))
	if other := render(n.Tr.For(m.MentorID)); other != text {
		text += sep + other
	}
	return text
}

// CardText is the card of one update for one reader.
func CardText(tr *i18n.Translator, card domain.GoalCard, who string) string {
	msg := kindCards[card.Kind]
	if card.Kind == "status" {
		msg = statusCards[card.Status]
	}
	if msg == nil {
		msg = msgCardEdited
	}
	data := map[string]any{"Who": who, "Title": card.Title, "Milestone": card.Milestone}
	lines := []string{tr.T("", msg, data), ProgressBar(card.Progress) + " · " + GoalStatusLabel(tr, "", card.Status)}
	if card.Note != "" {
		lines = append(lines, quote(card.Note))
	}
	return strings.Join(lines, "\n")
}

// SummaryText is the pinned summary for one reader.
func SummaryText(tr *i18n.Translator, g *domain.MatchGoals, mentee, mentor string) string {
	lines := []string{tr.T("", msgSummaryTitle, map[string]any{"Mentee": mentee, "Mentor": mentor})}
	for i, goal := range g.Goals {
		lines = append(lines, GoalLine(tr, "", i+1, goal))
	}
	return strings.Join(append(lines, "", tr.T("", msgSummaryFooter, nil)), "\n")
}

func goalPost(channelID, botID, text, matchID, key string) *model.Post {
	// A goal's title is the pair's text: "@all" in it must not notify anyone
	// beyond the pair (Mattermost then skips channel-wide mentions).
	return &model.Post{UserId: botID, ChannelId: channelID, Message: text,
		Props: model.StringInterface{PropGoalKey: key, "match_id": matchID, model.PostPropsGroupHighlightDisabled: true}}
}

// Card posts one update's card into the pair's channel.
func (n *GoalNotifier) Card(_ *domain.Program, m *domain.Match, card domain.GoalCard, key string) string {
	who := n.name(card.By)
	text := n.forPair(m, "\n\n", func(tr *i18n.Translator) string { return CardText(tr, card, who) })
	post := goalPost(m.ChannelID, n.BotID(), text, m.ID, key)
	if err := n.Posts.CreatePost(post); err != nil {
		n.Log.Warn("failed to post a goal card", "match_id", m.ID, "channel_id", m.ChannelID, "error", err.Error())
		return ""
	}
	return post.Id
}

func (n *GoalNotifier) summary(m *domain.Match, g *domain.MatchGoals) string {
	mentee, mentor := n.name(m.MenteeID), n.name(m.MentorID)
	return n.forPair(m, "\n\n---\n\n", func(tr *i18n.Translator) string { return SummaryText(tr, g, mentee, mentor) })
}

// Summary posts the pinned summary into the pair's channel.
func (n *GoalNotifier) Summary(_ *domain.Program, m *domain.Match, g *domain.MatchGoals, key string) string {
	post := goalPost(m.ChannelID, n.BotID(), n.summary(m, g), m.ID, key)
	post.IsPinned = true
	if err := n.Posts.CreatePost(post); err != nil {
		n.Log.Warn("failed to post the goal summary", "match_id", m.ID, "channel_id", m.ChannelID, "error", err.Error())
		return ""
	}
	return post.Id
}

// EditSummary rewrites the pinned summary, pinning it again if it was unpinned.
func (n *GoalNotifier) EditSummary(_ *domain.Program, m *domain.Match, g *domain.MatchGoals, postID string) (bool, error) {
	post, err := n.Posts.GetPost(postID)
	if errors.Is(err, pluginapi.ErrNotFound) || (err == nil && (post == nil || post.DeleteAt != 0)) {
		return true, nil
	}
	if err != nil {
		return false, errors.Wrap(err, "read the goal summary")
	}
	text := n.summary(m, g)
	if post.Message == text && post.IsPinned {
		return false, nil
	}
	post.Message, post.IsPinned = text, true
	if err := n.Posts.UpdatePost(post); err != nil {
		return false, errors.Wrap(err, "edit the goal summary")
	}
	return false, nil
}

// FindPost returns the bot's post in the channel marked with key and created
// at or after since.
func (n *GoalNotifier) FindPost(channelID, key string, since time.Time) (string, error) {
	sinceMillis := since.UnixMilli()
	// GetPostsSince returns posts changed strictly after the time.
	list, err := n.Posts.GetPostsSince(channelID, sinceMillis-1)
	if err != nil || list == nil {
		return "", errors.Errorf("read the pair channel to find a goal post: %s", errText(err))
	}
	bot := n.BotID()
	for _, post := range list.Posts {
		if post.UserId == bot && post.CreateAt >= sinceMillis && post.GetProp(PropGoalKey) == key {
			return post.Id, nil
		}
	}
	return "", nil
}

// Changed refreshes the users' open sidebars, once each.
func (n *GoalNotifier) Changed(programID string, userIDs ...string) {
	seen := map[string]bool{}
	for _, id := range userIDs {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		n.Frontend.PublishWebSocketEvent(EventChanged, map[string]any{"program_id": programID}, &model.WebsocketBroadcast{UserId: id})
	}
}
