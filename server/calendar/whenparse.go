package calendar

import (
	"sort"
	"strings"
	"time"

	"github.com/olebedev/when/rules"
	"github.com/olebedev/when/rules/common"
	"github.com/olebedev/when/rules/en"
)

// taggedRule is one olebedev/when rule plus whether it names a calendar day.
// The rules and their order are exactly when.EN's (en.All then common.All);
// we run them ourselves (the same few steps as when.Parser.Parse) because the
// parser only returns a time, and we must also know whether a time of day and a
// date were said, and which words no rule used.
type taggedRule struct {
	rule rules.Rule
	date bool
}

var whenRules = []taggedRule{
	{en.Weekday(rules.Override), true},
	{en.CasualDate(rules.Override), true},
	{en.CasualTime(rules.Override), false},
	{en.Hour(rules.Override), false},
	{en.HourMinute(rules.Override), false},
	{en.Deadline(rules.Override), false}, // "in 2 days" vs "in 2 hours": decided from the context below
	{en.PastTime(rules.Override), false},
	{en.ExactMonthDate(rules.Override), true},
	{common.SlashDMY(rules.Override), true},
}

// whenOptions are when's defaults (when.New(nil)).
var whenOptions = &rules.Options{Distance: 5, MatchByOrder: true}

const day = 24 * time.Hour

// fillers may stand between or around the recognised parts without meaning anything.
var fillers = map[string]bool{"at": true, "on": true, "the": true, "of": true, "@": true, "and": true, "from": true, "starting": true}

type whenResult struct {
	t       time.Time // in base's location, seconds zeroed
	hasTime bool      // a time of day (or a relative time such as "in 2 hours") was said
	hasDate bool      // a day was said
	// relative: a time counted from now ("in 2 hours") rather than a clock time
	relative bool
}

// runWhen reads text with the when rules relative to base (in the author's zone).
// found is false when no rule matched; leftover holds words no rule used.
func runWhen(text string, base time.Time) (res whenResult, found bool, leftover string, err error) {
	var matches []*rules.Match
	isDate := map[*rules.Match]bool{}
	for i, tr := range whenRules {
		if m := tr.rule.Find(text); m != nil {
			m.Order = float64(i)
			matches = append(matches, m)
			isDate[m] = tr.date
		}
	}
	if len(matches) == 0 {
		return res, false, text, nil
	}
	sort.Sort(rules.MatchByIndex(matches))
	end := matches[0].Right
	for i, m := range matches {
		if m.Left <= end+whenOptions.Distance {
			if m.Right > end {
				end = m.Right
			}
			continue
		}
		matches = matches[:i]
		break
	}

	covered := make([]bool, len(text))
	for _, m := range matches {
		for i := m.Left; i < m.Right; i++ {
			covered[i] = true
		}
		if isDate[m] {
			res.hasDate = true
		}
	}
	leftover = uncovered(text, covered)

	sort.Sort(rules.MatchByOrder(matches))
	ctx := &rules.Context{Text: text}
	applied := false
	for _, m := range matches {
		ok, aerr := m.Apply(ctx, whenOptions, base)
		if aerr != nil {
			return res, false, text, aerr
		}
		applied = applied || ok
	}
	if !applied {
		return res, false, text, nil
	}

	// when adds "in 2 days" / "next tuesday" as a number of 24-hour steps; across
	// a daylight-saving change that lands an hour off, so whole days are added as
	// calendar days instead.
	if ctx.Duration != 0 && ctx.Duration%day == 0 {
		base = base.AddDate(0, 0, int(ctx.Duration/day))
		ctx.Duration = 0
		res.hasDate = true
	}
	if ctx.Duration != 0 {
		res.hasTime, res.relative = true, true // "in 2 hours"
	}
	if ctx.Year != nil || ctx.Month != nil || ctx.Day != nil || ctx.Weekday != nil {
		res.hasDate = true
	}
	if ctx.Hour != nil || ctx.Minute != nil {
		res.hasTime = true
	}
	t, terr := ctx.Time(base)
	if terr != nil {
		return res, false, text, terr
	}
	res.t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, base.Location())
	return res, true, leftover, nil
}

// uncovered returns the words of text outside the covered bytes, fillers dropped.
func uncovered(text string, covered []bool) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if covered[i] {
			b.WriteByte(' ')
		} else {
			b.WriteByte(text[i])
		}
	}
	var left []string
	for _, w := range strings.FieldsFunc(b.String(), func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		if !fillers[strings.Trim(w, ".")] && strings.Trim(w, ".") != "" {
			left = append(left, w)
		}
	}
	return strings.Join(left, " ")
}
