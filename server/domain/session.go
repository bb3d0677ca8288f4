package domain

import (
	"time"
)

// Session kinds: whose meeting it is.
const (
	SessionOfMatch = "match"        // the two people of a match
	SessionBooking = "office_hours" // a member who booked a mentor's office-hours slot
)

// Session statuses.
const (
	SessionScheduled = "scheduled"
	SessionCancelled = "cancelled"
)

// Where a session happens.
const (
	WhereChannel = "channel" // a Mattermost call in the pair's channel
	WhereLink    = "link"    // a video link
	WherePlace   = "place"   // in person
)

// Answers of a participant to a session (or to one occurrence).
const (
	ResponsePending   = "pending"
	ResponseConfirmed = "confirmed"
	ResponseProposed  = "proposed" // asked for another time
	ResponseDeclined  = "declined"
)

// Attendance of one participant at one occurrence.
const (
	AttendanceAttended    = "attended"
	AttendanceMissed      = "missed"
	AttendanceExcused     = "excused"
	AttendanceRescheduled = "rescheduled"
)

// Work a session owes after a commit (see store/kv.go, side effects): each is
// claimed before it is done.
const (
	OweInvite   = "invite"   // the invite (or change, or cancellation) DM with its .ics to each participant
	OweSchedule = "schedule" // put the next occurrence's reminders on the due-work scheduler
	OweUserList = "userlist" // list the session in each participant's index (calendar feed, sidebar)
)

// Limits on what people write into a session.
const (
	MaxSessionTitle  = 120
	MaxSessionAgenda = 2000
	MaxSessionPlace  = 300
	MaxSessionLink   = 500
	MaxFeedbackText  = 2000
	MinSessionLength = 5 * time.Minute
	MaxSessionLength = 8 * time.Hour
	// MaxSessionHistory bounds the history kept in the session record.
	MaxSessionHistory = 100
)

// Session is one meeting, or a recurring series of them, of a match or of an
// office-hours booking. Its key is the authoritative record; what happens at
// each occurrence (attendance, feedback, reminders sent) lives in that
// occurrence's own record, so the series record stays bounded.
type Session struct {
	SchemaVersion int    `json:"schema_version"`
	ID            string `json:"id"`
	Kind          string `json:"kind"` // SessionOfMatch or SessionBooking
	ProgramID     string `json:"program_id"`
	TeamID        string `json:"team_id"`
	// MatchID is set for a match's session; Slot for an office-hours booking.
	MatchID string   `json:"match_id,omitempty"`
	Slot    *SlotRef `json:"slot,omitempty"`
	// ChannelID is where a "call in this channel" happens and where the
	// session is announced (the pair's channel), "" for a booking.
	ChannelID    string   `json:"channel_id,omitempty"`
	OrganizerID  string   `json:"organizer_id"`
	Participants []string `json:"participants"`
	Title        string   `json:"title"`
	// Start is the first occurrence in UTC; TimeZone is the organizer's zone,
	// in which a recurrence keeps its wall-clock time across DST changes.
	Start           time.Time `json:"start"`
	DurationMinutes int       `json:"duration_minutes"`
	TimeZone        string    `json:"time_zone"`
	// Recurrence is an RRULE body ("FREQ=WEEKLY;INTERVAL=2"), "" for one meeting.
	Recurrence string `json:"recurrence,omitempty"`
	Where      string `json:"where"`    // WhereChannel, WhereLink or WherePlace
	Location   string `json:"location"` // the link or the place; "" for the channel
	Agenda     string `json:"agenda,omitempty"`
	Status     string `json:"status"`
	// Sequence counts changes (the iCalendar SEQUENCE): every reschedule, edit
	// or cancellation raises it, and due work made for an older sequence does
	// nothing.
	Sequence int `json:"sequence"`
	// Exceptions are occurrences moved or cancelled one at a time, by the
	// occurrence's original start (OccurrenceKey).
	Exceptions map[string]Exception `json:"exceptions,omitempty"`
	// Responses are each participant's answer to the series (or one-off).
	Responses map[string]string `json:"responses,omitempty"`
	// Proposal is another time a participant asked for, until it is taken or
	// the session changes.
	Proposal *TimeProposal `json:"proposal,omitempty"`
	Owed     []string      `json:"owed,omitempty"`
	// Sent marks the invites and proposals of owed work per recipient and
	// version ("invite/<sequence>/<user>"): claimed, then sent, so each goes
	// exactly once.
	Sent      map[string]NudgeMark `json:"sent,omitempty"`
	CreatedBy string               `json:"created_by"`
	CreatedAt time.Time            `json:"created_at"`
	UpdatedAt time.Time            `json:"updated_at"`
	History   []SessionEvent       `json:"history,omitempty"`
	// LastChange says what the owed invite DM announces: "scheduled",
	// "rescheduled", "edited", "cancelled", or "occurrence" with the
	// occurrence it concerns.
	LastChange     string    `json:"last_change,omitempty"`
	LastOccurrence time.Time `json:"last_occurrence,omitzero"`
}

// Duration is the length of each occurrence.
func (s *Session) Duration() time.Duration {
	return time.Duration(s.DurationMinutes) * time.Minute
}

// IsParticipant reports whether userID takes part in the session.
func (s *Session) IsParticipant(userID string) bool { return Contains(s.Participants, userID) }

// Owes reports whether work is still owed.
func (s *Session) Owes(work string) bool { return Contains(s.Owed, work) }

// Exception changes one occurrence of a series.
type Exception struct {
	// Start is the new start (UTC) of a moved occurrence; zero when only
	// cancelled.
	Start     time.Time `json:"start,omitzero"`
	Cancelled bool      `json:"cancelled,omitempty"`
	Agenda    string    `json:"agenda,omitempty"`
}

// TimeProposal is another time a participant proposed.
type TimeProposal struct {
	By         string    `json:"by"`
	Start      time.Time `json:"start"`
	Occurrence time.Time `json:"occurrence,omitzero"` // the occurrence it replaces; zero for the series
	At         time.Time `json:"at"`
}

// SessionEvent is one change in a session's life.
type SessionEvent struct {
	At     time.Time `json:"at"`
	By     string    `json:"by,omitempty"`
	Action string    `json:"action"` // scheduled, rescheduled, edited, cancelled, confirmed, proposed, attendance
	// From and To are the old and new start of a reschedule.
	From       time.Time `json:"from,omitzero"`
	To         time.Time `json:"to,omitzero"`
	Occurrence time.Time `json:"occurrence,omitzero"`
	Note       string    `json:"note,omitempty"`
}

// SlotRef names an office-hours slot a booking took.
type SlotRef struct {
	MentorID string    `json:"mentor_id"`
	Start    time.Time `json:"start"`
}

// OccurrenceKey names one occurrence by its original start.
func OccurrenceKey(start time.Time) string { return start.UTC().Format("20060102T150405Z") }

// Occurrence is what happened at one occurrence of a session: attendance,
// feedback and the nudges sent for it. Its own key keeps the series record
// bounded and lets reminders of different sessions never contend.
type Occurrence struct {
	SchemaVersion int       `json:"schema_version"`
	SessionID     string    `json:"session_id"`
	Start         time.Time `json:"start"` // the original start, UTC
	// Attendance per participant (Attendance* values).
	Attendance map[string]string `json:"attendance,omitempty"`
	// Feedback per author: coordinators and the author only.
	Feedback map[string]Feedback `json:"feedback,omitempty"`
	// Notes are shared notes of the meeting (either participant writes them).
	Notes string `json:"notes,omitempty"`
	// Nudges are the reminders and prompts of this occurrence by nudge key,
	// claimed before they are sent (exactly once, see app/nudges.go).
	Nudges map[string]NudgeMark `json:"nudges,omitempty"`
}

// Feedback is one participant's rating of a session.
type Feedback struct {
	Rating int       `json:"rating"` // 1–5
	Text   string    `json:"text,omitempty"`
	At     time.Time `json:"at"`
	// Shared lets the other participant read it; otherwise only coordinators do.
	Shared bool `json:"shared,omitempty"`
}

// NudgeMark records one reminder or prompt: claimed, then sent (with its post),
// digested (folded into a digest) or skipped (snoozed, session gone).
type NudgeMark struct {
	ClaimedAt time.Time `json:"claimed_at"`
	PostID    string    `json:"post_id,omitempty"`
	Outcome   string    `json:"outcome,omitempty"` // sent, digest, skipped
}

// Preferences are one user's reminder and calendar settings.
type Preferences struct {
	SchemaVersion int    `json:"schema_version"`
	UserID        string `json:"user_id"`
	// LeadMinutes are how long before each session the user is reminded; nil
	// means the program's lead times.
	LeadMinutes []int `json:"lead_minutes,omitempty"`
	// QuietStart and QuietEnd ("22:00", "08:00") in the user's own zone: a
	// nudge due in between waits until QuietEnd. Both "" means none.
	QuietStart string `json:"quiet_start,omitempty"`
	QuietEnd   string `json:"quiet_end,omitempty"`
	// WeeklyBudget is how many nudges a week the user gets one by one; the
	// rest wait for a daily digest. nil means the System Console default; 0 is
	// "everything in the digest".
	WeeklyBudget *int `json:"weekly_budget,omitempty"`
	// SnoozeUntil silences nudges (not invites or changes) until then.
	SnoozeUntil time.Time `json:"snooze_until,omitzero"`
	// FeedTokenHash is the SHA-256 (hex) of the secret of the user's calendar
	// feed URL; "" when the user has none (never made or revoked).
	FeedTokenHash    string    `json:"feed_token_hash,omitempty"`
	FeedTokenCreated time.Time `json:"feed_token_created,omitzero"`
}

// SessionSettings are a program's defaults for sessions.
type SessionSettings struct {
	// LeadMinutes are the reminders before each session; nil means the
	// console's default (1 day and 1 hour).
	LeadMinutes []int `json:"lead_minutes,omitempty"`
	// FollowUpMinutes is how long after a session ends "did you meet?" is
	// asked; 0 means the default (15 minutes).
	FollowUpMinutes int `json:"follow_up_minutes,omitempty"`
	// DefaultMinutes is a session's length when the phrase names none.
	DefaultMinutes int `json:"default_minutes,omitempty"`
}

// OfficeHours are one mentor's published slots in one program.
type OfficeHours struct {
	SchemaVersion int    `json:"schema_version"`
	ProgramID     string `json:"program_id"`
	MentorID      string `json:"mentor_id"`
	// TimeZone is the mentor's zone; windows are wall-clock times in it.
	TimeZone    string       `json:"time_zone"`
	Windows     []HourWindow `json:"windows"`
	SlotMinutes int          `json:"slot_minutes"`
	// From and Until bound the weeks slots are offered (UTC dates).
	From      time.Time `json:"from"`
	Until     time.Time `json:"until"`
	Where     string    `json:"where"`
	Location  string    `json:"location,omitempty"`
	Published bool      `json:"published"`
	UpdatedAt time.Time `json:"updated_at"`
}

// HourWindow is a weekly window, e.g. Thursday 16:00–17:00.
type HourWindow struct {
	Weekday time.Weekday `json:"weekday"`
	Start   string       `json:"start"` // "16:00"
	End     string       `json:"end"`   // "17:00"
}

// Booking is one taken office-hours slot; the mentor's week document of
// bookings is the authoritative record, so one compare-and-set decides who
// gets a slot.
type Booking struct {
	BookerID  string    `json:"booker_id"`
	SessionID string    `json:"session_id"`
	At        time.Time `json:"at"`
	// End is when the booked slot ends: slots of another length (the mentor
	// republished) must not overlap it.
	End    time.Time `json:"end,omitzero"`
	Agenda string    `json:"agenda,omitempty"`
}
