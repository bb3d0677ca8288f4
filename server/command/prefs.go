package command

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgHelpReminders    = &i18n.Message{ID: "command.help.reminders", Other: "Your session reminders: how long before, quiet hours, a weekly budget, snooze. Without options, shows them."}
	msgHelpCalendar     = &i18n.Message{ID: "command.help.calendar", Other: "Your private calendar feed of sessions, for Google Calendar or Outlook: its state."}
	msgHelpCalendarNew  = &i18n.Message{ID: "command.help.calendar_new", Other: "Make a new calendar-feed address (the old one stops working)."}
	msgHelpCalendarStop = &i18n.Message{ID: "command.help.calendar_revoke", Other: "Turn your calendar feed off."}
	msgBadLead          = &i18n.Message{ID: "command.reminders.bad_lead", Other: "--lead takes times before a session separated by commas, like --lead 1d,1h,30m (d days, h hours, m minutes), or --lead default."}
	msgBadQuiet         = &i18n.Message{ID: "command.reminders.bad_quiet", Other: "--quiet takes a span of the day on a 24-hour clock, like --quiet 22:00-08:00, or --quiet off."}
	msgBadSnooze        = &i18n.Message{ID: "command.reminders.bad_snooze", Other: "--snooze takes a number of weeks, like --snooze 2w or --snooze 3 weeks, or --snooze off."}
	msgRemindersHeader  = &i18n.Message{ID: "command.reminders.header", Other: "#### Your session reminders"}
	msgRemindersLead    = &i18n.Message{ID: "command.reminders.lead", Other: "Before each session: {{.Lead}} ({{.Whose}})"}
	msgLeadOwn          = &i18n.Message{ID: "command.reminders.lead_own", Other: "your choice"}
	msgLeadDefault      = &i18n.Message{ID: "command.reminders.lead_default", Other: "the default; your programs may set their own"}
	msgRemindersQuiet   = &i18n.Message{ID: "command.reminders.quiet", Other: "Quiet hours: {{.Start}}–{{.End}} ({{.Zone}}); a reminder due then waits until they end"}
	msgRemindersNoQuiet = &i18n.Message{ID: "command.reminders.no_quiet", Other: "Quiet hours: none"}
	msgRemindersBudget  = &i18n.Message{ID: "command.reminders.budget", Other: "Weekly budget: {{.Budget}} reminders a week one by one; the rest come in a daily digest"}
	msgRemindersSnoozed = &i18n.Message{ID: "command.reminders.snoozed", Other: "Snoozed until {{.Until}}: no reminders until then (invites and changes still come)"}
	msgRemindersAwake   = &i18n.Message{ID: "command.reminders.not_snoozed", Other: "Not snoozed"}
	msgRemindersHow     = &i18n.Message{ID: "command.reminders.how", Other: "Change them with `/mentor reminders --lead 1d,1h --quiet 22:00-08:00 --budget 5 --snooze 2w` (each option alone works too; `off` turns quiet hours or a snooze off)."}
	msgCalendarActive   = &i18n.Message{ID: "command.calendar.active", Other: "Your calendar feed is on since {{.Since}}. Its address was shown only when it was made; if you lost it, `/mentor calendar new` makes a new one (the old one stops working). `/mentor calendar revoke` turns it off."}
	msgCalendarNone     = &i18n.Message{ID: "command.calendar.none", Other: "You have no calendar feed. `/mentor calendar new` makes a private address that Google Calendar or Outlook can subscribe to."}
	msgCalendarNew      = &i18n.Message{ID: "command.calendar.new", Other: "Your calendar feed address:\n```\n{{.URL}}\n```\nAdd it in Google Calendar (Other calendars → From URL) or Outlook (Add calendar → Subscribe from web). **Keep it secret**: anyone with it sees your sessions. It is shown only this once; making a new one with `/mentor calendar new` stops this one from working."}
	msgCalendarRevoked  = &i18n.Message{ID: "command.calendar.revoked", Other: "Your calendar feed is off: its address no longer works. `/mentor calendar new` makes a new one."}
	msgRemindersNoWords = &i18n.Message{ID: "command.reminders.no_words", Other: "`/mentor reminders` takes only options, for example `/mentor reminders --lead 1d,1h`; without any it shows your reminders."}
	msgCalendarNoWords  = &i18n.Message{ID: "command.calendar.no_words", Other: "`/mentor calendar` takes `new`, `revoke` or nothing."}
)

// prefsSubcommands are /mentor reminders and /mentor calendar.
func prefsSubcommands() []subcommand {
	return []subcommand{
		{name: "reminders", usage: "reminders [--lead 1d,1h] [--quiet 22:00-08:00|off] [--budget N] [--snooze 2w|off]", help: msgHelpReminders,
			audience: everyone, options: []string{"lead", "quiet", "budget", "snooze"}, run: (*Handler).reminders},
		{name: "calendar new", usage: "calendar new", help: msgHelpCalendarNew, audience: everyone, run: (*Handler).calendarNew},
		{name: "calendar revoke", usage: "calendar revoke", help: msgHelpCalendarStop, audience: everyone, run: (*Handler).calendarRevoke},
		{name: "calendar", usage: "calendar", help: msgHelpCalendar, audience: everyone, run: (*Handler).calendarStatus},
	}
}

var (
	// leadPart is one length: "1d", "2 hours", "1h30m", "90" (minutes).
	leadPart   = regexp.MustCompile(`^(?:\d+\s*(?:days?|d|hours?|hrs?|h|minutes?|mins?|m)\s*)+$|^\d+$`)
	leadPiece  = regexp.MustCompile(`(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)?`)
	quietSpan  = regexp.MustCompile(`^(\d{1,2}:\d{2})\s*(?:-|–|to)\s*(\d{1,2}:\d{2})$`)
	snoozeSpan = regexp.MustCompile(`^(\d+)\s*(w|wks?|weeks?)?$`)
)

// maxLeadInput bounds each number of --lead, so that sums cannot overflow;
// the service checks the real range.
const maxLeadInput = 1_000_000

// isOff reports the words that turn a setting off.
func isOff(s string) bool {
	switch strings.ToLower(s) {
	case "off", "none", "no", "0":
		return true
	}
	return false
}

// parseLead reads "1d,1h,30m" into minutes; "default" (or off) is the empty
// list, which goes back to the program's lead times.
func parseLead(s string) ([]int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "default" || isOff(s) {
		return []int{}, true
	}
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if !leadPart.MatchString(part) {
			return nil, false
		}
		total := 0
		for _, m := range leadPiece.FindAllStringSubmatch(part, -1) {
			n, err := strconv.Atoi(m[1])
			if err != nil || n > maxLeadInput {
				return nil, false
			}
			switch {
			case strings.HasPrefix(m[2], "d"):
				n *= 24 * 60
			case strings.HasPrefix(m[2], "h"):
				n *= 60
			}
			total += n
		}
		out = append(out, total)
	}
	return out, true
}

// parseQuiet reads "22:00-08:00"; off gives two empty clocks.
func parseQuiet(s string) (start, end string, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if isOff(s) {
		return "", "", true
	}
	m := quietSpan.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return zeroPad(m[1]), zeroPad(m[2]), true
}

// zeroPad writes 8:00 as 08:00, as the service stores clocks.
func zeroPad(clock string) string {
	if len(clock) == 4 {
		return "0" + clock
	}
	return clock
}

// parseSnooze reads "2w", "3 weeks" or a bare number of weeks; off is 0.
func parseSnooze(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if isOff(s) {
		return 0, true
	}
	m := snoozeSpan.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// formatLead writes minutes the way --lead reads them: 1d, 1h30m, 45m.
func formatLead(minutes int) string {
	var b strings.Builder
	if d := minutes / (24 * 60); d > 0 {
		fmt.Fprintf(&b, "%dd", d)
		minutes %= 24 * 60
	}
	if h := minutes / 60; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
		minutes %= 60
	}
	if minutes > 0 || b.Len() == 0 {
		fmt.Fprintf(&b, "%dm", minutes)
	}
	return b.String()
}

// preferencesInput reads the typed options; the ranges are the service's.
func preferencesInput(inv invocation) (app.PreferencesInput, error) {
	var in app.PreferencesInput
	if v := inv.option("lead"); v != nil {
		lead, ok := parseLead(*v)
		if !ok {
			return in, argError(msgBadLead, nil)
		}
		in.LeadMinutes = &lead
	}
	if v := inv.option("quiet"); v != nil {
		start, end, ok := parseQuiet(*v)
		if !ok {
			return in, argError(msgBadQuiet, nil)
		}
		in.QuietStart, in.QuietEnd = &start, &end
	}
	if v := inv.option("budget"); v != nil {
		n, err := strconv.Atoi(strings.TrimSpace(*v))
		if err != nil {
			return in, argError(msgOptionWhole, map[string]any{"Name": "budget", "Example": "5"})
		}
		in.WeeklyBudget = &n
	}
	if v := inv.option("snooze"); v != nil {
		weeks, ok := parseSnooze(*v)
		if !ok {
			return in, argError(msgBadSnooze, nil)
		}
		in.SnoozeWeeks = &weeks
	}
	return in, nil
}

func (h *Handler) reminders(c *call) (string, error) {
	if len(c.inv.words) > 0 {
		return "", argError(msgRemindersNoWords, nil)
	}
	var (
		view *app.PreferencesView
		err  error
	)
	if len(c.inv.options) == 0 {
		view, err = c.svc.Sessions.Preferences(c.uid)
	} else {
		var in app.PreferencesInput
		if in, err = preferencesInput(c.inv); err != nil {
			return "", err
		}
		view, err = c.svc.Sessions.SetPreferences(c.uid, in)
	}
	if err != nil {
		return "", err
	}
	return h.remindersText(c, view), nil
}

// remindersText shows the preferences in effect, times in the reader's zone.
func (h *Handler) remindersText(c *call, v *app.PreferencesView) string {
	lead := make([]string, 0, len(v.LeadMinutes))
	for _, m := range v.LeadMinutes {
		lead = append(lead, formatLead(m))
	}
	whose := msgLeadDefault
	if v.OwnLeadMinutes {
		whose = msgLeadOwn
	}
	zone := h.readerZone(c.uid)
	lines := []string{c.tr.T(c.uid, msgRemindersHeader, nil),
		"- " + c.tr.T(c.uid, msgRemindersLead, map[string]any{"Lead": strings.Join(lead, ", "), "Whose": c.tr.T(c.uid, whose, nil)})}
	if v.QuietStart != "" {
		lines = append(lines, "- "+c.tr.T(c.uid, msgRemindersQuiet, map[string]any{"Start": v.QuietStart, "End": v.QuietEnd, "Zone": zone.String()}))
	} else {
		lines = append(lines, "- "+c.tr.T(c.uid, msgRemindersNoQuiet, nil))
	}
	lines = append(lines, "- "+c.tr.T(c.uid, msgRemindersBudget, map[string]any{"Budget": v.WeeklyBudget}))
	if v.SnoozeUntil.After(now()) {
		lines = append(lines, "- "+c.tr.T(c.uid, msgRemindersSnoozed, map[string]any{"Until": v.SnoozeUntil.In(zone).Format("2006-01-02 15:04") + " (" + zone.String() + ")"}))
	} else {
		lines = append(lines, "- "+c.tr.T(c.uid, msgRemindersAwake, nil))
	}
	return strings.Join(append(lines, "", c.tr.T(c.uid, msgRemindersHow, nil)), "\n")
}

func (h *Handler) calendarStatus(c *call) (string, error) {
	if len(c.inv.words) > 0 {
		return "", argError(msgCalendarNoWords, nil)
	}
	v, err := c.svc.Sessions.Preferences(c.uid)
	if err != nil {
		return "", err
	}
	if !v.FeedActive {
		return c.tr.T(c.uid, msgCalendarNone, nil), nil
	}
	zone := h.readerZone(c.uid)
	return c.tr.T(c.uid, msgCalendarActive, map[string]any{"Since": v.FeedCreated.In(zone).Format("2006-01-02 15:04") + " (" + zone.String() + ")"}), nil
}

func (h *Handler) calendarNew(c *call) (string, error) {
	if len(c.inv.words) > 0 {
		return "", argError(msgCalendarNoWords, nil)
	}
	url, err := c.svc.Sessions.RotateFeed(c.uid)
	if err != nil {
		return "", err
	}
	// The reply is ephemeral: only the owner ever sees the address.
	return c.tr.T(c.uid, msgCalendarNew, map[string]any{"URL": url}), nil
}

func (h *Handler) calendarRevoke(c *call) (string, error) {
	if len(c.inv.words) > 0 {
		return "", argError(msgCalendarNoWords, nil)
	}
	if err := c.svc.Sessions.RevokeFeed(c.uid); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgCalendarRevoked, nil), nil
}

// addPrefsAutocomplete adds /mentor reminders and /mentor calendar.
func addPrefsAutocomplete(root *model.AutocompleteData) {
	reminders := model.NewAutocompleteData("reminders", "[--lead] [--quiet] [--budget] [--snooze]", "Your session reminders (shown without options)")
	reminders.AddNamedTextArgument("lead", "Reminders before a session, e.g. 1d,1h,30m, or default", "1d,1h", "", false)
	reminders.AddNamedTextArgument("quiet", "Quiet hours in your zone, e.g. 22:00-08:00, or off", "22:00-08:00", "", false)
	reminders.AddNamedTextArgument("budget", "Reminders a week one by one; the rest in a digest", "N", `^\d+$`, false)
	reminders.AddNamedTextArgument("snooze", "No reminders for some weeks, e.g. 2w, or off", "2w", "", false)
	root.AddCommand(reminders)

	calendar := model.NewAutocompleteData("calendar", "[new|revoke]", "Your private calendar feed (its state without a word)")
	calendar.AddCommand(model.NewAutocompleteData("new", "", "Make a new feed address (the old one stops working)"))
	calendar.AddCommand(model.NewAutocompleteData("revoke", "", "Turn the calendar feed off"))
	root.AddCommand(calendar)
}
