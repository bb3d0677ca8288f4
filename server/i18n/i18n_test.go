package i18n

import (
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

var greeting = &Message{ID: "test.greeting", Other: "Welcome to {{.Program}}"}

func TestEnglishDefaultIsRenderedWithData(t *testing.T) {
	require.Equal(t, "Welcome to Spring", English().T("u1", greeting, map[string]any{"Program": "Spring"}))
}

func TestUserLocaleSelectsTranslation(t *testing.T) {
	bundle := goi18n.NewBundle(language.English)
	bundle.MustAddMessages(language.Spanish, &goi18n.Message{ID: "test.greeting", Other: "Bienvenida a {{.Program}}"})
	tr := New(bundle, func(userID string) string {
		if userID == "ana" {
			return "es"
		}
		return "en"
	})
	require.Equal(t, "Bienvenida a Spring", tr.T("ana", greeting, map[string]any{"Program": "Spring"}))
	require.Equal(t, "Welcome to Spring", tr.T("bob", greeting, map[string]any{"Program": "Spring"}))
}

func TestBoundTranslatorLooksTheLocaleUpOnce(t *testing.T) {
	bundle := goi18n.NewBundle(language.English)
	bundle.MustAddMessages(language.Spanish, &goi18n.Message{ID: "test.greeting", Other: "Bienvenida a {{.Program}}"})
	lookups := 0
	tr := New(bundle, func(string) string { lookups++; return "es" })
	bound := tr.For("ana")
	for i := 0; i < 5; i++ {
		require.Equal(t, "Bienvenida a Spring", bound.T("ana", greeting, map[string]any{"Program": "Spring"}))
	}
	require.Equal(t, 1, lookups)
	require.Equal(t, "Welcome to Spring", bound.Locale("en", greeting, map[string]any{"Program": "Spring"}))
}

func TestStoredValuesAndFieldsInDataAreRenderedAsLabels(t *testing.T) {
	bundle := goi18n.NewBundle(language.English)
	bundle.MustAddMessages(language.Spanish,
		&goi18n.Message{ID: "test.status", Other: "Su estado es {{.Status}}; revisa {{.Field}}."},
		&goi18n.Message{ID: "option.status.declined", Other: "rechazada"},
		&goi18n.Message{ID: "field.enrollment_mode", Other: "modo de inscripción"})
	tr := New(bundle, func(string) string { return "es" })
	msg := &Message{ID: "test.status", Other: "Its status is {{.Status}}; check the {{.Field}}."}
	data := map[string]any{"Status": Value("declined"), "Field": Field("enrollment_mode")}
	require.Equal(t, "Su estado es rechazada; revisa modo de inscripción.", tr.T("ana", msg, data))
	require.Equal(t, "Its status is declined; check the enrollment mode.", English().T("ana", msg, data))
	require.Equal(t, Value("declined"), data["Status"], "the caller's data is not changed")
}
