package app

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// readCountingKV counts the KV reads of what is measured.
type readCountingKV struct {
	*pluginapi.MemoryStore
	gets atomic.Int64
}

func (c *readCountingKV) Get(key string, out any) error {
	c.gets.Add(1)
	return c.MemoryStore.Get(key, out)
}

// benchLedgerLine is a busy match: sessions over the trend, goals, check-ins
// and a month of chat activity, so each line is as large as a real one.
func benchLedgerLine(i int, now time.Time) *domain.MatchHealth {
	mentee, mentor := fmt.Sprintf("mentee%05d", i), fmt.Sprintf("mentor%05d", i)
	h := &domain.MatchHealth{MenteeID: mentee, MentorID: mentor, Status: domain.MatchActive,
		ChannelID: fmt.Sprintf("chan%022d", i), CreatedAt: now.AddDate(0, -3, 0), ActivatedAt: now.AddDate(0, -3, 0).Add(time.Duration(i) * time.Minute),
		SessionsPlanned: 12, SessionsHeld: 10, Attended: 18, Missed: 2, RatingSum: 40, RatingCount: 10, LastRating: 1 + i%5,
		LastSessionAt: now.Add(-time.Duration(i%40) * day), Goals: 3, GoalsDone: 1, OpenProgress: []int{i % 100, 50},
		StalledSince: now.Add(-time.Duration(i%30) * day), UpdatedAt: now}
	if i%7 == 0 {
		h.Status = domain.MatchCompleted
	}
	for w := range 12 {
		h.HeldDays = append(h.HeldDays, now.AddDate(0, 0, -7*w).Format(time.DateOnly))
		h.CheckIns = append(h.CheckIns, domain.CheckInAnswer{UserID: mentee, Answer: domain.CheckInAnswers[(i+w)%3], At: now.AddDate(0, 0, -7*w)})
	}
	h.Activity = map[string]*domain.ChannelActivity{mentee: {LastPostAt: now, Days: map[string]int{}}}
	if i%3 != 0 {
		h.Activity[mentor] = &domain.ChannelActivity{LastPostAt: now.Add(-day), Days: map[string]int{}}
	}
	for d := range 30 {
		for _, a := range h.Activity {
			a.Days[now.AddDate(0, 0, -d).Format(time.DateOnly)] = 1 + d%4
		}
	}
	return h
}

// BenchmarkInsightGet computes the insight of a program with 10,000 members
// and 4,000 matches on the in-memory KV (JSON encoded like the real one):
// the ledger's 40-odd pages are read and decoded on every call; the roster
// comes from this node's cache after the first call.
func BenchmarkInsightGet(b *testing.B) {
	kv := &readCountingKV{MemoryStore: &pluginapi.MemoryStore{}}
	now := insightNow
	dir := &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{"coord/team": true}}
	deps := Deps{Directory: dir, Notifier: &recordingNotifier{}, Insight: &nudgeRecorder{}, Scheduler: &fakeScheduler{},
		Settings: func() Settings { return Settings{MembersMayCreatePrograms: true} },
		Now:      func() time.Time { return now }, NewID: func() string { return "benchprogram00000000000000" }}
	svc := NewServices(store.New(kv), deps)
	p, err := svc.Programs.Create("coord", "team", ProgramFields{Name: ptr("Bench")})
	require.NoError(b, err)
	st := store.New(kv)
	roles := []string{domain.RoleMentee, domain.RoleMentor, domain.RoleMentee, domain.RoleBoth}
	for i := range 10000 {
		_, err := st.PutRosterEntry(p.ID, 0, false, &store.RosterEntry{UserID: fmt.Sprintf("user%05d", i),
			Username: fmt.Sprintf("user%05d", i), Role: roles[i%len(roles)], Status: domain.StatusActive, JoinedAt: now})
		require.NoError(b, err)
	}
	for i := range 4000 {
		line := benchLedgerLine(i, now)
		_, err := st.UpdateMatchHealth(p.ID, fmt.Sprintf("match%021d", i), func(h *domain.MatchHealth, _ bool) error {
			*h = *line
			return nil
		})
		require.NoError(b, err)
	}
	// Every request builds its services afresh (Services.ForRequest), over the
	// one store whose roster cache lives as long as the plugin.
	get := func() *InsightView {
		v, err := NewServices(st, deps).Insight.Get("coord", p.ID)
		require.NoError(b, err)
		return v
	}
	v := get()
	require.Equal(b, 10000, v.Participants.Total)
	require.Equal(b, 4000, v.Matches.Total)
	require.NotZero(b, v.AtRiskTotal)
	b.ResetTimer()
	before := kv.gets.Load()
	for b.Loop() {
		get()
	}
	b.ReportMetric(float64(kv.gets.Load()-before)/float64(b.N), "kv-gets/op")
}
