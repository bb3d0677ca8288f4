package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Reminders and "did you meet?" prompts (nudges) run on the due-work
// scheduler. The scheduler may run an item twice (a node died after claiming
// it), so every nudge is also claimed in its occurrence record before it is
// sent, and marked sent with its post afterwards. A claim left by a dead node
// is recognized after nudgeLease: the retry looks for the DM carrying the
// nudge's key, and sends only when there is none. So each nudge reaches its
// reader exactly once.

// nudgeLease is how long a claimed nudge is left to the node sending it: far
// longer than sending one DM takes (milliseconds), and longer than the
// scheduler's claim lease, so a slow node's DM still in flight is not sent
// again by another.
const nudgeLease = 2 * time.Minute

// errNudgeBusy leaves an item due while another node sends its nudge.
var errNudgeBusy = errors.New("another node is sending this nudge")

// busyUntil is errNudgeBusy with the time the other node's claim lapses.
type busyUntil struct{ at time.Time }

func (b busyUntil) Error() string { return errNudgeBusy.Error() }
func (b busyUntil) Unwrap() error { return errNudgeBusy }

// maxLead bounds a lead time (a week), so reminders of one occurrence are
// always put on the scheduler before they are due.
const maxLead = 7 * 24 * time.Hour

// leadsFor are the user's reminder lead times in a program: their own, else
// the program's, else the console's.
func (s *Sessions) leadsFor(prefs *domain.Preferences, p *domain.Program) []int {
	if len(prefs.LeadMinutes) > 0 {
		return prefs.LeadMinutes
	}
	return s.programSessionSettings(p).LeadMinutes
}

func (s *Sessions) followUpDelay(p *domain.Program) time.Duration {
	return time.Duration(s.programSessionSettings(p).FollowUpMinutes) * time.Minute
}

// weeklyBudget is how many nudges a week the user gets one by one: their own
// choice, else the console's (DefaultWeeklyBudget when it sets none).
func (s *Sessions) weeklyBudget(prefs *domain.Preferences) int {
	if prefs.WeeklyBudget != nil {
		return *prefs.WeeklyBudget
	}
	if budget := s.deps.Settings().Sessions.WeeklyBudget; budget > 0 {
		return budget
	}
	return DefaultWeeklyBudget
}

// rollFrom puts the nudges of the session's next meeting after now on the
// scheduler (and the roll of the one after it).
func (s *Sessions) rollFrom(v *domain.Session, now time.Time) error {
	if v.Status != domain.SessionScheduled {
		return nil
	}
	for _, o := range occurrencesOf(v) {
		if !o.cancelled && o.start.Add(v.Duration()).After(now) {
			return s.scheduleOccurrence(v, o)
		}
	}
	return nil
}

// roll is the due item that schedules one occurrence's nudges.
func (s *Sessions) roll(payload string) error {
	parts := strings.Split(payload, "|")
	if len(parts) != 3 {
		return errors.Errorf("bad roll payload %q", payload)
	}
	v, err := s.store.GetSession(parts[0])
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if v.Status != domain.SessionScheduled {
		return nil
	}
	if strconv.Itoa(v.Sequence) != parts[1] {
		// Changed since: roll from the session as it is now (idempotent by
		// item id, so a change that rolled its own costs nothing more).
		return s.rollFrom(v, s.now())
	}
	orig, err := time.Parse("20060102T150405Z", parts[2])
	if err != nil {
		return errors.Wrap(err, "bad roll occurrence")
	}
	o, ok := findOccurrence(v, orig)
	if !ok || o.cancelled {
		return s.rollFrom(v, orig.Add(time.Second))
	}
	return s.scheduleOccurrence(v, o)
}

// scheduleOccurrence schedules, for one meeting, each participant's reminders
// and "did you meet?", then the roll of the next meeting. Item ids name the
// meeting's time, so a moved meeting gets new items and the old ones find a
// different time and do nothing.
func (s *Sessions) scheduleOccurrence(v *domain.Session, o occurrence) error {
	p, err := s.store.GetProgram(v.ProgramID)
	if err != nil {
		return err
	}
	sched := s.deps.Scheduler
	if sched == nil {
		return nil
	}
	okey, startUnix := domain.OccurrenceKey(o.orig), strconv.FormatInt(o.start.Unix(), 10)
	longest := time.Duration(0)
	for _, user := range v.Participants {
		prefs, _, err := s.store.GetPreferences(user)
		if err != nil {
			return err
		}
		for _, lead := range s.leadsFor(prefs, p) {
			d := time.Duration(lead) * time.Minute
			longest = max(longest, d)
			due := o.start.Add(-d)
			if due.Before(v.UpdatedAt) {
				continue // the invite went after this reminder's time: it would only repeat it
			}
			payload := strings.Join([]string{v.ID, okey, startUnix, user, strconv.Itoa(lead)}, "|")
			if err := sched.At("srem/"+payload, DueRemindSession, due, payload); err != nil {
				return err
			}
		}
		payload := strings.Join([]string{v.ID, okey, startUnix, user}, "|")
		if err := sched.At("safter/"+payload, DueFollowUp, o.start.Add(v.Duration()+s.followUpDelay(p)), payload); err != nil {
			return err
		}
	}
	for _, next := range occurrencesOf(v) {
		if next.orig.After(o.orig) && !next.cancelled {
			payload := strings.Join([]string{v.ID, strconv.Itoa(v.Sequence), domain.OccurrenceKey(next.orig)}, "|")
			return sched.At("sroll/"+payload, DueRollSession, next.start.Add(-min(longest, maxLead)-time.Hour), payload)
		}
	}
	return nil
}

// nudgeItem is a reminder or follow-up item, decoded.
type nudgeItem struct {
	v     *domain.Session
	p     *domain.Program
	o     occurrence
	user  string
	lead  int
	valid bool // the item still matches the session: same meeting, same time, same people
}

func (s *Sessions) readNudgeItem(payload string) (nudgeItem, error) {
	parts := strings.Split(payload, "|")
	if len(parts) < 4 {
		return nudgeItem{}, errors.Errorf("bad nudge payload %q", payload)
	}
	var it nudgeItem
	v, p, err := s.load(parts[0])
	if err != nil {
		var appErr *Error
		if errors.As(err, &appErr) && appErr.Kind == KindNotFound {
			return it, nil
		}
		return it, err
	}
	orig, err := time.Parse("20060102T150405Z", parts[1])
	if err != nil {
		return it, errors.Wrap(err, "bad nudge occurrence")
	}
	startUnix, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return it, errors.Wrap(err, "bad nudge start")
	}
	it.v, it.p, it.user = v, p, parts[3]
	if len(parts) > 4 {
		it.lead, _ = strconv.Atoi(parts[4])
	}
	o, ok := findOccurrence(v, orig)
	it.o = o
	it.valid = ok && !o.cancelled && v.Status == domain.SessionScheduled &&
		o.start.Unix() == startUnix && v.IsParticipant(it.user)
	if it.valid && v.MatchID != "" {
		m, err := s.store.GetMatch(v.MatchID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return it, err
		}
		it.valid = err == nil && (m.Status == domain.MatchActive || m.Status == domain.MatchPaused)
	}
	return it, nil
}

// remind sends one reminder before a meeting.
func (s *Sessions) remind(payload string) error {
	it, err := s.readNudgeItem(payload)
	if err != nil || !it.valid {
		return err
	}
	if !s.now().Before(it.o.start) {
		return nil // the meeting has begun (the reminder waited out quiet hours): too late to help
	}
	prefs, _, err := s.store.GetPreferences(it.user)
	if err != nil {
		return err
	}
	if !slices.Contains(s.leadsFor(prefs, it.p), it.lead) {
		return nil // the user or the program changed their lead times since
	}
	// The mark names the meeting's time: a meeting moved after its reminder
	// went is reminded again for the new time.
	key := fmt.Sprintf("remind/%s/%d/%d", it.user, it.lead, it.o.start.Unix())
	return s.deliver(nudgeJob{
		user: it.user, key: key, kind: DueRemindSession, itemID: "srem/" + payload, payload: payload, prefs: prefs,
		marks: occurrenceMarks{s.store, it.v.ID, it.o.orig}, pending: s.pendingOf(it, key, DueRemindSession),
		send: func(nudgeKey string) string {
			return s.deps.Sessions.Reminder(it.p, it.v, it.o.orig, it.o.start, it.user, nudgeKey)
		},
	})
}

// followUp asks one participant "did you meet?" after a meeting.
func (s *Sessions) followUp(payload string) error {
	it, err := s.readNudgeItem(payload)
	if err != nil || !it.valid {
		return err
	}
	if s.now().Before(it.o.start.Add(it.v.Duration())) {
		return nil // made longer since: the item of the new end asks
	}
	key := fmt.Sprintf("after/%s/%d", it.user, it.o.start.Unix())
	return s.deliver(nudgeJob{
		user: it.user, key: key, kind: DueFollowUp, itemID: "safter/" + payload, payload: payload,
		marks: occurrenceMarks{s.store, it.v.ID, it.o.orig}, pending: s.pendingOf(it, key, DueFollowUp),
		send: func(nudgeKey string) string {
			return s.deps.Sessions.FollowUp(it.p, it.v, it.o.orig, it.user, nudgeKey)
		},
	})
}

func (s *Sessions) pendingOf(it nudgeItem, key, kind string) store.PendingNudge {
	return store.PendingNudge{
		Key: it.v.ID + "/" + domain.OccurrenceKey(it.o.orig) + "/" + key, Kind: kind,
		SessionID: it.v.ID, Occurrence: it.o.orig, Start: it.o.start, Title: it.v.Title, // the digest names an untitled one in its reader's language
	}
}

// occurrenceMarks keeps nudge marks in an occurrence's record.
type occurrenceMarks struct {
	st        *store.Store
	sessionID string
	orig      time.Time
}

func (m occurrenceMarks) update(key string, mutate func(mark *domain.NudgeMark, exists bool) error) error {
	_, err := m.st.UpdateOccurrence(m.sessionID, m.orig, func(o *domain.Occurrence) error {
		mark, exists := o.Nudges[key]
		if err := mutate(&mark, exists); err != nil {
			return err
		}
		if o.Nudges == nil {
			o.Nudges = map[string]domain.NudgeMark{}
		}
		if mark.ClaimedAt.IsZero() && mark.Outcome == "" {
			delete(o.Nudges, key)
		} else {
			o.Nudges[key] = mark
		}
		return nil
	})
	return err
}

// nudgeMarks is where a kind of nudge records its claims and outcomes.
type nudgeMarks interface {
	update(key string, mutate func(mark *domain.NudgeMark, exists bool) error) error
}

// nudgeJob is one nudge to one user.
type nudgeJob struct {
	user, key, kind string
	// itemID and payload re-schedule the item when it must wait (quiet hours).
	itemID, payload string
	marks           nudgeMarks
	pending         store.PendingNudge
	// prefs are the user's preferences when the caller read them already.
	prefs *domain.Preferences
	// send sends the DM marked with the nudge key; "" when it failed.
	send func(nudgeKey string) string
}

// deliver sends a nudge exactly once, unless the user snoozes (skipped), is in
// quiet hours (it waits until they end) or is over the week's budget (it goes
// into the next digest).
func (s *Sessions) deliver(job nudgeJob) error {
	now := s.now()
	prefs := job.prefs
	if prefs == nil {
		var err error
		if prefs, _, err = s.store.GetPreferences(job.user); err != nil {
			return err
		}
	}
	zone := s.zoneOf(job.user)
	if until, quiet := quietUntil(prefs, zone, now); quiet {
		return s.deps.Scheduler.At(job.itemID+"/after-quiet", job.kind, until, job.payload)
	}
	err := s.once(job.marks, job.key, job.user, job.pending.Key, func(postKey string) (string, string, error) {
		if prefs.SnoozeUntil.After(now) {
			return "skipped", "", nil
		}
		alone, err := s.spend(job.user, prefs, zone, job.pending, now)
		if err != nil || !alone {
			return "digest", "", err
		}
		return "sent", job.send(postKey), nil
	})
	var busy busyUntil
	if errors.As(err, &busy) {
		// Another node claimed it: look again the moment its claim lapses
		// (a node that died mid-send is taken over then, not hours later).
		return s.deps.Scheduler.At(job.itemID+"/after-claim/"+strconv.FormatInt(busy.at.Unix(), 10), job.kind, busy.at, job.payload)
	}
	return err
}

// sendOnce sends one DM exactly once (see once).
func (s *Sessions) sendOnce(marks nudgeMarks, markKey, to, postKey string, send func(postKey string) string) error {
	return s.once(marks, markKey, to, postKey, func(postKey string) (string, string, error) {
		return "sent", send(postKey), nil
	})
}

// once runs act exactly once for a mark: it claims the mark with
// compare-and-set, acts, and records the outcome. act returns the outcome and,
// for "sent", the post (marked with postKey; "" when sending failed). A claim
// younger than nudgeLease belongs to a live node (busy: the item is tried
// again later). An older one was left by a node that died: the DM with
// postKey is looked for, and sent only if it is not there.
func (s *Sessions) once(marks nudgeMarks, markKey, to, postKey string, act func(postKey string) (string, string, error)) error {
	now := s.now()
	var c markClaim
	err := marks.update(markKey, func(mark *domain.NudgeMark, exists bool) error {
		if c = claimMark(mark, exists, now); c.done || c.busy {
			return store.ErrUnchanged
		}
		return nil
	})
	done, busy, stale := c.done, c.busy, c.stale
	switch {
	case err != nil || done:
		return err
	case busy:
		return busyUntil{at: c.claimedAt.Add(nudgeLease + time.Second)}
	}
	if !stale.IsZero() {
		postID, err := s.deps.Sessions.FindNudge(to, postKey, stale.Add(-time.Second))
		if err != nil {
			return err // cannot tell whether it went: try again later rather than twice
		}
		if postID != "" {
			return settleMark(marks, markKey, "sent", postID)
		}
	}
	outcome, postID, err := act(postKey)
	if err == nil && outcome == "sent" && postID == "" {
		err = errors.New("the DM could not be sent")
	}
	if err != nil {
		// Not done: drop the claim so the retry does not wait for the lease.
		_ = marks.update(markKey, func(mark *domain.NudgeMark, _ bool) error {
			*mark = domain.NudgeMark{}
			return nil
		})
		return err
	}
	return settleMark(marks, markKey, outcome, postID)
}

// markClaim is what claiming a mark found: done already, busy (a live
// node's claim), or stale (a dead node's claim, from that time).
type markClaim struct {
	done, busy bool
	stale      time.Time
	claimedAt  time.Time // the live claim's time, when busy
}

// claimMark claims a mark at now unless it is done or freshly claimed.
func claimMark(mark *domain.NudgeMark, exists bool, now time.Time) markClaim {
	switch {
	case mark.Outcome != "":
		return markClaim{done: true}
	case exists && now.Sub(mark.ClaimedAt) < nudgeLease:
		return markClaim{busy: true, claimedAt: mark.ClaimedAt}
	}
	c := markClaim{}
	if exists {
		c.stale = mark.ClaimedAt
	}
	mark.ClaimedAt = now
	return c
}

func settleMark(marks nudgeMarks, key, outcome, postID string) error {
	return marks.update(key, func(mark *domain.NudgeMark, _ bool) error {
		mark.Outcome, mark.PostID = outcome, postID
		return nil
	})
}

// quietUntil reports whether now falls in the user's quiet hours (wall-clock
// times in their zone) and when they end.
func quietUntil(prefs *domain.Preferences, zone *time.Location, now time.Time) (time.Time, bool) {
	startMin, ok1 := clockMinutes(prefs.QuietStart)
	endMin, ok2 := clockMinutes(prefs.QuietEnd)
	if !ok1 || !ok2 || startMin == endMin {
		return time.Time{}, false
	}
	local := now.In(zone)
	minute := local.Hour()*60 + local.Minute()
	var quiet bool
	if startMin < endMin {
		quiet = minute >= startMin && minute < endMin
	} else { // overnight, e.g. 22:00–08:00
		quiet = minute >= startMin || minute < endMin
	}
	if !quiet {
		return time.Time{}, false
	}
	end := time.Date(local.Year(), local.Month(), local.Day(), endMin/60, endMin%60, 0, 0, zone)
	if !end.After(local) {
		end = time.Date(local.Year(), local.Month(), local.Day()+1, endMin/60, endMin%60, 0, 0, zone)
	}
	return end.UTC(), true
}

// clockMinutes reads "HH:MM" as minutes after midnight.
func clockMinutes(hhmm string) (int, bool) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// weekOf names the ISO week of t in a zone.
func weekOf(t time.Time, zone *time.Location) string {
	y, w := t.In(zone).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// DefaultWeeklyBudget is how many nudges a week a user gets one by one when
// the console sets no budget.
const DefaultWeeklyBudget = 10

// digestHour is when a day's digest goes, in the reader's zone.
const digestHour = 9

// maxPendingNudges bounds the nudges waiting for a digest.
const maxPendingNudges = 100

// spend takes one nudge from the user's weekly budget: true means send it now;
// false means it was kept for the next digest (scheduled here).
func (s *Sessions) spend(userID string, prefs *domain.Preferences, zone *time.Location, n store.PendingNudge, now time.Time) (bool, error) {
	budget := s.weeklyBudget(prefs)
	week := weekOf(now, zone)
	alone := false
	_, err := s.store.UpdateNudgeBudget(userID, func(b *store.NudgeBudget) error {
		if b.Week != week {
			b.Week, b.Sent = week, 0
		}
		if b.Sent < budget {
			alone = true
			b.Sent++
			return nil
		}
		alone = false
		if slices.ContainsFunc(b.Pending, func(p store.PendingNudge) bool { return p.Key == n.Key }) {
			return store.ErrUnchanged
		}
		if len(b.Pending) >= maxPendingNudges {
			b.Pending = b.Pending[1:]
		}
		b.Pending = append(b.Pending, n)
		return nil
	})
	if err != nil || alone {
		return alone, err
	}
	return false, s.scheduleDigest(userID, zone, now)
}

// scheduleDigest makes the user's next digest due: the next digestHour in
// their zone (one item a day, however many nudges wait).
func (s *Sessions) scheduleDigest(userID string, zone *time.Location, now time.Time) error {
	local := now.In(zone)
	at := time.Date(local.Year(), local.Month(), local.Day(), digestHour, 0, 0, 0, zone)
	if !at.After(local) {
		at = time.Date(local.Year(), local.Month(), local.Day()+1, digestHour, 0, 0, 0, zone)
	}
	payload := userID + "|" + at.Format("2006-01-02")
	return s.deps.Scheduler.At("digest/"+payload, DueDigest, at.UTC(), payload)
}

// digest sends one user's waiting nudges in one DM, exactly once. The claim
// moves the waiting nudges into the day's digest mark, so nudges arriving
// while it is sent wait for the next digest.
func (s *Sessions) digest(payload string) error {
	user, day, ok := strings.Cut(payload, "|")
	if !ok {
		return errors.Errorf("bad digest payload %q", payload)
	}
	now := s.now()
	prefs, _, err := s.store.GetPreferences(user)
	if err != nil {
		return err
	}
	if until, quiet := quietUntil(prefs, s.zoneOf(user), now); quiet {
		return s.deps.Scheduler.At("digest/"+payload+"/after-quiet", DueDigest, until, payload)
	}
	key := "digest/" + user + "/" + day
	var claimed, added []store.PendingNudge
	var c markClaim
	_, err = s.store.UpdateNudgeBudget(user, func(b *store.NudgeBudget) error {
		claimed, added = nil, nil
		mark, exists := b.Digests[day]
		if c = claimMark(&mark.NudgeMark, exists, now); c.done || c.busy {
			return store.ErrUnchanged
		}
		added = b.Pending
		mark.Nudges = append(mark.Nudges, b.Pending...)
		if len(mark.Nudges) == 0 {
			c.done = true
			return store.ErrUnchanged
		}
		b.Pending = nil
		claimed = mark.Nudges
		if b.Digests == nil {
			b.Digests = map[string]store.DigestMark{}
		}
		b.Digests[day] = mark
		pruneDigests(b.Digests, now)
		return nil
	})
	switch {
	case err != nil || c.done:
		return err
	case c.busy:
		return errNudgeBusy
	}
	postID := ""
	if !c.stale.IsZero() {
		if postID, err = s.deps.Sessions.FindNudge(user, key, c.stale.Add(-time.Second)); err != nil {
			return err
		}
	}
	var carried []store.PendingNudge // found the dead node's digest: what came since waits for the next
	if postID != "" {
		carried = added
	} else {
		nudges := make([]Nudge, len(claimed))
		for i, p := range claimed {
			nudges[i] = Nudge{Key: p.Key, Kind: p.Kind, SessionID: p.SessionID, Occurrence: p.Occurrence, Start: p.Start, Title: p.Title}
		}
		if postID = s.deps.Sessions.Digest(user, nudges, key); postID == "" {
			return errors.New("the digest DM could not be sent")
		}
	}
	_, err = s.store.UpdateNudgeBudget(user, func(b *store.NudgeBudget) error {
		mark := b.Digests[day]
		mark.Outcome, mark.PostID, mark.Nudges = "sent", postID, nil
		b.Digests[day] = mark
		b.Pending = append(carried, b.Pending...)
		return nil
	})
	if err == nil && len(carried) > 0 {
		return s.scheduleDigest(user, s.zoneOf(user), now)
	}
	return err
}

// pruneDigests keeps the marks of the last two weeks' digests.
func pruneDigests(marks map[string]store.DigestMark, now time.Time) {
	for day, mark := range marks {
		if mark.Outcome != "" && now.Sub(mark.ClaimedAt) > 14*24*time.Hour {
			delete(marks, day)
		}
	}
}
