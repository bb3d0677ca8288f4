package app

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// The header rows, one per table: the column names are the file's interface
// (README, "CSV export"); add columns at the end, never rename one.
var (
	membersHeader = []string{"user_id", "username", "full_name", "role", "status", "capacity", "mentor_load", "mentee_load",
		"department", "time_zone", "skills_offered", "skills_wanted", "interests", "languages", "goals", "joined_at", "updated_at"}
	matchesHeader = []string{"match_id", "status", "origin", "score", "mentor_id", "mentor_username", "mentee_id", "mentee_username",
		"created_at", "activated_at", "ended_at", "end_reason", "channel_id",
		"sessions_planned", "sessions_held", "attended_marks", "missed_marks", "first_session_at", "last_session_at", "next_session_at",
		"goals", "goals_done", "goals_dropped", "goals_at_risk", "ratings", "average_rating", "last_rating",
		"mentor_last_post_at", "mentee_last_post_at", "nudged_at", "updated_at"}
	goalsHeader = []string{"match_id", "goal_id", "title", "description", "measure", "due", "status", "progress",
		"milestones", "milestones_done", "mentee_id", "mentee_username", "mentor_id", "mentor_username",
		"created_by", "created_by_username", "created_at", "updated_by", "updated_by_username", "updated_at", "progress_at", "last_note"}
	checkInsHeader = []string{"match_id", "round", "due", "side", "user_id", "username", "answer", "note", "answered_at"}
)

// exportWriter writes one table of one program.
type exportWriter struct {
	s       *Exports
	program *domain.Program
	sheet   *exportSheet
	now     time.Time
	names   *exportNames
	roster  *store.Roster
}

// loadNames reads the roster (usually this node's cache) for the names of
// people the directory no longer finds.
func (t *exportWriter) loadNames() error {
	roster, err := t.s.store.ReadRoster(t.program.ID)
	if err != nil {
		return err
	}
	t.roster, t.names = roster, newExportNames(t.s.deps.Directory, roster)
	return nil
}

// ledger returns the program's matches, oldest first: its health ledger, one
// small line per match. Drafts and void matches (a publish that never reached
// anyone) are left out: nobody ever saw them.
func (t *exportWriter) ledger() ([]*domain.MatchHealth, error) {
	lines, err := t.s.store.ProgramHealth(t.program.ID)
	if err != nil {
		return nil, err
	}
	lines = slices.DeleteFunc(lines, func(h *domain.MatchHealth) bool {
		return h.Status == domain.MatchDraft || h.Status == domain.MatchVoid
	})
	slices.SortFunc(lines, func(a, b *domain.MatchHealth) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.MatchID, b.MatchID))
	})
	return lines, nil
}

// activeLedger is the ledger's matches that were active at some point.
func (t *exportWriter) activeLedger() ([]*domain.MatchHealth, error) {
	lines, err := t.ledger()
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(lines, func(h *domain.MatchHealth) bool { return !wasActive(h) }), nil
}

// wasActive reports whether a match may have sessions, goals, check-ins or
// feedback: it became active at some point. Requests and proposals that never
// did (declined, expired, withdrawn) are skipped without reading anything.
func wasActive(h *domain.MatchHealth) bool {
	switch h.Status {
	case domain.MatchActive, domain.MatchPaused, domain.MatchCompleted, domain.MatchCancelled:
		return true
	}
	return false
}

// sideOf says which side of the match a user is on.
func sideOf(h *domain.MatchHealth, userID string) string {
	switch userID {
	case h.MentorID:
		return domain.RoleMentor
	case h.MenteeID:
		return domain.RoleMentee
	}
	return ""
}

func (t *exportWriter) members() error {
	if err := t.loadNames(); err != nil {
		return err
	}
	if err := t.sheet.header(membersHeader...); err != nil {
		return err
	}
	// The roster's entries are shared with this node's cache: sort pointers
	// to them, never the entries.
	entries := slices.Clone(t.roster.Entries)
	slices.SortFunc(entries, func(a, b *store.RosterEntry) int {
		return cmp.Or(a.JoinedAt.Compare(b.JoinedAt), cmp.Compare(a.UserID, b.UserID))
	})
	for i, e := range entries {
		if i%exportNameBatch == 0 {
			ids := make([]string, 0, exportNameBatch)
			for _, next := range entries[i:min(len(entries), i+exportNameBatch)] {
				ids = append(ids, next.UserID)
			}
			t.names.fetch(ids)
		}
		u := t.names.user(e.UserID)
		p := e.Profile
		err := t.sheet.row(e.UserID, u.Username, u.FullName, e.Role, e.Status, csvInt(e.Capacity), csvInt(e.MentorLoad), csvInt(e.MenteeLoad),
			p.Department, p.TimeZone, csvList(p.SkillsOffered), csvList(p.SkillsWanted), csvList(p.Interests), csvList(p.Languages), e.Goals,
			csvTime(e.JoinedAt), csvTime(e.UpdatedAt))
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *exportWriter) matches() error {
	if err := t.loadNames(); err != nil {
		return err
	}
	lines, err := t.ledger()
	if err != nil {
		return err
	}
	if err := t.sheet.header(matchesHeader...); err != nil {
		return err
	}
	for i, h := range lines {
		t.namesAhead(lines, i)
		average, last := "", ""
		if h.RatingCount > 0 {
			average = strconv.FormatFloat(float64(h.RatingSum)/float64(h.RatingCount), 'f', 2, 64)
		}
		if h.LastRating > 0 {
			last = csvInt(h.LastRating)
		}
		err := t.sheet.row(h.MatchID, h.Status, h.Origin, strconv.FormatInt(h.Score, 10),
			h.MentorID, t.names.username(h.MentorID), h.MenteeID, t.names.username(h.MenteeID),
			csvTime(h.CreatedAt), csvTime(h.ActivatedAt), csvTime(h.EndedAt), h.EndReason, h.ChannelID,
			csvInt(h.SessionsPlanned), csvInt(h.SessionsHeld), csvInt(h.Attended), csvInt(h.Missed),
			csvTime(h.FirstSessionAt), csvTime(h.LastSessionAt), csvTime(h.NextSessionAt),
			csvInt(h.Goals), csvInt(h.GoalsDone), csvInt(h.GoalsDropped), csvInt(h.GoalsAtRisk),
			csvInt(h.RatingCount), average, last,
			csvTime(lastPost(h, h.MentorID)), csvTime(lastPost(h, h.MenteeID)), csvTime(h.NudgedAt), csvTime(h.UpdatedAt))
		if err != nil {
			return err
		}
	}
	return nil
}

// lastPost is when the user last posted in the pair's channel (zero: never,
// or not since the chat hook started counting).
func lastPost(h *domain.MatchHealth, userID string) time.Time {
	if a := h.Activity[userID]; a != nil {
		return a.LastPostAt
	}
	return time.Time{}
}

func (t *exportWriter) goals() error {
	if err := t.loadNames(); err != nil {
		return err
	}
	lines, err := t.activeLedger()
	if err != nil {
		return err
	}
	if err := t.sheet.header(goalsHeader...); err != nil {
		return err
	}
	load := func(h *domain.MatchHealth) (*domain.MatchGoals, error) { return t.s.store.GetGoals(h.MatchID) }
	return inOrder(lines, load, func(i int, doc *domain.MatchGoals) error {
		t.namesAhead(lines, i)
		h := lines[i]
		for _, g := range doc.Goals {
			done := 0
			for _, m := range g.Milestones {
				if m.Done {
					done++
				}
			}
			err := t.sheet.row(h.MatchID, g.ID, g.Title, g.Description, g.Measure, g.Due, g.Status, csvInt(g.Progress),
				csvInt(len(g.Milestones)), csvInt(done),
				h.MenteeID, t.names.username(h.MenteeID), h.MentorID, t.names.username(h.MentorID),
				g.CreatedBy, t.names.username(g.CreatedBy), csvTime(g.CreatedAt),
				g.UpdatedBy, t.names.username(g.UpdatedBy), csvTime(g.UpdatedAt), csvTime(g.ProgressAt), lastNote(g))
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// lastNote is the latest note in a goal's history, "" when none.
func lastNote(g *domain.Goal) string {
	for i := len(g.History) - 1; i >= 0; i-- {
		if g.History[i].Note != "" {
			return g.History[i].Note
		}
	}
	return ""
}

func (t *exportWriter) checkIns() error {
	if err := t.loadNames(); err != nil {
		return err
	}
	lines, err := t.activeLedger()
	if err != nil {
		return err
	}
	if err := t.sheet.header(checkInsHeader...); err != nil {
		return err
	}
	load := func(h *domain.MatchHealth) (*domain.MatchCheckIns, error) { return t.s.store.GetCheckIns(h.MatchID) }
	return inOrder(lines, load, func(i int, doc *domain.MatchCheckIns) error {
		t.namesAhead(lines, i)
		h := lines[i]
		rounds := slices.Clone(doc.Rounds)
		slices.SortFunc(rounds, func(a, b *domain.CheckInRound) int { return cmp.Compare(a.Round, b.Round) })
		for _, r := range rounds {
			// One row per side and round, answered or not, so a blank answer
			// shows who was asked and did not say.
			for _, userID := range answerers(h, r) {
				a := r.Answers[userID]
				err := t.sheet.row(h.MatchID, csvInt(r.Round), csvTime(r.Due), sideOf(h, userID), userID, t.names.username(userID),
					a.Answer, a.Note, csvTime(a.At))
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// answerers are the mentor, the mentee, then anyone else who answered the
// round (nobody else should; such an answer is still shown, not hidden).
func answerers(h *domain.MatchHealth, r *domain.CheckInRound) []string {
	out := []string{h.MentorID, h.MenteeID}
	var others []string
	for id := range r.Answers {
		if id != h.MentorID && id != h.MenteeID {
			others = append(others, id)
		}
	}
	slices.Sort(others)
	return append(out, others...)
}
