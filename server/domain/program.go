// Package domain holds the plugin's records as they are stored and sent over the
// REST API. It has no behaviour beyond small, pure helpers.
package domain

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// CurrentSchemaVersion is written into every record; migrations raise it.
const CurrentSchemaVersion = 4

// Program kinds.
const (
	KindOneToOne    = "one_to_one"
	KindCircles     = "circles"
	KindOfficeHours = "office_hours"
)

// Enrollment modes.
const (
	EnrollmentOpen     = "open"
	EnrollmentApproval = "approval"
	EnrollmentInvite   = "invite"
)

// Matching modes.
const (
	MatchingCoordinator = "coordinator"
	MatchingSelfServe   = "self_serve"
	MatchingAutomatic   = "automatic"
)

// Check-in cadences.
const (
	CadenceNone     = "none"
	CadenceWeekly   = "weekly"
	CadenceBiweekly = "biweekly"
	CadenceMonthly  = "monthly"
)

// Kinds, EnrollmentModes, MatchingModes and Cadences list the allowed values, in
// the order they are offered to people.
var (
	Kinds           = []string{KindOneToOne, KindCircles, KindOfficeHours}
	EnrollmentModes = []string{EnrollmentOpen, EnrollmentApproval, EnrollmentInvite}
	MatchingModes   = []string{MatchingCoordinator, MatchingSelfServe, MatchingAutomatic}
	Cadences        = []string{CadenceNone, CadenceWeekly, CadenceBiweekly, CadenceMonthly}
)

// Field limits, shared by validation and the dialogs.
const (
	MaxProgramNameLength        = 64
	MaxProgramDescriptionLength = 2000
	MaxCoordinators             = 20
	// MaxProgramsPerTeam bounds a team's catalog (every program, archived ones
	// included, lives in one document read by each program lookup).
	MaxProgramsPerTeam = 500
)

// Program is a team-scoped mentoring program.
type Program struct {
	SchemaVersion int    `json:"schema_version"`
	ID            string `json:"id"`
	TeamID        string `json:"team_id"`
	Name          string `json:"name"`
	Slug          string `json:"slug"`
	// Aliases are handles the program answered to before the handle rules
	// changed (the upgrade to schema 2), so that commands people saved still work.
	Aliases        []string `json:"aliases,omitempty"`
	Description    string   `json:"description"`
	Kind           string   `json:"kind"`
	EnrollmentMode string   `json:"enrollment_mode"`
	MatchingMode   string   `json:"matching_mode"`
	CheckInCadence string   `json:"check_in_cadence"`
	Coordinators   []string `json:"coordinators"`
	StartDate      string   `json:"start_date,omitempty"` // YYYY-MM-DD, empty = evergreen
	EndDate        string   `json:"end_date,omitempty"`
	// Matching holds the coordinators' matching choices; zero values mean the
	// System Console defaults.
	Matching MatchingSettings `json:"matching"`
	// Sessions holds the program's reminder lead times and session defaults.
	Sessions SessionSettings `json:"sessions,omitzero"`
	// Insight holds the at-risk thresholds and the weekly digest's time.
	Insight    InsightSettings `json:"insight,omitzero"`
	Archived   bool            `json:"archived"`
	ArchivedAt time.Time       `json:"archived_at,omitzero"`
	CreatedBy  string          `json:"created_by"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// IsCoordinator reports whether userID coordinates the program.
func (p *Program) IsCoordinator(userID string) bool {
	for _, id := range p.Coordinators {
		if id == userID {
			return true
		}
	}
	return false
}

// handleSymbols are kept in handles because they tell names apart: "C++
// Mentoring" and "C# Mentoring" are different programs.
const handleSymbols = "+#"

// Slugify turns a program name into the short handle used in commands:
// "Women in Tech 2026" → "women-in-tech-2026", "Менторство" → "менторство",
// "C++ Mentoring" → "c++-mentoring". Letters and digits of every script are
// kept (after Unicode NFKC normalization and lower-casing); every run of other
// characters becomes one hyphen.
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKC.String(strings.ToLower(name)) {
		// Marks (M) matter: Indic scripts spell vowels with them, so dropping
		// them would make "हिन्दी" and "हान्दा" one handle.
		if unicode.In(r, unicode.L, unicode.N, unicode.M) || strings.ContainsRune(handleSymbols, r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		hyphen = true
	}
	return b.String()
}

// NormalizeNewlines turns \r\n and a lone \r into \n: chat markdown treats a
// lone \r as a line break too, so text that is quoted line by line must split on
// every kind of break.
func NormalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// HasControlCharacters reports whether s contains characters that must not reach
// a chat message as typed: control and formatting characters, and line breaks
// unless multiline text is allowed (then only \n and \t are accepted; normalize
// \r first with NormalizeNewlines).
func HasControlCharacters(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// Dates that people type are accepted within these years: anything else is a
// typo (0026 for 2026, 9999 for "never").
const (
	MinYear = 2000
	MaxYear = 2100
)

// ParseDate reads YYYY-MM-DD within MinYear..MaxYear.
func ParseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < MinYear || t.Year() > MaxYear {
		return time.Time{}, false
	}
	return t, true
}
