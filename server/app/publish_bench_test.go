package app

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/jobs"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// countingKV counts the plugin KV API calls a flow makes, by operation and by
// the kind of key ("memberships", "roster", "matches", "due", ...): on a real
// server each is one RPC from the plugin to the server and one SQL statement.
type countingKV struct {
	*pluginapi.MemoryStore
	mu     sync.Mutex
	counts map[string]int // "get memberships", "set due", ...; "bytes ..." for the bytes moved
}

func (kv *countingKV) count(op, key string, size int) {
	kind := strings.TrimPrefix(key, "v1/")
	kind, _, _ = strings.Cut(kind, "/")
	kv.mu.Lock()
	kv.counts[op+" "+kind]++
	kv.counts[op]++
	kv.counts["bytes "+kind] += size
	kv.counts["bytes"] += size
	kv.mu.Unlock()
}

func (kv *countingKV) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	size := 0
	if b, ok := value.([]byte); ok { // the store always sends encoded JSON
		size = len(b)
	}
	kv.count("set", key, size)
	return kv.MemoryStore.Set(key, value, options...)
}

func (kv *countingKV) Get(key string, out any) error {
	err := kv.MemoryStore.Get(key, out)
	size := 0
	if b, ok := out.(*[]byte); ok {
		size = len(*b)
	}
	kv.count("get", key, size)
	return err
}

func (kv *countingKV) Delete(key string) error {
	kv.count("delete", key, 0)
	return kv.MemoryStore.Delete(key)
}

func (kv *countingKV) ListKeys(page, count int, options ...pluginapi.ListKeysOption) ([]string, error) {
	kv.count("list", "", 0)
	return kv.MemoryStore.ListKeys(page, count, options...)
}

func (kv *countingKV) reset() map[string]int {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	old := kv.counts
	kv.counts = map[string]int{}
	return old
}

// benchDue is the plugin's adapter to the real due-work scheduler (plugin.go's
// dueWork), so that scheduling expiries costs what it costs on a server.
type benchDue struct{ s *jobs.Scheduler }

func (d benchDue) At(id, kind string, due time.Time, payload any) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	return d.s.Schedule(jobs.Item{ID: id, Kind: kind, DueAt: due, Payload: data})
}

// benchProgram is a program of mentees and mentors (capacity 1) with synthetic
// profiles, over a counting KV store.
func benchProgram(b *testing.B, mentees, mentors int) (*Services, *countingKV, *domain.Program) {
	b.Helper()
	kv := &countingKV{MemoryStore: &pluginapi.MemoryStore{}, counts: map[string]int{}}
	dir := &fakeDirectory{admins: map[string]bool{"admin": true}, members: map[string]bool{"admin/team": true, "coord/team": true}}
	clock := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	var idMu sync.Mutex
	ids := 0
	deps := Deps{
		Directory: dir, Notifier: &recordingNotifier{}, Matches: &matchNotes{}, Channels: &fakeChannels{byName: map[string]string{}},
		Scheduler: benchDue{jobs.New(kv, func() time.Time { return clock })},
		Settings:  func() Settings { return Settings{Matching: domain.BuiltInMatchingDefaults} },
		Now:       func() time.Time { return clock },
		NewID: func() string {
			idMu.Lock()
			defer idMu.Unlock()
			ids++
			return fmt.Sprintf("id%024d", ids)
		},
	}
	svc := NewServices(store.New(kv), deps)
	name, mode := "Bench", domain.MatchingSelfServe // mentees may ask for suggestions
	p, err := svc.Programs.Create("admin", "team", ProgramFields{Name: &name, MatchingMode: &mode, Coordinators: &[]string{"coord"}})
	if err != nil {
		b.Fatal(err)
	}
	ees, ors := matching.SyntheticProfiles(mentees, mentors, 1, 1)
	join := func(user, role string, capacity int, pr matching.Profile) {
		dir.members[user+"/team"] = true
		if _, err := svc.store.UpdateProfile(user, func(stored *domain.Profile) error {
			stored.SkillsOffered, stored.SkillsWanted = pr.SkillsOffered, pr.SkillsWanted
			stored.Interests, stored.Languages, stored.ExperienceYears = pr.Interests, pr.Languages, pr.ExperienceYears
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		goals := ""
		if len(pr.Goals) > 0 {
			goals = "I want to learn " + pr.Goals[0]
		}
		if _, err := svc.Enrollments.Join(user, p.ID, JoinInput{Role: role, Capacity: capacity, Goals: goals}); err != nil {
			b.Fatal(err)
		}
	}
	for j, pr := range ors {
		join(fmt.Sprintf("mentor%05d", j), domain.RoleMentor, 1, pr)
	}
	for i, pr := range ees {
		join(fmt.Sprintf("mentee%05d", i), domain.RoleMentee, 0, pr)
	}
	return svc, kv, p
}

// publishWorld is benchProgram previewed and ready to publish.
func publishWorld(b *testing.B, mentees, mentors int) (*Services, *countingKV, *domain.Program, string) {
	b.Helper()
	svc, kv, p := benchProgram(b, mentees, mentors)
	pv, err := svc.Matches.Preview("coord", p.ID, PreviewInput{})
	if err != nil {
		b.Fatal(err)
	}
	if pv.Matched != mentors {
		b.Fatalf("preview matched %d, want every one of %d mentors", pv.Matched, mentors)
	}
	return svc, kv, p, pv.ID
}

// BenchmarkPublish publishes a previewed program's proposals (one per mentor)
// on a fresh node (empty roster cache) and reports the KV calls per proposal
// (kv/proposal, and by operation), the figure that decides how long a publish
// takes on a real server, where each call is an RPC and a SQL statement.
// Run: go test -run XXX -bench Publish -benchtime 1x ./server/app/
func BenchmarkPublish(b *testing.B) {
	for _, size := range []struct{ mentees, mentors int }{{400, 100}, {8000, 2000}} {
		b.Run(fmt.Sprintf("%dx%d", size.mentees, size.mentors), func(b *testing.B) {
			var total map[string]int
			published := 0
			for b.Loop() {
				b.StopTimer()
				svc, kv, p, previewID := publishWorld(b, size.mentees, size.mentors)
				fresh := NewServices(store.New(kv), svc.deps) // a node that did not preview
				kv.reset()
				b.StartTimer()
				out, err := fresh.Matches.Publish("coord", p.ID, previewID)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if out.Status != PreviewPublished || out.Published != size.mentors {
					b.Fatalf("publish: status %s, %d published, want %d", out.Status, out.Published, size.mentors)
				}
				total, published = kv.reset(), out.Published
				b.StartTimer()
			}
			calls := total["get"] + total["set"] + total["delete"] + total["list"]
			b.ReportMetric(float64(calls)/float64(published), "kv/proposal")
			b.ReportMetric(float64(total["get"])/float64(published), "gets/proposal")
			b.ReportMetric(float64(total["set"])/float64(published), "sets/proposal")
			b.ReportMetric(float64(total["bytes"])/1024/float64(published), "KB/proposal")
			keys := make([]string, 0, len(total))
			for k := range total {
				if strings.Contains(k, " ") {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			var perCall, bytes []string
			for _, k := range keys {
				per := float64(total[k]) / float64(published)
				if kind, ok := strings.CutPrefix(k, "bytes "); ok {
					bytes = append(bytes, fmt.Sprintf("%s %.1f KB", kind, per/1024))
				} else {
					perCall = append(perCall, fmt.Sprintf("%s %.2f", k, per))
				}
			}
			b.Logf("%d proposals, %d KV calls; per proposal: %s", published, calls, strings.Join(perCall, ", "))
			b.Logf("bytes read and written per proposal, by key kind: %s", strings.Join(bytes, ", "))
		})
	}
}

// BenchmarkSuggest10k is one mentee's suggestions in a program of 8,000
// mentees and 2,000 mentors, on a node whose roster cache is warm (as after
// the first suggestion): the plugin's own share of /mentor suggest.
func BenchmarkSuggest10k(b *testing.B) {
	svc, kv, p := benchProgram(b, 8000, 2000)
	if _, err := svc.Matches.Suggest("mentee00000", p.ID, 0); err != nil {
		b.Fatal(err)
	}
	kv.reset()
	i := 0
	for b.Loop() {
		if _, err := svc.Matches.Suggest(fmt.Sprintf("mentee%05d", i%8000), p.ID, 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
	counts := kv.reset()
	b.ReportMetric(float64(counts["get"]+counts["set"])/float64(i), "kv/op")
}

// BenchmarkPreview10k is the whole program's preview (8,000 mentees × 2,000
// mentors: roster read from a warm cache, scored, solved, explained, saved).
func BenchmarkPreview10k(b *testing.B) {
	svc, kv, p := benchProgram(b, 8000, 2000)
	kv.reset()
	n := 0
	for b.Loop() {
		if _, err := svc.Matches.Preview("coord", p.ID, PreviewInput{}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	counts := kv.reset()
	b.ReportMetric(float64(counts["get"]+counts["set"])/float64(n), "kv/op")
	b.ReportMetric(float64(counts["bytes"])/1024/float64(n), "KB/op")
}
