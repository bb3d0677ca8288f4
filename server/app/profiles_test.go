package app

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// goneDirectory is the fixture's team where "ghost" is deactivated.
type goneDirectory struct{ *fakeDirectory }

func (d goneDirectory) User(u string) (UserInfo, bool) {
	if u == "ghost" {
		return UserInfo{}, false
	}
	return d.fakeDirectory.User(u)
}

func newProfileFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.deps.Directory = goneDirectory{f.dir}
	f.Services = NewServices(f.store, f.deps)
	return f
}

func TestAProfileStartsEmptyWithTheMattermostTimeZone(t *testing.T) {
	f := newProfileFixture(t)
	p, err := f.Profiles.Get("ana")
	require.NoError(t, err)
	require.Equal(t, "ana", p.UserID)
	require.Equal(t, "Europe/Berlin", p.TimeZone, "read from the user's Mattermost settings")
	require.NotNil(t, p.SkillsOffered, "lists are empty, not null, for clients")
	require.NotNil(t, p.Languages)
}

func TestSavingAProfileCleansTermsAndKeepsWhatWasNotGiven(t *testing.T) {
	f := newProfileFixture(t)
	saved, err := f.Profiles.Save("ana", ProfileInput{
		SkillsOffered:     ptr([]string{"  Public speaking ", "public-speaking", "Go", "", "go"}),
		Languages:         ptr([]string{"English", "english", "Español"}),
		ExperienceLevel:   ptr(" Senior "),
		ExperienceYears:   ptr(7.5),
		AvailabilityHours: ptr(6),
		Bio:               ptr("  Line one\r\nline two  "),
		ManagerID:         ptr("bob"),
		DontMatch:         ptr([]string{"cy", " cy ", "bob"}),
	})
	require.NoError(t, err)
	require.Equal(t, []string{"Public speaking", "Go"}, saved.SkillsOffered, "trimmed, one entry per term the engine reads as one")
	require.Equal(t, []string{"English", "Español"}, saved.Languages)
	require.Equal(t, domain.LevelSenior, saved.ExperienceLevel)
	require.Equal(t, "Line one\nline two", saved.Bio)
	require.Equal(t, []string{"cy", "bob"}, saved.DontMatch)
	require.Equal(t, "Europe/Berlin", saved.TimeZone, "copied from Mattermost")
	require.Equal(t, f.deps.Now().UTC(), saved.UpdatedAt)

	// A form that shows only some fields changes only those.
	_, err = f.Profiles.Save("ana", ProfileInput{Interests: ptr([]string{"chess"})})
	require.NoError(t, err)
	stored, found, err := f.store.GetProfile("ana")
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, []string{"chess"}, stored.Interests)
	require.Equal(t, []string{"Public speaking", "Go"}, stored.SkillsOffered)
	require.Equal(t, "bob", stored.ManagerID)
	require.Equal(t, "Europe/Berlin", stored.TimeZone, "stored for matching")

	// Emptying a field is a change, not "keep".
	_, err = f.Profiles.Save("ana", ProfileInput{ManagerID: ptr(""), DontMatch: ptr([]string{})})
	require.NoError(t, err)
	stored, _, err = f.store.GetProfile("ana")
	require.NoError(t, err)
	require.Empty(t, stored.ManagerID)
	require.Empty(t, stored.DontMatch)
}

func TestEveryBadProfileFieldIsRefusedByNameAndNothingIsStored(t *testing.T) {
	f := newProfileFixture(t)
	manyTerms := make([]string, domain.MaxProfileTerms+1)
	for i := range manyTerms {
		manyTerms[i] = "skill " + strings.Repeat("x", i+1)
	}
	manyUsers := make([]string, domain.MaxDontMatch+1)
	for i := range manyUsers {
		manyUsers[i] = "user" + strings.Repeat("u", i)
	}
	cases := []struct {
		name  string
		in    ProfileInput
		field string
		text  string
	}{
		{"too many skills", ProfileInput{SkillsOffered: &manyTerms}, "skills_offered", "has 21 entries; keep it to 20"},
		{"a long skill", ProfileInput{SkillsWanted: ptr([]string{strings.Repeat("s", 61)})}, "skills_wanted", "61 characters long; keep each entry to 60"},
		{"a skill of punctuation", ProfileInput{Interests: ptr([]string{"--"})}, "interests", "no letters or digits"},
		{"a skill of symbols only", ProfileInput{SkillsOffered: ptr([]string{"!!!"})}, "skills_offered", "no letters or digits"},
		{"a line break in a language", ProfileInput{Languages: ptr([]string{"English\nFrench"})}, "languages", "line breaks"},
		{"an invisible character", ProfileInput{SkillsOffered: ptr([]string{"Go\u200b"})}, "skills_offered", "control characters"},
		{"an unknown level", ProfileInput{ExperienceLevel: ptr("guru")}, "experience_level", "junior, mid, senior, lead, executive"},
		{"negative years", ProfileInput{ExperienceYears: ptr(-1.0)}, "experience_years", "from 0 to 60"},
		{"too many years", ProfileInput{ExperienceYears: ptr(61.0)}, "experience_years", "from 0 to 60"},
		{"too many hours", ProfileInput{AvailabilityHours: ptr(161)}, "availability_hours", "from 0 to 160"},
		{"negative hours", ProfileInput{AvailabilityHours: ptr(-2)}, "availability_hours", "from 0 to 160"},
		{"a long bio", ProfileInput{Bio: ptr(strings.Repeat("b", domain.MaxBioRunes+1))}, "bio", "2001 characters long; keep it to 2000"},
		{"a control character in the bio", ProfileInput{Bio: ptr("hi\x07")}, "bio", "control characters"},
		{"a long location", ProfileInput{Location: ptr(strings.Repeat("l", 101))}, "location", "keep it to 100"},
		{"a line break in the location", ProfileInput{Location: ptr("Berlin\nParis")}, "location", "line breaks"},
		{"a long department", ProfileInput{Department: ptr(strings.Repeat("d", 101))}, "department", "keep it to 100"},
		{"oneself as manager", ProfileInput{ManagerID: ptr("ana")}, "manager_id", "cannot be you"},
		{"a deactivated manager", ProfileInput{ManagerID: ptr("ghost")}, "manager_id", `user "ghost", who does not exist`},
		{"oneself in the don't-match list", ProfileInput{DontMatch: ptr([]string{"bob", "ana"})}, "dont_match", "cannot be you"},
		{"a deactivated user in the list", ProfileInput{DontMatch: ptr([]string{"ghost"})}, "dont_match", `"ghost"`},
		{"too many people in the list", ProfileInput{DontMatch: &manyUsers}, "dont_match", "51 people"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Each bad field comes with a good one, which must not be saved either.
			c.in.Location = firstNonNil(c.in.Location, ptr("Lisbon"))
			_, err := f.Profiles.Save("ana", c.in)
			kind, field := kindOf(t, err)
			require.Equal(t, KindInvalid, kind)
			require.Equal(t, c.field, field)
			require.Contains(t, err.Error(), c.text)
		})
	}
	_, found, err := f.store.GetProfile("ana")
	require.NoError(t, err)
	require.False(t, found, "refused input stores nothing")
}

func firstNonNil[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// matchFixture has a program coordinated by coord with mentee ana, mentor bob
// and mentee cy; ana has requested bob (match1, referenced by both).
func matchFixture(t *testing.T) (*fixture, *domain.Program) {
	t.Helper()
	f := newProfileFixture(t)
	p, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Spring"), Coordinators: ptr([]string{"coord"})})
	require.NoError(t, err)
	for user, role := range map[string]string{"ana": "mentee", "bob": "mentor", "cy": "mentee"} {
		_, err := f.Enrollments.Join(user, p.ID, JoinInput{Role: role})
		require.NoError(t, err)
	}
	ref := domain.MatchRef{ID: "match1", At: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
	addRef := func(user string, add func(e *domain.Enrollment)) {
		_, err := f.store.UpdateMemberships(user, func(m *store.Memberships) error {
			add(m.Enrollments[p.ID])
			return nil
		})
		require.NoError(t, err)
	}
	created, err := f.store.CreateMatch(&domain.Match{ID: ref.ID, ProgramID: p.ID, TeamID: "team", MenteeID: "ana", MentorID: "bob",
		Origin: domain.OriginRequest, Status: domain.MatchRequested, CreatedBy: "ana", CreatedAt: ref.At})
	require.NoError(t, err)
	require.True(t, created)
	addRef("ana", func(e *domain.Enrollment) { e.Requests = append(e.Requests, ref) })
	addRef("bob", func(e *domain.Enrollment) { e.Incoming = append(e.Incoming, ref) })
	_, err = f.Profiles.Save("bob", ProfileInput{
		SkillsOffered: ptr([]string{"Go"}), Department: ptr("Platform"), ManagerID: ptr("admin"), DontMatch: ptr([]string{"cy"}),
	})
	require.NoError(t, err)
	return f, p
}

func TestCoordinatorsSeeWholeProfilesOfTheirMembers(t *testing.T) {
	f, p := matchFixture(t)
	for _, viewer := range []string{"coord", "admin"} {
		bob, err := f.Profiles.Of(viewer, p.ID, "bob")
		require.NoError(t, err, viewer)
		require.Equal(t, "Platform", bob.Department)
		require.Equal(t, "admin", bob.ManagerID)
		require.Equal(t, []string{"cy"}, bob.DontMatch)
	}
	_, err := f.Profiles.Of("coord", p.ID, "stranger")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "only the program's members")
}

func TestTheOtherPersonOfAMatchSeesAPartialProfile(t *testing.T) {
	f, p := matchFixture(t)
	bob, err := f.Profiles.Of("ana", p.ID, "bob")
	require.NoError(t, err)
	require.Equal(t, []string{"Go"}, bob.SkillsOffered)
	require.Equal(t, "Europe/Berlin", bob.TimeZone)
	require.Empty(t, bob.Department, "constraint fields stay private")
	require.Empty(t, bob.ManagerID)
	require.Empty(t, bob.DontMatch)

	ana, err := f.Profiles.Of("bob", p.ID, "ana")
	require.NoError(t, err, "both sides of the request")
	require.Equal(t, "ana", ana.UserID)
}

func TestOthersCannotSeeAProfile(t *testing.T) {
	f, p := matchFixture(t)
	other, err := f.Programs.Create("admin", "team", ProgramFields{Name: ptr("Autumn"), Coordinators: ptr([]string{"cy"})})
	require.NoError(t, err)

	// cy is a mentee of Spring without a match with bob, and coordinates Autumn.
	_, err = f.Profiles.Of("cy", p.ID, "bob")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "a member without a match with bob; coordinating another program does not help")
	require.Contains(t, err.Error(), "coordinate Spring or are matched")

	_, err = f.Profiles.Of("cy", other.ID, "bob")
	kind, _ = kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "through their own program, only its members")

	_, err = f.Profiles.Of("ana", other.ID, "bob")
	kind, _ = kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "a match in one program shows nothing through another")

	_, err = f.Profiles.Of("stranger", p.ID, "bob")
	kind, _ = kindOf(t, err)
	require.Equal(t, KindNotFound, kind, "outsiders of the team do not learn the program exists")
}

func TestOwnProfileThroughAProgramIsTheWholeProfile(t *testing.T) {
	f, p := matchFixture(t)
	bob, err := f.Profiles.Of("bob", p.ID, "bob")
	require.NoError(t, err)
	require.Equal(t, "Platform", bob.Department)
}

func TestAMatchThatEndedShowsNothingMore(t *testing.T) {
	f, p := matchFixture(t)
	for _, status := range []string{domain.MatchActive, domain.MatchPaused, domain.MatchProposed, domain.MatchDeclined, domain.MatchCompleted} {
		_, err := f.store.UpdateMatch("match1", func(m *domain.Match) error {
			m.Status = status
			return nil
		})
		require.NoError(t, err)
		_, err = f.Profiles.Of("ana", p.ID, "bob")
		if status == domain.MatchDeclined || status == domain.MatchCompleted {
			kind, _ := kindOf(t, err)
			require.Equal(t, KindForbidden, kind, status)
		} else {
			require.NoError(t, err, status)
		}
	}
}

func TestAReservationWithoutAMatchShowsNothing(t *testing.T) {
	f, p := matchFixture(t)
	ref := domain.MatchRef{ID: "never-committed"}
	for user, add := range map[string]func(e *domain.Enrollment){
		"cy":  func(e *domain.Enrollment) { e.Requests = append(e.Requests, ref) },
		"bob": func(e *domain.Enrollment) { e.Incoming = append(e.Incoming, ref) },
	} {
		_, err := f.store.UpdateMemberships(user, func(m *store.Memberships) error {
			add(m.Enrollments[p.ID])
			return nil
		})
		require.NoError(t, err)
	}
	_, err := f.Profiles.Of("cy", p.ID, "bob")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind)
}
