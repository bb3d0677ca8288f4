package command

import (
	"fmt"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

const teamID = "team1"

// directory is the team: admin and olga are system admins; everyone is a
// member of teamID. It counts lookups, each of which is a plugin API call in
// production.
type directory struct{ calls int }

func (d *directory) IsSystemAdmin(u string) bool {
	d.calls++
	return u == "admin" || u == "olga"
}
func (d *directory) IsTeamMember(_, team string) bool   { d.calls++; return team == teamID }
func (d *directory) TeamExists(team string) bool        { return team == teamID }
func (d *directory) User(u string) (app.UserInfo, bool) { return app.UserInfo{Username: u}, u != "" }

type quietNotifier struct{}

func (quietNotifier) Welcome(*domain.Program, *domain.Enrollment) {}
func (quietNotifier) ApprovalRequested(*domain.Program, *domain.Enrollment) []domain.RequestPost {
	return nil
}
func (quietNotifier) RequestDecided(*domain.Program, *domain.Enrollment, string, []domain.RequestPost) {
}
func (quietNotifier) RequestDeclined(*domain.Program, *domain.Enrollment) {}
func (quietNotifier) Changed(string, ...string)                           {}

type frontend struct{ opened []model.OpenDialogRequest }

func (f *frontend) OpenInteractiveDialog(d model.OpenDialogRequest) error {
	f.opened = append(f.opened, d)
	return nil
}

// users have their username as id.
type users struct{}

func (users) Get(id string) (*model.User, error) { return &model.User{Id: id, Username: id}, nil }
func (users) GetByUsername(name string) (*model.User, error) {
	if name == "nobody" {
		return nil, errors.New("not found")
	}
	return &model.User{Id: name, Username: name}, nil
}

type logger struct{ errors []string }

func (l *logger) Error(msg string, _ ...any) { l.errors = append(l.errors, msg) }

// spanish translates the labels the replies must not show raw.
var spanish = []*goi18n.Message{
	{ID: "option.enrollment.approval", Other: "El coordinador aprueba"},
	{ID: "option.enrollment.open", Other: "Cualquiera del equipo"},
	{ID: "option.role_short.mentor", Other: "mentora"},
	{ID: "option.status.pending", Other: "esperando aprobación"},
	{ID: "option.status.active", Other: "activa"},
	{ID: "command.members.column_member", Other: "Miembro"},
	{ID: "command.members.column_role", Other: "Rol"},
	{ID: "command.members.column_status", Other: "Estado"},
	{ID: "command.members.column_joined", Other: "Alta"},
}

type fixture struct {
	h       *Handler
	svc     *app.Services
	dir     *directory
	front   *frontend
	log     *logger
	lookups int // locale lookups, one plugin API call each in production
}

// newFixture is a Handler over real services on an in-memory KV store. ana and
// olga read Spanish.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{dir: &directory{}, front: &frontend{}, log: &logger{}}
	ids := 0
	f.svc = app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: f.dir,
		Notifier:  quietNotifier{},
		Settings:  func() app.Settings { return app.Settings{} },
		Now:       func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		NewID: func() string {
			ids++
			return fmt.Sprintf("prog%022d", ids)
		},
	})
	bundle := goi18n.NewBundle(language.English)
	bundle.MustAddMessages(language.Spanish, spanish...)
	tr := i18n.New(bundle, func(uid string) string {
		f.lookups++
		if uid == "ana" || uid == "olga" {
			return "es"
		}
		return "en"
	})
	f.h = &Handler{Svc: f.svc, Tr: tr, Dialogs: &dialog.Dialogs{Svc: f.svc, Tr: tr, Frontend: f.front},
		Users: users{}, Log: f.log}
	return f
}

// run executes a /mentor line as uid and returns the ephemeral reply.
func (f *fixture) run(uid, line string) string {
	resp := f.h.Execute(&model.CommandArgs{UserId: uid, TeamId: teamID, ChannelId: "channel", TriggerId: "trigger", Command: line})
	return resp.Text
}

// program returns the team's program called name.
func (f *fixture) program(t *testing.T, name string) *domain.Program {
	t.Helper()
	p, err := f.svc.Programs.Find("admin", teamID, name)
	require.NoError(t, err, "no program %q", name)
	require.Equal(t, name, p.Name)
	return p
}
