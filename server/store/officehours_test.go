package store

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func TestOfficeHoursRoundTripAndMentorIndex(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	_, found, err := s.GetOfficeHours("p1", "ana")
	require.NoError(t, err)
	require.False(t, found)

	for _, m := range []string{"cy", "ana", "cy"} {
		require.NoError(t, s.IndexOfficeHoursMentor("p1", m))
	}
	ids, err := s.OfficeHoursMentors("p1")
	require.NoError(t, err)
	require.Equal(t, []string{"ana", "cy"}, ids, "sorted, each once")

	_, err = s.UpdateOfficeHours("p1", "ana", func(v *domain.OfficeHours, exists bool) error {
		require.False(t, exists)
		v.TimeZone, v.SlotMinutes, v.Published = "Europe/Berlin", 15, true
		v.Windows = []domain.HourWindow{{Weekday: time.Thursday, Start: "16:00", End: "17:00"}}
		return nil
	})
	require.NoError(t, err)
	got, found, err := s.GetOfficeHours("p1", "ana")
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, "ana", got.MentorID)
	require.Equal(t, "p1", got.ProgramID)
	require.Equal(t, domain.CurrentSchemaVersion, got.SchemaVersion)
	require.Len(t, got.Windows, 1)
}

func TestBookingWeekIsOneDocumentPerISOWeek(t *testing.T) {
	// Monday 00:30 UTC and the Sunday before it fall in different ISO weeks;
	// two slots of one week share a document.
	sunday := time.Date(2026, 3, 29, 23, 0, 0, 0, time.UTC)
	monday := time.Date(2026, 3, 30, 0, 30, 0, 0, time.UTC)
	friday := time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC)
	require.NotEqual(t, bookingsKey("p", "m", sunday), bookingsKey("p", "m", monday))
	require.Equal(t, bookingsKey("p", "m", monday), bookingsKey("p", "m", friday))
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	require.Equal(t, bookingsKey("p", "m", monday), bookingsKey("p", "m", monday.In(berlin)), "the key depends on the instant, not its zone")
	require.Less(t, len(bookingsKey("p1234567890123456789012345", "m1234567890123456789012345", monday)), 150, "Mattermost keys are at most 150 bytes")

	s := New(&pluginapi.MemoryStore{})
	_, err = s.UpdateBookingWeek("p", "m", monday, func(w *BookingWeek) error {
		w.Slots[SlotKey(monday)] = domain.Booking{BookerID: "bob", SessionID: "s1"}
		return nil
	})
	require.NoError(t, err)
	w, err := s.GetBookingWeek("p", "m", friday)
	require.NoError(t, err)
	require.Equal(t, "s1", w.Slots["2026-03-30T00:30:00Z"].SessionID)
	w, err = s.GetBookingWeek("p", "m", sunday)
	require.NoError(t, err)
	require.Empty(t, w.Slots)
}

func TestConcurrentBookingsOfOneSlotLeaveOneWinner(t *testing.T) {
	s := New(&pluginapi.MemoryStore{})
	slot := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	taken := errors.New("taken")
	var wg sync.WaitGroup
	results := make([]error, 16)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, results[i] = s.UpdateBookingWeek("p", "m", slot, func(w *BookingWeek) error {
				if _, ok := w.Slots[SlotKey(slot)]; ok {
					return taken
				}
				w.Slots[SlotKey(slot)] = domain.Booking{BookerID: string(rune('a' + i))}
				return nil
			})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range results {
		if err == nil {
			won++
		} else {
			require.ErrorIs(t, err, taken)
		}
	}
	require.Equal(t, 1, won)
}
