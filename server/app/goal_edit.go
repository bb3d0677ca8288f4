package app

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Kinds of goal update (domain.GoalUpdate.Kind), from the least to the most
// telling: an update that does several things is told by the most telling.
const (
	kindNote      = "note"
	kindEdited    = "edited"
	kindMilestone = "milestone"
	kindProgress  = "progress"
	kindStatus    = "status"
	kindCreated   = "created"
)

var kindRank = map[string]int{"": 0, kindNote: 1, kindEdited: 2, kindMilestone: 3, kindProgress: 4, kindStatus: 5, kindCreated: 6}

var (
	msgGoalBadDue       = &i18n.Message{ID: "app.goal.bad_due", Other: "The due date must be a date like 2026-12-31; \"{{.Value}}\" is not."}
	msgGoalDuePast      = &i18n.Message{ID: "app.goal.due_past", Other: "The due date {{.Value}} is in the past; today is {{.Today}}."}
	msgGoalBadProgress  = &i18n.Message{ID: "app.goal.bad_progress", Other: "Progress is a percentage, a whole number from 0 to 100; {{.Value}} is not."}
	msgGoalBadStatus    = &i18n.Message{ID: "app.goal.bad_status", Other: "\"{{.Value}}\" is not a goal status; use on_track, at_risk, done or dropped."}
	msgTooManyMilestone = &i18n.Message{ID: "app.goal.too_many_milestones", Other: "A goal can have at most {{.Max}} milestones."}
	msgMilestoneEmpty   = &i18n.Message{ID: "app.goal.milestone_empty", Other: "A milestone needs a title."}
	msgNoSuchMilestone  = &i18n.Message{ID: "app.goal.no_such_milestone", Other: "This goal has no milestone \"{{.Ref}}\"; name one by its number (1, 2, …) or its id."}
	msgMilestoneBoth    = &i18n.Message{ID: "app.goal.milestone_both", Other: "Milestone \"{{.Ref}}\" cannot be marked done and not done at once."}
)

// goalTextErrors name the field in each text error ("too long", "control
// characters"), so the reader's language names it too.
var goalTextErrors = map[string][2]*i18n.Message{
	"title": {{ID: "app.goal.title_long", Other: "The title is {{.Length}} characters long; the limit is {{.Max}}."},
		{ID: "app.goal.title_control", Other: "The title contains line breaks or control characters; write it on one line."}},
	"description": {{ID: "app.goal.description_long", Other: "The description is {{.Length}} characters long; the limit is {{.Max}}."},
		{ID: "app.goal.description_control", Other: "The description contains control characters; write plain text."}},
	"measure": {{ID: "app.goal.measure_long", Other: "The measure of success is {{.Length}} characters long; the limit is {{.Max}}."},
		{ID: "app.goal.measure_control", Other: "The measure of success contains control characters; write plain text."}},
	"note": {{ID: "app.goal.note_long", Other: "The note is {{.Length}} characters long; the limit is {{.Max}}."},
		{ID: "app.goal.note_control", Other: "The note contains control characters; write plain text."}},
	"milestones": {{ID: "app.goal.milestone_long", Other: "A milestone is {{.Length}} characters long; the limit is {{.Max}}."},
		{ID: "app.goal.milestone_control", Other: "A milestone contains line breaks or control characters; write each on one line."}},
}

// cleanGoalText trims and checks one text field: its length in characters and no
// control characters (line breaks only where multiline).
func cleanGoalText(field, text string, limit int, multiline bool) (string, error) {
	text = strings.TrimSpace(domain.NormalizeNewlines(text))
	msgs, ok := goalTextErrors[field]
	if !ok {
		msgs = goalTextErrors["milestones"] // add_milestones
	}
	if n := utf8.RuneCountInString(text); n > limit {
		return "", invalid(field, msgs[0], map[string]any{"Length": n, "Max": limit})
	}
	if domain.HasControlCharacters(text, multiline) {
		return "", invalid(field, msgs[1], nil)
	}
	return text, nil
}

// cleanDue reads a due date; a new one may not be before today in the
// actor's time zone ("" means none).
func (s *Goals) cleanDue(actorID, due string, now time.Time) (string, error) {
	due = strings.TrimSpace(due)
	if due == "" {
		return "", nil
	}
	if _, ok := domain.ParseDate(due); !ok {
		return "", invalid("due", msgGoalBadDue, map[string]any{"Value": due})
	}
	today := now.In(s.sessions.zoneOf(actorID)).Format(time.DateOnly)
	if due < today { // both YYYY-MM-DD: text order is date order
		return "", invalid("due", msgGoalDuePast, map[string]any{"Value": due, "Today": today})
	}
	return due, nil
}

func checkProgress(p int) error {
	if p < 0 || p > 100 {
		return invalid("progress", msgGoalBadProgress, map[string]any{"Value": p})
	}
	return nil
}

// cleanStatus reads a status, forgiving case, spaces and dashes ("On track").
func cleanStatus(status string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(status))
	v = strings.NewReplacer(" ", "_", "-", "_").Replace(v)
	if !slices.Contains(domain.GoalStatuses, v) {
		return "", invalid("status", msgGoalBadStatus, map[string]any{"Value": status})
	}
	return v, nil
}

// cleanMilestones checks milestone titles to add.
func cleanMilestones(field string, titles []string, limit int) ([]string, error) {
	if len(titles) > limit {
		return nil, invalid(field, msgTooManyMilestone, map[string]any{"Max": domain.MaxMilestonesPerGoal})
	}
	out := make([]string, 0, len(titles))
	for _, t := range titles {
		clean, err := cleanGoalText(field, t, domain.MaxGoalTitle, false)
		if err != nil {
			return nil, err
		}
		if clean == "" {
			return nil, invalid(field, msgMilestoneEmpty, nil)
		}
		out = append(out, clean)
	}
	return out, nil
}

// newGoal checks a new goal and builds it.
func (s *Goals) newGoal(actorID string, in GoalInput, now time.Time) (*domain.Goal, error) {
	title, err := cleanGoalText("title", in.Title, domain.MaxGoalTitle, false)
	if err != nil {
		return nil, err
	}
	if title == "" {
		return nil, invalid("title", msgGoalTitleMissing, nil)
	}
	description, err := cleanGoalText("description", in.Description, domain.MaxGoalDescription, true)
	if err != nil {
		return nil, err
	}
	measure, err := cleanGoalText("measure", in.Measure, domain.MaxGoalMeasure, true)
	if err != nil {
		return nil, err
	}
	due, err := s.cleanDue(actorID, in.Due, now)
	if err != nil {
		return nil, err
	}
	milestones, err := cleanMilestones("milestones", in.Milestones, domain.MaxMilestonesPerGoal)
	if err != nil {
		return nil, err
	}
	goal := &domain.Goal{ID: s.deps.NewID(), Title: title, Description: description, Measure: measure, Due: due,
		Status: domain.GoalOnTrack, CreatedBy: actorID, CreatedAt: now, UpdatedBy: actorID, UpdatedAt: now, ProgressAt: now}
	for _, t := range milestones {
		goal.Milestones = append(goal.Milestones, domain.Milestone{ID: s.deps.NewID(), Title: t})
	}
	if in.Progress != nil {
		if err := checkProgress(*in.Progress); err != nil {
			return nil, err
		}
		goal.Progress, goal.ProgressSet = *in.Progress, true
	}
	goal.History = []domain.GoalUpdate{{At: now, By: actorID, Kind: kindCreated, Progress: goal.Progress, Status: goal.Status}}
	return goal, nil
}

// goalChange is a checked patch.
type goalChange struct {
	GoalPatch
	// duePast refuses the patch's due date if it changes the goal's.
	duePast error
}

// cleanPatch checks what a patch says on its own (the goal it changes is
// read inside the compare-and-set): trimmed text within limits, a progress,
// a status, milestone titles.
func (s *Goals) cleanPatch(actorID string, in GoalPatch, now time.Time) (goalChange, error) {
	out := in
	texts := []struct {
		field     string
		value     **string
		limit     int
		multiline bool
	}{
		{"title", &out.Title, domain.MaxGoalTitle, false},
		{"description", &out.Description, domain.MaxGoalDescription, true},
		{"measure", &out.Measure, domain.MaxGoalMeasure, true},
		{"note", &out.Note, domain.MaxGoalNote, true},
	}
	for _, t := range texts {
		if *t.value == nil {
			continue
		}
		clean, err := cleanGoalText(t.field, **t.value, t.limit, t.multiline)
		if err != nil {
			return goalChange{}, err
		}
		*t.value = &clean
	}
	if out.Title != nil && *out.Title == "" {
		return goalChange{}, invalid("title", msgGoalTitleMissing, nil)
	}
	if out.Due != nil {
		due := strings.TrimSpace(*out.Due)
		if due != "" {
			if _, ok := domain.ParseDate(due); !ok {
				return goalChange{}, invalid("due", msgGoalBadDue, map[string]any{"Value": due})
			}
		}
		out.Due = &due // the past is checked against the goal: an unchanged past date stays
	}
	if out.Progress != nil {
		if err := checkProgress(*out.Progress); err != nil {
			return goalChange{}, err
		}
	}
	if out.Status != nil {
		status, err := cleanStatus(*out.Status)
		if err != nil {
			return goalChange{}, err
		}
		out.Status = &status
	}
	var err error
	if out.AddMilestones, err = cleanMilestones("add_milestones", in.AddMilestones, domain.MaxMilestonesPerGoal); err != nil {
		return goalChange{}, err
	}
	for _, refs := range []struct {
		field string
		list  []string
	}{{"done_milestones", in.DoneMilestones}, {"undone_milestones", in.UndoneMilestones}} {
		if len(refs.list) > domain.MaxMilestonesPerGoal {
			return goalChange{}, invalid(refs.field, msgTooManyMilestone, map[string]any{"Max": domain.MaxMilestonesPerGoal})
		}
	}
	for _, ref := range in.DoneMilestones {
		if slices.Contains(in.UndoneMilestones, ref) {
			return goalChange{}, invalid("done_milestones", msgMilestoneBoth, map[string]any{"Ref": ref})
		}
	}
	if out.Title == nil && out.Description == nil && out.Measure == nil && out.Due == nil && out.Progress == nil &&
		out.Status == nil && (out.Note == nil || *out.Note == "") && len(out.AddMilestones) == 0 &&
		len(in.DoneMilestones) == 0 && len(in.UndoneMilestones) == 0 {
		return goalChange{}, invalid("", msgGoalNothingToDo, nil)
	}
	change := goalChange{GoalPatch: out}
	if out.Due != nil && *out.Due != "" {
		// A date in the past is refused only if it changes the goal's: an
		// unchanged (past) due date may stay while other fields change.
		_, change.duePast = s.cleanDue(actorID, *out.Due, now)
	}
	return change, nil
}

// findMilestone finds a goal's milestone by id or by its number (1, 2, …).
func findMilestone(goal *domain.Goal, ref string) *domain.Milestone {
	ref = strings.TrimSpace(ref)
	for i := range goal.Milestones {
		if goal.Milestones[i].ID == ref {
			return &goal.Milestones[i]
		}
	}
	if n, err := strconv.Atoi(ref); err == nil && n >= 1 && n <= len(goal.Milestones) {
		return &goal.Milestones[n-1]
	}
	return nil
}

// applyPatch changes the goal as the patch says and returns the card the
// update owes, or nil when nothing changed. It runs inside a compare-and-set:
// it may run several times, each on a freshly read goal.
func applyPatch(goal *domain.Goal, c goalChange, by string, now time.Time, newID func() string) (*domain.GoalCard, error) {
	kind, milestone := "", ""
	told := func(k string) {
		if kindRank[k] > kindRank[kind] {
			kind = k
		}
	}
	if c.Due != nil && *c.Due != goal.Due && c.duePast != nil {
		return nil, c.duePast // a due date may not move into the past
	}
	for _, f := range []struct {
		patch *string
		field *string
	}{{c.Title, &goal.Title}, {c.Description, &goal.Description}, {c.Measure, &goal.Measure}, {c.Due, &goal.Due}} {
		if f.patch != nil && *f.patch != *f.field {
			*f.field = *f.patch
			told(kindEdited)
		}
	}
	if len(goal.Milestones)+len(c.AddMilestones) > domain.MaxMilestonesPerGoal {
		return nil, invalid("add_milestones", msgTooManyMilestone, map[string]any{"Max": domain.MaxMilestonesPerGoal})
	}
	for _, t := range c.AddMilestones {
		goal.Milestones = append(goal.Milestones, domain.Milestone{ID: newID(), Title: t})
		told(kindMilestone)
		milestone = t
	}
	for _, tick := range []struct {
		field string
		refs  []string
		done  bool
	}{{"done_milestones", c.DoneMilestones, true}, {"undone_milestones", c.UndoneMilestones, false}} {
		for _, ref := range tick.refs {
			ms := findMilestone(goal, ref)
			if ms == nil {
				return nil, invalid(tick.field, msgNoSuchMilestone, map[string]any{"Ref": ref})
			}
			if ms.Done == tick.done {
				continue
			}
			ms.Done = tick.done
			ms.DoneAt, ms.DoneBy = time.Time{}, ""
			if tick.done {
				ms.DoneAt, ms.DoneBy = now, by
			}
			told(kindMilestone)
			milestone = ms.Title
		}
	}
	if c.Progress != nil && (!goal.ProgressSet || goal.Progress != *c.Progress) {
		goal.Progress, goal.ProgressSet = *c.Progress, true
		told(kindProgress)
	}
	wasDone := goal.Status == domain.GoalDone
	if c.Status != nil && *c.Status != goal.Status {
		goal.Status = *c.Status
		told(kindStatus)
	}
	note := ""
	if c.Note != nil && *c.Note != "" {
		note = *c.Note
		told(kindNote)
	}
	if kind == "" {
		return nil, nil
	}
	before := goal.Progress
	goal.Progress = effectiveProgress(goal, wasDone && c.Progress == nil)
	if kindRank[kind] >= kindRank[kindMilestone] || goal.Progress != before {
		goal.ProgressAt = now
	}
	goal.UpdatedBy, goal.UpdatedAt = by, now
	update := domain.GoalUpdate{At: now, By: by, Kind: kind, Note: note, Progress: goal.Progress, Status: goal.Status}
	goal.History = append(goal.History, update)
	if len(goal.History) > domain.MaxGoalHistory {
		goal.History = goal.History[len(goal.History)-domain.MaxGoalHistory:]
	}
	return cardOf(goal, update, milestone), nil
}

// effectiveProgress is a goal's progress: 100 once done; the one set by hand
// (for a goal reopened after done: the last before it was done); else the
// share of its milestones done (0 without milestones).
func effectiveProgress(goal *domain.Goal, wasDone bool) int {
	switch {
	case goal.Status == domain.GoalDone:
		return 100
	case goal.ProgressSet && wasDone:
		for i := len(goal.History) - 1; i >= 0; i-- {
			if u := goal.History[i]; u.Status != domain.GoalDone {
				return u.Progress
			}
		}
		return goal.Progress
	case goal.ProgressSet:
		return goal.Progress
	case len(goal.Milestones) == 0:
		return 0
	}
	done := 0
	for _, ms := range goal.Milestones {
		if ms.Done {
			done++
		}
	}
	return done * 100 / len(goal.Milestones)
}

// cardOf is the card telling one update of a goal.
func cardOf(goal *domain.Goal, u domain.GoalUpdate, milestone string) *domain.GoalCard {
	return &domain.GoalCard{GoalID: goal.ID, By: u.By, Kind: u.Kind, Title: goal.Title, Progress: goal.Progress,
		Status: goal.Status, Note: u.Note, Milestone: milestone}
}
