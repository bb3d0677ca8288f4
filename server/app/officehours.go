package app

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var (
	msgHoursNotMentor = &i18n.Message{ID: "app.hours.not_mentor", Other: "Only active mentors of {{.Program}} publish office hours. Join it as a mentor (or both), or resume your participation if it is paused."}
	msgHoursArchived  = &i18n.Message{ID: "app.hours.archived", Other: "{{.Program}} is archived: its office hours are closed."}
	msgHoursNone      = &i18n.Message{ID: "app.hours.none", Other: "@{{.Mentor}} offers no office hours in {{.Program}}. Run /mentor hours {{.Slug}} to see who does."}
	msgHoursNotMember = &i18n.Message{ID: "app.hours.not_member", Other: "Only active members of {{.Program}} see and book office hours. Join it first with /mentor join {{.Slug}}."}
	msgHoursBadDays   = &i18n.Message{ID: "app.hours.bad_days", Other: "Look 1 to {{.Max}} days ahead; {{.Value}} is not in that range."}
	msgBookSelf       = &i18n.Message{ID: "app.hours.book_self", Other: "These are your own office hours; others book them. Pick another mentor's slot."}
	msgBookPast       = &i18n.Message{ID: "app.hours.book_past", Other: "The slot at {{.Value}} has already begun; pick a later one (/mentor hours {{.Slug}} lists the free slots)."}
	msgBookNotSlot    = &i18n.Message{ID: "app.hours.not_a_slot", Other: "@{{.Mentor}} offers no slot starting at {{.Value}}; pick one of the slots /mentor hours {{.Slug}} lists."}
	msgBookTaken      = &i18n.Message{ID: "app.hours.taken", Other: "Someone else booked the slot at {{.Value}} first. Book one of the next free slots instead."}
	msgAgendaTooLong  = &i18n.Message{ID: "app.hours.agenda_too_long", Other: "The agenda is {{.Length}} characters long; keep it to {{.Max}} or fewer."}
	msgAgendaControl  = &i18n.Message{ID: "app.hours.agenda_control", Other: "The agenda contains invisible control characters; remove them (line breaks and tabs are fine)."}
)

// Bounds of office hours.
const (
	MaxHourWindows         = 14
	MinSlotMinutes         = 10
	MaxSlotMinutes         = 120
	DefaultSlotMinutes     = 15
	MaxOfficeHoursWeeks    = 26
	DefaultOfficeHourWeeks = 8
	MaxSlotDays            = 28 // how far ahead FreeSlots looks at most
	DefaultSlotDays        = 14
	// MaxNextSlots is how many free slots a refused booking offers instead.
	MaxNextSlots = 5
	// maxSlotsListed bounds one listing of every mentor's free slots.
	maxSlotsListed = 500
)

// OfficeHoursInput is what a mentor publishes: weekly windows cut into slots,
// offered for a number of weeks from today.
type OfficeHoursInput struct {
	Windows []domain.HourWindow `json:"windows"`
	// SlotMinutes 0 means DefaultSlotMinutes; Weeks 0 means DefaultOfficeHourWeeks.
	SlotMinutes int `json:"slot_minutes"`
	Weeks       int `json:"weeks"`
	// Where is link, place or channel (a Mattermost call); "" guesses it from
	// Location (a web address is a link, other text a place, none a call).
	Where    string `json:"where"`
	Location string `json:"location"`
}

// Slot is one office-hours slot of a mentor, in UTC.
type Slot struct {
	MentorID string    `json:"mentor_id"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Free     bool      `json:"free"`
}

// OfficeHours are mentors' published slots and their bookings.
type OfficeHours struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	sessions *Sessions
	deps     Deps
}

var errSlotTaken = errors.New("slot taken")

func (o *OfficeHours) now() time.Time { return o.deps.Now().UTC() }

// Publish makes the actor's office hours in a program (an active mentor of
// it) what in says, replacing any published before. Bookings already made
// stay. A bad value stores nothing.
func (o *OfficeHours) Publish(actorID, programID string, in OfficeHoursInput) (*domain.OfficeHours, error) {
	p, err := o.open(actorID, programID)
	if err != nil {
		return nil, err
	}
	if e := o.enrollment(p.ID, actorID); e == nil || e.Status != domain.StatusActive || !e.IsMentor() {
		return nil, forbidden(msgHoursNotMentor, map[string]any{"Program": p.Name})
	}
	clean, err := cleanOfficeHours(in)
	if err != nil {
		return nil, err
	}
	zone, loc := o.zoneOf(actorID)
	now := o.now()
	local := now.In(loc)
	from := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	until := time.Date(local.Year(), local.Month(), local.Day()+7*clean.Weeks, 0, 0, 0, 0, loc)

	// The program's index names the mentor before the hours exist (store/kv.go).
	if err := o.store.IndexOfficeHoursMentor(p.ID, actorID); err != nil {
		return nil, err
	}
	return o.store.UpdateOfficeHours(p.ID, actorID, func(v *domain.OfficeHours, _ bool) error {
		v.TimeZone, v.Windows, v.SlotMinutes = zone, clean.Windows, clean.SlotMinutes
		v.From, v.Until = from.UTC(), until.UTC()
		v.Where, v.Location = clean.Where, clean.Location
		v.Published, v.UpdatedAt = true, now
		return nil
	})
}

// Unpublish withdraws the actor's office hours in a program: no new bookings;
// the bookings made stay until cancelled.
func (o *OfficeHours) Unpublish(actorID, programID string) error {
	p, err := o.programs.Get(actorID, programID)
	if err != nil {
		return err
	}
	_, err = o.store.UpdateOfficeHours(p.ID, actorID, func(v *domain.OfficeHours, exists bool) error {
		if !exists || !v.Published {
			return store.ErrUnchanged
		}
		v.Published, v.UpdatedAt = false, o.now()
		return nil
	})
	return err
}

// Mine returns the actor's office hours in a program; someone who never
// published gets an unpublished record with their zone and the default slot
// length, ready to fill in.
func (o *OfficeHours) Mine(actorID, programID string) (*domain.OfficeHours, error) {
	p, err := o.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	v, found, err := o.store.GetOfficeHours(p.ID, actorID)
	if err != nil {
		return nil, err
	}
	if !found {
		zone, _ := o.zoneOf(actorID)
		v.SchemaVersion, v.TimeZone, v.SlotMinutes, v.Windows = domain.CurrentSchemaVersion, zone, DefaultSlotMinutes, []domain.HourWindow{}
	}
	return v, nil
}

// FreeSlots returns the free, future slots of a mentor (of every mentor with
// office hours when mentorID is "") from a time for a number of days (0 means
// DefaultSlotDays), sorted by start. Active members and coordinators of the
// program may look.
func (o *OfficeHours) FreeSlots(actorID, programID, mentorID string, from time.Time, days int) ([]Slot, error) {
	if days == 0 {
		days = DefaultSlotDays
	}
	if days < 1 || days > MaxSlotDays {
		return nil, invalid("days", msgHoursBadDays, map[string]any{"Max": MaxSlotDays, "Value": days})
	}
	p, err := o.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if !o.perms.CanCoordinate(actorID, p) {
		if err := o.requireMember(actorID, p); err != nil {
			return nil, err
		}
	}
	if now := o.now(); from.Before(now) {
		from = now
	}
	to := from.Add(time.Duration(days) * 24 * time.Hour)
	if mentorID != "" {
		oh, loc, err := o.published(p, mentorID)
		if err != nil {
			return nil, err
		}
		return o.free(oh, loc, from, to, maxSlotsListed)
	}
	mentors, err := o.store.OfficeHoursMentors(p.ID)
	if err != nil {
		return nil, err
	}
	out := []Slot{}
	for _, id := range mentors {
		oh, loc, err := o.published(p, id)
		if err != nil {
			continue // not published (any more), or no longer a mentor
		}
		slots, err := o.free(oh, loc, from, to, maxSlotsListed)
		if err != nil {
			return nil, err
		}
		out = append(out, slots...)
	}
	slices.SortStableFunc(out, func(a, b Slot) int { return a.Start.Compare(b.Start) })
	return out[:min(len(out), maxSlotsListed)], nil
}

// Book takes a mentor's slot for the actor and makes it a session. The commit
// point is one compare-and-set on the mentor's week of bookings, so of any
// number of people booking one slot on any number of nodes exactly one gets
// it; the others get a conflict listing the next free slots. The booking names
// its session id before the session exists: when a node dies in between, the
// same booker booking the same slot again gets that same session (Book is
// idempotent for a booker and a slot).
func (o *OfficeHours) Book(actorID, programID, mentorID string, start time.Time, agenda string) (*SessionView, error) {
	p, err := o.open(actorID, programID)
	if err != nil {
		return nil, err
	}
	if actorID == mentorID {
		return nil, invalid("mentor_id", msgBookSelf, nil)
	}
	if err := o.requireMember(actorID, p); err != nil {
		return nil, err
	}
	agenda, err = cleanAgenda(agenda)
	if err != nil {
		return nil, err
	}
	oh, loc, err := o.published(p, mentorID)
	if err != nil {
		return nil, err
	}
	start = start.UTC()
	reader := o.sessions.zoneOf(actorID) // the time as the booker reads it
	shown := map[string]any{"Value": start.In(reader).Format("2006-01-02 15:04 MST"), "Mentor": o.username(mentorID), "Slug": p.Slug}
	if !start.After(o.now()) {
		return nil, invalid("start", msgBookPast, shown)
	}
	if !isSlot(oh, loc, start) {
		return nil, invalid("start", msgBookNotSlot, shown)
	}
	// A second round only when the booking found names a session cancelled
	// while its release never ran (the node died): free it and book anew.
	for range 2 {
		end := start.Add(time.Duration(oh.SlotMinutes) * time.Minute)
		b, err := o.take(p.ID, mentorID, actorID, start, end, agenda)
		if errors.Is(err, errSlotTaken) {
			if freed, reclaimErr := o.reclaim(p.ID, mentorID, start); reclaimErr != nil {
				return nil, reclaimErr
			} else if freed {
				b, err = o.take(p.ID, mentorID, actorID, start, end, agenda)
			}
		}
		if errors.Is(err, errSlotTaken) {
			next, nextErr := o.free(oh, loc, start, start.Add(MaxSlotDays*24*time.Hour), MaxNextSlots)
			if nextErr != nil {
				return nil, nextErr
			}
			shown["Next"] = next
			return nil, conflict("start", msgBookTaken, shown)
		}
		if err != nil {
			return nil, err
		}
		view, err := o.sessions.createBooking(p, o.bookingSession(p, oh, actorID, start, b))
		if err != nil {
			return nil, err
		}
		if view.Status != domain.SessionCancelled {
			return view, nil
		}
		if err := o.release(view.Session); err != nil {
			return nil, err
		}
	}
	return nil, store.ErrContention
}

// take commits the booking: the slot's entry in the week document, with a new
// session id. The actor's own booking of the slot is returned as it is.
func (o *OfficeHours) take(programID, mentorID, actorID string, start, end time.Time, agenda string) (domain.Booking, error) {
	key, sessionID, now := store.SlotKey(start), o.deps.NewID(), o.now()
	var got domain.Booking
	_, err := o.store.UpdateBookingWeek(programID, mentorID, start, func(w *store.BookingWeek) error {
		if b, ok := w.Slots[key]; ok {
			if b.BookerID != actorID {
				return errSlotTaken
			}
			got = b
			return store.ErrUnchanged
		}
		if w.Overlaps(start, end) {
			return errSlotTaken
		}
		got = domain.Booking{BookerID: actorID, SessionID: sessionID, At: now, End: end, Agenda: agenda}
		w.Slots[key] = got
		return nil
	})
	return got, err
}

// orphanGrace is how long a booking may name a session that does not exist
// yet: the booker's request is still creating it, or will retry.
const orphanGrace = 10 * time.Minute

// reclaim frees a slot whose booking is stale: its session was cancelled but
// the release never ran, or the node died between the booking and its
// session and the booker never came back. It reports whether it freed it.
func (o *OfficeHours) reclaim(programID, mentorID string, start time.Time) (bool, error) {
	week, err := o.store.GetBookingWeek(programID, mentorID, start)
	if err != nil {
		return false, err
	}
	b, ok := week.Slots[store.SlotKey(start)]
	if !ok {
		return true, nil // freed meanwhile
	}
	v, err := o.store.GetSession(b.SessionID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if o.now().Sub(b.At) < orphanGrace {
			return false, nil
		}
		v = &domain.Session{ID: b.SessionID, Kind: domain.SessionBooking, ProgramID: programID, Slot: &domain.SlotRef{MentorID: mentorID, Start: start}}
	case err != nil:
		return false, err
	case v.Status != domain.SessionCancelled:
		return false, nil
	}
	return true, o.release(v)
}

// bookingSession is the session a booking becomes.
func (o *OfficeHours) bookingSession(p *domain.Program, oh *domain.OfficeHours, bookerID string, start time.Time, b domain.Booking) *domain.Session {
	zone, _ := o.zoneOf(bookerID) // the organizer's zone (domain.Session)
	return &domain.Session{
		SchemaVersion: domain.CurrentSchemaVersion,
		ID:            b.SessionID, Kind: domain.SessionBooking,
		ProgramID: p.ID, TeamID: p.TeamID,
		Slot:        &domain.SlotRef{MentorID: oh.MentorID, Start: start},
		OrganizerID: bookerID, Participants: []string{oh.MentorID, bookerID},
		Start: start, DurationMinutes: oh.SlotMinutes, TimeZone: zone,
		Where: oh.Where, Location: oh.Location, Agenda: b.Agenda,
		Status:    domain.SessionScheduled,
		CreatedBy: bookerID, CreatedAt: b.At, UpdatedAt: b.At,
	}
}

// release frees the slot of a cancelled booking, if the slot still names that
// booking's session (a slot booked again since is someone else's). Idempotent.
func (o *OfficeHours) release(v *domain.Session) error {
	if v == nil || v.Kind != domain.SessionBooking || v.Slot == nil {
		return nil
	}
	key := store.SlotKey(v.Slot.Start)
	_, err := o.store.UpdateBookingWeek(v.ProgramID, v.Slot.MentorID, v.Slot.Start, func(w *store.BookingWeek) error {
		if b, ok := w.Slots[key]; !ok || b.SessionID != v.ID {
			return store.ErrUnchanged
		}
		delete(w.Slots, key)
		return nil
	})
	return err
}

// free lists up to limit slots of oh in [from, to) that are in the future and
// not booked, reading each week's bookings once.
func (o *OfficeHours) free(oh *domain.OfficeHours, loc *time.Location, from, to time.Time, limit int) ([]Slot, error) {
	now := o.now()
	if from.Before(now) {
		from = now.Add(time.Nanosecond) // a slot starting now has begun
	}
	type isoWeek struct{ year, week int }
	weeks := map[isoWeek]*store.BookingWeek{}
	out := []Slot{}
	length := time.Duration(oh.SlotMinutes) * time.Minute
	for _, start := range expandSlots(oh, loc, from, to) {
		if len(out) >= limit {
			break
		}
		var week isoWeek
		week.year, week.week = start.ISOWeek()
		booked, ok := weeks[week]
		if !ok {
			var err error
			if booked, err = o.store.GetBookingWeek(oh.ProgramID, oh.MentorID, start); err != nil {
				return nil, err
			}
			weeks[week] = booked
		}
		end := start.Add(time.Duration(oh.SlotMinutes) * time.Minute)
		if _, taken := booked.Slots[store.SlotKey(start)]; taken || booked.Overlaps(start, end) {
			continue
		}
		out = append(out, Slot{MentorID: oh.MentorID, Start: start, End: start.Add(length), Free: true})
	}
	return out, nil
}

// open returns a program the actor may see that is not archived.
func (o *OfficeHours) open(actorID, programID string) (*domain.Program, error) {
	p, err := o.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if p.Archived {
		return nil, conflict("", msgHoursArchived, map[string]any{"Program": p.Name})
	}
	return p, nil
}

// published returns a mentor's office hours when they are published and the
// mentor is still an active mentor of the program, with the mentor's zone.
func (o *OfficeHours) published(p *domain.Program, mentorID string) (*domain.OfficeHours, *time.Location, error) {
	none := notFound(msgHoursNone, map[string]any{"Mentor": o.username(mentorID), "Program": p.Name, "Slug": p.Slug})
	oh, found, err := o.store.GetOfficeHours(p.ID, mentorID)
	if err != nil {
		return nil, nil, err
	}
	if !found || !oh.Published {
		return nil, nil, none
	}
	if e := o.enrollment(p.ID, mentorID); e == nil || e.Status != domain.StatusActive || !e.IsMentor() {
		return nil, nil, none
	}
	loc, err := time.LoadLocation(oh.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return oh, loc, nil
}

func (o *OfficeHours) requireMember(actorID string, p *domain.Program) error {
	if e := o.enrollment(p.ID, actorID); e != nil && e.Status == domain.StatusActive {
		return nil
	}
	return forbidden(msgHoursNotMember, map[string]any{"Program": p.Name, "Slug": p.Slug})
}

func (o *OfficeHours) enrollment(programID, userID string) *domain.Enrollment {
	m, err := o.store.GetMemberships(userID)
	if err != nil {
		return nil
	}
	return m.Enrollments[programID]
}

// zoneOf returns a user's Mattermost time zone, UTC when unknown or invalid.
func (o *OfficeHours) zoneOf(userID string) (string, *time.Location) {
	return mattermostZone(o.deps.Directory, userID)
}

func (o *OfficeHours) username(userID string) string {
	if u, ok := o.deps.Directory.User(userID); ok && u.Username != "" {
		return u.Username
	}
	return userID
}

// userZone returns a user's Mattermost time zone, UTC when unknown or invalid.
func mattermostZone(dir Directory, userID string) (string, *time.Location) {
	if u, ok := dir.User(userID); ok && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return u.TimeZone, loc
		}
	}
	return "UTC", time.UTC
}

func cleanAgenda(agenda string) (string, error) {
	agenda = domain.NormalizeNewlines(strings.TrimSpace(agenda))
	if n := utf8.RuneCountInString(agenda); n > domain.MaxSessionAgenda {
		return "", invalid("agenda", msgAgendaTooLong, map[string]any{"Length": n, "Max": domain.MaxSessionAgenda})
	}
	if domain.HasControlCharacters(agenda, true) {
		return "", invalid("agenda", msgAgendaControl, nil)
	}
	return agenda, nil
}

var (
	msgHoursNoWindows  = &i18n.Message{ID: "app.hours.no_windows", Other: "Give at least one weekly window, for example Thursday 16:00 to 17:00."}
	msgHoursManyWindow = &i18n.Message{ID: "app.hours.too_many_windows", Other: "Give at most {{.Max}} weekly windows; merge neighbouring ones."}
	msgHoursWeekday    = &i18n.Message{ID: "app.hours.bad_weekday", Other: "{{.Value}} is not a day of the week; use 0 (Sunday) to 6 (Saturday)."}
	msgHoursClock      = &i18n.Message{ID: "app.hours.bad_clock", Other: "\"{{.Value}}\" is not a time of day; write it as HH:MM on a 24-hour clock, for example 16:00."}
	msgHoursOrder      = &i18n.Message{ID: "app.hours.end_before_start", Other: "A window must end later on the same day than it starts; {{.Start}} to {{.End}} does not."}
	msgHoursOverlap    = &i18n.Message{ID: "app.hours.overlap", Other: "Two windows on the same day overlap ({{.First}} and {{.Second}}); merge them or move one."}
	msgHoursSlotRange  = &i18n.Message{ID: "app.hours.slot_range", Other: "Slots last {{.Min}} to {{.Max}} minutes; {{.Value}} is not in that range."}
	msgHoursSlotFit    = &i18n.Message{ID: "app.hours.slot_fit", Other: "The window {{.Start}} to {{.End}} does not divide into {{.Slot}}-minute slots; make it a multiple of {{.Slot}} minutes long or pick another slot length."}
	msgHoursWeeks      = &i18n.Message{ID: "app.hours.bad_weeks", Other: "Offer slots for 1 to {{.Max}} weeks; {{.Value}} is not in that range."}
	msgHoursWhere      = &i18n.Message{ID: "app.hours.bad_where", Other: "\"{{.Value}}\" is not a kind of place; use link (a video link), place (in person) or channel (a Mattermost call)."}
	msgHoursLink       = &i18n.Message{ID: "app.hours.bad_link", Other: "The link must be a web address starting with https:// or http://, at most {{.Max}} characters long."}
	msgHoursPlace      = &i18n.Message{ID: "app.hours.bad_place", Other: "Say where you meet in one line of at most {{.Max}} characters."}
	msgHoursCallPlace  = &i18n.Message{ID: "app.hours.call_location", Other: "A Mattermost call needs no location; leave it empty, or choose link or place."}
)

// cleanOfficeHours checks what a mentor publishes and returns it normalized:
// defaults filled in, times as "HH:MM", windows sorted.
func cleanOfficeHours(in OfficeHoursInput) (OfficeHoursInput, error) {
	if in.SlotMinutes == 0 {
		in.SlotMinutes = DefaultSlotMinutes
	}
	if in.Weeks == 0 {
		in.Weeks = DefaultOfficeHourWeeks
	}
	switch {
	case in.SlotMinutes < MinSlotMinutes || in.SlotMinutes > MaxSlotMinutes:
		return in, invalid("slot_minutes", msgHoursSlotRange, map[string]any{"Min": MinSlotMinutes, "Max": MaxSlotMinutes, "Value": in.SlotMinutes})
	case in.Weeks < 1 || in.Weeks > MaxOfficeHoursWeeks:
		return in, invalid("weeks", msgHoursWeeks, map[string]any{"Max": MaxOfficeHoursWeeks, "Value": in.Weeks})
	case len(in.Windows) == 0:
		return in, invalid("windows", msgHoursNoWindows, nil)
	case len(in.Windows) > MaxHourWindows:
		return in, invalid("windows", msgHoursManyWindow, map[string]any{"Max": MaxHourWindows})
	}
	windows := make([]domain.HourWindow, 0, len(in.Windows))
	for _, w := range in.Windows {
		if w.Weekday < time.Sunday || w.Weekday > time.Saturday {
			return in, invalid("windows", msgHoursWeekday, map[string]any{"Value": int(w.Weekday)})
		}
		start, ok := parseClock(w.Start)
		if !ok {
			return in, invalid("windows", msgHoursClock, map[string]any{"Value": w.Start})
		}
		end, ok := parseClock(w.End)
		if !ok {
			return in, invalid("windows", msgHoursClock, map[string]any{"Value": w.End})
		}
		w.Start, w.End = formatClock(start), formatClock(end)
		if end <= start {
			return in, invalid("windows", msgHoursOrder, map[string]any{"Start": w.Start, "End": w.End})
		}
		if (end-start)%in.SlotMinutes != 0 {
			return in, invalid("windows", msgHoursSlotFit, map[string]any{"Start": w.Start, "End": w.End, "Slot": in.SlotMinutes})
		}
		windows = append(windows, w)
	}
	slices.SortFunc(windows, func(a, b domain.HourWindow) int {
		if a.Weekday != b.Weekday {
			return int(a.Weekday - b.Weekday)
		}
		return strings.Compare(a.Start, b.Start) // "HH:MM" sorts as time
	})
	for i := 1; i < len(windows); i++ {
		if prev, w := windows[i-1], windows[i]; prev.Weekday == w.Weekday && w.Start < prev.End {
			return in, invalid("windows", msgHoursOverlap, map[string]any{"First": prev.Start + "–" + prev.End, "Second": w.Start + "–" + w.End})
		}
	}
	in.Windows = windows
	return in, cleanHoursPlace(&in)
}

// cleanHoursPlace settles where the booked sessions happen.
func cleanHoursPlace(in *OfficeHoursInput) error {
	in.Where = strings.ToLower(strings.TrimSpace(in.Where))
	in.Location = strings.TrimSpace(in.Location)
	if in.Where == "" {
		switch {
		case in.Location == "":
			in.Where = domain.WhereChannel
		case isWebLink(in.Location):
			in.Where = domain.WhereLink
		default:
			in.Where = domain.WherePlace
		}
	}
	switch in.Where {
	case domain.WhereChannel:
		if in.Location != "" {
			return invalid("location", msgHoursCallPlace, nil)
		}
	case domain.WhereLink:
		if !isWebLink(in.Location) || len(in.Location) > domain.MaxSessionLink || domain.HasControlCharacters(in.Location, false) {
			return invalid("location", msgHoursLink, map[string]any{"Max": domain.MaxSessionLink})
		}
	case domain.WherePlace:
		if in.Location == "" || utf8.RuneCountInString(in.Location) > domain.MaxSessionPlace || domain.HasControlCharacters(in.Location, false) {
			return invalid("location", msgHoursPlace, map[string]any{"Max": domain.MaxSessionPlace})
		}
	default:
		return invalid("where", msgHoursWhere, map[string]any{"Value": in.Where})
	}
	return nil
}

func isWebLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(s, " \t")
}

// parseClock reads "H:MM" or "HH:MM" (24-hour clock) as minutes since midnight.
func parseClock(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hours, err1 := strconv.Atoi(h)
	minutes, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || h[0] == '+' || h[0] == '-' {
		return 0, false
	}
	return hours*60 + minutes, true
}

func formatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// expandSlots returns the starts (UTC, sorted) of oh's slots in [from, to) and
// within the weeks oh is offered. Each slot is built from its local date and
// wall-clock time in the mentor's zone, so "Thursday 16:00" stays 16:00 across
// daylight-saving changes; a wall time the zone skips that day (the hour the
// clocks jump) has no slot.
func expandSlots(oh *domain.OfficeHours, loc *time.Location, from, to time.Time) []time.Time {
	if from.Before(oh.From) {
		from = oh.From
	}
	if to.After(oh.Until) {
		to = oh.Until
	}
	var out []time.Time
	first := from.In(loc)
	for day := 0; ; day++ {
		midnight := time.Date(first.Year(), first.Month(), first.Day()+day, 0, 0, 0, 0, loc)
		if !midnight.Before(to) {
			break
		}
		weekday := time.Date(first.Year(), first.Month(), first.Day()+day, 12, 0, 0, 0, loc).Weekday()
		for _, w := range oh.Windows {
			if w.Weekday != weekday {
				continue
			}
			begin, _ := parseClock(w.Start)
			end, _ := parseClock(w.End)
			for m := begin; m+oh.SlotMinutes <= end; m += oh.SlotMinutes {
				t := time.Date(first.Year(), first.Month(), first.Day()+day, m/60, m%60, 0, 0, loc)
				if t.Hour() != m/60 || t.Minute() != m%60 {
					continue // skipped by a clock change
				}
				if !t.Before(from) && t.Before(to) {
					out = append(out, t.UTC())
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return a.Equal(b) })
}

// isSlot reports whether start is exactly the start of one of oh's slots.
func isSlot(oh *domain.OfficeHours, loc *time.Location, start time.Time) bool {
	slots := expandSlots(oh, loc, start, start.Add(time.Nanosecond))
	return len(slots) == 1 && slots[0].Equal(start)
}
