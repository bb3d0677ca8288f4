package app

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgRoleRequired     = &i18n.Message{ID: "app.enroll.role_required", Other: "Say how you want to take part: role mentee, mentor, peer or both."}
	msgBadRole          = &i18n.Message{ID: "app.enroll.bad_role", Other: "\"{{.Value}}\" is not a role; use one of: mentee, mentor, peer, both."}
	msgPeerOnly         = &i18n.Message{ID: "app.enroll.peer_only", Other: "{{.Program}} runs peer circles: join as a peer."}
	msgBadCapacity      = &i18n.Message{ID: "app.enroll.bad_capacity", Other: "Capacity is how many mentees you can take: a number from 1 to {{.Max}}."}
	msgCapacityNoMentor = &i18n.Message{ID: "app.enroll.capacity_not_mentor", Other: "Capacity is how many mentees a mentor takes; as a {{.Role}} leave it out, or join as mentor or both."}
	msgGoalsTooLong     = &i18n.Message{ID: "app.enroll.goals_too_long", Other: "Your goals are {{.Length}} characters long; keep them to {{.Max}} or fewer."}
	msgArchived         = &i18n.Message{ID: "app.enroll.archived", Other: "{{.Program}} is archived and takes no new members."}
	msgInviteOnly       = &i18n.Message{ID: "app.enroll.invite_only", Other: "{{.Program}} is invite-only. Ask one of its coordinators to add you."}
	msgRequestTooSoon   = &i18n.Message{ID: "app.enroll.request_too_soon", Other: "You asked to join {{.Program}} on {{.Last}}; you can ask again from {{.Next}}. To talk about it sooner, write to a coordinator directly."}
	msgNotEnrolled      = &i18n.Message{ID: "app.enroll.not_enrolled", Other: "You are not a member of {{.Program}}. Join it first with /mentor join {{.Slug}}."}
	msgUserNotEnrolled  = &i18n.Message{ID: "app.enroll.user_not_enrolled", Other: "That person has no request or enrollment in {{.Program}}."}
	msgNotPending       = &i18n.Message{ID: "app.enroll.not_pending", Other: "That request is no longer waiting: its status is {{.Status}}."}
	msgAlreadyPaused    = &i18n.Message{ID: "app.enroll.already_paused", Other: "Your participation in {{.Program}} is already paused."}
	msgNotPaused        = &i18n.Message{ID: "app.enroll.not_paused", Other: "Your participation in {{.Program}} is not paused."}
	msgPendingNoPause   = &i18n.Message{ID: "app.enroll.pending_no_pause", Other: "Your request to join {{.Program}} is still waiting for a coordinator; there is nothing to pause yet."}
	msgPastDate         = &i18n.Message{ID: "app.enroll.past_date", Other: "{{.Value}} is not in the future; give a later date as YYYY-MM-DD or leave it empty to pause until you resume."}
	msgLeftTheTeam      = &i18n.Message{ID: "app.enroll.left_the_team", Other: "That person is no longer a member of this team, so they cannot be approved; decline the request instead."}
	msgPauseTooLong     = &i18n.Message{ID: "app.enroll.pause_too_long", Other: "{{.Value}} is more than a year away; pause until {{.Max}} at the latest, or leave the date empty to pause until you resume."}
)

// MaxGoalsLength bounds the free-text goals of an enrollment.
const MaxGoalsLength = 1000

// RequestCooldown is how long a member waits before asking again to join a
// program that needs approval, so that coordinators are not asked over and over.
const RequestCooldown = 7 * 24 * time.Hour

// maxPause bounds a dated pause; longer breaks are a pause without a date.
const maxPause = 366 * 24 * time.Hour

// JoinInput is what a member says when joining.
type JoinInput struct {
	Role     string `json:"role"`
	Capacity int    `json:"capacity"`
	Goals    string `json:"goals"`
}

// JoinResult tells whether the join created or reactivated an enrollment.
type JoinResult struct {
	Enrollment *domain.Enrollment `json:"enrollment"`
	Created    bool               `json:"created"`
}

// Membership is one of a user's programs with their enrollment in it.
type Membership struct {
	Program    *domain.Program    `json:"program"`
	Enrollment *domain.Enrollment `json:"enrollment"`
}

// Enrollments handles joining, leaving, pausing and approving.
type Enrollments struct {
	// afterJoin runs once a member's enrollment is first committed active: an
	// automatic program matches them at once (set by NewServices).
	afterJoin func(p *domain.Program, e *domain.Enrollment)
	// afterLeave ends the matches and requests of a member who left (set by
	// NewServices).
	afterLeave func(p *domain.Program, e *domain.Enrollment)
	store      *store.Store
	perms      *Permissions
	programs   *Programs
	deps       Deps
}

func (s *Enrollments) validateJoin(p *domain.Program, in JoinInput) (JoinInput, error) {
	in.Role = strings.ToLower(strings.TrimSpace(in.Role))
	if in.Role == "" && p.Kind == domain.KindCircles {
		in.Role = domain.RolePeer
	}
	switch {
	case in.Role == "":
		return in, invalid("role", msgRoleRequired, nil)
	case !domain.Contains(domain.Roles, in.Role):
		return in, invalid("role", msgBadRole, map[string]any{"Value": in.Role})
	case p.Kind == domain.KindCircles && in.Role != domain.RolePeer:
		return in, invalid("role", msgPeerOnly, map[string]any{"Program": p.Name})
	}
	takesMentees := in.Role == domain.RoleMentor || in.Role == domain.RoleBoth
	switch {
	case !takesMentees && in.Capacity != 0:
		return in, invalid("capacity", msgCapacityNoMentor, map[string]any{"Role": i18n.Role(in.Role)})
	case !takesMentees:
	case in.Capacity == 0:
		in.Capacity = domain.DefaultMentorCapacity
	case in.Capacity < 1 || in.Capacity > domain.MaxMentorCapacity:
		return in, invalid("capacity", msgBadCapacity, map[string]any{"Max": domain.MaxMentorCapacity})
	}
	in.Goals = domain.NormalizeNewlines(strings.TrimSpace(in.Goals))
	if n := utf8.RuneCountInString(in.Goals); n > MaxGoalsLength {
		return in, invalid("goals", msgGoalsTooLong, map[string]any{"Length": n, "Max": MaxGoalsLength})
	}
	if domain.HasControlCharacters(in.Goals, true) {
		return in, invalid("goals", msgControlMulti, map[string]any{"Field": i18n.Field("goals")})
	}
	return in, nil
}

// Join enrolls the actor, following the store's multi-key pattern (store/kv.go):
// the member index first, then the enrollment in the actor's memberships as the
// commit point, carrying the announcement the bot owes; then the announcement is
// claimed and sent. Joining again while in the program changes nothing and
// reports Created=false, but finishes what a join that died half way left
// undone. Concurrent joins from several servers make one enrollment and one
// welcome.
func (s *Enrollments) Join(actorID, programID string, in JoinInput) (*JoinResult, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if p.Archived {
		return nil, conflict("", msgArchived, map[string]any{"Program": p.Name})
	}
	coordinator := s.perms.CanCoordinate(actorID, p)
	if p.EnrollmentMode == domain.EnrollmentInvite && !coordinator {
		return nil, forbidden(msgInviteOnly, map[string]any{"Program": p.Name})
	}
	in, err = s.validateJoin(p, in)
	if err != nil {
		return nil, err
	}
	needsApproval := p.EnrollmentMode == domain.EnrollmentApproval && !coordinator

	// The roster lists the member before the enrollment commits (store/kv.go,
	// point 2), with the state this join intends.
	page, listed, err := s.listBeforeJoin(p, actorID, in, needsApproval)
	if err != nil {
		return nil, err
	}
	var created bool
	var enrollment *domain.Enrollment
	_, err = s.store.UpdateMemberships(actorID, func(m *store.Memberships) error {
		created = false // this closure may run again after a lost race
		now := s.deps.Now().UTC()
		old, exists := m.Enrollments[p.ID]
		if exists && old.InProgram() {
			enrollment = old
			if old.ResumeIfDue(now) {
				return nil
			}
			return store.ErrUnchanged
		}
		e := newEnrollment(p, actorID, in, now)
		e.RosterPage, e.Listed = page, listed
		if exists {
			carryMatches(old, e) // places, requests and blocks outlive a leave
		}
		if needsApproval {
			if exists && now.Sub(old.RequestedAt) < RequestCooldown {
				return conflict("", msgRequestTooSoon, map[string]any{"Program": p.Name,
					"Last": old.RequestedAt.Format(time.DateOnly), "Next": old.RequestedAt.Add(RequestCooldown).Format(time.DateOnly)})
			}
			e.Status, e.Announce, e.RequestedAt = domain.StatusPending, domain.AnnounceRequest, now
		}
		m.Enrollments[p.ID] = e
		enrollment, created = e, true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if created {
		if err := s.refuseIfArchivedMeanwhile(p.ID, actorID); err != nil {
			return nil, err
		}
		if s.afterJoin != nil && enrollment.Status == domain.StatusActive {
			s.afterJoin(p, enrollment)
		}
	}
	if enrollment.Announce == "" {
		return &JoinResult{Enrollment: enrollment, Created: created}, nil // nothing owed
	}
	sent, err := s.announce(p, actorID)
	if err != nil {
		return nil, err // the retry finds the announcement still owed
	}
	if sent {
		s.deps.Notifier.Changed(p.ID, append([]string{actorID}, p.Coordinators...)...)
	}
	return &JoinResult{Enrollment: enrollment, Created: created}, nil
}

// refuseIfArchivedMeanwhile undoes a join that committed while another server
// archived the program: the program was read before the enrollment was written,
// on another key, so the join could not see the archive. Reading the program
// again after the commit closes that window: an archive that lands later sees
// the enrollment, and this check sees every archive that landed before.
func (s *Enrollments) refuseIfArchivedMeanwhile(programID, userID string) error {
	p, err := s.store.GetProgram(programID)
	if err != nil || !p.Archived {
		return err
	}
	_, err = s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		e, ok := m.Enrollments[programID]
		if !ok || !e.InProgram() {
			return store.ErrUnchanged
		}
		e.Status, e.Announce, e.UpdatedAt = domain.StatusLeft, "", s.deps.Now().UTC()
		return nil
	})
	if err != nil {
		return err
	}
	return conflict("", msgArchived, map[string]any{"Program": p.Name})
}

// announce sends what the bot owes about the user's enrollment in p, once: the
// claim clears the announcement with compare-and-set, and only the caller whose
// claim wins sends. It reports whether it sent anything; a claim that could not
// be written is an error, and the announcement stays owed for the retry.
func (s *Enrollments) announce(p *domain.Program, userID string) (bool, error) {
	var owed string
	var claimed domain.Enrollment
	_, err := s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		owed = ""
		e, ok := m.Enrollments[p.ID]
		if !ok || e.Announce == "" {
			return store.ErrUnchanged
		}
		owed, e.Announce = e.Announce, ""
		claimed = *e
		return nil
	})
	if err != nil || owed == "" {
		return false, err
	}
	p = s.withActiveCoordinators(p)
	switch owed {
	case domain.AnnounceWelcome:
		s.deps.Notifier.Welcome(p, &claimed)
	case domain.AnnounceRequest:
		s.afterRequestSent(p, userID, s.deps.Notifier.ApprovalRequested(p, &claimed))
	case domain.AnnounceDeclined:
		s.deps.Notifier.RequestDeclined(p, &claimed)
	}
	return true, nil
}

// withActiveCoordinators is p as the bot presents it: only the coordinators who
// are still in the team are named and asked.
func (s *Enrollments) withActiveCoordinators(p *domain.Program) *domain.Program {
	shown := *p
	shown.Coordinators = nil
	for _, id := range p.Coordinators {
		if s.deps.Directory.IsTeamMember(id, p.TeamID) {
			shown.Coordinators = append(shown.Coordinators, id)
		}
	}
	return &shown
}

// afterRequestSent records, best effort, what sending a request left behind:
// the coordinators' request DMs, so that a decision made anywhere (a button, the
// sidebar, a command) can update them all; or, when no coordinator could be
// asked (every DM failed), the request owed again for the member's next attempt.
// Nothing is written once the request is no longer waiting. If this write is
// lost, a stale button answers "no longer waiting".
func (s *Enrollments) afterRequestSent(p *domain.Program, userID string, posts []domain.RequestPost) {
	if len(posts) == 0 && len(p.Coordinators) == 0 {
		return // nobody to ask: the member was told so
	}
	_, _ = s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		e, ok := m.Enrollments[p.ID]
		switch {
		case !ok || e.Status != domain.StatusPending:
			return store.ErrUnchanged
		case len(posts) > 0:
			e.RequestPosts = posts
		case e.Announce == "":
			e.Announce = domain.AnnounceRequest
		default:
			return store.ErrUnchanged
		}
		return nil
	})
}

// changeOwn applies change to the actor's own enrollment in the program.
func (s *Enrollments) changeOwn(actorID, programID string, change func(p *domain.Program, e *domain.Enrollment) error) (*domain.Enrollment, error) {
	p, err := s.programs.getOwn(actorID, programID)
	if err != nil {
		return nil, err
	}
	return s.change(p, actorID, msgNotEnrolled, false, change)
}

// change applies a change to one enrollment with one compare-and-set of its
// user's memberships; a pause whose date has come is ended first. An enrollment
// that left or was declined counts as missing unless includeGone is set.
func (s *Enrollments) change(p *domain.Program, userID string, missing *i18n.Message, includeGone bool, change func(p *domain.Program, e *domain.Enrollment) error) (*domain.Enrollment, error) {
	var changed *domain.Enrollment
	owed := false // the bot owes a message about this enrollment
	_, err := s.store.UpdateMemberships(userID, func(m *store.Memberships) error {
		e, ok := m.Enrollments[p.ID]
		if !ok || (!e.InProgram() && !includeGone) {
			return notFound(missing, map[string]any{"Program": p.Name, "Slug": p.Slug})
		}
		owed = e.Announce != ""
		now := s.deps.Now().UTC()
		e.ResumeIfDue(now)
		if err := change(p, e); err != nil {
			return err
		}
		e.UpdatedAt = now
		changed, owed = e, e.Announce != ""
		return nil
	})
	if err != nil {
		// A refused change (say, deciding a request that an earlier attempt
		// already decided) still finishes what that attempt left owed.
		var appErr *Error
		if owed && errors.As(err, &appErr) {
			_, _ = s.announce(p, userID)
		}
		return nil, err
	}
	if owed {
		if _, err := s.announce(p, userID); err != nil {
			return nil, err
		}
	}
	if err := s.relist(p.ID, userID); err != nil {
		return nil, err // committed; the retry finds nothing to change and lists again
	}
	s.deps.Notifier.Changed(p.ID, append([]string{userID}, p.Coordinators...)...)
	return changed, nil
}

// Leave ends the actor's participation. Their record stays, marked left, so that
// history and a later rejoin keep working. Leaving while a request waits
// withdraws it, and the coordinators' request DMs say so.
func (s *Enrollments) Leave(actorID, programID string) (*domain.Enrollment, error) {
	var requestPosts []domain.RequestPost
	var p *domain.Program
	e, err := s.changeOwn(actorID, programID, func(program *domain.Program, e *domain.Enrollment) error {
		p = program
		requestPosts, e.RequestPosts = e.RequestPosts, nil
		e.Status, e.PausedUntil, e.Announce = domain.StatusLeft, "", ""
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.deps.Notifier.RequestDecided(p, e, actorID, requestPosts)
	if s.afterLeave != nil {
		s.afterLeave(p, e)
	}
	return e, nil
}

// carryMatches keeps what an enrollment says about matches when it is made
// anew (a rejoin, an invite after leaving): the places its matches hold, its
// open requests, its ended matches and the partners it must never meet again.
// A match that survived the leave still counts against the capacity.
func carryMatches(old, e *domain.Enrollment) {
	e.Mentors, e.Mentees = old.Mentors, old.Mentees
	e.Requests, e.Incoming = old.Requests, old.Incoming
	e.Ended, e.Blocked = old.Ended, old.Blocked
}

// Pause stops the actor's participation until the given date (YYYY-MM-DD, UTC;
// the pause ends by itself on that day) or, with an empty date, until they resume.
func (s *Enrollments) Pause(actorID, programID, until string) (*domain.Enrollment, error) {
	until = strings.TrimSpace(until)
	if until != "" {
		day, ok := domain.ParseDate(until)
		now := s.deps.Now().UTC()
		switch {
		case !ok:
			return nil, invalid("until", msgBadDate, dateData(until))
		case !day.After(now):
			return nil, invalid("until", msgPastDate, map[string]any{"Value": until})
		case day.Sub(now) > maxPause:
			return nil, invalid("until", msgPauseTooLong, map[string]any{"Value": until, "Max": now.Add(maxPause).Format(time.DateOnly)})
		}
	}
	return s.changeOwn(actorID, programID, func(p *domain.Program, e *domain.Enrollment) error {
		switch e.Status {
		case domain.StatusPaused:
			return conflict("", msgAlreadyPaused, map[string]any{"Program": p.Name})
		case domain.StatusPending:
			return conflict("", msgPendingNoPause, map[string]any{"Program": p.Name})
		}
		e.Status, e.PausedUntil = domain.StatusPaused, until
		return nil
	})
}

// Resume reactivates a paused participation.
func (s *Enrollments) Resume(actorID, programID string) (*domain.Enrollment, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	var wasPaused bool
	e, err := s.change(p, actorID, msgNotEnrolled, false, func(_ *domain.Program, e *domain.Enrollment) error {
		wasPaused = e.Status == domain.StatusPaused
		if !wasPaused {
			return store.ErrUnchanged
		}
		e.Status, e.PausedUntil = domain.StatusActive, ""
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !wasPaused {
		// Also when the pause had ended by its date: nothing to resume.
		return nil, conflict("", msgNotPaused, map[string]any{"Program": p.Name})
	}
	return e, nil
}

// Members lists the program's enrollments for its coordinators and admins,
// oldest first.
func (s *Enrollments) Members(actorID, programID string) ([]*domain.Enrollment, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	var members []*domain.Enrollment
	for _, entry := range roster.Entries {
		m, err := s.store.GetMemberships(entry.UserID)
		if err != nil {
			return nil, err
		}
		if e, ok := m.Enrollments[p.ID]; ok {
			members = append(members, e)
		}
	}
	now := s.deps.Now()
	for _, e := range members {
		e.ResumeIfDue(now)
	}
	slices.SortFunc(members, func(a, b *domain.Enrollment) int {
		if c := a.JoinedAt.Compare(b.JoinedAt); c != 0 {
			return c
		}
		return strings.Compare(a.UserID, b.UserID)
	})
	return members, nil
}

// Decide approves or declines a pending request (coordinators and admins).
func (s *Enrollments) Decide(actorID, programID, userID string, approve bool) (*domain.Enrollment, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	approvable := !approve || s.deps.Directory.IsTeamMember(userID, p.TeamID)
	var requestPosts []domain.RequestPost
	e, err := s.change(p, userID, msgUserNotEnrolled, true, func(_ *domain.Program, e *domain.Enrollment) error {
		switch {
		case e.Status != domain.StatusPending:
			return conflict("", msgNotPending, map[string]any{"Status": i18n.Value(e.Status)})
		case p.Archived && approve:
			return conflict("", msgArchived, map[string]any{"Program": p.Name})
		case !approvable:
			return conflict("", msgLeftTheTeam, nil)
		}
		e.Status, e.Announce = domain.StatusDeclined, domain.AnnounceDeclined
		if approve {
			e.Status, e.Announce = domain.StatusActive, domain.AnnounceWelcome
		}
		requestPosts, e.RequestPosts = e.RequestPosts, nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.deps.Notifier.RequestDecided(p, e, actorID, requestPosts)
	if approve && s.afterJoin != nil {
		s.afterJoin(p, e) // an approved mentee of an automatic program is matched now
	}
	return e, nil
}

// ByProgram returns the actor's enrollments keyed by program id, with one read:
// for screens that already have the programs in hand.
func (s *Enrollments) ByProgram(actorID string) (map[string]*domain.Enrollment, error) {
	m, err := s.store.GetMemberships(actorID)
	if err != nil {
		return nil, err
	}
	now := s.deps.Now()
	for _, e := range m.Enrollments {
		e.ResumeIfDue(now)
	}
	return m.Enrollments, nil
}

// Mine lists the actor's enrollments with their programs, for the sidebar: one
// read of the actor's memberships and one of each team's catalog.
func (s *Enrollments) Mine(actorID string) ([]Membership, error) {
	m, err := s.store.GetMemberships(actorID)
	if err != nil {
		return nil, err
	}
	teams := make([]string, 0, len(m.Enrollments))
	for _, e := range m.Enrollments {
		teams = append(teams, e.TeamID)
	}
	programs, err := s.store.GetPrograms(teams)
	if err != nil {
		return nil, err
	}
	now := s.deps.Now()
	out := make([]Membership, 0, len(m.Enrollments))
	for id, e := range m.Enrollments {
		p, ok := programs[id]
		if !ok || !s.perms.SeesOwnEnrollment(actorID, p) {
			continue
		}
		e.ResumeIfDue(now)
		out = append(out, Membership{Program: p, Enrollment: e})
	}
	slices.SortFunc(out, func(a, b Membership) int { return a.Enrollment.JoinedAt.Compare(b.Enrollment.JoinedAt) })
	return out, nil
}

func newEnrollment(p *domain.Program, userID string, in JoinInput, now time.Time) *domain.Enrollment {
	return &domain.Enrollment{
		SchemaVersion: domain.CurrentSchemaVersion,
		ProgramID:     p.ID, TeamID: p.TeamID, UserID: userID,
		Role: in.Role, Capacity: in.Capacity, Goals: in.Goals,
		Status: domain.StatusActive, Announce: domain.AnnounceWelcome,
		JoinedAt: now, UpdatedAt: now,
	}
}

// listBeforeJoin writes the roster entry a join intends, unless the user is in
// the program already, and returns the page for the enrollment to record.
func (s *Enrollments) listBeforeJoin(p *domain.Program, userID string, in JoinInput, needsApproval bool) (int, bool, error) {
	m, err := s.store.GetMemberships(userID)
	if err != nil {
		return 0, false, err
	}
	old, exists := m.Enrollments[p.ID]
	if exists && old.InProgram() {
		return old.RosterPage, old.Listed, nil
	}
	intended := newEnrollment(p, userID, in, s.deps.Now().UTC())
	if needsApproval {
		intended.Status = domain.StatusPending
	}
	if exists {
		intended.RosterPage, intended.Listed = old.RosterPage, old.Listed
		carryMatches(old, intended)
	}
	page, err := s.list(intended)
	return page, err == nil, err
}
