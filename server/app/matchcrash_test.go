package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store/kvtest"
)

// matchCrashCase is a matching action that writes several keys. The node dies
// at each of its KV calls in turn; then the person retries (the same action,
// whose refusal is fine) and the scheduler's safety net runs. check asserts that
// everything converged: nothing lost, nothing doubled.
type matchCrashCase struct {
	name  string
	setup func(t *testing.T, w *matchWorld) string
	act   func(w *matchWorld, id string) error
	check func(t *testing.T, w *matchWorld, id string)
}

func runMatchCrashCase(t *testing.T, c matchCrashCase) {
	t.Run(c.name, func(t *testing.T) {
		kv := kvtest.NewDying()
		w := newMatchWorldOn(t, kv, "ana", "bob", "cy")
		id := c.setup(t, w)
		before := kv.Calls()
		require.NoError(t, c.act(w, id))
		total := kv.Calls() - before
		require.Positive(t, total)
		t.Logf("%s makes %d KV calls; the node dies at each in turn", c.name, total)
		w.settle()
		c.check(t, w, id)

		for dieAt := 1; dieAt <= total; dieAt++ {
			kv := kvtest.NewDying()
			w := newMatchWorldOn(t, kv, "ana", "bob", "cy")
			id := c.setup(t, w)
			kv.DieAt(dieAt)
			_ = c.act(w, id) // dies somewhere inside
			kv.Revive()
			if err := c.act(w, id); err != nil {
				_, isAppErr := AsError(err)
				require.True(t, isAppErr, "died at call %d of %d: the retry failed: %v", dieAt, total, err)
			}
			w.settle()
			c.check(t, w, id)
		}
	})
}

// Messages are claimed with compare-and-set and sent after the claim is
// written (store/kv.go, point 4): a node killed at a KV call never dies between
// a claim and its send, so each message must arrive exactly once here. (A node
// that dies in that instant loses that one message rather than sending two.)

// settle lets the scheduler's safety net run, as it would minutes later.
func (w *matchWorld) settle() {
	w.advance(safetyNetDelay + time.Minute)
	w.runDue()
}

// requirePlaces checks the places held by ana (the mentor) and bob (the
// mentee): exactly the matches in want, on both sides.
func (w *matchWorld) requirePlaces(programID string, want []string) {
	mentor, mentee := "ana", "bob"
	w.t.Helper()
	roster, err := w.store.ReadRoster(programID)
	require.NoError(w.t, err)
	for _, who := range []struct {
		user string
		sd   side
	}{{mentor, mentorSide}, {mentee, menteeSide}} {
		ms, err := w.store.GetMemberships(who.user)
		require.NoError(w.t, err)
		// The lists themselves, not only what a reader would count: nothing
		// is left for a lease to clean up.
		var ids []string
		for _, r := range *who.sd.list(ms.Enrollments[programID]) {
			ids = append(ids, r.ID)
		}
		require.Equal(w.t, want, ids, "places held by %s", who.user)
		for _, e := range roster.Entries {
			if e.UserID == who.user {
				load := e.MentorLoad
				if who.sd == menteeSide {
					load = e.MenteeLoad
				}
				require.Equal(w.t, len(want), load, "%s's load in the roster", who.user)
			}
		}
	}
}

func TestMatchActionsConvergeWhereverTheNodeDies(t *testing.T) {
	selfServe := func(w *matchWorld) *domain.Program {
		p := w.program("Guild", domain.MatchingSelfServe)
		w.join(p, "ana", domain.RoleMentor, 1, "go")
		w.join(p, "bob", domain.RoleMentee, 0, "go")
		return p
	}
	// requested is a request from bob to ana, waiting for her answer.
	requested := func(t *testing.T, w *matchWorld) string {
		p := selfServe(w)
		m, err := w.Matches.Request("bob", p.ID, RequestInput{MentorID: "ana"})
		require.NoError(t, err)
		return m.ID
	}
	for _, c := range []matchCrashCase{
		{
			name: "request",
			setup: func(t *testing.T, w *matchWorld) string {
				return selfServe(w).ID
			},
			act: func(w *matchWorld, programID string) error {
				_, err := w.Matches.Request("bob", programID, RequestInput{MentorID: "ana"})
				return err
			},
			check: func(t *testing.T, w *matchWorld, programID string) {
				mine, err := w.Matches.Mine("ana")
				require.NoError(t, err)
				require.Len(t, mine, 1, "one request, never two")
				require.Equal(t, domain.MatchRequested, mine[0].Status)
				require.Equal(t, 1, w.notes.count(&w.notes.requests), "the mentor is asked once")
			},
		},
		{
			name:  "accept a request",
			setup: requested,
			act: func(w *matchWorld, id string) error {
				_, err := w.Matches.Answer("ana", id, true)
				return err
			},
			check: func(t *testing.T, w *matchWorld, id string) {
				m, err := w.store.GetMatch(id)
				require.NoError(t, err)
				require.Equal(t, domain.MatchActive, m.Status)
				require.Empty(t, m.Owed, "everything owed was done")
				require.Equal(t, 1, w.channels.creates, "one channel")
				require.Equal(t, "chan-"+id, m.ChannelID)
				require.Equal(t, 1, w.notes.count(&w.notes.intros), "introduced once")
				w.requirePlaces(m.ProgramID, []string{id})
			},
		},
		{
			name: "publish",
			setup: func(t *testing.T, w *matchWorld) string {
				p := w.program("Spring", domain.MatchingCoordinator)
				w.join(p, "ana", domain.RoleMentor, 1, "go")
				w.join(p, "bob", domain.RoleMentee, 0, "go")
				preview, err := w.Matches.Preview("coord", p.ID, PreviewInput{})
				require.NoError(t, err)
				require.Equal(t, 1, preview.Matched)
				return p.ID + "/" + preview.ID
			},
			act: func(w *matchWorld, ids string) error {
				_, err := w.Matches.Publish("coord", ids[:26], ids[27:])
				return err
			},
			check: func(t *testing.T, w *matchWorld, ids string) {
				w.advance(publishLease)
				w.runDue() // a publisher that died is taken over
				latest, err := w.Matches.LatestPreview("coord", ids[:26], 0)
				require.NoError(t, err)
				require.Equal(t, PreviewPublished, latest.Status)
				mine, err := w.Matches.Mine("bob")
				require.NoError(t, err)
				require.Len(t, mine, 1, "one proposal")
				require.Equal(t, domain.MatchProposed, mine[0].Status)
				w.requirePlaces(ids[:26], []string{mine[0].ID})
				require.Equal(t, 2, w.notes.count(&w.notes.proposals), "each side asked once")
			},
		},
		{
			name:  "decline",
			setup: requested,
			act: func(w *matchWorld, id string) error {
				_, err := w.Matches.Answer("ana", id, false)
				return err
			},
			check: func(t *testing.T, w *matchWorld, id string) {
				m, err := w.store.GetMatch(id)
				require.NoError(t, err)
				require.Equal(t, domain.MatchDeclined, m.Status)
				require.Empty(t, m.Owed)
				require.Equal(t, 1, w.notes.count(&w.notes.refused), "the mentee is told once")
				w.requireBlocked(m.ProgramID, "ana", "bob")
			},
		},
		{
			name: "end",
			setup: func(t *testing.T, w *matchWorld) string {
				p := selfServe(w)
				m := w.activeMatch(p)
				return m.ID
			},
			act: func(w *matchWorld, id string) error {
				_, err := w.Matches.End("bob", id, EndInput{Outcome: OutcomeCancelled, Reason: "moved"})
				return err
			},
			check: func(t *testing.T, w *matchWorld, id string) {
				m, err := w.store.GetMatch(id)
				require.NoError(t, err)
				require.Equal(t, domain.MatchCancelled, m.Status)
				require.Empty(t, m.Owed)
				require.Equal(t, 1, w.notes.count(&w.notes.ended), "the exit survey goes once")
				w.requirePlaces(m.ProgramID, nil)
				w.requireBlocked(m.ProgramID, "ana", "bob")
			},
		},
	} {
		runMatchCrashCase(t, c)
	}
}

// requireBlocked checks that the pair is kept apart in both enrollments and in
// both roster entries (what batch matching reads).
func (w *matchWorld) requireBlocked(programID, a, b string) {
	w.t.Helper()
	roster, err := w.store.ReadRoster(programID)
	require.NoError(w.t, err)
	for _, pair := range [][2]string{{a, b}, {b, a}} {
		ms, err := w.store.GetMemberships(pair[0])
		require.NoError(w.t, err)
		require.Contains(w.t, ms.Enrollments[programID].Blocked, pair[1], "%s's enrollment", pair[0])
		for _, e := range roster.Entries {
			if e.UserID == pair[0] {
				require.Contains(w.t, e.Blocked, pair[1], "%s's roster entry", pair[0])
			}
		}
	}
}
