package app

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// hoursWorld is a program with office hours: ana and cy mentor, bob and the
// bookers are mentees, dan is in the team but not in the program. Every
// user's zone is Europe/Berlin unless zones says otherwise.
type hoursWorld struct {
	*matchWorld
	p     *domain.Program
	zones map[string]string
}

func newHoursWorld(t *testing.T, bookers ...string) *hoursWorld {
	t.Helper()
	users := append([]string{"ana", "bob", "cy", "dan"}, bookers...)
	w := &hoursWorld{matchWorld: newMatchWorld(t, users...), zones: map[string]string{}}
	w.deps.Directory = &zonedDirectory{fakeDirectory: w.dir, zones: w.zones}
	w.deps.Settings = func() Settings {
		return Settings{Matching: domain.BuiltInMatchingDefaults, SiteURL: "https://chat.example.com/"}
	}
	w.Services = w.node()
	w.p = w.program("Office Hours Club", domain.MatchingCoordinator)
	w.join(w.p, "ana", domain.RoleMentor, 2)
	w.join(w.p, "cy", domain.RoleMentor, 2)
	for _, u := range append([]string{"bob"}, bookers...) {
		w.join(w.p, u, domain.RoleMentee, 0)
	}
	return w
}

// thursdays publishes ana's Thursdays 16:00–17:00 (Berlin) in 15-minute slots.
func (w *hoursWorld) thursdays() *domain.OfficeHours {
	w.t.Helper()
	oh, err := w.OfficeHours.Publish("ana", w.p.ID, OfficeHoursInput{
		Windows: []domain.HourWindow{{Weekday: time.Thursday, Start: "16:00", End: "17:00"}},
		Weeks:   4, Location: "https://meet.example.com/ana",
	})
	require.NoError(w.t, err)
	return oh
}

func (w *hoursWorld) bookings(mentor string, slot time.Time) map[string]domain.Booking {
	w.t.Helper()
	week, err := w.store.GetBookingWeek(w.p.ID, mentor, slot)
	require.NoError(w.t, err)
	return week.Slots
}

type zonedDirectory struct {
	*fakeDirectory
	zones map[string]string
}

func (d *zonedDirectory) User(u string) (UserInfo, bool) {
	info, ok := d.fakeDirectory.User(u)
	if z, set := d.zones[u]; set {
		info.TimeZone = z
	}
	return info, ok
}

var hoursBerlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

func TestSlotsKeepTheirWallClockTimeAcrossDaylightSaving(t *testing.T) {
	oh := &domain.OfficeHours{
		MentorID: "ana", SlotMinutes: 30,
		From:  time.Date(2027, 3, 20, 0, 0, 0, 0, time.UTC),
		Until: time.Date(2027, 4, 3, 0, 0, 0, 0, time.UTC),
		Windows: []domain.HourWindow{
			{Weekday: time.Thursday, Start: "16:00", End: "17:00"},
			{Weekday: time.Sunday, Start: "01:30", End: "03:30"}, // 02:00–03:00 is skipped on 28 March
		},
	}
	got := expandSlots(oh, hoursBerlin, oh.From, oh.Until)
	var want []time.Time
	for _, s := range []string{
		"2027-03-21T00:30:00Z", "2027-03-21T01:00:00Z", "2027-03-21T01:30:00Z", "2027-03-21T02:00:00Z", // CET, UTC+1
		"2027-03-25T15:00:00Z", "2027-03-25T15:30:00Z", // Thursday 16:00 CET
		"2027-03-28T00:30:00Z", "2027-03-28T01:00:00Z", // 01:30 CET, then 03:00 CEST: 02:00 and 02:30 do not exist
		"2027-04-01T14:00:00Z", "2027-04-01T14:30:00Z", // Thursday 16:00 CEST, UTC+2
	} {
		ts, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		want = append(want, ts)
	}
	require.Equal(t, want, got)
	for _, s := range got {
		require.True(t, isSlot(oh, hoursBerlin, s))
		require.False(t, isSlot(oh, hoursBerlin, s.Add(time.Minute)))
	}
	require.False(t, isSlot(oh, hoursBerlin, time.Date(2027, 4, 1, 15, 0, 0, 0, time.UTC)), "16:00 CET on a CEST day is 17:00 there")

	// Autumn: 02:00–03:00 happens twice on 31 October 2027; each wall time is one slot.
	oh.From, oh.Until = time.Date(2027, 10, 30, 0, 0, 0, 0, time.UTC), time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC)
	autumn := expandSlots(oh, hoursBerlin, oh.From, oh.Until)
	require.Len(t, autumn, 4)
	for i, s := range autumn {
		require.Equal(t, []string{"01:30", "02:00", "02:30", "03:00"}[i], s.In(hoursBerlin).Format("15:04"))
	}
}

func TestFreeSlotsInTheMentorsZoneThroughTheService(t *testing.T) {
	w := newHoursWorld(t)
	w.advance(time.Date(2027, 3, 20, 9, 0, 0, 0, time.UTC).Sub(w.deps.Now())) // a Saturday before the change
	w.zones["bob"] = "America/New_York"                                       // the reader's zone changes nothing
	oh := w.thursdays()
	require.Equal(t, "Europe/Berlin", oh.TimeZone)
	require.Equal(t, time.Date(2027, 3, 19, 23, 0, 0, 0, time.UTC), oh.From, "from the mentor's local midnight")

	slots, err := w.OfficeHours.FreeSlots("bob", w.p.ID, "ana", time.Time{}, 14)
	require.NoError(t, err)
	require.Len(t, slots, 8)
	require.Equal(t, time.Date(2027, 3, 25, 15, 0, 0, 0, time.UTC), slots[0].Start)
	require.Equal(t, time.Date(2027, 3, 25, 15, 15, 0, 0, time.UTC), slots[0].End)
	require.Equal(t, time.Date(2027, 4, 1, 14, 0, 0, 0, time.UTC), slots[4].Start)
	for _, s := range slots {
		require.Equal(t, "ana", s.MentorID)
		require.True(t, s.Free)
		require.Equal(t, "16", s.Start.In(hoursBerlin).Format("15"))
	}

	// Only future slots: at 16:10 on the first Thursday, the first slot left is 16:15.
	w.advance(time.Date(2027, 3, 25, 15, 10, 0, 0, time.UTC).Sub(w.deps.Now()))
	slots, err = w.OfficeHours.FreeSlots("bob", w.p.ID, "ana", time.Time{}, 1)
	require.NoError(t, err)
	require.Equal(t, "16:15", slots[0].Start.In(hoursBerlin).Format("15:04"))
}

func TestPublishRefusesBadHoursAndStoresNothing(t *testing.T) {
	w := newHoursWorld(t)
	thu := func(start, end string) []domain.HourWindow {
		return []domain.HourWindow{{Weekday: time.Thursday, Start: start, End: end}}
	}
	for name, tc := range map[string]struct {
		in    OfficeHoursInput
		field string
	}{
		"no window":         {OfficeHoursInput{}, "windows"},
		"bad weekday":       {OfficeHoursInput{Windows: []domain.HourWindow{{Weekday: 7, Start: "16:00", End: "17:00"}}}, "windows"},
		"bad clock":         {OfficeHoursInput{Windows: thu("4pm", "17:00")}, "windows"},
		"hour 24":           {OfficeHoursInput{Windows: thu("16:00", "24:00")}, "windows"},
		"end before start":  {OfficeHoursInput{Windows: thu("17:00", "16:00")}, "windows"},
		"slot too short":    {OfficeHoursInput{Windows: thu("16:00", "17:00"), SlotMinutes: 5}, "slot_minutes"},
		"slot too long":     {OfficeHoursInput{Windows: thu("09:00", "17:00"), SlotMinutes: 150}, "slot_minutes"},
		"slot does not fit": {OfficeHoursInput{Windows: thu("16:00", "16:50"), SlotMinutes: 20}, "windows"},
		"weeks":             {OfficeHoursInput{Windows: thu("16:00", "17:00"), Weeks: 27}, "weeks"},
		"negative weeks":    {OfficeHoursInput{Windows: thu("16:00", "17:00"), Weeks: -1}, "weeks"},
		"overlap": {OfficeHoursInput{Windows: []domain.HourWindow{
			{Weekday: time.Thursday, Start: "16:00", End: "17:00"}, {Weekday: time.Thursday, Start: "16:30", End: "18:00"}}}, "windows"},
		"bad link":      {OfficeHoursInput{Windows: thu("16:00", "17:00"), Where: "link", Location: "meet.example.com"}, "location"},
		"empty place":   {OfficeHoursInput{Windows: thu("16:00", "17:00"), Where: "place"}, "location"},
		"bad where":     {OfficeHoursInput{Windows: thu("16:00", "17:00"), Where: "moon"}, "where"},
		"call location": {OfficeHoursInput{Windows: thu("16:00", "17:00"), Where: "channel", Location: "room 4"}, "location"},
	} {
		_, err := w.OfficeHours.Publish("ana", w.p.ID, tc.in)
		kind, field := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, name)
		require.Equal(t, tc.field, field, name)
	}
	_, err := w.OfficeHours.Publish("bob", w.p.ID, OfficeHoursInput{Windows: thu("16:00", "17:00")})
	kind, _ := kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "a mentee publishes no office hours")
	_, err = w.OfficeHours.Publish("dan", w.p.ID, OfficeHoursInput{Windows: thu("16:00", "17:00")})
	kind, _ = kindOf(t, err)
	require.Equal(t, KindForbidden, kind, "nor does someone outside the program")

	for _, u := range []string{"ana", "bob", "dan"} {
		_, found, err := w.store.GetOfficeHours(w.p.ID, u)
		require.NoError(t, err)
		require.False(t, found, u)
	}
	mine, err := w.OfficeHours.Mine("ana", w.p.ID)
	require.NoError(t, err)
	require.False(t, mine.Published)
	require.Equal(t, "Europe/Berlin", mine.TimeZone)

	// A good one is normalized: times as HH:MM, windows sorted, the place guessed.
	oh, err := w.OfficeHours.Publish("ana", w.p.ID, OfficeHoursInput{Windows: []domain.HourWindow{
		{Weekday: time.Thursday, Start: "9:00", End: "10:00"}, {Weekday: time.Monday, Start: "16:00", End: "17:00"}},
		SlotMinutes: 30, Location: "Room 4"})
	require.NoError(t, err)
	require.Equal(t, []domain.HourWindow{{Weekday: time.Monday, Start: "16:00", End: "17:00"}, {Weekday: time.Thursday, Start: "09:00", End: "10:00"}}, oh.Windows)
	require.Equal(t, domain.WherePlace, oh.Where)
	require.Equal(t, DefaultOfficeHourWeeks*7*24*time.Hour, oh.Until.Sub(oh.From))
}

func TestTwentyBookingsOfOneSlotOnTwoNodesMakeOneSession(t *testing.T) {
	var bookers []string
	for i := range 20 {
		bookers = append(bookers, fmt.Sprintf("m%02d", i))
	}
	w := newHoursWorld(t, bookers...)
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC) // Thursday 16:00 in Berlin
	nodes := []*Services{w.Services, w.node()}

	results := make([]*SessionView, len(bookers))
	errs := make([]error, len(bookers))
	var wg sync.WaitGroup
	for i, u := range bookers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = nodes[i%2].OfficeHours.Book(u, w.p.ID, "ana", slot, "question "+u)
		}()
	}
	wg.Wait()

	winner := ""
	for i, err := range errs {
		if err == nil {
			require.Empty(t, winner, "a second winner")
			winner = bookers[i]
			require.Equal(t, []string{"ana", winner}, results[i].Participants)
			continue
		}
		appErr, ok := AsError(err)
		require.True(t, ok, err)
		require.Equal(t, KindConflict, appErr.Kind)
		require.Equal(t, "start", appErr.Field)
		next, _ := appErr.Data["Next"].([]Slot)
		require.Len(t, next, MaxNextSlots)
		require.Equal(t, slot.Add(15*time.Minute), next[0].Start, "the next free slot comes first")
		for _, s := range next {
			require.NotEqual(t, slot, s.Start)
		}
	}
	require.NotEmpty(t, winner)

	booked := w.bookings("ana", slot)
	require.Len(t, booked, 1)
	b := booked[store.SlotKey(slot)]
	require.Equal(t, winner, b.BookerID)
	v, err := w.store.GetSession(b.SessionID)
	require.NoError(t, err)
	require.Equal(t, domain.SessionBooking, v.Kind)
	require.Equal(t, &domain.SlotRef{MentorID: "ana", Start: slot}, v.Slot)
	require.Equal(t, "question "+winner, v.Agenda)
	require.Equal(t, 15, v.DurationMinutes)
	require.Equal(t, "https://meet.example.com/ana", v.Location)
	ids, err := w.store.UserSessions("ana", w.deps.Now())
	require.NoError(t, err)
	require.Equal(t, []string{v.ID}, ids, "one session for the mentor")

	slots, err := w.OfficeHours.FreeSlots("bob", w.p.ID, "ana", time.Time{}, 8)
	require.NoError(t, err)
	require.Len(t, slots, 7, "today's four and next week's but the booked one")
	for _, s := range slots {
		require.NotEqual(t, slot, s.Start)
	}
}

func TestBookRefusesWhatIsNotAFreeSlotAndStoresNothing(t *testing.T) {
	w := newHoursWorld(t)
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	for name, tc := range map[string]struct {
		actor, mentor string
		start         time.Time
		kind          Kind
	}{
		"unpublished mentor": {"bob", "cy", slot, KindNotFound},
		"not a mentor":       {"bob", "dan", slot, KindNotFound},
		"past time":          {"bob", "ana", time.Date(2026, 11, 19, 15, 0, 0, 0, time.UTC), KindInvalid},
		"started slot":       {"bob", "ana", w.deps.Now(), KindInvalid},
		"not on the grid":    {"bob", "ana", slot.Add(5 * time.Minute), KindInvalid},
		"wrong day":          {"bob", "ana", slot.Add(24 * time.Hour), KindInvalid},
		"beyond the weeks":   {"bob", "ana", slot.AddDate(0, 0, 35), KindInvalid},
		"own hours":          {"ana", "ana", slot, KindInvalid},
		"not a member":       {"dan", "ana", slot, KindForbidden},
	} {
		_, err := w.OfficeHours.Book(tc.actor, w.p.ID, tc.mentor, tc.start, "")
		kind, _ := kindOf(t, err)
		require.Equal(t, tc.kind, kind, name)
		require.Empty(t, w.bookings(tc.mentor, tc.start), name)
	}
	_, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot, string(make([]byte, domain.MaxSessionAgenda+1)))
	kind, field := kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "agenda", field)

	// A mentor who unpublishes, or leaves the program, takes no bookings.
	require.NoError(t, w.OfficeHours.Unpublish("ana", w.p.ID))
	_, err = w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "")
	kind, _ = kindOf(t, err)
	require.Equal(t, KindNotFound, kind)
	w.thursdays()
	_, err = w.Enrollments.Leave("ana", w.p.ID)
	require.NoError(t, err)
	_, err = w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "")
	kind, _ = kindOf(t, err)
	require.Equal(t, KindNotFound, kind)
	require.Empty(t, w.bookings("ana", slot))
	ids, err := w.store.UserSessions("bob", time.Time{})
	require.NoError(t, err)
	require.Empty(t, ids)
}

func TestBookRefusesASlotThatHasBegun(t *testing.T) {
	w := newHoursWorld(t)
	w.thursdays()
	today := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC) // 16:00 in Berlin
	w.advance(today.Add(5 * time.Minute).Sub(w.deps.Now()))
	_, err := w.OfficeHours.Book("bob", w.p.ID, "ana", today, "")
	kind, field := kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "start", field)
	require.Empty(t, w.bookings("ana", today))
	_, err = w.OfficeHours.Book("bob", w.p.ID, "ana", today.Add(15*time.Minute), "")
	require.NoError(t, err, "the next slot of the same window is still ahead")
}

func TestBookingAgainOrAfterACrashGivesTheSameSession(t *testing.T) {
	w := newHoursWorld(t)
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	first, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "career")
	require.NoError(t, err)
	again, err := w.node().OfficeHours.Book("bob", w.p.ID, "ana", slot, "career")
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID)

	// The node died after the booking committed, before the session existed:
	// the booking names its session, and the retry creates exactly that one.
	later := slot.Add(15 * time.Minute)
	b, err := w.OfficeHours.take(w.p.ID, "ana", "bob", later, later.Add(15*time.Minute), "follow-up")
	require.NoError(t, err)
	_, err = w.store.GetSession(b.SessionID)
	require.ErrorIs(t, err, store.ErrNotFound)
	retried, err := w.node().OfficeHours.Book("bob", w.p.ID, "ana", later, "follow-up")
	require.NoError(t, err)
	require.Equal(t, b.SessionID, retried.ID)
	require.Equal(t, "follow-up", retried.Agenda)
}

func TestCancellingABookingFreesItsSlot(t *testing.T) {
	w := newHoursWorld(t)
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	v, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "")
	require.NoError(t, err)
	_, err = w.Sessions.Cancel("bob", v.ID, time.Time{}, "something came up")
	require.NoError(t, err)
	require.Empty(t, w.bookings("ana", slot))
	slots, err := w.OfficeHours.FreeSlots("cy", w.p.ID, "ana", slot, 1)
	require.NoError(t, err)
	require.Equal(t, slot, slots[0].Start)

	// Someone else books it; releasing the old session again frees nothing.
	w.join(w.p, "dan", domain.RoleMentee, 0)
	next, err := w.OfficeHours.Book("dan", w.p.ID, "ana", slot, "")
	require.NoError(t, err)
	old, err := w.store.GetSession(v.ID)
	require.NoError(t, err)
	require.NoError(t, w.OfficeHours.release(old))
	require.Equal(t, next.ID, w.bookings("ana", slot)[store.SlotKey(slot)].SessionID)
}

func TestStaleBookingOfACancelledSessionIsTakenAgain(t *testing.T) {
	w := newHoursWorld(t)
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	v, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "")
	require.NoError(t, err)
	// The session was cancelled but the node died before the slot was freed.
	_, err = w.store.UpdateSession(v.ID, func(s *domain.Session) error {
		s.Status = domain.SessionCancelled
		return nil
	})
	require.NoError(t, err)
	again, err := w.OfficeHours.Book("bob", w.p.ID, "ana", slot, "")
	require.NoError(t, err)
	require.NotEqual(t, v.ID, again.ID)
	require.Equal(t, domain.SessionScheduled, again.Status)
	require.Equal(t, again.ID, w.bookings("ana", slot)[store.SlotKey(slot)].SessionID)

	// Someone else gets a slot whose booking names a cancelled session too.
	_, err = w.store.UpdateSession(again.ID, func(s *domain.Session) error {
		s.Status = domain.SessionCancelled
		return nil
	})
	require.NoError(t, err)
	w.join(w.p, "dan", domain.RoleMentee, 0)
	dans, err := w.OfficeHours.Book("dan", w.p.ID, "ana", slot, "")
	require.NoError(t, err)
	require.Equal(t, []string{"ana", "dan"}, dans.Participants)
}

func TestAnOrphanBookingIsFreedOnlyAfterItsGrace(t *testing.T) {
	w := newHoursWorld(t, "eve")
	w.thursdays()
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	// bob's booking committed, then his node died before the session existed.
	orphan, err := w.OfficeHours.take(w.p.ID, "ana", "bob", slot, slot.Add(15*time.Minute), "")
	require.NoError(t, err)
	_, err = w.OfficeHours.Book("eve", w.p.ID, "ana", slot, "")
	kind, _ := kindOf(t, err)
	require.Equal(t, KindConflict, kind, "bob's request may still be creating the session")

	w.advance(orphanGrace)
	eves, err := w.OfficeHours.Book("eve", w.p.ID, "ana", slot, "")
	require.NoError(t, err)
	require.NotEqual(t, orphan.SessionID, eves.ID)
	require.Equal(t, eves.ID, w.bookings("ana", slot)[store.SlotKey(slot)].SessionID)
}

func TestARepublishedSlotOfAnotherLengthCannotOverlapABooking(t *testing.T) {
	w := newHoursWorld(t, "eve")
	w.thursdays()
	booked := time.Date(2026, 12, 3, 15, 15, 0, 0, time.UTC) // 16:15–16:30 Berlin
	_, err := w.OfficeHours.Book("bob", w.p.ID, "ana", booked, "")
	require.NoError(t, err)
	_, err = w.OfficeHours.Publish("ana", w.p.ID, OfficeHoursInput{
		Windows: []domain.HourWindow{{Weekday: time.Thursday, Start: "16:00", End: "17:00"}}, SlotMinutes: 30, Weeks: 4,
	})
	require.NoError(t, err)
	covering := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC) // 16:00–16:30 covers bob's
	slots, err := w.OfficeHours.FreeSlots("eve", w.p.ID, "ana", covering.Add(-time.Hour), 1)
	require.NoError(t, err)
	for _, s := range slots {
		require.NotEqual(t, covering, s.Start, "a slot over a booking is not free")
	}
	_, err = w.OfficeHours.Book("eve", w.p.ID, "ana", covering, "")
	requireKind(t, err, KindConflict)
	_, err = w.OfficeHours.Book("eve", w.p.ID, "ana", covering.Add(30*time.Minute), "")
	require.NoError(t, err, "the next 30-minute slot is free")
}
