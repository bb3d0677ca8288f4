package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
)

// Realistic profiles, generated the way server/matching/synthetic.go does it
// (that package lives in the plugin's module, which this test module does not
// import): skill popularity is skewed (Zipf-like: many people want or offer
// the few popular skills), most people share English and a quarter add a
// second language, time zones cluster around a few regions, mentors are more
// experienced than mentees. Terms are real words rather than "skill 17" so the
// engine's vocabulary normalization and the mentees' free-text goals are
// exercised as in a real organization.

var benchSkills = []string{
	"go", "python", "kubernetes", "public speaking", "system design", "leadership", "product management",
	"react", "typescript", "sql", "postgresql", "machine learning", "data analysis", "security",
	"incident response", "code review", "technical writing", "negotiation", "hiring", "project management",
	"distributed systems", "performance tuning", "testing", "accessibility", "ux design", "java", "rust",
	"terraform", "aws", "observability", "career growth", "people management", "mentoring", "architecture",
	"api design", "mobile development", "ios", "android", "devops", "ci/cd", "scrum", "stakeholder management",
	"budgeting", "sales engineering", "customer support", "open source", "c++", "embedded systems",
	"compilers", "networking", "linux", "statistics", "data engineering", "spark", "graphql", "design systems",
	"figma", "copywriting", "marketing analytics", "public relations",
}

var benchInterests = []string{
	"hiking", "chess", "music", "photography", "cooking", "running", "reading", "gaming", "travel",
	"gardening", "cycling", "climbing", "board games", "film", "volunteering", "languages", "yoga",
	"painting", "podcasts", "history", "astronomy", "football", "basketball", "writing", "theatre",
	"woodworking", "sailing", "dance", "coffee", "birdwatching",
}

var benchZones = []string{
	"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo",
	"Europe/London", "Europe/Madrid", "Europe/Berlin", "Europe/Warsaw", "Africa/Lagos",
	"Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
}

var benchLanguages = []string{"Spanish", "French", "German", "Portuguese", "Hindi", "Japanese"}

var benchLevels = []string{"junior", "mid", "senior", "lead", "executive"}

// member is one seeded person: who they are in Mattermost and what they put in
// their profile and their join.
type member struct {
	benchseed.Account
	Mentor  bool
	Profile map[string]any
	Goals   string
}

type profileGen struct {
	r         *rand.Rand
	skills    *rand.Zipf
	interests *rand.Zipf
}

func newProfileGen(seed uint64) *profileGen {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) //nolint:gosec // synthetic profiles, not a secret
	return &profileGen{r: r,
		skills:    rand.NewZipf(r, 1.1, 4, uint64(len(benchSkills)-1)),
		interests: rand.NewZipf(r, 1.1, 2, uint64(len(benchInterests)-1)),
	}
}

// pick returns k distinct items, skewed towards the front of the list.
func (g *profileGen) pick(z *rand.Zipf, items []string, k int) []string {
	seen := map[int]bool{}
	out := []string{}
	for len(out) < k && len(seen) < len(items) {
		i := int(z.Uint64())
		if i >= len(items) || seen[i] {
			i = g.r.IntN(len(items))
			if seen[i] {
				continue
			}
		}
		seen[i] = true
		out = append(out, items[i])
	}
	return out
}

func (g *profileGen) zone() string {
	return benchZones[min(g.r.IntN(len(benchZones)), g.r.IntN(len(benchZones)))]
}

func (g *profileGen) languages() []string {
	langs := []string{"English"}
	if g.r.IntN(4) == 0 {
		langs = append(langs, benchLanguages[g.r.IntN(len(benchLanguages))])
	}
	return langs
}

// fill gives m a time zone, a profile (the PUT /profile body) and goals.
func (g *profileGen) fill(m *member) {
	m.Zone = g.zone()
	interests := g.pick(g.interests, benchInterests, 2+g.r.IntN(3))
	if m.Mentor {
		years := 3 + g.r.IntN(23)
		offered := g.pick(g.skills, benchSkills, 3+g.r.IntN(4))
		m.Profile = map[string]any{
			"skills_offered": offered, "skills_wanted": []string{}, "interests": interests,
			"languages": g.languages(), "experience_years": years,
			"experience_level":   benchLevels[min(4, 1+years/6)],
			"availability_hours": 2 + g.r.IntN(8),
			"bio":                fmt.Sprintf("%d years in the trade; happy to help with %s.", years, strings.Join(offered[:2], " and ")),
		}
		return
	}
	years := g.r.IntN(9)
	wanted := g.pick(g.skills, benchSkills, 2+g.r.IntN(3))
	m.Profile = map[string]any{
		"skills_offered": []string{}, "skills_wanted": wanted, "interests": interests,
		"languages": g.languages(), "experience_years": years,
		"experience_level":   benchLevels[min(2, years/3)],
		"availability_hours": 2 + g.r.IntN(6),
		"bio":                "Looking for a mentor this quarter.",
	}
	m.Goals = fmt.Sprintf("I want to get better at %s and grow my career.", wanted[0])
}
