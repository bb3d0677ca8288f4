package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgRoleRequired    = &i18n.Message{ID: "app.enroll.role_required", Other: "Say how you want to take part: role mentee, mentor, peer or both."}
	msgBadRole         = &i18n.Message{ID: "app.enroll.bad_role", Other: "\"{{.Value}}\" is not a role; use one of: mentee, mentor, peer, both."}
	msgPeerOnly        = &i18n.Message{ID: "app.enroll.peer_only", Other: "{{.Program}} runs peer circles: join as a peer."}
	msgBadCapacity     = &i18n.Message{ID: "app.enroll.bad_capacity", Other: "Capacity is how many mentees you can take: a number from 1 to {{.Max}}."}
	msgGoalsTooLong    = &i18n.Message{ID: "app.enroll.goals_too_long", Other: "Your goals are {{.Length}} characters long; keep them to {{.Max}} or fewer."}
	msgArchived        = &i18n.Message{ID: "app.enroll.archived", Other: "{{.Program}} is archived and takes no new members."}
	msgInviteOnly      = &i18n.Message{ID: "app.enroll.invite_only", Other: "{{.Program}} is invite-only. Ask one of its coordinators to add you."}
	msgNotEnrolled     = &i18n.Message{ID: "app.enroll.not_enrolled", Other: "You are not a member of {{.Program}}. Join it first with /mentor join {{.Slug}}."}
	msgUserNotEnrolled = &i18n.Message{ID: "app.enroll.user_not_enrolled", Other: "That person has no request or enrollment in {{.Program}}."}
	msgNotPending      = &i18n.Message{ID: "app.enroll.not_pending", Other: "That request is no longer waiting: its status is {{.Status}}."}
	msgAlreadyPaused   = &i18n.Message{ID: "app.enroll.already_paused", Other: "Your participation in {{.Program}} is already paused."}
	msgNotPaused       = &i18n.Message{ID: "app.enroll.not_paused", Other: "Your participation in {{.Program}} is not paused."}
	msgPendingNoPause  = &i18n.Message{ID: "app.enroll.pending_no_pause", Other: "Your request to join {{.Program}} is still waiting for a coordinator; there is nothing to pause yet."}
	msgPastDate        = &i18n.Message{ID: "app.enroll.past_date", Other: "{{.Value}} is not in the future; give a later date as YYYY-MM-DD or leave it empty to pause until you resume."}
)

// MaxGoalsLength bounds the free-text goals of an enrollment.
const MaxGoalsLength = 1000

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
	store    *store.Store
	perms    *Permissions
	programs *Programs
	deps     Deps
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
	case !takesMentees:
		in.Capacity = 0
	case in.Capacity == 0:
		in.Capacity = domain.DefaultMentorCapacity
	case in.Capacity < 1 || in.Capacity > domain.MaxMentorCapacity:
		return in, invalid("capacity", msgBadCapacity, map[string]any{"Max": domain.MaxMentorCapacity})
	}
	in.Goals = strings.TrimSpace(in.Goals)
	if n := utf8.RuneCountInString(in.Goals); n > MaxGoalsLength {
		return in, invalid("goals", msgGoalsTooLong, map[string]any{"Length": n, "Max": MaxGoalsLength})
	}
	return in, nil
}

// Join enrolls the actor. Joining again while enrolled changes nothing and reports
// Created=false; the enrollment is written with compare-and-set, so concurrent
// joins from several servers produce one enrollment and one welcome.
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
	status := domain.StatusActive
	if p.EnrollmentMode == domain.EnrollmentApproval && !coordinator {
		status = domain.StatusPending
	}

	var created bool
	roster, err := s.store.UpdateRoster(p.ID, func(r *domain.Roster) error {
		created = false // this closure may run again after a lost race
		if e, ok := r.Members[actorID]; ok && e.Status != domain.StatusLeft && e.Status != domain.StatusDeclined {
			return store.ErrUnchanged
		}
		now := s.deps.Now().UTC()
		r.Members[actorID] = &domain.Enrollment{
			SchemaVersion: domain.CurrentSchemaVersion,
			ProgramID:     p.ID, UserID: actorID,
			Role: in.Role, Capacity: in.Capacity, Goals: in.Goals,
			Status: status, JoinedAt: now, UpdatedAt: now,
		}
		created = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	enrollment := roster.Members[actorID]
	if !created {
		return &JoinResult{Enrollment: enrollment}, nil
	}
	if err := s.store.AddUserProgram(actorID, p.ID); err != nil {
		return nil, err
	}
	if enrollment.Status == domain.StatusPending {
		s.deps.Notifier.ApprovalRequested(p, enrollment)
	} else {
		s.deps.Notifier.Welcome(p, enrollment)
	}
	s.deps.Notifier.Changed(p.ID, append([]string{actorID}, p.Coordinators...)...)
	return &JoinResult{Enrollment: enrollment, Created: true}, nil
}

// changeOwn applies change to the actor's own enrollment in the program.
func (s *Enrollments) changeOwn(actorID, programID string, change func(p *domain.Program, e *domain.Enrollment) error) (*domain.Enrollment, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	return s.change(p, actorID, msgNotEnrolled, change)
}

func (s *Enrollments) change(p *domain.Program, userID string, missing *i18n.Message, change func(p *domain.Program, e *domain.Enrollment) error) (*domain.Enrollment, error) {
	roster, err := s.store.UpdateRoster(p.ID, func(r *domain.Roster) error {
		e, ok := r.Members[userID]
		if !ok || e.Status == domain.StatusLeft || e.Status == domain.StatusDeclined {
			return notFound(missing, map[string]any{"Program": p.Name, "Slug": p.Slug})
		}
		if err := change(p, e); err != nil {
			return err
		}
		e.UpdatedAt = s.deps.Now().UTC()
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.deps.Notifier.Changed(p.ID, append([]string{userID}, p.Coordinators...)...)
	return roster.Members[userID], nil
}

// Leave ends the actor's participation. Their record stays, marked left, so that
// history and a later rejoin keep working.
func (s *Enrollments) Leave(actorID, programID string) (*domain.Enrollment, error) {
	return s.changeOwn(actorID, programID, func(_ *domain.Program, e *domain.Enrollment) error {
		e.Status, e.PausedUntil = domain.StatusLeft, ""
		return nil
	})
}

// Pause stops the actor's participation until the given date (YYYY-MM-DD, UTC) or,
// with an empty date, until they resume.
func (s *Enrollments) Pause(actorID, programID, until string) (*domain.Enrollment, error) {
	until = strings.TrimSpace(until)
	if until != "" {
		day, err := time.Parse(time.DateOnly, until)
		if err != nil {
			return nil, invalid("until", msgBadDate, map[string]any{"Value": until})
		}
		if !day.After(s.deps.Now().UTC()) {
			return nil, invalid("until", msgPastDate, map[string]any{"Value": until})
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
	return s.changeOwn(actorID, programID, func(p *domain.Program, e *domain.Enrollment) error {
		if e.Status != domain.StatusPaused {
			return conflict("", msgNotPaused, map[string]any{"Program": p.Name})
		}
		e.Status, e.PausedUntil = domain.StatusActive, ""
		return nil
	})
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
	roster, err := s.store.GetRoster(p.ID)
	if err != nil {
		return nil, err
	}
	members := make([]*domain.Enrollment, 0, len(roster.Members))
	for _, e := range roster.Members {
		members = append(members, e)
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
	e, err := s.change(p, userID, msgUserNotEnrolled, func(_ *domain.Program, e *domain.Enrollment) error {
		if e.Status != domain.StatusPending {
			return conflict("", msgNotPending, map[string]any{"Status": e.Status})
		}
		e.Status = domain.StatusDeclined
		if approve {
			e.Status = domain.StatusActive
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if approve {
		s.deps.Notifier.Welcome(p, e)
	} else {
		s.deps.Notifier.RequestDeclined(p, e)
	}
	return e, nil
}

// Mine lists the actor's enrollments with their programs, for the sidebar.
func (s *Enrollments) Mine(actorID string) ([]Membership, error) {
	ids, err := s.store.GetUserPrograms(actorID)
	if err != nil {
		return nil, err
	}
	out := make([]Membership, 0, len(ids))
	for _, id := range ids {
		p, err := s.store.GetProgram(id)
		if err != nil {
			continue // removed or not yet written
		}
		roster, err := s.store.GetRoster(id)
		if err != nil {
			return nil, err
		}
		if e, ok := roster.Members[actorID]; ok {
			out = append(out, Membership{Program: p, Enrollment: e})
		}
	}
	return out, nil
}
