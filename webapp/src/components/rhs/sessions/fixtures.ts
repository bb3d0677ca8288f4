// Test data for the session sections (imported by tests only).
import type {OccurrenceView, SessionView} from '../../../types/sessions';

/** A one-off 30-minute session of me and @ana on 2030-03-05 06:00 UTC. */
export function occurrence(overrides: Partial<OccurrenceView> = {}): OccurrenceView {
    return {
        session_id: 's1', occurrence: '2030-03-05T06:00:00Z', start: '2030-03-05T06:00:00Z', end: '2030-03-05T06:30:00Z',
        title: 'Career chat', where: 'channel', channel_id: 'c1', participants: ['me', 'u-ana'],
        responses: {me: 'confirmed', 'u-ana': 'confirmed'}, recurring: false, kind: 'match', program_id: 'p1', match_id: 'm1',
        ...overrides,
    };
}

export function sessionView(overrides: Partial<SessionView> = {}): SessionView {
    return {
        id: 's1', kind: 'match', program_id: 'p1', match_id: 'm1', channel_id: 'c1', organizer_id: 'me', participants: ['me', 'u-ana'],
        title: 'Career chat', start: '2030-03-05T06:00:00Z', duration_minutes: 30, time_zone: 'UTC', where: 'channel', location: '',
        status: 'scheduled', next: [occurrence()], ...overrides,
    };
}
