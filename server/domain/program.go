// Package domain holds the plugin's records as they are stored and sent over the
// REST API. It has no behaviour beyond small, pure helpers.
package domain

import (
	"regexp"
	"strings"
	"time"
)

// CurrentSchemaVersion is written into every record; migrations raise it.
const CurrentSchemaVersion = 1

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
)

// Program is a team-scoped mentoring program.
type Program struct {
	SchemaVersion  int       `json:"schema_version"`
	ID             string    `json:"id"`
	TeamID         string    `json:"team_id"`
	Name           string    `json:"name"`
	Slug           string    `json:"slug"`
	Description    string    `json:"description"`
	Kind           string    `json:"kind"`
	EnrollmentMode string    `json:"enrollment_mode"`
	MatchingMode   string    `json:"matching_mode"`
	CheckInCadence string    `json:"check_in_cadence"`
	Coordinators   []string  `json:"coordinators"`
	StartDate      string    `json:"start_date,omitempty"` // YYYY-MM-DD, empty = evergreen
	EndDate        string    `json:"end_date,omitempty"`
	Archived       bool      `json:"archived"`
	ArchivedAt     time.Time `json:"archived_at,omitzero"`
	CreatedBy      string    `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
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

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a program name into the short handle used in commands:
// "Women in Tech 2026" → "women-in-tech-2026".
func Slugify(name string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
}
