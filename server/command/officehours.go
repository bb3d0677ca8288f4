package command

import (
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgHelpHoursPublish   = &i18n.Message{ID: "command.help.hours_publish", Other: "Mentors: publish your office hours in a program, e.g. Thursdays 16:00–17:00 in 15-minute slots."}
	msgHelpHoursUnpublish = &i18n.Message{ID: "command.help.hours_unpublish", Other: "Mentors: withdraw your office hours (bookings made stay)."}
	msgHelpHours          = &i18n.Message{ID: "command.help.hours", Other: "The free office-hours slots of a program, or of one mentor."}
	msgHelpBook           = &i18n.Message{ID: "command.help.book", Other: "Book a mentor's office-hours slot."}
	msgHoursNeedDay       = &i18n.Message{ID: "command.hours.need_window", Other: "Say when you hold office hours: --day thu --from 16:00 --to 17:00 (several days: --day tue,thu)."}
	msgHoursBadDay        = &i18n.Message{ID: "command.hours.bad_day", Other: "“{{.Value}}” is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."}
	msgHoursPublished     = &i18n.Message{ID: "command.hours.published", Other: "Your office hours in **{{.Program}}** are published: {{.Windows}} ({{.Zone}}), {{.Slot}}-minute slots, until {{.Until}}; {{.Where}}. Members see them with `/mentor hours {{.Slug}}` and book with `/mentor book {{.Slug}} @{{.Username}} TIME`."}
	msgHoursUnpublished   = &i18n.Message{ID: "command.hours.unpublished", Other: "Your office hours in **{{.Program}}** are withdrawn: nobody can book new slots. Bookings already made stay until they are cancelled."}
	msgHoursNoSlots       = &i18n.Message{ID: "command.hours.no_slots", Other: "No free office-hours slots in **{{.Program}}** in the next 14 days."}
	msgHoursHeader        = &i18n.Message{ID: "command.hours.header", Other: "#### Free office hours in {{.Program}} ({{.Zone}})"}
	msgHoursBookHow       = &i18n.Message{ID: "command.hours.book_how", Other: "Book one with `{{.Example}}`; add --agenda TEXT to say what you want to talk about."}
	msgHoursMore          = &i18n.Message{ID: "command.hours.more", Other: "… and {{.Count}} more slots."}
	msgBookUsage          = &i18n.Message{ID: "command.book.usage", Other: "Say which program, mentor and slot: `/mentor book PROGRAM @mentor TIME`, for example `/mentor book {{.Example}}`. `/mentor hours PROGRAM` lists the free slots."}
	msgBookBadTime        = &i18n.Message{ID: "command.book.bad_time", Other: "“{{.Value}}” is not a time I can read; give the slot's start as `/mentor hours` shows it, for example 2026-12-03 16:00, or a phrase like thursday 4pm."}
	msgBookNext           = &i18n.Message{ID: "command.book.next", Other: "The next free slots of {{.Mentor}}:"}
	msgBookNoNext         = &i18n.Message{ID: "command.book.no_next", Other: "{{.Mentor}} has no other free slot in the next weeks."}
)

const (
	usageHoursPublish = "hours publish PROGRAM --day thu --from 16:00 --to 17:00 [--slot 15] [--weeks 8] [--link URL | --place TEXT]"
	usageBook         = "book PROGRAM @mentor TIME [--agenda TEXT]"
	// maxSlotsShown bounds the slots /mentor hours lists.
	maxSlotsShown = 40
)

// officeHoursSubcommands are the office-hours commands. "hours publish" and
// "hours unpublish" come before "hours".
func officeHoursSubcommands() []subcommand {
	return []subcommand{
		{name: "hours publish", usage: usageHoursPublish, help: msgHelpHoursPublish, audience: everyone,
			options: []string{"day", "from", "to", "slot", "weeks", "link", "place"}, run: (*Handler).publishHours},
		{name: "hours unpublish", usage: "hours unpublish PROGRAM", help: msgHelpHoursUnpublish, audience: everyone, run: (*Handler).unpublishHours},
		{name: "hours", usage: "hours PROGRAM [@mentor]", help: msgHelpHours, audience: everyone, run: (*Handler).freeHours},
		{name: "book", usage: usageBook, help: msgHelpBook, audience: everyone, options: []string{"agenda"}, run: (*Handler).book},
	}
}

// weekdayLabels name the days in the reader's language.
var weekdayLabels = map[time.Weekday]*i18n.Message{
	time.Sunday:    {ID: "command.weekday.sunday", Other: "Sun"},
	time.Monday:    {ID: "command.weekday.monday", Other: "Mon"},
	time.Tuesday:   {ID: "command.weekday.tuesday", Other: "Tue"},
	time.Wednesday: {ID: "command.weekday.wednesday", Other: "Wed"},
	time.Thursday:  {ID: "command.weekday.thursday", Other: "Thu"},
	time.Friday:    {ID: "command.weekday.friday", Other: "Fri"},
	time.Saturday:  {ID: "command.weekday.saturday", Other: "Sat"},
}

func weekdayName(c *call, d time.Weekday) string { return c.tr.T(c.uid, weekdayLabels[d], nil) }

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseWeekdays reads "thu" or "tue,thu" (full names too).
func parseWeekdays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, part := range strings.Split(s, ",") {
		word := strings.ToLower(strings.TrimSpace(part))
		day, ok := time.Weekday(0), false
		if len(word) >= 3 {
			day, ok = weekdays[word[:3]]
		}
		if !ok {
			return nil, argError(msgHoursBadDay, map[string]any{"Value": strings.TrimSpace(part)})
		}
		out = append(out, day)
	}
	return out, nil
}

func (h *Handler) publishHours(c *call) (string, error) {
	p, err := h.programArg(c, "hours publish")
	if err != nil {
		return "", err
	}
	day, from, to := c.inv.opt("day"), c.inv.opt("from"), c.inv.opt("to")
	if day == "" || from == "" || to == "" {
		return "", argError(msgHoursNeedDay, nil)
	}
	days, err := parseWeekdays(day)
	if err != nil {
		return "", err
	}
	in := app.OfficeHoursInput{}
	for _, d := range days {
		in.Windows = append(in.Windows, domain.HourWindow{Weekday: d, Start: zeroPad(from), End: zeroPad(to)})
	}
	for name, into := range map[string]*int{"slot": &in.SlotMinutes, "weeks": &in.Weeks} {
		if v := c.inv.opt(name); v != "" {
			if *into, err = strconv.Atoi(v); err != nil {
				return "", argError(msgOptionWhole, map[string]any{"Name": name, "Example": map[string]string{"slot": "15", "weeks": "8"}[name]})
			}
		}
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
	oh, err := c.svc.OfficeHours.Publish(c.uid, p.ID, in)
	if err != nil {
		return "", err
	}
	zone, err := time.LoadLocation(oh.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	windows := make([]string, 0, len(oh.Windows))
	for _, w := range oh.Windows {
		windows = append(windows, weekdayName(c, w.Weekday)+" "+w.Start+"–"+w.End)
	}
	username := strings.TrimPrefix(h.name(c.uid), "@")
	return c.tr.T(c.uid, msgHoursPublished, map[string]any{"Program": p.Name, "Slug": p.Slug, "Windows": strings.Join(windows, ", "),
		"Zone": zone.String(), "Slot": oh.SlotMinutes, "Until": oh.Until.In(zone).AddDate(0, 0, -1).Format("2006-01-02"),
		"Where": dialog.WhereText(c.tr, c.uid, oh.Where, oh.Location), "Username": username}), nil
}

func (h *Handler) unpublishHours(c *call) (string, error) {
	p, err := h.programArg(c, "hours unpublish")
	if err != nil {
		return "", err
	}
	if err := c.svc.OfficeHours.Unpublish(c.uid, p.ID); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgHoursUnpublished, map[string]any{"Program": p.Name}), nil
}

func (h *Handler) freeHours(c *call) (string, error) {
	p, users, err := h.programWithUsers(c, "hours", "hours PROGRAM [@mentor]", 0, 1)
	if err != nil {
		return "", err
	}
	mentorID := ""
	if len(users) > 0 {
		mentorID = users[0].id
	}
	slots, err := c.svc.OfficeHours.FreeSlots(c.uid, p.ID, mentorID, now(), 0)
	if err != nil {
		return "", err
	}
	if len(slots) == 0 {
		return c.tr.T(c.uid, msgHoursNoSlots, map[string]any{"Program": p.Name}), nil
	}
	zone := h.readerZone(c.uid)
	lines := []string{c.tr.T(c.uid, msgHoursHeader, map[string]any{"Program": p.Name, "Zone": zone.String()})}
	lines = append(lines, h.slotLines(c, slots[:min(len(slots), maxSlotsShown)], zone)...)
	if len(slots) > maxSlotsShown {
		lines = append(lines, c.tr.T(c.uid, msgHoursMore, map[string]any{"Count": len(slots) - maxSlotsShown}))
	}
	first := slots[0]
	example := "/mentor book " + p.Slug + " " + h.name(first.MentorID) + " " + first.Start.In(zone).Format("2006-01-02 15:04")
	lines = append(lines, "", c.tr.T(c.uid, msgHoursBookHow, map[string]any{"Example": example}))
	return strings.Join(lines, "\n"), nil
}

// slotLines lists slots by mentor and day, in the reader's zone:
// "- @ana · Thu 2026-12-03: 16:00, 16:15".
func (h *Handler) slotLines(c *call, slots []app.Slot, zone *time.Location) []string {
	type row struct{ mentor, day string }
	var order []row
	times := map[row][]string{}
	for _, s := range slots {
		local := s.Start.In(zone)
		r := row{mentor: s.MentorID, day: local.Format("2006-01-02")}
		if _, seen := times[r]; !seen {
			order = append(order, r)
		}
		times[r] = append(times[r], local.Format("15:04"))
	}
	names := map[string]string{}
	lines := make([]string, 0, len(order))
	for _, r := range order {
		if _, ok := names[r.mentor]; !ok {
			names[r.mentor] = h.name(r.mentor)
		}
		day, _ := time.ParseInLocation("2006-01-02", r.day, zone)
		lines = append(lines, "- "+names[r.mentor]+" · "+weekdayName(c, day.Weekday())+" "+r.day+": "+strings.Join(times[r], ", "))
	}
	return lines
}

// splitBook reads "PROGRAM @mentor TIME": the first unquoted @word names the
// mentor, the words before it the program and the words after it the time.
func (inv invocation) splitBook() (program, mentor, when string, err error) {
	for i, w := range inv.words {
		if w.quoted || !strings.HasPrefix(w.text, "@") {
			continue
		}
		program, err = inv.value(inv.words[:i])
		when, _ = inv.span(inv.words[i+1:])
		return program, strings.TrimPrefix(w.text, "@"), when, err
	}
	return "", "", "", nil
}

func (h *Handler) book(c *call) (string, error) {
	ref, username, when, err := c.inv.splitBook()
	if err != nil {
		return "", err
	}
	if ref == "" || username == "" || when == "" {
		return "", argError(msgBookUsage, map[string]any{"Example": "women-in-tech @ana 2026-12-03 16:00"})
	}
	p, err := h.findProgram(c, ref, "book")
	if err != nil {
		return "", err
	}
	mentor, err := h.Users.GetByUsername(username)
	if err != nil || mentor == nil {
		return "", argError(msgNoSuchUser, map[string]any{"Username": username})
	}
	zone := h.readerZone(c.uid)
	start, err := parseInstant(when, zone)
	if err != nil {
		parsed, perr := calendar.ParseWhen(when, zone, now())
		if perr != nil {
			return "", argError(msgBookBadTime, map[string]any{"Value": when})
		}
		start = parsed.Start
	}
	v, err := c.svc.OfficeHours.Book(c.uid, p.ID, mentor.Id, start, c.inv.opt("agenda"))
	if appErr, ok := app.AsError(err); ok && appErr.Kind == app.KindConflict {
		// Someone else was first: say so and offer the next free slots.
		return h.bookConflict(c, appErr, p, "@"+mentor.Username, zone), nil
	}
	if err != nil {
		return "", err
	}
	return dialog.SessionOutcome(c.tr, c.uid, v, zone, dialog.MsgSessionScheduled), nil
}

func (h *Handler) bookConflict(c *call, appErr *app.Error, p *domain.Program, mentor string, zone *time.Location) string {
	lines := []string{c.tr.T(c.uid, appErr.Message, appErr.Data)}
	next, _ := appErr.Data["Next"].([]app.Slot)
	if len(next) == 0 {
		return strings.Join(append(lines, c.tr.T(c.uid, msgBookNoNext, map[string]any{"Mentor": mentor})), "\n")
	}
	lines = append(lines, c.tr.T(c.uid, msgBookNext, map[string]any{"Mentor": mentor}))
	for _, s := range next {
		local := s.Start.In(zone).Format("2006-01-02 15:04")
		lines = append(lines, "- "+local+": `/mentor book "+p.Slug+" "+mentor+" "+local+"`")
	}
	return strings.Join(lines, "\n")
}

// addOfficeHoursAutocomplete adds /mentor hours and /mentor book. Like
// "session", "hours" has one node for its subcommands and one for its
// arguments.
func addOfficeHoursAutocomplete(root *model.AutocompleteData) {
	list := model.NewAutocompleteData("hours", "[program] [@mentor]", "Free office-hours slots")
	programArgument(list)
	list.AddTextArgument("Only this mentor's slots", "[@mentor]", "")
	root.AddCommand(list)

	manage := model.NewAutocompleteData("hours", "publish|unpublish", "Mentors: your office hours")
	publish := model.NewAutocompleteData("publish", "[program] --day --from --to", "Publish your weekly office hours")
	programArgument(publish)
	days := staticList([]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
	publish.AddNamedStaticListArgument("day", "Day of the week (several: tue,thu)", true, days)
	publish.AddNamedTextArgument("from", "Start, 24-hour clock", "16:00", `^\d{1,2}:\d{2}$`, true)
	publish.AddNamedTextArgument("to", "End, 24-hour clock", "17:00", `^\d{1,2}:\d{2}$`, true)
	publish.AddNamedTextArgument("slot", "Slot length in minutes (default 15)", "15", `^\d+$`, false)
	publish.AddNamedTextArgument("weeks", "Weeks to offer slots for (default 8)", "8", `^\d+$`, false)
	publish.AddNamedTextArgument("link", "Video link (https://…)", "URL", "", false)
	publish.AddNamedTextArgument("place", "Where you meet in person", "TEXT", "", false)
	manage.AddCommand(publish)
	unpublish := model.NewAutocompleteData("unpublish", "[program]", "Withdraw your office hours")
	programArgument(unpublish)
	manage.AddCommand(unpublish)
	root.AddCommand(manage)

	book := model.NewAutocompleteData("book", "[program] [@mentor] [time]", "Book an office-hours slot")
	programArgument(book)
	book.AddTextArgument("The mentor", "[@mentor]", "")
	book.AddTextArgument("The slot's start, as /mentor hours shows it", "[YYYY-MM-DD HH:MM]", "")
	book.AddNamedTextArgument("agenda", "What you want to talk about", "TEXT", "", false)
	root.AddCommand(book)
}
