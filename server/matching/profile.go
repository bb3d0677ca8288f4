package matching

// Profile is what scoring knows about a person. Mentors also carry a capacity.
type Profile struct {
	ID              string        `json:"id"`
	Name            string        `json:"name,omitempty"`
	SkillsOffered   []string      `json:"skills_offered,omitempty"`
	SkillsWanted    []string      `json:"skills_wanted,omitempty"`
	Interests       []string      `json:"interests,omitempty"`
	Goals           []string      `json:"goals,omitempty"` // goal keywords
	Languages       []string      `json:"languages,omitempty"`
	ExperienceYears float64       `json:"experience_years,omitempty"`
	TimeZone        string        `json:"time_zone,omitempty"` // IANA name
	WorkingHours    *WorkingHours `json:"working_hours,omitempty"`
	// AvailabilityHours per month; 0 means not given.
	AvailabilityHours int    `json:"availability_hours,omitempty"`
	Department        string `json:"department,omitempty"`
	// ReportingLine lists the ids of this person's managers, nearest first.
	ReportingLine []string `json:"reporting_line,omitempty"`
	// DontMatch lists ids this person must not be paired with.
	DontMatch []string `json:"dont_match,omitempty"`
	Capacity  int      `json:"capacity,omitempty"` // mentors: how many mentees at once
}

// DisplayName is the name used in reasons.
func (p *Profile) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID
}

// Weights turn each kind of compatibility into points; programs set their own.
type Weights struct {
	Skill      int `json:"skill"`      // per wanted skill the mentor offers
	Interest   int `json:"interest"`   // per shared interest
	Goal       int `json:"goal"`       // per goal keyword the mentor offers as a skill or interest
	Language   int `json:"language"`   // for sharing a language
	TimeZone   int `json:"time_zone"`  // per hour of shared working time
	Experience int `json:"experience"` // per year the mentor is ahead (up to 10); twice that off per year behind
}

// DefaultWeights are the System Console defaults.
var DefaultWeights = Weights{Skill: 30, Interest: 8, Goal: 12, Language: 5, TimeZone: 4, Experience: 2}

// Constraints are the hard rules besides capacity.
type Constraints struct {
	// Forbidden pairs (mentee id, mentor id): declined or ended badly before,
	// or excluded by a coordinator.
	Forbidden [][2]string `json:"forbidden,omitempty"`
	// ExcludeReportingLine forbids pairing people where one manages the other,
	// directly or up the chain.
	ExcludeReportingLine bool `json:"exclude_reporting_line,omitempty"`
	// ExcludeSameDepartment forbids pairs within one department, for programs
	// that exist to connect people across the organization.
	ExcludeSameDepartment bool `json:"exclude_same_department,omitempty"`
}
