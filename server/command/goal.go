package command

import (
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

var (
	msgHelpGoals       = &i18n.Message{ID: "command.help.goals", Other: "In your pair's channel: your goals with their numbers, progress and milestones."}
	msgHelpGoalAdd     = &i18n.Message{ID: "command.help.goal_add", Other: "Set a goal with your partner, e.g. `/mentor goal add Give a talk --due 2026-12-31 --milestones topic; slides` (opens a form without a title)."}
	msgHelpGoalUpdate  = &i18n.Message{ID: "command.help.goal_update", Other: "Update a goal by its number: progress, status, a note, milestones (opens a form without options)."}
	msgHelpGoalDone    = &i18n.Message{ID: "command.help.goal_done", Other: "Mark a goal done."}
	msgGoalNeedsTitle  = &i18n.Message{ID: "command.goal.needs_title", Other: "Say the goal before the options, for example `/mentor goal add Give a talk --due 2026-12-31`. (`/mentor goal add` alone opens a form.)"}
	msgGoalNeedsRef    = &i18n.Message{ID: "command.goal.needs_ref", Other: "Say which goal: `/mentor goal {{.Command}} N`, with its number from `/mentor goals`."}
	msgNoSuchGoal      = &i18n.Message{ID: "command.goal.no_such_goal", Other: "There is no goal {{.Ref}}: this match has {{.Count}}. `/mentor goals` lists them with their numbers."}
	msgGoalBadProgress = &i18n.Message{ID: "command.goal.bad_progress", Other: "--progress takes a percentage from 0 to 100, for example --progress 40."}
	msgGoalsNone       = &i18n.Message{ID: "command.goals.none", Other: "No goals yet. `/mentor goal add TITLE` sets one (without a title it opens a form)."}
	msgGoalsHeader     = &i18n.Message{ID: "command.goals.header", Other: "#### Goals with {{.Partner}}"}
	msgGoalsHeaderPair = &i18n.Message{ID: "command.goals.header_pair", Other: "#### Goals of {{.Mentee}} and {{.Mentor}}"}
	msgGoalsFooter     = &i18n.Message{ID: "command.goals.footer", Other: "Change one with `/mentor goal update N --progress 60`, `--status at_risk`, `--note …`, `--done-milestone 1`, or `/mentor goal done N`."}
	msgGoalsReadOnly   = &i18n.Message{ID: "command.goals.read_only", Other: "_Read only: the match is {{.Status}}, or you are not one of its pair._"}
	msgGoalDoneReply   = &i18n.Message{ID: "command.goal.done", Other: "✅ Goal {{.Number}} is done: **{{.Title}}**. Your partner sees the card in your pair's channel."}
)

const (
	usageGoals      = "goals [--match ID]"
	usageGoalAdd    = "goal add [TITLE] [--measure T] [--due YYYY-MM-DD] [--milestones a; b; c] [--description T] [--progress N] [--match ID]"
	usageGoalUpdate = "goal update GOAL [--progress N] [--status on_track|at_risk|done|dropped] [--note T] [--done-milestone N] [--undone-milestone N] [--milestone TEXT] [--title T] [--due YYYY-MM-DD] [--match ID]"
	usageGoalDone   = "goal done GOAL [--note T] [--match ID]"
)

// goalSubcommands are the goal commands; they act on the match of the pair's
// channel they are typed in, or on --match ID.
func goalSubcommands() []subcommand {
	return []subcommand{
		{name: "goals", usage: usageGoals, help: msgHelpGoals, audience: everyone, options: []string{"match"}, run: (*Handler).goals},
		{name: "goal add", usage: usageGoalAdd, help: msgHelpGoalAdd, audience: everyone,
			options: []string{"measure", "due", "milestones", "description", "progress", "match"}, run: (*Handler).addGoal},
		{name: "goal update", usage: usageGoalUpdate, help: msgHelpGoalUpdate, audience: everyone,
			options: []string{"progress", "status", "note", "done-milestone", "undone-milestone", "milestone", "title", "due", "description", "measure", "match"},
			run:     (*Handler).updateGoal},
		{name: "goal done", usage: usageGoalDone, help: msgHelpGoalDone, audience: everyone, options: []string{"note", "match"}, run: (*Handler).goalDone},
	}
}

// goalMatch is the match a goal command is about: --match, else the pair
// channel it was typed in.
func goalMatch(c *call) (string, error) {
	if id := c.inv.opt("match"); id != "" {
		return id, nil
	}
	m, err := c.svc.Sessions.MatchOfChannel(c.uid, c.args.ChannelId)
	if err != nil {
		return "", err
	}
	return m.ID, nil
}

// goalRef reads the GOAL word (its number or its id) and finds the goal.
func goalRef(c *call, command string) (matchID string, goal *domain.Goal, number int, err error) {
	if len(c.inv.words) != 1 {
		return "", nil, 0, argError(msgGoalNeedsRef, map[string]any{"Command": command})
	}
	if matchID, err = goalMatch(c); err != nil {
		return "", nil, 0, err
	}
	v, err := c.svc.Goals.List(c.uid, matchID)
	if err != nil {
		return "", nil, 0, err
	}
	ref := strings.TrimPrefix(c.inv.words[0].text, "#")
	for i, g := range v.Goals {
		if g.ID == ref || strconv.Itoa(i+1) == ref {
			return matchID, g, i + 1, nil
		}
	}
	return "", nil, 0, argError(msgNoSuchGoal, map[string]any{"Ref": ref, "Count": len(v.Goals)})
}

// splitList reads "a; b; c" (or one per line) into its non-empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// progressOption reads --progress (40 or 40%), nil when not given.
func progressOption(c *call) (*int, error) {
	raw := c.inv.opt("progress")
	if c.inv.option("progress") == nil {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(raw, "%")))
	if err != nil {
		return nil, argError(msgGoalBadProgress, nil)
	}
	return &n, nil
}

// optional is an option's value when given (even empty), else nil.
func optional(c *call, name string) *string {
	if c.inv.option(name) == nil {
		return nil
	}
	v := c.inv.opt(name)
	return &v
}

func (h *Handler) goals(c *call) (string, error) {
	if len(c.inv.words) > 0 {
		return "", argError(msgNoSuchGoal, map[string]any{"Ref": c.inv.words[0].text, "Count": 0})
	}
	matchID, err := goalMatch(c)
	if err != nil {
		return "", err
	}
	v, err := c.svc.Goals.List(c.uid, matchID)
	if err != nil {
		return "", err
	}
	m, err := c.svc.Matches.Get(c.uid, matchID)
	if err != nil {
		return "", err
	}
	header := c.tr.T(c.uid, msgGoalsHeaderPair, map[string]any{"Mentee": h.name(m.MenteeID), "Mentor": h.name(m.MentorID)})
	if partner := m.Partner(c.uid); partner != "" {
		header = c.tr.T(c.uid, msgGoalsHeader, map[string]any{"Partner": h.name(partner)})
	}
	if len(v.Goals) == 0 {
		return header + "\n" + c.tr.T(c.uid, msgGoalsNone, nil), nil
	}
	lines := []string{header}
	for i, g := range v.Goals {
		lines = append(lines, notify.GoalLine(c.tr, c.uid, i+1, g))
		for j, ms := range g.Milestones {
			box := "☐"
			if ms.Done {
				box = "☑"
			}
			lines = append(lines, "    "+box+" "+strconv.Itoa(j+1)+". "+ms.Title)
		}
	}
	footer := c.tr.T(c.uid, msgGoalsFooter, nil)
	if !v.CanEdit {
		footer = c.tr.T(c.uid, msgGoalsReadOnly, map[string]any{"Status": i18n.Value(m.Status)})
	}
	return strings.Join(append(lines, "", footer), "\n"), nil
}

func (h *Handler) addGoal(c *call) (string, error) {
	title, _ := c.inv.span(c.inv.words)
	if title == "" {
		if len(c.inv.options) > 0 && (len(c.inv.options) > 1 || c.inv.opt("match") == "") {
			return "", argError(msgGoalNeedsTitle, nil) // a form would lose what was typed
		}
		matchID, err := goalMatch(c)
		if err != nil {
			return "", err
		}
		// Refuse before showing a form that could not be saved.
		if err := c.svc.Goals.RequireWriter(c.uid, matchID); err != nil {
			return "", err
		}
		return "", h.Dialogs.OpenGoal(c.args.TriggerId, c.uid, matchID, nil)
	}
	progress, err := progressOption(c)
	if err != nil {
		return "", err
	}
	matchID, err := goalMatch(c)
	if err != nil {
		return "", err
	}
	goal, err := c.svc.Goals.Add(c.uid, matchID, app.GoalInput{Title: title, Description: c.inv.opt("description"),
		Measure: c.inv.opt("measure"), Due: c.inv.opt("due"), Milestones: splitList(c.inv.opt("milestones")), Progress: progress})
	if err != nil {
		return "", err
	}
	return dialog.GoalOutcome(c.tr, c.uid, goalNumberIn(c, matchID, goal.ID), goal), nil
}

func goalNumberIn(c *call, matchID, goalID string) int {
	if v, err := c.svc.Goals.List(c.uid, matchID); err == nil {
		for i, g := range v.Goals {
			if g.ID == goalID {
				return i + 1
			}
		}
	}
	return 0
}

func (h *Handler) updateGoal(c *call) (string, error) {
	matchID, goal, number, err := goalRef(c, "update")
	if err != nil {
		return "", err
	}
	if len(c.inv.options) == 0 || (len(c.inv.options) == 1 && c.inv.option("match") != nil) {
		if err := c.svc.Goals.RequireWriter(c.uid, matchID); err != nil {
			return "", err
		}
		return "", h.Dialogs.OpenGoal(c.args.TriggerId, c.uid, matchID, goal)
	}
	progress, err := progressOption(c)
	if err != nil {
		return "", err
	}
	patch := app.GoalPatch{Progress: progress, Status: optional(c, "status"), Note: optional(c, "note"),
		Title: optional(c, "title"), Due: optional(c, "due"), Description: optional(c, "description"), Measure: optional(c, "measure"),
		DoneMilestones: splitMilestoneRefs(c.inv.opt("done-milestone")), UndoneMilestones: splitMilestoneRefs(c.inv.opt("undone-milestone")),
		AddMilestones: splitList(c.inv.opt("milestone"))}
	updated, err := c.svc.Goals.Update(c.uid, matchID, goal.ID, patch)
	if err != nil {
		return "", err
	}
	return dialog.GoalOutcome(c.tr, c.uid, number, updated), nil
}

// splitMilestoneRefs reads "1, 3" or "1 3" into milestone numbers (or ids).
func splitMilestoneRefs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
}

func (h *Handler) goalDone(c *call) (string, error) {
	matchID, goal, number, err := goalRef(c, "done")
	if err != nil {
		return "", err
	}
	done, err := c.svc.Goals.Done(c.uid, matchID, goal.ID, c.inv.opt("note"))
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgGoalDoneReply, map[string]any{"Number": number, "Title": done.Title}), nil
}

// addGoalAutocomplete adds the goal commands to the autocomplete tree.
func addGoalAutocomplete(root *model.AutocompleteData) {
	goals := model.NewAutocompleteData("goals", "[--match]", "Your goals with their numbers (in your pair's channel)")
	goals.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	root.AddCommand(goals)

	goal := model.NewAutocompleteData("goal", "add|update|done", "Set and update goals with your partner")
	add := model.NewAutocompleteData("add", "[title] [--options]", "Set a goal (a form without a title)")
	add.AddTextArgument("What you want to achieve (empty opens a form)", "[title]", "")
	add.AddNamedTextArgument("measure", "How you will know it is achieved", "TEXT", "", false)
	add.AddNamedTextArgument("due", "Due date", "YYYY-MM-DD", "", false)
	add.AddNamedTextArgument("milestones", "Steps, separated by ;", "a; b; c", "", false)
	add.AddNamedTextArgument("description", "More about the goal", "TEXT", "", false)
	add.AddNamedTextArgument("progress", "Progress so far, 0–100", "N", "", false)
	add.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	goal.AddCommand(add)

	update := model.NewAutocompleteData("update", "[goal] [--options]", "Update a goal (a form without options)")
	update.AddTextArgument("The goal's number from /mentor goals", "[goal]", "")
	update.AddNamedTextArgument("progress", "Progress, 0–100", "N", "", false)
	update.AddNamedStaticListArgument("status", "Status", false, []model.AutocompleteListItem{
		{Item: domain.GoalOnTrack, HelpText: "On track"}, {Item: domain.GoalAtRisk, HelpText: "At risk"},
		{Item: domain.GoalDone, HelpText: "Done"}, {Item: domain.GoalDropped, HelpText: "Dropped"},
	})
	update.AddNamedTextArgument("note", "What moved, or what is in the way", "TEXT", "", false)
	update.AddNamedTextArgument("done-milestone", "Tick milestones by number", "N[,N]", "", false)
	update.AddNamedTextArgument("undone-milestone", "Untick milestones by number", "N[,N]", "", false)
	update.AddNamedTextArgument("milestone", "Add milestones, separated by ;", "TEXT", "", false)
	update.AddNamedTextArgument("title", "New title", "TEXT", "", false)
	update.AddNamedTextArgument("due", "New due date", "YYYY-MM-DD", "", false)
	update.AddNamedTextArgument("description", "New description", "TEXT", "", false)
	update.AddNamedTextArgument("measure", "New measure of success", "TEXT", "", false)
	update.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	goal.AddCommand(update)

	done := model.NewAutocompleteData("done", "[goal] [--note]", "Mark a goal done")
	done.AddTextArgument("The goal's number from /mentor goals", "[goal]", "")
	done.AddNamedTextArgument("note", "A word about it (on the card)", "TEXT", "", false)
	done.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	goal.AddCommand(done)
	root.AddCommand(goal)
}
