package command

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// zones are the people's Mattermost time zones in the session tests: bob
// writes in Berlin, ana reads in New York.
var zones = map[string]string{"bob": "Europe/Berlin", "ana": "America/New_York", "carl": "Asia/Tokyo"}

// zonedDirectory is the test team with time zones.
type zonedDirectory struct{ directory }

func (d *zonedDirectory) User(u string) (app.UserInfo, bool) {
	return app.UserInfo{Username: u, TimeZone: zones[u]}, u != ""
}

// zonedUsers are users with their username as id and a manual time zone.
type zonedUsers struct{ users }

func (zonedUsers) Get(id string) (*model.User, error) {
	return &model.User{Id: id, Username: id, Timezone: model.StringMap{"useAutomaticTimezone": "false", "manualTimezone": zones[id]}}, nil
}

type quietMatches struct{}

func (quietMatches) Proposal(*domain.Program, *domain.Match, string) string   { return "" }
func (quietMatches) RequestSent(*domain.Program, *domain.Match) string        { return "" }
func (quietMatches) RequestReminder(*domain.Program, *domain.Match)           {}
func (quietMatches) Decided(*domain.Program, *domain.Match)                   {}
func (quietMatches) Refused(*domain.Program, *domain.Match, []app.Suggestion) {}
func (quietMatches) Introduce(*domain.Program, *domain.Match, string)         {}
func (quietMatches) Ended(*domain.Program, *domain.Match)                     {}
func (quietMatches) Published(*domain.Program, string, int, int)              {}
func (quietMatches) Changed(string, ...string)                                {}
func (quietMatches) EnsurePairChannel(_ *domain.Program, m *domain.Match, _ string) (string, error) {
	return "pair-" + m.ID, nil
}
func (quietMatches) ArchiveChannel(string) error             { return nil }
func (quietMatches) At(string, string, time.Time, any) error { return nil }
func (quietMatches) Invite(*domain.Program, *domain.Session, string, []byte, string) string {
	return "post"
}
func (quietMatches) Proposed(*domain.Program, *domain.Session, string, string) string { return "post" }
func (quietMatches) Reminder(*domain.Program, *domain.Session, time.Time, time.Time, string, string) string {
	return ""
}
func (quietMatches) FollowUp(*domain.Program, *domain.Session, time.Time, string, string) string {
	return ""
}
func (quietMatches) Digest(string, []app.Nudge, string) string           { return "" }
func (quietMatches) FindNudge(string, string, time.Time) (string, error) { return "", nil }

// sessionFixture is a command handler over real services with an active match
// between bob (mentee, Berlin) and ana (mentor, New York) whose pair channel
// is "pair-" + the match id. Its clock is 2026-11-26 12:00 UTC.
type sessionFixture struct {
	*fixture
	match   *domain.Match
	program *domain.Program
}

var sessionClock = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func newSessionFixture(t *testing.T) *sessionFixture {
	t.Helper()
	f := &fixture{dir: &directory{}, front: &frontend{}, log: &logger{}}
	ids := 0
	quiet := quietMatches{}
	f.svc = app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: &zonedDirectory{}, Notifier: quietNotifier{}, Matches: quiet, Sessions: quiet, Channels: quiet, Scheduler: quiet,
		Settings: func() app.Settings {
			return app.Settings{Matching: domain.BuiltInMatchingDefaults, SiteURL: "https://chat.example.com"}
		},
		Now: func() time.Time { return sessionClock },
		NewID: func() string {
			ids++
			return fmt.Sprintf("id%024d", ids)
		},
	})
	old := now
	now = func() time.Time { return sessionClock }
	t.Cleanup(func() { now = old })
	bundle := goi18n.NewBundle(language.English)
	tr := i18n.New(bundle, func(string) string { return "en" })
	f.h = &Handler{Svc: f.svc, Tr: tr, Dialogs: &dialog.Dialogs{Svc: f.svc, Tr: tr, Frontend: f.front},
		Users: zonedUsers{}, Log: f.log}

	name, mode := "Spring", domain.MatchingSelfServe
	p, err := f.svc.Programs.Create("admin", teamID, app.ProgramFields{Name: &name, MatchingMode: &mode})
	require.NoError(t, err)
	_, err = f.svc.Enrollments.Join("ana", p.ID, app.JoinInput{Role: domain.RoleMentor, Capacity: 2})
	require.NoError(t, err)
	for _, mentee := range []string{"bob", "carl"} {
		_, err = f.svc.Enrollments.Join(mentee, p.ID, app.JoinInput{Role: domain.RoleMentee})
		require.NoError(t, err)
	}
	m, err := f.svc.Matches.Request("bob", p.ID, app.RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	m, err = f.svc.Matches.Answer("ana", m.ID, true)
	require.NoError(t, err)
	require.Equal(t, "pair-"+m.ID, m.ChannelID)
	return &sessionFixture{fixture: f, match: m, program: p}
}

// in runs a /mentor line as uid in a channel.
func (f *sessionFixture) in(channelID, uid, line string) string {
	resp := f.h.Execute(&model.CommandArgs{UserId: uid, TeamId: teamID, ChannelId: channelID, TriggerId: "trigger", Command: line})
	return resp.Text
}

// sessionID is the id a reply shows in "Session id: `…`".
func sessionID(t *testing.T, reply string) string {
	t.Helper()
	_, after, ok := strings.Cut(reply, "Session id: `")
	require.True(t, ok, reply)
	id, _, _ := strings.Cut(after, "`")
	require.True(t, model.IsValidId(id), reply)
	return id
}

func TestSessionInThePairChannelSchedulesInTheAuthorsZone(t *testing.T) {
	f := newSessionFixture(t)
	reply := f.in(f.match.ChannelID, "bob", "/mentor session tomorrow 3pm for 45m --title Kick-off --agenda CV review")
	require.Contains(t, reply, "Scheduled **Kick-off** with @ana: 2026-11-27 15:00–15:45 (Europe/Berlin)", "bob's 3pm, in bob's zone")
	require.Contains(t, reply, "a call in your pair's channel")
	id := sessionID(t, reply)

	v, err := f.svc.Sessions.Get("ana", id)
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC), v.Start)
	require.Equal(t, "CV review", v.Agenda)
	require.Equal(t, f.match.ID, v.MatchID)

	// ana sees it in New York time, with the status of the answers.
	list := f.in("town", "ana", "/mentor sessions")
	require.Contains(t, list, "#### Your sessions of the next 30 days (America/New_York)")
	require.Contains(t, list, "**Kick-off** with @bob: 2026-11-27 09:00–09:45 (America/New_York)")
	require.Contains(t, list, "waiting for you to confirm")
	require.Contains(t, list, "id `"+id+"`")

	require.Contains(t, f.in("town", "ana", "/mentor session confirm "+id), "You confirmed **Kick-off** with @bob: 2026-11-27 09:00–09:45 (America/New_York).")
	require.Contains(t, f.in("town", "bob", "/mentor sessions"), "· confirmed ·")
	require.Empty(t, f.log.errors)
}

func TestSessionWithALinkOrAPlaceAndARepeat(t *testing.T) {
	f := newSessionFixture(t)
	reply := f.in("town", "bob", "/mentor session next tuesday 15:00 --link https://meet.example.com/abc --repeat every 2 weeks --match "+f.match.ID)
	require.Contains(t, reply, "at https://meet.example.com/abc")
	require.Contains(t, reply, "repeating (FREQ=WEEKLY;INTERVAL=2")
	id := sessionID(t, reply)

	list := f.in("town", "bob", "/mentor sessions")
	require.Equal(t, 2, strings.Count(list, "id `"+id+"`"), "every two weeks until Dec 26: Dec 1 and 15\n%s", list)
	require.Contains(t, list, "**Mentoring session** with @ana", "a session without a title")
	require.Contains(t, list, "one of a series: --occurrence 2026-12-01T14:00Z")

	reply = f.in(f.match.ChannelID, "bob", "/mentor session friday 10am --place Room 4")
	require.Contains(t, reply, "in person at Room 4")
	require.Contains(t, f.in(f.match.ChannelID, "bob", "/mentor session friday 10am --place Room 4 --link https://x.example"), "not both")
}

func TestSessionMistakesAreExplainedAndChangeNothing(t *testing.T) {
	f := newSessionFixture(t)
	require.Contains(t, f.in("town", "bob", "/mentor session tomorrow 3pm"), "Run the command in your pair's channel, or name the match with --match ID")
	require.Contains(t, f.in(f.match.ChannelID, "bob", "/mentor session when pigs fly"), "tomorrow 3pm for 30m", "examples that parse")
	require.Contains(t, f.in(f.match.ChannelID, "bob", "/mentor session 2026-11-20 10:00"), "past")
	require.Contains(t, f.in(f.match.ChannelID, "bob", "/mentor session --title Hi"), "Say when, before the options")
	require.Contains(t, f.in(f.match.ChannelID, "carl", "/mentor session tomorrow 3pm"), "not the private channel of one of your matches", "carl is not in the pair")
	require.Contains(t, f.in(f.match.ChannelID, "bob", "/mentor session tomorrow 3pm --colour red"), "--colour is not an option")
	require.Contains(t, f.in("town", "bob", "/mentor session cancel"), "Say which session: `/mentor session cancel ID`")
	require.Contains(t, f.in("town", "bob", "/mentor session confirm nope"), "Say which session")

	list := f.in("town", "bob", "/mentor sessions")
	require.Contains(t, list, "You have no sessions in the next 30 days")
	require.Empty(t, f.front.opened)
	require.Empty(t, f.log.errors)
}

func TestSessionAloneOpensTheFormOnlyInAPairChannel(t *testing.T) {
	f := newSessionFixture(t)
	require.Contains(t, f.in("town", "bob", "/mentor session"), "Run the command in your pair's channel")
	require.Empty(t, f.front.opened, "no form that could not be saved")

	require.Empty(t, f.in(f.match.ChannelID, "bob", "/mentor session"))
	require.Len(t, f.front.opened, 1)
	form := f.front.opened[0]
	require.Equal(t, dialog.ScheduleURL, form.URL)
	require.NoError(t, form.Dialog.IsValid())
	require.Contains(t, form.Dialog.State, f.match.ID)
	require.Contains(t, form.Dialog.IntroductionText, "Europe/Berlin")

	require.Empty(t, f.in("town", "bob", "/mentor session --match "+f.match.ID))
	require.Len(t, f.front.opened, 2)
}

func TestSessionMoveAndCancelOneOccurrenceOrTheSeries(t *testing.T) {
	f := newSessionFixture(t)
	id := sessionID(t, f.in(f.match.ChannelID, "bob", "/mentor session monday 9:30am weekly --title Weekly"))

	// One occurrence moves; the reply and the list show the new time in ana's zone.
	reply := f.in("town", "ana", "/mentor session move "+id+" wednesday 4pm --occurrence 2026-12-07T08:30Z")
	require.Contains(t, reply, "Updated **Weekly**", reply)
	v, err := f.svc.Sessions.Get("bob", id)
	require.NoError(t, err)
	ex, ok := v.Exceptions[domain.OccurrenceKey(time.Date(2026, 12, 7, 8, 30, 0, 0, time.UTC))]
	require.True(t, ok, "one occurrence moved, not the series")
	require.Equal(t, time.Date(2026, 12, 2, 21, 0, 0, 0, time.UTC), ex.Start, "wednesday 4pm in New York")
	require.Contains(t, f.in("town", "ana", "/mentor sessions"), "2026-12-02 16:00–16:30 (America/New_York)")

	// An occurrence may also be named in the reader's wall-clock time.
	reply = f.in("town", "bob", "/mentor session cancel "+id+" --occurrence 2026-11-30 09:30 --reason travelling")
	require.Contains(t, reply, "**Weekly** is cancelled (2026-11-30 09:30–10:00 (Europe/Berlin))")
	require.NotContains(t, f.in("town", "bob", "/mentor sessions"), "2026-11-30")

	require.Contains(t, f.in("town", "bob", "/mentor session cancel "+id+" --occurrence soon"), "--occurrence takes the start of one meeting")
	require.Contains(t, f.in("town", "bob", "/mentor session cancel "+id), "**Weekly** is cancelled (every occurrence)")
	require.Contains(t, f.in("town", "bob", "/mentor sessions"), "You have no sessions")
	require.Contains(t, f.in("town", "carl", "/mentor session cancel "+id), "no such session")
	require.Empty(t, f.log.errors)
}

func TestSessionMoveWithoutATimeOpensTheChangeForm(t *testing.T) {
	f := newSessionFixture(t)
	id := sessionID(t, f.in(f.match.ChannelID, "bob", "/mentor session tomorrow 3pm"))
	require.Contains(t, f.in("town", "carl", "/mentor session move "+id), "no such session")
	require.Empty(t, f.front.opened)
	require.Empty(t, f.in("town", "ana", "/mentor session move "+id))
	require.Len(t, f.front.opened, 1)
	require.Equal(t, dialog.SessionChangeURL, f.front.opened[0].URL)
	require.NoError(t, f.front.opened[0].Dialog.IsValid())
}

func TestHelpListsTheSessionCommands(t *testing.T) {
	f := newSessionFixture(t)
	help := f.in("town", "bob", "/mentor help")
	for _, usage := range []string{usageSession, "sessions", usageCancel, usageMove, usageConfirm, "calendar new", "calendar revoke",
		"reminders [--lead 1d,1h]", usageHoursPublish, "hours unpublish PROGRAM", "hours PROGRAM [@mentor]", usageBook} {
		require.Contains(t, help, "`/mentor "+usage)
	}
	require.Contains(t, f.in("town", "bob", "/mentor sesions"), "Did you mean `/mentor sessions`?")
}

func TestParseInstantReadsISOAndWallClockTimes(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	want := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-12-03T14:00Z", "2026-12-03T14:00:00Z", "2026-12-03T15:00:00+01:00", "2026-12-03 15:00", "2026-12-03T15:00"} {
		got, err := parseInstant(s, berlin)
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
	_, err = parseInstant("3pm", berlin)
	require.Error(t, err)
}
