package app

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgCheckInBadAnswer   = &i18n.Message{ID: "app.checkin.bad_answer", Other: "Answer great, fine or struggling."}
	msgCheckInNoteLong    = &i18n.Message{ID: "app.checkin.note_too_long", Other: "Your note is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgCheckInNoteControl = &i18n.Message{ID: "app.checkin.note_control", Other: "The note contains control characters; remove them and try again."}
	msgCheckInNoRound     = &i18n.Message{ID: "app.checkin.no_round", Other: "There is no check-in to answer yet for this match. One comes at the program's cadence, or start one now with `/mentor checkin now`."}
	msgCheckInNoSuchRound = &i18n.Message{ID: "app.checkin.no_such_round", Other: "This match has no check-in round {{.Round}}."}
	msgCheckInNotPair     = &i18n.Message{ID: "app.checkin.not_pair", Other: "Only the two people of the match answer its check-ins; coordinators read them."}
	msgCheckInEnded       = &i18n.Message{ID: "app.checkin.ended", Other: "This match has ended: its check-ins can be read but not answered."}
	msgCheckInNotActive   = &i18n.Message{ID: "app.checkin.not_active", Other: "Check-ins run only while the match is active (it is {{.Status}})."}
	msgCheckInTooSoon     = &i18n.Message{ID: "app.checkin.too_soon", Other: "A check-in round was started less than a minute ago; wait for the answers first."}
)

// minRoundGap is how soon after a round another may be started by hand.
const minRoundGap = time.Minute

// CheckInInput is one side's answer to a round: Round 0 means the latest.
// An empty Answer keeps the earlier one (adding a note); a nil Note keeps
// the earlier note.
type CheckInInput struct {
	Answer string  `json:"answer"`
	Note   *string `json:"note,omitempty"`
	Round  int     `json:"round,omitempty"`
}

// CheckInRoundView is one round as its reader may see it: their own answer,
// or both for the program's coordinators.
type CheckInRoundView struct {
	Round   int                             `json:"round"`
	Due     time.Time                       `json:"due"`
	Answers map[string]domain.CheckInAnswer `json:"answers"`
}

// CheckInsView is a match's rounds, oldest first.
type CheckInsView struct {
	MatchID string             `json:"match_id"`
	Rounds  []CheckInRoundView `json:"rounds"`
	// CanAnswer is true for the pair of a match that is not over.
	CanAnswer bool `json:"can_answer"`
}

// readable loads a match for one of its pair or a coordinator of its program
// (system admins included); anyone else gets the same not-found as for a
// match that does not exist.
func readable(b base, actorID, matchID string) (*domain.Match, *domain.Program, bool, error) {
	m, p, err := b.matches.load(matchID)
	if err != nil {
		return nil, nil, false, err
	}
	if m.Status == domain.MatchDraft || m.Status == domain.MatchVoid {
		return nil, nil, false, notFound(msgMatchNotFound, nil)
	}
	coordinator := b.perms.CanCoordinate(actorID, p)
	if m.Partner(actorID) == "" && !coordinator {
		return nil, nil, false, notFound(msgMatchNotFound, nil)
	}
	return m, p, coordinator, nil
}

// List returns a match's check-ins: each side sees its own answers,
// coordinators see both.
func (s *CheckIns) List(actorID, matchID string) (*CheckInsView, error) {
	m, _, coordinator, err := readable(s.base, actorID, matchID)
	if err != nil {
		return nil, err
	}
	c, err := s.store.GetCheckIns(m.ID)
	if err != nil {
		return nil, err
	}
	out := &CheckInsView{MatchID: m.ID, Rounds: []CheckInRoundView{},
		CanAnswer: m.Partner(actorID) != "" && (m.Status == domain.MatchActive || m.Status == domain.MatchPaused)}
	for _, r := range c.Rounds {
		out.Rounds = append(out.Rounds, roundView(r, actorID, coordinator))
	}
	return out, nil
}

func roundView(r *domain.CheckInRound, actorID string, coordinator bool) CheckInRoundView {
	v := CheckInRoundView{Round: r.Round, Due: r.Due, Answers: map[string]domain.CheckInAnswer{}}
	for user, a := range r.Answers {
		if coordinator || user == actorID {
			v.Answers[user] = a
		}
	}
	return v
}

// validate normalizes and checks an answer.
func (in *CheckInInput) validate() error {
	in.Answer = strings.ToLower(strings.TrimSpace(in.Answer))
	if in.Answer != "" && !domain.Contains(domain.CheckInAnswers, in.Answer) {
		return invalid("answer", msgCheckInBadAnswer, nil)
	}
	if in.Note != nil {
		note := domain.NormalizeNewlines(strings.TrimSpace(*in.Note))
		switch {
		case utf8.RuneCountInString(note) > domain.MaxCheckInNote:
			return invalid("note", msgCheckInNoteLong, map[string]any{"Length": utf8.RuneCountInString(note), "Max": domain.MaxCheckInNote})
		case domain.HasControlCharacters(note, true):
			return invalid("note", msgCheckInNoteControl, nil)
		}
		in.Note = &note
	}
	if in.Round < 0 {
		return invalid("round", msgCheckInNoSuchRound, map[string]any{"Round": in.Round})
	}
	return nil
}

// RequireAnswerer refuses anyone who may not answer the match's check-ins
// (only its two people do, while it is live): the note button asks it before
// opening a form that could not be saved.
func (s *CheckIns) RequireAnswerer(actorID, matchID string) error {
	_, _, err := s.answerable(actorID, matchID)
	return err
}

func (s *CheckIns) answerable(actorID, matchID string) (*domain.Match, *domain.Program, error) {
	m, p, _, err := readable(s.base, actorID, matchID)
	if err != nil {
		return nil, nil, err
	}
	if m.Partner(actorID) == "" {
		return nil, nil, forbidden(msgCheckInNotPair, nil)
	}
	if m.Status != domain.MatchActive && m.Status != domain.MatchPaused {
		return nil, nil, conflict("", msgCheckInEnded, nil)
	}
	return m, p, nil
}

// Answer records one side's answer to a round (the latest unless named),
// replacing an earlier answer. A "struggling" answer tells every coordinator
// of the program at once, exactly once per round and person.
func (s *CheckIns) Answer(actorID, matchID string, in CheckInInput) (*CheckInRoundView, error) {
	m, p, err := s.answerable(actorID, matchID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	current, err := s.store.GetCheckIns(m.ID)
	if err != nil {
		return nil, err
	}
	n := in.Round
	if n == 0 {
		last := latestRound(current)
		if last == nil {
			return nil, conflict("round", msgCheckInNoRound, nil)
		}
		n = last.Round
	}
	if in.Answer == domain.CheckInStruggling && s.deps.Scheduler != nil {
		// The safety net goes first: if this node dies between the commit and
		// the coordinators' DMs, the item tells them (and does nothing when
		// they were told).
		payload := strings.Join([]string{m.ID, strconv.Itoa(n), actorID}, "|")
		if err := s.deps.Scheduler.At("checkin.alert/"+strings.ReplaceAll(payload, "|", "/"), DueCheckInAlert, s.now().Add(alertDelay), payload); err != nil {
			return nil, err
		}
	}
	var saved *domain.CheckInRound
	_, err = s.store.UpdateCheckIns(m.ID, func(c *domain.MatchCheckIns) error {
		r := c.Round(n)
		if r == nil {
			return invalid("round", msgCheckInNoSuchRound, map[string]any{"Round": n})
		}
		saved = r
		prev, had := r.Answers[actorID]
		a := domain.CheckInAnswer{UserID: actorID, Answer: in.Answer, Note: prev.Note, At: s.now()}
		if a.Answer == "" {
			if !had {
				return invalid("answer", msgCheckInBadAnswer, nil)
			}
			a.Answer = prev.Answer
		}
		if in.Note != nil {
			a.Note = *in.Note
		}
		if had && prev.Answer == a.Answer && prev.Note == a.Note {
			return store.ErrUnchanged // pressed twice: nothing new to store or tell
		}
		if r.Answers == nil {
			r.Answers = map[string]domain.CheckInAnswer{}
		}
		r.Answers[actorID] = a
		c.UpdatedAt = s.now()
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.health.Changed(m.ID)
	if s.deps.Notifier != nil {
		s.deps.Notifier.Changed(p.ID, m.MenteeID, m.MentorID)
	}
	if saved.Answers[actorID].Answer == domain.CheckInStruggling {
		// Best effort now; the alert item finishes what fails here.
		_ = s.alert(p, m, n, actorID)
	}
	view := roundView(saved, actorID, false)
	return &view, nil
}

// alert tells each coordinator of the program that userID is struggling in
// round n, once per (round, person, coordinator): the marks live in the round.
func (s *CheckIns) alert(p *domain.Program, m *domain.Match, n int, userID string) error {
	if s.deps.CheckIns == nil {
		return nil
	}
	c, err := s.store.GetCheckIns(m.ID)
	if err != nil {
		return err
	}
	r := c.Round(n)
	if r == nil {
		return nil
	}
	a, ok := r.Answers[userID]
	if !ok || a.Answer != domain.CheckInStruggling {
		return nil // changed their mind before anyone was told
	}
	var firstErr error
	for _, coord := range p.Coordinators {
		if coord == userID || !s.perms.CanCoordinate(coord, p) {
			continue // not themselves; nor someone who left the team
		}
		key := "alert/" + userID + "/" + coord
		err := s.sessions.sendOnce(roundMarks{s.store, m.ID, n}, key, coord, m.ID+"/"+strconv.Itoa(n)+"/"+key,
			func(postKey string) string { return s.deps.CheckIns.Struggling(p, m, n, a, coord, postKey) })
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// alertItem is the safety net of a struggling answer.
func (s *CheckIns) alertItem(payload string) error {
	it, err := readRoundItem(payload)
	if err != nil {
		return err
	}
	m, p, err := s.loadLive(it.matchID)
	if err != nil || m == nil {
		return err
	}
	err = s.alert(p, m, it.round, it.rest)
	var busy busyUntil
	if errors.As(err, &busy) {
		// Another node is sending one of them: look again when its claim lapses.
		id := "checkin.alert/" + strings.ReplaceAll(payload, "|", "/") + "/after-claim/" + strconv.FormatInt(busy.at.Unix(), 10)
		return s.deps.Scheduler.At(id, DueCheckInAlert, busy.at, payload)
	}
	return err
}

// StartRound starts a check-in round of a match now (either side, or a
// coordinator): both sides are asked at once and the next round follows one
// period later. Refused while a round is less than a minute old.
func (s *CheckIns) StartRound(actorID, matchID string) (int, error) {
	m, _, _, err := readable(s.base, actorID, matchID)
	if err != nil {
		return 0, err
	}
	if m.Status != domain.MatchActive {
		return 0, conflict("", msgCheckInNotActive, map[string]any{"Status": m.Status})
	}
	now := s.now()
	n := 0
	_, err = s.store.UpdateCheckIns(m.ID, func(c *domain.MatchCheckIns) error {
		n = 1
		if last := latestRound(c); last != nil {
			if now.Sub(last.Due) < minRoundGap {
				return conflict("", msgCheckInTooSoon, nil)
			}
			n = last.Round + 1
		}
		c.ProgramID = m.ProgramID
		c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: n, Due: now})
		c.UpdatedAt = now
		return nil
	})
	if err != nil {
		return 0, err
	}
	// The chain may hold an item of the same number for later: this one gets
	// an id of its own so it is due now; whichever runs second finds the round
	// and its prompts' marks and changes nothing.
	if s.deps.Scheduler != nil {
		if err := s.scheduleRound(m.ID, n, now, "/now"); err != nil {
			return 0, err
		}
	}
	return n, nil
}
