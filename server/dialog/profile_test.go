package dialog

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

type team struct{}

func (team) IsSystemAdmin(u string) bool      { return u == "admin" }
func (team) IsTeamMember(string, string) bool { return true }
func (team) TeamExists(string) bool           { return true }
func (team) User(u string) (app.UserInfo, bool) {
	return app.UserInfo{Username: u}, u != "" && u != "ghost"
}

type quiet struct{}

func (quiet) Welcome(*domain.Program, *domain.Enrollment) {}
func (quiet) ApprovalRequested(*domain.Program, *domain.Enrollment) []domain.RequestPost {
	return nil
}
func (quiet) RequestDecided(*domain.Program, *domain.Enrollment, string, []domain.RequestPost) {}
func (quiet) RequestDeclined(*domain.Program, *domain.Enrollment)                              {}
func (quiet) Changed(string, ...string)                                                        {}

type forms struct{ opened []model.OpenDialogRequest }

func (f *forms) OpenInteractiveDialog(d model.OpenDialogRequest) error {
	f.opened = append(f.opened, d)
	return nil
}

type replies struct{ posts []string }

func (r *replies) SendEphemeralPost(_ string, p *model.Post) { r.posts = append(r.posts, p.Message) }

// spanishTranslator loads every Spanish catalog the plugin ships; "es-reader"
// reads Spanish.
func spanishTranslator(t *testing.T) *i18n.Translator {
	t.Helper()
	bundle := goi18n.NewBundle(language.English)
	paths, err := filepath.Glob("../../assets/i18n/active*.es.json")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		data, err := os.ReadFile(filepath.Clean(path))
		require.NoError(t, err)
		var catalog map[string]string
		require.NoError(t, json.Unmarshal(data, &catalog), path)
		for id, text := range catalog {
			require.NoError(t, bundle.AddMessages(language.Spanish, &goi18n.Message{ID: id, Other: text}))
		}
	}
	return i18n.New(bundle, func(uid string) string {
		if uid == "es-reader" {
			return "es"
		}
		return "en"
	})
}

type dialogFixture struct {
	d       *Dialogs
	svc     *app.Services
	forms   *forms
	replies *replies
	log     *recordingLog
	program *domain.Program
}

func newDialogFixture(t *testing.T) *dialogFixture {
	t.Helper()
	n := 0
	svc := app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: team{}, Notifier: quiet{},
		Settings: func() app.Settings { return app.Settings{} },
		Now:      func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		NewID: func() string {
			n++
			return fmt.Sprintf("prog%022d", n)
		},
	})
	f := &dialogFixture{svc: svc, forms: &forms{}, replies: &replies{}, log: &recordingLog{}}
	f.d = &Dialogs{Svc: svc, Tr: spanishTranslator(t), Frontend: f.forms, Ephemeral: f.replies,
		BotID: func() string { return "bot" }, Log: f.log}
	name := "Spring"
	p, err := svc.Programs.Create("admin", "team", app.ProgramFields{Name: &name, Coordinators: &[]string{"admin", "es-reader"}})
	require.NoError(t, err)
	f.program = p
	return f
}

func TestTheFormsAreValidInEveryLanguage(t *testing.T) {
	f := newDialogFixture(t)
	for _, reader := range []string{"admin", "es-reader"} {
		require.NoError(t, f.d.OpenProfile("trigger", reader))
		require.NoError(t, f.d.OpenMatching("trigger", reader, f.program))
	}
	require.Len(t, f.forms.opened, 4)
	for _, form := range f.forms.opened {
		// The server refuses a form with a label over 24 bytes, a help text
		// over 150, a select default that is not an option…
		require.NoError(t, form.Dialog.IsValid(), form.Dialog.Title)
	}
	require.Equal(t, "Tu perfil", f.forms.opened[2].Dialog.Title)
}

func TestAProfileTooLongForAFormIsSentToTheSidebar(t *testing.T) {
	f := newDialogFixture(t)
	long := make([]string, domain.MaxProfileTerms)
	for i := range long {
		// 60 characters, 176 bytes: 20 of them pass the profile's limits (counted
		// in characters) but not the form's (3000 bytes).
		long[i] = fmt.Sprintf("%02d%s", i, strings.Repeat("語", domain.MaxProfileTermRunes-2))
	}
	_, err := f.svc.Profiles.Save("admin", app.ProfileInput{SkillsOffered: &long})
	require.NoError(t, err, "within the profile's limits")
	err = f.d.OpenProfile("trigger", "admin")
	require.ErrorContains(t, err, "edit it in the Mentorship sidebar")
	require.Empty(t, f.forms.opened)
}

func TestTheProfileFormSavesWhatItShows(t *testing.T) {
	f := newDialogFixture(t)
	dontMatch := []string{"bob"}
	_, err := f.svc.Profiles.Save("ana", app.ProfileInput{DontMatch: &dontMatch})
	require.NoError(t, err)

	resp := f.d.SubmitProfile(&model.SubmitDialogRequest{UserId: "ana", ChannelId: "town", Submission: map[string]any{
		"skills_offered": "Go, public speaking\nSQL", "languages": "English; Spanish", "experience_level": "mid",
		"experience_years": 2.5, "availability_hours": "8", "bio": "Hi", "manager_id": "carol",
	}})
	require.Nil(t, resp)
	p, err := f.svc.Profiles.Get("ana")
	require.NoError(t, err)
	require.Equal(t, []string{"Go", "public speaking", "SQL"}, p.SkillsOffered)
	require.Equal(t, []string{"English", "Spanish"}, p.Languages)
	require.Equal(t, 2.5, p.ExperienceYears)
	require.Equal(t, 8, p.AvailabilityHours)
	require.Equal(t, "carol", p.ManagerID)
	require.Equal(t, []string{"bob"}, p.DontMatch, "not in the form, so kept")
	require.Equal(t, []string{"Your profile is saved; your programs match with it from now on."}, f.replies.posts)

	resp = f.d.SubmitProfile(&model.SubmitDialogRequest{UserId: "ana", Submission: map[string]any{"experience_years": "lots", "availability_hours": "1.5"}})
	require.Equal(t, "Write a number of years, for example 3 or 2.5.", resp.Errors["experience_years"])
	require.Equal(t, "Write a whole number, for example 2.", resp.Errors["availability_hours"])

	resp = f.d.SubmitProfile(&model.SubmitDialogRequest{UserId: "ana", Submission: map[string]any{"manager_id": "ghost"}})
	require.Contains(t, resp.Errors["manager_id"], `"ghost", who does not exist`, "the service's error under its field")
	p, err = f.svc.Profiles.Get("ana")
	require.NoError(t, err)
	require.Equal(t, "carol", p.ManagerID, "refused forms change nothing")
}

func TestTheMatchingFormSavesOnlyWhatTheCoordinatorChanged(t *testing.T) {
	f := newDialogFixture(t)
	require.NoError(t, f.d.OpenMatching("trigger", "admin", f.program))
	submission := map[string]any{}
	for _, e := range f.forms.opened[0].Dialog.Elements {
		submission[e.Name] = e.Default
	}
	submission["exclude_reporting_line"] = false // the webapp sends booleans
	submission["exclude_same_department"] = true
	submission["weights.goal"] = 20.0 // and numbers as numbers
	submission["policy"] = "quality"

	resp := f.d.SubmitMatching(&model.SubmitDialogRequest{UserId: "admin", ChannelId: "town", State: f.program.ID, Submission: submission})
	require.Nil(t, resp)
	stored, err := f.svc.Programs.Get("admin", f.program.ID)
	require.NoError(t, err)
	require.Equal(t, 20, stored.Matching.Weights.Goal)
	require.Equal(t, "quality", stored.Matching.Policy)
	require.True(t, stored.Matching.ExcludeSameDepartment)
	require.Nil(t, stored.Matching.MinScore, "unchanged values keep following the System Console")
	require.Zero(t, stored.Matching.RequestExpiryHours)
	require.Empty(t, stored.Matching.PairChannel)
	require.Len(t, f.replies.posts, 1)
	require.Contains(t, f.replies.posts[0], "batch policy: only the best pairs")

	submission["weights.skill"] = "many"
	submission["retention_days"] = "0"
	resp = f.d.SubmitMatching(&model.SubmitDialogRequest{UserId: "admin", State: f.program.ID, Submission: submission})
	require.Equal(t, "Write a whole number, for example 10.", resp.Errors["weights.skill"])
	submission["weights.skill"] = "30"
	resp = f.d.SubmitMatching(&model.SubmitDialogRequest{UserId: "admin", State: f.program.ID, Submission: submission})
	require.Contains(t, resp.Errors["retention_days"], "1 to 3650 days", "the service's error under its field")

	resp = f.d.SubmitMatching(&model.SubmitDialogRequest{UserId: "bob", State: f.program.ID, Submission: submission})
	require.Contains(t, resp.Error, "Only the coordinators of Spring")
}
