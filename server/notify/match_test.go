package notify

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// matchMM is the Mattermost side of the match notifier: DMs, channel posts,
// users with a time zone each. ana reads Spanish.
type matchMM struct {
	fakeMM
	channelPosts []*model.Post
	failDM       bool
}

func (f *matchMM) DM(from, to string, post *model.Post) error {
	if f.failDM {
		return fmt.Errorf("DMs are off")
	}
	return f.fakeMM.DM(from, to, post)
}

func (f *matchMM) CreatePost(p *model.Post) error {
	f.channelPosts = append(f.channelPosts, p)
	return nil
}

var zones = map[string]string{"ana": "Europe/Madrid", "bob": "America/New_York"}

func (f *matchMM) Get(id string) (*model.User, error) {
	return &model.User{Id: id, Username: id, Timezone: model.StringMap{
		"useAutomaticTimezone": "false", "manualTimezone": zones[id]}}, nil
}

// spanishCatalog loads this feature's real Spanish catalog, so the tests also
// prove that its entries render.
func spanishTranslator(t *testing.T) *i18n.Translator {
	t.Helper()
	data, err := os.ReadFile("../../assets/i18n/active.matches.es.json")
	require.NoError(t, err)
	bundle := goi18n.NewBundle(language.English)
	_, err = bundle.ParseMessageFileBytes(data, "active.matches.es.json")
	require.NoError(t, err)
	return i18n.New(bundle, func(uid string) string {
		if uid == "ana" {
			return "es"
		}
		return "en"
	})
}

func newMatchNotifier(t *testing.T) (*MatchNotifier, *matchMM) {
	f := &matchMM{}
	return &MatchNotifier{BotID: func() string { return "bot" }, Posts: f, Frontend: f, Users: f, Log: f,
		Tr: spanishTranslator(t)}, f
}

var reasons = []matching.Reason{
	{Kind: matching.ReasonSkill, Term: "public speaking", Points: 10, Text: "wants public speaking — ana offers it"},
	{Kind: matching.ReasonTimeZone, Amount: 180, Points: 4, Text: "3 h of shared working hours"},
	{Kind: matching.ReasonExperience, Amount: 6, Points: 2},
	{Kind: matching.ReasonInterest, Term: "chess", Points: 5},
}

// bob (mentee, English) and ana (mentor, Spanish).
func proposal() *domain.Match {
	return &domain.Match{ID: "m1", ProgramID: "p1", MenteeID: "bob", MentorID: "ana", Status: domain.MatchProposed,
		Reasons: reasons, ExpiresAt: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
}

func TestAProposalShowsEachSideTheReasonsFromTheirSideWithButtonsAndTheirTime(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	require.Equal(t, "post0", n.Proposal(spring, m, "bob"))
	require.Equal(t, "post1", n.Proposal(spring, m, "ana"))

	bob := f.dms[0].post.Attachments()[0]
	for _, part := range []string{"A mentor for you in Spring: @ana", "- You want public speaking; @ana offers it",
		"- 3 h of shared working time", "- @ana has more experience than you (+6 yr)", "- You are both interested in chess",
		"2026-12-01 07:00 (America/New_York)"} {
		require.Contains(t, bob.Text, part)
	}
	require.NotContains(t, bob.Text, "— ana offers it", "the engine's English text is not shown")
	require.Less(t, strings.Index(bob.Text, "chess"), strings.Index(bob.Text, "3 h"), "reasons worth more come first")

	ana := f.dms[1].post.Attachments()[0]
	for _, part := range []string{"@bob quiere public speaking; tú lo ofreces", "3 h de horario laboral compartido",
		"Tienes más experiencia que @bob (años de diferencia: 6)", "2026-12-01 13:00 (Europe/Madrid)"} {
		require.Contains(t, ana.Text, part)
	}
	for _, att := range []*model.SlackAttachment{bob, ana} {
		require.Len(t, att.Actions, 2)
		for i, action := range []string{ActionAccept, ActionDecline} {
			require.Equal(t, ActionMatchPath, att.Actions[i].Integration.URL)
			require.Equal(t, map[string]any{"match_id": "m1", "action": action}, att.Actions[i].Integration.Context)
		}
	}
	require.Equal(t, "Aceptar", ana.Actions[0].Name)
	require.Equal(t, []string{"changed->bob", "changed->ana", "changed->bob", "changed->ana"}, f.events)
}

func TestARequestShowsTheMentorTheMenteesMessageQuoted(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	m.MenteeID, m.MentorID, m.Status = "ana", "bob", domain.MatchRequested
	m.Message = "Hola!\n# not a heading"
	require.Equal(t, "post0", n.RequestSent(spring, m))
	require.Equal(t, "bob", f.dms[0].to)
	text := f.dms[0].post.Attachments()[0].Text
	require.Contains(t, text, "@ana asks you to be their mentor in Spring")
	require.Contains(t, text, "@ana wants public speaking; you offer it")
	require.Contains(t, text, "**Their message:**\n> Hola!\n> # not a heading")
	require.Contains(t, text, "expires on 2026-12-01 07:00 (America/New_York)")
}

func TestAFailedDMReturnsNoPostID(t *testing.T) {
	n, f := newMatchNotifier(t)
	f.failDM = true
	require.Empty(t, n.Proposal(spring, proposal(), "bob"))
}

func TestDecidedReplacesTheButtonsOfEveryPostInEachReadersLanguage(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	m.Posts = map[string]string{"bob": n.Proposal(spring, m, "bob"), "ana": n.Proposal(spring, m, "ana")}
	m.Status, m.DecidedBy = domain.MatchDeclined, "ana"
	n.Decided(spring, m)
	require.Len(t, f.updated, 2)
	texts := map[string]string{}
	for _, post := range f.updated {
		require.Empty(t, post.Attachments(), "no stale button is left")
		texts[post.Id] = post.Message
	}
	require.Equal(t, "❌ @ana declined; @bob and @ana will not be paired in **Spring**.", texts[m.Posts["bob"]])
	require.Contains(t, texts[m.Posts["ana"]], "Rechazaste")
}

func TestOutcomeTextNamesWhatHappened(t *testing.T) {
	tr := i18n.English()
	name := func(id string) string { return "@" + id }
	m := proposal()
	cases := []struct {
		status, decidedBy, reader, want string
		accepted                        bool
	}{
		{domain.MatchActive, "", "bob", "✅ @bob and @ana are now a pair", false},
		{domain.MatchProposed, "", "bob", "You accepted; waiting for @ana", true},
		{domain.MatchDeclined, "bob", "bob", "❌ You declined", false},
		{domain.MatchExpired, "", "ana", "expired", false},
		{domain.MatchWithdrawn, "bob", "ana", "@bob withdrew the request", false},
		{domain.MatchWithdrawn, "", "bob", "@ana has no free mentee place left", false},
		{domain.MatchCancelled, "", "bob", "is cancelled", false},
	}
	for _, c := range cases {
		m.Status, m.DecidedBy, m.Accepted = c.status, c.decidedBy, nil
		if c.accepted {
			m.Accepted = map[string]time.Time{c.reader: time.Now()}
		}
		require.Contains(t, MatchOutcomeText(tr, c.reader, spring, m, name), c.want, c.status)
	}
}

func TestRefusedTellsTheMenteeWhyAndWhomToAskNext(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	m.Status, m.DecidedBy = domain.MatchExpired, ""
	next := []app.Suggestion{
		{MentorID: "carl", FreeCapacity: 1, Capacity: 2, Reasons: reasons},
		{MentorID: "dora", FreeCapacity: 3, Capacity: 3},
	}
	n.Refused(spring, m, next)
	require.Len(t, f.dms, 1)
	require.Equal(t, "bob", f.dms[0].to)
	text := f.dms[0].post.Message
	require.Contains(t, text, "Your request to @ana in **Spring** expired without an answer.")
	require.Contains(t, text, "1. @carl (1 of 2 places free): You want public speaking; @carl offers it; You are both interested in chess; 3 h of shared working time")
	require.NotContains(t, text, "+6 yr", "only the top three reasons")
	require.Contains(t, text, "2. @dora (3 of 3 places free): Free capacity and no constraint")
	require.Contains(t, text, "`/mentor request spring @username`")

	f.dms = nil
	m.Status = domain.MatchWithdrawn
	n.Refused(spring, m, nil)
	require.Contains(t, f.dms[0].post.Message, "@ana has no free mentee place left")
	require.Contains(t, f.dms[0].post.Message, "No mentor in Spring has a free place right now. Your coordinators (@coord)")
}

func TestTheIntroductionGoesIntoThePairsChannelInBothLanguages(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	m.Status, m.ChannelID = domain.MatchActive, "chan1"
	n.Introduce(spring, m, "Speak at a conference\n- lead a team")
	require.Len(t, f.channelPosts, 1)
	post := f.channelPosts[0]
	require.Equal(t, "chan1", post.ChannelId)
	require.Equal(t, "bot", post.UserId)
	english, spanish, found := strings.Cut(post.Message, "\n\n---\n\n")
	require.True(t, found, "the mentor reads Spanish: a second version follows")
	for _, part := range []string{"Welcome, @bob and @ana!", "- @bob wants public speaking; @ana offers it",
		"**@bob's goals:**\n> Speak at a conference\n> - lead a team", "**First step:**"} {
		require.Contains(t, english, part)
	}
	require.Contains(t, spanish, "@bob quiere public speaking; @ana lo ofrece")
	require.Contains(t, spanish, "**Primer paso:**")

	f.channelPosts = nil
	m.MentorID = "carl" // English too: one version
	n.Introduce(spring, m, "")
	require.NotContains(t, f.channelPosts[0].Message, "---")
	require.NotContains(t, f.channelPosts[0].Message, "goals")
}

func TestEndedSendsTheSurveyToBothAndMatchMeAgainToTheMentee(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	m.Status, m.EndedBy, m.EndReason = domain.MatchCancelled, "ana", "Changed teams"
	n.Ended(spring, m)
	require.Len(t, f.dms, 2)
	bob, ana := f.dms[0], f.dms[1]
	require.Equal(t, "bob", bob.to)
	bobActions := bob.post.Attachments()[0].Actions
	require.Len(t, bobActions, 2)
	require.Equal(t, ActionSurvey, bobActions[0].Integration.Context["action"])
	require.Equal(t, ActionRematch, bobActions[1].Integration.Context["action"])
	require.Contains(t, bob.post.Attachments()[0].Text, "ended by @ana")
	require.Contains(t, bob.post.Attachments()[0].Text, "> Changed teams")

	require.Equal(t, "ana", ana.to)
	anaActions := ana.post.Attachments()[0].Actions
	require.Len(t, anaActions, 1, "the mentor gets no match me again")
	require.Equal(t, ActionSurvey, anaActions[0].Integration.Context["action"])
	require.Equal(t, "m1", anaActions[0].Integration.Context["match_id"])
}

func TestPublishedTellsTheCoordinatorTheCounts(t *testing.T) {
	n, f := newMatchNotifier(t)
	n.Published(spring, "coord", 12, 2)
	require.Equal(t, "coord", f.dms[0].to)
	require.Contains(t, f.dms[0].post.Message, "12 proposals were sent; 2 were skipped")
	require.Equal(t, []string{"changed->coord"}, f.events)
}

func TestReasonsAreWrittenForCoordinatorsInTheThirdPerson(t *testing.T) {
	tr := i18n.English()
	pair := Pair{MenteeID: "bob", MentorID: "ana", Mentee: "@bob", Mentor: "@ana"}
	require.Equal(t, "@bob's goal “lead a team”: @ana knows it",
		ReasonText(tr, "coord", pair, matching.Reason{Kind: matching.ReasonGoal, Term: "lead a team"}))
	require.Equal(t, "Both speak German", ReasonText(tr, "coord", pair, matching.Reason{Kind: matching.ReasonLanguage, Term: "German"}))
	require.Equal(t, "2.5 h of shared working time", ReasonText(tr, "bob", pair, matching.Reason{Kind: matching.ReasonTimeZone, Amount: 150}))
	require.Equal(t, "@ana has less experience than @bob (−2 yr)",
		ReasonText(tr, "coord", pair, matching.Reason{Kind: matching.ReasonExperience, Amount: -2}))
	require.Equal(t, "new kind", ReasonText(tr, "coord", pair, matching.Reason{Kind: "future", Text: "new kind"}))
}

func TestAProposalReminderGoesToWhoeverHasNotAccepted(t *testing.T) {
	n, f := newMatchNotifier(t)
	m := proposal()
	m.Accepted = map[string]time.Time{"ana": time.Now()}
	n.RequestReminder(spring, m)
	require.Len(t, f.dms, 1, "the mentor said yes already")
	require.Equal(t, "bob", f.dms[0].to)
	require.Contains(t, f.dms[0].post.Message, "the proposal to pair you with @ana in **Spring** expires on 2026-12-01 07:00 (America/New_York)")

	n, f = newMatchNotifier(t)
	n.RequestReminder(spring, proposal())
	require.Len(t, f.dms, 2, "nobody answered: both are reminded")
	require.Contains(t, f.dms[1].post.Message, "la propuesta de emparejarte con @bob")
}
