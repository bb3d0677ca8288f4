package matching

import (
	"time"
)

// WorkingHours is a local daily window, in minutes after midnight.
type WorkingHours struct {
	Start int `json:"start"` // e.g. 540 for 09:00
	End   int `json:"end"`   // e.g. 1020 for 17:00
}

// DefaultWorkingHours is 09:00–17:00 local time.
var DefaultWorkingHours = WorkingHours{Start: 9 * 60, End: 17 * 60}

// dayWindow is the UTC interval of a person's working hours on the local date.
func dayWindow(loc *time.Location, date time.Time, w WorkingHours) (time.Time, time.Time) {
	y, m, d := date.Date()
	// Building wall-clock times in the zone (not adding durations to midnight)
	// keeps days with a DST change right.
	start := time.Date(y, m, d, w.Start/60, w.Start%60, 0, 0, loc)
	end := time.Date(y, m, d, w.End/60, w.End%60, 0, 0, loc)
	return start.UTC(), end.UTC()
}

// OverlapMinutes is how many minutes the two people's working hours overlap on
// the given date, from the real offsets of their zones on that date (so DST is
// honoured). The other person's previous and next local days are considered too,
// so Auckland and Los Angeles still find their shared hours.
func OverlapMinutes(locA *time.Location, a WorkingHours, locB *time.Location, b WorkingHours, date time.Time) int {
	aStart, aEnd := dayWindow(locA, date, a)
	best := 0
	for shift := -1; shift <= 1; shift++ {
		bStart, bEnd := dayWindow(locB, date.AddDate(0, 0, shift), b)
		start, end := later(aStart, bStart), earlier(aEnd, bEnd)
		if m := int(end.Sub(start).Minutes()); m > best {
			best = m
		}
	}
	return best
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
