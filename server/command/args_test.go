package command

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitKeepsQuotedNamesTogether(t *testing.T) {
	words, err := split(`/mentor program create "Women in Tech" --description “Smart quotes work”`)
	require.NoError(t, err)
	require.Equal(t, []string{"/mentor", "program", "create", "Women in Tech", "--description", "Smart quotes work"}, words)

	_, err = split(`/mentor join "unclosed`)
	require.Error(t, err)
}

func TestParseOptions(t *testing.T) {
	inv, err := parseOptions([]string{"spring", "--role", "mentor", "--capacity=3"}, []string{"role", "capacity", "goals"})
	require.NoError(t, err)
	require.Equal(t, []string{"spring"}, inv.args)
	require.Equal(t, "mentor", *inv.option("role"))
	require.Equal(t, "3", *inv.option("capacity"))
	require.Nil(t, inv.option("goals"))

	_, err = parseOptions([]string{"--colour", "red"}, []string{"role"})
	require.ErrorContains(t, err, "--colour is not an option of this command; it takes: --role")
	_, err = parseOptions([]string{"--role"}, []string{"role"})
	require.ErrorContains(t, err, "--role needs a value")
	_, err = parseOptions([]string{"--role", "--goals", "x"}, []string{"role", "goals"})
	require.ErrorContains(t, err, "--role needs a value")
	_, err = parseOptions([]string{"--until", "x"}, nil)
	require.ErrorContains(t, err, "takes no options")
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
