package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// everyMorning publishes 09:00–10:00 on every day of the week in 15-minute
// slots, so there are free slots whatever day the test runs.
const everyMorning = `{"windows":[` +
	`{"weekday":0,"start":"09:00","end":"10:00"},{"weekday":1,"start":"09:00","end":"10:00"},` +
	`{"weekday":2,"start":"09:00","end":"10:00"},{"weekday":3,"start":"09:00","end":"10:00"},` +
	`{"weekday":4,"start":"09:00","end":"10:00"},{"weekday":5,"start":"09:00","end":"10:00"},` +
	`{"weekday":6,"start":"09:00","end":"10:00"}],"slot_minutes":15,"weeks":2}`

func slotsOf(t *testing.T, h *Handler, user, programID, query string) []app.Slot {
	t.Helper()
	rec, e := do(h, user, http.MethodGet, "/api/v1/programs/"+programID+"/office-hours/slots"+query, "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	return decodeAs[SlotsBody](t, rec).Slots
}

func TestOfficeHoursArePublishedListedAndBookedOnce(t *testing.T) {
	f := newSessionHandler(t)
	p, _ := requested(t, f.h)
	hours := "/api/v1/programs/" + p.ID + "/office-hours"

	rec, e := do(f.h, mentorID, http.MethodGet, hours, "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.False(t, decodeAs[domain.OfficeHours](t, rec).Published)

	rec, e = do(f.h, menteeID, http.MethodPut, hours, everyMorning)
	require.Equal(t, http.StatusForbidden, rec.Code, "only mentors publish: %s", e.Error)
	rec, e = do(f.h, mentorID, http.MethodPut, hours, everyMorning)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	published := decodeAs[domain.OfficeHours](t, rec)
	require.True(t, published.Published)
	require.Len(t, published.Windows, 7)

	rec, _ = do(f.h, memberID, http.MethodGet, hours+"/slots?mentor_id="+mentorID, "")
	require.Equal(t, http.StatusForbidden, rec.Code, "only the program's members see the slots")
	slots := slotsOf(t, f.h, menteeID, p.ID, "?mentor_id="+mentorID+"&days=7")
	require.NotEmpty(t, slots)
	require.Equal(t, len(slots), len(slotsOf(t, f.h, menteeID, p.ID, "?days=7")), "one mentor: the same slots for all mentors")
	first := slots[0]
	require.Equal(t, mentorID, first.MentorID)
	require.Equal(t, 15*time.Minute, first.End.Sub(first.Start))

	rec, e = do(f.h, mentorID, http.MethodPost, hours+"/bookings", `{"mentor_id":"`+mentorID+`","start":"`+first.Start.Format(time.RFC3339)+`"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "mentor_id", e.Field, "one does not book one's own hours")

	booking := `{"mentor_id":"` + mentorID + `","start":"` + first.Start.Format(time.RFC3339) + `","agenda":"CV review"}`
	rec, e = do(f.h, menteeID, http.MethodPost, hours+"/bookings", booking)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	v := decodeAs[app.SessionView](t, rec)
	require.Equal(t, domain.SessionBooking, v.Kind)
	require.ElementsMatch(t, []string{menteeID, mentorID}, v.Participants)
	require.True(t, v.Start.Equal(first.Start))

	// A second member asks for the same slot: refused, with the next free ones.
	rec, e = do(f.h, adminID, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"mentee"}`)
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	rec, _ = do(f.h, adminID, http.MethodPost, hours+"/bookings", booking)
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	conflict := decodeAs[BookingConflict](t, rec)
	require.Equal(t, "start", conflict.Field)
	require.NotEmpty(t, conflict.Error)
	require.NotEmpty(t, conflict.Next)
	for _, s := range conflict.Next {
		require.True(t, s.Start.After(first.Start), "the next slots are later and free")
	}
	require.NotContains(t, slotsOf(t, f.h, adminID, p.ID, "?mentor_id="+mentorID+"&days=7"), first, "the booked slot is no longer free")

	rec, e = do(f.h, mentorID, http.MethodDelete, hours, "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	require.False(t, decodeAs[domain.OfficeHours](t, rec).Published)
	rec, _ = do(f.h, menteeID, http.MethodGet, hours+"/slots?mentor_id="+mentorID, "")
	require.Equal(t, http.StatusNotFound, rec.Code, "unpublished hours offer no slots")
	require.Empty(t, slotsOf(t, f.h, menteeID, p.ID, ""), "nor in the list of every mentor")
}

func TestOfficeHoursRoutesCheckTheirParameters(t *testing.T) {
	h, _ := newTestHandler(t)
	good := strings.Repeat("b", 26)
	hours := "/api/v1/programs/" + good + "/office-hours"
	cases := []struct{ method, path, body, field, want string }{
		{http.MethodGet, "/api/v1/programs/bad/office-hours", "", "program_id", "program_id must be a Mattermost id"},
		{http.MethodPut, "/api/v1/programs/bad/office-hours", `{}`, "program_id", "program_id must be a Mattermost id"},
		{http.MethodDelete, "/api/v1/programs/bad/office-hours", "", "program_id", "program_id must be a Mattermost id"},
		{http.MethodGet, "/api/v1/programs/bad/office-hours/slots", "", "program_id", "program_id must be a Mattermost id"},
		{http.MethodPost, "/api/v1/programs/bad/office-hours/bookings", `{}`, "program_id", "program_id must be a Mattermost id"},
		{http.MethodGet, hours + "/slots?mentor_id=ana", "", "mentor_id", "mentor_id must be a Mattermost id"},
		{http.MethodGet, hours + "/slots?from=monday", "", "from", "from must be a date and time in RFC 3339"},
		{http.MethodGet, hours + "/slots?days=many", "", "days", "days must be a whole number from 0 to 28"},
		{http.MethodGet, hours + "/slots?days=400", "", "days", "days must be a whole number from 0 to 28"},
		{http.MethodPost, hours + "/bookings", `{"start":"2030-01-01T09:00:00Z"}`, "mentor_id", "mentor_id must be a Mattermost id"},
		{http.MethodPost, hours + "/bookings", `{"mentor_id":"` + good + `"}`, "start", `start must be a date and time in RFC 3339 format, for example 2026-03-05T15:00:00+01:00; "" is not.`},
		{http.MethodPost, hours + "/bookings", `{"mentor_id":"` + good + `","start":"thursday 4pm"}`, "start", `"thursday 4pm" is not`},
		{http.MethodPost, hours + "/bookings", `{"mentor_id":"` + good + `","start":"2030-01-01T09:00:00Z","when":"x"}`, "", `unknown field "when"`},
		{http.MethodPut, hours, `{"windows":[],"slots":15}`, "", `unknown field "slots"`},
	}
	for _, c := range cases {
		rec, e := do(h, memberID, c.method, c.path, c.body)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s %s", c.method, c.path)
		require.Equal(t, c.field, e.Field, "%s %s", c.method, c.path)
		require.Contains(t, e.Error, c.want, "%s %s", c.method, c.path)
	}
}
