package command

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgHelpInsight         = &i18n.Message{ID: "command.help.insight", Other: "A program's health in numbers and the pairs that need attention (coordinators)."}
	msgHelpInsightSettings = &i18n.Message{ID: "command.help.insight_settings", Other: "The at-risk thresholds and the weekly digest's time; without options, shows them."}
	msgHelpAtRisk          = &i18n.Message{ID: "command.help.at_risk", Other: "The pairs that need attention, worst first, with why and their match ids."}
	msgHelpNudge           = &i18n.Message{ID: "command.help.nudge", Other: "DM both people of a match that you are checking in (once a day per pair)."}

	msgInsightHeader    = &i18n.Message{ID: "command.insight.header", Other: "#### Insight: {{.Program}}"}
	msgInsightPeople    = &i18n.Message{ID: "command.insight.people", Other: "**Participants:** {{.Total}} ({{.Roles}})"}
	msgInsightMatches   = &i18n.Message{ID: "command.insight.matches", Other: "**Matches:** {{.Active}} active of {{.Total}}"}
	msgInsightSessions  = &i18n.Message{ID: "command.insight.sessions", Other: "**Sessions:** {{.Held}} held of {{.Planned}} planned · attendance {{.Attendance}}"}
	msgInsightGoals     = &i18n.Message{ID: "command.insight.goals", Other: "**Goals:** {{.Done}} done of {{.Total}} ({{.Rate}} completed, {{.Dropped}} dropped)"}
	msgInsightRatings   = &i18n.Message{ID: "command.insight.ratings", Other: "**Average rating:** {{.Average}} from {{.Count}} ratings"}
	msgInsightNoRatings = &i18n.Message{ID: "command.insight.no_ratings", Other: "**Average rating:** no ratings yet"}
	msgInsightCheckIns  = &i18n.Message{ID: "command.insight.checkins", Other: "**Check-ins this week:** {{.Great}} great · {{.Fine}} fine · {{.Struggling}} struggling"}
	msgInsightNoRisk    = &i18n.Message{ID: "command.insight.no_risk", Other: "No pair needs attention right now."}
	msgInsightRiskHead  = &i18n.Message{ID: "command.insight.risk_header", Other: "**Needs attention ({{.Total}}):**"}
	msgInsightMore      = &i18n.Message{ID: "command.insight.more", Other: "All of them: `/mentor at-risk {{.Slug}}`. The charts are in the Mentorship sidebar."}
	msgAtRiskHeader     = &i18n.Message{ID: "command.at_risk.header", Other: "#### Pairs that need attention in {{.Program}} ({{.Total}})"}
	msgAtRiskLine       = &i18n.Message{ID: "command.at_risk.line", Other: "{{.Mentee}} with {{.Mentor}}: {{.Reasons}} · match `{{.Match}}`"}
	msgAtRiskNudged     = &i18n.Message{ID: "command.at_risk.nudged", Other: "nudged {{.When}}"}
	msgAtRiskPastEnd    = &i18n.Message{ID: "command.at_risk.past_end", Other: "The list has {{.Pages}} pages; ask for a page from 1 to {{.Pages}}."}
	msgAtRiskPageOf     = &i18n.Message{ID: "command.at_risk.page_of", Other: "Page {{.Page}} of {{.Pages}}. Next: `/mentor at-risk {{.Slug}} --page {{.Next}}`"}
	msgAtRiskFooter     = &i18n.Message{ID: "command.at_risk.footer", Other: "Nudge a pair with `/mentor nudge {{.Slug}} MATCH_ID [--note TEXT]`."}
	msgNeedMatchID      = &i18n.Message{ID: "command.nudge.need_match", Other: "Say which pair: `/mentor nudge PROGRAM MATCH_ID [--note TEXT]`. `/mentor at-risk PROGRAM` lists the pairs with their match ids."}
	msgNudged           = &i18n.Message{ID: "command.nudge.done", Other: "I sent {{.Mentee}} and {{.Mentor}} a note that you are checking in. The pair can be nudged again in 24 hours."}
	msgSettingsHeader   = &i18n.Message{ID: "command.insight_settings.header", Other: "#### Insight settings of {{.Program}}"}
	msgSettingsBody     = &i18n.Message{ID: "command.insight_settings.body", Other: "- No session for more than **{{.NoSession}}** days (`--no-session`)\n- No first meeting **{{.FirstMeeting}}** days after matching (`--first-meeting`)\n- A goal not moved for **{{.Stalled}}** days (`--stalled-goal`)\n- One side silent in the pair's channel for **{{.Silent}}** days (`--silent`)\n- A rating of **{{.LowRating}}** or lower (`--low-rating`)\n- Weekly digest: **{{.DigestDay}} {{.DigestTime}}** in each coordinator's time zone (`--digest-day mon…sun|off`, `--digest-time HH:MM`)"}
	msgSettingsSaved    = &i18n.Message{ID: "command.insight_settings.saved", Other: "Saved."}
	msgBadWholeNumber   = &i18n.Message{ID: "command.insight_settings.bad_number", Other: "--{{.Option}} takes a whole number, for example --{{.Option}} 14."}

	msgReasonNoSession  = &i18n.Message{ID: "insight.reason.no_session", Other: "no session for {{.Days}} days"}
	msgReasonNoFirst    = &i18n.Message{ID: "insight.reason.no_first_meeting", Other: "no first meeting {{.Days}} days after matching"}
	msgReasonStalled    = &i18n.Message{ID: "insight.reason.stalled_goal", Other: "a goal stalled for {{.Days}} days"}
	msgReasonLowRating  = &i18n.Message{ID: "insight.reason.low_rating", Other: "a low rating ({{.Rating}})"}
	msgReasonStruggling = &i18n.Message{ID: "insight.reason.struggling", Other: "{{.User}} is struggling"}
	msgReasonSilent     = &i18n.Message{ID: "insight.reason.one_side_silent", Other: "{{.User}} silent in the channel for {{.Days}} days"}
)

// settingsOptions maps the insight settings options to their fields.
var settingsOptions = []string{"no-session", "first-meeting", "stalled-goal", "silent", "low-rating", "digest-day", "digest-time"}

// atRiskPageSize is how many pairs one /mentor at-risk page lists.
const atRiskPageSize = 15

// insightTopRisks is how many at-risk pairs /mentor insight lists.
const insightTopRisks = 5

// insightSubcommands are the coordinators' insight commands. "insight
// settings" comes before "insight": the first row whose words start the line runs.
func insightSubcommands() []subcommand {
	return []subcommand{
		{name: "insight settings", usage: "insight settings PROGRAM [--no-session N] [--first-meeting N] [--stalled-goal N] [--silent N] [--low-rating N] [--digest-day mon…sun|off] [--digest-time HH:MM]",
			help: msgHelpInsightSettings, audience: coordinators, options: settingsOptions, run: (*Handler).insightSettings},
		{name: "insight", usage: "insight PROGRAM", help: msgHelpInsight, audience: coordinators, run: (*Handler).insight},
		{name: "at-risk", usage: "at-risk PROGRAM [--page N]", help: msgHelpAtRisk, audience: coordinators,
			options: []string{"page"}, run: (*Handler).atRisk},
		{name: "nudge", usage: "nudge PROGRAM MATCH_ID [--note TEXT]", help: msgHelpNudge, audience: coordinators,
			options: []string{"note"}, run: (*Handler).nudge},
	}
}

func addInsightAutocomplete(root *model.AutocompleteData) {
	// A node cannot take both an argument and subcommands, so "insight
	// PROGRAM" and "insight settings PROGRAM" are two nodes, as "session" is.
	insight := model.NewAutocompleteData("insight", "[program]", "A program's health and the pairs that need attention")
	programArgument(insight)
	insight.RoleID = model.SystemUserRoleId
	root.AddCommand(insight)
	configure := model.NewAutocompleteData("insight", "settings", "At-risk thresholds and the digest's time")
	settings := model.NewAutocompleteData("settings", "[program]", "At-risk thresholds and the digest's time")
	programArgument(settings)
	for _, name := range []string{"no-session", "first-meeting", "stalled-goal", "silent"} {
		settings.AddNamedTextArgument(name, "Days (1–365)", "N", `^\d+$`, false)
	}
	settings.AddNamedStaticListArgument("low-rating", "Ratings at or below this are low", false, staticList([]string{"1", "2", "3", "4"}))
	settings.AddNamedStaticListArgument("digest-day", "The weekly digest's day", false, staticList(app.DigestDays))
	settings.AddNamedTextArgument("digest-time", "The weekly digest's time, in each coordinator's zone", "HH:MM", `^\d{2}:\d{2}$`, false)
	configure.AddCommand(settings)
	configure.RoleID = model.SystemUserRoleId
	root.AddCommand(configure)

	atRisk := model.NewAutocompleteData("at-risk", "[program] [--page]", "The pairs that need attention")
	programArgument(atRisk)
	atRisk.AddNamedTextArgument("page", "Page of the list", "N", `^\d+$`, false)
	root.AddCommand(atRisk)

	nudge := model.NewAutocompleteData("nudge", "[program] [match id]", "Tell a pair you are checking in")
	programArgument(nudge)
	nudge.AddTextArgument("The match id, from /mentor at-risk", "[match id]", "")
	nudge.AddNamedTextArgument("note", "A note for both", "TEXT", "", false)
	root.AddCommand(nudge)
}

func (h *Handler) insight(c *call) (string, error) {
	p, err := h.programArg(c, "insight")
	if err != nil {
		return "", err
	}
	v, err := c.svc.Insight.Get(c.uid, p.ID)
	if err != nil {
		return "", err
	}
	t := func(m *i18n.Message, data map[string]any) string { return c.tr.T(c.uid, m, data) }
	var roles []string
	for _, role := range []string{"mentee", "mentor", "both", "peer"} {
		if n := v.Participants.ByRole[role]; n > 0 {
			roles = append(roles, fmt.Sprintf("%d %s", n, c.tr.Role(c.uid, role)))
		}
	}
	lines := []string{
		t(msgInsightHeader, map[string]any{"Program": p.Name}),
		t(msgInsightPeople, map[string]any{"Total": v.Participants.Total, "Roles": strings.Join(roles, ", ")}),
		t(msgInsightMatches, map[string]any{"Active": v.Matches.Active, "Total": v.Matches.Total}),
		t(msgInsightSessions, map[string]any{"Held": v.Sessions.Held, "Planned": v.Sessions.Planned, "Attendance": percent(v.Sessions.AttendanceRate)}),
		t(msgInsightGoals, map[string]any{"Done": v.Goals.Done, "Total": v.Goals.Total, "Rate": percent(v.Goals.CompletionRate), "Dropped": v.Goals.Dropped}),
	}
	if v.Ratings.Count > 0 {
		lines = append(lines, t(msgInsightRatings, map[string]any{"Average": fmt.Sprintf("%.1f", v.Ratings.Average), "Count": v.Ratings.Count}))
	} else {
		lines = append(lines, t(msgInsightNoRatings, nil))
	}
	if n := len(v.CheckIns); n > 0 {
		w := v.CheckIns[n-1]
		lines = append(lines, t(msgInsightCheckIns, map[string]any{"Great": w.Great, "Fine": w.Fine, "Struggling": w.Struggling}))
	}
	lines = append(lines, "")
	if v.AtRiskTotal == 0 {
		lines = append(lines, t(msgInsightNoRisk, nil))
		return strings.Join(lines, "\n"), nil
	}
	lines = append(lines, t(msgInsightRiskHead, map[string]any{"Total": v.AtRiskTotal}))
	for _, m := range v.AtRisk[:min(len(v.AtRisk), insightTopRisks)] {
		lines = append(lines, "- "+h.atRiskLine(c, m))
	}
	lines = append(lines, "", t(msgInsightMore, map[string]any{"Slug": p.Slug}))
	return strings.Join(lines, "\n"), nil
}

func percent(rate float64) string { return fmt.Sprintf("%.0f%%", rate*100) }

func (h *Handler) atRisk(c *call) (string, error) {
	p, err := h.programArg(c, "at-risk")
	if err != nil {
		return "", err
	}
	page := 1 // people count pages from 1; the service from 0
	if s := c.inv.option("page"); s != nil {
		if page, err = strconv.Atoi(strings.TrimSpace(*s)); err != nil || page < 1 {
			return "", argError(msgMembersBadPage, nil)
		}
	}
	res, err := c.svc.Insight.AtRisk(c.uid, p.ID, page-1, atRiskPageSize)
	if err != nil {
		return "", err
	}
	if res.Total == 0 {
		return c.tr.T(c.uid, msgInsightNoRisk, nil), nil
	}
	pages := (res.Total + atRiskPageSize - 1) / atRiskPageSize
	if len(res.Items) == 0 {
		return c.tr.T(c.uid, msgAtRiskPastEnd, map[string]any{"Pages": pages}), nil
	}
	lines := []string{c.tr.T(c.uid, msgAtRiskHeader, map[string]any{"Program": p.Name, "Total": res.Total})}
	for _, m := range res.Items {
		lines = append(lines, "- "+h.atRiskLine(c, m))
	}
	lines = append(lines, "")
	if page < pages {
		lines = append(lines, c.tr.T(c.uid, msgAtRiskPageOf, map[string]any{"Page": page, "Pages": pages, "Slug": p.Slug, "Next": page + 1}))
	}
	lines = append(lines, c.tr.T(c.uid, msgAtRiskFooter, map[string]any{"Slug": p.Slug}))
	return strings.Join(lines, "\n"), nil
}

// atRiskLine is one pair with its reasons in the reader's language.
func (h *Handler) atRiskLine(c *call, m app.AtRiskMatch) string {
	reasons := make([]string, 0, len(m.Reasons))
	for _, r := range m.Reasons {
		reasons = append(reasons, h.reason(c, r))
	}
	if !m.NudgedAt.IsZero() {
		when := m.NudgedAt.In(h.readerZone(c.uid)).Format("2006-01-02 15:04")
		reasons = append(reasons, c.tr.T(c.uid, msgAtRiskNudged, map[string]any{"When": when}))
	}
	return c.tr.T(c.uid, msgAtRiskLine, map[string]any{"Mentee": h.name(m.MenteeID), "Mentor": h.name(m.MentorID),
		"Reasons": strings.Join(reasons, "; "), "Match": m.MatchID})
}

func (h *Handler) reason(c *call, r app.RiskReason) string {
	data := map[string]any{"Days": r.Days, "Rating": r.Rating}
	if r.UserID != "" {
		data["User"] = h.name(r.UserID)
	}
	m := map[string]*i18n.Message{
		app.RiskNoSession: msgReasonNoSession, app.RiskNoFirst: msgReasonNoFirst, app.RiskStalledGoal: msgReasonStalled,
		app.RiskLowRating: msgReasonLowRating, app.RiskStruggling: msgReasonStruggling, app.RiskOneSideQuiet: msgReasonSilent,
	}[r.Code]
	if m == nil {
		return r.Code
	}
	return c.tr.T(c.uid, m, data)
}

func (h *Handler) nudge(c *call) (string, error) {
	words := c.inv.words
	if len(words) < 2 || !model.IsValidId(words[len(words)-1].text) {
		return "", argError(msgNeedMatchID, nil)
	}
	matchID := words[len(words)-1].text
	ref, err := c.inv.value(words[:len(words)-1])
	if err != nil {
		return "", err
	}
	p, err := h.findProgram(c, ref, "nudge")
	if err != nil {
		return "", err
	}
	res, err := c.svc.Insight.Nudge(c.uid, p.ID, matchID, c.inv.opt("note"))
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgNudged, map[string]any{"Mentee": h.name(res.MenteeID), "Mentor": h.name(res.MentorID)}), nil
}

func (h *Handler) insightSettings(c *call) (string, error) {
	p, err := h.programArg(c, "insight settings")
	if err != nil {
		return "", err
	}
	in := app.InsightSettingsInput{}
	numbers := map[string]**int{"no-session": &in.NoSessionDays, "first-meeting": &in.FirstMeetingDays,
		"stalled-goal": &in.StalledGoalDays, "silent": &in.SilentDays, "low-rating": &in.LowRating}
	for _, name := range settingsOptions[:5] {
		if s := c.inv.option(name); s != nil {
			n, err := strconv.Atoi(strings.TrimSpace(*s))
			if err != nil {
				return "", argError(msgBadWholeNumber, map[string]any{"Option": name})
			}
			*numbers[name] = &n
		}
	}
	in.DigestDay, in.DigestTime = c.inv.option("digest-day"), c.inv.option("digest-time")
	var v *app.InsightSettingsView
	if len(c.inv.options) == 0 {
		v, err = c.svc.Insight.Settings(c.uid, p.ID)
	} else {
		v, err = c.svc.Insight.SetSettings(c.uid, p.ID, in)
	}
	if err != nil {
		return "", err
	}
	lines := []string{}
	if len(c.inv.options) > 0 {
		lines = append(lines, c.tr.T(c.uid, msgSettingsSaved, nil))
	}
	lines = append(lines, c.tr.T(c.uid, msgSettingsHeader, map[string]any{"Program": p.Name}),
		c.tr.T(c.uid, msgSettingsBody, map[string]any{"NoSession": v.NoSessionDays, "FirstMeeting": v.FirstMeetingDays,
			"Stalled": v.StalledGoalDays, "Silent": v.SilentDays, "LowRating": v.LowRating,
			"DigestDay": v.DigestDay, "DigestTime": v.DigestTime}))
	return strings.Join(lines, "\n"), nil
}
