package notify

import (
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// KitPosts is the post API the goal, check-in, insight, resource and export
// notifiers share (pluginapi's PostService satisfies it).
type KitPosts interface {
	DM(senderUserID, receiverUserID string, post *model.Post) error
	CreatePost(post *model.Post) error
	GetPost(postID string) (*model.Post, error)
	UpdatePost(post *model.Post) error
	GetPostsSince(channelID string, since int64) (*model.PostList, error)
}

// Kit is what those notifiers are built from: the bot, the Mattermost APIs
// they post through, and the translator.
type Kit struct {
	BotID    func() string
	Posts    KitPosts
	Files    Files
	Channels Channels
	Frontend Frontend
	Users    Users
	Log      Logger
	Tr       *i18n.Translator
}
