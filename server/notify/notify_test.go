package notify

import (
	"fmt"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

type sentDM struct {
	to   string
	post *model.Post
}

type fakeMM struct {
	dms     []sentDM
	events  []string
	updated []*model.Post
}

func (f *fakeMM) DM(_, to string, post *model.Post) error {
	post.Id = fmt.Sprintf("post%d", len(f.dms))
	f.dms = append(f.dms, sentDM{to, post})
	return nil
}
func (f *fakeMM) GetPost(id string) (*model.Post, error) {
	for _, dm := range f.dms {
		if dm.post.Id == id {
			copied := dm.post.Clone()
			return copied, nil
		}
	}
	return nil, fmt.Errorf("no post %s", id)
}
func (f *fakeMM) UpdatePost(p *model.Post) error {
	f.updated = append(f.updated, p)
	return nil
}
func (f *fakeMM) PublishWebSocketEvent(event string, _ map[string]any, b *model.WebsocketBroadcast) {
	f.events = append(f.events, event+"->"+b.UserId)
}
func (f *fakeMM) Get(id string) (*model.User, error) { return &model.User{Id: id, Username: id}, nil }
func (f *fakeMM) Warn(string, ...any)                {}

type someResources struct{}

func (someResources) Onboarding(_, role string) []Resource {
	return []Resource{{Title: "Guide for " + role, URL: "https://example.test/" + role}}
}

func newNotifier(res Resources) (*Notifier, *fakeMM) {
	f := &fakeMM{}
	return &Notifier{BotID: func() string { return "bot" }, Posts: f, Frontend: f, Users: f, Log: f,
		Tr: i18n.English(), Resources: res}, f
}

var spring = &domain.Program{ID: "p1", Name: "Spring", Slug: "spring", Description: "Cohort for new leads", Coordinators: []string{"coord"}}

func TestWelcomeNamesProgramRoleNextStepAndResourcePlace(t *testing.T) {
	n, f := newNotifier(NoResources{})
	n.Welcome(spring, &domain.Enrollment{UserID: "ana", Role: domain.RoleMentor, Capacity: 3})
	require.Len(t, f.dms, 1)
	msg := f.dms[0].post.Message
	for _, part := range []string{"Welcome to Spring, @ana", "Cohort for new leads", "mentor (up to 3 mentees)",
		"**Next step:**", "@coord", "**Onboarding resources:** none yet", "/mentor pause spring"} {
		require.Contains(t, msg, part)
	}

	n, f = newNotifier(someResources{})
	n.Welcome(spring, &domain.Enrollment{UserID: "ana", Role: domain.RoleMentee})
	require.Contains(t, f.dms[0].post.Message, "- [Guide for mentee](https://example.test/mentee)")
}

func TestApprovalRequestGoesToMemberAndEachCoordinatorWithButtons(t *testing.T) {
	n, f := newNotifier(NoResources{})
	p := *spring
	p.Coordinators = []string{"c1", "c2"}
	asked := n.ApprovalRequested(&p, &domain.Enrollment{UserID: "ana", Role: domain.RoleMentee, Goals: "public speaking"})
	require.Len(t, f.dms, 3)
	require.Equal(t, []domain.RequestPost{{UserID: "c1", PostID: "post1"}, {UserID: "c2", PostID: "post2"}}, asked)
	require.Equal(t, "ana", f.dms[0].to)
	for _, dm := range f.dms[1:] {
		attachments := dm.post.Attachments()
		require.Len(t, attachments, 1)
		require.Contains(t, attachments[0].Text, "public speaking")
		require.Len(t, attachments[0].Actions, 2)
		require.Equal(t, ActionDecidePath, attachments[0].Actions[0].Integration.URL)
		require.Equal(t, "approve", attachments[0].Actions[0].Integration.Context["decision"])
	}
}

func TestChangedSendsOneEventPerUser(t *testing.T) {
	n, f := newNotifier(NoResources{})
	n.Changed("p1", "ana", "coord", "ana")
	require.Equal(t, []string{"changed->ana", "changed->coord"}, f.events)
}

func TestGoalsWithLineBreaksAreQuotedNotRenderedAsMarkdown(t *testing.T) {
	require.Equal(t, "> # not a heading\n> - not a list", quote("# not a heading\r\n- not a list"))
}

func TestADecisionReplacesTheButtonsInEveryCoordinatorsRequest(t *testing.T) {
	n, f := newNotifier(NoResources{})
	p := *spring
	p.Coordinators = []string{"c1", "c2"}
	asked := n.ApprovalRequested(&p, &domain.Enrollment{UserID: "ana", Role: domain.RoleMentee})
	n.RequestDecided(&p, &domain.Enrollment{UserID: "ana", Status: domain.StatusActive}, "c2", asked)
	require.Len(t, f.updated, 2)
	for _, post := range f.updated {
		require.Equal(t, "✅ @ana was approved for **Spring** by @c2.", post.Message)
		require.Empty(t, post.Attachments(), "no button is left")
	}
}
