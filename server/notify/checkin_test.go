package notify

import (
	"errors"
	"os"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// checkInPosts adds the channel posts the Kit needs (check-ins post only DMs).
type checkInPosts struct{ *sessionMM }

func (checkInPosts) CreatePost(*model.Post) error { return errors.New("check-ins post only DMs") }

// checkInNotifier reads Spanish for ana, English for everyone else.
func checkInNotifier(t *testing.T) (*CheckInNotifier, *sessionMM) {
	t.Helper()
	bundle := goi18n.NewBundle(language.English)
	checkins, err := os.ReadFile("../../assets/i18n/active.checkins.es.json")
	require.NoError(t, err)
	sessions, err := os.ReadFile("../../assets/i18n/active.sessions.es.json")
	require.NoError(t, err)
	for file, data := range map[string][]byte{"active.checkins.es.json": checkins, "active.sessions.es.json": sessions} {
		_, err = bundle.ParseMessageFileBytes(data, file)
		require.NoError(t, err)
	}
	tr := i18n.New(bundle, func(uid string) string {
		if uid == "ana" {
			return "es"
		}
		return "en"
	})
	f := &sessionMM{clock: sessionNow}
	return &CheckInNotifier{Kit: Kit{BotID: func() string { return "bot" }, Posts: checkInPosts{f}, Channels: sessionChannels{},
		Frontend: f, Users: f, Log: f, Tr: tr}}, f
}

func TestThePromptAsksEachSideAboutTheOtherWithButtons(t *testing.T) {
	n, f := checkInNotifier(t)
	p := &domain.Program{ID: "prog", Name: "Guild"}
	m := &domain.Match{ID: "m1", ProgramID: "prog", MenteeID: "ana", MentorID: "bob"}
	round := &domain.CheckInRound{Round: 3}
	require.NotEmpty(t, n.Prompt(p, m, round, "bob", "m1/3/prompt/bob"))
	require.NotEmpty(t, n.Prompt(p, m, round, "ana", "m1/3/prompt/ana"))
	require.Len(t, f.dms, 2)

	bob := f.dms[0].post
	require.Equal(t, "m1/3/prompt/bob", bob.GetProp(PropNudge), "a retry after a crash finds it")
	att := bob.Attachments()
	require.Len(t, att, 1)
	require.Contains(t, att[0].Text, "How is it going with @ana?")
	require.Contains(t, att[0].Text, "**Guild**")
	require.Contains(t, att[0].Text, "@ana does not")
	require.Len(t, att[0].Actions, 3)
	var answers []string
	for _, a := range att[0].Actions {
		require.Equal(t, ActionCheckInPath, a.Integration.URL)
		require.Equal(t, "m1", a.Integration.Context["match_id"])
		require.Equal(t, "3", a.Integration.Context["round"])
		require.Equal(t, "m1/3/prompt/bob", a.Integration.Context["nudge"])
		answers = append(answers, a.Integration.Context["answer"].(string))
	}
	require.Equal(t, domain.CheckInAnswers, answers)

	ana := f.dms[1].post.Attachments()[0]
	require.Contains(t, ana.Text, "¿Qué tal va con @bob?")
	require.Equal(t, "😟 Con dificultades", ana.Actions[2].Name)
}

func TestTheStrugglingAlertNamesThePairAndCarriesTheNote(t *testing.T) {
	n, f := checkInNotifier(t)
	p := &domain.Program{ID: "prog", Name: "Guild"}
	m := &domain.Match{ID: "m1", ProgramID: "prog", MenteeID: "ana", MentorID: "bob"}
	a := domain.CheckInAnswer{UserID: "ana", Answer: domain.CheckInStruggling, Note: "no time\n# not a heading"}
	require.NotEmpty(t, n.Struggling(p, m, 2, a, "carla", "m1/2/alert/ana/carla"))
	post := f.dms[0].post
	require.Equal(t, "carla", f.dms[0].to)
	require.Equal(t, "m1/2/alert/ana/carla", post.GetProp(PropNudge))
	require.Contains(t, post.Message, "@ana is struggling")
	require.Contains(t, post.Message, "check-in 2 of their match with @bob in **Guild**")
	require.Contains(t, post.Message, "> no time\n> # not a heading", "the note is quoted, not rendered")
}

func TestAnAnsweredPostShowsTheAnswerAndOffersANote(t *testing.T) {
	tr := i18n.English()
	post := CheckInAnsweredPost(tr, "bob", "m1", 4, domain.CheckInAnswer{Answer: domain.CheckInFine, Note: "ok"}, "m1/4/prompt/bob")
	require.Equal(t, "m1/4/prompt/bob", post.GetProp(PropNudge))
	att := post.Attachments()[0]
	require.Contains(t, att.Text, "Check-in: 🙂 Fine")
	require.Contains(t, att.Text, "> ok")
	require.Len(t, att.Actions, 4)
	require.Equal(t, CheckInNote, att.Actions[3].Integration.Context["answer"])
}

func TestTheDigestListsAWaitingCheckIn(t *testing.T) {
	n, f := newSessionNotifier(t)
	nudges := []app.Nudge{
		{Key: "m1/1/prompt/bob", Kind: app.DueCheckInPrompt, SessionID: "m1", Title: "@ana"},
		{Key: "s1/x", Kind: app.DueFollowUp, SessionID: "s1", Start: sessionNow, Title: "Career talk"},
	}
	require.NotEmpty(t, n.Digest("bob", nudges, "digest/bob/2026-03-10"))
	msg := f.dms[0].post.Message
	require.Contains(t, msg, "- Check-in: how is it going with @ana? Answer with `/mentor checkin great`")
	require.Contains(t, msg, "**Career talk**")
}
