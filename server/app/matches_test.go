package app

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func requireKind(t *testing.T, err error, want Kind) {
	t.Helper()
	kind, _ := kindOf(t, err)
	require.Equal(t, want, kind, "%v", err)
}

func TestRequestAcceptMakesOneChannelAndIntroduction(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob", "cy")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "public speaking", "go")
	w.join(p, "cy", domain.RoleMentor, 1, "gardening")
	w.join(p, "bob", domain.RoleMentee, 0, "Public-Speaking")

	suggestions, err := w.Matches.Suggest("bob", p.ID, 0)
	require.NoError(t, err)
	require.Len(t, suggestions, 2, "every mentor with room is eligible, even with nothing in common")
	require.Equal(t, "ana", suggestions[0].MentorID, "the shared skill ranks first")
	require.NotEmpty(t, suggestions[0].Reasons)
	require.Equal(t, 1, suggestions[0].FreeCapacity)

	m, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana", Message: "Hi!"})
	require.NoError(t, err)
	require.Equal(t, domain.MatchRequested, m.Status)
	require.Equal(t, 1, w.notes.count(&w.notes.requests))
	require.Equal(t, "post-"+m.ID, m.Posts["ana"])
	require.True(t, w.due.has(DueExpireMatch) && w.due.has(DueRemindMatch))

	_, err = w.Matches.Answer("bob", m.ID, true)
	requireKind(t, err, KindForbidden) // the mentee cannot accept their own request
	_, err = w.Matches.Answer("cy", m.ID, true)
	requireKind(t, err, KindForbidden)

	active, err := w.Matches.Answer("ana", m.ID, true)
	require.NoError(t, err)
	require.Equal(t, domain.MatchActive, active.Status)
	require.Equal(t, "chan-"+m.ID, active.ChannelID)
	require.Empty(t, active.Owed)
	require.Equal(t, 1, w.channels.creates)
	require.Equal(t, []string{m.ID + "/chan-" + m.ID}, w.notes.intros)

	_, err = w.Matches.Answer("ana", m.ID, true)
	requireKind(t, err, KindConflict) // accepting twice

	mine, err := w.Matches.Mine("bob")
	require.NoError(t, err)
	require.Len(t, mine, 1)
	require.Equal(t, domain.MatchActive, mine[0].Status)

	_, err = w.Matches.Suggest("bob", p.ID, 0)
	require.NoError(t, err, "suggestions still answer")
	_, err = w.Matches.Request("bob", p.ID, RequestInput{MentorID: "cy"})
	requireKind(t, err, KindConflict) // already has a mentor
}

func TestRequestRefusesBadInputAndChangesNothing(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob", "cy", "dee", "eve")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1)
	w.join(p, "bob", domain.RoleMentee, 0)
	w.join(p, "cy", domain.RoleMentee, 0)
	w.join(p, "eve", domain.RoleMentor, 1)
	_, err := w.Enrollments.Pause("eve", p.ID, "")
	require.NoError(t, err)
	cases := []struct {
		name  string
		actor string
		in    RequestInput
		kind  Kind
	}{
		{"to oneself", "bob", RequestInput{MentorID: "bob"}, KindInvalid},
		{"to a mentee", "bob", RequestInput{MentorID: "cy"}, KindInvalid},
		{"to a non-member", "bob", RequestInput{MentorID: "dee"}, KindInvalid},
		{"to a paused mentor", "bob", RequestInput{MentorID: "eve"}, KindConflict},
		{"from a mentor", "ana", RequestInput{MentorID: "eve"}, KindConflict},
		{"from a non-member", "dee", RequestInput{MentorID: "ana"}, KindNotFound},
		{"message too long", "bob", RequestInput{MentorID: "ana", Message: string(make([]byte, 1001))}, KindInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := w.Matches.Request(c.actor, p.ID, c.in)
			requireKind(t, err, c.kind)
		})
	}
	require.Zero(t, w.notes.count(&w.notes.requests), "nothing was sent")
	for _, u := range []string{"ana", "bob", "cy"} {
		e := w.Enrollments
		m, err := e.store.GetMemberships(u)
		require.NoError(t, err)
		require.Empty(t, m.Enrollments[p.ID].Requests, u)
		require.Empty(t, m.Enrollments[p.ID].Incoming, u)
	}

	first, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	_, err = w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
	requireKind(t, err, KindConflict) // duplicate
	coordinated := w.program("Classic", domain.MatchingCoordinator)
	w.join(coordinated, "bob", domain.RoleMentee, 0)
	w.join(coordinated, "ana", domain.RoleMentor, 1)
	_, err = w.Matches.Request("bob", coordinated.ID, RequestInput{MentorID: "ana"})
	requireKind(t, err, KindConflict) // coordinators match here
	_, err = w.Matches.Suggest("bob", coordinated.ID, 0)
	requireKind(t, err, KindConflict) // and suggest nobody

	w.advance(73 * time.Hour)
	_, err = w.Matches.Answer("ana", first.ID, true)
	requireKind(t, err, KindConflict) // expired
	expired, err := w.Matches.Get("bob", first.ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchExpired, expired.Status)
}

// Twenty mentees ask one mentor with capacity 2, on two nodes; the mentor
// accepts them all at once. Two are matched, every other request is closed and
// its mentee told why.
func TestTwentyRequestsToOneMentorNeverExceedCapacity(t *testing.T) {
	var mentees []string
	for i := 0; i < 20; i++ {
		mentees = append(mentees, fmt.Sprintf("m%02d", i))
	}
	w := newMatchWorld(t, append(mentees, "ana")...)
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 2, "go")
	for _, m := range mentees {
		w.join(p, m, domain.RoleMentee, 0, "go")
	}
	nodes := []*Services{w.Services, w.node()}
	ids := make([]string, len(mentees))
	var wg sync.WaitGroup
	for i, mentee := range mentees {
		wg.Add(1)
		go func(i int, mentee string) {
			defer wg.Done()
			m, err := nodes[i%2].Matches.Request(mentee, p.ID, RequestInput{MentorID: "ana"})
			require.NoError(t, err)
			ids[i] = m.ID
		}(i, mentee)
	}
	wg.Wait()
	accepted := 0
	var mu sync.Mutex
	for i, id := range ids {
		wg.Add(1)
		go func(i int, id string) {
			defer wg.Done()
			_, err := nodes[i%2].Matches.Answer("ana", id, true)
			if err == nil {
				mu.Lock()
				accepted++
				mu.Unlock()
				return
			}
			requireKind(t, err, KindConflict)
		}(i, id)
	}
	wg.Wait()
	require.Equal(t, 2, accepted)
	active := 0
	for _, id := range ids {
		m, err := w.Matches.Get("ana", id)
		require.NoError(t, err)
		switch m.Status {
		case domain.MatchActive:
			active++
		case domain.MatchWithdrawn:
		default:
			t.Fatalf("request %s is %s; every request is matched or closed", id, m.Status)
		}
	}
	require.Equal(t, 2, active)
	require.Equal(t, 18, w.notes.count(&w.notes.refused), "every other mentee is told")
	require.Equal(t, 2, w.channels.creates)
}

func TestPreviewAndPublishFromTwoNodesNeverDoubleMatch(t *testing.T) {
	users := []string{"ana", "ben", "m1", "m2", "m3", "m4", "m5", "m6"}
	w := newMatchWorld(t, users...)
	p := w.program("Spring", domain.MatchingCoordinator)
	w.join(p, "ana", domain.RoleMentor, 2, "go", "design")
	w.join(p, "ben", domain.RoleMentor, 2, "writing")
	for i, m := range []string{"m1", "m2", "m3", "m4", "m5", "m6"} {
		skill := "go"
		if i%2 == 1 {
			skill = "writing"
		}
		w.join(p, m, domain.RoleMentee, 0, skill)
	}
	_, err := w.Matches.Preview("ana", p.ID, PreviewInput{})
	requireKind(t, err, KindForbidden)
	_, err = w.Matches.Preview("coord", p.ID, PreviewInput{Policy: "greedy"})
	requireKind(t, err, KindInvalid)

	preview, err := w.Matches.Preview("coord", p.ID, PreviewInput{})
	require.NoError(t, err)
	require.Equal(t, 6, preview.Mentees)
	require.Equal(t, 4, preview.Matched, "capacity 2 + 2")
	require.True(t, preview.Optimal)
	require.Len(t, preview.Unmatched, 2)
	for _, u := range preview.Unmatched {
		require.Equal(t, UnmatchedNoCapacity, u.Reason)
	}
	require.False(t, preview.Stale)

	nodes := []*Services{w.Services, w.node()}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := nodes[i%2].Matches.Publish("coord", p.ID, preview.ID)
			if err != nil {
				requireKind(t, err, KindConflict) // already published
			}
		}(i)
	}
	wg.Wait()
	latest, err := w.Matches.LatestPreview("coord", p.ID, 0)
	require.NoError(t, err)
	require.Equal(t, PreviewPublished, latest.Status)
	require.Equal(t, 4, latest.Published)
	require.Equal(t, 8, w.notes.count(&w.notes.proposals), "one proposal DM to each side of 4 pairs")
	require.Equal(t, []string{"coord/4/0"}, w.notes.published)
	for _, mentor := range []string{"ana", "ben"} {
		m, err := w.store.GetMemberships(mentor)
		require.NoError(t, err)
		require.LessOrEqual(t, len(m.Enrollments[p.ID].Mentees), 2)
	}

	_, err = w.Matches.Publish("coord", p.ID, preview.ID)
	requireKind(t, err, KindConflict)

	// Both accept one proposal: it becomes active with its channel.
	mine, err := w.Matches.Mine("ana")
	require.NoError(t, err)
	require.Len(t, mine, 2)
	proposal := mine[0]
	_, err = w.Matches.Answer(proposal.MenteeID, proposal.ID, true)
	require.NoError(t, err)
	_, err = w.Matches.Answer(proposal.MenteeID, proposal.ID, true)
	requireKind(t, err, KindConflict) // accepted already
	active, err := w.Matches.Answer("ana", proposal.ID, true)
	require.NoError(t, err)
	require.Equal(t, domain.MatchActive, active.Status)
	require.Equal(t, 1, w.channels.creates)

	// A fresh preview matches nobody twice: the two left wait for capacity.
	again, err := w.Matches.Preview("coord", p.ID, PreviewInput{})
	require.NoError(t, err)
	require.Equal(t, 2, again.Mentees)
	require.Zero(t, again.Matched)
}

func TestStalePreviewIsNotPublished(t *testing.T) {
	w := newMatchWorld(t, "ana", "m1", "m2")
	p := w.program("Spring", domain.MatchingCoordinator)
	w.join(p, "ana", domain.RoleMentor, 2)
	w.join(p, "m1", domain.RoleMentee, 0)
	preview, err := w.Matches.Preview("coord", p.ID, PreviewInput{})
	require.NoError(t, err)
	w.join(p, "m2", domain.RoleMentee, 0)
	latest, err := w.Matches.LatestPreview("coord", p.ID, 0)
	require.NoError(t, err)
	require.True(t, latest.Stale)
	_, err = w.Matches.Publish("coord", p.ID, preview.ID)
	kind, field := kindOf(t, err)
	require.Equal(t, KindConflict, kind)
	require.Equal(t, "roster_version", field)
	require.Zero(t, w.notes.count(&w.notes.proposals))
}

func TestDeclineAndExpiryTellTheMenteeAndFreeThePlaces(t *testing.T) {
	w := newMatchWorld(t, "ana", "ben", "bob")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "ben", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")

	m, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	declined, err := w.Matches.Answer("ana", m.ID, false)
	require.NoError(t, err)
	require.Equal(t, domain.MatchDeclined, declined.Status)
	require.Equal(t, []string{m.ID + "/declined/1"}, w.notes.refused, "told, with the next suggestion")
	suggestions, err := w.Matches.Suggest("bob", p.ID, 0)
	require.NoError(t, err)
	require.Len(t, suggestions, 1)
	require.Equal(t, "ben", suggestions[0].MentorID, "a pair that declined is never suggested again")

	second, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ben"})
	require.NoError(t, err)
	w.advance(48 * time.Hour)
	w.runDue()
	require.Equal(t, []string{second.ID}, w.notes.reminders, "one reminder a day before")
	w.advance(25 * time.Hour)
	w.runDue()
	expired, err := w.Matches.Get("bob", second.ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchExpired, expired.Status)
	ms, err := w.store.GetMemberships("bob")
	require.NoError(t, err)
	require.Empty(t, ms.Enrollments[p.ID].Requests)
	require.Len(t, w.notes.refused, 2)
}

func TestEndSurveyAndRetention(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	m := w.activeMatch(p)

	paused, err := w.Matches.Pause("bob", m.ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchPaused, paused.Status)
	_, err = w.Matches.Pause("ana", m.ID)
	requireKind(t, err, KindConflict)
	_, err = w.Matches.Resume("ana", m.ID)
	require.NoError(t, err)

	_, err = w.Matches.End("bob", m.ID, EndInput{Outcome: OutcomeCancelled})
	kind, field := kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "reason", field)
	_, err = w.Matches.End("bob", m.ID, EndInput{Outcome: "done"})
	requireKind(t, err, KindInvalid)
	_, err = w.Matches.Survey("bob", m.ID, SurveyInput{Rating: 4})
	requireKind(t, err, KindConflict) // not ended yet

	ended, err := w.Matches.End("bob", m.ID, EndInput{Outcome: OutcomeCompleted})
	require.NoError(t, err)
	require.Equal(t, domain.MatchCompleted, ended.Status)
	require.Equal(t, []string{m.ID}, w.notes.ended)
	require.Empty(t, w.channels.archived, "kept for the retention days")
	w.advance(31 * 24 * time.Hour)
	w.runDue()
	require.Equal(t, []string{"chan-" + m.ID}, w.channels.archived)

	_, err = w.Matches.Survey("bob", m.ID, SurveyInput{Rating: 6})
	requireKind(t, err, KindInvalid)
	_, err = w.Matches.Survey("ana", m.ID, SurveyInput{Rating: 2, Text: "no chemistry"})
	require.NoError(t, err)
	seen, err := w.Matches.Get("bob", m.ID)
	require.NoError(t, err)
	require.Empty(t, seen.Surveys, "the other side's survey is for coordinators")
	mine, err := w.Matches.Mine("bob")
	require.NoError(t, err)
	require.Empty(t, mine[0].Surveys)
	full, err := w.Matches.Get("coord", m.ID)
	require.NoError(t, err)
	require.Equal(t, 2, full.Surveys["ana"].Rating)

	// The mentee can be matched again, but not with a pair that ended badly.
	suggestions, err := w.Matches.Suggest("bob", p.ID, 0)
	require.NoError(t, err)
	require.Empty(t, suggestions)
}

func TestManualPairRespectsRulesUnlessOverridden(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	p := w.program("Classic", domain.MatchingCoordinator)
	w.join(p, "ana", domain.RoleMentor, 1)
	w.join(p, "bob", domain.RoleMentee, 0)
	_, err := w.store.UpdateProfile("bob", func(pr *domain.Profile) error { pr.DontMatch = []string{"ana"}; return nil })
	require.NoError(t, err)
	require.NoError(t, w.Enrollments.Relist("bob"))

	_, err = w.Matches.Pair("ana", p.ID, "bob", "ana", false)
	requireKind(t, err, KindForbidden)
	_, err = w.Matches.Pair("coord", p.ID, "bob", "bob", false)
	requireKind(t, err, KindInvalid)
	_, err = w.Matches.Pair("coord", p.ID, "bob", "ana", false)
	requireKind(t, err, KindConflict)
	m, err := w.Matches.Pair("coord", p.ID, "bob", "ana", true)
	require.NoError(t, err)
	require.True(t, m.Override)
	require.Equal(t, domain.MatchProposed, m.Status)
	_, err = w.Matches.Pair("coord", p.ID, "bob", "ana", true)
	requireKind(t, err, KindConflict) // the mentee has a proposal waiting; the mentor is full
}

func TestAutomaticProgramProposesAMentorOnJoin(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	p := w.program("Evergreen", domain.MatchingAutomatic)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	mine, err := w.Matches.Mine("bob")
	require.NoError(t, err)
	require.Len(t, mine, 1)
	require.Equal(t, domain.MatchProposed, mine[0].Status)
	require.Equal(t, domain.OriginAutomatic, mine[0].Origin)
	require.Equal(t, 2, w.notes.count(&w.notes.proposals))
}

// Both people of a proposal accept at the same instant on two nodes: the match
// becomes active once, with one channel and one introduction.
func TestSimultaneousAcceptsOfAProposal(t *testing.T) {
	for round := 0; round < 20; round++ {
		w := newMatchWorld(t, "ana", "bob")
		p := w.program("Classic", domain.MatchingCoordinator)
		w.join(p, "ana", domain.RoleMentor, 1)
		w.join(p, "bob", domain.RoleMentee, 0)
		m, err := w.Matches.Pair("coord", p.ID, "bob", "ana", false)
		require.NoError(t, err)
		nodes := []*Services{w.Services, w.node()}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, who := range []string{"bob", "ana"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = nodes[i].Matches.Answer(who, m.ID, true)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				requireKind(t, err, KindConflict)
			}
		}
		got, err := w.store.GetMatch(m.ID)
		require.NoError(t, err)
		require.Equal(t, domain.MatchActive, got.Status, "errors: %v", errs)
		require.Len(t, got.Accepted, 2)
		require.Equal(t, 1, w.channels.creates)
		require.Equal(t, 1, w.notes.count(&w.notes.intros))
	}
}

// Suggestions come from compiled mentors cached per roster version: any change
// to a mentor (a pause, a new mentor) shows in the next suggestion.
func TestSuggestionsFollowTheRosterThroughTheCache(t *testing.T) {
	w := newMatchWorld(t, "ana", "ben", "bob")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	mentors := func() []string {
		got, err := w.Matches.Suggest("bob", p.ID, 0)
		require.NoError(t, err)
		var ids []string
		for _, s := range got {
			ids = append(ids, s.MentorID)
		}
		return ids
	}
	require.Equal(t, []string{"ana"}, mentors())
	w.join(p, "ben", domain.RoleMentor, 1, "go")
	require.ElementsMatch(t, []string{"ana", "ben"}, mentors())
	_, err := w.Enrollments.Pause("ana", p.ID, "")
	require.NoError(t, err)
	require.Equal(t, []string{"ben"}, mentors())
}

// The mentor presses Accept on two nodes at once: one wins, and the loser must
// not give back the places the winner took (the mentor would look free again).
func TestTwoAcceptsOfOneRequestKeepTheWinnersPlaces(t *testing.T) {
	for round := 0; round < 20; round++ {
		w := newMatchWorld(t, "ana", "bob", "cy")
		p := w.program("Guild", domain.MatchingSelfServe)
		w.join(p, "ana", domain.RoleMentor, 1, "go")
		w.join(p, "bob", domain.RoleMentee, 0, "go")
		w.join(p, "cy", domain.RoleMentee, 0, "go")
		m, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
		require.NoError(t, err)
		nodes := []*Services{w.Services, w.node()}
		var wg sync.WaitGroup
		for i := range nodes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = nodes[i].Matches.Answer("ana", m.ID, true)
			}()
		}
		wg.Wait()
		w.requirePlaces(p.ID, []string{m.ID})
		w.advance(reservationLease + time.Minute) // nothing may rest on a young reservation
		_, err = w.Matches.Request("cy", p.ID, RequestInput{MentorID: "ana"})
		requireKind(t, err, KindConflict) // ana is full
	}
}

// A pair that ended badly is never proposed again by batch matching: the
// preview reads the roster, and publishing checks the enrollments too.
func TestBatchMatchingNeverReproposesAPairThatEndedBadly(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	p := w.program("Classic", domain.MatchingCoordinator)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	m, err := w.Matches.Pair("coord", p.ID, "bob", "ana", false)
	require.NoError(t, err)
	_, err = w.Matches.Answer("bob", m.ID, true)
	require.NoError(t, err)
	_, err = w.Matches.Answer("ana", m.ID, true)
	require.NoError(t, err)
	_, err = w.Matches.End("bob", m.ID, EndInput{Outcome: OutcomeCancelled, Reason: "no chemistry"})
	require.NoError(t, err)
	preview, err := w.Matches.Preview("coord", p.ID, PreviewInput{})
	require.NoError(t, err)
	require.Zero(t, preview.Matched)
	require.Equal(t, []UnmatchedMentee{{UserID: "bob", Reason: UnmatchedConstraints}}, preview.Unmatched)

	// Even a proposal built from an older roster is refused when it commits.
	draft := w.Matches.newDraft(p, "stale-draft-id-000000000000", "bob", "ana", domain.OriginBatch, "coord", 1, nil)
	_, err = w.Matches.createProposal(p, draft)
	requireKind(t, err, KindConflict)
}

// A member who leaves ends their matches and withdraws what waits; a mentor
// who leaves and comes back has their capacity again, never twice.
func TestLeavingEndsMatchesAndARejoinKeepsCapacityRight(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob", "cy")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	w.join(p, "cy", domain.RoleMentee, 0, "go")
	m := w.activeMatch(p)
	waiting, err := w.Matches.Request("cy", p.ID, RequestInput{MentorID: "ana"})
	requireKind(t, err, KindConflict) // ana is full
	require.Nil(t, waiting)

	_, err = w.Enrollments.Leave("ana", p.ID)
	require.NoError(t, err)
	ended, err := w.store.GetMatch(m.ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchCancelled, ended.Status)
	w.requirePlaces(p.ID, nil)

	w.join(p, "ana", domain.RoleMentor, 1, "go")
	second, err := w.Matches.Request("cy", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	_, err = w.Matches.Answer("ana", second.ID, true)
	require.NoError(t, err)
	third, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
	requireKind(t, err, KindConflict) // full again: one mentee, capacity 1
	require.Nil(t, third)
	ms, err := w.store.GetMemberships("ana")
	require.NoError(t, err)
	require.Len(t, ms.Enrollments[p.ID].Mentees, 1)
	require.NotEmpty(t, ms.Enrollments[p.ID].Ended, "the rejoin keeps the history")
}

func TestTheReasonForCancellingIsForCoordinatorsOnly(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	m := w.activeMatch(p)
	_, err := w.Matches.End("bob", m.ID, EndInput{Outcome: OutcomeCancelled, Reason: "she never shows up"})
	require.NoError(t, err)
	for _, reader := range []string{"ana", "bob"} {
		seen, err := w.Matches.Get(reader, m.ID)
		require.NoError(t, err)
		require.Empty(t, seen.EndReason, reader)
		for _, event := range seen.History {
			require.Empty(t, event.Note, reader)
		}
		mine, err := w.Matches.Mine(reader)
		require.NoError(t, err)
		require.Empty(t, mine[0].EndReason, reader)
	}
	full, err := w.Matches.Get("coord", m.ID)
	require.NoError(t, err)
	require.Equal(t, "she never shows up", full.EndReason)
}

// A new preview does not replace one being published (its publisher would lose
// its pairs half way).
func TestNoNewPreviewWhilePublishing(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	var parked []func()
	w.deps.Background = func(work func()) { parked = append(parked, work) }
	svc := NewServices(w.store, w.deps)
	p := w.program("Classic", domain.MatchingCoordinator)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	preview, err := svc.Matches.Preview("coord", p.ID, PreviewInput{})
	require.NoError(t, err)
	publishing, err := svc.Matches.Publish("coord", p.ID, preview.ID)
	require.NoError(t, err)
	require.Equal(t, PreviewPublishing, publishing.Status)
	_, err = svc.Matches.Preview("coord", p.ID, PreviewInput{})
	requireKind(t, err, KindConflict)
	for _, work := range parked {
		work()
	}
	latest, err := svc.Matches.LatestPreview("coord", p.ID, 0)
	require.NoError(t, err)
	require.Equal(t, PreviewPublished, latest.Status)
	require.Equal(t, 1, latest.Published)
}

func TestAPopularMentorTakesAtMostFiftyWaitingRequests(t *testing.T) {
	mentees := make([]string, MaxIncomingRequests+1)
	for i := range mentees {
		mentees[i] = fmt.Sprintf("m%02d", i)
	}
	w := newMatchWorld(t, append(mentees, "ana")...)
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	for i, mentee := range mentees {
		w.join(p, mentee, domain.RoleMentee, 0, "go")
		_, err := w.Matches.Request(mentee, p.ID, RequestInput{MentorID: "ana"})
		if i < MaxIncomingRequests {
			require.NoError(t, err)
			continue
		}
		kind, field := kindOf(t, err)
		require.Equal(t, KindConflict, kind)
		require.Equal(t, "mentor_id", field)
		ms, err := w.store.GetMemberships(mentee)
		require.NoError(t, err)
		require.Empty(t, ms.Enrollments[p.ID].Requests, "the refused request left nothing behind")
	}
}

func TestAnApprovedMenteeOfAnAutomaticProgramIsMatched(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	name, mode, gate := "Evergreen", domain.MatchingAutomatic, domain.EnrollmentApproval
	p, err := w.Programs.Create("admin", "team", ProgramFields{Name: &name, MatchingMode: &mode, EnrollmentMode: &gate, Coordinators: &[]string{"coord"}})
	require.NoError(t, err)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	_, err = w.Enrollments.Decide("coord", p.ID, "ana", true)
	require.NoError(t, err)
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	_, err = w.Enrollments.Decide("coord", p.ID, "bob", true)
	require.NoError(t, err)
	mine, err := w.Matches.Mine("bob")
	require.NoError(t, err)
	require.Len(t, mine, 1)
	require.Equal(t, domain.MatchProposed, mine[0].Status)
}

// While one accept is under way (its slot reserved, not committed), another
// accept that commits must not take the mentor for full and close the first.
func TestAnAcceptUnderWayIsNotClosedAsMentorFull(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob", "cy")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 2, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	w.join(p, "cy", domain.RoleMentee, 0, "go")
	first, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	second, err := w.Matches.Request("cy", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	// The second accept has taken its slot on another node and not committed yet.
	require.NoError(t, w.Matches.reserve(newLookup(w.store), p.ID, "ana", mentorSide,
		domain.MatchRef{ID: second.ID, At: w.deps.Now(), With: "cy"}, (*domain.Enrollment).MentorCapacity, activeMentor))
	_, err = w.Matches.Answer("ana", first.ID, true)
	require.NoError(t, err)
	still, err := w.store.GetMatch(second.ID)
	require.NoError(t, err)
	require.Equal(t, domain.MatchRequested, still.Status)
	_, err = w.Matches.Answer("ana", second.ID, true)
	require.NoError(t, err, "both fit in capacity 2")
}

// The scheduler may run a reminder's item again (its node died before the
// sweep recorded it done): the reminder still goes once.
func TestAReminderGoesOnceEvenIfItsItemRunsTwice(t *testing.T) {
	w := newMatchWorld(t, "ana", "bob")
	p := w.program("Guild", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 1, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	m, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	require.NoError(t, w.Matches.HandleDue(DueRemindMatch, m.ID))
	require.NoError(t, w.Matches.HandleDue(DueRemindMatch, m.ID))
	require.Equal(t, []string{m.ID}, w.notes.reminders)
}
