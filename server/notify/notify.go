// Package notify turns domain events into what people see: bot DMs (with
// buttons) and WebSocket events that refresh open sidebars.
package notify

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// PluginID is used to build button URLs.
const PluginID = "mentorship"

// EventChanged is the WebSocket event (without the plugin prefix) that tells a
// sidebar to reload; the webapp listens for custom_mentorship_changed.
const EventChanged = "changed"

// ActionDecidePath receives the Approve / Decline buttons of a join request.
const ActionDecidePath = "/plugins/" + PluginID + "/api/v1/actions/decide"

// Posts sends DMs (pluginapi's PostService satisfies it).
type Posts interface {
	DM(senderUserID, receiverUserID string, post *model.Post) error
	GetPost(postID string) (*model.Post, error)
	UpdatePost(post *model.Post) error
}

// Frontend publishes WebSocket events (pluginapi's FrontendService satisfies it).
type Frontend interface {
	PublishWebSocketEvent(event string, payload map[string]any, broadcast *model.WebsocketBroadcast)
}

// Users looks people up (pluginapi's UserService satisfies it).
type Users interface {
	Get(userID string) (*model.User, error)
}

// Logger records failures that must not fail the caller.
type Logger interface {
	Warn(message string, keyValuePairs ...any)
}

// Resource is one onboarding item shown in a welcome.
type Resource struct {
	Title string
	URL   string
}

// Resources supplies the onboarding resources for a program and role.
type Resources interface {
	Onboarding(programID, role string) []Resource
}

// NoResources is the resource source until the resource hub exists: the welcome
// shows its "none yet" line.
type NoResources struct{}

// Onboarding returns nothing.
func (NoResources) Onboarding(string, string) []Resource { return nil }

// OnboardingSource is the resource hub's side of the welcome (*app.Resources).
type OnboardingSource interface {
	// OnboardingFor returns the published resources of the role's pack.
	OnboardingFor(programID, role string) ([]*domain.Resource, error)
	// OpenURL is the link that counts a view of a resource.
	OpenURL(id string) string
}

// Hub lists a program's onboarding pack in the welcome, each item linked
// through the open route so that the welcome's readers count as views. A
// hub that cannot be read leaves the "none yet" line: the welcome still goes.
type Hub struct {
	Source OnboardingSource
	Log    Logger
}

// Onboarding returns the role's pack as welcome lines.
func (h Hub) Onboarding(programID, role string) []Resource {
	resources, err := h.Source.OnboardingFor(programID, role)
	if err != nil {
		h.Log.Warn("failed to read the onboarding pack", "program_id", programID, "error", err.Error())
		return nil
	}
	out := make([]Resource, 0, len(resources))
	for _, r := range resources {
		link := h.Source.OpenURL(r.ID)
		if r.ProgramID == "" {
			link += "?program_id=" + programID // a global resource's use counts in this program
		}
		out = append(out, Resource{Title: r.Title, URL: link})
	}
	return out
}

// Notifier implements app.Notifier on top of the Mattermost APIs.
type Notifier struct {
	BotID     func() string
	Posts     Posts
	Frontend  Frontend
	Users     Users
	Log       Logger
	Tr        *i18n.Translator
	Resources Resources
}

// dm sends post to the user from the bot and reports whether it was sent.
func (n *Notifier) dm(userID string, post *model.Post) bool {
	if err := n.Posts.DM(n.BotID(), userID, post); err != nil {
		n.Log.Warn("failed to send a DM", "user_id", userID, "error", err.Error())
		return false
	}
	return true
}

// username returns @name for a user, or the id when the lookup fails.
func (n *Notifier) username(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

func (n *Notifier) coordinatorList(p *domain.Program) string {
	names := make([]string, 0, len(p.Coordinators))
	for _, id := range p.Coordinators {
		names = append(names, n.username(id))
	}
	return strings.Join(names, ", ")
}

// Changed tells each user's open sidebar to reload.
func (n *Notifier) Changed(programID string, userIDs ...string) {
	seen := map[string]bool{}
	for _, id := range userIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		n.Frontend.PublishWebSocketEvent(EventChanged, map[string]any{"program_id": programID}, &model.WebsocketBroadcast{UserId: id})
	}
}
