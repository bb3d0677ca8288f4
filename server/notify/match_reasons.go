package notify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
)

// Reasons are rendered from their kind, term and amount, never from the
// engine's English Text, and from the reader's side of the pair: the mentee
// reads "You want X; @ana offers it", the mentor "@bob wants X; you offer it",
// a coordinator or the pair's channel "@bob wants X; @ana offers it".
var (
	msgReasonSkillMentee   = &i18n.Message{ID: "match.reason.skill.mentee", Other: "You want {{.Term}}; {{.Mentor}} offers it"}
	msgReasonSkillMentor   = &i18n.Message{ID: "match.reason.skill.mentor", Other: "{{.Mentee}} wants {{.Term}}; you offer it"}
	msgReasonSkillOther    = &i18n.Message{ID: "match.reason.skill.other", Other: "{{.Mentee}} wants {{.Term}}; {{.Mentor}} offers it"}
	msgReasonGoalMentee    = &i18n.Message{ID: "match.reason.goal.mentee", Other: "Your goal “{{.Term}}”: {{.Mentor}} knows it"}
	msgReasonGoalMentor    = &i18n.Message{ID: "match.reason.goal.mentor", Other: "{{.Mentee}}'s goal “{{.Term}}”: you know it"}
	msgReasonGoalOther     = &i18n.Message{ID: "match.reason.goal.other", Other: "{{.Mentee}}'s goal “{{.Term}}”: {{.Mentor}} knows it"}
	msgReasonInterestPair  = &i18n.Message{ID: "match.reason.interest.pair", Other: "You are both interested in {{.Term}}"}
	msgReasonInterestOther = &i18n.Message{ID: "match.reason.interest.other", Other: "Both are interested in {{.Term}}"}
	msgReasonLanguagePair  = &i18n.Message{ID: "match.reason.language.pair", Other: "You both speak {{.Term}}"}
	msgReasonLanguageOther = &i18n.Message{ID: "match.reason.language.other", Other: "Both speak {{.Term}}"}
	msgReasonTimeZone      = &i18n.Message{ID: "match.reason.time_zone", Other: "{{.Hours}} h of shared working time"}
	msgReasonMoreMentee    = &i18n.Message{ID: "match.reason.experience_more.mentee", Other: "{{.Mentor}} has more experience than you (+{{.Years}} yr)"}
	msgReasonMoreMentor    = &i18n.Message{ID: "match.reason.experience_more.mentor", Other: "You have more experience than {{.Mentee}} (+{{.Years}} yr)"}
	msgReasonMoreOther     = &i18n.Message{ID: "match.reason.experience_more.other", Other: "{{.Mentor}} has more experience than {{.Mentee}} (+{{.Years}} yr)"}
	msgReasonLessMentee    = &i18n.Message{ID: "match.reason.experience_less.mentee", Other: "{{.Mentor}} has less experience than you (−{{.Years}} yr)"}
	msgReasonLessMentor    = &i18n.Message{ID: "match.reason.experience_less.mentor", Other: "You have less experience than {{.Mentee}} (−{{.Years}} yr)"}
	msgReasonLessOther     = &i18n.Message{ID: "match.reason.experience_less.other", Other: "{{.Mentor}} has less experience than {{.Mentee}} (−{{.Years}} yr)"}
	msgReasonNone          = &i18n.Message{ID: "match.reason.none", Other: "Free capacity and no constraint against the pair (the profiles have little in common yet)"}

	msgSuggestionsHeader = &i18n.Message{ID: "match.suggestions.header", Other: "**Mentors you could ask in {{.Program}}:**"}
	msgSuggestionLine    = &i18n.Message{ID: "match.suggestions.line", Other: "{{.Mentor}} ({{.Free}} of {{.Capacity}} places free): {{.Reasons}}"}
	msgSuggestionsHint   = &i18n.Message{ID: "match.suggestions.hint", Other: "Ask one with `/mentor request {{.Slug}} @username`."}
	msgSuggestionsNone   = &i18n.Message{ID: "match.suggestions.none", Other: "No mentor in {{.Program}} has a free place right now. Your coordinators ({{.Coordinators}}) can help; `/mentor suggest {{.Slug}}` shows new mentors as places free up."}
)

// statusLabels name match statuses for people.
var statusLabels = map[string]*i18n.Message{
	domain.MatchDraft:     {ID: "match.status.draft", Other: "being published"},
	domain.MatchProposed:  {ID: "match.status.proposed", Other: "proposed"},
	domain.MatchRequested: {ID: "match.status.requested", Other: "requested"},
	domain.MatchActive:    {ID: "match.status.active", Other: "active"},
	domain.MatchPaused:    {ID: "match.status.paused", Other: "paused"},
	domain.MatchCompleted: {ID: "match.status.completed", Other: "completed"},
	domain.MatchCancelled: {ID: "match.status.cancelled", Other: "cancelled"},
	domain.MatchDeclined:  {ID: "match.status.declined", Other: "declined"},
	domain.MatchExpired:   {ID: "match.status.expired", Other: "expired"},
	domain.MatchWithdrawn: {ID: "match.status.withdrawn", Other: "withdrawn"},
	domain.MatchVoid:      {ID: "match.status.void", Other: "not published"},
}

// MatchStatus names a match status in the reader's language.
func MatchStatus(tr *i18n.Translator, readerID, status string) string {
	if m, ok := statusLabels[status]; ok {
		return tr.T(readerID, m, nil)
	}
	return status
}

// Pair names the two people of a pair for rendering: ids to find the
// reader's side, names (@username) to show.
type Pair struct {
	MenteeID, MentorID string
	Mentee, Mentor     string
}

// pairOf names the pair of a match with name (id → @username).
func pairOf(menteeID, mentorID string, name func(string) string) Pair {
	return Pair{MenteeID: menteeID, MentorID: mentorID, Mentee: name(menteeID), Mentor: name(mentorID)}
}

// side picks the message for the reader: the mentee's, the mentor's or a third person's.
func side(readerID string, pair Pair, mentee, mentor, other *i18n.Message) *i18n.Message {
	switch readerID {
	case pair.MenteeID:
		return mentee
	case pair.MentorID:
		return mentor
	}
	return other
}

// ReasonText renders one reason for readerID.
func ReasonText(tr *i18n.Translator, readerID string, pair Pair, r matching.Reason) string {
	data := map[string]any{"Term": r.Term, "Mentee": pair.Mentee, "Mentor": pair.Mentor}
	var m *i18n.Message
	inPair := readerID == pair.MenteeID || readerID == pair.MentorID
	switch r.Kind {
	case matching.ReasonSkill:
		m = side(readerID, pair, msgReasonSkillMentee, msgReasonSkillMentor, msgReasonSkillOther)
	case matching.ReasonGoal:
		m = side(readerID, pair, msgReasonGoalMentee, msgReasonGoalMentor, msgReasonGoalOther)
	case matching.ReasonInterest:
		m = msgReasonInterestOther
		if inPair {
			m = msgReasonInterestPair
		}
	case matching.ReasonLanguage:
		m = msgReasonLanguageOther
		if inPair {
			m = msgReasonLanguagePair
		}
	case matching.ReasonTimeZone:
		m, data["Hours"] = msgReasonTimeZone, hours(r.Amount)
	case matching.ReasonExperience:
		data["Years"] = r.Amount
		m = side(readerID, pair, msgReasonMoreMentee, msgReasonMoreMentor, msgReasonMoreOther)
		if r.Amount < 0 {
			data["Years"] = -r.Amount
			m = side(readerID, pair, msgReasonLessMentee, msgReasonLessMentor, msgReasonLessOther)
		}
	default:
		return r.Text // a kind this surface does not know yet: the engine's English
	}
	return tr.T(readerID, m, data)
}

// hours renders minutes of overlap as hours: "3", "2.5".
func hours(minutes int) string {
	if minutes%60 == 0 {
		return fmt.Sprint(minutes / 60)
	}
	return fmt.Sprintf("%.1f", float64(minutes)/60)
}

// TopReasons returns at most limit reasons, those worth the most points first
// (limit 0 means all); equal points keep the engine's order.
func TopReasons(reasons []matching.Reason, limit int) []matching.Reason {
	sorted := slices.Clone(reasons)
	slices.SortStableFunc(sorted, func(a, b matching.Reason) int {
		switch {
		case a.Points > b.Points:
			return -1
		case a.Points < b.Points:
			return 1
		}
		return 0
	})
	if limit > 0 && len(sorted) > limit {
		sorted = sorted[:limit]
	}
	return sorted
}

// ReasonLines renders the top reasons as Markdown list items for readerID;
// a pair with none says why it is still eligible.
func ReasonLines(tr *i18n.Translator, readerID string, pair Pair, reasons []matching.Reason, limit int) []string {
	if len(reasons) == 0 {
		return []string{"- " + tr.T(readerID, msgReasonNone, nil)}
	}
	var lines []string
	for _, r := range TopReasons(reasons, limit) {
		lines = append(lines, "- "+ReasonText(tr, readerID, pair, r))
	}
	return lines
}

// ReasonSummary renders the top reasons on one line, separated by semicolons.
func ReasonSummary(tr *i18n.Translator, readerID string, pair Pair, reasons []matching.Reason, limit int) string {
	if len(reasons) == 0 {
		return tr.T(readerID, msgReasonNone, nil)
	}
	parts := make([]string, 0, len(reasons))
	for _, r := range TopReasons(reasons, limit) {
		parts = append(parts, ReasonText(tr, readerID, pair, r))
	}
	return strings.Join(parts, "; ")
}

// SuggestionReasons is how many reasons a suggestion line shows.
const SuggestionReasons = 3

// SuggestionsText lists mentors a mentee could ask, best first, with their top
// reasons and free places, and how to ask; name turns an id into @username.
func SuggestionsText(tr *i18n.Translator, readerID string, p *domain.Program, suggestions []app.Suggestion, name func(string) string) string {
	if len(suggestions) == 0 {
		coordinators := make([]string, 0, len(p.Coordinators))
		for _, id := range p.Coordinators {
			coordinators = append(coordinators, name(id))
		}
		return tr.T(readerID, msgSuggestionsNone, map[string]any{"Program": p.Name, "Slug": p.Slug,
			"Coordinators": strings.Join(coordinators, ", ")})
	}
	lines := []string{tr.T(readerID, msgSuggestionsHeader, map[string]any{"Program": p.Name})}
	for i, s := range suggestions {
		pair := pairOf(readerID, s.MentorID, name)
		lines = append(lines, fmt.Sprintf("%d. ", i+1)+tr.T(readerID, msgSuggestionLine, map[string]any{
			"Mentor": pair.Mentor, "Free": s.FreeCapacity, "Capacity": s.Capacity,
			"Reasons": ReasonSummary(tr, readerID, pair, s.Reasons, SuggestionReasons)}))
	}
	return strings.Join(append(lines, tr.T(readerID, msgSuggestionsHint, map[string]any{"Slug": p.Slug})), "\n")
}
