package app

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// resourceNotes records what the resource hub tells people.
type resourceNotes struct {
	mu        sync.Mutex
	suggested []string // "resource→coordinator"
	decided   []string // "resource/status"
	shared    []string // "resource→#channel" or "resource→@user"
	postable  map[string]string
}

func (n *resourceNotes) Channel(userID, channelID string) (string, bool, bool) {
	team, ok := n.postable[channelID]
	return team, ok && userID != "dee", ok
}
func (n *resourceNotes) ShareToChannel(r *domain.Resource, channelID, _, _, _ string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shared = append(n.shared, r.ID+"→#"+channelID)
	return nil
}
func (n *resourceNotes) ShareToUser(r *domain.Resource, userID, _, _, _ string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shared = append(n.shared, r.ID+"→@"+userID)
	return nil
}
func (n *resourceNotes) Suggested(_ *domain.Program, r *domain.Resource, coordinators []string, _ string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, c := range coordinators {
		n.suggested = append(n.suggested, r.ID+"→"+c)
	}
}
func (n *resourceNotes) Decided(r *domain.Resource, _ string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.decided = append(n.decided, r.ID+"/"+r.Status)
}

// teamDirectory lists a user's teams, as plugin.go's directory does.
type teamDirectory struct{ *fakeDirectory }

func (d teamDirectory) TeamsOf(userID string) ([]string, bool) {
	var teams []string
	for _, team := range []string{"team", "other"} {
		if d.members[userID+"/"+team] {
			teams = append(teams, team)
		}
	}
	return teams, true
}

// hubWorld is a program "Alpha" coordinated by coord with ana (mentor), bob
// (mentee) and cy (peer); dee is in the team but not the program, zed in
// neither.
type hubWorld struct {
	*matchWorld
	notes *resourceNotes
	p     *domain.Program
}

func newHubWorld(t *testing.T) *hubWorld {
	t.Helper()
	w := newMatchWorld(t, "ana", "bob", "cy", "dee")
	notes := &resourceNotes{postable: map[string]string{"chan0000000000000000000000": "team"}}
	w.deps.Resources = notes
	w.deps.Directory = teamDirectory{w.dir}
	w.deps.Settings = func() Settings {
		return Settings{Matching: domain.BuiltInMatchingDefaults, SiteURL: "https://mm.example.com/"}
	}
	w.Services = NewServices(store.New(w.kv), w.deps)
	h := &hubWorld{matchWorld: w, notes: notes, p: w.program("Alpha", domain.MatchingSelfServe)}
	w.join(h.p, "ana", domain.RoleMentor, 2)
	w.join(h.p, "bob", domain.RoleMentee, 0, "negotiation")
	w.join(h.p, "cy", domain.RolePeer, 0)
	return h
}

func (h *hubWorld) add(actor, programID, title, audience string, tags ...string) *ResourceView {
	h.t.Helper()
	v, err := h.Resources.Create(actor, programID, ResourceInput{Title: &title, URL: ptr("https://example.com/" + strings.ReplaceAll(title, " ", "-")),
		Audience: &audience, Tags: &tags})
	require.NoError(h.t, err)
	return v
}

func titles(list *ResourceList) []string {
	out := []string{}
	for _, v := range list.Items {
		out = append(out, v.Title)
	}
	return out
}

func (h *hubWorld) listed(actor string, q ResourceQuery) []string {
	h.t.Helper()
	list, err := h.Resources.List(actor, h.p.ID, q)
	require.NoError(h.t, err)
	return titles(list)
}

func TestResourceCoordinatorPublishesAndMembersSuggest(t *testing.T) {
	h := newHubWorld(t)
	guide := h.add("coord", h.p.ID, "Mentoring guide", domain.AudienceAll)
	require.Equal(t, domain.ResourcePublished, guide.Status)
	require.True(t, guide.CanEdit)
	require.Equal(t, "https://mm.example.com"+ResourcePath+guide.ID+"/open", guide.OpenURL)

	tip := h.add("ana", h.p.ID, "Negotiation tips", domain.AudienceAll)
	require.Equal(t, domain.ResourceSuggested, tip.Status)
	require.Equal(t, []string{tip.ID + "→coord"}, h.notes.suggested)
	require.Equal(t, []string{"Mentoring guide"}, h.listed("bob", ResourceQuery{}), "a suggestion is not listed")
	_, err := h.Resources.Get("bob", tip.ID)
	require.Equal(t, KindNotFound, must(kindOf(t, err)))
	_, err = h.Resources.Get("ana", tip.ID)
	require.NoError(t, err, "the author follows their suggestion")
	_, err = h.Resources.Create("dee", h.p.ID, ResourceInput{Title: ptr("x"), URL: ptr("https://x.org")})
	require.Equal(t, KindForbidden, must(kindOf(t, err)), "only members suggest")

	_, _, err = h.Resources.Decide("ana", tip.ID, true)
	require.Equal(t, KindForbidden, must(kindOf(t, err)), "the author does not approve their own suggestion")
	v, changed, err := h.Resources.Decide("coord", tip.ID, true)
	require.NoError(t, err)
	require.True(t, changed)
	require.Equal(t, domain.ResourcePublished, v.Status)
	require.Equal(t, []string{tip.ID + "/published"}, h.notes.decided)
	_, changed, err = h.Resources.Decide("coord", tip.ID, true)
	require.NoError(t, err, "a second press is harmless")
	require.False(t, changed)
	require.Len(t, h.notes.decided, 1, "the author hears once")
	_, _, err = h.Resources.Decide("coord", tip.ID, false)
	require.Equal(t, KindConflict, must(kindOf(t, err)))
	require.ElementsMatch(t, []string{"Mentoring guide", "Negotiation tips"}, h.listed("bob", ResourceQuery{}))

	_, err = h.Resources.Update("bob", guide.ID, ResourceInput{Title: ptr("Mine")})
	require.Equal(t, KindForbidden, must(kindOf(t, err)))
	require.Equal(t, KindNotFound, must(kindOf(t, h.Resources.Delete("zed", guide.ID))))
	require.NoError(t, h.Resources.Delete("coord", guide.ID))
	require.Equal(t, []string{"Negotiation tips"}, h.listed("bob", ResourceQuery{}))
}

func must(kind Kind, _ string) Kind { return kind }

func TestResourceInputIsValidated(t *testing.T) {
	h := newHubWorld(t)
	cases := []struct {
		name  string
		in    ResourceInput
		field string
	}{
		{"no title", ResourceInput{URL: ptr("https://x.org")}, "title"},
		{"no link", ResourceInput{Title: ptr("T")}, "url"},
		{"both link and file", ResourceInput{Title: ptr("T"), URL: ptr("https://x.org"), FileID: ptr(strings.Repeat("f", 26))}, "url"},
		{"script link", ResourceInput{Title: ptr("T"), URL: ptr("javascript:alert(1)")}, "url"},
		{"relative link", ResourceInput{Title: ptr("T"), URL: ptr("/etc/passwd")}, "url"},
		{"bad file", ResourceInput{Title: ptr("T"), FileID: ptr("nope")}, "file_id"},
		{"bad audience", ResourceInput{Title: ptr("T"), URL: ptr("https://x.org"), Audience: ptr("bosses")}, "audience"},
		{"too many tags", ResourceInput{Title: ptr("T"), URL: ptr("https://x.org"), Tags: ptr(strings.Split("a,b,c,d,e,f,g,h,i,j,k", ","))}, "tags"},
		{"comma tag", ResourceInput{Title: ptr("T"), URL: ptr("https://x.org"), Tags: ptr([]string{"a,b"})}, "tags"},
		{"long description", ResourceInput{Title: ptr("T"), URL: ptr("https://x.org"), Description: ptr(strings.Repeat("d", 2001))}, "description"},
	}
	for _, c := range cases {
		_, err := h.Resources.Create("coord", h.p.ID, c.in)
		kind, field := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, c.name)
		require.Equal(t, c.field, field, c.name)
	}
	list, err := h.Resources.List("coord", h.p.ID, ResourceQuery{})
	require.NoError(t, err)
	require.Zero(t, list.Total, "refused input stores nothing")

	v, err := h.Resources.Create("coord", h.p.ID, ResourceInput{Title: ptr("  File  "), FileID: ptr(strings.Repeat("f", 26)),
		Tags: ptr([]string{" Go ", "go", "#Career  Growth"})})
	require.NoError(t, err)
	require.Equal(t, "File", v.Title)
	require.Equal(t, []string{"go", "career growth"}, v.Tags, "tags are normalized and de-duplicated")
	require.Equal(t, domain.AudienceAll, v.Audience)
}

func TestResourceAudiencesAndOutsiders(t *testing.T) {
	h := newHubWorld(t)
	h.add("coord", h.p.ID, "For all", domain.AudienceAll)
	h.add("coord", h.p.ID, "For mentors", domain.AudienceMentors)
	mentees := h.add("coord", h.p.ID, "For mentees", domain.AudienceMentees)
	h.add("admin", "", "Global for all", domain.AudienceAll)
	h.add("admin", "", "Global for mentors", domain.AudienceMentors)

	require.ElementsMatch(t, []string{"For all", "For mentors", "Global for all", "Global for mentors"}, h.listed("ana", ResourceQuery{}))
	require.ElementsMatch(t, []string{"For all", "For mentees", "Global for all"}, h.listed("bob", ResourceQuery{}))
	require.ElementsMatch(t, []string{"For all", "Global for all"}, h.listed("cy", ResourceQuery{}))
	_, err := h.Resources.List("dee", h.p.ID, ResourceQuery{})
	require.Equal(t, KindForbidden, must(kindOf(t, err)), "a team member outside the program does not list its hub")
	deeSees, err := h.Resources.Search("dee", ResourceQuery{})
	require.NoError(t, err)
	require.Equal(t, []string{"Global for all"}, titles(deeSees), "but reads the global resources for all")
	require.Len(t, h.listed("coord", ResourceQuery{}), 5)
	require.ElementsMatch(t, []string{"For mentors", "Global for mentors"}, h.listed("coord", ResourceQuery{Audience: domain.AudienceMentors}))

	_, err = h.Resources.List("zed", h.p.ID, ResourceQuery{})
	require.Equal(t, KindNotFound, must(kindOf(t, err)), "another team's member does not learn the program exists")
	all, err := h.Resources.Search("zed", ResourceQuery{})
	require.NoError(t, err)
	require.Zero(t, all.Total, "and sees nothing across programs")
	_, err = h.Resources.Get("ana", mentees.ID)
	require.Equal(t, KindNotFound, must(kindOf(t, err)), "another audience's resource is not there for them")
	_, err = h.Resources.Open("zed", mentees.ID, "")
	require.Equal(t, KindNotFound, must(kindOf(t, err)))

	coordSees, err := h.Resources.Search("coord", ResourceQuery{})
	require.NoError(t, err)
	require.Equal(t, 5, coordSees.Total, "a coordinator finds their program's resources without being enrolled")
	mine, err := h.Resources.Search("bob", ResourceQuery{})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"For all", "For mentees", "Global for all"}, titles(mine))
	_, err = h.Resources.Create("coord", "", ResourceInput{Title: ptr("x"), URL: ptr("https://x.org")})
	require.Equal(t, KindForbidden, must(kindOf(t, err)), "only admins manage the global hub")
}

func TestResourceSearchRanksByWordsAndTags(t *testing.T) {
	h := newHubWorld(t)
	desc := "A long read; negotiation comes up once."
	_, err := h.Resources.Create("coord", h.p.ID, ResourceInput{Title: ptr("Career handbook"), URL: ptr("https://x.org/h"), Description: &desc})
	require.NoError(t, err)
	h.add("coord", h.p.ID, "Salary talks", domain.AudienceAll, "negotiation")
	h.add("coord", h.p.ID, "Negotiation in practice", domain.AudienceAll, "negotiation")
	h.add("coord", h.p.ID, "Public speaking", domain.AudienceAll, "speaking")

	require.Equal(t, []string{"Negotiation in practice", "Salary talks", "Career handbook"}, h.listed("bob", ResourceQuery{Q: "negotiation"}),
		"title and tag beat tag alone, which beats the description")
	require.Equal(t, []string{"Public speaking"}, h.listed("bob", ResourceQuery{Q: "speak"}), "words are stemmed")
	require.Equal(t, []string{"Public speaking"}, h.listed("bob", ResourceQuery{Q: "pubic speking"}), "a typo still finds it")
	require.Equal(t, []string{"Negotiation in practice", "Salary talks"}, h.listed("bob", ResourceQuery{Q: "negotiation", Tag: "Negotiation"}))
	require.Empty(t, h.listed("bob", ResourceQuery{Q: "astronomy"}))
	_, err = h.Resources.List("bob", h.p.ID, ResourceQuery{Q: strings.Repeat("x", maxQueryRunes+1)})
	require.Equal(t, KindInvalid, must(kindOf(t, err)))

	list, err := h.Resources.List("bob", h.p.ID, ResourceQuery{PerPage: 3, Page: 1})
	require.NoError(t, err)
	require.Equal(t, 4, list.Total)
	require.Len(t, list.Items, 1)
}

func TestResourceSearchSeesChangesFromAnotherNode(t *testing.T) {
	h := newHubWorld(t)
	v := h.add("coord", h.p.ID, "Public speaking", domain.AudienceAll)
	require.Equal(t, []string{"Public speaking"}, h.listed("bob", ResourceQuery{Q: "speaking"}), "this node caches the hub")

	other := h.node()
	_, err := other.Resources.Update("coord", v.ID, ResourceInput{Title: ptr("Storytelling")})
	require.NoError(t, err)
	require.Equal(t, []string{"Storytelling"}, h.listed("bob", ResourceQuery{Q: "storytelling"}))
	require.Empty(t, h.listed("bob", ResourceQuery{Q: "speaking"}))
}

// hookKV runs before on every Set, which may fail it (a node dying there).
type hookKV struct {
	*pluginapi.MemoryStore
	before func(key string) error
}

func (kv *hookKV) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	if kv.before != nil {
		if err := kv.before(key); err != nil {
			return false, err
		}
	}
	return kv.MemoryStore.Set(key, value, options...)
}

// A node reads the hub between another node's mark and its record write,
// then that node dies before clearing the mark: the index version no longer
// moves, yet the reader must not keep serving the old record.
func TestResourceEditInterruptedByACrashIsNotServedStale(t *testing.T) {
	h := newHubWorld(t)
	v := h.add("coord", h.p.ID, "Public speaking", domain.AudienceAll)
	require.Equal(t, []string{"Public speaking"}, h.listed("bob", ResourceQuery{Q: "speaking"}))

	kv := &hookKV{MemoryStore: h.kv.(*pluginapi.MemoryStore)}
	dying := NewServices(store.New(kv), h.deps)
	died := errors.New("node died")
	recordWritten := false
	kv.before = func(key string) error {
		switch {
		case strings.HasPrefix(key, "v1/resource/"):
			// Between the mark and the record: the reader looks now.
			require.Equal(t, []string{"Public speaking"}, h.listed("bob", ResourceQuery{Q: "speaking"}))
			recordWritten = true
		case strings.HasPrefix(key, "v1/resources/") && recordWritten:
			return died
		}
		return nil
	}
	_, err := dying.Resources.Update("coord", v.ID, ResourceInput{Title: ptr("Storytelling")})
	require.ErrorIs(t, err, died)

	require.Equal(t, []string{"Storytelling"}, h.listed("bob", ResourceQuery{Q: "storytelling"}))
	require.Empty(t, h.listed("bob", ResourceQuery{Q: "speaking"}))
}

// withClock gives the hub world a clock the test moves.
func (h *hubWorld) withClock() *time.Time {
	clock := h.deps.Now()
	h.deps.Now = func() time.Time { return clock }
	h.Services = NewServices(store.New(h.kv), h.deps)
	return &clock
}

func TestResourceOpenShareAndProgramStats(t *testing.T) {
	h := newHubWorld(t)
	clock := h.withClock()
	own := h.add("coord", h.p.ID, "Own", domain.AudienceAll)
	global := h.add("admin", "", "Global", domain.AudienceAll)
	file, err := h.Resources.Create("coord", h.p.ID, ResourceInput{Title: ptr("Slides"), FileID: ptr(strings.Repeat("f", 26))})
	require.NoError(t, err)
	suggestion := h.add("bob", h.p.ID, "Mine", domain.AudienceAll)

	target, err := h.Resources.Open("bob", own.ID, "")
	require.NoError(t, err)
	require.Equal(t, "https://example.com/Own", target)
	_, err = h.Resources.Open("bob", own.ID, "")
	require.NoError(t, err)
	target, err = h.Resources.Open("bob", file.ID, "")
	require.NoError(t, err)
	require.Equal(t, "https://mm.example.com/api/v4/files/"+strings.Repeat("f", 26), target)
	_, err = h.Resources.Open("bob", global.ID, h.p.ID)
	require.NoError(t, err)
	_, err = h.Resources.Open("bob", suggestion.ID, "")
	require.Equal(t, KindNotFound, must(kindOf(t, err)), "a suggestion is read in the sidebar, not opened")

	_, err = h.Resources.Share("bob", own.ID, ShareInput{ChannelID: "chan0000000000000000000000", Note: "worth it"})
	require.NoError(t, err)
	_, err = h.Resources.Share("bob", global.ID, ShareInput{UserID: "ana", ProgramID: h.p.ID})
	require.NoError(t, err)
	require.Equal(t, []string{own.ID + "→#chan0000000000000000000000", global.ID + "→@ana"}, h.notes.shared)

	for name, c := range map[string]struct {
		in   ShareInput
		kind Kind
	}{
		"no target":        {ShareInput{}, KindInvalid},
		"both targets":     {ShareInput{ChannelID: "chan0000000000000000000000", UserID: "ana"}, KindInvalid},
		"unknown channel":  {ShareInput{ChannelID: strings.Repeat("c", 26)}, KindNotFound},
		"not a reader":     {ShareInput{UserID: "dee"}, KindInvalid},
		"user not in team": {ShareInput{UserID: "zed"}, KindInvalid},
	} {
		_, err := h.Resources.Share("bob", own.ID, c.in)
		require.Equal(t, c.kind, must(kindOf(t, err)), name)
	}
	_, err = h.Resources.Share("dee", global.ID, ShareInput{ChannelID: "chan0000000000000000000000", ProgramID: h.p.ID})
	require.Equal(t, KindNotFound, must(kindOf(t, err)), "a channel the sharer may not post in")
	_, err = h.Resources.Share("bob", suggestion.ID, ShareInput{UserID: "coord"})
	require.Equal(t, KindConflict, must(kindOf(t, err)), "a suggestion is not shared")
	require.Len(t, h.notes.shared, 2, "refused shares post nothing")

	got, err := h.Resources.Get("coord", own.ID)
	require.NoError(t, err)
	require.Equal(t, 2, got.Views)
	require.Equal(t, 1, got.Shares)

	stats, err := h.Resources.ProgramStats(h.p.ID)
	require.NoError(t, err)
	require.Equal(t, 4, stats.Views, "own 2 + slides 1 + global in this program 1")
	require.Equal(t, 2, stats.Shares)
	require.Equal(t, ResourceStat{ID: own.ID, Title: "Own", Views: 2, Shares: 1}, stats.Top[0])

	_, err = h.Resources.Open("bob", global.ID, strings.Repeat("q", 26)) // a program bob cannot see
	require.NoError(t, err, "a program the reader cannot see is no context, and no refusal")
	_, err = h.Resources.Open("admin", global.ID, "") // outside any program
	require.NoError(t, err)
	*clock = clock.Add(statsFor) // past the node's reuse of the totals
	stats, err = h.Resources.ProgramStats(h.p.ID)
	require.NoError(t, err)
	require.Equal(t, 4, stats.Views, "a global resource's use elsewhere is not this program's")
}

func TestResourceRecommendationsFollowProfileAndGoals(t *testing.T) {
	h := newHubWorld(t)
	h.add("coord", h.p.ID, "Negotiation in practice", domain.AudienceAll)
	h.add("coord", h.p.ID, "Writing a design document", domain.AudienceAll, "writing")
	h.add("coord", h.p.ID, "Public speaking", domain.AudienceAll)

	rec, err := h.Resources.Recommended("bob", h.p.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"negotiation"}, rec.BasedOn)
	require.Equal(t, []string{"Negotiation in practice"}, titles(&ResourceList{Items: rec.Items}))

	m := h.activeMatch(h.p)
	_, err = h.store.UpdateGoals(m.ID, func(g *domain.MatchGoals) error {
		g.Goals = append(g.Goals, &domain.Goal{ID: "g1", Title: "Write design docs", Status: domain.GoalOnTrack},
			&domain.Goal{ID: "g2", Title: "Public speaking", Status: domain.GoalDone})
		return nil
	})
	require.NoError(t, err)
	rec, err = h.Resources.Recommended("bob", h.p.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"negotiation"}, rec.BasedOn, "goal titles are not repeated back")
	require.Equal(t, 1, rec.Goals, "open goals count, done ones do not")
	require.ElementsMatch(t, []string{"Negotiation in practice", "Writing a design document"}, titles(&ResourceList{Items: rec.Items}))

	_, err = h.Resources.Recommended("dee", h.p.ID)
	require.Equal(t, KindForbidden, must(kindOf(t, err)), "recommendations are for members, with or without interests")
	rec, err = h.Resources.Recommended("cy", h.p.ID)
	require.NoError(t, err)
	require.Empty(t, rec.BasedOn)
	require.Zero(t, rec.Goals)
	require.Empty(t, rec.Items)
}

func TestOnboardingPacks(t *testing.T) {
	h := newHubWorld(t)
	a := h.add("coord", h.p.ID, "Mentor handbook", domain.AudienceMentors)
	b := h.add("coord", h.p.ID, "Mentee handbook", domain.AudienceMentees)
	g := h.add("admin", "", "Code of conduct", domain.AudienceAll)
	s := h.add("ana", h.p.ID, "A suggestion", domain.AudienceAll)

	_, err := h.Resources.SetPacks("ana", h.p.ID, PacksInput{Mentor: []string{a.ID}})
	require.Equal(t, KindForbidden, must(kindOf(t, err)))
	_, err = h.Resources.SetPacks("coord", h.p.ID, PacksInput{Mentor: []string{s.ID}})
	require.Equal(t, KindInvalid, must(kindOf(t, err)), "a suggestion is no pack item")
	_, err = h.Resources.SetPacks("coord", h.p.ID, PacksInput{Mentor: []string{strings.Repeat("z", 26)}})
	require.Equal(t, KindInvalid, must(kindOf(t, err)))
	var many []string
	for range domain.MaxPackResources + 1 {
		many = append(many, h.add("coord", h.p.ID, "x", domain.AudienceAll).ID)
	}
	_, err = h.Resources.SetPacks("coord", h.p.ID, PacksInput{Peer: many})
	require.Equal(t, KindInvalid, must(kindOf(t, err)))

	packs, err := h.Resources.SetPacks("coord", h.p.ID, PacksInput{Mentor: []string{a.ID, g.ID}, Mentee: []string{b.ID, g.ID}})
	require.NoError(t, err)
	require.Equal(t, []string{a.ID, g.ID}, packs.Mentor)
	require.Empty(t, packs.Peer)

	names := func(role string) []string {
		rs, err := h.Resources.OnboardingFor(h.p.ID, role)
		require.NoError(t, err)
		out := []string{}
		for _, r := range rs {
			out = append(out, r.Title)
		}
		return out
	}
	require.Equal(t, []string{"Mentor handbook", "Code of conduct"}, names(domain.RoleMentor))
	require.Equal(t, []string{"Mentor handbook", "Code of conduct", "Mentee handbook"}, names(domain.RoleBoth))
	require.Empty(t, names(domain.RolePeer))

	packs, err = h.Resources.SetPack("coord", h.p.ID, domain.RolePeer, []string{g.ID})
	require.NoError(t, err)
	require.Equal(t, []string{g.ID}, packs.Peer)
	require.Equal(t, []string{a.ID, g.ID}, packs.Mentor, "one role's pack leaves the others")

	_, err = h.Resources.Packs("bob", h.p.ID)
	require.Equal(t, KindForbidden, must(kindOf(t, err)), "members get their pack in the welcome")
	seen, err := h.Resources.Packs("coord", h.p.ID)
	require.NoError(t, err)
	require.Len(t, seen.Items, 3)

	require.NoError(t, h.Resources.Delete("coord", a.ID))
	require.Equal(t, []string{"Code of conduct"}, names(domain.RoleMentor), "a removed resource leaves the packs")
}

// bleve's memory-only index holds no goroutines, so hubs that are rebuilt or
// evicted leave nothing running.
func TestSearchIndexesLeaveNoGoroutines(t *testing.T) {
	docs := []*domain.Resource{{ID: "a", Title: "Negotiation"}, {ID: "b", Title: "Speaking", Tags: []string{"talks"}}}
	before := runtime.NumGoroutine()
	for range 50 {
		idx, err := buildSearchIndex(docs)
		require.NoError(t, err)
		hits, err := idx.query("talk")
		require.NoError(t, err)
		require.Len(t, hits, 1)
	}
	runtime.GC()
	require.LessOrEqual(t, runtime.NumGoroutine(), before+2)
}
