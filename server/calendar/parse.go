package calendar

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Parsed is what a person's phrase says about a session.
type Parsed struct {
	Start      time.Time     // UTC
	Duration   time.Duration // 0 when the phrase names none (caller applies a default)
	Recurrence string        // RRULE body without "RRULE:", e.g. "FREQ=WEEKLY;INTERVAL=2", "" when none
}

// Duration bounds for a session.
const (
	MinDuration = 5 * time.Minute
	MaxDuration = 8 * time.Hour
)

// examples all parse (TestExamplesParse checks them in several zones); the
// caller shows them when a phrase does not.
var examples = []string{
	"tomorrow 3pm for 30m",
	"next tuesday 15:00 for 1h",
	"in 2 days at noon",
	"friday 10am for 45 minutes every 2 weeks",
	"monday 9:30am weekly",
	"monthly on the first monday at 10am for 1h",
}

// Examples returns a few phrases that parse, for error messages.
func Examples() []string { return append([]string(nil), examples...) }

// durationPat is the small grammar of a length: "30m", "30 min", "1h", "1.5 hours",
// "1h30m", "1 hour 30 minutes", "90 minutes", "an hour", "half an hour".
const durationPat = `(?:(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m)(?:\s*(\d+)\s*(minutes?|mins?|m))?\b|(an?|one)\s+hour\b|(half)\s+an?\s+hour\b)`

var (
	forDuration  = regexp.MustCompile(`\bfor\s+` + durationPat)
	forWord      = regexp.MustCompile(`\bfor\b`)
	onlyDuration = regexp.MustCompile(`^` + durationPat + `$`)
	bareMinutes  = regexp.MustCompile(`^\d+$`)
	spaces       = regexp.MustCompile(`\s+`)
)

// ParseDuration reads a standalone length ("30m", "1h", "45 minutes", "1h30m";
// a bare number is minutes), bounded to 5m..8h. Errors are *ParseError with
// CodeBadDuration.
func ParseDuration(s string) (time.Duration, error) {
	t := spaces.ReplaceAllString(strings.ToLower(strings.TrimSpace(s)), " ")
	if bareMinutes.MatchString(t) {
		t += "m"
	}
	m := onlyDuration.FindStringSubmatch(t)
	if m == nil {
		return 0, perr(CodeBadDuration, s)
	}
	return durationFrom(m[1:], s)
}

// durationFrom turns durationPat's submatches into a bounded duration.
func durationFrom(g []string, text string) (time.Duration, error) {
	var d time.Duration
	switch {
	case g[5] != "":
		d = 30 * time.Minute
	case g[4] != "":
		d = time.Hour
	default:
		n, err := strconv.ParseFloat(strings.ReplaceAll(g[0], ",", "."), 64)
		if err != nil {
			return 0, perr(CodeBadDuration, text)
		}
		unit := time.Minute
		if strings.HasPrefix(g[1], "h") {
			unit = time.Hour
		}
		if g[2] != "" {
			if unit != time.Hour || n != math.Trunc(n) {
				return 0, perr(CodeBadDuration, text) // "30m 15m", "1.5h 10m"
			}
			extra, _ := strconv.Atoi(g[2])
			d = time.Duration(extra) * time.Minute
		}
		d += time.Duration(n * float64(unit))
	}
	if d%time.Minute != 0 || d < MinDuration || d > MaxDuration {
		return 0, perr(CodeBadDuration, text)
	}
	return d, nil
}

func cutDuration(s string) (rest string, d time.Duration, err error) {
	loc := forDuration.FindStringSubmatchIndex(s)
	if loc != nil {
		g := make([]string, len(loc)/2)
		for i := range g {
			if loc[2*i] >= 0 {
				g[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		if d, err = durationFrom(g[1:], g[0]); err != nil {
			return "", 0, err
		}
		s = s[:loc[0]] + " " + s[loc[1]:]
	}
	if i := forWord.FindStringIndex(s); i != nil { // a second "for", or one we could not read
		return "", 0, perr(CodeBadDuration, strings.TrimSpace(s[i[0]:]))
	}
	return s, d, nil
}

// ParseWhen reads a phrase such as "tomorrow 3pm for 30m", "next tuesday 3pm",
// "in 2 days at noon", "2026-12-03 15:00", "2026-12-03T15:00:00+01:00",
// "friday 10am for 1h every 2 weeks" or "monthly on the first monday at 10am"
// in loc (the author's zone) relative to now.
//
// The length ("for ...") and the recurrence are cut out with our small grammar;
// the rest is a date and time of day read by olebedev/when, or an ISO date/time.
// A time of day alone means its next occurrence (today or tomorrow). With a
// recurrence that names weekdays ("every tuesday", "monthly on the first
// monday") the start moves to the first such day on or after the date read.
// Errors are *ParseError (see the Code constants).
func ParseWhen(phrase string, loc *time.Location, now time.Time) (Parsed, error) {
	if loc == nil {
		loc = time.UTC
	}
	s := spaces.ReplaceAllString(strings.ToLower(strings.TrimSpace(phrase)), " ")
	if s == "" {
		return Parsed{}, perr(CodeEmpty, phrase)
	}
	s, dur, err := cutDuration(s)
	if err != nil {
		return Parsed{}, err
	}
	s, body, err := cutRecurrence(s)
	if err != nil {
		return Parsed{}, err
	}
	s = strings.Trim(spaces.ReplaceAllString(s, " "), " ,")
	if s == "" {
		return Parsed{}, perr(CodeNoTime, phrase)
	}
	start, err := readDateTime(s, now.In(loc))
	if err != nil {
		return Parsed{}, err
	}
	if hasByDay(body) {
		if start, err = firstOnRule(start, body); err != nil {
			return Parsed{}, err
		}
	}
	if start.Before(now) {
		return Parsed{}, perr(CodePast, phrase)
	}
	return Parsed{Start: start.UTC(), Duration: dur, Recurrence: body}, nil
}

var (
	isoDateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}t\S+$`)
	isoDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	clockTime   = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?$`)
)

// readDateTime reads the date-and-time part (lower case, trimmed) in now's zone.
func readDateTime(s string, now time.Time) (time.Time, error) {
	loc := now.Location()
	words := strings.SplitN(s, " ", 2)
	first, rest := words[0], ""
	if len(words) == 2 {
		rest = words[1]
	}
	switch {
	case isoDateTime.MatchString(first):
		if rest != "" {
			return time.Time{}, perr(CodeLeftover, rest)
		}
		up := strings.ToUpper(first)
		if t, err := time.Parse(time.RFC3339, up); err == nil {
			return t.Truncate(time.Minute), nil
		}
		for _, layout := range []string{"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
			if t, err := time.ParseInLocation(layout, up, loc); err == nil {
				return t.Truncate(time.Minute), nil
			}
		}
		return time.Time{}, perr(CodeUnparseable, first)
	case isoDate.MatchString(first):
		date, err := time.ParseInLocation("2006-01-02", first, loc)
		if err != nil {
			return time.Time{}, perr(CodeUnparseable, first)
		}
		if rest == "" {
			return time.Time{}, perr(CodeNoTime, s)
		}
		if clockTime.MatchString(rest) {
			layout := "2006-01-02 15:04"
			if strings.Count(rest, ":") == 2 {
				layout += ":05"
			}
			t, err := time.ParseInLocation(layout, first+" "+rest, loc)
			if err != nil {
				return time.Time{}, perr(CodeUnparseable, s)
			}
			return t.Truncate(time.Minute), nil
		}
		// "2026-12-03 at 3pm": the time of day by when, on that date.
		res, found, leftover, err := runWhen(rest, date)
		switch {
		case err != nil || !found:
			return time.Time{}, perr(CodeUnparseable, rest)
		case leftover != "":
			return time.Time{}, perr(CodeLeftover, leftover)
		case res.hasDate || !res.hasTime || res.relative:
			return time.Time{}, perr(CodeUnparseable, rest)
		}
		return res.t, nil
	}
	res, found, leftover, err := runWhen(s, now)
	switch {
	case err != nil || !found:
		return time.Time{}, perr(CodeUnparseable, s)
	case leftover != "":
		return time.Time{}, perr(CodeLeftover, leftover)
	case !res.hasTime:
		return time.Time{}, perr(CodeNoTime, s)
	}
	t := res.t
	if !res.hasDate && !res.relative && t.Before(now) {
		// "3pm" said at 4pm means tomorrow's 3pm.
		t = time.Date(t.Year(), t.Month(), t.Day()+1, t.Hour(), t.Minute(), 0, 0, loc)
	}
	return t, nil
}

// firstOnRule moves anchor (wall clock in its zone) to the first day on or after
// it that the rule allows. INTERVAL is left out here: rrule-go counts intervals
// from the anchor's week or month, which could skip the nearest matching day;
// the series then counts its intervals from the start found.
func firstOnRule(anchor time.Time, body string) (time.Time, error) {
	opt, err := rrule.StrToROptionInLocation(body, anchor.Location())
	if err != nil {
		return time.Time{}, perr(CodeBadRecurrence, body)
	}
	opt.Interval, opt.Count, opt.Dtstart = 0, 0, anchor
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return time.Time{}, perr(CodeBadRecurrence, body)
	}
	t := r.After(anchor, true)
	if t.IsZero() {
		return time.Time{}, perr(CodeBadRecurrence, body)
	}
	return t, nil
}
