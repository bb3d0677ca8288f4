package matching

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// Vocabulary normalizes free-text terms (skills, interests, goals) so that
// "Public speaking", "public-speaking" and a listed synonym such as
// "presenting" meet, and numbers the canonical terms for fast set operations.
type Vocabulary struct {
	synonyms map[string]string // normalized synonym → normalized canonical term
	ids      map[string]int
	terms    []string
}

// NewVocabulary builds a vocabulary from canonical terms and their synonyms
// ({"public speaking": ["presenting", "speaking in public"]}).
func NewVocabulary(synonyms map[string][]string) *Vocabulary {
	v := &Vocabulary{synonyms: map[string]string{}, ids: map[string]int{}}
	for canonical, others := range synonyms {
		c := Normalize(canonical)
		for _, o := range others {
			v.synonyms[Normalize(o)] = c
		}
	}
	return v
}

// Normalize lowercases a term, treats hyphens, underscores, slashes and dots as
// spaces and collapses runs of spaces: "Public-Speaking " → "public speaking".
//
// Scoring normalizes every term of every profile it compiles, and a program
// uses the same few thousand terms over and over, so results are remembered
// (up to maxRemembered distinct terms per process).
func Normalize(term string) string {
	if n, ok := remembered.Load(term); ok {
		return n.(string)
	}
	fields := strings.FieldsFunc(strings.ToLower(term), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '_' || r == '/' || r == '.' || r == ','
	})
	n := strings.Join(fields, " ")
	if len(term) <= maxRememberedLength && rememberedCount.Load() < maxRemembered {
		if _, loaded := remembered.LoadOrStore(term, n); !loaded {
			rememberedCount.Add(1)
		}
	}
	return n
}

// Bounds of Normalize's memory: enough for every term of a large organization.
const (
	maxRemembered       = 200_000
	maxRememberedLength = 200
)

var (
	remembered      sync.Map // term → normalized term
	rememberedCount atomic.Int64
)

// Canonical returns the normalized, synonym-resolved form of term.
func (v *Vocabulary) Canonical(term string) string {
	n := Normalize(term)
	if c, ok := v.synonyms[n]; ok {
		return c
	}
	return n
}

// ID numbers the canonical form of term, adding it when new. Not safe for
// concurrent use: compile profiles before scoring in parallel.
func (v *Vocabulary) ID(term string) (int, bool) {
	c := v.Canonical(term)
	if c == "" {
		return 0, false
	}
	if id, ok := v.ids[c]; ok {
		return id, true
	}
	v.ids[c] = len(v.terms)
	v.terms = append(v.terms, c)
	return len(v.terms) - 1, true
}

// Term returns the canonical term with the given id.
func (v *Vocabulary) Term(id int) string { return v.terms[id] }

// known is set without adding terms: a term the vocabulary does not have is
// left out. It only reads the vocabulary, so any number may run at once.
func (v *Vocabulary) known(terms []string) termSet {
	var s termSet
	for _, t := range terms {
		id, ok := v.ids[v.Canonical(t)]
		if !ok {
			continue
		}
		for len(s) <= id/64 {
			s = append(s, 0)
		}
		s[id/64] |= 1 << (id % 64)
	}
	return s
}

// termSet is a set of vocabulary ids as a bitset.
type termSet []uint64

func (v *Vocabulary) set(terms []string) termSet {
	var s termSet
	for _, t := range terms {
		id, ok := v.ID(t)
		if !ok {
			continue
		}
		for len(s) <= id/64 {
			s = append(s, 0)
		}
		s[id/64] |= 1 << (id % 64)
	}
	return s
}

// common counts the ids in both sets.
func (s termSet) common(o termSet) int {
	n := 0
	for i := 0; i < len(s) && i < len(o); i++ {
		n += popcount(s[i] & o[i])
	}
	return n
}

// each calls fn for every id in both sets.
func (s termSet) each(o termSet, fn func(id int)) {
	for i := 0; i < len(s) && i < len(o); i++ {
		w := s[i] & o[i]
		for w != 0 {
			b := trailingZeros(w)
			fn(i*64 + b)
			w &= w - 1
		}
	}
}
