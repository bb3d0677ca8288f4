package matching

import (
	"fmt"
	"math/rand/v2"
)

// Synthetic profiles for benchmarks, tests and demos: skill popularity follows a
// skewed (Zipf-like) distribution, most people share a language, time zones
// cluster around a few regions, mentors are more experienced than mentees.

var syntheticZones = []string{
	"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo",
	"Europe/London", "Europe/Madrid", "Europe/Berlin", "Europe/Warsaw", "Africa/Lagos",
	"Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
}

var syntheticLanguages = []string{"Spanish", "French", "German", "Portuguese", "Hindi", "Japanese"}

func syntheticTerms(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %d", prefix, i)
	}
	return out
}

var (
	syntheticSkills    = syntheticTerms("skill", 120)
	syntheticInterests = syntheticTerms("interest", 40)
)

func syntheticVocabulary() *Vocabulary { return NewVocabulary(nil) }

// pick returns k distinct items, skewed towards the front of the list.
func pick(r *rand.Rand, z *rand.Zipf, items []string, k int) []string {
	seen := map[int]bool{}
	var out []string
	for len(out) < k && len(seen) < len(items) {
		i := int(z.Uint64())
		if i >= len(items) || seen[i] {
			i = r.IntN(len(items))
			if seen[i] {
				continue
			}
		}
		seen[i] = true
		out = append(out, items[i])
	}
	return out
}

// SyntheticProfiles returns n mentees and m mentors of the given capacity.
func SyntheticProfiles(n, m, capacity int, seed uint64) ([]Profile, []Profile) {
	return syntheticProfiles(n, m, capacity, seed)
}

func syntheticProfiles(n, m, capacity int, seed uint64) ([]Profile, []Profile) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	skillZipf := rand.NewZipf(r, 1.1, 4, uint64(len(syntheticSkills)-1))
	interestZipf := rand.NewZipf(r, 1.1, 2, uint64(len(syntheticInterests)-1))
	languages := func() []string {
		langs := []string{"English"}
		if r.IntN(4) == 0 {
			langs = append(langs, syntheticLanguages[r.IntN(len(syntheticLanguages))])
		}
		return langs
	}
	zone := func() string { return syntheticZones[min(r.IntN(len(syntheticZones)), r.IntN(len(syntheticZones)))] }
	mentees := make([]Profile, n)
	for i := range mentees {
		wanted := pick(r, skillZipf, syntheticSkills, 2+r.IntN(3))
		mentees[i] = Profile{
			ID: fmt.Sprintf("e%d", i), SkillsWanted: wanted, Goals: wanted[:1],
			Interests: pick(r, interestZipf, syntheticInterests, 2+r.IntN(3)),
			Languages: languages(), TimeZone: zone(), ExperienceYears: float64(r.IntN(9)),
		}
	}
	mentors := make([]Profile, m)
	for j := range mentors {
		mentors[j] = Profile{
			ID: fmt.Sprintf("m%d", j), SkillsOffered: pick(r, skillZipf, syntheticSkills, 3+r.IntN(4)),
			Interests: pick(r, interestZipf, syntheticInterests, 2+r.IntN(3)),
			Languages: languages(), TimeZone: zone(), ExperienceYears: float64(3 + r.IntN(23)), Capacity: capacity,
		}
	}
	return mentees, mentors
}
