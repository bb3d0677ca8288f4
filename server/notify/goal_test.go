package notify

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// goalMM is a pair channel: posts by id, and the events sent.
type goalMM struct {
	posts  map[string]*model.Post
	order  []string
	events []string
	fail   bool
	now    int64
}

func (f *goalMM) DM(string, string, *model.Post) error { return nil }
func (f *goalMM) CreatePost(p *model.Post) error {
	if f.fail {
		return pluginapi.ErrNotFound
	}
	f.now++
	p.Id, p.CreateAt = "p"+string(rune('a'+len(f.order))), f.now
	copied := p.Clone()
	f.posts[p.Id] = copied
	f.order = append(f.order, p.Id)
	return nil
}
func (f *goalMM) GetPost(id string) (*model.Post, error) {
	p, ok := f.posts[id]
	if !ok {
		return nil, pluginapi.ErrNotFound
	}
	return p.Clone(), nil
}
func (f *goalMM) UpdatePost(p *model.Post) error {
	f.posts[p.Id] = p.Clone()
	return nil
}
func (f *goalMM) GetPostsSince(channelID string, since int64) (*model.PostList, error) {
	list := model.NewPostList()
	for _, id := range f.order {
		if p := f.posts[id]; p.ChannelId == channelID && p.CreateAt > since {
			list.AddPost(p)
		}
	}
	return list, nil
}
func (f *goalMM) PublishWebSocketEvent(event string, _ map[string]any, b *model.WebsocketBroadcast) {
	f.events = append(f.events, event+"/"+b.UserId)
}
func (f *goalMM) Get(id string) (*model.User, error) { return &model.User{Id: id, Username: id}, nil }
func (f *goalMM) Warn(string, ...any)                {}

// goalTranslator reads ana's messages in Spanish.
func goalTranslator(t *testing.T) *i18n.Translator {
	t.Helper()
	data, err := os.ReadFile("../../assets/i18n/active.goals.es.json")
	require.NoError(t, err)
	bundle := goi18n.NewBundle(language.English)
	_, err = bundle.ParseMessageFileBytes(data, "active.goals.es.json")
	require.NoError(t, err)
	return i18n.New(bundle, func(uid string) string {
		if uid == "ana" {
			return "es"
		}
		return "en"
	})
}

func newGoalNotifier(t *testing.T) (*GoalNotifier, *goalMM) {
	f := &goalMM{posts: map[string]*model.Post{}}
	return &GoalNotifier{Kit{BotID: func() string { return "bot" }, Posts: f, Frontend: f, Users: f, Log: f,
		Tr: goalTranslator(t)}}, f
}

// goalMatch is bob's match with a mentor.
func goalMatch(mentor string) *domain.Match {
	return &domain.Match{ID: "m1", ProgramID: "p1", MenteeID: "bob", MentorID: mentor, ChannelID: "chan", Status: domain.MatchActive}
}

func TestProgressBarHasTenBlocks(t *testing.T) {
	require.Equal(t, "`░░░░░░░░░░` 0%", ProgressBar(0))
	require.Equal(t, "`▓▓▓▓░░░░░░` 40%", ProgressBar(40))
	require.Equal(t, "`▓▓▓▓░░░░░░` 49%", ProgressBar(49))
	require.Equal(t, "`▓▓▓▓▓▓▓▓▓▓` 100%", ProgressBar(100))
	require.Equal(t, "`▓▓▓▓▓▓▓▓▓▓` 100%", ProgressBar(120), "out of range is clamped")
}

func TestACardTellsWhoDidWhatWithTheBarInEachReadersLanguage(t *testing.T) {
	n, f := newGoalNotifier(t)
	card := domain.GoalCard{Seq: 3, GoalID: "g1", By: "bob", Kind: "status", Title: "Give a talk", Progress: 100,
		Status: domain.GoalDone, Note: "It went well\n# not a heading"}

	id := n.Card(nil, goalMatch("carl"), card, "m1/goal-card/3")
	post := f.posts[id]
	require.Equal(t, "chan", post.ChannelId)
	require.Equal(t, "bot", post.UserId)
	require.Equal(t, "m1/goal-card/3", post.GetProp(PropGoalKey))
	require.Equal(t, "✅ @bob completed **Give a talk**\n`▓▓▓▓▓▓▓▓▓▓` 100% · done\n> It went well\n> # not a heading", post.Message,
		"both read English: one text; the note is quoted, not rendered as markdown")
	require.False(t, post.IsPinned)

	id = n.Card(nil, goalMatch("ana"), domain.GoalCard{By: "ana", Kind: "milestone", Title: "Learn Go",
		Progress: 50, Status: domain.GoalOnTrack, Milestone: "Tour"}, "k")
	require.Equal(t, "☑️ @ana updated a milestone of **Learn Go**: Tour\n`▓▓▓▓▓░░░░░` 50% · on track\n\n"+
		"☑️ @ana actualizó un hito de **Learn Go**: Tour\n`▓▓▓▓▓░░░░░` 50% · en marcha", f.posts[id].Message,
		"the mentee's language, then the mentor's")
}

func TestEachKindOfUpdateHasItsOwnCard(t *testing.T) {
	tr := goalTranslator(t).For("bob")
	for _, c := range []struct {
		kind, status, want string
	}{
		{"created", domain.GoalOnTrack, "🎯 @x set a new goal"},
		{"progress", domain.GoalOnTrack, "📈 @x updated the progress"},
		{"edited", domain.GoalOnTrack, "✏️ @x edited"},
		{"note", domain.GoalAtRisk, "💬 @x added a note"},
		{"status", domain.GoalAtRisk, "⚠️ @x marked **T** at risk"},
		{"status", domain.GoalDropped, "@x dropped **T**"},
		{"status", domain.GoalOnTrack, "@x put **T** back on track"},
	} {
		text := CardText(tr, domain.GoalCard{Kind: c.kind, Status: c.status, Title: "T"}, "@x")
		require.True(t, strings.HasPrefix(text, c.want), "%s/%s: %s", c.kind, c.status, text)
	}
}

func TestTheSummaryIsPostedPinnedThenEditedAndPinnedAgain(t *testing.T) {
	n, f := newGoalNotifier(t)
	m := goalMatch("ana")
	g := &domain.MatchGoals{Seq: 1, Goals: []*domain.Goal{{ID: "g1", Title: "Learn Go", Progress: 40, Status: domain.GoalOnTrack,
		Due: "2026-12-31", Milestones: []domain.Milestone{{Title: "a", Done: true}, {Title: "b"}}}}}
	id := n.Summary(nil, m, g, "m1/goal-summary")
	post := f.posts[id]
	require.True(t, post.IsPinned)
	require.Equal(t, "m1/goal-summary", post.GetProp(PropGoalKey))
	require.Contains(t, post.Message, "#### 🎯 Goals of @bob and @ana\n1. **Learn Go** `▓▓▓▓░░░░░░` 40% · on track · due 2026-12-31 · milestones 1/2")
	require.Contains(t, post.Message, "\n\n---\n\n#### 🎯 Objetivos de @bob y @ana\n1. **Learn Go** `▓▓▓▓░░░░░░` 40% · en marcha · vence el 2026-12-31 · hitos 1/2")

	f.posts[id].IsPinned = false // someone unpinned it
	g.Goals[0].Progress, g.Goals[0].Status = 100, domain.GoalDone
	gone, err := n.EditSummary(nil, m, g, id)
	require.NoError(t, err)
	require.False(t, gone)
	require.True(t, f.posts[id].IsPinned, "pinned again")
	require.Contains(t, f.posts[id].Message, "`▓▓▓▓▓▓▓▓▓▓` 100% · done")
	require.Len(t, f.order, 1, "edited in place")

	delete(f.posts, id)
	gone, err = n.EditSummary(nil, m, g, id)
	require.NoError(t, err)
	require.True(t, gone, "a deleted summary is reported gone")
}

func TestFindPostFindsTheBotsGoalPostByKeySinceATime(t *testing.T) {
	n, f := newGoalNotifier(t)
	m := goalMatch("ana")
	id := n.Card(nil, m, domain.GoalCard{Kind: "created", Title: "T", Status: domain.GoalOnTrack}, "m1/goal-card/1")
	at := time.UnixMilli(f.posts[id].CreateAt)

	found, err := n.FindPost("chan", "m1/goal-card/1", at)
	require.NoError(t, err)
	require.Equal(t, id, found)
	found, err = n.FindPost("chan", "m1/goal-card/2", at)
	require.NoError(t, err)
	require.Empty(t, found, "another key")
	found, err = n.FindPost("chan", "m1/goal-card/1", at.Add(time.Millisecond))
	require.NoError(t, err)
	require.Empty(t, found, "posted before the claim: not this claim's post")
	f.posts[id].UserId = "bob"
	found, err = n.FindPost("chan", "m1/goal-card/1", at)
	require.NoError(t, err)
	require.Empty(t, found, "only the bot's posts count")
}

func TestAFailedGoalPostReturnsNoID(t *testing.T) {
	n, f := newGoalNotifier(t)
	f.fail = true
	m := goalMatch("ana")
	require.Empty(t, n.Card(nil, m, domain.GoalCard{Kind: "created"}, "k"))
	require.Empty(t, n.Summary(nil, m, &domain.MatchGoals{}, "k"))
}

func TestGoalChangedSendsOneEventPerUser(t *testing.T) {
	n, f := newGoalNotifier(t)
	n.Changed("p1", "bob", "ana", "bob", "")
	require.Equal(t, []string{EventChanged + "/bob", EventChanged + "/ana"}, f.events)
}
