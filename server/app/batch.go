package app

import (
	"crypto/sha256"
	"encoding/base32"
	"slices"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgBadPolicy        = &i18n.Message{ID: "app.preview.bad_policy", Other: "\"{{.Value}}\" is not a policy; use participation (match as many as possible) or quality (only pairs at or above the minimum score)."}
	msgBadMinScore      = &i18n.Message{ID: "app.preview.bad_min_score", Other: "The minimum score must be between -1000000 and 1000000."}
	msgNoPreview        = &i18n.Message{ID: "app.preview.none", Other: "{{.Program}} has no preview yet; run /mentor match preview {{.Slug}} first."}
	msgPreviewReplaced  = &i18n.Message{ID: "app.preview.replaced", Other: "That preview was replaced by a newer one; publish the latest preview (/mentor match preview {{.Slug}} shows it)."}
	msgPreviewStale     = &i18n.Message{ID: "app.preview.stale", Other: "The members of {{.Program}} changed since this preview was computed, so it was not published. Run a fresh preview (/mentor match preview {{.Slug}}) and publish that."}
	msgAlreadyPublished = &i18n.Message{ID: "app.preview.already_published", Other: "This preview was already published; run a fresh preview to match the people still waiting."}
	msgPublishingNow    = &i18n.Message{ID: "app.preview.publishing_now", Other: "The latest preview of {{.Program}} is being published right now; run a new preview once it is done (you will get a message)."}
	msgPairSamePerson   = &i18n.Message{ID: "app.pair.same_person", Other: "A mentee and a mentor must be two different people."}
	msgPairNotMentee    = &i18n.Message{ID: "app.pair.not_mentee", Other: "That mentee is not an active mentee of {{.Program}}."}
	msgPairExcludedAsk  = &i18n.Message{ID: "app.pair.excluded", Other: "A matching rule of {{.Program}} keeps these two apart (an earlier match, a \"don't match\" choice or a reporting line). Add --override to pair them anyway."}
	msgPairMenteeTaken  = &i18n.Message{ID: "app.pair.mentee_taken", Other: "That mentee already has a mentor or a proposal waiting in {{.Program}}."}
	msgPairMentorFull   = &i18n.Message{ID: "app.pair.mentor_full", Other: "That mentor has no free capacity in {{.Program}}."}
)

// publishLease is how long a publisher's claim on a preview holds before
// another node may take over publishing it.
const publishLease = 5 * time.Minute

// proposalID names the match a preview proposes for a mentee: the same id on
// every attempt, so a publish that runs twice finds its own proposals.
func proposalID(previewID, menteeID string) string {
	sum := sha256.Sum256([]byte(previewID + "/" + menteeID))
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:]))[:26]
}

// createProposal proposes a pair: the draft is written, the mentee's place
// and the mentor's slot are taken (each a compare-and-set that refuses a full
// side), and the proposal commits. A retry with the same id resumes.
func (s *Matches) createProposal(p *domain.Program, draft *domain.Match) (*domain.Match, error) {
	if err := s.safetyNet(draft.ID); err != nil {
		return nil, err
	}
	created, err := s.store.CreateMatch(draft)
	if err != nil {
		return nil, err
	}
	if !created {
		existing, err := s.store.GetMatch(draft.ID)
		if err != nil {
			return nil, err
		}
		switch existing.Status {
		case domain.MatchDraft:
		case domain.MatchVoid:
			return nil, conflict("", msgPairMenteeTaken, map[string]any{"Program": p.Name})
		default:
			return existing, nil // published by an earlier attempt
		}
	}
	now := s.now()
	l := newLookup(s.store)
	// The pair rules are checked again on the authoritative enrollments: the
	// roster a preview read may be behind (unless a coordinator overrode them).
	menteeCheck := func(e *domain.Enrollment) error {
		if err := activeMentee(e); err != nil {
			return err
		}
		if !draft.Override && slices.Contains(e.Blocked, draft.MentorID) {
			return conflict("", msgPairExcludedAsk, map[string]any{"Program": p.Name})
		}
		return nil
	}
	err = s.reserve(l, p.ID, draft.MenteeID, menteeSide, domain.MatchRef{ID: draft.ID, At: now, With: draft.MentorID},
		func(*domain.Enrollment) int { return 1 }, menteeCheck)
	if err != nil {
		s.void(draft.ID)
		return nil, s.proposalError(p, err, msgPairMenteeTaken)
	}
	err = s.reserve(l, p.ID, draft.MentorID, mentorSide, domain.MatchRef{ID: draft.ID, At: now, With: draft.MenteeID},
		(*domain.Enrollment).MentorCapacity, activeMentor)
	if err != nil {
		_ = s.release(p.ID, draft.MenteeID, menteeSide, draft.ID, nil)
		s.void(draft.ID)
		return nil, s.proposalError(p, err, msgPairMentorFull)
	}
	expires := now.Add(s.settings(p).RequestExpiry())
	// The expiry and its reminder are scheduled before the commit: a proposal
	// must never outlive a node that dies right after committing it.
	if err := s.scheduleExpiry(p, &domain.Match{ID: draft.ID, ExpiresAt: expires}); err != nil {
		return nil, err
	}
	proposed, err := s.store.UpdateMatch(draft.ID, func(cur *domain.Match) error {
		if cur.Status != domain.MatchDraft {
			return store.ErrUnchanged
		}
		cur.Status, cur.ExpiresAt, cur.UpdatedAt = domain.MatchProposed, expires, now
		cur.Owed = []string{domain.OweProposal}
		cur.History = append(cur.History, domain.MatchEvent{At: now, By: cur.CreatedBy, Status: domain.MatchProposed})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if proposed.Status != domain.MatchProposed {
		// Voided by a racing attempt (or already past its answer): not published.
		return nil, conflict("", msgPairMenteeTaken, map[string]any{"Program": p.Name})
	}
	return proposed, nil
}

func activeMentee(e *domain.Enrollment) error {
	if e.Status != domain.StatusActive || !e.IsMentee() {
		return errNoPlace
	}
	return nil
}

func (s *Matches) proposalError(p *domain.Program, err error, full *i18n.Message) error {
	if errors.Is(err, errNoPlace) || errors.Is(err, errNotInProgram) {
		return conflict("", full, map[string]any{"Program": p.Name})
	}
	return err
}

// void marks a draft that could not take its places; its reservations lapse.
func (s *Matches) void(matchID string) {
	_, _ = s.store.UpdateMatch(matchID, func(cur *domain.Match) error {
		if cur.Status != domain.MatchDraft {
			return store.ErrUnchanged
		}
		cur.Status = domain.MatchVoid
		return nil
	})
}

// newDraft is a proposal before it takes its places.
func (s *Matches) newDraft(p *domain.Program, id, menteeID, mentorID, origin, by string, score int64, reasons []matching.Reason) *domain.Match {
	now := s.now()
	return &domain.Match{
		ID: id, ProgramID: p.ID, TeamID: p.TeamID, MenteeID: menteeID, MentorID: mentorID,
		Origin: origin, Status: domain.MatchDraft, Score: score, Reasons: reasons,
		CreatedBy: by, CreatedAt: now, UpdatedAt: now,
	}
}

// coordinated returns the program for an action of its coordinators (and
// system admins), refusing anyone else.
func (s *Matches) coordinated(actorID, programID string) (*domain.Program, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	return p, nil
}

// Pair proposes a mentee and a mentor by hand (coordinators). The engine's
// constraints apply unless override is set.
func (s *Matches) Pair(actorID, programID, menteeID, mentorID string, override bool) (*domain.Match, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	if p.Archived {
		return nil, conflict("", msgArchivedNoMatches, map[string]any{"Program": p.Name})
	}
	if menteeID == mentorID {
		return nil, invalid("mentor_id", msgPairSamePerson, nil)
	}
	mentee := s.enrollmentOf(p.ID, menteeID)
	if mentee == nil || mentee.Status != domain.StatusActive || !mentee.IsMentee() {
		return nil, invalid("mentee_id", msgPairNotMentee, map[string]any{"Program": p.Name})
	}
	pl, err := s.pool(p)
	if err != nil {
		return nil, err
	}
	mentor, err := s.requestableMentor(p, mentorID)
	if err != nil {
		return nil, err
	}
	menteeEntry, err := s.enrollments.rosterEntry(mentee)
	if err != nil {
		return nil, err
	}
	score, reasons, err := s.explainPair(pl, menteeEntry, mentor)
	if err != nil {
		if !override {
			return nil, conflict("", msgPairExcludedAsk, map[string]any{"Program": p.Name})
		}
		score, reasons = 0, nil
	}
	draft := s.newDraft(p, s.deps.NewID(), menteeID, mentorID, domain.OriginManual, actorID, score, reasons)
	draft.Override = override && err != nil
	proposed, err := s.createProposal(p, draft)
	if err != nil {
		return nil, err
	}
	s.afterPlacesChanged(p, proposed)
	_ = s.finish(proposed.ID)
	return proposed, nil
}

// matchNewcomer proposes the best mentor with free capacity to a mentee who
// just joined an automatic program. Best effort: a mentee it cannot match now
// stays waiting, and sees suggestions.
func (s *Matches) matchNewcomer(p *domain.Program, e *domain.Enrollment) {
	if p.MatchingMode != domain.MatchingAutomatic || !e.IsMentee() || p.Archived {
		return
	}
	pl, err := s.pool(p)
	if err != nil {
		return
	}
	me, mine, err := s.menteeEntry(e.UserID, p, pl)
	if err != nil {
		return
	}
	best, err := s.suggestFor(pl, me, mine, 1)
	if err != nil || len(best) == 0 {
		return
	}
	draft := s.newDraft(p, proposalID("automatic/"+e.JoinedAt.Format(time.RFC3339Nano), e.UserID),
		e.UserID, best[0].MentorID, domain.OriginAutomatic, e.UserID, best[0].Score, best[0].Reasons)
	proposed, err := s.createProposal(p, draft)
	if err != nil {
		return
	}
	s.afterPlacesChanged(p, proposed)
	_ = s.finish(proposed.ID)
}

// ProgramMatches returns a page of the program's live matches (coordinators):
// the matches of one page of mentees who have one.
func (s *Matches) ProgramMatches(actorID, programID string, page int) ([]*domain.Match, int, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, 0, err
	}
	if page < 0 {
		return nil, 0, invalid("page", msgBadPage, map[string]any{"Value": page})
	}
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, 0, err
	}
	var matched []*store.RosterEntry
	for _, e := range roster.Entries {
		if e.MenteeLoad > 0 {
			matched = append(matched, e)
		}
	}
	pages := (len(matched) + MemberPageSize - 1) / MemberPageSize
	out := []*domain.Match{}
	l := newLookup(s.store)
	from := page * MemberPageSize
	for _, entry := range matched[min(from, len(matched)):min(len(matched), from+MemberPageSize)] {
		e := s.enrollmentOf(p.ID, entry.UserID)
		if e == nil {
			continue
		}
		for _, ref := range e.Mentors {
			m, err := l.get(ref.ID)
			if err != nil {
				return nil, 0, err
			}
			if m != nil && m.Live() {
				out = append(out, m)
			}
		}
	}
	return out, pages, nil
}
