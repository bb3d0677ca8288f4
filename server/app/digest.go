package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Digests sends each program's coordinators the weekly digest: the insight's
// numbers and the top of the at-risk list, at the program's digest day and
// time in each coordinator's own zone.
//
// Each (program, coordinator) has one item on the due-work scheduler at a
// time, for the next digest; running it schedules the one after. The item's
// id names its due time, so a settings change (or Ensure) schedules a new
// item beside the old one, and the old one, finding that its time no longer
// matches the settings, sends nothing. The DM itself is claimed in a mark per
// (program, ISO week) in the coordinator's nudge document (Sessions.once), so
// it is sent once a week however many items, retries and nodes run.
type Digests struct{ base }

func newDigests(b base) *Digests { return &Digests{base: b} }

// DueDigestSend is one coordinator's weekly digest of one program; the
// payload is "programID|coordinatorID|due Unix seconds".
const DueDigestSend = "digest.send"

// DigestOff is the digest day that turns the weekly digest off.
const DigestOff = "off"

// digestTooLate: a digest found due this long ago (the servers were down) is
// skipped, not sent days late; the chain goes on with the next week. Its marks
// are kept for two weeks (pruneDigests), far longer, so a late retry never
// finds its mark gone.
const digestTooLate = 3 * 24 * time.Hour

// DigestNotifier sends the weekly coordinator digest.
type DigestNotifier interface {
	// Weekly sends one coordinator a program's digest in their language,
	// marked with key so a retry after a crash finds it (SessionNotifier's
	// FindNudge); it returns the DM's post id, "" when it failed.
	Weekly(p *domain.Program, to string, v *InsightView, key string) string
}

// DueDigestEnsure schedules a program's digests after it was created or
// changed: put on the scheduler before the program's commit, so a node that
// dies after the commit still leaves the digests scheduled.
const DueDigestEnsure = "digest.ensure"

// DueKinds are the kinds of due work Digests handles.
func (s *Digests) DueKinds() []string { return []string{DueDigestSend, DueDigestEnsure} }

// HandleDue runs one due item of a kind in DueKinds.
func (s *Digests) HandleDue(kind, payload string) error {
	if kind == DueDigestEnsure {
		return s.Ensure(payload)
	}
	if kind != DueDigestSend {
		return errors.Errorf("unknown due work %q", kind)
	}
	it, err := parseDigestItem(payload)
	if err != nil {
		return err
	}
	return s.send(it, payload)
}

// Ensure schedules the next digest of each of the program's coordinators
// (idempotent: the same time is the same item). Call it when a program is
// created or its coordinators or insight settings change.
func (s *Digests) Ensure(programID string) error {
	p, err := s.store.GetProgram(programID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if p.Archived {
		return nil
	}
	for _, c := range p.Coordinators {
		if err := s.scheduleAfter(p, c, s.deps.Now().UTC()); err != nil {
			return err
		}
	}
	return nil
}

// digestItem is a decoded DueDigestSend payload.
type digestItem struct {
	programID, to string
	due           time.Time
}

func parseDigestItem(payload string) (digestItem, error) {
	parts := strings.Split(payload, "|")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return digestItem{}, errors.Errorf("bad digest payload %q", payload)
	}
	unix, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return digestItem{}, errors.Wrapf(err, "bad digest payload %q", payload)
	}
	return digestItem{programID: parts[0], to: parts[1], due: time.Unix(unix, 0).UTC()}, nil
}

func digestPayload(programID, to string, due time.Time) string {
	return programID + "|" + to + "|" + strconv.FormatInt(due.Unix(), 10)
}

// scheduleAfter puts the coordinator's first digest after a time on the
// scheduler; nothing when the program's digest is off.
func (s *Digests) scheduleAfter(p *domain.Program, to string, after time.Time) error {
	at, ok := nextDigestAt(p.Insight.WithDefaults(), s.sessions.zoneOf(to), after)
	if !ok || s.deps.Scheduler == nil {
		return nil
	}
	payload := digestPayload(p.ID, to, at)
	return s.deps.Scheduler.At("cdigest/"+payload, DueDigestSend, at, payload)
}

// send runs one digest item.
func (s *Digests) send(it digestItem, payload string) error {
	p, err := s.store.GetProgram(it.programID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	settings := p.Insight.WithDefaults()
	// A coordinator who left the team gets no digest of its pairs (Ensure
	// starts the chain again if they come back).
	if p.Archived || !p.IsCoordinator(it.to) || !s.perms.CanCoordinate(it.to, p) || settings.DigestDay == DigestOff {
		return nil // the chain ends; Ensure starts it again when that changes
	}
	zone := s.sessions.zoneOf(it.to)
	if at, ok := digestTimeOn(settings, zone, it.due.In(zone)); !ok || !at.Equal(it.due) {
		// Scheduled for settings (or a zone) that changed since. Ensure
		// scheduled the new time when the settings changed; scheduling it
		// again changes nothing, and covers a coordinator's new zone, which
		// no program change announces.
		return s.scheduleAfter(p, it.to, s.deps.Now().UTC())
	}
	// Next week's first, so the chain goes on whatever happens to this one.
	if err := s.scheduleAfter(p, it.to, it.due); err != nil {
		return err
	}
	if s.deps.Now().Sub(it.due) > digestTooLate || s.deps.Digests == nil {
		return nil
	}
	week := weekOf(it.due, zone)
	postKey := "pdigest/" + p.ID + "/" + it.to + "/" + week
	err = s.sessions.once(coordinatorMarks{st: s.store, userID: it.to, now: s.deps.Now}, digestMarkKey(p.ID, week), it.to, postKey,
		func(postKey string) (string, string, error) {
			v, err := newInsight(s.base).Summary(p.ID)
			if err != nil {
				return "", "", err
			}
			return "sent", s.deps.Digests.Weekly(p, it.to, v, postKey), nil
		})
	var busy busyUntil
	if errors.As(err, &busy) {
		// Another node is sending it: look again when its claim lapses.
		id := "cdigest/" + payload + "/after-claim/" + strconv.FormatInt(busy.at.Unix(), 10)
		return s.deps.Scheduler.At(id, DueDigestSend, busy.at, payload)
	}
	return err
}

// digestMarkKey names a program's digest of one ISO week among the marks of
// the coordinator's nudge document (beside the session digests' day keys).
func digestMarkKey(programID, week string) string { return "program/" + programID + "/" + week }

// coordinatorMarks keeps digest marks in the coordinator's nudge document
// (store.NudgeBudget.Digests), which holds their session digest marks too:
// both are "this user's digest went" and are pruned by the same rule.
type coordinatorMarks struct {
	st     *store.Store
	userID string
	now    func() time.Time
}

func (m coordinatorMarks) update(key string, mutate func(mark *domain.NudgeMark, exists bool) error) error {
	_, err := m.st.UpdateNudgeBudget(m.userID, func(b *store.NudgeBudget) error {
		mark, exists := b.Digests[key]
		if err := mutate(&mark.NudgeMark, exists); err != nil {
			return err
		}
		if b.Digests == nil {
			b.Digests = map[string]store.DigestMark{}
		}
		if mark.ClaimedAt.IsZero() && mark.Outcome == "" {
			delete(b.Digests, key)
		} else {
			b.Digests[key] = mark
		}
		pruneDigests(b.Digests, m.now())
		return nil
	})
	return err
}

// digestWeekdays maps the settings' day names to weekdays.
var digestWeekdays = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// digestTimeOn is the digest's time on the local date of day (in zone), if
// the settings send one that weekday. On a day whose clock skips the time
// (the spring change), it is the instant Go's time.Date gives that wall
// clock, the same every time it is computed.
func digestTimeOn(settings domain.InsightSettings, zone *time.Location, day time.Time) (time.Time, bool) {
	wd, ok := digestWeekdays[settings.DigestDay]
	minutes, okClock := clockMinutes(settings.DigestTime)
	if !ok || !okClock || day.Weekday() != wd {
		return time.Time{}, false
	}
	return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, zone).UTC(), true
}

// nextDigestAt is the first digest time strictly after a time, false when the
// digest is off.
func nextDigestAt(settings domain.InsightSettings, zone *time.Location, after time.Time) (time.Time, bool) {
	local := after.In(zone)
	for i := 0; i <= 7; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 12, 0, 0, 0, zone)
		if at, ok := digestTimeOn(settings, zone, day); ok && at.After(after) {
			return at, true
		}
	}
	return time.Time{}, false
}
