package notify

import (
	"errors"
	"os"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// insightNotifier reads the real Spanish catalog of the insight: ana reads
// Spanish, everyone else English.
func insightNotifier(t *testing.T) (*InsightNotifier, *sessionMM) {
	t.Helper()
	data, err := os.ReadFile("../../assets/i18n/active.insight.es.json")
	require.NoError(t, err)
	bundle := goi18n.NewBundle(language.English)
	_, err = bundle.ParseMessageFileBytes(data, "active.insight.es.json")
	require.NoError(t, err)
	tr := i18n.New(bundle, func(uid string) string {
		if uid == "ana" {
			return "es"
		}
		return "en"
	})
	f := &sessionMM{clock: sessionNow}
	return &InsightNotifier{Kit: Kit{BotID: func() string { return "bot" }, Posts: kitPosts{f}, Channels: sessionChannels{},
		Frontend: f, Users: f, Log: f, Tr: tr}}, f
}

// kitPosts adds the channel posts the Kit needs (a nudge never makes one).
type kitPosts struct{ *sessionMM }

func (kitPosts) CreatePost(*model.Post) error { return errors.New("a nudge posts only DMs") }

func TestANudgeReachesBothSidesInTheirLanguageWithTheNoteAndTheChannel(t *testing.T) {
	n, f := insightNotifier(t)
	p := &domain.Program{ID: "prog", Name: "Guild"}
	h := &domain.MatchHealth{MatchID: "m1", MenteeID: "ana", MentorID: "bob", ChannelID: "chan1"}
	sent := n.Nudge(p, h, "carla", "Shall we talk?\n# not a heading", "https://chat.example/team/channels/bob-and-ana")
	require.Equal(t, 2, sent)
	require.Len(t, f.dms, 2)

	ana, bob := f.dms[0], f.dms[1]
	require.Equal(t, "ana", ana.to)
	require.Contains(t, ana.post.Message, "Tu coordinador @carla de **Guild** quiere saber cómo va tu mentoría con @bob")
	require.Contains(t, ana.post.Message, "**Nota de @carla:**\n> Shall we talk?\n> # not a heading")
	require.Contains(t, ana.post.Message, "Vuestro canal de pareja: [~bob-and-ana](https://chat.example/team/channels/bob-and-ana)")

	require.Equal(t, "bob", bob.to)
	require.Contains(t, bob.post.Message, "Your coordinator @carla of **Guild** is checking in on your mentorship with @ana")
	require.Contains(t, bob.post.Message, "Your pair channel: [~bob-and-ana](")
	require.Equal(t, "m1", bob.post.GetProp("match_id"))
}

func TestANudgeWithoutNoteOrSiteURLMentionsTheChannel(t *testing.T) {
	n, f := insightNotifier(t)
	sent := n.Nudge(&domain.Program{ID: "prog", Name: "Guild"},
		&domain.MatchHealth{MatchID: "m1", MenteeID: "cy", MentorID: "bob", ChannelID: "chan1"}, "carla", "", "")
	require.Equal(t, 2, sent)
	require.NotContains(t, f.dms[0].post.Message, "Note from")
	require.Contains(t, f.dms[0].post.Message, "Your pair channel: ~bob-and-ana")
	f.failDM = true
	require.Zero(t, n.Nudge(&domain.Program{Name: "Guild"}, &domain.MatchHealth{MenteeID: "cy", MentorID: "bob"}, "carla", "", ""))
}
