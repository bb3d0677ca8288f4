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
	// bound is set on a translator made by For: every message is rendered in this
	// locale with this localizer, whoever the user id names.
	bound     string
	localizer *goi18n.Localizer
}

// New returns a Translator over bundle; localeOf looks a user's locale up.
func New(bundle *goi18n.Bundle, localeOf func(userID string) string) *Translator {
	return &Translator{bundle: bundle, localeOf: localeOf}
}

// English returns a Translator that always renders the English defaults.
func English() *Translator {
	return New(goi18n.NewBundle(language.English), func(string) string { return "en" })
}

// For looks userID's locale up once and returns a translator bound to it. A
// request or a command renders many lines for one reader; binding keeps it to
// one user lookup (a plugin API round trip) instead of one per line.
func (t *Translator) For(userID string) *Translator {
	locale := t.localeOf(userID)
	return &Translator{bundle: t.bundle, localeOf: t.localeOf, bound: locale,
		localizer: goi18n.NewLocalizer(t.bundle, locale, "en")}
}

// Value is a stored enumeration value (a status, a mode, a kind) put into a
// message's data: T renders it with its label in the reader's language instead
// of the English identifier.
type Value string

// Role is an enrollment role put into a message's data; T renders it with its
// label in the reader's language.
type Role string

// Field is the name of an input field put into a message's data; T renders it
// with its label in the reader's language.
type Field string

// T renders m for userID with the template data. On a bound translator userID is
// ignored: the text is in the bound reader's language.
func (t *Translator) T(userID string, m *Message, data map[string]any) string {
	if t.localizer == nil {
		t = t.For(userID)
	}
	return render(t.localizer, m, t.labelled(userID, data))
}

// labelled replaces Value and Field entries of data with their labels.
func (t *Translator) labelled(userID string, data map[string]any) map[string]any {
	var out map[string]any
	for k, v := range data {
		var label string
		switch v := v.(type) {
		case Value:
			label = t.Value(userID, string(v))
		case Field:
			label = t.lookup(fieldLabels, userID, string(v))
		case Role:
			label = t.Role(userID, string(v))
		default:
			continue
		}
		if out == nil {
			out = make(map[string]any, len(data))
			for k2, v2 := range data {
				out[k2] = v2
			}
		}
		out[k] = label
	}
	if out == nil {
		return data
	}
	return out
}

// Locale renders m in locale with the template data.
func (t *Translator) Locale(locale string, m *Message, data map[string]any) string {
	if t.localizer != nil && locale == t.bound {
		return render(t.localizer, m, data)
	}
	return render(goi18n.NewLocalizer(t.bundle, locale, "en"), m, data)
}

var englishLocalizer = goi18n.NewLocalizer(goi18n.NewBundle(language.English), "en")

func render(localizer *goi18n.Localizer, m *Message, data map[string]any) string {
	s, err := localizer.Localize(&goi18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	if err != nil || s == "" {
		// A broken translation must never hide the message: fall back to English.
		s, _ = englishLocalizer.Localize(&goi18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	}
	return s
}
