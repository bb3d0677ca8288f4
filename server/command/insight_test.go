package command

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

type insightNudges struct{ sent []string }

func (n *insightNudges) Nudge(_ *domain.Program, h *domain.MatchHealth, by, note, _ string) int {
	n.sent = append(n.sent, h.MenteeID+"/"+by+"/"+note, h.MentorID+"/"+by+"/"+note)
	return 2
}

// insightFixture is the command fixture with a nudge recorder and a program
// coordinated by coord, with one pair that has not met in a month.
func insightFixture(t *testing.T) (*fixture, *insightNudges, *domain.Program) {
	t.Helper()
	f := newFixture(t)
	nudges := &insightNudges{}
	kv := &pluginapi.MemoryStore{}
	ids := 0
	f.svc = app.NewServices(store.New(kv), app.Deps{
		Directory: f.dir, Notifier: quietNotifier{}, Insight: nudges,
		Settings: func() app.Settings { return app.Settings{MembersMayCreatePrograms: true} },
		Now:      func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		NewID: func() string {
			ids++
			return fmt.Sprintf("prog%022d", ids)
		},
	})
	f.h.Svc = f.svc
	require.Contains(t, f.run("coord", "/mentor program create Guild"), "Guild")
	p := f.program(t, "Guild")
	matchID := strings.Repeat("m", 26)
	_, err := store.New(kv).UpdateMatchHealth(p.ID, matchID, func(h *domain.MatchHealth, _ bool) error {
		*h = domain.MatchHealth{MenteeID: "mia", MentorID: "max", Status: domain.MatchActive,
			ActivatedAt: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), SessionsPlanned: 2, SessionsHeld: 1,
			Attended: 2, LastSessionAt: time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC), LastRating: 1, RatingSum: 1, RatingCount: 1}
		return nil
	})
	require.NoError(t, err)
	return f, nudges, p
}

func TestInsightCommandSummarizesAndListsThePairsAtRisk(t *testing.T) {
	f, _, _ := insightFixture(t)
	out := f.run("coord", "/mentor insight guild")
	for _, want := range []string{"#### Insight: Guild", "**Matches:** 1 active of 1", "1 held of 2 planned", "attendance 100%",
		"**Average rating:** 1.0 from 1 ratings", "**Needs attention (1):**",
		"@mia with @max: no session for 37 days; a low rating (1)", "`/mentor at-risk guild`"} {
		require.Contains(t, out, want)
	}
	list := f.run("coord", "/mentor at-risk guild")
	require.Contains(t, list, "#### Pairs that need attention in Guild (1)")
	require.Contains(t, list, "match `"+strings.Repeat("m", 26)+"`")
	require.Contains(t, f.run("coord", "/mentor at-risk guild --page 2"), "The list has 1 pages")
	// A member of the team is refused.
	require.Contains(t, f.run("bob", "/mentor insight guild"), "Only the coordinators of Guild")
	require.Contains(t, f.run("bob", "/mentor at-risk guild"), "Only the coordinators of Guild")
}

func TestNudgeCommandSendsOnceADay(t *testing.T) {
	f, nudges, _ := insightFixture(t)
	id := strings.Repeat("m", 26)
	require.Contains(t, f.run("coord", "/mentor nudge guild "+id+" --note Shall we meet?"), "I sent @mia and @max a note")
	require.Equal(t, []string{"mia/coord/Shall we meet?", "max/coord/Shall we meet?"}, nudges.sent)
	require.Contains(t, f.run("coord", "/mentor nudge guild "+id), "at most one nudge a day")
	require.Len(t, nudges.sent, 2)
	require.Contains(t, f.run("coord", "/mentor nudge guild"), "Say which pair")
	require.Contains(t, f.run("bob", "/mentor nudge guild "+id), "Only the coordinators of Guild")
	require.Contains(t, f.run("coord", "/mentor at-risk guild"), "nudged 2026-11-26")
}

func TestInsightSettingsCommandShowsAndChanges(t *testing.T) {
	f, _, p := insightFixture(t)
	shown := f.run("coord", "/mentor insight settings guild")
	require.Contains(t, shown, "No session for more than **21** days")
	require.NotContains(t, shown, "Saved.")
	saved := f.run("coord", "/mentor insight settings guild --no-session 60 --low-rating 3 --digest-day fri --digest-time 08:30")
	require.Contains(t, saved, "Saved.")
	require.Contains(t, saved, "No session for more than **60** days")
	require.Contains(t, saved, "**fri 08:30**")
	got, err := f.svc.Programs.Get("coord", p.ID)
	require.NoError(t, err)
	require.Equal(t, domain.InsightSettings{NoSessionDays: 60, LowRating: 3, DigestDay: "fri", DigestTime: "08:30"}, got.Insight)
	require.Contains(t, f.run("coord", "/mentor insight settings guild --silent many"), "--silent takes a whole number")
	require.Contains(t, f.run("coord", "/mentor insight settings guild --silent 0"), "from 1 to 30")
	// With 60 days, the pair that has not met for 37 is no longer at risk for that.
	require.NotContains(t, f.run("coord", "/mentor insight guild"), "no session for")
}
