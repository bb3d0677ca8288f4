package command

import (
	"slices"
	"strings"

	"github.com/mattn/go-shellwords"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// invocation is a command line split into positional arguments and --options.
type invocation struct {
	args    []string
	options map[string]string
}

var (
	msgUnbalancedQuotes = &i18n.Message{ID: "command.args.quotes", Other: "A quote is not closed. Put names with spaces in matching quotes: \"Women in Tech\"."}
	msgOptionNoValue    = &i18n.Message{ID: "command.args.no_value", Other: "--{{.Name}} needs a value, for example --{{.Name}} \"...\"."}
	msgUnknownOption    = &i18n.Message{ID: "command.args.unknown_option", Other: "--{{.Name}} is not an option of this command; it takes: {{.Allowed}}."}
	msgNoOptions        = &i18n.Message{ID: "command.args.no_options", Other: "--{{.Name}} is not an option of this command; it takes no options."}
)

func argError(m *i18n.Message, data map[string]any) *app.Error {
	return &app.Error{Kind: app.KindInvalid, Message: m, Data: data}
}

// split tokenizes like a shell, so "Women in Tech" stays one argument. Smart
// quotes that some keyboards insert are treated as plain quotes.
func split(line string) ([]string, error) {
	line = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'").Replace(line)
	words, err := shellwords.Parse(line)
	if err != nil {
		return nil, argError(msgUnbalancedQuotes, nil)
	}
	return words, nil
}

// parseOptions separates positional arguments from --name value / --name=value
// options, refusing any option not in allowed.
func parseOptions(tokens []string, allowed []string) (invocation, error) {
	inv := invocation{options: map[string]string{}}
	for i := 0; i < len(tokens); i++ {
		tok := tokens[i]
		if !strings.HasPrefix(tok, "--") {
			inv.args = append(inv.args, tok)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(tok, "--"), "=")
		if !slices.Contains(allowed, name) {
			if len(allowed) == 0 {
				return inv, argError(msgNoOptions, map[string]any{"Name": name})
			}
			return inv, argError(msgUnknownOption, map[string]any{"Name": name, "Allowed": "--" + strings.Join(allowed, ", --")})
		}
		if !hasValue {
			if i+1 >= len(tokens) || strings.HasPrefix(tokens[i+1], "--") {
				return inv, argError(msgOptionNoValue, map[string]any{"Name": name})
			}
			i++
			value = tokens[i]
		}
		inv.options[name] = value
	}
	return inv, nil
}

// option returns a pointer to the option's value, or nil when not given.
func (inv invocation) option(name string) *string {
	if v, ok := inv.options[name]; ok {
		return &v
	}
	return nil
}
