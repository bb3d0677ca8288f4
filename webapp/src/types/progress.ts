// Issue 9 mirrors: goals, check-ins and feedback of a match
// (server/domain/{goal,checkin}.go, the REST shapes of server/api/{goals,checkins,feedback}.go).

export type GoalStatus = 'on_track' | 'at_risk' | 'done' | 'dropped';
export type CheckInAnswer = 'great' | 'fine' | 'struggling';

export interface Milestone {
    id: string;
    title: string;
    done: boolean;
    done_at?: string;
    done_by?: string;
}

export interface GoalUpdate {
    at: string;
    by: string;
    kind: string;
    note?: string;
    progress: number;
    status: GoalStatus;
}

export interface Goal {
    id: string;
    title: string;
    description?: string;
    measure?: string;
    due?: string;
    milestones?: Milestone[];
    progress: number;
    status: GoalStatus;
    created_by: string;
    created_at: string;
    updated_by: string;
    updated_at: string;
    progress_at: string;
    history?: GoalUpdate[];
}

export interface GoalsView {
    match_id: string;
    goals: Goal[] | null;
    can_edit: boolean;
}

export interface GoalInput {
    title: string;
    description?: string;
    measure?: string;
    due?: string;
    milestones?: string[];
    progress?: number;
}

export interface GoalPatch {
    title?: string;
    description?: string;
    measure?: string;
    due?: string;
    progress?: number;
    status?: GoalStatus;
    note?: string;
    add_milestones?: string[];
    done_milestones?: string[];
    undone_milestones?: string[];
}

export interface CheckInAnswerView {
    user_id: string;
    answer: CheckInAnswer;
    note?: string;
    at: string;
}

export interface CheckInRound {
    round: number;
    due: string;
    answers?: Record<string, CheckInAnswerView> | null;
}

export interface FeedbackItem {
    kind: 'session' | 'exit';
    session_id?: string;
    occurrence?: string;
    author_id: string;
    rating: number;
    text: string;
    shared: boolean;
    at: string;
}
