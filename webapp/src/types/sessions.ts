// TypeScript mirrors of the session JSON (issue 8): server/domain/session.go,
// server/app/session_types.go, server/app/preferences.go, server/app/officehours.go.
// Times are RFC 3339 instants (UTC); the sidebar shows them in the reader's zone.

export type Where = 'channel' | 'link' | 'place';
export type SessionResponse = 'pending' | 'confirmed' | 'proposed' | 'declined';
export type AttendanceStatus = 'attended' | 'missed' | 'rescheduled' | 'excused';

/** A new session (app.ScheduleInput): When is a phrase or an ISO time in the author's zone. */
export interface ScheduleInput {
    match_id: string;
    when: string;
    duration_minutes?: number;
    /** A phrase or an RRULE body ("FREQ=WEEKLY;INTERVAL=2"); omitted = one meeting. */
    recurrence?: string;
    title?: string;
    where?: Where;
    location?: string;
    agenda?: string;
}

export interface Feedback {
    rating: number;
    text?: string;
    at: string;
    shared?: boolean;
}

export interface FeedbackInput {
    occurrence: string;
    rating: number;
    text?: string;
    shared?: boolean;
}

/** One occurrence of a session (app.OccurrenceView). */
export interface OccurrenceView {
    session_id: string;
    /** The original start: the id of the occurrence. */
    occurrence: string;
    start: string;
    end: string;
    title: string;
    where: Where;
    location?: string;
    channel_id?: string;
    agenda?: string;
    attendance?: Record<string, AttendanceStatus>;
    feedback?: Record<string, Feedback>;
    participants: string[];
    responses?: Record<string, SessionResponse>;
    recurring: boolean;
    kind: 'match' | 'office_hours';
    program_id: string;
    match_id?: string;
}

export interface TimeProposal {
    by: string;
    start: string;
    occurrence?: string;
    at: string;
}

/** A session as one reader sees it (app.SessionView: domain.Session plus these). */
export interface SessionView {
    id: string;
    kind: 'match' | 'office_hours';
    program_id: string;
    match_id?: string;
    channel_id?: string;
    organizer_id: string;
    participants: string[];
    title: string;
    start: string;
    duration_minutes: number;
    time_zone: string;
    recurrence?: string;
    where: Where;
    location: string;
    agenda?: string;
    status: 'scheduled' | 'cancelled';
    responses?: Record<string, SessionResponse>;
    proposal?: TimeProposal;
    next: OccurrenceView[] | null;
    past?: OccurrenceView[] | null;
    names?: Record<string, string>;
}

/** The calendar feed's state; the URL itself is only ever shown when made. */
export interface FeedStatus {
    active: boolean;
    created_at?: string;
}

/** One user's reminder settings as in effect (app.PreferencesView). */
export interface PreferencesView {
    /** The user's own lead times, or the defaults when own_lead_minutes is false. */
    lead_minutes: number[] | null;
    own_lead_minutes: boolean;
    quiet_start: string;
    quiet_end: string;
    weekly_budget: number;
    snooze_until?: string;
    time_zone: string;
    feed_active: boolean;
    feed_created?: string;
}

/**
 * What PUT /preferences takes (app.PreferencesInput): a missing field keeps
 * its value. An empty lead list goes back to the defaults; empty quiet times
 * turn quiet hours off (both or neither); snooze_weeks 0 ends a snooze.
 */
export interface PreferencesInput {
    lead_minutes?: number[];
    quiet_start?: string;
    quiet_end?: string;
    weekly_budget?: number;
    snooze_weeks?: number;
}

/** An office-hours slot (app.Slot). */
export interface Slot {
    mentor_id: string;
    start: string;
    end: string;
    free: boolean;
}

/** A weekly window, e.g. Thursday (4) 16:00–17:00 in the mentor's zone (domain.HourWindow). */
export interface HourWindow {
    /** 0 = Sunday … 6 = Saturday, as Go's time.Weekday. */
    weekday: number;
    start: string;
    end: string;
}

/** A mentor's published hours (domain.OfficeHours). */
export interface OfficeHours {
    program_id: string;
    mentor_id: string;
    time_zone: string;
    windows: HourWindow[] | null;
    slot_minutes: number;
    from?: string;
    until?: string;
    where: Where | '';
    location?: string;
    published: boolean;
}

/** What PUT /programs/{id}/office-hours takes (app.OfficeHoursInput). */
export interface OfficeHoursInput {
    windows: HourWindow[];
    /** 0 = the server's default (15). */
    slot_minutes: number;
    /** How many weeks from today; 0 = the server's default (8). */
    weeks: number;
    where: Where;
    location: string;
}
