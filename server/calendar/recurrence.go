package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/teambition/rrule-go"
)

// MaxInterval is the largest INTERVAL accepted ("every 52 weeks").
const MaxInterval = 52

const weekdayPat = `(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)`
const countPat = `(other|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`
const ordinalPat = `(first|1st|second|2nd|third|3rd|fourth|4th|last)`

var byDayCode = map[string]string{
	"monday": "MO", "mon": "MO", "tuesday": "TU", "tues": "TU", "tue": "TU",
	"wednesday": "WE", "wed": "WE", "thursday": "TH", "thurs": "TH", "thur": "TH", "thu": "TH",
	"friday": "FR", "fri": "FR", "saturday": "SA", "sat": "SA", "sunday": "SU", "sun": "SU",
}

var ordinalN = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}

var countN = map[string]int{"other": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

var freqWord = map[string]string{"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY",
	"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY"}

// recurrencePattern is one shape of recurrence phrase; build turns its
// submatches into an RRULE body (validated afterwards by NormalizeRecurrence).
type recurrencePattern struct {
	re    *regexp.Regexp
	build func(m []string) string
}

// The patterns are tried in order on the lower-cased phrase; the first that
// matches is cut out of it. Longer shapes come first so that "monthly on the
// first monday" is not read as "monthly" plus leftover words.
var recurrencePatterns = []recurrencePattern{
	{ // monthly on the first monday / every 2 months on the last friday
		regexp.MustCompile(`\b(?:monthly|every\s+month|every\s+` + countPat + `\s+months)\s+on\s+the\s+` + ordinalPat + `\s+` + weekdayPat + `\b`),
		func(m []string) string { return withInterval("MONTHLY", m[1]) + ";BYDAY=" + nthDay(m[2], m[3]) },
	},
	{ // on the first monday of every month
		regexp.MustCompile(`\bon\s+the\s+` + ordinalPat + `\s+` + weekdayPat + `\s+of\s+(?:every|each)\s+month\b`),
		func(m []string) string { return "FREQ=MONTHLY;BYDAY=" + nthDay(m[1], m[2]) },
	},
	{ // every weekday
		regexp.MustCompile(`\bevery\s+weekday\b`),
		func([]string) string { return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
	},
	{ // every tuesday / every other tuesday / every 3 tuesdays
		regexp.MustCompile(`\bevery\s+(?:` + countPat + `\s+)?` + weekdayPat + `s?\b`),
		func(m []string) string { return withInterval("WEEKLY", m[1]) + ";BYDAY=" + byDayCode[m[2]] },
	},
	{ // every 2 weeks / every other week (on tuesday)
		regexp.MustCompile(`\bevery\s+` + countPat + `\s+(day|week|month)s?(?:\s+on\s+` + weekdayPat + `s?)?\b`),
		func(m []string) string { return withInterval(freqWord[m[2]], m[1]) + onDay(m[3]) },
	},
	{ // biweekly / fortnightly (on tuesday)
		regexp.MustCompile(`\b(?:bi-?weekly|fortnightly|every\s+fortnight)(?:\s+on\s+` + weekdayPat + `s?)?\b`),
		func(m []string) string { return "FREQ=WEEKLY;INTERVAL=2" + onDay(m[1]) },
	},
	{ // daily / weekly / monthly / every day / every week (on tuesday)
		regexp.MustCompile(`\b(?:(daily|weekly|monthly)|every\s+(day|week|month))(?:\s+on\s+` + weekdayPat + `s?)?\b`),
		func(m []string) string { return "FREQ=" + freqWord[m[1]+m[2]] + onDay(m[3]) },
	},
}

func withInterval(freq, count string) string {
	if count == "" {
		return "FREQ=" + freq
	}
	n, ok := countN[count]
	if !ok {
		n, _ = strconv.Atoi(count)
	}
	return fmt.Sprintf("FREQ=%s;INTERVAL=%d", freq, n)
}

func nthDay(ordinal, weekday string) string {
	return strconv.Itoa(ordinalN[ordinal]) + byDayCode[weekday]
}

func onDay(weekday string) string {
	if weekday == "" {
		return ""
	}
	return ";BYDAY=" + byDayCode[weekday]
}

// cutRecurrence finds a recurrence phrase in s (lower case), returns s without
// it and the RRULE body ("" when there is none). Two recurrence phrases, or a
// left-over "every", are an error.
func cutRecurrence(s string) (rest, body string, err error) {
	for _, p := range recurrencePatterns {
		loc := p.re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		phrase := m[0]
		rest = s[:loc[0]] + " " + s[loc[1]:]
		body, err = NormalizeRecurrence(p.build(m))
		if err != nil {
			return "", "", perr(CodeBadRecurrence, phrase)
		}
		break
	}
	if body == "" {
		rest = s
	}
	for _, p := range recurrencePatterns {
		if extra := p.re.FindString(rest); extra != "" {
			return "", "", perr(CodeBadRecurrence, strings.TrimSpace(extra))
		}
	}
	if i := everyWord.FindStringIndex(rest); i != nil {
		return "", "", perr(CodeBadRecurrence, strings.TrimSpace(rest[i[0]:]))
	}
	return rest, body, nil
}

var everyWord = regexp.MustCompile(`\bevery\b`)
var rrulePrefix = regexp.MustCompile(`(?i)^RRULE:`)
var plusNth = regexp.MustCompile(`([=,])\+(\d)`)

// NormalizeRecurrence validates a recurrence given either as one of our phrases
// ("every 2 weeks") or as an RRULE body ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", with
// or without "RRULE:") and returns the canonical body (rrule-go's field order,
// no INTERVAL=1). DTSTART inside, FREQ finer than DAILY, BYHOUR/BYMINUTE/BYSECOND
// (the session's time comes from its start) and INTERVAL > 52 are refused.
// "" stays "" (no recurrence).
func NormalizeRecurrence(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if !strings.Contains(s, "=") {
		rest, body, err := cutRecurrence(strings.ToLower(s))
		if err != nil {
			return "", err
		}
		if body == "" || strings.TrimSpace(rest) != "" {
			return "", perr(CodeBadRecurrence, s)
		}
		return body, nil
	}
	body := strings.ToUpper(rrulePrefix.ReplaceAllString(s, ""))
	if strings.ContainsAny(body, "\r\n") || strings.Contains(body, "DTSTART") {
		return "", perr(CodeBadRecurrence, s)
	}
	opt, err := rrule.StrToROption(body)
	if err != nil {
		return "", perr(CodeBadRecurrence, s)
	}
	if opt.Freq > rrule.DAILY || opt.Interval < 0 || opt.Interval > MaxInterval || opt.Count < 0 ||
		len(opt.Byhour)+len(opt.Byminute)+len(opt.Bysecond) > 0 {
		return "", perr(CodeBadRecurrence, s)
	}
	if _, err := rrule.NewRRule(*opt); err != nil { // RFC bounds of the BY* values
		return "", perr(CodeBadRecurrence, s)
	}
	if opt.Interval == 1 {
		opt.Interval = 0
	}
	return plusNth.ReplaceAllString(opt.RRuleString(), "$1$2"), nil
}

// hasByDay reports whether a canonical body names weekdays, in which case the
// first start must be moved onto one of them (see ParseWhen).
func hasByDay(body string) bool { return strings.Contains(body, "BYDAY=") }
