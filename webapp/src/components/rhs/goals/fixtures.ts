// Test data for the goals, check-ins and insight sections (imported by tests only).
import type {Goal, GoalsView} from '../../../types/progress';

export function goal(overrides: Partial<Goal> = {}): Goal {
    return {
        id: 'g1', title: 'Give a talk', progress: 0, status: 'on_track', created_by: 'me', created_at: '2026-11-01T10:00:00Z',
        updated_by: 'me', updated_at: '2026-11-01T10:00:00Z', progress_at: '2026-11-01T10:00:00Z', ...overrides,
    };
}

export const goalsView = (goals: Goal[], canEdit = true): GoalsView => ({match_id: 'm1', goals, can_edit: canEdit});
