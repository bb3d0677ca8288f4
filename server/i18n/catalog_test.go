package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// These tests hold assets/i18n/active.es.json to the messages declared in the
// server code, so a Spanish reader never sees a message left in English, a
// translation of text that no longer exists, or a placeholder that renders as
// "<no value>".

const (
	serverRoot  = ".."
	spanishFile = "../../assets/i18n/active.es.json"
	// spanishFiles are every Spanish catalog: the plugin loads each
	// assets/i18n/active.*.json, so features keep their messages in files of
	// their own ("active.matches.es.json"), merged into one Spanish catalog.
	spanishFiles = "../../assets/i18n/active*.es.json"
)

// codeMessages scans the server once per test and fails on literals the scan
// cannot read, which would otherwise be silently left out of every check.
func codeMessages(t *testing.T) []sourceMessage {
	t.Helper()
	scan, err := scanMessages(serverRoot)
	require.NoError(t, err)
	require.Empty(t, scan.Problems, "message literals the catalog check cannot read:\n%s", strings.Join(scan.Problems, "\n"))
	// A scan that finds nothing would make every check below pass vacuously.
	require.NotEmpty(t, scan.Messages, "no i18n messages found under %s", serverRoot)
	return scan.Messages
}

// uniqueMessages maps each ID to its English text; IDs used twice with the same
// text (one message referred to from two places) are fine.
func uniqueMessages(msgs []sourceMessage) map[string]sourceMessage {
	byID := map[string]sourceMessage{}
	for _, m := range msgs {
		if _, seen := byID[m.ID]; !seen {
			byID[m.ID] = m
		}
	}
	return byID
}

func spanishCatalog(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(spanishFiles)
	require.NoError(t, err)
	require.Contains(t, paths, spanishFile)
	catalog := map[string]string{}
	for _, path := range paths {
		data, err := os.ReadFile(filepath.Clean(path)) //nolint:gosec // paths come from a fixed glob of the repository
		require.NoError(t, err)
		part, err := decodeCatalog(data)
		require.NoError(t, err, "%s", path)
		for id, text := range part {
			_, twice := catalog[id]
			require.False(t, twice, "%s: message %s is also in another Spanish file", path, id)
			catalog[id] = text
		}
	}
	return catalog
}

// decodeCatalog reads a flat {"id": "text"} file. encoding/json keeps the last of
// two equal keys without a word, which would quietly drop a translation after a
// merge, so keys are read one token at a time and duplicates are an error.
func decodeCatalog(data []byte) (map[string]string, error) {
	if !json.Valid(data) {
		return nil, fmt.Errorf("not valid JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object of \"id\": \"translation\" pairs")
	}
	catalog := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		id, _ := tok.(string)
		var text string
		if err := dec.Decode(&text); err != nil {
			return nil, fmt.Errorf("%q: the value must be a plain string: %w", id, err)
		}
		if _, dup := catalog[id]; dup {
			return nil, fmt.Errorf("%q appears twice", id)
		}
		if strings.TrimSpace(text) == "" {
			return nil, fmt.Errorf("%q: empty translation", id)
		}
		catalog[id] = text
	}
	return catalog, nil
}

// failIfAny fails with the message alone: require.Empty would print the list a
// second time as a Go slice on one line, which is hard to read and to copy from.
func failIfAny(t *testing.T, problems []string, format string, args ...any) {
	t.Helper()
	if len(problems) > 0 {
		t.Errorf(format, args...)
	}
}

func TestSpanishCatalogLoadsAsThePluginLoadsIt(t *testing.T) {
	paths, err := filepath.Glob(spanishFiles)
	require.NoError(t, err)
	for _, path := range paths {
		data, err := os.ReadFile(filepath.Clean(path)) //nolint:gosec // paths come from a fixed glob of the repository
		require.NoError(t, err)
		catalog, err := decodeCatalog(data)
		require.NoError(t, err)

		// pluginapi's InitBundle: an English bundle with a JSON unmarshaler, each
		// file loaded by name (the language comes from the part before ".json").
		bundle := goi18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
		file, err := bundle.ParseMessageFileBytes(data, filepath.Base(path))
		require.NoError(t, err)
		require.Equal(t, language.Spanish, file.Tag, path)
		require.Len(t, file.Messages, len(catalog), "%s: go-i18n reads a different number of messages than the file has keys (nested objects?)", path)
	}
}

func TestMessageIDsAreUniqueInCode(t *testing.T) {
	clashes := idClashes(codeMessages(t))
	failIfAny(t, clashes, "one ID, two English texts; give each text its own ID:\n%s", strings.Join(clashes, "\n"))
}

// idClashes lists IDs declared with two different English texts (go-i18n would
// use whichever it met first) and IDs with an empty English text.
func idClashes(msgs []sourceMessage) []string {
	byID := map[string][]sourceMessage{}
	for _, m := range msgs {
		byID[m.ID] = append(byID[m.ID], m)
	}
	var clashes []string
	for id, uses := range byID {
		for _, other := range uses[1:] {
			if other.Other != uses[0].Other {
				clashes = append(clashes, fmt.Sprintf("  %s:\n    %s: %q\n    %s: %q", id, uses[0].Pos, uses[0].Other, other.Pos, other.Other))
			}
		}
		if strings.TrimSpace(uses[0].Other) == "" {
			clashes = append(clashes, fmt.Sprintf("  %s (%s): empty English text", id, uses[0].Pos))
		}
	}
	sort.Strings(clashes)
	return clashes
}

func TestIDClashesAreOnlyDifferentTextsUnderOneID(t *testing.T) {
	clashes := idClashes([]sourceMessage{
		{ID: "same", Other: "Hello", Pos: "a.go:1"},
		{ID: "same", Other: "Hello", Pos: "b.go:2"}, // one message used twice: fine
		{ID: "clash", Other: "Save", Pos: "a.go:3"},
		{ID: "clash", Other: "Saved", Pos: "b.go:4"},
		{ID: "blank", Other: " ", Pos: "c.go:5"},
	})
	require.Len(t, clashes, 2)
	require.Contains(t, clashes[0], "blank (c.go:5): empty English text")
	require.Contains(t, clashes[1], "clash:")
	require.Contains(t, clashes[1], `b.go:4: "Saved"`)
}

func TestEveryMessageHasASpanishTranslation(t *testing.T) {
	catalog := spanishCatalog(t)
	var missing []string
	for id, m := range uniqueMessages(codeMessages(t)) {
		if _, ok := catalog[id]; !ok {
			english, _ := json.Marshal(m.Other)
			missing = append(missing, fmt.Sprintf("  %q: %s,", id, english))
		}
	}
	sort.Strings(missing)
	failIfAny(t, missing, "%d messages have no Spanish translation in %s (the English, ready to translate and paste):\n%s",
		len(missing), spanishFile, strings.Join(missing, "\n"))
}

func TestSpanishCatalogHasNoStaleIDs(t *testing.T) {
	inCode := uniqueMessages(codeMessages(t))
	var stale []string
	for id := range spanishCatalog(t) {
		if _, ok := inCode[id]; !ok {
			stale = append(stale, "  "+id)
		}
	}
	sort.Strings(stale)
	failIfAny(t, stale, "%s translates IDs no message in the code has (renamed or removed? delete or rename them):\n%s",
		spanishFile, strings.Join(stale, "\n"))
}

func TestSpanishTranslationsUseTheEnglishPlaceholders(t *testing.T) {
	catalog := spanishCatalog(t)
	var wrong []string
	for id, m := range uniqueMessages(codeMessages(t)) {
		spanish, ok := catalog[id]
		if !ok {
			continue // reported by TestEveryMessageHasASpanishTranslation
		}
		want, err := templateFields(m.Other)
		if err != nil {
			wrong = append(wrong, fmt.Sprintf("  %s (%s): English template does not parse: %v", id, m.Pos, err))
			continue
		}
		got, err := templateFields(spanish)
		if err != nil {
			wrong = append(wrong, fmt.Sprintf("  %s: Spanish template does not parse: %v", id, err))
			continue
		}
		if !slices.Equal(want, got) {
			wrong = append(wrong, fmt.Sprintf("  %s: English uses %v, Spanish uses %v", id, want, got))
		}
	}
	sort.Strings(wrong)
	failIfAny(t, wrong, "translations whose {{.Placeholders}} differ from the English default:\n%s", strings.Join(wrong, "\n"))
}
