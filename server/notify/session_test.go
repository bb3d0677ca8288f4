package notify

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// sessionMM is the Mattermost side of the session notifier: DMs with their
// creation time, uploads, channels and users with a zone each. ana reads
// Spanish in Berlin, bob English in New York.
type sessionMM struct {
	fakeMM
	clock      time.Time
	failDM     bool
	failUpload bool
	uploads    []upload
	// older are posts in the DM channels before the test's own DMs.
	older []*model.Post
}

type upload struct {
	name, channelID, content string
}

var sessionZones = map[string]string{"ana": "Europe/Berlin", "bob": "America/New_York"}

func (f *sessionMM) DM(from, to string, post *model.Post) error {
	if f.failDM {
		return fmt.Errorf("DMs are off")
	}
	post.UserId, post.ChannelId = from, "dm-"+to
	post.CreateAt, post.UpdateAt = f.clock.UnixMilli(), f.clock.UnixMilli()
	return f.fakeMM.DM(from, to, post)
}

// GetPostsSince returns, like the server, the posts updated after since.
func (f *sessionMM) GetPostsSince(channelID string, since int64) (*model.PostList, error) {
	list := model.NewPostList()
	posts := append([]*model.Post(nil), f.older...)
	for _, dm := range f.dms {
		posts = append(posts, dm.post)
	}
	for _, p := range posts {
		if p.ChannelId == channelID && p.UpdateAt > since {
			list.AddPost(p)
			list.AddOrder(p.Id)
		}
	}
	return list, nil
}

func (f *sessionMM) Upload(content io.Reader, fileName, channelID string) (*model.FileInfo, error) {
	if f.failUpload {
		return nil, fmt.Errorf("no file store")
	}
	data, _ := io.ReadAll(content)
	f.uploads = append(f.uploads, upload{fileName, channelID, string(data)})
	return &model.FileInfo{Id: fmt.Sprintf("file%d", len(f.uploads))}, nil
}

func (f *sessionMM) Get(id string) (*model.User, error) {
	return &model.User{Id: id, Username: id, Timezone: model.StringMap{
		"useAutomaticTimezone": "false", "manualTimezone": sessionZones[id]}}, nil
}

// sessionChannels answers for channels: the pair's channel and the DMs.
type sessionChannels struct{}

func (sessionChannels) Get(id string) (*model.Channel, error) {
	if id == "chan1" {
		return &model.Channel{Id: id, Name: "bob-and-ana"}, nil
	}
	return nil, fmt.Errorf("no channel %s", id)
}

func (sessionChannels) GetDirect(_, user string) (*model.Channel, error) {
	return &model.Channel{Id: "dm-" + user, Type: model.ChannelTypeDirect}, nil
}

// sessionTranslator loads this file's real Spanish catalog, so the tests also
// prove that its entries render.
func sessionTranslator(t *testing.T) *i18n.Translator {
	t.Helper()
	data, err := os.ReadFile("../../assets/i18n/active.sessions.es.json")
	require.NoError(t, err)
	bundle := goi18n.NewBundle(language.English)
	_, err = bundle.ParseMessageFileBytes(data, "active.sessions.es.json")
	require.NoError(t, err)
	return i18n.New(bundle, func(uid string) string {
		if uid == "ana" {
			return "es"
		}
		return "en"
	})
}

var sessionNow = time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC)

func newSessionNotifier(t *testing.T) (*SessionNotifier, *sessionMM) {
	f := &sessionMM{clock: sessionNow}
	return &SessionNotifier{BotID: func() string { return "bot" }, Posts: f, Files: f, Channels: sessionChannels{},
		Frontend: f, Users: f, Log: f, Tr: sessionTranslator(t), Now: func() time.Time { return sessionNow }}, f
}

// careerTalk is bob's session with ana on 10 March 2026, 14:00 UTC: 15:00 in
// Berlin (still winter time) and 10:00 in New York (summer time since 8 March).
func careerTalk() *domain.Session {
	return &domain.Session{ID: "s1", Kind: domain.SessionOfMatch, ProgramID: "p1", MatchID: "m1", ChannelID: "chan1",
		OrganizerID: "bob", Participants: []string{"bob", "ana"}, Title: "Career talk",
		Start: time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC), DurationMinutes: 45, TimeZone: "America/New_York",
		Where: domain.WhereChannel, Agenda: "CV review\n# not a heading", Status: domain.SessionScheduled,
		Responses:  map[string]string{"bob": domain.ResponseConfirmed, "ana": domain.ResponsePending},
		LastChange: app.ChangeScheduled,
		History:    []domain.SessionEvent{{Action: "scheduled", By: "bob"}}}
}

func text(post *model.Post) string {
	if atts := post.Attachments(); len(atts) > 0 {
		return atts[0].Text
	}
	return post.Message
}

func actions(post *model.Post) []*model.PostAction {
	if atts := post.Attachments(); len(atts) > 0 {
		return atts[0].Actions
	}
	return nil
}

// requireButtons checks the buttons' actions, URL and context.
func requireButtons(t *testing.T, post *model.Post, occurrence string, want ...string) {
	t.Helper()
	got := actions(post)
	require.Len(t, got, len(want))
	for i, action := range want {
		ctx := map[string]any{"session_id": "s1", "action": action}
		if occurrence != "" {
			ctx["occurrence"] = occurrence
		}
		if key, ok := post.GetProp(PropNudge).(string); ok {
			ctx["nudge"] = key // survives a press that replaces the props
		}
		require.Equal(t, ActionSessionPath, got[i].Integration.URL)
		require.Equal(t, ctx, got[i].Integration.Context)
	}
}

func TestAnInviteShowsEachReaderTheTimeInTheirZoneAndLanguageWithTheICSAttached(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	require.Equal(t, "post0", n.Invite(spring, v, "bob", []byte("BEGIN:VCALENDAR"), "inv"))
	require.Equal(t, "post1", n.Invite(spring, v, "ana", []byte("BEGIN:VCALENDAR"), "inv"))

	bob := f.dms[0].post
	require.Equal(t, "bob", f.dms[0].to)
	require.Equal(t, "#### 📅 New session: Career talk\n**With:** @ana\n**When:** 2026-03-10 10:00 (America/New_York)\n"+
		"**Length:** 45 min\n**Where:** a call in ~bob-and-ana\n**Agenda:**\n> CV review\n> # not a heading\n"+
		"The attached invite.ics adds it to your calendar.", text(bob))
	require.Empty(t, actions(bob), "the organizer has nothing to answer")
	require.Equal(t, "s1", bob.GetProp("session_id"))

	ana := f.dms[1].post
	for _, part := range []string{"#### 📅 Nueva sesión: Career talk", "**Por:** @bob", "**Con:** @bob",
		"**Cuándo:** 2026-03-10 15:00 (Europe/Berlin)", "una llamada en ~bob-and-ana", "¿Te viene bien este horario?"} {
		require.Contains(t, text(ana), part)
	}
	requireButtons(t, ana, "", SessionConfirm, SessionReschedule)
	require.Equal(t, "Confirmar", actions(ana)[0].Name)
	require.Equal(t, "Proponer otro horario", actions(ana)[1].Name)

	require.Equal(t, []upload{{"invite.ics", "dm-bob", "BEGIN:VCALENDAR"}, {"invite.ics", "dm-ana", "BEGIN:VCALENDAR"}}, f.uploads)
	require.Equal(t, model.StringArray{"file1"}, bob.FileIds)
	require.Equal(t, model.StringArray{"file2"}, ana.FileIds)
}

func TestAConfirmedParticipantGetsNoButtons(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	v.Responses["ana"] = domain.ResponseConfirmed
	n.Invite(spring, v, "ana", []byte("ics"), "inv")
	require.Empty(t, actions(f.dms[0].post))
}

func TestEachChangeKindSaysWhatChanged(t *testing.T) {
	occurrence := time.Date(2026, 3, 24, 14, 0, 0, 0, time.UTC)
	moved := time.Date(2026, 3, 25, 16, 30, 0, 0, time.UTC)
	cases := []struct {
		name   string
		change func(v *domain.Session)
		file   string
		// english is read by bob, spanish by ana (who gets buttons unless cancelled).
		english, spanish []string
		occurrence       string
		buttons          bool
	}{
		{"rescheduled", func(v *domain.Session) {
			v.LastChange = app.ChangeRescheduled
			v.History = append(v.History, domain.SessionEvent{Action: "rescheduled", By: "ana",
				From: time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC), To: v.Start, Note: "Conflict"})
		}, "invite.ics",
			[]string{"#### 🔁 Session moved: Career talk", "**By:** @ana", "**When:** 2026-03-10 10:00 (America/New_York) (was 2026-03-09 10:00 (America/New_York))", "**Reason:**\n> Conflict"},
			[]string{"#### 🔁 Sesión movida: Career talk", "(antes 2026-03-09 15:00 (Europe/Berlin))", "**Motivo:**"}, "", false},
		{"edited", func(v *domain.Session) {
			v.LastChange, v.Recurrence = app.ChangeEdited, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
		}, "invite.ics",
			[]string{"#### ✏️ Session updated: Career talk", "**Repeats:** every 2 weeks on Tuesday"},
			[]string{"#### ✏️ Sesión actualizada", "**Se repite:** cada 2 semanas: martes"}, "", true},
		{"cancelled", func(v *domain.Session) {
			v.LastChange, v.Status = app.ChangeCancelled, domain.SessionCancelled
			v.History = append(v.History, domain.SessionEvent{Action: "cancelled", By: "bob", Note: "Sick"})
		}, "cancel.ics",
			[]string{"#### ❌ Session cancelled: Career talk", "cancel.ics removes it from your calendar"},
			[]string{"#### ❌ Sesión cancelada: Career talk", "**Motivo:**\n> Sick", "cancel.ics"}, "", false},
		{"occurrence moved", func(v *domain.Session) {
			v.LastChange, v.LastOccurrence, v.Recurrence = app.ChangeOccurrence, occurrence, "FREQ=WEEKLY"
			v.Exceptions = map[string]domain.Exception{domain.OccurrenceKey(occurrence): {Start: moved, Agenda: "Mock interview"}}
		}, "invite.ics",
			[]string{"#### 🔁 One meeting of Career talk moved", "**When:** 2026-03-25 12:30 (America/New_York) (was 2026-03-24 10:00 (America/New_York))", "> Mock interview"},
			[]string{"#### 🔁 Se movió un encuentro de Career talk", "2026-03-25 17:30 (Europe/Berlin)"}, "2026-03-24T14:00:00Z", true},
		{"occurrence cancelled", func(v *domain.Session) {
			v.LastChange, v.LastOccurrence, v.Recurrence = app.ChangeOccurrence, occurrence, "FREQ=WEEKLY"
			v.Exceptions = map[string]domain.Exception{domain.OccurrenceKey(occurrence): {Cancelled: true}}
		}, "cancel.ics",
			[]string{"#### ❌ One meeting of Career talk is cancelled", "**When:** 2026-03-24 10:00 (America/New_York)"},
			[]string{"#### ❌ Se canceló un encuentro de Career talk", "2026-03-24 15:00 (Europe/Berlin)"}, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, f := newSessionNotifier(t)
			v := careerTalk()
			c.change(v)
			n.Invite(spring, v, "bob", []byte("ics"), "inv")
			n.Invite(spring, v, "ana", []byte("ics"), "inv")
			for _, part := range c.english {
				require.Contains(t, text(f.dms[0].post), part)
			}
			for _, part := range c.spanish {
				require.Contains(t, text(f.dms[1].post), part)
			}
			require.Equal(t, c.file, f.uploads[1].name)
			if c.buttons {
				requireButtons(t, f.dms[1].post, c.occurrence, SessionConfirm, SessionReschedule)
			} else {
				require.Empty(t, actions(f.dms[1].post), "a cancellation, or ana's own change, has nothing to answer")
			}
		})
	}
}

func TestAnInviteWhoseFileCannotBeUploadedStillGoes(t *testing.T) {
	n, f := newSessionNotifier(t)
	f.failUpload = true
	require.Equal(t, "post0", n.Invite(spring, careerTalk(), "ana", []byte("ics"), "inv"))
	require.Empty(t, f.dms[0].post.FileIds)
	require.NotContains(t, text(f.dms[0].post), "invite.ics", "no file is promised")
}

func TestWhereNamesTheLinkThePlaceOrThePairChannel(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	v.Where, v.Location = domain.WhereLink, "https://meet.example.test/x"
	n.Invite(spring, v, "bob", nil, "inv")
	v.Where, v.Location = domain.WherePlace, "Room 4"
	n.Invite(spring, v, "bob", nil, "inv")
	v.Where, v.ChannelID = domain.WhereChannel, "gone"
	n.Invite(spring, v, "bob", nil, "inv")
	v.ChannelID, v.Title = "", " "
	n.Invite(spring, v, "bob", nil, "inv")
	require.Contains(t, text(f.dms[0].post), "**Where:** https://meet.example.test/x")
	require.Contains(t, text(f.dms[1].post), "**Where:** Room 4")
	require.Contains(t, text(f.dms[2].post), "**Where:** a call in your pair channel")
	require.Contains(t, text(f.dms[3].post), "**Where:** a call in Mattermost")
	require.Contains(t, text(f.dms[3].post), "New session: Mentoring session", "an empty title has a name")
	require.Empty(t, f.uploads, "no .ics, nothing uploaded")
}

func TestRecurrenceIsWrittenInWords(t *testing.T) {
	en := reader{id: "bob", tr: i18n.English().For("bob"), zone: time.UTC}
	es := reader{id: "ana", tr: sessionTranslator(t).For("ana"), zone: time.UTC}
	cases := []struct{ rule, english, spanish string }{
		{"FREQ=WEEKLY;INTERVAL=2", "every 2 weeks", "cada 2 semanas"},
		{"FREQ=MONTHLY", "monthly", "cada mes"},
		{"FREQ=DAILY;INTERVAL=1;COUNT=5", "daily, 5 times", "cada día, 5 veces"},
		{"FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO", "weekly on Tuesday, Thursday", "cada semana: martes, jueves"},
		{"FREQ=MONTHLY;BYDAY=1MO", "monthly on the first Monday", "cada mes, el primer lunes"},
		{"FREQ=MONTHLY;BYDAY=-1FR", "monthly on the last Friday", "cada mes, el último viernes"},
		{"FREQ=WEEKLY;UNTIL=20261231T000000Z", "weekly (`FREQ=WEEKLY;UNTIL=20261231T000000Z`)", "cada semana (`FREQ=WEEKLY;UNTIL=20261231T000000Z`)"},
		{"FREQ=HOURLY", "`FREQ=HOURLY`", "`FREQ=HOURLY`"},
	}
	for _, c := range cases {
		require.Equal(t, c.english, recurrenceText(en, c.rule), c.rule)
		require.Equal(t, c.spanish, recurrenceText(es, c.rule), c.rule)
	}
}

func TestAProposalOffersToTakeOrKeepTheTime(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	v.Proposal = &domain.TimeProposal{By: "ana", Start: time.Date(2026, 3, 11, 17, 0, 0, 0, time.UTC)}
	require.Equal(t, "post0", n.Proposed(spring, v, "bob", "prop"))
	require.Equal(t, "#### 🕑 @ana asks for another time for Career talk\n"+
		"**Proposed:** 2026-03-11 13:00 (America/New_York) (now 2026-03-10 10:00 (America/New_York))\n**Length:** 45 min", text(f.dms[0].post))
	requireButtons(t, f.dms[0].post, "", SessionTake, SessionKeep)

	occurrence := time.Date(2026, 3, 24, 14, 0, 0, 0, time.UTC)
	v.Proposal = &domain.TimeProposal{By: "bob", Start: time.Date(2026, 3, 24, 18, 0, 0, 0, time.UTC), Occurrence: occurrence}
	n.Proposed(spring, v, "ana", "prop")
	require.Contains(t, text(f.dms[1].post), "**Propuesta:** 2026-03-24 19:00 (Europe/Berlin) (ahora 2026-03-24 15:00 (Europe/Berlin))")
	requireButtons(t, f.dms[1].post, "2026-03-24T14:00:00Z", SessionTake, SessionKeep)
	require.Equal(t, "Aceptar el nuevo horario", actions(f.dms[1].post)[0].Name)
}

func TestAReminderSaysWhenWithWhomAndHowSoonAndCarriesItsKey(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	require.Equal(t, "post0", n.Reminder(spring, v, v.Start, v.Start, "ana", "k1"))
	post := f.dms[0].post
	require.Equal(t, "⏰ Recordatorio: **Career talk** con @bob empieza el 2026-03-10 15:00 (Europe/Berlin) (en 1 h).\n"+
		"**Dónde:** una llamada en ~bob-and-ana\n**Agenda:**\n> CV review\n> # not a heading", text(post))
	requireButtons(t, post, "2026-03-10T14:00:00Z", SessionConfirm, SessionReschedule, SessionCancel)
	require.Equal(t, "k1", post.GetProp(PropNudge))
	require.Equal(t, "s1", post.GetProp("session_id"))

	n.Reminder(spring, v, v.Start, v.Start.Add(47*time.Hour+30*time.Minute), "bob", "k2")
	require.Contains(t, text(f.dms[1].post), "starts 2026-03-12 09:30 (America/New_York) (in 2 days).")
	n.Reminder(spring, v, v.Start, sessionNow.Add(25*time.Minute), "bob", "k3")
	require.Contains(t, text(f.dms[2].post), "(in 25 min)")
}

func TestAFollowUpAsksDidYouMeetWithFeedback(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	require.Equal(t, "post0", n.FollowUp(spring, v, v.Start, "bob", "after-1"))
	post := f.dms[0].post
	require.True(t, strings.HasPrefix(text(post), "#### Did you meet?\n**Career talk** with @ana, 2026-03-10 10:00 (America/New_York)."))
	require.Contains(t, text(post), "feedback is shown to the other participant only if you choose to share it")
	requireButtons(t, post, "2026-03-10T14:00:00Z", SessionAttended, SessionMissed, SessionRescheduled, SessionFeedback)
	require.Equal(t, "after-1", post.GetProp(PropNudge))

	n.FollowUp(spring, v, v.Start, "ana", "after-2")
	require.Contains(t, text(f.dms[1].post), "#### ¿Os visteis?")
	require.Equal(t, "Dar mi opinión", actions(f.dms[1].post)[3].Name)
}

func TestADigestListsTheNudgesInTheReadersZone(t *testing.T) {
	n, f := newSessionNotifier(t)
	nudges := []app.Nudge{
		{Key: "a", Kind: app.DueRemindSession, SessionID: "s1", Start: time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC), Title: "Career talk"},
		{Key: "b", Kind: app.DueFollowUp, SessionID: "s2", Start: time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC)},
	}
	require.Equal(t, "post0", n.Digest("ana", nudges, "digest-1"))
	require.Equal(t, "#### 📬 Tus recordatorios y seguimientos, en un solo mensaje\n"+
		"- **Career talk**, 2026-03-10 15:00 (Europe/Berlin): recordatorio\n"+
		"- **Sesión de mentoría**, 2026-03-09 09:00 (Europe/Berlin): ¿os visteis?\n\n"+
		"Respóndelos en la barra lateral de Mentoría; `/mentor reminders` cambia cómo y cuándo recibes recordatorios.", f.dms[0].post.Message)
	require.Equal(t, "digest-1", f.dms[0].post.GetProp(PropNudge))
}

func TestFindNudgeFindsTheBotsDMByKeySinceATime(t *testing.T) {
	n, f := newSessionNotifier(t)
	v := careerTalk()
	since := sessionNow
	// old was sent before since and edited after it: the server returns it.
	old := &model.Post{Id: "old", UserId: "bot", ChannelId: "dm-ana", CreateAt: since.UnixMilli() - 1000, UpdateAt: since.UnixMilli() + 1000}
	old.AddProp(PropNudge, "k1")
	forged := &model.Post{Id: "forged", UserId: "ana", ChannelId: "dm-ana", CreateAt: since.UnixMilli(), UpdateAt: since.UnixMilli()}
	forged.AddProp(PropNudge, "k2")
	f.older = []*model.Post{old, forged}

	require.Empty(t, findNudge(t, n, "ana", "k1", since), "the DM before since is an earlier round")
	require.Empty(t, findNudge(t, n, "ana", "k2", since), "only the bot's posts count")
	id := n.Reminder(spring, v, v.Start, v.Start, "ana", "k1")
	n.Reminder(spring, v, v.Start, v.Start, "ana", "k9")
	n.Reminder(spring, v, v.Start, v.Start, "bob", "k2")
	require.Equal(t, id, findNudge(t, n, "ana", "k1", since), "sent at since exactly")
	require.Empty(t, findNudge(t, n, "ana", "k2", since), "k2 went to bob")
	require.Equal(t, "post2", findNudge(t, n, "bob", "k2", since))
	require.Empty(t, findNudge(t, n, "ana", "k1", since.Add(time.Second)))
}

func TestAFailedDMReturnsNoPostIDFromEveryMethod(t *testing.T) {
	n, f := newSessionNotifier(t)
	f.failDM = true
	v := careerTalk()
	v.Proposal = &domain.TimeProposal{By: "ana", Start: v.Start.Add(time.Hour)}
	require.Empty(t, n.Invite(spring, v, "ana", []byte("ics"), "inv"))
	require.Empty(t, n.Proposed(spring, v, "bob", "prop"))
	require.Empty(t, n.Reminder(spring, v, v.Start, v.Start, "ana", "k"))
	require.Empty(t, n.FollowUp(spring, v, v.Start, "ana", "k"))
	require.Empty(t, n.Digest("ana", nil, "k"))
}

func TestSessionChangedSendsOneEventPerUser(t *testing.T) {
	n, f := newSessionNotifier(t)
	n.Changed("p1", "ana", "bob", "ana", "")
	require.Equal(t, []string{"changed->ana", "changed->bob"}, f.events)
}

// findNudge is FindNudge for a notifier whose channel reads succeed.
func findNudge(t *testing.T, n *SessionNotifier, to, key string, since time.Time) string {
	t.Helper()
	id, err := n.FindNudge(to, key, since)
	require.NoError(t, err)
	return id
}
