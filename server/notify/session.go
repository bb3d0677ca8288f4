package notify

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// ActionSessionPath receives every button of a session DM.
const ActionSessionPath = "/plugins/" + PluginID + "/api/v1/actions/session"

// PropNudge marks a reminder, follow-up or digest DM with its nudge key, so a
// retry after a crash can find the DM it already sent (FindNudge).
const PropNudge = "mentorship_nudge"

// Session button actions (the "action" key of a button's context).
const (
	SessionConfirm     = "confirm"
	SessionReschedule  = "reschedule" // opens the reschedule dialog
	SessionCancel      = "cancel"     // opens the cancel dialog
	SessionTake        = "take"       // take the proposed time
	SessionKeep        = "keep"       // keep the current time
	SessionAttended    = "attended"
	SessionMissed      = "missed"
	SessionRescheduled = "rescheduled"
	SessionFeedback    = "feedback" // opens the feedback dialog
)

// SessionPosts sends DMs and reads a DM channel back (pluginapi's PostService
// satisfies it).
type SessionPosts interface {
	DM(senderUserID, receiverUserID string, post *model.Post) error
	GetPostsSince(channelID string, since int64) (*model.PostList, error)
}

// Files uploads the .ics attached to an invite (pluginapi's FileService satisfies it).
type Files interface {
	Upload(content io.Reader, fileName, channelID string) (*model.FileInfo, error)
}

// Channels looks channels up (pluginapi's ChannelService satisfies it).
type Channels interface {
	Get(channelID string) (*model.Channel, error)
	GetDirect(userID1, userID2 string) (*model.Channel, error)
}

// SessionNotifier implements app.SessionNotifier: every DM is in its reader's
// language with times in their zone. It never fails the caller: what cannot be
// sent is logged, and the methods returning a post id return "".
type SessionNotifier struct {
	BotID    func() string
	Posts    SessionPosts
	Files    Files
	Channels Channels
	Frontend Frontend
	Users    Users
	Log      Logger
	Tr       *i18n.Translator
	// Now is the clock of "starts in 15 min"; nil means time.Now.
	Now func() time.Time
}

var _ app.SessionNotifier = (*SessionNotifier)(nil)

var (
	msgSessionUntitled   = &i18n.Message{ID: "session.notify.untitled", Other: "Mentoring session"}
	msgSessionScheduled  = &i18n.Message{ID: "session.notify.scheduled", Other: "#### 📅 New session: {{.Title}}"}
	msgSessionMoved      = &i18n.Message{ID: "session.notify.rescheduled", Other: "#### 🔁 Session moved: {{.Title}}"}
	msgSessionEdited     = &i18n.Message{ID: "session.notify.edited", Other: "#### ✏️ Session updated: {{.Title}}"}
	msgSessionCancelled  = &i18n.Message{ID: "session.notify.cancelled", Other: "#### ❌ Session cancelled: {{.Title}}"}
	msgOccurrenceMoved   = &i18n.Message{ID: "session.notify.occurrence.moved", Other: "#### 🔁 One meeting of {{.Title}} moved"}
	msgOccurrenceGone    = &i18n.Message{ID: "session.notify.occurrence.cancelled", Other: "#### ❌ One meeting of {{.Title}} is cancelled"}
	msgOccurrenceChanged = &i18n.Message{ID: "session.notify.occurrence.changed", Other: "#### ✏️ One meeting of {{.Title}} changed"}
	msgSessionBy         = &i18n.Message{ID: "session.notify.by", Other: "**By:** {{.By}}"}
	msgSessionWith       = &i18n.Message{ID: "session.notify.with", Other: "**With:** {{.Names}}"}
	msgSessionWhen       = &i18n.Message{ID: "session.notify.when", Other: "**When:** {{.When}}"}
	msgSessionWhenWas    = &i18n.Message{ID: "session.notify.when_was", Other: "**When:** {{.When}} (was {{.Was}})"}
	msgSessionLength     = &i18n.Message{ID: "session.notify.length", Other: "**Length:** {{.Length}}"}
	msgSessionRepeats    = &i18n.Message{ID: "session.notify.repeats", Other: "**Repeats:** {{.Rule}}"}
	msgSessionWhere      = &i18n.Message{ID: "session.notify.where", Other: "**Where:** {{.Where}}"}
	msgWhereChannel      = &i18n.Message{ID: "session.notify.where.channel", Other: "a call in {{.Channel}}"}
	msgWherePairChannel  = &i18n.Message{ID: "session.notify.where.pair_channel", Other: "a call in your pair channel"}
	msgWhereMattermost   = &i18n.Message{ID: "session.notify.where.mattermost", Other: "a call in Mattermost"}
	msgSessionAgenda     = &i18n.Message{ID: "session.notify.agenda", Other: "**Agenda:**"}
	msgSessionReason     = &i18n.Message{ID: "session.notify.reason", Other: "**Reason:**"}
	msgSessionICS        = &i18n.Message{ID: "session.notify.ics", Other: "The attached invite.ics adds it to your calendar."}
	msgSessionCancelICS  = &i18n.Message{ID: "session.notify.ics_cancel", Other: "The attached cancel.ics removes it from your calendar."}
	msgSessionAsk        = &i18n.Message{ID: "session.notify.ask", Other: "Does this time work for you?"}
	msgProposedTitle     = &i18n.Message{ID: "session.notify.proposed", Other: "#### 🕑 {{.By}} asks for another time for {{.Title}}"}
	msgProposedWhen      = &i18n.Message{ID: "session.notify.proposed.when", Other: "**Proposed:** {{.When}} (now {{.Current}})"}
	msgReminderText      = &i18n.Message{ID: "session.notify.reminder", Other: "⏰ Reminder: **{{.Title}}** with {{.Names}} starts {{.When}} ({{.In}})."}
	msgFollowUpText      = &i18n.Message{ID: "session.notify.followup", Other: "#### Did you meet?\n**{{.Title}}** with {{.Names}}, {{.When}}."}
	msgFollowUpPrivacy   = &i18n.Message{ID: "session.notify.followup.privacy", Other: "Your answer and your feedback go to the program's coordinators; feedback is shown to the other participant only if you choose to share it."}
	msgDigestTitle       = &i18n.Message{ID: "session.notify.digest", Other: "#### 📬 Your reminders and check-ins, in one message"}
	msgDigestLine        = &i18n.Message{ID: "session.notify.digest.line", Other: "- **{{.Title}}**, {{.When}}: {{.Kind}}"}
	msgDigestHelp        = &i18n.Message{ID: "session.notify.digest.help", Other: "Answer them in the Mentorship sidebar; `/mentor reminders` changes how and when you are reminded."}
	msgKindReminder      = &i18n.Message{ID: "session.notify.kind.reminder", Other: "reminder"}
	msgKindFollowUp      = &i18n.Message{ID: "session.notify.kind.followup", Other: "did you meet?"}
	msgInNow             = &i18n.Message{ID: "session.notify.in.now", Other: "now"}
	msgInSpan            = &i18n.Message{ID: "session.notify.in.span", Other: "in {{.Span}}"}
	msgInDays            = &i18n.Message{ID: "session.notify.in.days", Other: "in {{.Days}} days"}

	msgButtonConfirm     = &i18n.Message{ID: "session.button.confirm", Other: "Confirm"}
	msgButtonPropose     = &i18n.Message{ID: "session.button.propose", Other: "Propose another time"}
	msgButtonReschedule  = &i18n.Message{ID: "session.button.reschedule", Other: "Reschedule"}
	msgButtonCancel      = &i18n.Message{ID: "session.button.cancel", Other: "Cancel"}
	msgButtonTake        = &i18n.Message{ID: "session.button.take", Other: "Take the new time"}
	msgButtonKeep        = &i18n.Message{ID: "session.button.keep", Other: "Keep the current time"}
	msgButtonAttended    = &i18n.Message{ID: "session.button.attended", Other: "We met"}
	msgButtonMissed      = &i18n.Message{ID: "session.button.missed", Other: "Missed"}
	msgButtonRescheduled = &i18n.Message{ID: "session.button.rescheduled", Other: "Rescheduled"}
	msgButtonFeedback    = &i18n.Message{ID: "session.button.feedback", Other: "Give feedback"}
)

func (n *SessionNotifier) reader(userID string) reader {
	zone := time.UTC
	if u, err := n.Users.Get(userID); err == nil && u != nil {
		if loc, err := time.LoadLocation(u.GetPreferredTimezone()); err == nil {
			zone = loc
		}
	}
	return reader{id: userID, tr: n.Tr.For(userID), zone: zone}
}

func (n *SessionNotifier) name(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

func (n *SessionNotifier) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

// others names the participants other than the reader.
func (n *SessionNotifier) others(v *domain.Session, readerID string) string {
	var names []string
	for _, id := range v.Participants {
		if id != readerID {
			names = append(names, n.name(id))
		}
	}
	return strings.Join(names, ", ")
}

func title(r reader, v *domain.Session) string {
	if t := strings.TrimSpace(v.Title); t != "" {
		return t
	}
	return r.t(msgSessionUntitled, nil)
}

// dm sends post to the user from the bot and returns its id, "" when it failed.
func (n *SessionNotifier) dm(userID string, post *model.Post) string {
	if err := n.Posts.DM(n.BotID(), userID, post); err != nil {
		n.Log.Warn("failed to send a session DM", "user_id", userID, "error", err.Error())
		return ""
	}
	return post.Id
}

// sessionButton is a button of a session DM. The context names the session,
// the occurrence and the action; who may act is decided from stored state.
func sessionButton(action, label, style, sessionID string, occurrence time.Time) *model.PostAction {
	ctx := map[string]any{"session_id": sessionID, "action": action}
	if !occurrence.IsZero() {
		ctx["occurrence"] = occurrence.UTC().Format(time.RFC3339)
	}
	return &model.PostAction{
		Id: action, Name: label, Type: model.PostActionTypeButton, Style: style,
		Integration: &model.PostActionIntegration{URL: ActionSessionPath, Context: ctx},
	}
}

// sessionPost is a DM of a session: with buttons, the text goes into an
// attachment that carries them.
func sessionPost(text string, actions []*model.PostAction, v *domain.Session) *model.Post {
	props := model.StringInterface{"session_id": v.ID, "program_id": v.ProgramID}
	if len(actions) == 0 {
		return &model.Post{Message: text, Props: props}
	}
	props["attachments"] = []*model.SlackAttachment{{Text: text, Actions: actions}}
	return &model.Post{Props: props}
}

// lastEvent is the latest history entry: who made the change and why.
func lastEvent(v *domain.Session) domain.SessionEvent {
	if len(v.History) == 0 {
		return domain.SessionEvent{By: v.OrganizerID}
	}
	return v.History[len(v.History)-1]
}

// Invite sends one participant the invite, change or cancellation with the
// .ics attached; a participant whose answer is still owed gets buttons.
func (n *SessionNotifier) Invite(p *domain.Program, v *domain.Session, to string, ics []byte, key string) string {
	r := n.reader(to)
	data := map[string]any{"Title": title(r, v)}
	last := lastEvent(v)
	when, was := v.Start, time.Time{}
	var occurrence time.Time // set when the DM is about one occurrence
	cancel := v.Status == domain.SessionCancelled || v.LastChange == app.ChangeCancelled
	heading := msgSessionScheduled
	switch v.LastChange {
	case app.ChangeRescheduled:
		heading, was = msgSessionMoved, last.From
	case app.ChangeEdited:
		heading = msgSessionEdited
	case app.ChangeCancelled:
		heading = msgSessionCancelled
	case app.ChangeOccurrence:
		occurrence, when, heading = v.LastOccurrence, v.LastOccurrence, msgOccurrenceChanged
		ex, found := v.Exceptions[domain.OccurrenceKey(v.LastOccurrence)]
		switch {
		case found && ex.Cancelled:
			heading, cancel = msgOccurrenceGone, true
			if !ex.Start.IsZero() {
				when = ex.Start
			}
		case found && !ex.Start.IsZero():
			heading, when, was = msgOccurrenceMoved, ex.Start, v.LastOccurrence
		}
	}
	if cancel && v.LastChange != app.ChangeOccurrence {
		heading = msgSessionCancelled
	}

	lines := []string{r.t(heading, data)}
	if last.By != "" && last.By != to {
		lines = append(lines, r.t(msgSessionBy, map[string]any{"By": n.name(last.By)}))
	}
	lines = append(lines, r.t(msgSessionWith, map[string]any{"Names": n.others(v, to)}))
	if was.IsZero() || was.Equal(when) {
		lines = append(lines, r.t(msgSessionWhen, map[string]any{"When": r.when(when)}))
	} else {
		lines = append(lines, r.t(msgSessionWhenWas, map[string]any{"When": r.when(when), "Was": r.when(was)}))
	}
	lines = append(lines, r.t(msgSessionLength, map[string]any{"Length": lengthText(v.Duration())}))
	if v.Recurrence != "" && occurrence.IsZero() {
		lines = append(lines, r.t(msgSessionRepeats, map[string]any{"Rule": recurrenceText(r, v.Recurrence)}))
	}
	lines = append(lines, n.whereLine(r, v))
	if agenda := agendaOf(v, occurrence); agenda != "" {
		lines = append(lines, r.t(msgSessionAgenda, nil), quote(agenda))
	}
	if last.Note != "" && (cancel || !was.IsZero()) {
		lines = append(lines, r.t(msgSessionReason, nil), quote(last.Note))
	}

	fileName, icsLine := "invite.ics", msgSessionICS
	if cancel {
		fileName, icsLine = "cancel.ics", msgSessionCancelICS
	}
	var actions []*model.PostAction
	// Whoever still owes an answer is asked; the organizer and the author of
	// this change have given theirs by making it.
	if !cancel && to != v.OrganizerID && to != last.By && v.Responses[to] != domain.ResponseConfirmed {
		lines = append(lines, "", r.t(msgSessionAsk, nil))
		actions = []*model.PostAction{
			sessionButton(SessionConfirm, r.t(msgButtonConfirm, nil), "good", v.ID, occurrence),
			sessionButton(SessionReschedule, r.t(msgButtonPropose, nil), "default", v.ID, occurrence),
		}
	}
	fileID := n.upload(to, fileName, ics)
	if fileID != "" {
		lines = append(lines, r.t(icsLine, nil))
	}
	post := nudgePost(strings.Join(lines, "\n"), actions, v, key)
	if fileID != "" {
		post.FileIds = []string{fileID}
	}
	return n.dm(to, post)
}

// upload puts the .ics into the bot's DM channel with the user and returns
// the file id; "" (logged) when there is nothing to attach or it failed, and
// the invite goes without it.
func (n *SessionNotifier) upload(to, fileName string, ics []byte) string {
	if len(ics) == 0 {
		return ""
	}
	ch, err := n.Channels.GetDirect(n.BotID(), to)
	if err != nil || ch == nil {
		n.Log.Warn("failed to open the DM channel for an invite", "user_id", to, "error", errText(err))
		return ""
	}
	info, err := n.Files.Upload(bytes.NewReader(ics), fileName, ch.Id)
	if err != nil || info == nil {
		n.Log.Warn("failed to upload an invite file", "user_id", to, "error", errText(err))
		return ""
	}
	return info.Id
}

func errText(err error) string {
	if err == nil {
		return "no result"
	}
	return err.Error()
}

// whereLine says where the session happens: the pair channel (as a ~mention
// the reader can click), the link or the place.
func (n *SessionNotifier) whereLine(r reader, v *domain.Session) string {
	var where string
	switch v.Where {
	case domain.WhereLink, domain.WherePlace:
		where = v.Location
	default:
		where = r.t(msgWhereMattermost, nil)
		if v.ChannelID != "" {
			where = r.t(msgWherePairChannel, nil)
			if ch, err := n.Channels.Get(v.ChannelID); err == nil && ch != nil && ch.Name != "" {
				where = r.t(msgWhereChannel, map[string]any{"Channel": "~" + ch.Name})
			}
		}
	}
	return r.t(msgSessionWhere, map[string]any{"Where": where})
}

// agendaOf is the agenda of one occurrence (its own, if it has one) or of the series.
func agendaOf(v *domain.Session, occurrence time.Time) string {
	if !occurrence.IsZero() {
		if ex, ok := v.Exceptions[domain.OccurrenceKey(occurrence)]; ok && strings.TrimSpace(ex.Agenda) != "" {
			return strings.TrimSpace(ex.Agenda)
		}
	}
	return strings.TrimSpace(v.Agenda)
}

// Proposed tells to that v.Proposal.By asked for another time.
func (n *SessionNotifier) Proposed(_ *domain.Program, v *domain.Session, to, key string) string {
	if v.Proposal == nil {
		return ""
	}
	r := n.reader(to)
	current := v.Start
	if !v.Proposal.Occurrence.IsZero() {
		current = startOf(v, v.Proposal.Occurrence)
	}
	lines := []string{
		r.t(msgProposedTitle, map[string]any{"By": n.name(v.Proposal.By), "Title": title(r, v)}),
		r.t(msgProposedWhen, map[string]any{"When": r.when(v.Proposal.Start), "Current": r.when(current)}),
		r.t(msgSessionLength, map[string]any{"Length": lengthText(v.Duration())}),
	}
	actions := []*model.PostAction{
		sessionButton(SessionTake, r.t(msgButtonTake, nil), "good", v.ID, v.Proposal.Occurrence),
		sessionButton(SessionKeep, r.t(msgButtonKeep, nil), "default", v.ID, v.Proposal.Occurrence),
	}
	return n.dm(to, nudgePost(strings.Join(lines, "\n"), actions, v, key))
}

// startOf is when an occurrence happens: moved ones at their new time.
func startOf(v *domain.Session, occurrence time.Time) time.Time {
	if ex, ok := v.Exceptions[domain.OccurrenceKey(occurrence)]; ok && !ex.Start.IsZero() {
		return ex.Start
	}
	return occurrence
}

// nudgePost marks a nudge DM with its key. The buttons carry the key too:
// pressing one replaces the post's props, and the key must survive it so a
// retry after a crash still finds the DM (app/nudges.go).
func nudgePost(text string, actions []*model.PostAction, v *domain.Session, key string) *model.Post {
	for _, a := range actions {
		a.Integration.Context["nudge"] = key
	}
	post := sessionPost(text, actions, v)
	post.AddProp(PropNudge, key)
	return post
}

// Reminder reminds one participant of an occurrence.
func (n *SessionNotifier) Reminder(_ *domain.Program, v *domain.Session, occurrence, start time.Time, to, key string) string {
	r := n.reader(to)
	lines := []string{r.t(msgReminderText, map[string]any{"Title": title(r, v), "Names": n.others(v, to),
		"When": r.when(start), "In": inText(r, start.Sub(n.now()))}), n.whereLine(r, v)}
	if agenda := agendaOf(v, occurrence); agenda != "" {
		lines = append(lines, r.t(msgSessionAgenda, nil), quote(agenda))
	}
	actions := []*model.PostAction{
		sessionButton(SessionConfirm, r.t(msgButtonConfirm, nil), "good", v.ID, occurrence),
		sessionButton(SessionReschedule, r.t(msgButtonReschedule, nil), "default", v.ID, occurrence),
		sessionButton(SessionCancel, r.t(msgButtonCancel, nil), "danger", v.ID, occurrence),
	}
	return n.dm(to, nudgePost(strings.Join(lines, "\n"), actions, v, key))
}

// FollowUp asks one participant whether the meeting took place, and for feedback.
func (n *SessionNotifier) FollowUp(_ *domain.Program, v *domain.Session, occurrence time.Time, to, key string) string {
	r := n.reader(to)
	text := r.t(msgFollowUpText, map[string]any{"Title": title(r, v), "Names": n.others(v, to),
		"When": r.when(startOf(v, occurrence))}) + "\n" + r.t(msgFollowUpPrivacy, nil)
	actions := []*model.PostAction{
		sessionButton(SessionAttended, r.t(msgButtonAttended, nil), "good", v.ID, occurrence),
		sessionButton(SessionMissed, r.t(msgButtonMissed, nil), "danger", v.ID, occurrence),
		sessionButton(SessionRescheduled, r.t(msgButtonRescheduled, nil), "default", v.ID, occurrence),
		sessionButton(SessionFeedback, r.t(msgButtonFeedback, nil), "primary", v.ID, occurrence),
	}
	return n.dm(to, nudgePost(text, actions, v, key))
}

// Digest sends one user the nudges that waited for their digest.
func (n *SessionNotifier) Digest(to string, nudges []app.Nudge, key string) string {
	r := n.reader(to)
	lines := []string{r.t(msgDigestTitle, nil)}
	for _, nu := range nudges {
		if nu.Kind == app.DueCheckInPrompt {
			lines = append(lines, digestCheckInLine(r, nu))
			continue
		}
		kind := r.t(msgKindReminder, nil)
		if nu.Kind == app.DueFollowUp {
			kind = r.t(msgKindFollowUp, nil)
		}
		t := strings.TrimSpace(nu.Title)
		if t == "" {
			t = r.t(msgSessionUntitled, nil)
		}
		lines = append(lines, r.t(msgDigestLine, map[string]any{"Title": t, "When": r.when(nu.Start), "Kind": kind}))
	}
	lines = append(lines, "", r.t(msgDigestHelp, nil))
	post := &model.Post{Message: strings.Join(lines, "\n")}
	post.AddProp(PropNudge, key)
	return n.dm(to, post)
}

// FindNudge returns the bot's DM to the user carrying the nudge key sent at or
// after since, "" when there is none (or the channel cannot be read).
func (n *SessionNotifier) FindNudge(to, key string, since time.Time) (string, error) {
	ch, err := n.Channels.GetDirect(n.BotID(), to)
	if err != nil || ch == nil {
		return "", errors.Errorf("open the DM channel to find a nudge: %s", errText(err))
	}
	sinceMillis := since.UnixMilli()
	// GetPostsSince returns posts updated strictly after the time.
	list, err := n.Posts.GetPostsSince(ch.Id, sinceMillis-1)
	if err != nil || list == nil {
		return "", errors.Errorf("read the DM channel to find a nudge: %s", errText(err))
	}
	bot := n.BotID()
	for _, post := range list.Posts {
		if post.UserId == bot && post.CreateAt >= sinceMillis && post.GetProp(PropNudge) == key {
			return post.Id, nil
		}
	}
	return "", nil
}

// Changed refreshes the users' open sidebars, once each.
func (n *SessionNotifier) Changed(programID string, userIDs ...string) {
	seen := map[string]bool{}
	for _, id := range userIDs {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		n.Frontend.PublishWebSocketEvent(EventChanged, map[string]any{"program_id": programID}, &model.WebsocketBroadcast{UserId: id})
	}
}

var (
	msgRuleDaily   = &i18n.Message{ID: "session.rrule.daily", Other: "daily"}
	msgRuleDays    = &i18n.Message{ID: "session.rrule.days", Other: "every {{.N}} days"}
	msgRuleWeekly  = &i18n.Message{ID: "session.rrule.weekly", Other: "weekly"}
	msgRuleWeeks   = &i18n.Message{ID: "session.rrule.weeks", Other: "every {{.N}} weeks"}
	msgRuleMonthly = &i18n.Message{ID: "session.rrule.monthly", Other: "monthly"}
	msgRuleMonths  = &i18n.Message{ID: "session.rrule.months", Other: "every {{.N}} months"}
	msgRuleYearly  = &i18n.Message{ID: "session.rrule.yearly", Other: "yearly"}
	msgRuleYears   = &i18n.Message{ID: "session.rrule.years", Other: "every {{.N}} years"}
	msgRuleOnDays  = &i18n.Message{ID: "session.rrule.on_days", Other: "{{.Rule}} on {{.Days}}"}
	msgRuleOnNth   = &i18n.Message{ID: "session.rrule.on_nth", Other: "{{.Rule}} on the {{.Nth}} {{.Day}}"}
	msgRuleCount   = &i18n.Message{ID: "session.rrule.count", Other: "{{.Rule}}, {{.Count}} times"}

	// ruleFreq maps FREQ to its words with INTERVAL=1 and with a larger one.
	ruleFreq = map[string][2]*i18n.Message{
		"DAILY": {msgRuleDaily, msgRuleDays}, "WEEKLY": {msgRuleWeekly, msgRuleWeeks},
		"MONTHLY": {msgRuleMonthly, msgRuleMonths}, "YEARLY": {msgRuleYearly, msgRuleYears},
	}
	ruleDay = map[string]*i18n.Message{
		"MO": {ID: "session.rrule.day.mo", Other: "Monday"},
		"TU": {ID: "session.rrule.day.tu", Other: "Tuesday"},
		"WE": {ID: "session.rrule.day.we", Other: "Wednesday"},
		"TH": {ID: "session.rrule.day.th", Other: "Thursday"},
		"FR": {ID: "session.rrule.day.fr", Other: "Friday"},
		"SA": {ID: "session.rrule.day.sa", Other: "Saturday"},
		"SU": {ID: "session.rrule.day.su", Other: "Sunday"},
	}
	ruleNth = map[string]*i18n.Message{
		"1":  {ID: "session.rrule.nth.1", Other: "first"},
		"2":  {ID: "session.rrule.nth.2", Other: "second"},
		"3":  {ID: "session.rrule.nth.3", Other: "third"},
		"4":  {ID: "session.rrule.nth.4", Other: "fourth"},
		"-1": {ID: "session.rrule.nth.last", Other: "last"},
	}
)

// recurrenceText puts an RRULE body into words ("every 2 weeks on Tuesday",
// "monthly on the first Monday"). Parts it has no words for are not dropped:
// the rule itself follows in code.
func recurrenceText(r reader, rule string) string {
	parts := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(strings.ToUpper(rule), "RRULE:"), ";") {
		if k, val, ok := strings.Cut(part, "="); ok {
			parts[k] = val
		}
	}
	freq, known := ruleFreq[parts["FREQ"]]
	if !known {
		return "`" + rule + "`"
	}
	text := r.t(freq[0], nil)
	if iv := parts["INTERVAL"]; iv != "" && iv != "1" {
		text = r.t(freq[1], map[string]any{"N": iv})
	}
	delete(parts, "FREQ")
	delete(parts, "INTERVAL")
	delete(parts, "WKST") // the week start changes nothing people read
	if byDay, ok := parts["BYDAY"]; ok {
		if words, ok := byDayText(r, text, byDay); ok {
			text = words
			delete(parts, "BYDAY")
		}
	}
	if count, ok := parts["COUNT"]; ok {
		text = r.t(msgRuleCount, map[string]any{"Rule": text, "Count": count})
		delete(parts, "COUNT")
	}
	if len(parts) > 0 {
		text += " (`" + rule + "`)"
	}
	return text
}

// byDayText adds BYDAY to the words: plain days ("TU,TH") or one nth day ("1MO", "-1FR").
func byDayText(r reader, text, byDay string) (string, bool) {
	codes := strings.Split(byDay, ",")
	if len(codes) == 1 && len(codes[0]) > 2 {
		code := codes[0]
		nth, day := ruleNth[strings.TrimPrefix(code[:len(code)-2], "+")], ruleDay[code[len(code)-2:]]
		if nth == nil || day == nil {
			return "", false
		}
		return r.t(msgRuleOnNth, map[string]any{"Rule": text, "Nth": r.t(nth, nil), "Day": r.t(day, nil)}), true
	}
	names := make([]string, 0, len(codes))
	for _, code := range codes {
		day := ruleDay[code]
		if day == nil {
			return "", false
		}
		names = append(names, r.t(day, nil))
	}
	return r.t(msgRuleOnDays, map[string]any{"Rule": text, "Days": strings.Join(names, ", ")}), true
}

// lengthText writes a duration as "45 min", "1 h" or "1 h 30 min".
func lengthText(d time.Duration) string {
	minutes := int(d.Round(time.Minute) / time.Minute)
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return strconv.Itoa(m) + " min"
	case m == 0:
		return strconv.Itoa(h) + " h"
	}
	return strconv.Itoa(h) + " h " + strconv.Itoa(m) + " min"
}

// inText says how soon something starts: "in 15 min", "in 1 h", "in 3 days".
func inText(r reader, d time.Duration) string {
	switch {
	case d < 30*time.Second:
		return r.t(msgInNow, nil)
	case d >= 48*time.Hour:
		return r.t(msgInDays, map[string]any{"Days": int((d + 12*time.Hour) / (24 * time.Hour))})
	}
	return r.t(msgInSpan, map[string]any{"Span": lengthText(d)})
}
