package app

import (
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Services is every domain service, built once at activation.
type Services struct {
	Permissions *Permissions
	Programs    *Programs
	Enrollments *Enrollments
	Matches     *Matches
	Profiles    *Profiles
	// ProgramMatching holds each program's matching settings.
	ProgramMatching *ProgramMatching
	Sessions        *Sessions
	OfficeHours     *OfficeHours
	Goals           *Goals
	CheckIns        *CheckIns
	Feedback        *Feedback
	Health          *Health
	Insight         *Insight
	Activity        *Activity
	Digests         *Digests
	Exports         *Exports
	Resources       *Resources

	store *store.Store
	deps  Deps
}

// NewServices wires the services over one store.
func NewServices(st *store.Store, deps Deps) *Services {
	if deps.pools == nil {
		deps.pools = &mentorPools{}
	}
	if deps.activity == nil {
		deps.activity = newActivityBuffer()
	}
	if deps.search == nil {
		deps.search = newSearchCache()
	}
	perms := &Permissions{dir: deps.Directory, settings: deps.Settings}
	programs := &Programs{store: st, perms: perms, deps: deps}
	enrollments := &Enrollments{store: st, perms: perms, programs: programs, deps: deps}
	matches := &Matches{store: st, perms: perms, programs: programs, enrollments: enrollments, deps: deps}
	enrollments.afterJoin = matches.matchNewcomer
	enrollments.afterLeave = matches.leftProgram
	sessions := &Sessions{store: st, perms: perms, programs: programs, matches: matches, deps: deps}
	officeHours := &OfficeHours{store: st, perms: perms, programs: programs, sessions: sessions, deps: deps}
	sessions.releaseSlot = officeHours.release
	matches.afterEnd = sessions.matchEnded
	health := &Health{}
	b := base{store: st, perms: perms, programs: programs, enrollments: enrollments, matches: matches, sessions: sessions, health: health, deps: deps}
	health.base = b
	matches.health = health
	checkIns, digests := newCheckIns(b), newDigests(b)
	matches.afterSettle = func(m *domain.Match) error {
		health.Changed(m.ID)
		return checkIns.Start(m)
	}
	sessions.afterChange = health.Changed
	return &Services{
		Goals:           newGoals(b),
		CheckIns:        checkIns,
		Feedback:        newFeedback(b),
		Health:          health,
		Insight:         newInsight(b),
		Activity:        newActivity(b),
		Digests:         digests,
		Exports:         newExports(b),
		Resources:       newResources(b),
		Sessions:        sessions,
		OfficeHours:     officeHours,
		Permissions:     perms,
		Programs:        programs,
		Enrollments:     enrollments,
		Matches:         matches,
		Profiles:        &Profiles{store: st, perms: perms, programs: programs, enrollments: enrollments, deps: deps},
		ProgramMatching: &ProgramMatching{store: st, perms: perms, programs: programs, deps: deps},
		store:           st,
		deps:            deps,
	}
}

// base is what the goal, check-in, feedback, health, insight, activity,
// export and resource services are built from: the store, the services they
// lean on and the deps.
type base struct {
	store       *store.Store
	perms       *Permissions
	programs    *Programs
	enrollments *Enrollments
	matches     *Matches
	sessions    *Sessions
	health      *Health
	deps        Deps
}

// ForRequest returns services for one request or command: the same store, but
// directory answers (is this user an admin, a member of that team) are looked up
// once and remembered until the request ends. A command asks the same questions
// several times (help, the program list, the user's place in each), and each
// answer is a round trip to the server. Not safe for concurrent use; never keep
// it beyond the request, so a permission change is seen by the next one.
func (s *Services) ForRequest() *Services {
	deps := s.deps
	deps.Directory = &requestDirectory{inner: s.deps.Directory, answers: map[string]bool{}}
	return NewServices(s.store, deps)
}

type requestDirectory struct {
	inner   Directory
	answers map[string]bool
}

func (d *requestDirectory) remember(key string, ask func() bool) bool {
	if v, ok := d.answers[key]; ok {
		return v
	}
	v := ask()
	d.answers[key] = v
	return v
}

func (d *requestDirectory) IsSystemAdmin(userID string) bool {
	return d.remember("admin/"+userID, func() bool { return d.inner.IsSystemAdmin(userID) })
}

func (d *requestDirectory) IsTeamMember(userID, teamID string) bool {
	return d.remember("member/"+userID+"/"+teamID, func() bool { return d.inner.IsTeamMember(userID, teamID) })
}

func (d *requestDirectory) User(userID string) (UserInfo, bool) { return d.inner.User(userID) }

// Users passes a batch lookup through to a directory that has one (UserBatch).
func (d *requestDirectory) Users(userIDs []string) map[string]UserInfo {
	if batch, ok := d.inner.(UserBatch); ok {
		return batch.Users(userIDs)
	}
	out := make(map[string]UserInfo, len(userIDs))
	for _, id := range userIDs {
		if u, ok := d.inner.User(id); ok {
			out[id] = u
		}
	}
	return out
}

func (d *requestDirectory) TeamExists(teamID string) bool {
	return d.remember("team/"+teamID, func() bool { return d.inner.TeamExists(teamID) })
}
