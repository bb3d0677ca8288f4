package app

import (
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// Due-work kinds of sessions.
const (
	DueFinishSession = "session.finish" // the safety net: finish owed work
	DueRollSession   = "session.roll"   // put the next occurrence's nudges on the scheduler
	DueRemindSession = "session.remind" // a reminder before an occurrence
	DueFollowUp      = "session.after"  // "did you meet?" after an occurrence
	DueDigest        = "nudge.digest"   // one user's digest of nudges over their budget
)

// Changes an invite DM announces (domain.Session.LastChange).
const (
	ChangeScheduled   = "scheduled"
	ChangeRescheduled = "rescheduled"
	ChangeEdited      = "edited"
	ChangeCancelled   = "cancelled"
	ChangeOccurrence  = "occurrence" // one occurrence moved or cancelled
)

// ScheduleInput is a new session. Either When (a phrase or an ISO time in the
// author's zone) or Start is given.
type ScheduleInput struct {
	// MatchID names the match; ChannelID (the pair's channel, for
	// "/mentor session" typed there) may name it instead.
	MatchID   string    `json:"match_id"`
	ChannelID string    `json:"channel_id,omitempty"`
	When      string    `json:"when,omitempty"`
	Start     time.Time `json:"start,omitzero"`
	// DurationMinutes 0 means the phrase's duration or the program's default.
	DurationMinutes int `json:"duration_minutes,omitempty"`
	// Recurrence is a phrase ("every 2 weeks") or an RRULE body; "" = none,
	// unless the phrase in When says one.
	Recurrence string `json:"recurrence,omitempty"`
	Title      string `json:"title,omitempty"`
	Where      string `json:"where,omitempty"` // channel (default), link or place
	Location   string `json:"location,omitempty"`
	Agenda     string `json:"agenda,omitempty"`
}

// ChangeInput edits a session: the series, or one occurrence when Occurrence
// (its original start) is set. Nil fields stay as they are.
type ChangeInput struct {
	Occurrence      time.Time `json:"occurrence,omitzero"`
	When            string    `json:"when,omitempty"`
	Start           time.Time `json:"start,omitzero"`
	DurationMinutes *int      `json:"duration_minutes,omitempty"`
	Recurrence      *string   `json:"recurrence,omitempty"`
	Title           *string   `json:"title,omitempty"`
	Where           *string   `json:"where,omitempty"`
	Location        *string   `json:"location,omitempty"`
	Agenda          *string   `json:"agenda,omitempty"`
	Note            string    `json:"note,omitempty"` // why, for the history
}

// FeedbackInput is one participant's rating of an occurrence.
type FeedbackInput struct {
	Occurrence time.Time `json:"occurrence"`
	Rating     int       `json:"rating"`
	Text       string    `json:"text,omitempty"`
	Shared     bool      `json:"shared,omitempty"`
}

// SessionView is a session as one reader sees it, with its coming occurrences.
type SessionView struct {
	*domain.Session
	// Next are the coming occurrences (at most a few), moved ones at their new
	// time, cancelled ones left out.
	Next []OccurrenceView `json:"next"`
	// Past are recent occurrences with what the reader may see of them.
	Past []OccurrenceView `json:"past,omitempty"`
	// PartnerNames maps participant ids to @usernames for display.
	Names map[string]string `json:"names,omitempty"`
}

// OccurrenceView is one occurrence of a session.
type OccurrenceView struct {
	SessionID string `json:"session_id"`
	// Occurrence is the original start (the id of the occurrence); Start is
	// when it happens (differs when moved).
	Occurrence time.Time         `json:"occurrence"`
	Start      time.Time         `json:"start"`
	End        time.Time         `json:"end"`
	Title      string            `json:"title"`
	Where      string            `json:"where"`
	Location   string            `json:"location,omitempty"`
	ChannelID  string            `json:"channel_id,omitempty"`
	Agenda     string            `json:"agenda,omitempty"`
	Attendance map[string]string `json:"attendance,omitempty"`
	// Feedback holds what the reader may read: their own, shared ones, or all
	// for coordinators.
	Feedback     map[string]domain.Feedback `json:"feedback,omitempty"`
	Participants []string                   `json:"participants"`
	Responses    map[string]string          `json:"responses,omitempty"`
	Recurring    bool                       `json:"recurring"`
	Kind         string                     `json:"kind"`
	ProgramID    string                     `json:"program_id"`
	MatchID      string                     `json:"match_id,omitempty"`
}

// Nudge is one reminder or prompt to one user, as a digest lists it.
type Nudge struct {
	Key  string `json:"key"`
	Kind string `json:"kind"` // DueRemindSession, DueFollowUp or DueCheckInPrompt
	// SessionID is the session; for a check-in prompt, the match.
	SessionID  string    `json:"session_id"`
	Occurrence time.Time `json:"occurrence"`
	// Start is the meeting's start; for a check-in prompt, the round's due time.
	Start time.Time `json:"start"`
	// Title is the session's title; for a check-in prompt, the partner's @handle.
	Title string `json:"title"`
}

// SessionNotifier tells participants about sessions. Like the other notifiers
// it never fails the caller; a method returning a post id returns "" when the
// DM could not be sent.
type SessionNotifier interface {
	// Invite sends one participant the invite, change or cancellation
	// (v.LastChange) with the .ics file attached; the other participant (not
	// the author) gets Confirm / Propose another time buttons.
	// key marks the post so a retry after a crash finds it (FindNudge).
	Invite(p *domain.Program, v *domain.Session, to string, ics []byte, key string) string
	// Proposed tells the other participants that to asked for another time,
	// with buttons to take it or keep the old one.
	Proposed(p *domain.Program, v *domain.Session, to, key string) string
	// Reminder reminds one participant of an occurrence starting at start,
	// with Confirm / Reschedule / Cancel buttons; key marks the post so a
	// retry after a crash finds it (FindNudge).
	Reminder(p *domain.Program, v *domain.Session, occurrence, start time.Time, to, key string) string
	// FollowUp asks one participant "did you meet?" (attended / missed /
	// rescheduled) and for feedback.
	FollowUp(p *domain.Program, v *domain.Session, occurrence time.Time, to, key string) string
	// Digest sends one user the nudges that waited for their digest.
	Digest(to string, nudges []Nudge, key string) string
	// FindNudge returns the id of a DM to a user carrying the nudge key sent
	// since a time, "" when there is none: how a retry knows the DM went. An
	// error means it could not look (the retry waits rather than risk a
	// second DM).
	FindNudge(to, key string, since time.Time) (string, error)
	// Changed refreshes the users' open sidebars.
	Changed(programID string, userIDs ...string)
}
