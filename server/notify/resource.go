package notify

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// ActionResourcePath receives the Approve / Reject buttons of a suggestion.
const ActionResourcePath = "/plugins/" + PluginID + "/api/v1/actions/resource"

// PostTypeResource marks a shared resource's card; its props carry the
// resource id.
const PostTypeResource = "custom_mentorship_resource"

// Resource button decisions.
const (
	ResourceApprove = "approve"
	ResourceReject  = "reject"
)

// cardDescriptionRunes bounds the description shown on a card.
const cardDescriptionRunes = 300

var (
	msgSharedInChannel  = &i18n.Message{ID: "notify.resource.shared_channel", Other: "{{.Sharer}} shared a resource:"}
	msgSharedWithYou    = &i18n.Message{ID: "notify.resource.shared_dm", Other: "{{.Sharer}} shared a resource with you:"}
	msgSuggestedText    = &i18n.Message{ID: "notify.resource.suggested", Other: "{{.Author}} suggests a resource for **{{.Program}}**. Approve it to publish it for {{.Audience}}."}
	msgApproveResource  = &i18n.Message{ID: "notify.resource.approve", Other: "Approve"}
	msgRejectResource   = &i18n.Message{ID: "notify.resource.reject", Other: "Reject"}
	msgApprovedAuthor   = &i18n.Message{ID: "notify.resource.approved_author", Other: "✅ Your suggestion **{{.Title}}** was approved by {{.Coordinator}}; it is now in the resource hub."}
	msgRejectedAuthor   = &i18n.Message{ID: "notify.resource.rejected_author", Other: "Your suggestion **{{.Title}}** was not taken into the resource hub ({{.Coordinator}} decided). Ask them if you want to know more."}
	msgResourceApproved = &i18n.Message{ID: "notify.resource.approved", Other: "✅ **{{.Title}}** was approved by {{.Coordinator}} and is published."}
	msgResourceRejected = &i18n.Message{ID: "notify.resource.rejected", Other: "❌ **{{.Title}}** was rejected by {{.Coordinator}}."}
	msgTagsField        = &i18n.Message{ID: "notify.resource.tags", Other: "Tags"}
	msgAudienceAll      = &i18n.Message{ID: "notify.resource.audience_all", Other: "everyone"}
	msgAudienceMentors  = &i18n.Message{ID: "notify.resource.audience_mentors", Other: "mentors"}
	msgAudienceMentees  = &i18n.Message{ID: "notify.resource.audience_mentees", Other: "mentees"}
)

// ResourceNotifier implements app.ResourceNotifier.
type ResourceNotifier struct{ Kit }

var _ app.ResourceNotifier = (*ResourceNotifier)(nil)

// channelPermissions is the permission check pluginapi's UserService offers;
// Kit.Users is that service in production.
type channelPermissions interface {
	HasPermissionToChannel(userID, channelID string, permission *model.Permission) bool
}

// Channel says where a channel is and whether the user may post in it. Without
// a permission check available nobody may: a share must never post where its
// sharer could not.
func (n *ResourceNotifier) Channel(userID, channelID string) (teamID string, canPost, found bool) {
	ch, err := n.Channels.Get(channelID)
	if err != nil || ch == nil || ch.DeleteAt != 0 {
		return "", false, false
	}
	perms, ok := n.Users.(channelPermissions)
	if !ok {
		n.Log.Warn("no channel permission check: resource shares into channels are refused")
		return ch.TeamId, false, true
	}
	return ch.TeamId, perms.HasPermissionToChannel(userID, channelID, model.PermissionCreatePost), true
}

// ShareToChannel posts the card into the channel, written in the sharer's
// language (they chose to post it there).
func (n *ResourceNotifier) ShareToChannel(r *domain.Resource, channelID, sharerID, note, openURL string) error {
	tr := n.Tr.For(sharerID)
	post := n.card(tr, sharerID, r, msgSharedInChannel, sharerID, note, openURL)
	post.ChannelId, post.UserId = channelID, n.BotID()
	return errors.Wrap(n.Posts.CreatePost(post), "post the resource card")
}

// ShareToUser sends the card to the user in a DM from the bot, in their language.
func (n *ResourceNotifier) ShareToUser(r *domain.Resource, userID, sharerID, note, openURL string) error {
	tr := n.Tr.For(userID)
	post := n.card(tr, userID, r, msgSharedWithYou, sharerID, note, openURL)
	return errors.Wrap(n.Posts.DM(n.BotID(), userID, post), "send the resource card")
}

// card is a shared resource: who shared it and their note, then the resource
// with its link (through the open route, which counts the view).
func (n *ResourceNotifier) card(tr *i18n.Translator, readerID string, r *domain.Resource, lead *i18n.Message, sharerID, note, openURL string) *model.Post {
	message := tr.T(readerID, lead, map[string]any{"Sharer": n.mention(sharerID)})
	if note = strings.TrimSpace(note); note != "" {
		message += "\n" + quote(note)
	}
	return &model.Post{
		Message: message,
		Type:    PostTypeResource,
		Props: model.StringInterface{
			"resource_id": r.ID,
			"attachments": []*model.SlackAttachment{n.attachment(tr, readerID, r, openURL)},
		},
	}
}

func (n *ResourceNotifier) attachment(tr *i18n.Translator, readerID string, r *domain.Resource, openURL string) *model.SlackAttachment {
	a := &model.SlackAttachment{Title: r.Title, TitleLink: openURL, Text: shorten(r.Description, cardDescriptionRunes)}
	if len(r.Tags) > 0 {
		tags := make([]string, len(r.Tags))
		for i, t := range r.Tags {
			tags[i] = "`" + t + "`"
		}
		a.Fields = []*model.SlackAttachmentField{{Title: tr.T(readerID, msgTagsField, nil), Value: strings.Join(tags, " "), Short: true}}
	}
	return a
}

// Suggested DMs each coordinator the suggestion with Approve / Reject.
func (n *ResourceNotifier) Suggested(p *domain.Program, r *domain.Resource, coordinators []string, openURL string) {
	for _, coord := range coordinators {
		tr := n.Tr.For(coord)
		a := n.attachment(tr, coord, r, openURL)
		a.Pretext = tr.T(coord, msgSuggestedText, map[string]any{"Author": n.mention(r.AuthorID), "Program": p.Name,
			"Audience": AudienceText(tr, coord, r.Audience)})
		a.Actions = []*model.PostAction{
			resourceButton(ResourceApprove, tr.T(coord, msgApproveResource, nil), "good", r.ID),
			resourceButton(ResourceReject, tr.T(coord, msgRejectResource, nil), "danger", r.ID),
		}
		post := &model.Post{Props: model.StringInterface{"resource_id": r.ID, "attachments": []*model.SlackAttachment{a}}}
		if err := n.Posts.DM(n.BotID(), coord, post); err != nil {
			n.Log.Warn("failed to ask a coordinator about a suggestion", "user_id", coord, "error", err.Error())
		}
	}
}

func resourceButton(decision, label, style, resourceID string) *model.PostAction {
	return &model.PostAction{
		Id: decision, Name: label, Type: model.PostActionTypeButton, Style: style,
		Integration: &model.PostActionIntegration{
			URL: ActionResourcePath,
			// Who may decide is checked from the stored resource when pressed.
			Context: map[string]any{"resource_id": resourceID, "decision": decision},
		},
	}
}

// Decided tells the author of a suggestion what became of it.
func (n *ResourceNotifier) Decided(r *domain.Resource, _ string) {
	if r.AuthorID == "" || r.AuthorID == r.DecidedBy {
		return
	}
	msg := msgRejectedAuthor
	if r.Status == domain.ResourcePublished {
		msg = msgApprovedAuthor
	}
	text := n.Tr.T(r.AuthorID, msg, map[string]any{"Title": r.Title, "Coordinator": n.mention(r.DecidedBy)})
	if err := n.Posts.DM(n.BotID(), r.AuthorID, &model.Post{Message: text}); err != nil {
		n.Log.Warn("failed to tell the author about a suggestion", "user_id", r.AuthorID, "error", err.Error())
	}
}

// DecisionOutcome replaces a suggestion DM's buttons with what was decided.
func DecisionOutcome(tr *i18n.Translator, readerID string, r *domain.Resource, decider string) string {
	msg := msgResourceRejected
	if r.Status == domain.ResourcePublished {
		msg = msgResourceApproved
	}
	return tr.T(readerID, msg, map[string]any{"Title": r.Title, "Coordinator": decider})
}

// AudienceText names an audience in the reader's language.
func AudienceText(tr *i18n.Translator, readerID, audience string) string {
	switch audience {
	case domain.AudienceMentors:
		return tr.T(readerID, msgAudienceMentors, nil)
	case domain.AudienceMentees:
		return tr.T(readerID, msgAudienceMentees, nil)
	default:
		return tr.T(readerID, msgAudienceAll, nil)
	}
}

func (n *ResourceNotifier) mention(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

// shorten cuts text to at most n runes, ending with an ellipsis when cut.
func shorten(text string, n int) string {
	runes := []rune(strings.TrimSpace(text))
	if len(runes) <= n {
		return string(runes)
	}
	return strings.TrimSpace(string(runes[:n-1])) + "…"
}
