package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgMatchNotFound    = &i18n.Message{ID: "app.match.not_found", Other: "There is no such match, or it is not yours to see."}
	msgNotYourAnswer    = &i18n.Message{ID: "app.match.not_your_answer", Other: "This question is for someone else: only the people it was sent to can answer it."}
	msgAlreadyAnswered  = &i18n.Message{ID: "app.match.already_answered", Other: "You already accepted; the match starts as soon as the other person accepts too."}
	msgAlreadyActive    = &i18n.Message{ID: "app.match.already_active", Other: "This match is already active: nothing to accept."}
	msgNoLongerOpen     = &i18n.Message{ID: "app.match.no_longer_open", Other: "This is no longer waiting for an answer: it is {{.Status}}."}
	msgRequestExpired   = &i18n.Message{ID: "app.match.expired", Other: "This request expired on {{.When}} (UTC) without an answer."}
	msgYouAreFull       = &i18n.Message{ID: "app.match.you_are_full", Other: "You already mentor {{.Capacity}} people in {{.Program}}, your capacity. End a match or raise your capacity (/mentor join {{.Slug}} --role mentor --capacity N) to accept more."}
	msgMenteeTaken      = &i18n.Message{ID: "app.match.mentee_taken", Other: "This mentee has meanwhile been matched with another mentor, so the request was closed."}
	msgNotInPair        = &i18n.Message{ID: "app.match.not_in_pair", Other: "Only the two people of this match or a coordinator of {{.Program}} can change it."}
	msgNotPausable      = &i18n.Message{ID: "app.match.not_pausable", Other: "Only an active match can be paused; this one is {{.Status}}."}
	msgNotResumable     = &i18n.Message{ID: "app.match.not_resumable", Other: "Only a paused match can be resumed; this one is {{.Status}}."}
	msgNotEndable       = &i18n.Message{ID: "app.match.not_endable", Other: "This match is {{.Status}}, so there is nothing to end."}
	msgBadOutcome       = &i18n.Message{ID: "app.match.bad_outcome", Other: "\"{{.Value}}\" is not an outcome; use completed or cancelled."}
	msgReasonRequired   = &i18n.Message{ID: "app.match.reason_required", Other: "Say briefly why the match is cancelled; coordinators read it, the other person does not."}
	msgReasonTooLong    = &i18n.Message{ID: "app.match.reason_too_long", Other: "The reason is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgNotEndedYet      = &i18n.Message{ID: "app.match.not_ended", Other: "The exit survey opens once the match has ended."}
	msgBadRating        = &i18n.Message{ID: "app.match.bad_rating", Other: "Rate the match from 1 (poor) to 5 (excellent)."}
	msgSurveyTooLong    = &i18n.Message{ID: "app.match.survey_too_long", Other: "Your comment is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgNotYourSurvey    = &i18n.Message{ID: "app.match.not_your_survey", Other: "Only the two people of a match answer its exit survey."}
	msgNotWithdrawable  = &i18n.Message{ID: "app.match.not_withdrawable", Other: "Only a request still waiting for the mentor can be withdrawn; this one is {{.Status}}."}
	msgControlCharsText = &i18n.Message{ID: "app.match.control_chars", Other: "The text contains control characters; type it again without them."}
)

// Limits on the text people write into a match.
const (
	MaxEndReason  = 500
	MaxSurveyText = 2000
)

// Matches runs the life of a match: self-serve requests, proposals, answers,
// the pair's channel, pause, end and the exit survey.
type Matches struct {
	store       *store.Store
	perms       *Permissions
	programs    *Programs
	enrollments *Enrollments
	deps        Deps
	// afterEnd cancels the sessions still to come of a match that ended (set
	// by NewServices to Sessions.matchEnded).
	afterEnd func(p *domain.Program, m *domain.Match)
	// health recomputes a match's line in the program's health ledger (set by
	// NewServices).
	health *Health
	// afterSettle runs when a match owes nothing more after a change (its
	// health line, its check-ins; set by NewServices). An error leaves the
	// match's safety-net item to try again.
	afterSettle func(m *domain.Match) error
}

func (s *Matches) now() time.Time { return s.deps.Now().UTC() }

// load returns the match and its program, or a not-found error.
func (s *Matches) load(matchID string) (*domain.Match, *domain.Program, error) {
	m, err := s.store.GetMatch(matchID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, notFound(msgMatchNotFound, nil)
	}
	if err != nil {
		return nil, nil, err
	}
	p, err := s.store.GetProgram(m.ProgramID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, notFound(msgMatchNotFound, nil)
	}
	if err != nil {
		return nil, nil, err
	}
	return m, p, nil
}

// settings are the program's matching settings with the console's defaults.
func (s *Matches) settings(p *domain.Program) domain.MatchingSettings {
	return p.Matching.Effective(s.deps.Settings().Matching)
}

// inPairOrCoordinator refuses anyone but the pair and the program's coordinators.
func (s *Matches) inPairOrCoordinator(actorID string, p *domain.Program, m *domain.Match) error {
	if m.Partner(actorID) != "" || s.perms.CanCoordinate(actorID, p) {
		return nil
	}
	return forbidden(msgNotInPair, map[string]any{"Program": p.Name})
}

// Get returns a match to one of its pair or a coordinator of its program.
// The pair sees only their own exit survey.
func (s *Matches) Get(actorID, matchID string) (*domain.Match, error) {
	m, p, err := s.load(matchID)
	if err != nil {
		return nil, err
	}
	if m.Partner(actorID) == "" && !s.perms.CanCoordinate(actorID, p) {
		return nil, notFound(msgMatchNotFound, nil) // do not confirm the match exists
	}
	if m.Status == domain.MatchDraft || m.Status == domain.MatchVoid {
		return nil, notFound(msgMatchNotFound, nil)
	}
	return s.forReader(actorID, p, m), nil
}

// forReader hides what the reader may not see: other people's surveys.
func (s *Matches) forReader(actorID string, p *domain.Program, m *domain.Match) *domain.Match {
	if s.perms.CanCoordinate(actorID, p) {
		return m
	}
	return forPairMember(actorID, m)
}

// forPairMember is a match as one of its pair sees it: their own exit survey
// and the partner's if shared, and neither the reason a match was cancelled
// nor the notes of its history, which are for coordinators.
func forPairMember(actorID string, m *domain.Match) *domain.Match {
	copied := *m
	copied.Surveys = nil
	for author, survey := range m.Surveys {
		if author == actorID || survey.Shared {
			if copied.Surveys == nil {
				copied.Surveys = map[string]domain.Survey{}
			}
			copied.Surveys[author] = survey
		}
	}
	copied.EndReason = ""
	copied.History = make([]domain.MatchEvent, len(m.History))
	for i, event := range m.History {
		event.Note = ""
		copied.History[i] = event
	}
	return &copied
}

// Mine returns the actor's matches in every program of the teams they are in:
// live ones, open requests and proposals to or from them, and recently ended.
func (s *Matches) Mine(actorID string) ([]*domain.Match, error) {
	ms, err := s.store.GetMemberships(actorID)
	if err != nil {
		return nil, err
	}
	l := newLookup(s.store)
	var out []*domain.Match
	seen := map[string]bool{}
	for _, e := range ms.Enrollments {
		if !s.perms.dir.IsTeamMember(actorID, e.TeamID) {
			continue
		}
		for _, refs := range [][]domain.MatchRef{e.Mentors, e.Mentees, e.Requests, e.Incoming, e.Ended} {
			for _, ref := range refs {
				if seen[ref.ID] {
					continue
				}
				seen[ref.ID] = true
				m, err := l.get(ref.ID)
				if err != nil {
					return nil, err
				}
				if m == nil || m.Partner(actorID) == "" || m.Status == domain.MatchDraft || m.Status == domain.MatchVoid {
					continue
				}
				out = append(out, forPairMember(actorID, m))
			}
		}
	}
	slices.SortFunc(out, func(a, b *domain.Match) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out, nil
}

// Answer accepts or declines a proposal or request; only its addressee may
// (both people for a proposal, the mentor for a request). Accepting the last
// missing side makes the match active: the pair's channel and the introduction
// follow.
func (s *Matches) Answer(actorID, matchID string, accept bool) (*domain.Match, error) {
	m, p, err := s.load(matchID)
	if err != nil {
		return nil, err
	}
	if err := s.checkAddressee(actorID, m); err != nil {
		return nil, err
	}
	if !m.Open() {
		_ = s.finish(m.ID) // whatever an interrupted answer left owed
		if m.Status == domain.MatchActive && accept {
			return nil, conflict("", msgAlreadyActive, nil)
		}
		return nil, conflict("", msgNoLongerOpen, map[string]any{"Status": i18n.Value(m.Status)})
	}
	if _, done := m.Accepted[actorID]; done && m.Status == domain.MatchProposed {
		return nil, conflict("", msgAlreadyAnswered, nil)
	}
	if !m.ExpiresAt.IsZero() && !s.now().Before(m.ExpiresAt) {
		_ = s.expire(m.ID)
		return nil, conflict("", msgRequestExpired, map[string]any{"When": m.ExpiresAt.Format("2006-01-02 15:04")})
	}
	if !accept {
		return s.decline(actorID, p, m)
	}
	if m.Status == domain.MatchProposed && len(m.Accepted) == 0 {
		// The first of two yeses: recorded, the match waits for the other.
		waiting, err := s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
			if cur.Status != domain.MatchProposed {
				return conflict("", msgNoLongerOpen, map[string]any{"Status": i18n.Value(cur.Status)})
			}
			if cur.Accepted == nil {
				cur.Accepted = map[string]time.Time{}
			}
			if _, done := cur.Accepted[actorID]; done {
				return store.ErrUnchanged
			}
			cur.Accepted[actorID] = s.now()
			if len(cur.Accepted) < 2 {
				cur.UpdatedAt = s.now()
				return nil
			}
			return errBothAccepted
		})
		if err == nil {
			s.changed(p, waiting)
			return waiting, nil
		}
		if !errors.Is(err, errBothAccepted) {
			return nil, err
		}
	}
	return s.activate(actorID, p, m)
}

// errBothAccepted tells Answer that the other side accepted meanwhile.
var errBothAccepted = errors.New("both accepted")

// checkAddressee refuses anyone but the people a proposal or request asks.
func (s *Matches) checkAddressee(actorID string, m *domain.Match) error {
	switch {
	case m.Status == domain.MatchRequested && actorID == m.MentorID:
		return nil
	case m.Status == domain.MatchRequested && actorID == m.MenteeID:
		return forbidden(msgNotYourAnswer, nil) // the mentee withdraws instead
	case m.Partner(actorID) != "":
		return nil
	}
	return forbidden(msgNotYourAnswer, nil)
}

// activate makes an accepted match active: for a request it first takes the
// mentor's capacity slot and the mentee's place (a proposal holds them since
// it was published), then commits, then does what the match owes.
func (s *Matches) activate(actorID string, p *domain.Program, m *domain.Match) (*domain.Match, error) {
	now := s.now()
	request := m.Status == domain.MatchRequested
	if request {
		if err := s.takePlaces(p, m, now); err != nil {
			return nil, err
		}
	}
	if err := s.safetyNet(m.ID); err != nil {
		return nil, err
	}
	activated, err := s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
		if !cur.Open() {
			return conflict("", msgNoLongerOpen, map[string]any{"Status": i18n.Value(cur.Status)})
		}
		if cur.Accepted == nil {
			cur.Accepted = map[string]time.Time{}
		}
		if _, ok := cur.Accepted[actorID]; !ok {
			cur.Accepted[actorID] = now
		}
		cur.Status, cur.ActivatedAt, cur.UpdatedAt = domain.MatchActive, now, now
		cur.Owed = []string{domain.OweChannel, domain.OweIntro, domain.OweDecided, domain.OweRelist}
		cur.History = append(cur.History, domain.MatchEvent{At: now, By: actorID, Status: domain.MatchActive})
		return nil
	})
	if err != nil {
		if request {
			s.releaseIfClosed(p, m.ID)
		}
		return nil, err
	}
	if request {
		_ = s.release(p.ID, m.MenteeID, requestSide, m.ID, nil)
		_ = s.release(p.ID, m.MentorID, incomingSide, m.ID, nil)
	}
	s.afterPlacesChanged(p, activated)
	_ = s.finish(activated.ID)
	s.closeRequestsAfterMatch(p, activated)
	latest, err := s.store.GetMatch(activated.ID)
	if err != nil {
		return activated, nil //nolint:nilerr // the match is active; the reread only refreshes owed work
	}
	return latest, nil
}

// releaseIfClosed gives back the places an accept took when the request
// closed meanwhile (withdrawn, expired). When another accept of the same
// request activated it first, the places are that match's: they stay.
func (s *Matches) releaseIfClosed(p *domain.Program, matchID string) {
	m, err := s.store.GetMatch(matchID)
	if err != nil || !m.Ended() {
		return // unknown: the reservation lapses by itself if it must
	}
	_ = s.release(p.ID, m.MentorID, mentorSide, m.ID, nil)
	_ = s.release(p.ID, m.MenteeID, menteeSide, m.ID, nil)
}

// takePlaces reserves the mentor's slot and the mentee's place for a request
// being accepted. A full mentor is refused; a mentee matched meanwhile closes
// the request.
func (s *Matches) takePlaces(p *domain.Program, m *domain.Match, now time.Time) error {
	l := newLookup(s.store)
	err := s.reserve(l, p.ID, m.MentorID, mentorSide, domain.MatchRef{ID: m.ID, At: now, With: m.MenteeID},
		(*domain.Enrollment).MentorCapacity, activeMentor)
	if errors.Is(err, errNoPlace) {
		e := s.enrollmentOf(p.ID, m.MentorID)
		capacity := 0
		if e != nil {
			capacity = e.MentorCapacity()
		}
		return conflict("", msgYouAreFull, map[string]any{"Capacity": capacity, "Program": p.Name, "Slug": p.Slug})
	}
	if err != nil {
		return s.placeError(p, err)
	}
	err = s.reserve(l, p.ID, m.MenteeID, menteeSide, domain.MatchRef{ID: m.ID, At: now, With: m.MentorID},
		func(*domain.Enrollment) int { return 1 }, nil)
	if err == nil {
		return nil
	}
	_ = s.release(p.ID, m.MentorID, mentorSide, m.ID, nil)
	if errors.Is(err, errNoPlace) || errors.Is(err, errNotInProgram) {
		_, _ = s.close(p, m.ID, domain.MatchWithdrawn, "", "")
		return conflict("", msgMenteeTaken, nil)
	}
	return s.placeError(p, err)
}

func activeMentor(e *domain.Enrollment) error {
	if e.Status != domain.StatusActive || !e.IsMentor() {
		return errNoPlace
	}
	return nil
}

func (s *Matches) placeError(p *domain.Program, err error) error {
	if errors.Is(err, errNotInProgram) {
		return notFound(msgUserNotEnrolled, map[string]any{"Program": p.Name})
	}
	return err
}

func (s *Matches) enrollmentOf(programID, userID string) *domain.Enrollment {
	m, err := s.store.GetMemberships(userID)
	if err != nil {
		return nil
	}
	return m.Enrollments[programID]
}

// decline closes an open proposal or request with a no, and keeps the pair
// apart from then on.
func (s *Matches) decline(actorID string, p *domain.Program, m *domain.Match) (*domain.Match, error) {
	return s.closeAndBlock(p, m.ID, domain.MatchDeclined, actorID, "", true)
}

// close ends an open match without activating it (declined, expired,
// withdrawn), gives back the places it held and tells the people concerned.
func (s *Matches) close(p *domain.Program, matchID, status, by, note string) (*domain.Match, error) {
	return s.closeAndBlock(p, matchID, status, by, note, false)
}

// Notes of closes the mentee caused, who is therefore not told "it did not go
// ahead" (they withdrew, or were matched with someone else).
const (
	noteMatched = "matched"
	noteLeft    = "left the program"
)

// closeAndBlock is close that can also keep the pair apart from then on,
// recorded before the mentee is offered other mentors.
func (s *Matches) closeAndBlock(p *domain.Program, matchID, status, by, note string, blockPair bool) (*domain.Match, error) {
	if err := s.safetyNet(matchID); err != nil {
		return nil, err
	}
	now := s.now()
	closed, err := s.store.UpdateMatch(matchID, func(cur *domain.Match) error {
		if !cur.Open() && cur.Status != domain.MatchDraft {
			return conflict("", msgNoLongerOpen, map[string]any{"Status": i18n.Value(cur.Status)})
		}
		cur.Status, cur.DecidedBy, cur.UpdatedAt = status, by, now
		cur.Owed = []string{domain.OweDecided, domain.OweRefused, domain.OweRelist}
		if by == cur.MenteeID && (status == domain.MatchWithdrawn) {
			cur.Owed = []string{domain.OweDecided, domain.OweRelist} // the mentee knows: they did it
		}
		if blockPair {
			// First, so the mentee is never offered this mentor again.
			cur.Owed = append([]string{domain.OweBlock}, cur.Owed...)
		}
		cur.History = append(cur.History, domain.MatchEvent{At: now, By: by, Status: status, Note: note})
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.releaseAll(p, closed, false)
	_ = s.finish(closed.ID)
	return closed, nil
}

// releaseAll gives back every place the match may hold; ended also records
// it among both people's ended matches.
func (s *Matches) releaseAll(p *domain.Program, m *domain.Match, ended bool) {
	var menteeRef, mentorRef *domain.MatchRef
	if ended {
		menteeRef = &domain.MatchRef{ID: m.ID, At: s.now(), With: m.MentorID}
		mentorRef = &domain.MatchRef{ID: m.ID, At: s.now(), With: m.MenteeID}
	}
	_ = s.release(p.ID, m.MenteeID, menteeSide, m.ID, menteeRef)
	_ = s.release(p.ID, m.MentorID, mentorSide, m.ID, mentorRef)
	_ = s.release(p.ID, m.MenteeID, requestSide, m.ID, nil)
	_ = s.release(p.ID, m.MentorID, incomingSide, m.ID, nil)
	s.afterPlacesChanged(p, m)
}

// afterPlacesChanged brings both people's roster entries up to date (their
// loads) and refreshes their sidebars.
func (s *Matches) afterPlacesChanged(p *domain.Program, m *domain.Match) {
	_ = s.enrollments.relist(p.ID, m.MenteeID)
	_ = s.enrollments.relist(p.ID, m.MentorID)
	s.changed(p, m)
}

func (s *Matches) changed(p *domain.Program, m *domain.Match) {
	if s.deps.Notifier != nil {
		s.deps.Notifier.Changed(p.ID, m.MenteeID, m.MentorID)
	}
}

// closeRequestsAfterMatch closes what a new match makes moot: the mentee's
// other open requests, and the mentor's open requests once they are full.
func (s *Matches) closeRequestsAfterMatch(p *domain.Program, m *domain.Match) {
	if mentee := s.enrollmentOf(p.ID, m.MenteeID); mentee != nil {
		for _, ref := range mentee.Requests {
			if ref.ID != m.ID {
				_, _ = s.close(p, ref.ID, domain.MatchWithdrawn, m.MenteeID, noteMatched)
			}
		}
	}
	mentor := s.enrollmentOf(p.ID, m.MentorID)
	if mentor == nil || len(mentor.Mentees) < mentor.MentorCapacity() {
		return
	}
	// Full means full of committed matches: a slot merely reserved by an
	// accept still under way must not close that very request (its own accept
	// closes the rest once it commits).
	l := newLookup(s.store)
	committed := 0
	for _, ref := range mentor.Mentees {
		if m, err := l.get(ref.ID); err == nil && m != nil && m.Live() {
			committed++
		}
	}
	if committed < mentor.MentorCapacity() {
		return
	}
	for _, ref := range mentor.Incoming {
		if ref.ID != m.ID {
			_, _ = s.close(p, ref.ID, domain.MatchWithdrawn, m.MentorID, "mentor_full")
		}
	}
}

// Withdraw takes back a mentee's open request.
func (s *Matches) Withdraw(actorID, matchID string) (*domain.Match, error) {
	m, p, err := s.load(matchID)
	if err != nil {
		return nil, err
	}
	if actorID != m.MenteeID {
		return nil, forbidden(msgNotYourAnswer, nil)
	}
	if m.Status != domain.MatchRequested {
		return nil, conflict("", msgNotWithdrawable, map[string]any{"Status": i18n.Value(m.Status)})
	}
	return s.close(p, m.ID, domain.MatchWithdrawn, actorID, "")
}

// Pause pauses an active match (either side or a coordinator).
func (s *Matches) Pause(actorID, matchID string) (*domain.Match, error) {
	return s.setPaused(actorID, matchID, true)
}

// Resume resumes a paused match.
func (s *Matches) Resume(actorID, matchID string) (*domain.Match, error) {
	return s.setPaused(actorID, matchID, false)
}

func (s *Matches) setPaused(actorID, matchID string, pause bool) (*domain.Match, error) {
	m, p, err := s.load(matchID)
	if err != nil {
		return nil, err
	}
	if err := s.inPairOrCoordinator(actorID, p, m); err != nil {
		return nil, err
	}
	from, to, refusal := domain.MatchActive, domain.MatchPaused, msgNotPausable
	if !pause {
		from, to, refusal = domain.MatchPaused, domain.MatchActive, msgNotResumable
	}
	now := s.now()
	// The health line shows the new status: recomputed after the commit, and
	// put on the scheduler before it in case this node dies in between.
	if s.health != nil {
		if err := s.health.Later(m.ID); err != nil {
			return nil, err
		}
	}
	changed, err := s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
		if cur.Status != from {
			return conflict("", refusal, map[string]any{"Status": i18n.Value(cur.Status)})
		}
		cur.Status, cur.UpdatedAt = to, now
		cur.History = append(cur.History, domain.MatchEvent{At: now, By: actorID, Status: to})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if s.health != nil {
		s.health.Changed(changed.ID)
	}
	s.changed(p, changed)
	return s.forReader(actorID, p, changed), nil
}

// End completes or cancels a live match (either side or a coordinator): both
// get the exit survey and the channel is kept or archived per the program. A
// cancelled match keeps the pair apart from then on. A coordinator ending a
// proposal withdraws it.
func (s *Matches) End(actorID, matchID string, in EndInput) (*domain.Match, error) {
	m, p, err := s.load(matchID)
	if err != nil {
		return nil, err
	}
	if err := s.inPairOrCoordinator(actorID, p, m); err != nil {
		return nil, err
	}
	in.Reason = domain.NormalizeNewlines(strings.TrimSpace(in.Reason))
	switch {
	case in.Outcome != OutcomeCompleted && in.Outcome != OutcomeCancelled:
		return nil, invalid("outcome", msgBadOutcome, map[string]any{"Value": in.Outcome})
	case in.Outcome == OutcomeCancelled && in.Reason == "":
		return nil, invalid("reason", msgReasonRequired, nil)
	case utf8.RuneCountInString(in.Reason) > MaxEndReason:
		return nil, invalid("reason", msgReasonTooLong, map[string]any{"Length": utf8.RuneCountInString(in.Reason), "Max": MaxEndReason})
	case domain.HasControlCharacters(in.Reason, true):
		return nil, invalid("reason", msgControlCharsText, nil)
	}
	if m.Status == domain.MatchProposed {
		return s.close(p, m.ID, domain.MatchWithdrawn, actorID, in.Reason)
	}
	status := domain.MatchCompleted
	if in.Outcome == OutcomeCancelled {
		status = domain.MatchCancelled
	}
	ended, err := s.endMatch(p, m, actorID, status, in.Reason, in.Reason)
	if err != nil {
		return nil, err
	}
	return s.forReader(actorID, p, ended), nil
}

// endMatch ends a live match: committed with the exit survey and the channel's
// retention owed (and, for a cancelled match with a reason, keeping the pair
// apart), then the places are given back.
func (s *Matches) endMatch(p *domain.Program, m *domain.Match, actorID, status, reason, note string) (*domain.Match, error) {
	if err := s.safetyNet(m.ID); err != nil {
		return nil, err
	}
	now := s.now()
	// Archiving the channel later is scheduled before the commit, so a node
	// that dies after it cannot lose it (the work checks the match has ended).
	if settings := s.settings(p); settings.Retention == domain.RetainArchiveLater {
		at := now.Add(time.Duration(settings.RetentionDays) * 24 * time.Hour)
		if err := s.schedule("archive/"+m.ID, DueArchiveMatch, at, m.ID); err != nil {
			return nil, err
		}
	}
	ended, err := s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
		if cur.Status != domain.MatchActive && cur.Status != domain.MatchPaused {
			return conflict("", msgNotEndable, map[string]any{"Status": i18n.Value(cur.Status)})
		}
		cur.Status, cur.EndedAt, cur.EndedBy, cur.EndReason, cur.UpdatedAt = status, now, actorID, reason, now
		cur.Owed = append(slices.DeleteFunc(cur.Owed, func(w string) bool { return w == domain.OweIntro }), domain.OweEnded, domain.OweRelist)
		if status == domain.MatchCancelled && reason != "" && cur.Partner(actorID) != "" {
			// One of the pair called it off: they are not paired again. (A
			// coordinator unpairing decides nothing about the two.)
			cur.Owed = append([]string{domain.OweBlock}, cur.Owed...)
		}
		cur.History = append(cur.History, domain.MatchEvent{At: now, By: actorID, Status: status, Note: note})
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.releaseAll(p, ended, true)
	_ = s.finish(ended.ID)
	return ended, nil
}

// Survey records one side's exit survey of an ended match; answering again
// replaces the answer. A rating of 2 or less keeps the pair apart from then on.
func (s *Matches) Survey(actorID, matchID string, in SurveyInput) (*domain.Match, error) {
	m, p, err := s.load(matchID)
	if err != nil {
		return nil, err
	}
	if m.Partner(actorID) == "" {
		return nil, forbidden(msgNotYourSurvey, nil)
	}
	in.Text = domain.NormalizeNewlines(strings.TrimSpace(in.Text))
	switch {
	case m.Status != domain.MatchCompleted && m.Status != domain.MatchCancelled:
		return nil, conflict("", msgNotEndedYet, nil)
	case in.Rating < 1 || in.Rating > 5:
		return nil, invalid("rating", msgBadRating, nil)
	case utf8.RuneCountInString(in.Text) > MaxSurveyText:
		return nil, invalid("text", msgSurveyTooLong, map[string]any{"Length": utf8.RuneCountInString(in.Text), "Max": MaxSurveyText})
	case domain.HasControlCharacters(in.Text, true):
		return nil, invalid("text", msgControlCharsText, nil)
	}
	if in.Rating <= 2 {
		if err := s.safetyNet(m.ID); err != nil {
			return nil, err
		}
	}
	answered, err := s.store.UpdateMatch(m.ID, func(cur *domain.Match) error {
		if cur.Surveys == nil {
			cur.Surveys = map[string]domain.Survey{}
		}
		cur.Surveys[actorID] = domain.Survey{Rating: in.Rating, Text: in.Text, At: s.now(), Shared: in.Shared}
		if in.Rating <= 2 && !cur.Owes(domain.OweBlock) {
			cur.Owed = append([]string{domain.OweBlock}, cur.Owed...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	_ = s.finish(answered.ID)
	if latest, err := s.store.GetMatch(answered.ID); err == nil {
		answered = latest
	}
	return s.forReader(actorID, p, answered), nil
}

// leftProgram ends what a member who left still has in the program: live
// matches end as cancelled (not held against the pair: leaving is not a
// verdict on the partner), proposals and open requests are withdrawn. Best
// effort after the leave committed: whatever is not ended still holds its
// places, which a rejoin carries over, so no capacity is ever counted twice.
func (s *Matches) leftProgram(p *domain.Program, e *domain.Enrollment) {
	for _, refs := range [][]domain.MatchRef{e.Mentors, e.Mentees, e.Requests, e.Incoming} {
		for _, ref := range refs {
			m, err := s.store.GetMatch(ref.ID)
			if err != nil {
				continue
			}
			switch {
			case m.Open():
				_, _ = s.close(p, m.ID, domain.MatchWithdrawn, e.UserID, noteLeft)
			case m.Status == domain.MatchActive || m.Status == domain.MatchPaused:
				_, _ = s.endMatch(p, m, e.UserID, domain.MatchCancelled, "", noteLeft)
			}
		}
	}
}
