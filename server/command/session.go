package command

import (
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgHelpSession        = &i18n.Message{ID: "command.help.session", Other: "In your pair's channel: schedule a session, e.g. `/mentor session tomorrow 3pm for 30m` (opens a form without a time)."}
	msgHelpSessions       = &i18n.Message{ID: "command.help.sessions", Other: "Your sessions of the next 30 days, in your time zone."}
	msgHelpSessionCancel  = &i18n.Message{ID: "command.help.session_cancel", Other: "Cancel a session, or one occurrence of a series."}
	msgHelpSessionMove    = &i18n.Message{ID: "command.help.session_move", Other: "Move a session, or one occurrence, to another time (opens a form without a time)."}
	msgHelpSessionConfirm = &i18n.Message{ID: "command.help.session_confirm", Other: "Confirm a session your partner scheduled."}
	msgSessionNeedsWhen   = &i18n.Message{ID: "command.session.needs_when", Other: "Say when, before the options, for example `/mentor session tomorrow 3pm for 30m --title Kick-off`. (`/mentor session` alone opens a form.)"}
	msgLinkOrPlace        = &i18n.Message{ID: "command.session.link_or_place", Other: "Give --link for a video call or --place for meeting in person, not both."}
	msgNeedSessionID      = &i18n.Message{ID: "command.session.need_id", Other: "Say which session: `/mentor session {{.Command}} ID`. `/mentor sessions` lists them with their ids."}
	msgBadOccurrence      = &i18n.Message{ID: "command.session.bad_occurrence", Other: "--occurrence takes the start of one meeting of the series, as `/mentor sessions` shows it, for example --occurrence 2026-12-03T15:00Z."}
	msgSessionConfirmed   = &i18n.Message{ID: "command.session.confirmed", Other: "You confirmed **{{.Title}}** with {{.With}}: {{.When}}."}
	msgSessionsNone       = &i18n.Message{ID: "command.sessions.none", Other: "You have no sessions in the next 30 days. In your pair's channel, `/mentor session tomorrow 3pm` schedules one."}
	msgSessionsHeader     = &i18n.Message{ID: "command.sessions.header", Other: "#### Your sessions of the next 30 days ({{.Zone}})"}
	msgSessionsLine       = &i18n.Message{ID: "command.sessions.line", Other: "**{{.Title}}** with {{.With}}: {{.When}}, {{.Where}} · {{.Status}} · id `{{.ID}}`"}
	msgSessionsOccurrence = &i18n.Message{ID: "command.sessions.occurrence", Other: "one of a series: --occurrence {{.Occurrence}}"}
	msgSessionsFooter     = &i18n.Message{ID: "command.sessions.footer", Other: "Change one with `/mentor session move ID PHRASE`, `/mentor session cancel ID` or `/mentor session confirm ID`."}
	msgStatusConfirmed    = &i18n.Message{ID: "command.sessions.status_confirmed", Other: "confirmed"}
	msgStatusWaiting      = &i18n.Message{ID: "command.sessions.status_waiting", Other: "waiting for {{.Who}} to confirm"}
	msgStatusProposed     = &i18n.Message{ID: "command.sessions.status_proposed", Other: "{{.Who}} proposed another time"}
	msgStatusMoved        = &i18n.Message{ID: "command.sessions.status_moved", Other: "moved"}
)

const (
	usageSession = "session PHRASE [--title T] [--link URL | --place TEXT] [--agenda TEXT] [--repeat RULE] [--match ID]"
	usageCancel  = "session cancel ID [--occurrence ISO] [--reason TEXT]"
	usageMove    = "session move ID [PHRASE] [--occurrence ISO]"
	usageConfirm = "session confirm ID"
	// upcomingDays and upcomingLimit bound /mentor sessions.
	upcomingDays  = 30
	upcomingLimit = 20
)

// now is the clock of the session commands (tests set it).
var now = time.Now

// sessionSubcommands are the session commands. "session cancel|move|confirm"
// come before "session": the first row whose words start the line runs.
func sessionSubcommands() []subcommand {
	return []subcommand{
		{name: "sessions", usage: "sessions", help: msgHelpSessions, audience: everyone, run: (*Handler).sessions},
		{name: "session cancel", usage: usageCancel, help: msgHelpSessionCancel, audience: everyone,
			options: []string{"occurrence", "reason"}, run: (*Handler).cancelSession},
		{name: "session move", usage: usageMove, help: msgHelpSessionMove, audience: everyone,
			options: []string{"occurrence"}, run: (*Handler).moveSession},
		{name: "session confirm", usage: usageConfirm, help: msgHelpSessionConfirm, audience: everyone, run: (*Handler).confirmSession},
		{name: "session", usage: usageSession, help: msgHelpSession, audience: everyone,
			options: []string{"title", "link", "place", "agenda", "repeat", "match"}, run: (*Handler).schedule},
	}
}

// opt is an option's trimmed value, "" when not given.
func (inv invocation) opt(name string) string {
	if v := inv.option(name); v != nil {
		return strings.TrimSpace(*v)
	}
	return ""
}

func (h *Handler) schedule(c *call) (string, error) {
	phrase, _ := c.inv.span(c.inv.words)
	matchID := c.inv.opt("match")
	if phrase == "" {
		if len(c.inv.options) > 0 && (len(c.inv.options) > 1 || matchID == "") {
			// A form would lose what was typed.
			return "", argError(msgSessionNeedsWhen, nil)
		}
		if matchID == "" {
			// Refuse before showing a form that could not be saved.
			m, err := c.svc.Sessions.MatchOfChannel(c.uid, c.args.ChannelId)
			if err != nil {
				return "", err
			}
			matchID = m.ID
		}
		return "", h.Dialogs.OpenSchedule(c.args.TriggerId, c.uid, "", matchID)
	}
	in := app.ScheduleInput{MatchID: matchID, When: phrase, Title: c.inv.opt("title"), Agenda: c.inv.opt("agenda"),
		Recurrence: c.inv.opt("repeat")}
	if matchID == "" {
		in.ChannelID = c.args.ChannelId
	}
	link, place := c.inv.opt("link"), c.inv.opt("place")
	switch {
	case link != "" && place != "":
		return "", argError(msgLinkOrPlace, nil)
	case link != "":
		in.Where, in.Location = domain.WhereLink, link
	case place != "":
		in.Where, in.Location = domain.WherePlace, place
	}
	v, err := c.svc.Sessions.Schedule(c.uid, in)
	if err != nil {
		return "", err
	}
	return dialog.SessionOutcome(c.tr, c.uid, v, h.readerZone(c.uid), dialog.MsgSessionScheduled), nil
}

// sessionRef reads "ID [more words]" and --occurrence (an ISO time, or a local
// "YYYY-MM-DD HH:MM" in the reader's zone).
func (h *Handler) sessionRef(c *call, command string) (id, rest string, occurrence time.Time, err error) {
	if len(c.inv.words) == 0 || !model.IsValidId(c.inv.words[0].text) {
		return "", "", time.Time{}, argError(msgNeedSessionID, map[string]any{"Command": command})
	}
	id = c.inv.words[0].text
	rest, _ = c.inv.span(c.inv.words[1:])
	if s := c.inv.opt("occurrence"); s != "" {
		if occurrence, err = parseInstant(s, h.readerZone(c.uid)); err != nil {
			return "", "", time.Time{}, argError(msgBadOccurrence, nil)
		}
	}
	return id, rest, occurrence, nil
}

// parseInstant reads an exact time: RFC 3339 with or without seconds, or a
// wall-clock time in zone.
func parseInstant(s string, zone *time.Location) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	var err error
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05"} {
		var t time.Time
		if t, err = time.ParseInLocation(layout, s, zone); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}

func (h *Handler) cancelSession(c *call) (string, error) {
	id, rest, occurrence, err := h.sessionRef(c, "cancel")
	if err != nil {
		return "", err
	}
	if rest != "" {
		return "", argError(msgNeedSessionID, map[string]any{"Command": "cancel"})
	}
	v, err := c.svc.Sessions.Cancel(c.uid, id, occurrence, c.inv.opt("reason"))
	if err != nil {
		return "", err
	}
	return dialog.CancelOutcome(c.tr, c.uid, v, occurrence, h.readerZone(c.uid)), nil
}

func (h *Handler) moveSession(c *call) (string, error) {
	id, phrase, occurrence, err := h.sessionRef(c, "move")
	if err != nil {
		return "", err
	}
	if phrase == "" {
		// Refuse before showing a form that could not be saved.
		if _, err := c.svc.Sessions.Get(c.uid, id); err != nil {
			return "", err
		}
		return "", h.Dialogs.OpenSessionChange(c.args.TriggerId, c.uid, id, occurrence)
	}
	v, err := c.svc.Sessions.Change(c.uid, id, app.ChangeInput{Occurrence: occurrence, When: phrase})
	if err != nil {
		return "", err
	}
	return dialog.SessionOutcome(c.tr, c.uid, v, h.readerZone(c.uid), dialog.MsgSessionChanged), nil
}

func (h *Handler) confirmSession(c *call) (string, error) {
	id, rest, _, err := h.sessionRef(c, "confirm")
	if err != nil {
		return "", err
	}
	if rest != "" {
		return "", argError(msgNeedSessionID, map[string]any{"Command": "confirm"})
	}
	v, err := c.svc.Sessions.Confirm(c.uid, id)
	if err != nil {
		return "", err
	}
	start := v.Start
	if len(v.Next) > 0 {
		start = v.Next[0].Start
	}
	return c.tr.T(c.uid, msgSessionConfirmed, map[string]any{"Title": dialog.Title(c.tr, c.uid, v.Title), "With": dialog.Partners(v.Session, v.Names, c.uid),
		"When": dialog.FormatWhen(start, v.DurationMinutes, h.readerZone(c.uid))}), nil
}

func (h *Handler) sessions(c *call) (string, error) {
	from := now().UTC()
	list, err := c.svc.Sessions.Upcoming(c.uid, from, from.AddDate(0, 0, upcomingDays), upcomingLimit)
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return c.tr.T(c.uid, msgSessionsNone, nil), nil
	}
	zone := h.readerZone(c.uid)
	names := map[string]string{}
	nameOf := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		names[id] = h.name(id)
		return names[id]
	}
	lines := []string{c.tr.T(c.uid, msgSessionsHeader, map[string]any{"Zone": zone.String()})}
	for _, o := range list {
		var others []string
		for _, p := range o.Participants {
			if p != c.uid {
				others = append(others, nameOf(p))
			}
		}
		line := "- " + c.tr.T(c.uid, msgSessionsLine, map[string]any{"Title": dialog.Title(c.tr, c.uid, o.Title), "With": strings.Join(others, ", "),
			"When":  dialog.FormatWhen(o.Start, int(o.End.Sub(o.Start)/time.Minute), zone),
			"Where": dialog.WhereText(c.tr, c.uid, o.Where, o.Location), "Status": occurrenceStatus(c, o, nameOf), "ID": o.SessionID})
		if o.Recurring {
			line += " · " + c.tr.T(c.uid, msgSessionsOccurrence, map[string]any{"Occurrence": o.Occurrence.UTC().Format("2006-01-02T15:04Z")})
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", c.tr.T(c.uid, msgSessionsFooter, nil))
	return strings.Join(lines, "\n"), nil
}

// occurrenceStatus says where the answers stand: a proposal first, then who
// has not confirmed yet.
func occurrenceStatus(c *call, o app.OccurrenceView, nameOf func(string) string) string {
	var waiting []string
	for _, p := range o.Participants {
		switch o.Responses[p] {
		case domain.ResponseProposed:
			return c.tr.T(c.uid, msgStatusProposed, map[string]any{"Who": nameOf(p)})
		case domain.ResponseConfirmed:
		default:
			if p == c.uid {
				waiting = append(waiting, c.tr.T(c.uid, msgYou, nil))
			} else {
				waiting = append(waiting, nameOf(p))
			}
		}
	}
	status := c.tr.T(c.uid, msgStatusConfirmed, nil)
	if len(waiting) > 0 {
		status = c.tr.T(c.uid, msgStatusWaiting, map[string]any{"Who": strings.Join(waiting, ", ")})
	}
	if !o.Start.Equal(o.Occurrence) {
		status += ", " + c.tr.T(c.uid, msgStatusMoved, nil)
	}
	return status
}

var msgYou = &i18n.Message{ID: "command.sessions.you", Other: "you"}

// addSessionAutocomplete adds the session commands to the autocomplete tree.
// A node may have arguments or subcommands, not both, so "session" has two
// nodes: the server gathers the suggestions of every node whose word was typed,
// so "session " suggests both the time with its options and cancel|move|confirm.
func addSessionAutocomplete(root *model.AutocompleteData) {
	root.AddCommand(model.NewAutocompleteData("sessions", "", "Your sessions of the next 30 days"))

	schedule := model.NewAutocompleteData("session", "[when] [--options]", "Schedule a session in your pair's channel (a form without a time)")
	schedule.AddTextArgument("When, e.g. tomorrow 3pm for 30m (empty opens a form)", "[when]", "")
	schedule.AddNamedTextArgument("title", "Title of the session", "TEXT", "", false)
	schedule.AddNamedTextArgument("link", "Video link (https://…)", "URL", "", false)
	schedule.AddNamedTextArgument("place", "Where you meet in person", "TEXT", "", false)
	schedule.AddNamedTextArgument("agenda", "What you will talk about", "TEXT", "", false)
	schedule.AddNamedTextArgument("repeat", "e.g. every 2 weeks, monthly on the first monday", "RULE", "", false)
	schedule.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	root.AddCommand(schedule)

	change := model.NewAutocompleteData("session", "cancel|move|confirm", "Change a session")
	cancel := model.NewAutocompleteData("cancel", "[id] [--occurrence] [--reason]", "Cancel a session or one occurrence")
	cancel.AddTextArgument("Session id, from /mentor sessions", "[id]", "")
	cancel.AddNamedTextArgument("occurrence", "Only this occurrence of a series", "2026-12-03T15:00Z", "", false)
	cancel.AddNamedTextArgument("reason", "Why (your partner sees it)", "TEXT", "", false)
	change.AddCommand(cancel)
	move := model.NewAutocompleteData("move", "[id] [when] [--occurrence]", "Move a session to another time")
	move.AddTextArgument("Session id, then the new time, e.g. friday 10am", "[id] [when]", "")
	move.AddNamedTextArgument("occurrence", "Only this occurrence of a series", "2026-12-03T15:00Z", "", false)
	change.AddCommand(move)
	confirm := model.NewAutocompleteData("confirm", "[id]", "Confirm a session")
	confirm.AddTextArgument("Session id, from /mentor sessions", "[id]", "")
	change.AddCommand(confirm)
	root.AddCommand(change)
}
