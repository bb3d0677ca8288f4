package command

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// A /mentor line is read the way people write, not the way a shell reads:
//   - every character is kept as typed: apostrophes, &, ;, |, <, >, \ are text;
//   - a quote opens a group only at the start of a word ("Women in Tech",
//     'Women in Tech', “Women in Tech”); inside a word (Women's) it is a letter;
//   - an option is a word starting with -- and a letter; its value is the text
//     up to the next option, as typed, so --goals I want > 3 mentors needs no
//     quotes;
//   - the words before the first option are one free-text value (a program
//     name or handle), so quotes around names are optional.

// Quote characters by family: a group opened by one closes with any of its family,
// because keyboards mix straight and typographic quotes (and „…“ or ”…” are usual
// in some languages).
const (
	doubleQuotes = "\"“”„"
	singleQuotes = "'‘’"
)

// token is one word of the line, or one option marker.
type token struct {
	text   string // the word as typed; for a quoted group, its content without the quotes
	start  int    // byte offset of the word in the line, opening quote included
	end    int    // byte offset just after the word, closing quote included
	quoted bool   // the word is exactly one quoted group
	option bool   // the word is an option marker: --name, or --name= (text holds the name)
}

// option is one --name and the text that followed it.
type option struct {
	name   string // lower case, without the dashes
	marker token
	value  string
	given  bool // some text (possibly an empty quoted group) follows the marker
}

// invocation is a parsed command line: positional words, then options.
type invocation struct {
	line    string
	words   []token  // before the first option
	options []option // in the order typed
}

var (
	msgUnclosedQuote = &i18n.Message{ID: "command.args.unclosed_quote", Other: "The quote {{.Quote}} before “{{.Text}}” is never closed. Close it after the last word of the group ({{.Quote}}Women in Tech{{.Close}}) or leave the quotes out: names and option values need none."}
	msgQuoteAtEnd    = &i18n.Message{ID: "command.args.quote_at_end", Other: "The command ends with a lone {{.Quote}}; remove it or put the quoted words after it."}
	msgOptionNoValue = &i18n.Message{ID: "command.args.no_value", Other: "--{{.Name}} needs a value, for example --{{.Name}} ..."}
	msgUnknownOption = &i18n.Message{ID: "command.args.unknown_option", Other: "--{{.Name}} is not an option of this command; it takes: {{.Allowed}}. To use -- in a text, put that text in quotes."}
	msgNoOptions     = &i18n.Message{ID: "command.args.no_options", Other: "--{{.Name}} is not an option of this command; it takes no options."}
	msgOptionTwice   = &i18n.Message{ID: "command.args.option_twice", Other: "--{{.Name}} is given twice; give it once."}
	msgWordsAfter    = &i18n.Message{ID: "command.args.words_after_quotes", Other: "Too many words after “{{.Value}}”: {{.Extra}}. Options start with --, for example --role mentee."}
)

func argError(m *i18n.Message, data map[string]any) *app.Error {
	return &app.Error{Kind: app.KindInvalid, Message: m, Data: data}
}

// parse reads a command line. The only error is a double quote that opens a
// group and never closes: guessing where it ends could put an option into a name.
// Option names are checked against a command's options by check.
func parse(line string) (invocation, error) {
	tokens, err := tokenize(line)
	if err != nil {
		return invocation{}, err
	}
	inv := invocation{line: line}
	i := 0
	for ; i < len(tokens) && !tokens[i].option; i++ {
		inv.words = append(inv.words, tokens[i])
	}
	for i < len(tokens) {
		marker := tokens[i]
		j := i + 1
		for j < len(tokens) && !tokens[j].option {
			j++
		}
		value, given := inv.span(tokens[i+1 : j])
		inv.options = append(inv.options, option{name: strings.ToLower(marker.text), marker: marker, value: value, given: given})
		i = j
	}
	return inv, nil
}

// span is the text of consecutive tokens as typed, spacing included; a single
// quoted group is its content.
func (inv invocation) span(tokens []token) (string, bool) {
	switch len(tokens) {
	case 0:
		return "", false
	case 1:
		return tokens[0].text, true
	}
	return inv.line[tokens[0].start:tokens[len(tokens)-1].end], true
}

// shift drops the first n positional words (the trigger, the subcommand).
func (inv *invocation) shift(n int) {
	inv.words = inv.words[min(n, len(inv.words)):]
}

// startsWith reports whether the positional words begin with these words, in
// any letter case ("Program Create").
func (inv invocation) startsWith(words []string) bool {
	if len(inv.words) < len(words) {
		return false
	}
	for i, w := range words {
		if !strings.EqualFold(inv.words[i].text, w) {
			return false
		}
	}
	return true
}

// check refuses options the command does not take, options without a value
// (except flags, which need none) and options given twice, in the order typed.
func (inv invocation) check(allowed, flags []string) error {
	seen := map[string]bool{}
	for _, o := range inv.options {
		switch {
		case !slices.Contains(allowed, o.name) && len(allowed) == 0:
			return argError(msgNoOptions, map[string]any{"Name": o.name})
		case !slices.Contains(allowed, o.name):
			return argError(msgUnknownOption, map[string]any{"Name": o.name, "Allowed": "--" + strings.Join(allowed, ", --")})
		case !o.given && !slices.Contains(flags, o.name):
			return argError(msgOptionNoValue, map[string]any{"Name": o.name})
		case seen[o.name]:
			return argError(msgOptionTwice, map[string]any{"Name": o.name})
		}
		seen[o.name] = true
	}
	return nil
}

// option returns the option's value, or nil when it was not given.
func (inv invocation) option(name string) *string {
	for _, o := range inv.options {
		if o.name == name {
			v := o.value
			return &v
		}
	}
	return nil
}

// rest is all the positional words as one value (a program name or handle).
// Quotes are optional, but when the first word is a quoted group the quotes
// mark where the name ends, so more words after it are refused, not glued on.
func (inv invocation) rest() (string, error) {
	return inv.value(inv.words)
}

// restAndUser splits "PROGRAM @user": the last word is the user when it starts
// with @, the words before it are the program. user is "" when there is none.
func (inv invocation) restAndUser() (program, user string, err error) {
	words := inv.words
	if n := len(words); n > 1 && !words[n-1].quoted && strings.HasPrefix(words[n-1].text, "@") {
		user, words = strings.TrimPrefix(words[n-1].text, "@"), words[:n-1]
	}
	program, err = inv.value(words)
	return program, user, err
}

func (inv invocation) value(words []token) (string, error) {
	if len(words) > 1 && words[0].quoted {
		extra, _ := inv.span(words[1:])
		return "", argError(msgWordsAfter, map[string]any{"Value": words[0].text, "Extra": extra})
	}
	text, _ := inv.span(words)
	return text, nil
}

// tokenize splits the line into words and option markers.
func tokenize(line string) ([]token, error) {
	var out []token
	afterEquals := false
	for i := 0; ; {
		// The text right after --name= is its value even when it starts with --.
		valueStart := afterEquals && i < len(line) && !isSpaceAt(line, i)
		afterEquals = false
		i = skipSpace(line, i)
		if i >= len(line) {
			return out, nil
		}
		if !valueStart {
			if t, ok := optionMarker(line, i); ok {
				out = append(out, t)
				afterEquals = strings.HasSuffix(line[t.start:t.end], "=")
				i = t.end
				continue
			}
		}
		t, err := word(line, i)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
		i = t.end
	}
}

// optionMarker reads "--name" or "--name=" at i: two dashes and a letter. A
// lone "--" or "--5" is text.
func optionMarker(line string, i int) (token, bool) {
	if !strings.HasPrefix(line[i:], "--") {
		return token{}, false
	}
	if r, _ := utf8.DecodeRuneInString(line[i+2:]); !unicode.IsLetter(r) {
		return token{}, false
	}
	end := wordEnd(line, i)
	name := line[i+2 : end]
	if eq := strings.IndexByte(name, '='); eq >= 0 {
		name, end = name[:eq], i+2+eq+1
	}
	return token{text: name, start: i, end: end, option: true}, true
}

// word reads the word at i: a quoted group when a quote opens it and closes
// at the end of a later word, otherwise everything up to the next space.
func word(line string, i int) (token, error) {
	open, size := utf8.DecodeRuneInString(line[i:])
	double := strings.ContainsRune(doubleQuotes, open)
	if family := quoteFamily(open); family != "" {
		if j, n := closingQuote(line, i+size, family, double); j >= 0 {
			end := j + n
			if end == len(line) || isSpaceAt(line, end) {
				return token{text: line[i+size : j], start: i, end: end, quoted: true}, nil
			}
			// Closed inside a word ("Tech"), for example): kept as typed.
			end = wordEnd(line, end)
			return token{text: line[i:end], start: i, end: end}, nil
		}
		if double {
			return token{}, unclosed(line, i, open, size)
		}
		// An unclosed single quote is an apostrophe: 'tis, '90s.
	}
	end := wordEnd(line, i)
	return token{text: line[i:end], start: i, end: end}, nil
}

func quoteFamily(r rune) string {
	switch {
	case strings.ContainsRune(doubleQuotes, r):
		return doubleQuotes
	case strings.ContainsRune(singleQuotes, r):
		return singleQuotes
	}
	return ""
}

// closingQuote finds the quote of family that ends the group opened before
// from: the first one at the end of a word. A double quote may also close in
// the middle of a word ("Tech"),), since it cannot be an apostrophe.
func closingQuote(line string, from int, family string, double bool) (at, size int) {
	fallback, fallbackSize := -1, 0
	for j := from; j < len(line); {
		r, n := utf8.DecodeRuneInString(line[j:])
		if strings.ContainsRune(family, r) {
			if j+n == len(line) || isSpaceAt(line, j+n) {
				return j, n
			}
			if double && fallback < 0 {
				fallback, fallbackSize = j, n
			}
		}
		j += n
	}
	return fallback, fallbackSize
}

func unclosed(line string, i int, open rune, size int) error {
	closing := map[rune]string{'“': "”", '„': "“"}[open]
	if closing == "" {
		closing = string(open)
	}
	text := strings.Join(strings.Fields(line[i+size:]), " ")
	if text == "" {
		return argError(msgQuoteAtEnd, map[string]any{"Quote": string(open)})
	}
	if runes := []rune(text); len(runes) > 20 {
		text = string(runes[:20]) + "…"
	}
	return argError(msgUnclosedQuote, map[string]any{"Quote": string(open), "Close": closing, "Text": text})
}

func skipSpace(line string, i int) int {
	for i < len(line) && isSpaceAt(line, i) {
		_, n := utf8.DecodeRuneInString(line[i:])
		i += n
	}
	return i
}

func wordEnd(line string, i int) int {
	for i < len(line) && !isSpaceAt(line, i) {
		_, n := utf8.DecodeRuneInString(line[i:])
		i += n
	}
	return i
}

func isSpaceAt(line string, i int) bool {
	r, _ := utf8.DecodeRuneInString(line[i:])
	return unicode.IsSpace(r)
}
