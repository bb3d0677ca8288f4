package domain

import "time"

// Experience levels a member may give in a profile.
const (
	LevelJunior    = "junior"
	LevelMid       = "mid"
	LevelSenior    = "senior"
	LevelLead      = "lead"
	LevelExecutive = "executive"
)

// ExperienceLevels lists the allowed experience levels, most junior first.
var ExperienceLevels = []string{LevelJunior, LevelMid, LevelSenior, LevelLead, LevelExecutive}

// Profile limits: a profile is read on every match preview, so it stays small.
const (
	MaxProfileTerms     = 20   // skills offered, skills wanted, interests, languages: each
	MaxProfileTermRunes = 60   // one skill, interest or language
	MaxBioRunes         = 2000 // the bio
	MaxLocationRunes    = 100
	MaxDepartmentRunes  = 100
	MaxDontMatch        = 50
	MaxExperienceYears  = 60
	MaxAvailabilityHrs  = 160 // hours per month
)

// Profile is what a member tells the programs about themselves; one per user,
// shared by every program they are in. The JSON names are the matching engine's.
type Profile struct {
	SchemaVersion     int      `json:"schema_version"`
	UserID            string   `json:"user_id"`
	SkillsOffered     []string `json:"skills_offered"`
	SkillsWanted      []string `json:"skills_wanted"`
	Interests         []string `json:"interests"`
	Languages         []string `json:"languages"`
	ExperienceLevel   string   `json:"experience_level,omitempty"`
	ExperienceYears   float64  `json:"experience_years"`
	Bio               string   `json:"bio,omitempty"`
	AvailabilityHours int      `json:"availability_hours"`
	Location          string   `json:"location,omitempty"`
	Department        string   `json:"department,omitempty"`
	// ManagerID is the member's manager, for programs that never pair people in
	// one reporting line.
	ManagerID string `json:"manager_id,omitempty"`
	// DontMatch lists users this member never wants to be paired with.
	DontMatch []string `json:"dont_match,omitempty"`
	// TimeZone is copied from the user's Mattermost settings whenever the
	// profile is saved or the user joins a program; it is never typed.
	TimeZone  string    `json:"time_zone,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}
