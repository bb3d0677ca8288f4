package store

import (
	"fmt"
	"slices"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// Office hours follow the multi-key pattern of kv.go:
//   - a mentor's office hours in a program are one document, the mentor's own;
//   - the program's index of mentors who published is a superset, written
//     before that document (a reader skips mentors with no published hours);
//   - the bookings of one mentor in one week are one document mapping each
//     taken slot to its booking, so taking a slot is ONE compare-and-set on
//     that document: of two people booking the same slot on two nodes exactly
//     one write wins, the other sees the slot taken when it retries.

// officeHoursKey holds one mentor's office hours in one program.
func officeHoursKey(programID, mentorID string) string {
	return keyPrefix + "office_hours/" + programID + "/" + mentorID
}

// officeHoursMentorsKey lists the mentors of a program who ever published.
func officeHoursMentorsKey(programID string) string {
	return keyPrefix + "office_hours_mentors/" + programID
}

// bookingsKey holds one mentor's bookings in one program for the ISO week (in
// UTC) of the slots.
func bookingsKey(programID, mentorID string, slotStart time.Time) string {
	year, week := slotStart.UTC().ISOWeek()
	return fmt.Sprintf("%sbookings/%s/%s/%04d-W%02d", keyPrefix, programID, mentorID, year, week)
}

// SlotKey names a slot in its week document: its start in UTC, RFC 3339.
func SlotKey(start time.Time) string { return start.UTC().Format(time.RFC3339) }

// BookingWeek is one mentor's taken slots in one week, by SlotKey.
type BookingWeek struct {
	Slots map[string]domain.Booking `json:"slots"`
}

// Overlaps reports whether a booking other than the one at start overlaps
// [start, end): after a mentor republishes with another slot length, a new
// slot may cover part of a booked one.
func (w *BookingWeek) Overlaps(start, end time.Time) bool {
	own := SlotKey(start)
	for key, b := range w.Slots {
		if key == own {
			continue
		}
		from, err := time.Parse(time.RFC3339, key)
		if err != nil {
			continue
		}
		until := b.End
		if until.IsZero() {
			until = from.Add(time.Minute) // a booking without an end covers its start
		}
		if from.Before(end) && start.Before(until) {
			return true
		}
	}
	return false
}

// mentorIndex lists mentor ids, sorted.
type mentorIndex struct {
	MentorIDs []string `json:"mentor_ids"`
}

// GetOfficeHours returns a mentor's office hours in a program; found is false
// when the mentor never published any.
func (s *Store) GetOfficeHours(programID, mentorID string) (*domain.OfficeHours, bool, error) {
	v, found, err := get[domain.OfficeHours](s.kv, officeHoursKey(programID, mentorID))
	if err != nil {
		return nil, false, err
	}
	v.ProgramID, v.MentorID = programID, mentorID
	return &v, found, nil
}

// UpdateOfficeHours changes a mentor's office hours with compare-and-set,
// creating them on first use; exists tells mutate whether there were any.
func (s *Store) UpdateOfficeHours(programID, mentorID string, mutate func(v *domain.OfficeHours, exists bool) error) (*domain.OfficeHours, error) {
	v, err := Update(s.kv, officeHoursKey(programID, mentorID), func(v *domain.OfficeHours, exists bool) error {
		v.SchemaVersion = domain.CurrentSchemaVersion
		v.ProgramID, v.MentorID = programID, mentorID
		return mutate(v, exists)
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// IndexOfficeHoursMentor lists a mentor among the program's mentors with office
// hours. Call it before the office hours are first written. Idempotent.
func (s *Store) IndexOfficeHoursMentor(programID, mentorID string) error {
	_, err := Update(s.kv, officeHoursMentorsKey(programID), func(idx *mentorIndex, _ bool) error {
		i, found := slices.BinarySearch(idx.MentorIDs, mentorID)
		if found {
			return ErrUnchanged
		}
		idx.MentorIDs = slices.Insert(idx.MentorIDs, i, mentorID)
		return nil
	})
	return err
}

// OfficeHoursMentors returns the ids the program's index lists: a superset of
// the mentors with office hours.
func (s *Store) OfficeHoursMentors(programID string) ([]string, error) {
	idx, _, err := get[mentorIndex](s.kv, officeHoursMentorsKey(programID))
	return idx.MentorIDs, err
}

// GetBookingWeek returns the taken slots of the week of slotStart (empty when
// none).
func (s *Store) GetBookingWeek(programID, mentorID string, slotStart time.Time) (*BookingWeek, error) {
	w, _, err := get[BookingWeek](s.kv, bookingsKey(programID, mentorID, slotStart))
	if err != nil {
		return nil, err
	}
	if w.Slots == nil {
		w.Slots = map[string]domain.Booking{}
	}
	return &w, nil
}

// UpdateBookingWeek changes the week document of slotStart with one
// compare-and-set; mutate may run several times and must decide from what it
// is given. Returning ErrUnchanged from mutate writes nothing.
func (s *Store) UpdateBookingWeek(programID, mentorID string, slotStart time.Time, mutate func(w *BookingWeek) error) (*BookingWeek, error) {
	w, err := Update(s.kv, bookingsKey(programID, mentorID, slotStart), func(w *BookingWeek, _ bool) error {
		if w.Slots == nil {
			w.Slots = map[string]domain.Booking{}
		}
		return mutate(w)
	})
	if err != nil {
		return nil, err
	}
	if w.Slots == nil {
		w.Slots = map[string]domain.Booking{}
	}
	return &w, nil
}
