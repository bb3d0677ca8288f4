package app

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/calendar"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgParseUnparseable = &i18n.Message{ID: "app.session.parse.unparseable", Other: "\"{{.Text}}\" is not a time I can read. Phrases that work: {{.Examples}}."}
	msgParseNoTime      = &i18n.Message{ID: "app.session.parse.no_time", Other: "\"{{.Text}}\" has a day but no time of day. Add one, for example: {{.Examples}}."}
	msgParseDuration    = &i18n.Message{ID: "app.session.parse.duration", Other: "\"{{.Text}}\" is not a length between 5 minutes and 8 hours; write it like \"for 30m\" or \"for 1h\". Phrases that work: {{.Examples}}."}
	msgParseRecurrence  = &i18n.Message{ID: "app.session.parse.recurrence", Other: "\"{{.Text}}\" is not a repeat I can use. Use \"weekly\", \"every 2 weeks\", \"monthly on the first monday\" or an RRULE such as FREQ=WEEKLY;INTERVAL=2 (at most every 52 weeks, at least daily)."}
	msgParseLeftover    = &i18n.Message{ID: "app.session.parse.leftover", Other: "I could not understand \"{{.Text}}\" in what you wrote. Phrases that work: {{.Examples}}."}
	msgParsePast        = &i18n.Message{ID: "app.session.parse.past", Other: "That time is in the past. Pick a time to come, for example: {{.Examples}}."}
	msgSessionPast      = &i18n.Message{ID: "app.session.past", Other: "{{.When}} is in the past. Pick a time to come, for example: {{.Examples}}."}
	msgBadLength        = &i18n.Message{ID: "app.session.bad_length", Other: "A session lasts between 5 and 480 minutes; {{.Value}} is outside that."}
	msgBadWhere         = &i18n.Message{ID: "app.session.bad_where", Other: "\"{{.Value}}\" is not a kind of place; use channel (a call in your pair's channel), link or place."}
	msgLinkRequired     = &i18n.Message{ID: "app.session.link_required", Other: "Give the meeting link, starting with https:// (for example https://meet.example.com/abc)."}
	msgBadLink          = &i18n.Message{ID: "app.session.bad_link", Other: "\"{{.Value}}\" is not a web link; give one that starts with https:// or http://."}
	msgPlaceRequired    = &i18n.Message{ID: "app.session.place_required", Other: "Say where you meet in person (a room or an address)."}
	msgSessionTextLong  = &i18n.Message{ID: "app.session.text_too_long", Other: "The {{.Field}} is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgSessionControl   = &i18n.Message{ID: "app.session.control_chars", Other: "The {{.Field}} contains control characters; type it again without them."}
)

func parseMessage(code string) *i18n.Message {
	switch code {
	case calendar.CodeNoTime:
		return msgParseNoTime
	case calendar.CodeBadDuration:
		return msgParseDuration
	case calendar.CodeBadRecurrence:
		return msgParseRecurrence
	case calendar.CodeLeftover:
		return msgParseLeftover
	case calendar.CodePast:
		return msgParsePast
	default:
		return msgParseUnparseable
	}
}

// examplesText lists phrases that parse, quoted, for error messages.
func examplesText() string {
	ex := calendar.Examples()
	if len(ex) > 4 {
		ex = ex[:4]
	}
	return "\"" + strings.Join(ex, "\", \"") + "\""
}

// sessionSpec is a validated new session or change.
type sessionSpec struct {
	start      time.Time
	minutes    int
	recurrence string
	title      string
	where      string
	location   string
	agenda     string
}

// readSpec validates what a person asked for, reading phrases in their zone.
func (s *Sessions) readSpec(p *domain.Program, in ScheduleInput, zone *time.Location) (sessionSpec, error) {
	var spec sessionSpec
	start, minutes, recurrence, err := s.readWhen("when", in.When, in.Start, zone)
	if err != nil {
		return spec, err
	}
	spec.start, spec.recurrence = start, recurrence
	if in.DurationMinutes != 0 {
		minutes = in.DurationMinutes
	}
	if minutes == 0 {
		minutes = s.defaultMinutes(p)
	}
	if err := checkLength(minutes); err != nil {
		return spec, err
	}
	spec.minutes = minutes
	if in.Recurrence != "" {
		rule, err := calendar.NormalizeRecurrence(in.Recurrence)
		if err != nil {
			return spec, errorOfParse("recurrence", err)
		}
		spec.recurrence = rule
	}
	if err := checkSeries(spec.start, zone.String(), spec.recurrence); err != nil {
		return spec, err
	}
	if spec.where, spec.location, err = checkWhere(in.Where, in.Location); err != nil {
		return spec, err
	}
	spec.title, spec.agenda = strings.TrimSpace(in.Title), strings.TrimSpace(in.Agenda)
	if err := checkText("title", spec.title, domain.MaxSessionTitle); err != nil {
		return spec, err
	}
	return spec, checkText("agenda", spec.agenda, domain.MaxSessionAgenda)
}

// readWhen reads a phrase (or takes an exact start) and refuses the past.
func (s *Sessions) readWhen(field, when string, start time.Time, zone *time.Location) (time.Time, int, string, error) {
	now := s.now()
	minutes, recurrence := 0, ""
	if strings.TrimSpace(when) != "" {
		parsed, err := calendar.ParseWhen(when, zone, now)
		if err != nil {
			return time.Time{}, 0, "", errorOfParse(field, err)
		}
		start, minutes, recurrence = parsed.Start, int(parsed.Duration/time.Minute), parsed.Recurrence
	}
	if start.IsZero() {
		return time.Time{}, 0, "", invalid(field, msgWhenRequired, map[string]any{"Examples": examplesText()})
	}
	start = start.UTC().Truncate(time.Minute)
	if !start.After(now) {
		return time.Time{}, 0, "", invalid(field, msgSessionPast, map[string]any{
			"When": start.In(zone).Format("2006-01-02 15:04") + " (" + zone.String() + ")", "Examples": examplesText(),
		})
	}
	return start, minutes, recurrence, nil
}

func (s *Sessions) defaultMinutes(p *domain.Program) int {
	if p.Sessions.DefaultMinutes > 0 {
		return p.Sessions.DefaultMinutes
	}
	if d := s.deps.Settings().Sessions.DefaultMinutes; d > 0 {
		return d
	}
	return 30
}

func checkLength(minutes int) error {
	if d := time.Duration(minutes) * time.Minute; d < domain.MinSessionLength || d > domain.MaxSessionLength {
		return invalid("duration_minutes", msgBadLength, map[string]any{"Value": minutes})
	}
	return nil
}

// checkWhere validates the kind of place and its link or address.
func checkWhere(where, location string) (string, string, error) {
	location = strings.TrimSpace(location)
	switch where {
	case "", domain.WhereChannel:
		return domain.WhereChannel, "", nil
	case domain.WhereLink:
		if location == "" {
			return "", "", invalid("location", msgLinkRequired, nil)
		}
		u, err := url.Parse(location)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || utf8.RuneCountInString(location) > domain.MaxSessionLink {
			return "", "", invalid("location", msgBadLink, map[string]any{"Value": location})
		}
		return where, location, nil
	case domain.WherePlace:
		if location == "" {
			return "", "", invalid("location", msgPlaceRequired, nil)
		}
		return where, location, checkText("location", location, domain.MaxSessionPlace)
	default:
		return "", "", invalid("where", msgBadWhere, map[string]any{"Value": where})
	}
}

func checkText(field, text string, limit int) error {
	if n := utf8.RuneCountInString(text); n > limit {
		return invalid(field, msgSessionTextLong, map[string]any{"Field": field, "Length": n, "Max": limit})
	}
	for _, r := range text {
		if r < 0x20 && r != '\n' && r != '\t' {
			return invalid(field, msgSessionControl, map[string]any{"Field": field})
		}
	}
	return nil
}

// checkSeries refuses a repeat that brings no second meeting (FREQ=YEARLY;
// BYMONTH=2;BYMONTHDAY=30): it is a mistake, and such rules are slow to search.
func checkSeries(start time.Time, zone, rule string) error {
	if rule == "" {
		return nil
	}
	starts, err := calendar.Occurrences(start, zone, rule, start, start.AddDate(calendar.MaxSpanYears, 0, 0), 2)
	if err != nil {
		return errorOfParse("recurrence", err)
	}
	if len(starts) < 2 {
		return invalid("recurrence", msgParseRecurrence, map[string]any{"Text": rule})
	}
	return nil
}
