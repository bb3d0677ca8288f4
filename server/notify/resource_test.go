package notify

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// resourceMM records created posts and DMs; "ana" may post in "town".
type resourceMM struct {
	fakeMM
	created []*model.Post
}

func (f *resourceMM) CreatePost(p *model.Post) error {
	f.created = append(f.created, p)
	return nil
}
func (f *resourceMM) GetPostsSince(string, int64) (*model.PostList, error) { return nil, nil }
func (f *resourceMM) HasPermissionToChannel(userID, channelID string, p *model.Permission) bool {
	return userID == "ana" && channelID == "town" && p.Id == model.PermissionCreatePost.Id
}

type resourceChannels struct{}

func (resourceChannels) Get(id string) (*model.Channel, error) {
	if id == "town" {
		return &model.Channel{Id: id, TeamId: "team1"}, nil
	}
	return nil, fmt.Errorf("no channel %s", id)
}
func (resourceChannels) GetDirect(_, _ string) (*model.Channel, error) {
	return nil, fmt.Errorf("none")
}

// onlyUsers looks users up but cannot check permissions.
type onlyUsers struct{}

func (onlyUsers) Get(id string) (*model.User, error) { return &model.User{Id: id, Username: id}, nil }

// resourceTranslator loads this work's Spanish catalog; bob reads Spanish.
func resourceTranslator(t *testing.T) *i18n.Translator {
	t.Helper()
	data, err := os.ReadFile("../../assets/i18n/active.resources.es.json")
	require.NoError(t, err)
	bundle := goi18n.NewBundle(language.English)
	_, err = bundle.ParseMessageFileBytes(data, "active.resources.es.json")
	require.NoError(t, err)
	return i18n.New(bundle, func(uid string) string {
		if uid == "bob" {
			return "es"
		}
		return "en"
	})
}

func newResourceNotifier(t *testing.T) (*ResourceNotifier, *resourceMM) {
	f := &resourceMM{}
	return &ResourceNotifier{Kit: Kit{BotID: func() string { return "bot" }, Posts: f, Channels: resourceChannels{},
		Frontend: f, Users: f, Log: f, Tr: resourceTranslator(t)}}, f
}

var guide = &domain.Resource{ID: "r1", ProgramID: "p1", Title: "Negotiation guide", URL: "https://example.com/n",
	Description: strings.Repeat("long words ", 60), Tags: []string{"career", "pay"}, Audience: domain.AudienceMentees,
	Status: domain.ResourceSuggested, AuthorID: "bob"}

func TestResourceChannelAsksThePermission(t *testing.T) {
	n, _ := newResourceNotifier(t)
	team, canPost, found := n.Channel("ana", "town")
	require.Equal(t, "team1", team)
	require.True(t, canPost)
	require.True(t, found)
	_, canPost, _ = n.Channel("bob", "town")
	require.False(t, canPost)
	_, _, found = n.Channel("ana", "nowhere")
	require.False(t, found)

	n.Users = onlyUsers{}
	_, canPost, found = n.Channel("ana", "town")
	require.True(t, found)
	require.False(t, canPost, "without a permission check nobody posts")
}

func TestResourceCardsCarryTheResourceAndTheNote(t *testing.T) {
	n, f := newResourceNotifier(t)
	require.NoError(t, n.ShareToChannel(guide, "town", "ana", "read this\n# not a heading", "https://mm/open"))
	require.Len(t, f.created, 1)
	post := f.created[0]
	require.Equal(t, "town", post.ChannelId)
	require.Equal(t, "bot", post.UserId)
	require.Equal(t, PostTypeResource, post.Type)
	require.Equal(t, "r1", post.GetProp("resource_id"))
	require.Equal(t, "@ana shared a resource:\n> read this\n> # not a heading", post.Message)
	a := post.Attachments()[0]
	require.Equal(t, "Negotiation guide", a.Title)
	require.Equal(t, "https://mm/open", a.TitleLink)
	require.LessOrEqual(t, len([]rune(a.Text)), cardDescriptionRunes)
	require.True(t, strings.HasSuffix(a.Text, "…"))
	require.Equal(t, "`career` `pay`", a.Fields[0].Value)

	require.NoError(t, n.ShareToUser(guide, "bob", "ana", "", "https://mm/open"))
	require.Len(t, f.dms, 1)
	require.Equal(t, "bob", f.dms[0].to)
	require.Equal(t, "@ana compartió un recurso contigo:", f.dms[0].post.Message, "in the reader's language")
}

func TestSuggestionAsksEachCoordinatorWithButtons(t *testing.T) {
	n, f := newResourceNotifier(t)
	n.Suggested(&domain.Program{ID: "p1", Name: "Spring"}, guide, []string{"coord", "bob"}, "https://mm/open")
	require.Len(t, f.dms, 2)
	a := f.dms[0].post.Attachments()[0]
	require.Equal(t, "@bob suggests a resource for **Spring**. Approve it to publish it for mentees.", a.Pretext)
	require.Len(t, a.Actions, 2)
	require.Equal(t, ActionResourcePath, a.Actions[0].Integration.URL)
	require.Equal(t, map[string]any{"resource_id": "r1", "decision": ResourceApprove}, a.Actions[0].Integration.Context)
	require.Equal(t, "Aprobar", f.dms[1].post.Attachments()[0].Actions[0].Name)

	decided := *guide
	decided.Status, decided.DecidedBy = domain.ResourcePublished, "coord"
	n.Decided(&decided, "")
	require.Len(t, f.dms, 3)
	require.Equal(t, "bob", f.dms[2].to)
	require.Contains(t, f.dms[2].post.Message, "@coord aprobó tu sugerencia **Negotiation guide**")
	decided.DecidedBy = "bob"
	n.Decided(&decided, "")
	require.Len(t, f.dms, 3, "no DM to a coordinator about their own decision on their own suggestion")
}

type packSource struct{ err error }

func (s packSource) OnboardingFor(programID, role string) ([]*domain.Resource, error) {
	return []*domain.Resource{{ID: "r1", ProgramID: programID, Title: "Handbook [v2]"}, {ID: "g1", Title: "Code of conduct"}}, s.err
}
func (packSource) OpenURL(id string) string {
	return "https://mm/plugins/mentorship/api/v1/resources/" + id + "/open"
}

func TestWelcomeListsTheOnboardingPack(t *testing.T) {
	n, f := newNotifier(Hub{Source: packSource{}, Log: &fakeMM{}})
	n.Welcome(spring, &domain.Enrollment{UserID: "ana", Role: domain.RoleMentee})
	msg := f.dms[0].post.Message
	require.Contains(t, msg, "**Onboarding resources:**\n- [Handbook (v2)](https://mm/plugins/mentorship/api/v1/resources/r1/open)\n"+
		"- [Code of conduct](https://mm/plugins/mentorship/api/v1/resources/g1/open?program_id=p1)")

	n, f = newNotifier(Hub{Source: packSource{err: fmt.Errorf("store down")}, Log: &fakeMM{}})
	n.Welcome(spring, &domain.Enrollment{UserID: "ana", Role: domain.RoleMentee})
	require.Contains(t, f.dms[0].post.Message, "none yet", "an unreadable hub still lets the welcome go")
}
