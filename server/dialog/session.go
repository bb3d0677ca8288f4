package dialog

// The session forms. server/api routes their submissions and opens some of them
// from the buttons of session DMs:
//
//	const ScheduleURL, SessionChangeURL, SessionCancelURL, SessionFeedbackURL
//	func (d *Dialogs) OpenSchedule(triggerID, uid, channelID, matchID string) error
//	func (d *Dialogs) SubmitSession(req *model.SubmitDialogRequest) *model.SubmitDialogResponse
//	func (d *Dialogs) OpenSessionChange(triggerID, uid, sessionID string, occurrence time.Time) error
//	func (d *Dialogs) SubmitSessionChange(req *model.SubmitDialogRequest) *model.SubmitDialogResponse
//	func (d *Dialogs) OpenSessionCancel(triggerID, uid, sessionID string, occurrence time.Time) error
//	func (d *Dialogs) SubmitSessionCancel(req *model.SubmitDialogRequest) *model.SubmitDialogResponse
//	func (d *Dialogs) OpenSessionFeedback(triggerID, uid, sessionID string, occurrence time.Time) error
//	func (d *Dialogs) SubmitSessionFeedback(req *model.SubmitDialogRequest) *model.SubmitDialogResponse
//
// A zero occurrence means the whole series (change, cancel). What a form is
// about (match or channel, session, occurrence) travels in the dialog's State;
// it comes back from the client, so the services check the user's right again.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Submission URLs of the session forms, relative to the server root.
const (
	ScheduleURL        = "/plugins/mentorship/api/v1/dialogs/session"
	SessionChangeURL   = "/plugins/mentorship/api/v1/dialogs/session-change"
	SessionCancelURL   = "/plugins/mentorship/api/v1/dialogs/session-cancel"
	SessionFeedbackURL = "/plugins/mentorship/api/v1/dialogs/session-feedback"
)

// MaxCancelReason bounds the reason given when cancelling a session.
const MaxCancelReason = 1000

// durationChoices are the lengths the forms offer, in minutes.
var durationChoices = []int{15, 30, 45, 60, 90}

var (
	msgScheduleTitle    = &i18n.Message{ID: "dialog.session.title", Other: "Schedule a session"}
	msgScheduleSubmit   = &i18n.Message{ID: "dialog.session.submit", Other: "Schedule"}
	msgScheduleIntro    = &i18n.Message{ID: "dialog.session.intro", Other: "Times are in your time zone ({{.Zone}}); your partner sees them in theirs and gets an invite with a calendar file."}
	msgFieldWhen        = &i18n.Message{ID: "dialog.session.when", Other: "When"}
	msgWhenHelp         = &i18n.Message{ID: "dialog.session.when_help", Other: "For example: tomorrow 3pm, next tuesday 15:00 for 1h, in 2 days at noon, 2026-12-01 15:00."}
	msgFieldDuration    = &i18n.Message{ID: "dialog.session.duration", Other: "Length"}
	msgDurationHelp     = &i18n.Message{ID: "dialog.session.duration_help", Other: "Empty: the length in the phrase, or the program's default."}
	msgMinutes          = &i18n.Message{ID: "dialog.session.minutes", Other: "{{.Minutes}} minutes"}
	msgFieldRepeat      = &i18n.Message{ID: "dialog.session.repeat", Other: "Repeat"}
	msgRepeatHelp       = &i18n.Message{ID: "dialog.session.repeat_help", Other: "Optional, e.g. every 2 weeks, monthly on the first monday. Empty: once."}
	msgFieldWhere       = &i18n.Message{ID: "dialog.session.where", Other: "Where"}
	msgFieldLocation    = &i18n.Message{ID: "dialog.session.location", Other: "Link or place"}
	msgLocationHelp     = &i18n.Message{ID: "dialog.session.location_help", Other: "The meeting link, or the address; leave empty for a call in your pair's channel."}
	msgFieldTitle       = &i18n.Message{ID: "dialog.session.title_field", Other: "Title"}
	msgFieldAgenda      = &i18n.Message{ID: "dialog.session.agenda", Other: "Agenda"}
	msgChangeTitle      = &i18n.Message{ID: "dialog.session_change.title", Other: "Change the session"}
	msgChangeOnceTitle  = &i18n.Message{ID: "dialog.session_change.title_once", Other: "Move one occurrence"}
	msgChangeSubmit     = &i18n.Message{ID: "dialog.session_change.submit", Other: "Save"}
	msgChangeIntro      = &i18n.Message{ID: "dialog.session_change.intro", Other: "**{{.Title}}**, now {{.When}}. Leave When empty to keep the time."}
	msgFieldNote        = &i18n.Message{ID: "dialog.session_change.note", Other: "Why (optional)"}
	msgCancelTitle      = &i18n.Message{ID: "dialog.session_cancel.title", Other: "Cancel the session"}
	msgCancelOnceTitle  = &i18n.Message{ID: "dialog.session_cancel.title_once", Other: "Cancel one occurrence"}
	msgCancelSubmit     = &i18n.Message{ID: "dialog.session_cancel.submit", Other: "Cancel it"}
	msgCancelIntro      = &i18n.Message{ID: "dialog.session_cancel.intro", Other: "**{{.Title}}**, {{.When}}. Your partner is told and gets a calendar cancellation."}
	msgCancelSeries     = &i18n.Message{ID: "dialog.session_cancel.series", Other: "every occurrence"}
	msgFieldCancelWhy   = &i18n.Message{ID: "dialog.session_cancel.reason", Other: "Reason (optional)"}
	msgFeedbackTitle    = &i18n.Message{ID: "dialog.session_feedback.title", Other: "How was the session?"}
	msgFeedbackIntro    = &i18n.Message{ID: "dialog.session_feedback.intro", Other: "**{{.Title}}**, {{.When}}. The program's coordinators read your feedback; your partner only if you share it."}
	msgFieldShared      = &i18n.Message{ID: "dialog.session_feedback.shared", Other: "Share"}
	msgSharedText       = &i18n.Message{ID: "dialog.session_feedback.shared_text", Other: "Let my partner read it"}
	msgFeedbackThanks   = &i18n.Message{ID: "dialog.session_feedback.thanks", Other: "Thank you: your feedback on **{{.Title}}** is saved."}
	msgStaleSessionForm = &i18n.Message{ID: "dialog.session.stale_form", Other: "This form does not name a session any more; open it again from the session."}
	msgSessionCancelled = &i18n.Message{ID: "outcome.session_cancelled", Other: "**{{.Title}}** is cancelled ({{.When}}). Your partner was told."}
)

// whereLabels name the kinds of place in the forms.
var whereLabels = map[string]*i18n.Message{
	domain.WhereChannel: {ID: "option.where.channel", Other: "Call in the pair's channel"},
	domain.WhereLink:    {ID: "option.where.link", Other: "Video link"},
	domain.WherePlace:   {ID: "option.where.place", Other: "In person"},
}

// sessionState is what a session form is about.
type sessionState struct {
	MatchID    string    `json:"m,omitempty"`
	ChannelID  string    `json:"c,omitempty"`
	SessionID  string    `json:"s,omitempty"`
	Occurrence time.Time `json:"o,omitzero"`
}

func (s sessionState) encode() string {
	b, _ := json.Marshal(s)
	return string(b)
}

func decodeState(state string) (sessionState, bool) {
	var s sessionState
	if err := json.Unmarshal([]byte(state), &s); err != nil {
		return sessionState{}, false
	}
	return s, true
}

// readerZone is the user's Mattermost time zone (the profile service reads it
// from the user's settings), UTC when unknown.
func (d *Dialogs) readerZone(uid string) *time.Location {
	if p, err := d.Svc.Profiles.Get(uid); err == nil && p.TimeZone != "" {
		if loc, err := time.LoadLocation(p.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

func (d *Dialogs) durationElement(uid string, current int) model.DialogElement {
	options := make([]*model.PostActionOptions, 0, len(durationChoices)+1)
	known := false
	for _, m := range durationChoices {
		options = append(options, &model.PostActionOptions{Text: d.Tr.T(uid, msgMinutes, map[string]any{"Minutes": m}), Value: strconv.Itoa(m)})
		known = known || m == current
	}
	def := ""
	if current > 0 {
		// A stored length the list lacks (a phrase said 20m) stays choosable.
		if !known {
			options = append(options, &model.PostActionOptions{Text: d.Tr.T(uid, msgMinutes, map[string]any{"Minutes": current}), Value: strconv.Itoa(current)})
		}
		def = strconv.Itoa(current)
	}
	return model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldDuration, nil), Name: "duration", Type: "select", Optional: true,
		Options: options, Default: def, HelpText: d.Tr.T(uid, msgDurationHelp, nil)}
}

func (d *Dialogs) whereElements(uid, where, location string) []model.DialogElement {
	if where == "" {
		where = domain.WhereChannel
	}
	options := make([]*model.PostActionOptions, 0, len(whereLabels))
	for _, w := range []string{domain.WhereChannel, domain.WhereLink, domain.WherePlace} {
		options = append(options, &model.PostActionOptions{Text: d.Tr.T(uid, whereLabels[w], nil), Value: w})
	}
	return []model.DialogElement{
		{DisplayName: d.Tr.T(uid, msgFieldWhere, nil), Name: "where", Type: "select", Options: options, Default: where},
		{DisplayName: d.Tr.T(uid, msgFieldLocation, nil), Name: "location", Type: "text", Optional: true, Default: location,
			MaxLength: domain.MaxSessionLink, HelpText: d.Tr.T(uid, msgLocationHelp, nil)},
	}
}

// OpenSchedule opens the schedule form for the match of a pair channel
// (channelID) or for a match (matchID).
func (d *Dialogs) OpenSchedule(triggerID, uid, channelID, matchID string) error {
	d = d.forReader(uid)
	zone := d.readerZone(uid)
	elements := []model.DialogElement{
		{DisplayName: d.Tr.T(uid, msgFieldWhen, nil), Name: "when", Type: "text", Placeholder: "tomorrow 3pm",
			MaxLength: 200, HelpText: d.Tr.T(uid, msgWhenHelp, nil)},
		d.durationElement(uid, 0),
		{DisplayName: d.Tr.T(uid, msgFieldRepeat, nil), Name: "repeat", Type: "text", Optional: true, Placeholder: "every 2 weeks",
			MaxLength: 200, HelpText: d.Tr.T(uid, msgRepeatHelp, nil)},
	}
	elements = append(elements, d.whereElements(uid, "", "")...)
	elements = append(elements,
		model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldTitle, nil), Name: "title", Type: "text", Optional: true, MaxLength: domain.MaxSessionTitle},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldAgenda, nil), Name: "agenda", Type: "textarea", Optional: true, MaxLength: domain.MaxSessionAgenda},
	)
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       ScheduleURL,
		Dialog: model.Dialog{
			Title:            d.Tr.T(uid, msgScheduleTitle, nil),
			IntroductionText: d.Tr.T(uid, msgScheduleIntro, map[string]any{"Zone": zone.String()}),
			SubmitLabel:      d.Tr.T(uid, msgScheduleSubmit, nil),
			State:            sessionState{MatchID: matchID, ChannelID: channelID}.encode(),
			Elements:         elements,
		},
	})
}

// scheduleFields maps the service's field names to the schedule form's.
var scheduleFields = map[string]string{
	"when": "when", "start": "when", "duration_minutes": "duration", "recurrence": "repeat",
	"where": "where", "location": "location", "title": "title", "agenda": "agenda",
}

// minutesField reads the length select; "" is 0 (the phrase's or the default).
func minutesField(sub map[string]any, key string) (int, bool) {
	s := *text(sub, key)
	if s == "" {
		return 0, true
	}
	return wholeNumber(s)
}

// SubmitSession schedules a session from the schedule form.
func (d *Dialogs) SubmitSession(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	st, ok := decodeState(req.State)
	if !ok || (st.MatchID == "" && st.ChannelID == "") {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleForm, nil)}
	}
	sub := req.Submission
	minutes, ok := minutesField(sub, "duration")
	if !ok {
		return &model.SubmitDialogResponse{Errors: map[string]string{"duration": d.Tr.T(uid, msgCapacityNumber, nil)}}
	}
	in := app.ScheduleInput{MatchID: st.MatchID, ChannelID: st.ChannelID, When: *text(sub, "when"), DurationMinutes: minutes,
		Recurrence: *text(sub, "repeat"), Title: *text(sub, "title"), Where: *text(sub, "where"),
		Location: *text(sub, "location"), Agenda: *text(sub, "agenda")}
	v, err := d.Svc.Sessions.Schedule(uid, in)
	if err != nil {
		return d.formError(uid, err, scheduleFields)
	}
	d.tell(uid, req.ChannelId, SessionOutcome(d.Tr, uid, v, d.readerZone(uid), MsgSessionScheduled))
	return nil
}

// formError is errorResponse with the service's field names turned into the
// form's; an error about a field the form lacks goes at the top of the form,
// where the user sees it.
func (d *Dialogs) formError(uid string, err error, fields map[string]string) *model.SubmitDialogResponse {
	resp := d.errorResponse(uid, err)
	if resp == nil || len(resp.Errors) == 0 {
		return resp
	}
	out := map[string]string{}
	for field, msg := range resp.Errors {
		name, ok := fields[field]
		if !ok {
			return &model.SubmitDialogResponse{Error: msg}
		}
		out[name] = msg
	}
	return &model.SubmitDialogResponse{Errors: out}
}

// occurrenceWhen is when an occurrence (or, for zero, the series' next one)
// happens, in the reader's zone.
func occurrenceWhen(v *app.SessionView, occurrence time.Time, zone *time.Location) string {
	return FormatWhen(startOf(v, occurrence), v.DurationMinutes, zone)
}

// startOf is when an occurrence happens: moved ones at their new time; the
// series' next coming occurrence (or its first) for a zero occurrence.
func startOf(v *app.SessionView, occurrence time.Time) time.Time {
	if occurrence.IsZero() {
		if len(v.Next) > 0 {
			return v.Next[0].Start
		}
		return v.Start
	}
	if ex, ok := v.Exceptions[domain.OccurrenceKey(occurrence)]; ok && !ex.Start.IsZero() {
		return ex.Start
	}
	return occurrence
}

// OpenSessionChange opens the form that reschedules or edits a session: the
// series, or one occurrence when occurrence is set.
func (d *Dialogs) OpenSessionChange(triggerID, uid, sessionID string, occurrence time.Time) error {
	d = d.forReader(uid)
	v, err := d.Svc.Sessions.Get(uid, sessionID)
	if err != nil {
		return err
	}
	zone := d.readerZone(uid)
	title := msgChangeTitle
	elements := []model.DialogElement{
		{DisplayName: d.Tr.T(uid, msgFieldWhen, nil), Name: "when", Type: "text", Optional: true, Placeholder: "tomorrow 3pm",
			MaxLength: 200, HelpText: d.Tr.T(uid, msgWhenHelp, nil)},
	}
	if occurrence.IsZero() {
		elements = append(elements, d.durationElement(uid, v.DurationMinutes),
			model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldRepeat, nil), Name: "repeat", Type: "text", Optional: true,
				Default: v.Recurrence, MaxLength: 200, HelpText: d.Tr.T(uid, msgRepeatHelp, nil)})
		elements = append(elements, d.whereElements(uid, v.Where, v.Location)...)
		elements = append(elements,
			model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldTitle, nil), Name: "title", Type: "text", Optional: true,
				Default: v.Title, MaxLength: domain.MaxSessionTitle},
			model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldAgenda, nil), Name: "agenda", Type: "textarea", Optional: true,
				Default: v.Agenda, MaxLength: domain.MaxSessionAgenda})
	} else {
		title = msgChangeOnceTitle
		agenda := v.Agenda
		if ex, ok := v.Exceptions[domain.OccurrenceKey(occurrence)]; ok && ex.Agenda != "" {
			agenda = ex.Agenda
		}
		elements = append(elements, model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldAgenda, nil), Name: "agenda",
			Type: "textarea", Optional: true, Default: agenda, MaxLength: domain.MaxSessionAgenda})
	}
	elements = append(elements, model.DialogElement{DisplayName: d.Tr.T(uid, msgFieldNote, nil), Name: "note", Type: "text",
		Optional: true, MaxLength: MaxCancelReason})
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       SessionChangeURL,
		Dialog: model.Dialog{
			Title: d.Tr.T(uid, title, nil),
			IntroductionText: d.Tr.T(uid, msgChangeIntro, map[string]any{"Title": Title(d.Tr, uid, v.Title),
				"When": occurrenceWhen(v, occurrence, zone)}),
			SubmitLabel: d.Tr.T(uid, msgChangeSubmit, nil),
			State:       sessionState{SessionID: v.ID, Occurrence: occurrence}.encode(),
			Elements:    elements,
		},
	})
}

// changeFields maps the service's field names to the change form's.
var changeFields = map[string]string{
	"when": "when", "start": "when", "duration_minutes": "duration", "recurrence": "repeat",
	"where": "where", "location": "location", "title": "title", "agenda": "agenda", "note": "note",
}

// SubmitSessionChange saves the change form. Only fields that differ from the
// stored session are sent, so an edit never rewrites what the user left alone
// (nor announces a change that is none).
func (d *Dialogs) SubmitSessionChange(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	st, ok := decodeState(req.State)
	if !ok || !model.IsValidId(st.SessionID) {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleSessionForm, nil)}
	}
	v, err := d.Svc.Sessions.Get(uid, st.SessionID)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	sub := req.Submission
	in := app.ChangeInput{Occurrence: st.Occurrence, When: *text(sub, "when"), Note: *text(sub, "note")}
	set := func(key, stored string) *string {
		if _, inForm := sub[key]; !inForm {
			return nil
		}
		if s := text(sub, key); *s != stored {
			return s
		}
		return nil
	}
	agenda := v.Agenda
	if ex, ok := v.Exceptions[domain.OccurrenceKey(st.Occurrence)]; !st.Occurrence.IsZero() && ok && ex.Agenda != "" {
		agenda = ex.Agenda
	}
	in.Agenda = set("agenda", agenda)
	if st.Occurrence.IsZero() {
		in.Recurrence, in.Where, in.Title = set("repeat", v.Recurrence), set("where", v.Where), set("title", v.Title)
		in.Location = set("location", v.Location)
		minutes, ok := minutesField(sub, "duration")
		if !ok {
			return &model.SubmitDialogResponse{Errors: map[string]string{"duration": d.Tr.T(uid, msgCapacityNumber, nil)}}
		}
		if minutes != 0 && minutes != v.DurationMinutes {
			in.DurationMinutes = &minutes
		}
	}
	// Nothing changed at all is the service's to refuse, under "when".
	saved, err := d.Svc.Sessions.Change(uid, st.SessionID, in)
	if err != nil {
		return d.formError(uid, err, changeFields)
	}
	d.tell(uid, req.ChannelId, SessionOutcome(d.Tr, uid, saved, d.readerZone(uid), MsgSessionChanged))
	return nil
}

// OpenSessionCancel opens the form that cancels a session, or one occurrence.
func (d *Dialogs) OpenSessionCancel(triggerID, uid, sessionID string, occurrence time.Time) error {
	d = d.forReader(uid)
	v, err := d.Svc.Sessions.Get(uid, sessionID)
	if err != nil {
		return err
	}
	title, when := msgCancelTitle, d.Tr.T(uid, msgCancelSeries, nil)
	if !occurrence.IsZero() || v.Recurrence == "" {
		when = occurrenceWhen(v, occurrence, d.readerZone(uid))
	}
	if !occurrence.IsZero() {
		title = msgCancelOnceTitle
	}
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       SessionCancelURL,
		Dialog: model.Dialog{
			Title:            d.Tr.T(uid, title, nil),
			IntroductionText: d.Tr.T(uid, msgCancelIntro, map[string]any{"Title": Title(d.Tr, uid, v.Title), "When": when}),
			SubmitLabel:      d.Tr.T(uid, msgCancelSubmit, nil),
			State:            sessionState{SessionID: v.ID, Occurrence: occurrence}.encode(),
			Elements: []model.DialogElement{
				{DisplayName: d.Tr.T(uid, msgFieldCancelWhy, nil), Name: "reason", Type: "textarea", Optional: true, MaxLength: MaxCancelReason},
			},
		},
	})
}

// SubmitSessionCancel cancels the session (or the occurrence) of the form.
func (d *Dialogs) SubmitSessionCancel(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	st, ok := decodeState(req.State)
	if !ok || !model.IsValidId(st.SessionID) {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleSessionForm, nil)}
	}
	v, err := d.Svc.Sessions.Cancel(uid, st.SessionID, st.Occurrence, *text(req.Submission, "reason"))
	if err != nil {
		return d.formError(uid, err, map[string]string{"reason": "reason"})
	}
	d.tell(uid, req.ChannelId, CancelOutcome(d.Tr, uid, v, st.Occurrence, d.readerZone(uid)))
	return nil
}

// CancelOutcome says what was cancelled, in the reader's zone.
func CancelOutcome(tr *i18n.Translator, uid string, v *app.SessionView, occurrence time.Time, zone *time.Location) string {
	when := tr.T(uid, msgCancelSeries, nil)
	if !occurrence.IsZero() {
		when = FormatWhen(occurrence, v.DurationMinutes, zone)
	} else if v.Recurrence == "" {
		when = FormatWhen(v.Start, v.DurationMinutes, zone)
	}
	return tr.T(uid, msgSessionCancelled, map[string]any{"Title": Title(tr, uid, v.Title), "When": when})
}

// OpenSessionFeedback opens the feedback form of one occurrence.
func (d *Dialogs) OpenSessionFeedback(triggerID, uid, sessionID string, occurrence time.Time) error {
	d = d.forReader(uid)
	v, err := d.Svc.Sessions.Get(uid, sessionID)
	if err != nil {
		return err
	}
	ratings := []*model.PostActionOptions{
		{Text: d.Tr.T(uid, msgRating5, nil), Value: "5"},
		{Text: d.Tr.T(uid, msgRating4, nil), Value: "4"},
		{Text: d.Tr.T(uid, msgRating3, nil), Value: "3"},
		{Text: d.Tr.T(uid, msgRating2, nil), Value: "2"},
		{Text: d.Tr.T(uid, msgRating1, nil), Value: "1"},
	}
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       SessionFeedbackURL,
		Dialog: model.Dialog{
			Title: d.Tr.T(uid, msgFeedbackTitle, nil),
			IntroductionText: d.Tr.T(uid, msgFeedbackIntro, map[string]any{"Title": Title(d.Tr, uid, v.Title),
				"When": occurrenceWhen(v, occurrence, d.readerZone(uid))}),
			SubmitLabel: d.Tr.T(uid, msgSurveySubmit, nil),
			State:       sessionState{SessionID: v.ID, Occurrence: occurrence}.encode(),
			Elements: []model.DialogElement{
				{DisplayName: d.Tr.T(uid, msgFieldRating, nil), Name: "rating", Type: "select", Options: ratings},
				{DisplayName: d.Tr.T(uid, msgFieldComment, nil), Name: "text", Type: "textarea", Optional: true, MaxLength: domain.MaxFeedbackText},
				{DisplayName: d.Tr.T(uid, msgFieldShared, nil), Name: "shared", Type: "bool", Optional: true, Default: "false",
					Placeholder: d.Tr.T(uid, msgSharedText, nil)},
			},
		},
	})
}

// boolField reads a checkbox, which the webapp sends as a boolean or a string.
func boolField(sub map[string]any, key string) bool {
	switch v := sub[key].(type) {
	case bool:
		return v
	case string:
		b, _ := strconv.ParseBool(strings.TrimSpace(v))
		return b
	}
	return false
}

// SubmitSessionFeedback records the user's feedback on one occurrence.
func (d *Dialogs) SubmitSessionFeedback(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	st, ok := decodeState(req.State)
	if !ok || !model.IsValidId(st.SessionID) {
		return &model.SubmitDialogResponse{Error: d.Tr.T(uid, msgStaleSessionForm, nil)}
	}
	rating, err := strconv.Atoi(*text(req.Submission, "rating"))
	if err != nil || rating < 1 || rating > 5 {
		return &model.SubmitDialogResponse{Errors: map[string]string{"rating": d.Tr.T(uid, msgBadRating, nil)}}
	}
	in := app.FeedbackInput{Occurrence: st.Occurrence, Rating: rating, Text: *text(req.Submission, "text"),
		Shared: boolField(req.Submission, "shared")}
	v, err := d.Svc.Sessions.Feedback(uid, st.SessionID, in)
	if err != nil {
		return d.formError(uid, err, map[string]string{"rating": "rating", "text": "text", "shared": "shared"})
	}
	d.tell(uid, req.ChannelId, d.Tr.T(uid, msgFeedbackThanks, map[string]any{"Title": Title(d.Tr, uid, v.Title)}))
	return nil
}

// FormatWhen shows a start and a length in a zone: "2026-12-01 15:00–15:30 (Europe/Berlin)".
func FormatWhen(start time.Time, minutes int, zone *time.Location) string {
	local := start.In(zone)
	out := local.Format("2006-01-02 15:04")
	if minutes > 0 {
		out += "–" + local.Add(time.Duration(minutes)*time.Minute).Format("15:04")
	}
	return fmt.Sprintf("%s (%s)", out, zone.String())
}

// Replies shared by the session forms and /mentor session.
var (
	MsgSessionScheduled = &i18n.Message{ID: "outcome.session_scheduled", Other: "Scheduled **{{.Title}}** with {{.With}}: {{.When}}{{.Repeat}}, {{.Where}}. I sent the invite with a calendar file. Session id: `{{.ID}}`."}
	MsgSessionChanged   = &i18n.Message{ID: "outcome.session_changed", Other: "Updated **{{.Title}}** with {{.With}}: next {{.When}}{{.Repeat}}, {{.Where}}. Your partner was told. Session id: `{{.ID}}`."}
	msgRepeats          = &i18n.Message{ID: "outcome.session_repeats", Other: ", repeating ({{.Rule}})"}
	msgWhereChannel     = &i18n.Message{ID: "outcome.session_where_channel", Other: "a call in your pair's channel"}
	msgWhereLink        = &i18n.Message{ID: "outcome.session_where_link", Other: "at {{.Location}}"}
	msgWherePlace       = &i18n.Message{ID: "outcome.session_where_place", Other: "in person at {{.Location}}"}
	msgUntitled         = &i18n.Message{ID: "outcome.session_untitled", Other: "Mentoring session"}
)

// Title is a session's title, or a neutral one when it has none.
func Title(tr *i18n.Translator, uid, title string) string {
	if title == "" {
		return tr.T(uid, msgUntitled, nil)
	}
	return title
}

// SessionOutcome says what a session now is, in the reader's zone and language.
func SessionOutcome(tr *i18n.Translator, uid string, v *app.SessionView, zone *time.Location, msg *i18n.Message) string {
	repeat := ""
	if v.Recurrence != "" {
		repeat = tr.T(uid, msgRepeats, map[string]any{"Rule": v.Recurrence})
	}
	return tr.T(uid, msg, map[string]any{"Title": Title(tr, uid, v.Title), "With": Partners(v.Session, v.Names, uid),
		"When": FormatWhen(startOf(v, time.Time{}), v.DurationMinutes, zone), "Repeat": repeat,
		"Where": WhereText(tr, uid, v.Where, v.Location), "ID": v.ID})
}

// WhereText says where a session happens.
func WhereText(tr *i18n.Translator, uid, where, location string) string {
	switch where {
	case domain.WhereLink:
		return tr.T(uid, msgWhereLink, map[string]any{"Location": location})
	case domain.WherePlace:
		return tr.T(uid, msgWherePlace, map[string]any{"Location": location})
	}
	return tr.T(uid, msgWhereChannel, nil)
}

// Partners names the other participants (@username when known).
func Partners(s *domain.Session, names map[string]string, uid string) string {
	var out []string
	for _, p := range s.Participants {
		if p == uid {
			continue
		}
		name := names[p]
		if name == "" {
			name = p
		}
		if !strings.HasPrefix(name, "@") {
			name = "@" + name
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}
