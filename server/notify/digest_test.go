package notify

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// digestMM is the Mattermost side of the digest: DMs, users, channels.
type digestMM struct{ sessionMM }

func (f *digestMM) CreatePost(*model.Post) error { return nil }

func newDigestNotifier(t *testing.T) (*DigestNotifier, *digestMM) {
	t.Helper()
	data, err := os.ReadFile("../../assets/i18n/active.digest.es.json")
	require.NoError(t, err)
	bundle := goi18n.NewBundle(language.English)
	_, err = bundle.ParseMessageFileBytes(data, "active.digest.es.json")
	require.NoError(t, err)
	tr := i18n.New(bundle, func(uid string) string {
		if uid == "ana" {
			return "es"
		}
		return "en"
	})
	f := &digestMM{}
	return &DigestNotifier{Kit{BotID: func() string { return "bot" }, Posts: f, Channels: sessionChannels{},
		Frontend: f, Users: f, Log: f, Tr: tr}}, f
}

// digestView is a program's insight computed on Monday 30 November 2026.
func digestView() *app.InsightView {
	v := &app.InsightView{ProgramID: "p1", GeneratedAt: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	v.Matches = app.MatchCounts{Total: 12, Active: 9}
	v.Sessions = app.SessionStats{Planned: 40, Held: 31, AttendanceRate: 0.875,
		PerWeek: []app.SessionWeek{{Week: "2026-W47", Held: 2}, {Week: "2026-W48", Held: 6}, {Week: "2026-W49", Held: 1}}}
	v.Goals = app.GoalStats{Total: 20, Done: 5, AtRisk: 2, CompletionRate: 0.25}
	v.Ratings = app.RatingStats{Average: 4.25, Count: 8}
	v.CheckIns = []app.CheckInWeek{{Week: "2026-W48", Great: 3, Fine: 4, Struggling: 1}}
	for i := 0; i < 7; i++ {
		v.AtRisk = append(v.AtRisk, app.AtRiskMatch{MatchID: "m", MentorID: "bob", MenteeID: "cy", ChannelID: "chan1",
			Reasons: []app.RiskReason{{Code: app.RiskOneSideQuiet, UserID: "bob", Days: 7}, {Code: app.RiskLowRating, Rating: 2}}})
	}
	v.AtRiskTotal = 7
	return v
}

func TestWeeklyDigestSaysTheNumbersAndTheTopAtRisk(t *testing.T) {
	n, f := newDigestNotifier(t)
	id := n.Weekly(spring, "bob", digestView(), "pdigest/p1/bob/2026-W49")
	require.NotEmpty(t, id)
	require.Len(t, f.dms, 1)
	post := f.dms[0].post
	require.Equal(t, "pdigest/p1/bob/2026-W49", post.GetProp(PropNudge), "a retry finds it")
	msg := post.Message
	for _, want := range []string{
		"Weekly digest: Spring",
		"**Matches:** 9 active, 12 in all",
		"6 held last week; 31 held of 40 planned", // last week is W48
		"**Attendance:** 88 %",
		"5 of 20 done (25 %), 2 at risk",
		"4.2 / 5 (8 ratings)",
		"3 great, 4 fine, 1 struggling",
		"**At risk: 7**",
		"- @cy & @bob (~bob-and-ana): @bob has not posted in the pair channel for 7 days; a low rating (2 / 5)",
		"… and 2 more",
		"/mentor insight spring",
	} {
		require.Contains(t, msg, want)
	}
	require.Equal(t, 5, strings.Count(msg, "- @cy & @bob"), "the top five")
}

func TestWeeklyDigestInSpanish(t *testing.T) {
	n, f := newDigestNotifier(t)
	v := digestView()
	v.AtRisk, v.AtRiskTotal, v.Ratings = nil, 0, app.RatingStats{}
	require.NotEmpty(t, n.Weekly(spring, "ana", v, "k"))
	msg := f.dms[0].post.Message
	for _, want := range []string{"Resumen semanal: Spring", "9 activas, 12 en total", "aún no hay valoraciones", "**En riesgo:** ninguna"} {
		require.Contains(t, msg, want)
	}
}

func TestWeeklyDigestThatCannotBeSentReturnsNoPost(t *testing.T) {
	n, f := newDigestNotifier(t)
	f.failDM = true
	require.Empty(t, n.Weekly(spring, "bob", digestView(), "k"))
}
