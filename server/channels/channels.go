// Package channels creates and archives the channels where matched pairs talk.
package channels

import (
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// API is the slice of the Mattermost plugin API that pair channels need.
type API interface {
	CreateChannel(channel *model.Channel) (*model.Channel, *model.AppError)
	GetChannelByName(teamID, name string, includeDeleted bool) (*model.Channel, *model.AppError)
	GetChannel(channelID string) (*model.Channel, *model.AppError)
	AddChannelMember(channelID, userID string) (*model.ChannelMember, *model.AppError)
	GetGroupChannel(userIDs []string) (*model.Channel, *model.AppError)
	DeleteChannel(channelID string) *model.AppError
	GetUser(userID string) (*model.User, *model.AppError)
}

// Pairs creates pair channels (app.Channels).
type Pairs struct {
	API   API
	BotID func() string
}

// channelName is the pair channel's name: derived from the match id, so that
// every node creating it at once names the same channel, and Mattermost's
// unique (team, name) constraint lets exactly one create win.
func channelName(matchID string) string { return "mentorship-" + strings.ToLower(matchID) }

// EnsurePairChannel returns the pair's channel, creating it the first time:
// a private channel in the program's team with both people, or a group message
// with both and the bot.
func (c *Pairs) EnsurePairChannel(p *domain.Program, m *domain.Match, kind string) (string, error) {
	if kind == domain.PairChannelGroup {
		ch, appErr := c.API.GetGroupChannel([]string{m.MenteeID, m.MentorID, c.BotID()})
		if appErr != nil {
			return "", errors.Wrap(appErr, "open the pair's group message")
		}
		return ch.Id, nil
	}
	name := channelName(m.ID)
	ch, appErr := c.API.GetChannelByName(p.TeamID, name, true)
	if appErr != nil {
		ch, appErr = c.API.CreateChannel(&model.Channel{
			TeamId: p.TeamID, Type: model.ChannelTypePrivate, Name: name,
			DisplayName: c.displayName(p, m), Purpose: truncate(p.Name, model.ChannelPurposeMaxRunes),
			CreatorId: c.BotID(),
		})
		if appErr != nil {
			// Another node created it first: take theirs.
			var found *model.AppError
			ch, found = c.API.GetChannelByName(p.TeamID, name, true)
			if found != nil {
				return "", errors.Wrap(appErr, "create the pair's channel")
			}
		}
	}
	for _, userID := range []string{m.MenteeID, m.MentorID} {
		if _, appErr := c.API.AddChannelMember(ch.Id, userID); appErr != nil {
			return "", errors.Wrapf(appErr, "add %s to the pair's channel", userID)
		}
	}
	return ch.Id, nil
}

func (c *Pairs) displayName(p *domain.Program, m *domain.Match) string {
	names := make([]string, 0, 2)
	for _, id := range []string{m.MenteeID, m.MentorID} {
		if u, appErr := c.API.GetUser(id); appErr == nil {
			names = append(names, u.Username)
		}
	}
	return truncate(p.Name+": "+strings.Join(names, " & "), model.ChannelDisplayNameMaxRunes)
}

// ArchiveChannel archives a pair channel; archiving twice, or a group message
// (which cannot be archived), is harmless.
func (c *Pairs) ArchiveChannel(channelID string) error {
	ch, appErr := c.API.GetChannel(channelID)
	if appErr != nil {
		return errors.Wrap(appErr, "find the pair's channel")
	}
	if ch.Type != model.ChannelTypePrivate || ch.DeleteAt != 0 {
		return nil
	}
	if appErr := c.API.DeleteChannel(channelID); appErr != nil {
		return errors.Wrap(appErr, "archive the pair's channel")
	}
	return nil
}

func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit-1]) + "…"
}
