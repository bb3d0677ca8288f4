// Issue 9 mirrors: a program's coordinator insight (server/app/insight_types.go).

export interface InsightSettings {
    no_session_days: number;
    first_meeting_days: number;
    stalled_goal_days: number;
    silent_days: number;
    low_rating: number;
    digest_day: string;
    digest_time: string;
}

export interface SessionWeek {
    week: string;
    start: string;
    held: number;
}

export interface CheckInWeek {
    week: string;
    start: string;
    great: number;
    fine: number;
    struggling: number;
}

export type RiskCode = 'no_session' | 'no_first_meeting' | 'stalled_goal' | 'low_rating' | 'struggling' | 'one_side_silent';

export interface RiskReason {
    code: RiskCode;
    days?: number;
    user_id?: string;
    rating?: number;
}

export interface AtRiskMatch {
    match_id: string;
    mentor_id: string;
    mentee_id: string;
    channel_id?: string;
    reasons: RiskReason[];
    nudged_at?: string;
}

export interface ResourceStat {
    id: string;
    title: string;
    views: number;
    shares: number;
}

export interface InsightView {
    program_id: string;
    generated_at: string;
    participants: {total: number; by_role: Record<string, number> | null; by_status: Record<string, number> | null};
    matches: {total: number; active: number; by_status: Record<string, number> | null};
    sessions: {planned: number; held: number; attendance_rate: number; per_week: SessionWeek[] | null};
    goals: {total: number; done: number; dropped: number; at_risk: number; completion_rate: number; progress_buckets: number[]};
    ratings: {average: number; count: number};
    check_ins: CheckInWeek[] | null;
    resources: {views: number; shares: number; top: ResourceStat[] | null};
    at_risk: AtRiskMatch[] | null;
    at_risk_total: number;
    settings: InsightSettings;
}

export const EXPORT_TABLES = ['members', 'matches', 'sessions', 'goals', 'checkins', 'feedback'] as const;
export type ExportTable = typeof EXPORT_TABLES[number];
