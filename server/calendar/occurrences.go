package calendar

import (
	"time"

	"github.com/teambition/rrule-go"
)

// MaxOccurrences caps every series, counted from its first start.
const MaxOccurrences = 104

// MaxSpanYears caps every series in time: no occurrence comes later than this
// many years after the first.
const MaxSpanYears = 5

// LoadZone loads an IANA zone name; "" and "UTC" are UTC. Errors are
// *ParseError with CodeBadZone.
func LoadZone(tz string) (*time.Location, error) {
	if tz == "" || tz == "UTC" {
		return time.UTC, nil
	}
	if tz == "Local" { // the server's zone is never what a person meant
		return nil, perr(CodeBadZone, tz)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, perr(CodeBadZone, tz)
	}
	return loc, nil
}

// series returns the iterator of a series' starts, in tz, first start first.
// RFC 5545 counts DTSTART as the first instance even when the rule would not
// produce it, and COUNT includes it; rrule-go (like dateutil) does neither, so
// COUNT is applied here and the first start is always yielded first.
func series(firstStart time.Time, tz, body string) (func() (time.Time, bool), error) {
	loc, err := LoadZone(tz)
	if err != nil {
		return nil, err
	}
	first := firstStart.In(loc).Truncate(time.Second)
	if body == "" {
		done := false
		return func() (time.Time, bool) {
			if done {
				return time.Time{}, false
			}
			done = true
			return first, true
		}, nil
	}
	canon, err := NormalizeRecurrence(body)
	if err != nil {
		return nil, err
	}
	opt, err := rrule.StrToROptionInLocation(canon, loc)
	if err != nil {
		return nil, perr(CodeBadRecurrence, body)
	}
	limit := MaxOccurrences
	if opt.Count > 0 && opt.Count < limit {
		limit = opt.Count
	}
	opt.Count = 0
	// Expanding from a wall-clock DTSTART in the zone keeps 15:00 at 15:00
	// across daylight-saving changes: rrule-go builds each instance with
	// time.Date in DTSTART's location.
	opt.Dtstart = first
	// A series ends within MaxSpan: a rule whose instances are rare (or
	// never come) stops there instead of being searched for ever.
	if horizon := first.AddDate(MaxSpanYears, 0, 0); opt.Until.IsZero() || opt.Until.After(horizon) {
		opt.Until = horizon
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, perr(CodeBadRecurrence, body)
	}
	next := r.Iterator()
	n := 0
	yieldedFirst := false
	return func() (time.Time, bool) {
		if n >= limit {
			return time.Time{}, false
		}
		if !yieldedFirst {
			yieldedFirst = true
			n++
			return first, true
		}
		for {
			t, ok := next()
			if !ok {
				return time.Time{}, false
			}
			if t.After(first) {
				n++
				return t, true
			}
		}
	}, nil
}

// Occurrences expands a series: firstStart (any zone) is read as wall-clock
// time in tz (IANA name) and the rule is expanded in that zone. It returns the
// starts (UTC) in [from, to), at most limit (limit <= 0: no limit beyond the
// series cap). rrule "" means the single start.
func Occurrences(firstStart time.Time, tz, rrule string, from, to time.Time, limit int) ([]time.Time, error) {
	next, err := series(firstStart, tz, rrule)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for t, ok := next(); ok && t.Before(to); t, ok = next() {
		if t.Before(from) {
			continue
		}
		out = append(out, t.UTC())
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// IsOccurrence reports whether t is a start of the series (used to check
// "edit one occurrence" requests).
func IsOccurrence(firstStart time.Time, tz, rrule string, t time.Time) (bool, error) {
	next, err := series(firstStart, tz, rrule)
	if err != nil {
		return false, err
	}
	for o, ok := next(); ok && !o.After(t); o, ok = next() {
		if o.Equal(t) {
			return true, nil
		}
	}
	return false, nil
}

// LastOccurrence returns the last start of the series (UTC); a series always
// ends, at MaxOccurrences at the latest.
func LastOccurrence(firstStart time.Time, tz, rrule string) (time.Time, error) {
	next, err := series(firstStart, tz, rrule)
	if err != nil {
		return time.Time{}, err
	}
	var last time.Time
	for o, ok := next(); ok; o, ok = next() {
		last = o
	}
	return last.UTC(), nil
}
