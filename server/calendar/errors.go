// Package calendar turns what people type about a mentoring session into times,
// expands recurring series in the organizer's zone, and writes iCalendar (.ics)
// invites and subscription feeds. It knows nothing about Mattermost: the caller
// stores sessions, translates errors and sends the files.
package calendar

import "strconv"

// Error codes carried by *ParseError. The caller maps them to translated
// messages (with Examples()); the English in Error() is only for logs.
const (
	CodeEmpty         = "empty"          // nothing was typed
	CodeUnparseable   = "unparseable"    // no date or time could be read
	CodeNoTime        = "no_time"        // a date without a time of day ("tomorrow")
	CodeBadDuration   = "bad_duration"   // "for ..." not understood, or outside 5m..8h
	CodeBadRecurrence = "bad_recurrence" // recurrence not understood or refused
	CodeLeftover      = "leftover"       // words left over that mean nothing to us
	CodePast          = "past"           // the time read is before now
	CodeBadZone       = "bad_zone"       // an unknown IANA zone name
)

// ParseError says which part of the input was refused and why (Code).
type ParseError struct {
	Code string
	// Text is the offending part of the input (may be the whole input).
	Text string
}

func (e *ParseError) Error() string {
	return "calendar: " + e.Code + ": " + strconv.Quote(e.Text)
}

func perr(code, text string) *ParseError { return &ParseError{Code: code, Text: text} }
