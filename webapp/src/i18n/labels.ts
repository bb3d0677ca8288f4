// The translated label of every stored value the sidebar shows. Typed as
// Record<Value, ...> so a new role, status, kind or enrollment mode fails to
// compile until it has a message, instead of leaking its raw value to the user.
import type {EnrollmentStatus, Program, Role} from '../types';

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
