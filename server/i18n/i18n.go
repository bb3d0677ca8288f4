// Package i18n renders user-facing text in the reader's language. English lives
// in the code as each message's default; other languages are assets/i18n/active.<lang>.json
// files loaded by pluginapi's bundle.
package i18n

import (
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Message is one translatable text with its English default.
type Message = goi18n.Message

// Translator renders messages for a user (in their Mattermost locale) or a locale.
type Translator struct {
	bundle   *goi18n.Bundle
	localeOf func(userID string) string
}

// New returns a Translator over bundle; localeOf looks a user's locale up.
func New(bundle *goi18n.Bundle, localeOf func(userID string) string) *Translator {
	return &Translator{bundle: bundle, localeOf: localeOf}
}

// English returns a Translator that always renders the English defaults.
func English() *Translator {
	return New(goi18n.NewBundle(language.English), func(string) string { return "en" })
}

// T renders m for userID with the template data.
func (t *Translator) T(userID string, m *Message, data map[string]any) string {
	return t.Locale(t.localeOf(userID), m, data)
}

// Locale renders m in locale with the template data.
func (t *Translator) Locale(locale string, m *Message, data map[string]any) string {
	localizer := goi18n.NewLocalizer(t.bundle, locale, "en")
	s, err := localizer.Localize(&goi18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	if err != nil || s == "" {
		// A broken translation must never hide the message: fall back to English.
		s, _ = goi18n.NewLocalizer(goi18n.NewBundle(language.English), "en").
			Localize(&goi18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	}
	return s
}
