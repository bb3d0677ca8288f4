package command

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

// everyOption is every option name of the grammar, so parse tests see options
// refused only when a case says so.
var everyOption = []string{"name", "description", "kind", "enrollment", "matching", "cadence", "start", "end", "role", "capacity", "goals", "until"}

func TestParseKeepsTextAsPeopleTypeIt(t *testing.T) {
	cases := []struct {
		name    string
		line    string
		rest    string
		options map[string]string
	}{
		{"ampersand in a name", `R&D --description x`, "R&D", map[string]string{"description": "x"}},
		{"semicolon stays in the word", `Mentors;Mentees`, "Mentors;Mentees", nil},
		{"redirect signs are text", `spring --goals I want > 3 mentors`, "spring", map[string]string{"goals": "I want > 3 mentors"}},
		{"apostrophe inside a word", `Women's Network`, "Women's Network", nil},
		{"apostrophe in a value", `spring --goals learn from my mentor's experience`, "spring", map[string]string{"goals": "learn from my mentor's experience"}},
		{"pipes, redirects and ampersands", `a | b ; c < d > e & f`, "a | b ; c < d > e & f", nil},
		{"backslashes as typed", `Tech\Ops --description a\b c\\d \"e\"`, `Tech\Ops`, map[string]string{"description": `a\b c\\d \"e\"`}},
		{"dollar and backtick are not expanded", "$HOME `date` --goals $5 *", "$HOME `date`", map[string]string{"goals": "$5 *"}},
		{"double quotes group words", `"Women in Tech"`, "Women in Tech", nil},
		{"single quotes group words", `'Women in Tech'`, "Women in Tech", nil},
		{"smart double quotes", `“Women in Tech” --description “Smart quotes work”`, "Women in Tech", map[string]string{"description": "Smart quotes work"}},
		{"smart single quotes", `‘Women in Tech’`, "Women in Tech", nil},
		{"German quotes", `„Frauen in Tech“`, "Frauen in Tech", nil},
		{"mixed straight and smart", `"Women in Tech”`, "Women in Tech", nil},
		{"apostrophe inside single quotes", `'Women's Network'`, "Women's Network", nil},
		{"unclosed single quote is an apostrophe", `'tis the season --goals '90s music`, "'tis the season", map[string]string{"goals": "'90s music"}},
		{"quote inside a word is a character", `5" screen --goals a 27" monitor`, `5" screen`, map[string]string{"goals": `a 27" monitor`}},
		{"unquoted multi-word name", `Women in Tech --role mentee`, "Women in Tech", map[string]string{"role": "mentee"}},
		{"spacing as typed, trimmed at the ends", "  Women   in  Tech   --goals   lead   a  team  ", "Women   in  Tech", map[string]string{"goals": "lead   a  team"}},
		{"value runs to the next option", `--goals grow into a lead --role mentor --capacity 3`, "", map[string]string{"goals": "grow into a lead", "role": "mentor", "capacity": "3"}},
		{"equals form", `--goals=I want more --role=mentee`, "", map[string]string{"goals": "I want more", "role": "mentee"}},
		{"equals then space", `--goals= grow --role=mentee`, "", map[string]string{"goals": "grow", "role": "mentee"}},
		{"quoted value hides an option marker", `--goals "use --role wisely" --role mentor`, "", map[string]string{"goals": "use --role wisely", "role": "mentor"}},
		{"quoted equals value hides an option marker", `--goals="use --role wisely" --role mentor`, "", map[string]string{"goals": "use --role wisely", "role": "mentor"}},
		{"equals value may start with dashes", `--description=--verbose people`, "", map[string]string{"description": "--verbose people"}},
		{"inner quotes of a longer value are kept", `--description "Say "hi" now"`, "", map[string]string{"description": `"Say "hi" now"`}},
		{"two quoted groups are kept as typed", `--goals "a" and "b"`, "", map[string]string{"goals": `"a" and "b"`}},
		{"empty quoted value", `spring --description ""`, "spring", map[string]string{"description": ""}},
		{"double dash without a letter is text", `spring -- not an option --goals --5 mentors, -x`, "spring -- not an option", map[string]string{"goals": "--5 mentors, -x"}},
		{"option names ignore case", `spring --Role Mentee`, "spring", map[string]string{"role": "Mentee"}},
		{"multi-line value", "spring --goals line one\nline two\n--role peer", "spring", map[string]string{"goals": "line one\nline two", "role": "peer"}},
		{"unicode spaces separate words", "Women\u00a0in\u3000Tech\u00a0--role\u00a0mentee", "Women\u00a0in\u3000Tech", map[string]string{"role": "mentee"}},
		{"quote closed inside a word", `"Women in Tech"), --role mentee`, `"Women in Tech"),`, map[string]string{"role": "mentee"}},
		{"emoji and other scripts", `Менторство 🚀 --goals 学习 Go`, "Менторство 🚀", map[string]string{"goals": "学习 Go"}},
		{"empty line", ``, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := parse(tc.line)
			require.NoError(t, err)
			require.NoError(t, inv.check(everyOption, nil))
			rest, err := inv.rest()
			require.NoError(t, err)
			require.Equal(t, tc.rest, rest)
			got := map[string]string{}
			for _, o := range inv.options {
				got[o.name] = *inv.option(o.name)
			}
			if tc.options == nil {
				tc.options = map[string]string{}
			}
			require.Equal(t, tc.options, got)
		})
	}
}

func TestParseRefusesWhatItCannotReadSafely(t *testing.T) {
	cases := []struct {
		name    string
		line    string
		allowed []string
		want    string
	}{
		{"unclosed double quote", `"Women in Tech --role mentee`, everyOption, `The quote " before “Women in Tech --role…” is never closed`},
		{"unclosed smart quote names its closing quote", `“Women in Tech`, everyOption, `(“Women in Tech”)`},
		{"lone quote at the end", `spring --goals "`, everyOption, `The command ends with a lone "`},
		{"unknown option", `"X" --colour red`, []string{"role", "goals"}, "--colour is not an option of this command; it takes: --role, --goals."},
		{"option of a command without options", `spring --until 2027-01-01`, nil, "--until is not an option of this command; it takes no options."},
		{"option at the end without a value", `spring --role`, everyOption, "--role needs a value"},
		{"option followed by an option", `spring --role --goals x`, everyOption, "--role needs a value"},
		{"equals without a value", `spring --role=`, everyOption, "--role needs a value"},
		{"option given twice", `spring --role mentor --goals x --role mentee`, everyOption, "--role is given twice"},
		{"unknown option is reported before a later duplicate", `--colour x --colour y`, everyOption, "--colour is not an option"},
		{"words after a quoted name", `"Women in Tech" 2027 edition --role mentee`, everyOption, "Too many words after “Women in Tech”: 2027 edition."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := parse(tc.line)
			if err == nil {
				err = inv.check(tc.allowed, nil)
			}
			if err == nil {
				_, err = inv.rest()
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestRestAndUserTakesTheLastAtWordAsTheUser(t *testing.T) {
	cases := []struct{ line, program, user string }{
		{`Women in Tech @ana`, "Women in Tech", "ana"},
		{`spring @ana`, "spring", "ana"},
		{`"R&D" @ana`, "R&D", "ana"},
		{`spring`, "spring", ""},
		{`@ana`, "@ana", ""},                   // a user alone is no program
		{`spring "@ana"`, `spring "@ana"`, ""}, // quoted: part of the name
		{`team @home @ana`, "team @home", "ana"},
	}
	for _, tc := range cases {
		inv, err := parse(tc.line)
		require.NoError(t, err)
		program, user, err := inv.restAndUser()
		require.NoError(t, err, tc.line)
		require.Equal(t, tc.program, program, tc.line)
		require.Equal(t, tc.user, user, tc.line)
	}
}

func TestAutocompleteCoversEveryGrammarRow(t *testing.T) {
	root := Autocomplete()
	find := func(path ...string) bool {
		node := root
		for _, word := range path {
			var next = node
			found := false
			for _, sub := range node.SubCommands {
				if sub.Trigger == word {
					next, found = sub, true
				}
			}
			if !found {
				return false
			}
			node = next
		}
		return true
	}
	for _, sc := range subcommands {
		require.True(t, find(strings.Fields(sc.name)...), "no autocomplete for %q", sc.name)
	}
	require.NoError(t, root.IsValid())
}

// FuzzParse checks the promises of the parser on any line: it never panics, it
// gives the same answer twice, and no typed character is lost or duplicated:
// every non-space character outside quotes and option markers ends up in
// exactly one value (the positional text or an option's value).
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`/mentor program create R&D --description x`, `/mentor join Women in Tech --role mentee --goals I want > 3 mentors`,
		`Women's Network`, `"Women in Tech" --goals="use --role" --role=mentor`, `“Women in Tech”`, `'tis`, `"unclosed`,
		`--goals= --role`, `a\b "c"d" e`, "--x\u00a0y", `--ö=ü`, "\xff--a=\"\xfe\"", `"" '' “” --goals ""`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		inv, err := parse(line)
		again, errAgain := parse(line)
		require.Equal(t, err, errAgain)
		require.Equal(t, inv, again)
		if err != nil {
			return
		}
		// Every accessor is safe on any parse.
		_ = inv.check(everyOption, nil)
		_, _ = inv.rest()
		_, _, _ = inv.restAndUser()

		positional, _ := inv.span(inv.words)
		out := []string{positional}
		for _, o := range inv.options {
			require.Equal(t, strings.ToLower(o.marker.text), o.name)
			out = append(out, line[o.marker.start:o.marker.end], o.value)
		}
		want, got := textRunes(line), textRunes(strings.Join(out, " "))
		require.Equal(t, want, got, "characters lost or duplicated in %q", line)
	})
}

// textRunes counts the characters a parse must keep: not spaces, not quotes.
func textRunes(s string) map[rune]int {
	counts := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) && quoteFamily(r) == "" {
			counts[r]++
		}
	}
	return counts
}
