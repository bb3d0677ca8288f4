// Test data for the insight view (imported by tests only).
import type {InsightView} from '../../../types/insight';

export function insightView(overrides: Partial<InsightView> = {}): InsightView {
    return {
        program_id: 'p1',
        generated_at: '2026-11-27T10:00:00Z',
        participants: {total: 12, by_role: {mentor: 5, mentee: 7}, by_status: {active: 10, paused: 2}},
        matches: {total: 6, active: 5, by_status: {active: 5, completed: 1}},
        sessions: {
            planned: 10, held: 8, attendance_rate: 0.8,
            per_week: [
                {week: '2026-W46', start: '2026-11-09', held: 1},
                {week: '2026-W47', start: '2026-11-16', held: 4},
                {week: '2026-W48', start: '2026-11-23', held: 2},
            ],
        },
        goals: {total: 9, done: 3, dropped: 0, at_risk: 1, completion_rate: 1 / 3, progress_buckets: [2, 0, 1, 3, 0]},
        ratings: {average: 4.25, count: 4},
        check_ins: [
            {week: '2026-W47', start: '2026-11-16', great: 2, fine: 1, struggling: 1},
            {week: '2026-W48', start: '2026-11-23', great: 1, fine: 0, struggling: 0},
        ],
        resources: {views: 17, shares: 3, top: []},
        at_risk: [],
        at_risk_total: 0,
        settings: {no_session_days: 21, first_meeting_days: 14, stalled_goal_days: 21, silent_days: 7, low_rating: 2, digest_day: 'mon', digest_time: '09:00'},
        ...overrides,
    };
}
