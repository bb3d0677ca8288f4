// Package app holds the domain services: who may do what, validation, and the
// order of store writes and notifications. It knows nothing about HTTP or commands.
package app

import (
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var msgBusy = &i18n.Message{ID: "app.busy", Other: "Many changes are being made to this at once; nothing was saved. Try again in a moment."}

// AsError returns err as an *Error a person can act on, and whether it is one:
// app errors as they are, and a store that stayed contended through every retry
// as a conflict to try again. Anything else is a server failure for the log.
func AsError(err error) (*Error, bool) {
	var appErr *Error
	if errors.As(err, &appErr) {
		return appErr, true
	}
	if errors.Is(err, store.ErrContention) {
		return &Error{Kind: KindConflict, Message: msgBusy}, true
	}
	return nil, false
}

// Kind classifies an Error so that each surface can map it (HTTP status, text).
type Kind int

// Error kinds.
const (
	KindInvalid Kind = iota + 1
	KindForbidden
	KindNotFound
	KindConflict
)

// Error is a failure a person can act on: what went wrong, which field, and how
// to fix it, as a translatable message.
type Error struct {
	Kind    Kind
	Field   string
	Message *i18n.Message
	Data    map[string]any
}

func (e *Error) Error() string {
	return i18n.English().Locale("en", e.Message, e.Data)
}

func invalid(field string, m *i18n.Message, data map[string]any) *Error {
	return &Error{Kind: KindInvalid, Field: field, Message: m, Data: data}
}

func forbidden(m *i18n.Message, data map[string]any) *Error {
	return &Error{Kind: KindForbidden, Message: m, Data: data}
}

func notFound(m *i18n.Message, data map[string]any) *Error {
	return &Error{Kind: KindNotFound, Message: m, Data: data}
}

func conflict(field string, m *i18n.Message, data map[string]any) *Error {
	return &Error{Kind: KindConflict, Field: field, Message: m, Data: data}
}
