package app

import (
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// sessionWorld is a match world with an active match between bob (mentee) and
// ana (mentor), both in Europe/Berlin; the clock starts 2026-11-26 12:00 UTC.
func sessionWorld(t *testing.T) (*matchWorld, *domain.Match) {
	w := newMatchWorld(t, "ana", "bob", "carl")
	p := w.program("Sessions", domain.MatchingSelfServe)
	w.join(p, "ana", domain.RoleMentor, 2, "go")
	w.join(p, "bob", domain.RoleMentee, 0, "go")
	w.join(p, "carl", domain.RoleMentee, 0, "go")
	m := w.activeMatch(p)
	require.NotEmpty(t, m.ChannelID)
	return w, m
}

func berlin(t *testing.T, value string) time.Time {
	loc, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	at, err := time.ParseInLocation("2006-01-02 15:04", value, loc)
	require.NoError(t, err)
	return at.UTC()
}

func TestScheduleInThePairChannelInvitesBothWithAnICS(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{ChannelID: m.ChannelID, When: "tomorrow 3pm for 45m", Agenda: "CV review"})
	require.NoError(t, err)
	require.Equal(t, berlin(t, "2026-11-27 15:00"), view.Start, "read in the author's zone")
	require.Equal(t, 45, view.DurationMinutes)
	require.Equal(t, m.ID, view.MatchID)
	require.Len(t, view.Next, 1)
	require.ElementsMatch(t, []string{view.ID + "/bob/scheduled", view.ID + "/ana/scheduled"}, w.sessions.invites)
	require.Equal(t, domain.ResponseConfirmed, view.Responses["bob"])
	require.Equal(t, domain.ResponsePending, view.Responses["ana"])

	cal, err := ics.ParseCalendar(strings.NewReader(string(w.sessions.files[view.ID+"/ana"])))
	require.NoError(t, err)
	require.Len(t, cal.Events(), 1)
	ev := cal.Events()[0]
	require.Equal(t, view.ID+"@mentorship", ev.Id())
	start := ev.GetProperty(ics.ComponentPropertyDtStart)
	require.Equal(t, "20261127T150000", start.Value)
	require.Equal(t, []string{"Europe/Berlin"}, start.ICalParameters["TZID"])
	require.Contains(t, string(w.sessions.files[view.ID+"/ana"]), "METHOD:REQUEST")

	upcoming, err := w.Sessions.Upcoming("ana", w.deps.Now(), w.deps.Now().Add(48*time.Hour), 10)
	require.NoError(t, err)
	require.Len(t, upcoming, 1, "the session is in the partner's list too")
	_, err = w.Sessions.Get("carl", view.ID)
	requireKind(t, err, KindNotFound)
}

func TestBadSessionInputIsRefusedAndChangesNothing(t *testing.T) {
	w, m := sessionWorld(t)
	cases := map[string]ScheduleInput{
		"past":        {MatchID: m.ID, When: "2026-11-20 10:00"},
		"nonsense":    {MatchID: m.ID, When: "when pigs fly"},
		"no time":     {MatchID: m.ID, When: "tomorrow"},
		"recurrence":  {MatchID: m.ID, When: "tomorrow 3pm", Recurrence: "every blue moon"},
		"no second":   {MatchID: m.ID, When: "tomorrow 3pm", Recurrence: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"},
		"length":      {MatchID: m.ID, When: "tomorrow 3pm", DurationMinutes: 600},
		"link":        {MatchID: m.ID, When: "tomorrow 3pm", Where: domain.WhereLink, Location: "javascript:alert(1)"},
		"where":       {MatchID: m.ID, When: "tomorrow 3pm", Where: "moon"},
		"not channel": {ChannelID: "elsewhere", When: "tomorrow 3pm"},
	}
	for name, in := range cases {
		_, err := w.Sessions.Schedule("bob", in)
		requireKind(t, err, KindInvalid)
		require.NotEmpty(t, err.Error(), name)
	}
	_, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "when pigs fly"})
	require.Contains(t, err.Error(), "tomorrow", "an unparseable phrase is answered with phrases that parse")
	_, err = w.Sessions.Schedule("carl", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm"})
	requireKind(t, err, KindNotFound)
	require.Empty(t, w.sessions.invites)
	ids, err := w.store.MatchSessions(m.ID, time.Time{})
	require.NoError(t, err)
	require.Empty(t, ids)
}

func TestRemindersAndFollowUpsArriveOnceEachOnTheScheduler(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm for 30m"})
	require.NoError(t, err)
	w.runDue()
	require.Empty(t, w.sessions.reminders)

	w.advance(view.Start.Sub(w.deps.Now()) - 24*time.Hour) // a day before
	w.runDue()
	require.Len(t, w.sessions.reminders, 2, "the day-before reminder, to each")
	w.advance(23 * time.Hour)
	w.runDue()
	require.Len(t, w.sessions.reminders, 4, "the hour-before reminder, to each")
	w.advance(time.Hour + 30*time.Minute + 15*time.Minute)
	w.runDue()
	require.Len(t, w.sessions.followUps, 2, "did you meet?, to each")
	w.advance(24 * time.Hour)
	w.runDue()
	require.Len(t, w.sessions.reminders, 4)
	require.Len(t, w.sessions.followUps, 2)

	_, err = w.Sessions.Attend("ana", view.ID, view.Start, domain.AttendanceAttended)
	require.NoError(t, err)
	_, err = w.Sessions.Feedback("bob", view.ID, FeedbackInput{Occurrence: view.Start, Rating: 4, Text: "useful"})
	require.NoError(t, err)
	seenByAna, err := w.Sessions.Get("ana", view.ID)
	require.NoError(t, err)
	require.Len(t, seenByAna.Past, 1)
	require.Equal(t, domain.AttendanceAttended, seenByAna.Past[0].Attendance["ana"])
	require.Empty(t, seenByAna.Past[0].Feedback, "the other participant never sees unshared feedback")
	seenByCoord, err := w.Sessions.Get("coord", view.ID)
	require.NoError(t, err)
	require.Equal(t, 4, seenByCoord.Past[0].Feedback["bob"].Rating)
}

func TestANudgeRunOnTwoNodesOrAfterACrashIsSentOnce(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm for 30m"})
	require.NoError(t, err)
	w.advance(view.Start.Sub(w.deps.Now()) - time.Hour)
	items := w.due.take(w.deps.Now())
	other := w.node()
	var wg sync.WaitGroup
	for _, it := range items {
		for _, svc := range []*Services{w.Services, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_ = svc.Sessions.HandleDue(it.kind, it.payload) // the loser reports "busy" or nothing
			}()
		}
	}
	wg.Wait()
	require.Len(t, w.sessions.reminders, 4, "two leads × two people, each once")

	// A node claimed the follow-up and died before it could send: the retry
	// after the lease sends it once; a node that died after sending is found.
	w.advance(time.Hour + 45*time.Minute)
	for _, it := range w.due.take(w.deps.Now()) {
		if it.kind != DueFollowUp {
			continue // the ledger's refreshes, check-ins and digests are not this test's
		}
		payload := strings.Split(it.payload, "|")
		mark := "after/" + payload[3] + "/" + payload[2]
		_, err := w.store.UpdateOccurrence(view.ID, view.Start, func(o *domain.Occurrence) error {
			if o.Nudges == nil {
				o.Nudges = map[string]domain.NudgeMark{}
			}
			o.Nudges[mark] = domain.NudgeMark{ClaimedAt: w.deps.Now()}
			return nil
		})
		require.NoError(t, err)
		before := len(w.sessions.followUps)
		require.NoError(t, w.Sessions.HandleDue(it.kind, it.payload))
		w.runDue()
		require.Len(t, w.sessions.followUps, before, "a fresh claim belongs to a live node: wait for it to lapse")
		w.advance(nudgeLease + time.Second) // the claim lapsed: the item made for that moment sends it
		w.runDue()
		require.Len(t, w.sessions.followUps, before+1)
		require.NoError(t, w.Sessions.HandleDue(it.kind, it.payload))
	}
	require.Len(t, w.sessions.followUps, 2)
}

func TestQuietHoursHoldAReminderAndTheBudgetDigestsTheRest(t *testing.T) {
	w, m := sessionWorld(t)
	_, err := w.store.UpdatePreferences("ana", func(p *domain.Preferences) error {
		p.QuietStart, p.QuietEnd, p.LeadMinutes = "22:00", "08:00", []int{60}
		budget := 1
		p.WeeklyBudget = &budget
		return nil
	})
	require.NoError(t, err)
	// 08:30 Berlin: the 07:30 reminder falls in ana's quiet hours.
	first, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "2026-11-28 08:30"})
	require.NoError(t, err)
	w.advance(berlin(t, "2026-11-28 07:30").Sub(w.deps.Now()))
	w.runDue()
	require.NotContains(t, strings.Join(w.sessions.reminders, ","), "/ana/", "held during quiet hours")
	w.advance(30 * time.Minute) // 08:00 Berlin
	w.runDue()
	require.Contains(t, strings.Join(w.sessions.reminders, ","), first.ID+"/ana/", "sent when quiet hours end")

	second, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "2026-11-28 12:00"})
	require.NoError(t, err)
	w.advance(berlin(t, "2026-11-28 11:00").Sub(w.deps.Now()))
	w.runDue()
	require.NotContains(t, strings.Join(w.sessions.reminders, ","), second.ID+"/ana/", "over the weekly budget")
	w.advance(berlin(t, "2026-11-28 13:00").Sub(w.deps.Now())) // the second session's follow-up is due
	w.runDue()
	w.advance(berlin(t, "2026-11-29 09:00").Sub(w.deps.Now()))
	w.runDue()
	require.Equal(t, []string{"ana/3"}, w.sessions.digests, "the next morning's digest carries it and both follow-ups")
}

func TestRescheduleMovesTheRemindersAndCancelStopsThem(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm"})
	require.NoError(t, err)
	moved, err := w.Sessions.Change("ana", view.ID, ChangeInput{When: "tomorrow 5pm", Note: "clash"})
	require.NoError(t, err)
	require.Equal(t, berlin(t, "2026-11-27 17:00"), moved.Start)
	require.Equal(t, 1, moved.Sequence)
	require.Equal(t, domain.ResponsePending, moved.Responses["bob"], "the other person is asked again")
	require.Contains(t, w.sessions.invites, view.ID+"/bob/rescheduled")

	w.advance(berlin(t, "2026-11-27 14:00").Sub(w.deps.Now()))
	w.runDue()
	require.Len(t, w.sessions.reminders, 2, "the day-before reminders of the new time")
	require.NotContains(t, strings.Join(w.sessions.reminders, ","), "20261127T140000Z", "the old time's reminders do nothing")
	w.advance(2 * time.Hour)
	w.runDue()
	require.Len(t, w.sessions.reminders, 4)

	_, err = w.Sessions.Cancel("bob", view.ID, time.Time{}, "ill")
	require.NoError(t, err)
	require.Contains(t, string(w.sessions.files[view.ID+"/ana"]), "METHOD:CANCEL")
	w.advance(3 * time.Hour)
	w.runDue()
	require.Empty(t, w.sessions.followUps, "a cancelled session asks nothing")
	_, err = w.Sessions.Cancel("bob", view.ID, time.Time{}, "")
	requireKind(t, err, KindConflict)
}

func TestASeriesKeepsItsWallClockTimeAcrossDST(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "2027-03-16 15:00", Recurrence: "every 2 weeks"})
	require.NoError(t, err)
	require.Equal(t, "FREQ=WEEKLY;INTERVAL=2", view.Recurrence)
	from := berlin(t, "2027-03-01 00:00")
	list, err := w.Sessions.Upcoming("bob", from, from.AddDate(0, 0, 40), 10)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, berlin(t, "2027-03-16 15:00"), list[0].Start)
	require.Equal(t, 14, list[0].Start.Hour(), "CET: 15:00 is 14:00 UTC")
	require.Equal(t, berlin(t, "2027-03-30 15:00"), list[1].Start)
	require.Equal(t, 13, list[1].Start.Hour(), "CEST: 15:00 is 13:00 UTC")

	// One occurrence moves, the series stays; the other person takes a proposal.
	_, err = w.Sessions.Change("bob", view.ID, ChangeInput{Occurrence: list[1].Occurrence, When: "2027-03-31 10:00"})
	require.NoError(t, err)
	_, err = w.Sessions.Propose("ana", view.ID, time.Time{}, "2027-03-17 16:00")
	require.NoError(t, err)
	require.Contains(t, w.sessions.proposed, view.ID+"/bob")
	_, err = w.Sessions.TakeProposal("ana", view.ID)
	requireKind(t, err, KindConflict)
	taken, err := w.Sessions.TakeProposal("bob", view.ID)
	require.NoError(t, err)
	require.Equal(t, berlin(t, "2027-03-17 16:00"), taken.Start)
	require.Equal(t, domain.ResponseConfirmed, taken.Responses["ana"])
}

func TestCancellingOneMeetingKeepsTheOthersReminded(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "2026-11-30 15:00", Recurrence: "FREQ=WEEKLY;COUNT=3"})
	require.NoError(t, err)
	second := berlin(t, "2026-12-07 15:00")
	_, err = w.Sessions.Cancel("ana", view.ID, second, "holiday")
	require.NoError(t, err)
	for range 28 * 24 * 4 { // four weeks, a sweep every 15 minutes
		w.advance(15 * time.Minute)
		w.runDue()
	}
	require.Len(t, w.sessions.reminders, 8, "two leads × two people × the two meetings left")
	require.Len(t, w.sessions.followUps, 4)
	require.NotContains(t, strings.Join(w.sessions.reminders, ","), domain.OccurrenceKey(second))
}

func TestAMeetingMovedAfterItsReminderIsRemindedForTheNewTime(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm"})
	require.NoError(t, err)
	w.advance(view.Start.Sub(w.deps.Now()) - time.Hour)
	w.runDue()
	require.Len(t, w.sessions.reminders, 4, "the day-before and hour-before reminders")
	// The reminder's Reschedule button names the occurrence, even of a one-off.
	moved, err := w.Sessions.Change("ana", view.ID, ChangeInput{Occurrence: view.Start, When: "2026-11-27 17:00"})
	require.NoError(t, err)
	require.Equal(t, berlin(t, "2026-11-27 17:00"), moved.Start, "a one-off moves as a whole")
	require.Contains(t, string(w.sessions.files[view.ID+"/bob"]), "DTSTART;TZID=Europe/Berlin:20261127T170000")
	w.advance(2 * time.Hour)
	w.runDue()
	require.Len(t, w.sessions.reminders, 6, "reminded again an hour before the new time")
}

func TestAnInviteLeftByADeadNodeIsSentOnce(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "tomorrow 3pm"})
	require.NoError(t, err)
	require.Len(t, w.sessions.invites, 2)
	// A node changed the agenda, claimed both invites, sent bob's and died.
	_, err = w.store.UpdateSession(view.ID, func(v *domain.Session) error {
		v.Sequence++
		v.LastChange, v.Agenda = ChangeEdited, "new agenda"
		v.Owed = []string{domain.OweInvite}
		for _, user := range v.Participants {
			v.Sent[sentPrefix(domain.OweInvite, v)+user] = domain.NudgeMark{ClaimedAt: w.deps.Now()}
		}
		return nil
	})
	require.NoError(t, err)
	w.sessions.post("bob", view.ID+"/invite/1/bob")
	require.ErrorIs(t, w.Sessions.finish(view.ID), errNudgeBusy, "a fresh claim belongs to a live node")
	w.advance(nudgeLease + time.Minute)
	require.NoError(t, w.Sessions.finish(view.ID))
	require.NoError(t, w.Sessions.finish(view.ID))
	require.Equal(t, []string{view.ID + "/bob/scheduled", view.ID + "/ana/scheduled", view.ID + "/ana/edited"}, w.sessions.invites,
		"ana's invite went once; bob's was found")
	v, err := w.store.GetSession(view.ID)
	require.NoError(t, err)
	require.Empty(t, v.Owed)
	require.Len(t, v.Sent, 2, "the marks of older versions are gone")
}

func TestMovingASeriesThatBeganKeepsItsPastMeetings(t *testing.T) {
	w, m := sessionWorld(t)
	view, err := w.Sessions.Schedule("bob", ScheduleInput{MatchID: m.ID, When: "2026-11-30 15:00", Recurrence: "FREQ=WEEKLY;COUNT=6"})
	require.NoError(t, err)
	w.advance(berlin(t, "2026-12-08 09:00").Sub(w.deps.Now())) // two meetings held
	_, err = w.Sessions.Attend("bob", view.ID, view.Start, domain.AttendanceAttended)
	require.NoError(t, err)

	moved, err := w.Sessions.Change("ana", view.ID, ChangeInput{When: "2026-12-15 10:00", Note: "new team schedule"})
	require.NoError(t, err)
	require.NotEqual(t, view.ID, moved.ID, "the rest continues as a new series")
	require.Equal(t, berlin(t, "2026-12-15 10:00"), moved.Start)
	require.Equal(t, "FREQ=WEEKLY;COUNT=4", moved.Recurrence, "the four meetings left")

	old, err := w.Sessions.Get("coord", view.ID)
	require.NoError(t, err)
	require.Len(t, old.Past, 2, "the meetings held stay, with their attendance")
	require.Equal(t, domain.AttendanceAttended, old.Past[0].Attendance["bob"])
	require.Empty(t, old.Next)
	require.Contains(t, old.Recurrence, "UNTIL=20261207T140000Z")

	list, err := w.Sessions.Upcoming("bob", w.deps.Now(), w.deps.Now().AddDate(0, 3, 0), 20)
	require.NoError(t, err)
	require.Len(t, list, 4, "no meeting twice")
	require.Equal(t, moved.ID, list[0].SessionID)

	_, err = w.Sessions.Change("ana", view.ID, ChangeInput{When: "2026-12-15 10:00"})
	requireKind(t, err, KindConflict) // a second press makes no third series
}
