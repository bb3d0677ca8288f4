package app

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Insight is the coordinators' view of a program's health: counts and trends
// read from the program's health ledger (one small line per match, kept
// current by Health) and its roster, never from every record of every match,
// so a program of 10,000 members and 4,000 matches is a few dozen reads.
type Insight struct{ base }

func newInsight(b base) *Insight { return &Insight{base: b} }

// InsightNotifier tells the two people of a match that their coordinator is
// checking in on them. Like the other notifiers it never fails the caller.
type InsightNotifier interface {
	// Nudge DMs both sides of the match, each in their language, with the
	// coordinator's note and a link to the pair's channel (channelURL, "" when
	// unknown); it reports how many DMs were sent.
	Nudge(p *domain.Program, h *domain.MatchHealth, coordinatorID, note, channelURL string) int
}

// NudgeEvery is how often a coordinator may nudge one pair: the pair should
// not get a "checking in" DM from every coordinator who opens the list.
const NudgeEvery = 24 * time.Hour

// Paging of the at-risk list; the insight view carries the first
// InsightAtRiskLimit entries.
const (
	AtRiskDefaultPerPage = 20
	AtRiskMaxPerPage     = 100
	InsightAtRiskLimit   = 100
	// MaxNudgeNote bounds the coordinator's note in a nudge.
	MaxNudgeNote = 1000
)

var (
	msgNudgeTooSoon = &i18n.Message{ID: "app.insight.nudge_too_soon",
		Other: "This pair was already nudged at {{.At}} ({{.Zone}}); a pair gets at most one nudge a day. Try again after {{.Next}}."}
	msgNudgeNotLive = &i18n.Message{ID: "app.insight.nudge_not_live",
		Other: "This match is {{.Status}}; only active or paused matches can be nudged."}
	msgNudgeNoMatch = &i18n.Message{ID: "app.insight.no_match",
		Other: "There is no match {{.Match}} in {{.Program}}. `/mentor at-risk {{.Slug}}` lists the pairs that need attention, with their ids."}
	msgNudgeNoteLong = &i18n.Message{ID: "app.insight.note_too_long",
		Other: "The note is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
)

// AtRiskPage is one page of a program's at-risk list.
type AtRiskPage struct {
	Items []AtRiskMatch `json:"items"`
	Total int           `json:"total"`
}

// NudgeResult is what a nudge answers.
type NudgeResult struct {
	NudgedAt time.Time `json:"nudged_at"`
	// MenteeID and MentorID name the pair for the command's reply.
	MenteeID string `json:"-"`
	MentorID string `json:"-"`
}

// DueKinds are the kinds of due work Insight handles: none, a nudge is sent
// while the coordinator waits and the digest is Digests' work.
func (s *Insight) DueKinds() []string { return nil }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Insight) HandleDue(kind, _ string) error {
	return errors.Errorf("insight handles no due work of kind %q", kind)
}

func (s *Insight) now() time.Time { return s.deps.Now().UTC() }

// coordinated returns the program when the actor coordinates it: 404 for a
// program the actor cannot see, 403 for one they see but do not coordinate.
func (s *Insight) coordinated(actorID, programID string) (*domain.Program, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	return p, nil
}

// Get computes the program's insight for its coordinators and system admins.
func (s *Insight) Get(actorID, programID string) (*InsightView, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	return s.compute(p)
}

// Summary computes a program's insight without a permission check (the
// digest's use); the REST route and the command check the reader first.
func (s *Insight) Summary(programID string) (*InsightView, error) {
	p, err := s.store.GetProgram(programID)
	if err != nil {
		return nil, err
	}
	return s.compute(p)
}

// AtRisk returns one page (from 0) of the program's at-risk list, worst first.
func (s *Insight) AtRisk(actorID, programID string, page, perPage int) (*AtRiskPage, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	if perPage <= 0 {
		perPage = AtRiskDefaultPerPage
	}
	perPage = min(perPage, AtRiskMaxPerPage)
	ledger, err := s.store.ProgramHealth(p.ID)
	if err != nil {
		return nil, err
	}
	all := atRisk(ledger, p.Insight.WithDefaults(), s.now())
	out := &AtRiskPage{Items: []AtRiskMatch{}, Total: len(all)}
	if from := page * perPage; page >= 0 && from < len(all) {
		out.Items = all[from:min(len(all), from+perPage)]
	}
	return out, nil
}

func (s *Insight) compute(p *domain.Program) (*InsightView, error) {
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	ledger, err := s.store.ProgramHealth(p.ID)
	if err != nil {
		return nil, err
	}
	resources, err := newResources(s.base).ProgramStats(p.ID)
	if err != nil {
		return nil, err
	}
	v := summarize(p, roster.Entries, ledger, s.now())
	v.Resources = resources
	return v, nil
}

// Nudge DMs both sides of an at-risk match that their coordinator is checking
// in. A pair is nudged at most once per NudgeEvery: the time is claimed in the
// match's ledger line with a compare-and-set, so of two coordinators pressing
// at once on two servers one sends and the other is told it was just done.
func (s *Insight) Nudge(actorID, programID, matchID, note string) (*NudgeResult, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	note = strings.TrimSpace(domain.NormalizeNewlines(note))
	if n := utf8.RuneCountInString(note); n > MaxNudgeNote {
		return nil, invalid("note", msgNudgeNoteLong, map[string]any{"Length": n, "Max": MaxNudgeNote})
	}
	if domain.HasControlCharacters(note, true) {
		return nil, invalid("note", msgControlCharsText, nil)
	}
	now := s.now()
	missing := notFound(msgNudgeNoMatch, map[string]any{"Match": matchID, "Program": p.Name, "Slug": p.Slug})
	// Looked up first: updating a line that does not exist would write its
	// page pointer, and a probe with made-up ids must write nothing.
	if _, found, err := s.store.GetMatchHealth(p.ID, matchID); err != nil || !found {
		if err == nil {
			err = missing
		}
		return nil, err
	}
	h, err := s.store.UpdateMatchHealth(p.ID, matchID, func(h *domain.MatchHealth, exists bool) error {
		switch {
		case !exists || h.ProgramID != p.ID:
			return missing
		case h.Status != domain.MatchActive && h.Status != domain.MatchPaused:
			return conflict("match_id", msgNudgeNotLive, map[string]any{"Status": i18n.Value(h.Status)})
		case !h.NudgedAt.IsZero() && now.Sub(h.NudgedAt) < NudgeEvery:
			zone := s.sessions.zoneOf(actorID) // shown in the reader's zone
			return conflict("match_id", msgNudgeTooSoon, map[string]any{
				"At":   h.NudgedAt.In(zone).Format("2006-01-02 15:04"),
				"Next": h.NudgedAt.Add(NudgeEvery).In(zone).Format("2006-01-02 15:04"),
				"Zone": zone.String(),
			})
		}
		h.NudgedAt = now
		return nil
	})
	if err != nil {
		return nil, err
	}
	link := ""
	if s.deps.ChannelURL != nil && h.ChannelID != "" {
		link = s.deps.ChannelURL(h.ChannelID)
	}
	s.deps.Insight.Nudge(p, h, actorID, note, link)
	s.deps.Notifier.Changed(p.ID, p.Coordinators...)
	return &NudgeResult{NudgedAt: h.NudgedAt, MenteeID: h.MenteeID, MentorID: h.MentorID}, nil
}
