package app

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgNotAMentee        = &i18n.Message{ID: "app.match.not_a_mentee", Other: "Suggestions and requests are for mentees: you take part in {{.Program}} as {{.Role}}."}
	msgMenteeNotActive   = &i18n.Message{ID: "app.match.mentee_not_active", Other: "Your participation in {{.Program}} is {{.Status}}; it must be active to look for a mentor."}
	msgAlreadyHasMentor  = &i18n.Message{ID: "app.match.already_has_mentor", Other: "You already have a mentor (or a proposal waiting) in {{.Program}}. End that match first to look for another."}
	msgNotSelfServe      = &i18n.Message{ID: "app.match.not_self_serve", Other: "In {{.Program}} the coordinators make the matches; mentees do not send requests. Ask a coordinator, or wait for their proposal."}
	msgRequestSelf       = &i18n.Message{ID: "app.match.request_self", Other: "You cannot be your own mentor; pick someone else from /mentor suggest {{.Slug}}."}
	msgMentorNotMember   = &i18n.Message{ID: "app.match.mentor_not_member", Other: "That person is not an active mentor of {{.Program}}; /mentor suggest {{.Slug}} lists those who are."}
	msgMentorPaused      = &i18n.Message{ID: "app.match.mentor_paused", Other: "That mentor has paused their participation in {{.Program}}; try someone else from /mentor suggest {{.Slug}}."}
	msgMentorFull        = &i18n.Message{ID: "app.match.mentor_full", Other: "That mentor has no free capacity in {{.Program}} right now; try someone else from /mentor suggest {{.Slug}}."}
	msgPairExcluded      = &i18n.Message{ID: "app.match.pair_excluded", Other: "A matching rule of {{.Program}} keeps you two apart (an earlier match, a \"don't match\" choice or a reporting line); pick someone else."}
	msgDuplicateRequest  = &i18n.Message{ID: "app.match.duplicate_request", Other: "Your request to this mentor is already waiting for an answer."}
	msgTooManyRequests   = &i18n.Message{ID: "app.match.too_many_requests", Other: "You have {{.Max}} requests waiting already; withdraw one or wait for an answer before sending another."}
	msgMentorBusy        = &i18n.Message{ID: "app.match.mentor_busy", Other: "That mentor already has {{.Max}} requests waiting in {{.Program}}; try someone else from /mentor suggest {{.Slug}}."}
	msgMessageTooLong    = &i18n.Message{ID: "app.match.message_too_long", Other: "Your message is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgArchivedNoMatches = &i18n.Message{ID: "app.match.archived", Other: "{{.Program}} is archived: no new matches."}
)

// DefaultSuggestions is how many mentors a suggestion list shows by default.
const DefaultSuggestions = 5

// MaxSuggestions bounds one suggestion list.
const MaxSuggestions = 20

// pool is the scoring view of a program's roster: who can mentor, who wants a
// mentor, and the rules between them.
type pool struct {
	program  *domain.Program
	settings domain.MatchingSettings
	roster   *store.Roster
	now      time.Time // the day whose UTC offsets decide time-zone overlap
}

func (s *Matches) pool(p *domain.Program) (*pool, error) {
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	return &pool{program: p, settings: s.settings(p), roster: roster, now: s.now()}, nil
}

// freeMentor reports whether a roster entry is an active mentor with room.
func freeMentor(e *store.RosterEntry) bool {
	return e.Status == domain.StatusActive && (e.Role == domain.RoleMentor || e.Role == domain.RoleBoth) &&
		e.MentorLoad < max(e.Capacity, e.Profile.Capacity)
}

// waitingMentee reports whether a roster entry is an active mentee without a mentor.
func waitingMentee(e *store.RosterEntry) bool {
	return e.Status == domain.StatusActive && (e.Role == domain.RoleMentee || e.Role == domain.RoleBoth) && e.MenteeLoad == 0
}

// scorer compiles mentees against mentors with the program's weights and
// rules; each mentor's capacity is their free capacity.
func (pl *pool) scorer(mentees, mentors []*store.RosterEntry) (*matching.Scorer, error) {
	known := map[string]bool{}
	vocab := matching.NewVocabulary(nil)
	for _, m := range mentors {
		for _, terms := range [][]string{m.Profile.SkillsOffered, m.Profile.Interests} {
			for _, t := range terms {
				known[vocab.Canonical(t)] = true
			}
		}
	}
	menteeProfiles := make([]matching.Profile, len(mentees))
	inMentees := map[string]bool{}
	for i, e := range mentees {
		menteeProfiles[i] = e.Profile
		menteeProfiles[i].ID = e.UserID
		menteeProfiles[i].Goals = goalKeywords(e.Goals, vocab, known)
		inMentees[e.UserID] = true
	}
	mentorProfiles := make([]matching.Profile, len(mentors))
	inMentors := map[string]bool{}
	for j, e := range mentors {
		mentorProfiles[j] = e.Profile
		mentorProfiles[j].ID = e.UserID
		mentorProfiles[j].Capacity = max(0, max(e.Capacity, e.Profile.Capacity)-e.MentorLoad)
		inMentors[e.UserID] = true
	}
	var forbidden [][2]string
	for _, e := range mentees {
		for _, other := range e.Blocked {
			if inMentors[other] {
				forbidden = append(forbidden, [2]string{e.UserID, other})
			}
		}
	}
	for _, e := range mentors {
		for _, other := range e.Blocked {
			if inMentees[other] {
				forbidden = append(forbidden, [2]string{other, e.UserID})
			}
		}
	}
	constraints := matching.Constraints{
		Forbidden:             forbidden,
		ExcludeReportingLine:  pl.settings.ExcludeReportingLine,
		ExcludeSameDepartment: pl.settings.ExcludeSameDepartment,
	}
	return matching.NewScorer(menteeProfiles, mentorProfiles, *pl.settings.Weights, constraints, vocab, pl.now)
}

// maxGoalWords bounds the words of a member's goals that scoring looks at.
const maxGoalWords = 200

// goalKeywords finds the skills and interests the program's mentors offer
// inside a mentee's free-text goals: every run of one to three words that is a
// known term ("grow into public speaking" → "public speaking").
func goalKeywords(goals string, vocab *matching.Vocabulary, known map[string]bool) []string {
	words := strings.Fields(matching.Normalize(goals))
	if len(words) > maxGoalWords {
		words = words[:maxGoalWords]
	}
	var out []string
	for i := range words {
		for n := 1; n <= 3 && i+n <= len(words); n++ {
			term := vocab.Canonical(strings.Join(words[i:i+n], " "))
			if known[term] && !slices.Contains(out, term) {
				out = append(out, term)
			}
		}
	}
	return out
}

// menteeEntry returns the actor's roster entry for suggestions, checking that
// they may look for a mentor.
func (s *Matches) menteeEntry(actorID string, p *domain.Program, pl *pool) (*store.RosterEntry, *domain.Enrollment, error) {
	m, err := s.store.GetMemberships(actorID)
	if err != nil {
		return nil, nil, err
	}
	e, ok := m.Enrollments[p.ID]
	if !ok || !e.InProgram() {
		return nil, nil, notFound(msgNotEnrolled, map[string]any{"Program": p.Name, "Slug": p.Slug})
	}
	e.ResumeIfDue(s.now())
	switch {
	case !e.IsMentee():
		return nil, nil, conflict("", msgNotAMentee, map[string]any{"Program": p.Name, "Role": i18n.Role(e.Role)})
	case e.Status != domain.StatusActive:
		return nil, nil, conflict("", msgMenteeNotActive, map[string]any{"Program": p.Name, "Status": i18n.Value(e.Status)})
	}
	for _, entry := range pl.roster.Entries {
		if entry.UserID == actorID {
			copied := *entry
			copied.Status, copied.Role, copied.Goals, copied.Blocked = e.Status, e.Role, e.Goals, e.Blocked
			return &copied, e, nil
		}
	}
	entry, err := s.enrollments.rosterEntry(e) // not listed yet: build it
	return entry, e, err
}

// Suggest returns the actor's best mentors with free capacity in the program,
// best first (at most limit; 0 means DefaultSuggestions). Every active mentor
// with room and no rule against the pair is eligible, however thin their
// profile: the minimum score does not apply to suggestions.
func (s *Matches) Suggest(actorID, programID string, limit int) ([]Suggestion, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if p.MatchingMode == domain.MatchingCoordinator {
		return nil, conflict("", msgNotSelfServe, map[string]any{"Program": p.Name})
	}
	if limit <= 0 {
		limit = DefaultSuggestions
	}
	limit = min(limit, MaxSuggestions)
	pl, err := s.pool(p)
	if err != nil {
		return nil, err
	}
	me, e, err := s.menteeEntry(actorID, p, pl)
	if err != nil {
		return nil, err
	}
	return s.suggestFor(pl, me, e, limit)
}

func (s *Matches) suggestFor(pl *pool, me *store.RosterEntry, e *domain.Enrollment, limit int) ([]Suggestion, error) {
	free, err := s.deps.pools.get(pl)
	if err != nil {
		return nil, err
	}
	if len(free.mentors) == 0 {
		return []Suggestion{}, nil
	}
	// Mentors already asked are not suggested again; nor are those a rule
	// keeps apart (the mentee's blocked list here, the mentors' in the pool).
	forbidden := slices.Clone(me.Blocked)
	for _, ref := range e.Requests {
		forbidden = append(forbidden, ref.With)
	}
	mentee := me.Profile
	mentee.ID = me.UserID
	mentee.Goals = goalKeywords(me.Goals, free.vocab, free.known)
	sc, err := free.pool.Scorer(mentee, forbidden)
	if err != nil {
		return nil, err
	}
	load := make([]int, len(free.mentors)) // the pool's capacities are already the free ones
	best := sc.BestMentors(0, load, limit, math.MinInt64)
	out := make([]Suggestion, 0, len(best))
	for _, b := range best {
		mentor := free.mentors[b.Mentor]
		capacity := max(mentor.Capacity, mentor.Profile.Capacity)
		out = append(out, Suggestion{
			MentorID: mentor.UserID, Username: mentor.Username, Score: b.Score, Reasons: b.Reasons,
			FreeCapacity: capacity - mentor.MentorLoad, Capacity: capacity,
		})
	}
	return out, nil
}

// mentorPools keeps, per program, the free mentors compiled for scoring, so
// that a suggestion compiles only the mentee: valid for one roster version,
// one set of matching settings and one day (time-zone overlap follows the
// date). It is a cache of what the roster says, shared by every request on
// this node; a node without it rebuilds it from the roster.
type mentorPools struct {
	mu        sync.Mutex
	byProgram map[string]*freeMentors
}

type freeMentors struct {
	version  int64
	settings string
	day      string
	mentors  []*store.RosterEntry
	pool     *matching.MentorPool
	vocab    *matching.Vocabulary
	known    map[string]bool // the mentors' skills and interests, canonical
}

func (c *mentorPools) get(pl *pool) (*freeMentors, error) {
	settings := fmt.Sprint(*pl.settings.Weights, pl.settings.ExcludeReportingLine, pl.settings.ExcludeSameDepartment)
	day := pl.now.Format(time.DateOnly)
	c.mu.Lock()
	cached := c.byProgram[pl.program.ID]
	c.mu.Unlock()
	if cached != nil && cached.version == pl.roster.Version && cached.settings == settings && cached.day == day {
		return cached, nil
	}
	built, err := buildFreeMentors(pl)
	if err != nil {
		return nil, err
	}
	built.version, built.settings, built.day = pl.roster.Version, settings, day
	c.mu.Lock()
	if c.byProgram == nil {
		c.byProgram = map[string]*freeMentors{}
	}
	c.byProgram[pl.program.ID] = built
	c.mu.Unlock()
	return built, nil
}

func buildFreeMentors(pl *pool) (*freeMentors, error) {
	out := &freeMentors{vocab: matching.NewVocabulary(nil), known: map[string]bool{}}
	var profiles []matching.Profile
	for _, e := range pl.roster.Entries {
		if !freeMentor(e) {
			continue
		}
		p := e.Profile
		p.ID = e.UserID
		p.Capacity = max(0, max(e.Capacity, e.Profile.Capacity)-e.MentorLoad)
		// A partner the mentor must never meet again counts as "don't match".
		p.DontMatch = append(slices.Clone(p.DontMatch), e.Blocked...)
		profiles = append(profiles, p)
		out.mentors = append(out.mentors, e)
		for _, terms := range [][]string{p.SkillsOffered, p.Interests} {
			for _, t := range terms {
				out.known[out.vocab.Canonical(t)] = true
			}
		}
	}
	constraints := matching.Constraints{
		ExcludeReportingLine:  pl.settings.ExcludeReportingLine,
		ExcludeSameDepartment: pl.settings.ExcludeSameDepartment,
	}
	var err error
	out.pool, err = matching.NewMentorPool(profiles, *pl.settings.Weights, constraints, out.vocab, pl.now)
	return out, err
}

// nextSuggestions are offered to a mentee whose request or proposal ended
// without a match, in programs where mentees choose.
func (s *Matches) nextSuggestions(p *domain.Program, menteeID string) []Suggestion {
	if p.MatchingMode == domain.MatchingCoordinator || p.Archived {
		return nil
	}
	pl, err := s.pool(p)
	if err != nil {
		return nil
	}
	me, e, err := s.menteeEntry(menteeID, p, pl)
	if err != nil || len(e.Mentors) > 0 {
		return nil
	}
	next, err := s.suggestFor(pl, me, e, 3)
	if err != nil {
		return nil
	}
	return next
}

// Request sends a mentee's request to a mentor; the mentor accepts or declines.
// Places are not taken yet: many mentees may ask one mentor, and the mentor's
// capacity is enforced when they accept.
func (s *Matches) Request(actorID, programID string, in RequestInput) (*domain.Match, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	in.Message = domain.NormalizeNewlines(strings.TrimSpace(in.Message))
	switch {
	case p.Archived:
		return nil, conflict("", msgArchivedNoMatches, map[string]any{"Program": p.Name})
	case p.MatchingMode == domain.MatchingCoordinator:
		return nil, conflict("", msgNotSelfServe, map[string]any{"Program": p.Name})
	case in.MentorID == actorID:
		return nil, invalid("mentor_id", msgRequestSelf, map[string]any{"Slug": p.Slug})
	case utf8.RuneCountInString(in.Message) > MaxRequestMessage:
		return nil, invalid("message", msgMessageTooLong, map[string]any{"Length": utf8.RuneCountInString(in.Message), "Max": MaxRequestMessage})
	case domain.HasControlCharacters(in.Message, true):
		return nil, invalid("message", msgControlCharsText, nil)
	}
	pl, err := s.pool(p)
	if err != nil {
		return nil, err
	}
	me, _, err := s.menteeEntry(actorID, p, pl)
	if err != nil {
		return nil, err
	}
	mentor, err := s.requestableMentor(p, in.MentorID)
	if err != nil {
		return nil, err
	}
	score, reasons, err := s.explainPair(pl, me, mentor)
	if err != nil {
		return nil, err
	}
	id, err := s.requestID(p.ID, actorID, in.MentorID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	m := &domain.Match{
		ID: id, ProgramID: p.ID, TeamID: p.TeamID, MenteeID: actorID, MentorID: in.MentorID,
		Origin: domain.OriginRequest, Status: domain.MatchRequested, Score: score, Reasons: reasons,
		Accepted: map[string]time.Time{actorID: now}, Message: in.Message, CreatedBy: actorID,
		CreatedAt: now, UpdatedAt: now, ExpiresAt: now.Add(s.settings(p).RequestExpiry()),
		Owed:    []string{domain.OweRequest},
		History: []domain.MatchEvent{{At: now, By: actorID, Status: domain.MatchRequested}},
	}
	if err := s.sendRequestRefs(p, m); err != nil {
		return nil, err
	}
	if err := s.safetyNet(m.ID); err != nil {
		return nil, err
	}
	if err := s.scheduleExpiry(p, m); err != nil {
		return nil, err
	}
	if _, err := s.store.CreateMatch(m); err != nil { // the commit
		return nil, err
	}
	_ = s.finish(m.ID)
	s.changed(p, m)
	return s.store.GetMatch(m.ID)
}

// requestID names a new request: the id of an earlier attempt to the same
// mentor whose node died before the request was written (its reference is
// still held), so that the retry finishes it instead of being refused as a
// duplicate; otherwise a new id.
func (s *Matches) requestID(programID, menteeID, mentorID string) (string, error) {
	e := s.enrollmentOf(programID, menteeID)
	if e == nil {
		return s.deps.NewID(), nil
	}
	l := newLookup(s.store)
	for _, ref := range e.Requests {
		if ref.With != mentorID {
			continue
		}
		m, err := l.get(ref.ID)
		if err != nil {
			return "", err
		}
		if held, err := l.holds(requestSide, ref, s.now()); err != nil || (m == nil && held) {
			return ref.ID, err
		}
	}
	return s.deps.NewID(), nil
}

// requestableMentor checks that the user is an active mentor of p with room.
func (s *Matches) requestableMentor(p *domain.Program, mentorID string) (*store.RosterEntry, error) {
	data := map[string]any{"Program": p.Name, "Slug": p.Slug}
	if !s.perms.dir.IsTeamMember(mentorID, p.TeamID) {
		return nil, invalid("mentor_id", msgMentorNotMember, data)
	}
	e := s.enrollmentOf(p.ID, mentorID)
	switch {
	case e == nil || !e.InProgram() || e.Status == domain.StatusPending || !e.IsMentor():
		return nil, invalid("mentor_id", msgMentorNotMember, data)
	case e.Status == domain.StatusPaused:
		return nil, conflict("mentor_id", msgMentorPaused, data)
	}
	live, err := newLookup(s.store).pruned(mentorSide, e.Mentees, s.now())
	if err != nil {
		return nil, err
	}
	if len(live) >= e.MentorCapacity() {
		return nil, conflict("mentor_id", msgMentorFull, data)
	}
	entry, err := s.enrollments.rosterEntry(e)
	if err != nil {
		return nil, err
	}
	entry.MentorLoad = len(live)
	return entry, nil
}

// explainPair scores one pair with the program's rules; a forbidden pair is
// refused.
func (s *Matches) explainPair(pl *pool, mentee, mentor *store.RosterEntry) (int64, []matching.Reason, error) {
	mentorView := *mentor
	mentorView.MentorLoad = 0 // scoring one pair: capacity does not matter here
	sc, err := pl.scorer([]*store.RosterEntry{mentee}, []*store.RosterEntry{&mentorView})
	if err != nil {
		return 0, nil, err
	}
	score, ok, reasons := sc.Explain(0, 0)
	if !ok {
		return 0, nil, conflict("", msgPairExcluded, map[string]any{"Program": pl.program.Name})
	}
	return score, reasons, nil
}

// sendRequestRefs records the request in both enrollments before the match
// commits (they are its index). The mentee's write is where duplicates and
// too many open requests are refused, in one compare-and-set.
func (s *Matches) sendRequestRefs(p *domain.Program, m *domain.Match) error {
	l := newLookup(s.store)
	now := s.now()
	err := s.reserve(l, p.ID, m.MenteeID, requestSide, domain.MatchRef{ID: m.ID, At: now, With: m.MentorID},
		func(*domain.Enrollment) int { return MaxOpenRequests },
		func(e *domain.Enrollment) error {
			live, err := l.pruned(menteeSide, e.Mentors, now)
			if err != nil {
				return err
			}
			if len(live) > 0 {
				return conflict("", msgAlreadyHasMentor, map[string]any{"Program": p.Name})
			}
			open, err := l.pruned(requestSide, e.Requests, now)
			if err != nil {
				return err
			}
			if slices.ContainsFunc(open, func(r domain.MatchRef) bool { return r.With == m.MentorID && r.ID != m.ID }) {
				return conflict("mentor_id", msgDuplicateRequest, nil)
			}
			return nil
		})
	if errors.Is(err, errNoPlace) {
		return conflict("", msgTooManyRequests, map[string]any{"Max": MaxOpenRequests})
	}
	if err != nil {
		return s.placeError(p, err)
	}
	err = s.reserve(l, p.ID, m.MentorID, incomingSide, domain.MatchRef{ID: m.ID, At: now, With: m.MenteeID},
		func(*domain.Enrollment) int { return MaxIncomingRequests }, nil)
	if errors.Is(err, errNoPlace) {
		_ = s.release(p.ID, m.MenteeID, requestSide, m.ID, nil)
		return conflict("mentor_id", msgMentorBusy, map[string]any{"Program": p.Name, "Slug": p.Slug, "Max": MaxIncomingRequests})
	}
	return s.placeError(p, err)
}
