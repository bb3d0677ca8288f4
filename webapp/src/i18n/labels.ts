// The translated label of every stored value the sidebar shows. Typed as
// Record<Value, ...> so a new role, status, kind or enrollment mode fails to
// compile until it has a message, instead of leaking its raw value to the user.
import type {EnrollmentStatus, ExperienceLevel, MatchStatus, MatchingPolicy, Program, Role, UnmatchedReason} from '../types';
import type {AttendanceStatus, Where} from '../types/sessions';
import type {CheckInAnswer, GoalStatus} from '../types/progress';
import type {Audience, PackRole} from '../types/resources';

import type {MessageId} from './index';

export const roleLabel: Record<Role, MessageId> = {
    mentee: 'role.mentee',
    mentor: 'role.mentor',
    peer: 'role.peer',
    both: 'role.both',
};

export const statusLabel: Record<EnrollmentStatus, MessageId> = {
    pending: 'status.pending',
    active: 'status.active',
    paused: 'status.paused',
    left: 'status.left',
    declined: 'status.declined',
};

export const kindLabel: Record<Program['kind'], MessageId> = {
    one_to_one: 'kind.one_to_one',
    circles: 'kind.circles',
    office_hours: 'kind.office_hours',
};

export const enrollmentLabel: Record<Program['enrollment_mode'], MessageId> = {
    open: 'enrollment.open',
    approval: 'enrollment.approval',
    invite: 'enrollment.invite',
};

export const matchStatusLabel: Record<MatchStatus, MessageId> = {
    draft: 'match_status.draft',
    proposed: 'match_status.proposed',
    requested: 'match_status.requested',
    active: 'match_status.active',
    paused: 'match_status.paused',
    completed: 'match_status.completed',
    cancelled: 'match_status.cancelled',
    declined: 'match_status.declined',
    expired: 'match_status.expired',
    withdrawn: 'match_status.withdrawn',
    void: 'match_status.void',
};

export const unmatchedLabel: Record<UnmatchedReason, MessageId> = {
    no_capacity: 'unmatched.no_capacity',
    below_minimum: 'unmatched.below_minimum',
    constraints: 'unmatched.constraints',
    outscored: 'unmatched.outscored',
};

export const levelLabel: Record<ExperienceLevel, MessageId> = {
    junior: 'level.junior',
    mid: 'level.mid',
    senior: 'level.senior',
    lead: 'level.lead',
    executive: 'level.executive',
};

export const policyLabel: Record<MatchingPolicy, MessageId> = {
    participation: 'policy.participation',
    quality: 'policy.quality',
};

export const attendanceLabel: Record<AttendanceStatus, MessageId> = {
    attended: 'attendance.attended',
    missed: 'attendance.missed',
    rescheduled: 'attendance.rescheduled',
    excused: 'attendance.excused',
};

export const whereLabel: Record<Where, MessageId> = {
    channel: 'where.channel',
    link: 'where.link',
    place: 'where.place',
};

export const goalStatusLabel: Record<GoalStatus, MessageId> = {
    on_track: 'goal_status.on_track',
    at_risk: 'goal_status.at_risk',
    done: 'goal_status.done',
    dropped: 'goal_status.dropped',
};

export const checkInLabel: Record<CheckInAnswer, MessageId> = {
    great: 'checkin.great',
    fine: 'checkin.fine',
    struggling: 'checkin.struggling',
};

export const audienceLabel: Record<Audience, MessageId> = {
    all: 'audience.all',
    mentors: 'audience.mentors',
    mentees: 'audience.mentees',
};

export const packRoleLabel: Record<PackRole, MessageId> = {
    mentor: 'role.mentor',
    mentee: 'role.mentee',
    peer: 'role.peer',
};
