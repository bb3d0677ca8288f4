package command

import (
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgHelpProfile    = &i18n.Message{ID: "command.help.profile", Other: "Write your profile: skills, interests, languages, experience and availability (opens a form)."}
	msgHelpMatching   = &i18n.Message{ID: "command.help.matching", Other: "Set a program's matching weights, minimum score and rules (opens a form without options)."}
	msgProfileNoWords = &i18n.Message{ID: "command.profile.no_words", Other: "`/mentor profile` takes nothing after it: it opens your profile form."}
	msgOptionWhole    = &i18n.Message{ID: "command.option.whole_number", Other: "--{{.Name}} must be a whole number, for example --{{.Name}} {{.Example}}."}
	msgOptionOnOff    = &i18n.Message{ID: "command.option.on_off", Other: "--{{.Name}} takes on or off, for example --{{.Name}} on."}
)

// matchingUsage lists the options of /mentor program matching.
const matchingUsage = "program matching PROGRAM [--skill N] [--interest N] [--goal N] [--language N] [--time-zone N] [--experience N] [--min-score N] [--policy participation|quality] [--expiry-hours N] [--reminder-hours N] [--channel private|group] [--retention archive|after_days|keep] [--retention-days N] [--exclude-reporting-line on|off] [--exclude-same-department on|off]"

// matchingWeightOptions are the weight options, in the order of the engine's weights.
var matchingWeightOptions = []string{"skill", "interest", "goal", "language", "time-zone", "experience"}

var matchingOptions = append(append([]string{}, matchingWeightOptions...),
	"min-score", "policy", "expiry-hours", "reminder-hours", "channel", "retention", "retention-days",
	"exclude-reporting-line", "exclude-same-department")

// profileSubcommands are /mentor profile and the matching settings commands.
func profileSubcommands() []subcommand {
	return []subcommand{
		{name: "profile", usage: "profile", help: msgHelpProfile, audience: everyone, run: (*Handler).profile},
		{name: "program matching", usage: matchingUsage, help: msgHelpMatching, audience: coordinators,
			options: matchingOptions, run: (*Handler).programMatching},
	}
}

func (h *Handler) profile(c *call) (string, error) {
	if len(c.inv.words) > 0 {
		return "", argError(msgProfileNoWords, nil)
	}
	return "", h.Dialogs.OpenProfile(c.args.TriggerId, c.uid)
}

func (h *Handler) programMatching(c *call) (string, error) {
	p, err := h.programArg(c, "program matching")
	if err != nil {
		return "", err
	}
	if len(c.inv.options) == 0 {
		// Refuse before showing a form that could not be saved.
		if err := c.svc.Permissions.RequireCoordinator(c.uid, p); err != nil {
			return "", err
		}
		return "", h.Dialogs.OpenMatching(c.args.TriggerId, c.uid, p)
	}
	patch, err := matchingPatch(c.inv)
	if err != nil {
		return "", err
	}
	saved, err := c.svc.ProgramMatching.Update(c.uid, p.ID, patch)
	if err != nil {
		return "", err
	}
	return dialog.MatchingOutcome(c.tr, c.uid, p, saved), nil
}

// matchingPatch reads the typed options; ranges are the service's to check.
func matchingPatch(inv invocation) (app.MatchingPatch, error) {
	var (
		in    app.MatchingPatch
		err   error
		w     app.WeightsPatch
		whole = func(name, example string) *int {
			v := inv.option(name)
			if v == nil || err != nil {
				return nil
			}
			n, convErr := strconv.Atoi(strings.TrimSpace(*v))
			if convErr != nil {
				err = argError(msgOptionWhole, map[string]any{"Name": name, "Example": example})
				return nil
			}
			return &n
		}
		onOff = func(name string) *bool {
			v := inv.option(name)
			if v == nil || err != nil {
				return nil
			}
			switch strings.ToLower(strings.TrimSpace(*v)) {
			case "on", "yes", "true":
				on := true
				return &on
			case "off", "no", "false":
				off := false
				return &off
			}
			err = argError(msgOptionOnOff, map[string]any{"Name": name})
			return nil
		}
	)
	w.Skill, w.Interest, w.Goal = whole("skill", "30"), whole("interest", "8"), whole("goal", "12")
	w.Language, w.TimeZone, w.Experience = whole("language", "5"), whole("time-zone", "4"), whole("experience", "2")
	if w != (app.WeightsPatch{}) {
		in.Weights = &w
	}
	if m := whole("min-score", "40"); m != nil {
		v := int64(*m)
		in.MinScore = &v
	}
	in.RequestExpiryHours = whole("expiry-hours", "72")
	in.ReminderBeforeHours = whole("reminder-hours", "24")
	in.RetentionDays = whole("retention-days", "30")
	in.ExcludeReportingLine = onOff("exclude-reporting-line")
	in.ExcludeSameDepartment = onOff("exclude-same-department")
	in.Policy, in.PairChannel, in.Retention = inv.option("policy"), inv.option("channel"), inv.option("retention")
	return in, err
}

// addProfileAutocomplete adds /mentor profile, program members and program
// matching to the autocomplete tree.
func addProfileAutocomplete(root, program *model.AutocompleteData) {
	root.AddCommand(model.NewAutocompleteData("profile", "", "Write your profile (opens a form)"))

	members := model.NewAutocompleteData("members", "[program] [--page] [--search]", "Members of a program, a page at a time")
	programArgument(members)
	members.AddNamedTextArgument("page", "Page number", "N", `^\d+$`, false)
	members.AddNamedTextArgument("search", "Part of a username or name", "TEXT", "", false)
	program.AddCommand(members)

	matching := model.NewAutocompleteData("matching", "[program] [--options]", "Matching weights, minimum score and rules (a form without options)")
	programArgument(matching)
	for _, name := range matchingWeightOptions {
		matching.AddNamedTextArgument(name, "Weight: points for "+strings.ReplaceAll(name, "-", " ")+" (0 to 1000)", "N", `^\d+$`, false)
	}
	matching.AddNamedTextArgument("min-score", "Lowest score a pair may have", "N", `^-?\d+$`, false)
	matching.AddNamedStaticListArgument("policy", "Batch matching policy", false, staticList(app.Policies))
	matching.AddNamedTextArgument("expiry-hours", "Requests expire after (hours)", "N", `^\d+$`, false)
	matching.AddNamedTextArgument("reminder-hours", "Reminder before expiry (hours)", "N", `^\d+$`, false)
	matching.AddNamedStaticListArgument("channel", "Where an accepted pair talks", false, staticList(app.PairChannels))
	matching.AddNamedStaticListArgument("retention", "The pair channel after the match ends", false, staticList(app.Retentions))
	matching.AddNamedTextArgument("retention-days", "Archive the channel after (days)", "N", `^\d+$`, false)
	onOff := staticList([]string{"on", "off"})
	matching.AddNamedStaticListArgument("exclude-reporting-line", "Never pair within a reporting line", false, onOff)
	matching.AddNamedStaticListArgument("exclude-same-department", "Never pair within a department", false, onOff)
	program.AddCommand(matching)
}
