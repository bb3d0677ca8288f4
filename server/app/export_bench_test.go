package app

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// seedExportProgram lists members in the program's roster and gives it
// matches (half active, a quarter completed, a quarter declined requests),
// each active or completed one with two goals and two check-in rounds,
// written straight to the store as the services leave them.
func seedExportProgram(tb testing.TB, st *store.Store, programID string, members, matches int) {
	tb.Helper()
	at := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	user := func(i int) string { return fmt.Sprintf("user%022d", i) }
	for i := 0; i < members; i++ {
		role := domain.RoleMentee
		if i%2 == 0 {
			role = domain.RoleMentor
		}
		entry := &store.RosterEntry{UserID: user(i), Username: fmt.Sprintf("member%d", i), Name: fmt.Sprintf("Member %d", i),
			Role: role, Status: domain.StatusActive, Capacity: 2, JoinedAt: at, UpdatedAt: at}
		entry.Profile.SkillsOffered = []string{"go", "leadership", "public speaking"}
		_, err := st.PutRosterEntry(programID, 0, false, entry)
		require.NoError(tb, err)
	}
	for i := 0; i < matches; i++ {
		matchID := fmt.Sprintf("match%021d", i)
		status := []string{domain.MatchActive, domain.MatchActive, domain.MatchCompleted, domain.MatchDeclined}[i%4]
		mentor, mentee := user(2*(i%(members/2))), user(2*(i%(members/2))+1)
		_, err := st.UpdateMatchHealth(programID, matchID, func(h *domain.MatchHealth, _ bool) error {
			*h = domain.MatchHealth{MatchID: matchID, ProgramID: programID, MentorID: mentor, MenteeID: mentee,
				Status: status, Origin: domain.OriginRequest, CreatedAt: at.Add(time.Duration(i) * time.Minute), ActivatedAt: at,
				SessionsPlanned: 4, SessionsHeld: 3, Attended: 6, Goals: 2, RatingSum: 9, RatingCount: 2, LastRating: 5, UpdatedAt: at}
			return nil
		})
		require.NoError(tb, err)
		if status == domain.MatchDeclined {
			continue
		}
		_, err = st.UpdateGoals(matchID, func(g *domain.MatchGoals) error {
			for n := 0; n < 2; n++ {
				g.Goals = append(g.Goals, &domain.Goal{ID: fmt.Sprintf("goal%d", n), Title: "Give a talk at the meetup", Status: domain.GoalOnTrack,
					Description: strings.Repeat("practice and rehearse ", 10), Progress: 40, CreatedBy: mentee, CreatedAt: at, UpdatedAt: at, ProgressAt: at,
					Milestones: []domain.Milestone{{ID: "m1", Title: "outline", Done: true}, {ID: "m2", Title: "slides"}}})
			}
			return nil
		})
		require.NoError(tb, err)
		_, err = st.UpdateCheckIns(matchID, func(c *domain.MatchCheckIns) error {
			for r := 1; r <= 2; r++ {
				c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: r, Due: at,
					Answers: map[string]domain.CheckInAnswer{mentee: {UserID: mentee, Answer: domain.CheckInFine, At: at}}})
			}
			return nil
		})
		require.NoError(tb, err)
	}
}

// exportProbeKV counts the reads of goal documents and notes how many had been
// made when the export first wrote to its reader.
type exportProbeKV struct {
	store.KV
	mu         sync.Mutex
	goalReads  int
	atFirstOut int
	writes     int
}

func (k *exportProbeKV) Get(key string, out any) error {
	if strings.Contains(key, "/goals/") {
		k.mu.Lock()
		k.goalReads++
		k.mu.Unlock()
	}
	return k.KV.Get(key, out)
}

func (k *exportProbeKV) Write(p []byte) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.writes == 0 {
		k.atFirstOut = k.goalReads
	}
	k.writes++
	return len(p), nil
}

// A large program's table reaches the reader while it is still being read:
// the first bytes go out after a few matches, not after all of them.
func TestExportStreamsALargeProgram(t *testing.T) {
	kv := &exportProbeKV{KV: &pluginapi.MemoryStore{}}
	w := newMatchWorldOn(t, kv)
	p := w.program("Big", domain.MatchingSelfServe)
	seedExportProgram(t, w.store, p.ID, 400, 800)
	kv.goalReads = 0

	rows, err := func() (int, error) {
		e, err := w.Exports.Open("coord", p.ID, ExportGoals)
		require.NoError(t, err)
		return e.Write(kv)
	}()
	require.NoError(t, err)
	require.Equal(t, 2*600, rows, "two goals per match that was active")
	require.Equal(t, 600, kv.goalReads, "one read per match that was active, none for declined requests")
	require.Greater(t, kv.writes, 10, "written in many pieces")
	require.Less(t, kv.atFirstOut, 60, "the first rows left before the tenth match was read")
}

var benchExport struct {
	once sync.Once
	svc  *Services
	p    *domain.Program
}

// benchServices are services over a fresh MemoryStore with the test
// directory, for benchmarks (the match world wants a *testing.T).
func benchServices() *Services {
	dir := &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{"coord/team": true}}
	ids := 0
	return NewServices(store.New(&pluginapi.MemoryStore{}), Deps{
		Directory: dir, Notifier: &recordingNotifier{},
		Settings: func() Settings { return Settings{Matching: domain.BuiltInMatchingDefaults} },
		Now:      func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		NewID: func() string {
			ids++
			return fmt.Sprintf("bench%021d", ids)
		},
	})
}

// BenchmarkExport writes each table of a program of 10,000 members and 4,000
// matches (3,000 of them active or completed, with goals and check-ins) to
// io.Discard on the MemoryStore: what an export costs besides the KV round
// trips of a real server.
func BenchmarkExport(b *testing.B) {
	benchExport.once.Do(func() {
		svc := benchServices()
		p, err := svc.Programs.Create("admin", "team", ProgramFields{Name: ptr("Big"), Coordinators: &[]string{"coord"}})
		require.NoError(b, err)
		seedExportProgram(b, svc.store, p.ID, 10000, 4000)
		benchExport.svc, benchExport.p = svc, p
	})
	svc, p := benchExport.svc, benchExport.p
	for _, table := range ExportTables {
		b.Run(table, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				e, err := svc.Exports.Open("coord", p.ID, table)
				if err != nil {
					b.Fatal(err)
				}
				if rows, err = e.Write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
