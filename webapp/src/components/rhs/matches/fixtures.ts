// Test data for the match sections (imported by tests only).
import type {Match, Membership, Program} from '../../../types';

export function program(overrides: Partial<Program> = {}): Program {
    return {
        id: 'p1', team_id: 't1', name: 'Spring', slug: 'spring', description: '', kind: 'one_to_one',
        enrollment_mode: 'open', matching_mode: 'self_serve', check_in_cadence: 'monthly', coordinators: [],
        archived: false, created_at: '', updated_at: '', ...overrides,
    };
}

export function membership(p: Program, overrides: Partial<Membership['enrollment']> = {}): Membership {
    return {program: p, enrollment: {program_id: p.id, user_id: 'me', role: 'mentee', status: 'active', joined_at: '', ...overrides}};
}

export function match(overrides: Partial<Match> = {}): Match {
    return {
        id: 'm1', program_id: 'p1', team_id: 't1', mentee_id: 'me', mentor_id: 'u-ana', origin: 'request',
        status: 'active', score: 42, created_at: '', updated_at: '', ...overrides,
    };
}

export const users = [{id: 'u-ana', username: 'ana'}, {id: 'u-bo', username: 'bo'}, {id: 'u-cy', username: 'cy'}];
