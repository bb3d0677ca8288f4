// TypeScript mirrors of the JSON the server sends (server/domain, server/api).

export type Role = 'mentee' | 'mentor' | 'peer' | 'both';
export type EnrollmentStatus = 'pending' | 'active' | 'paused' | 'left' | 'declined';

export interface Program {
    id: string;
    team_id: string;
    name: string;
    slug: string;
    description: string;
    kind: 'one_to_one' | 'circles' | 'office_hours';
    enrollment_mode: 'open' | 'approval' | 'invite';
    matching_mode: string;
    check_in_cadence: string;
    coordinators: string[];
    start_date?: string;
    end_date?: string;
    archived: boolean;
    created_at: string;
    updated_at: string;
    can_manage?: boolean;
}

export interface Enrollment {
    program_id: string;
    user_id: string;
    role: Role;
    capacity?: number;
    goals?: string;
    status: EnrollmentStatus;
    paused_until?: string;
    joined_at: string;
}

export interface Membership {
    program: Program;
    enrollment: Enrollment;
}

export interface JoinResult {
    enrollment: Enrollment;
    created: boolean;
}

export interface ApiError {
    error: string;
    field?: string;
}

// Matching (issue 7): server/domain/{profile,match}.go, server/app/match_types.go.

export type ExperienceLevel = 'junior' | 'mid' | 'senior' | 'lead' | 'executive';

/** The profile fields a member may edit (PUT /profile); the server refuses any other. */
export interface ProfileInput {
    skills_offered: string[];
    skills_wanted: string[];
    interests: string[];
    languages: string[];
    experience_level?: ExperienceLevel | '';
    experience_years: number;
    bio?: string;
    availability_hours: number;
    location?: string;
    department?: string;
    manager_id?: string;
    dont_match?: string[];
}

export interface Profile extends ProfileInput {
    schema_version: number;
    user_id: string;
    /** Copied from the user's Mattermost settings; never typed. */
    time_zone?: string;
    updated_at?: string;
}

export type VocabularyField = 'skills' | 'interests' | 'languages';

/** One explained part of a score (server/matching.Reason); text is the server's English rendering. */
export interface Reason {
    kind: string;
    term?: string;
    amount?: number;
    points: number;
    text: string;
}

export type MatchStatus = 'draft' | 'proposed' | 'requested' | 'active' | 'paused' | 'completed' |
    'cancelled' | 'declined' | 'expired' | 'withdrawn' | 'void';

export interface Match {
    id: string;
    program_id: string;
    team_id: string;
    mentee_id: string;
    mentor_id: string;
    origin: 'batch' | 'manual' | 'request' | 'automatic';
    status: MatchStatus;
    score: number;
    reasons?: Reason[];
    /** Who said yes, by user id. */
    accepted?: Record<string, string>;
    message?: string;
    created_at: string;
    updated_at: string;
    expires_at?: string;
    activated_at?: string;
    ended_at?: string;
    end_reason?: string;
    channel_id?: string;
}

export type EndOutcome = 'completed' | 'cancelled';

export interface Suggestion {
    mentor_id: string;
    score: number;
    reasons: Reason[];
    free_capacity: number;
    capacity: number;
}

export type MatchingPolicy = 'participation' | 'quality';

export interface PreviewInput {
    policy?: MatchingPolicy;
    min_score?: number;
}

export type UnmatchedReason = 'no_capacity' | 'below_minimum' | 'constraints' | 'outscored';

export interface PreviewPair {
    mentee_id: string;
    mentor_id: string;
    score: number;
    reasons: Reason[];
}

export interface UnmatchedMentee {
    user_id: string;
    reason: UnmatchedReason;
}

/** A dry run of batch matching; pairs and unmatched hold one page. */
export interface Preview {
    id: string;
    program_id: string;
    roster_version: number;
    policy: MatchingPolicy;
    min_score: number;
    created_at: string;
    status: 'ready' | 'publishing' | 'published';
    stale: boolean;
    mentees: number;
    mentors: number;
    matched: number;
    total: number;
    average: number;
    lowest: number;
    optimal: boolean;
    pairs: PreviewPair[];
    unmatched: UnmatchedMentee[];
    page: number;
    pages: number;
    published: number;
    skipped: number;
}

/** One member on a page of a program's roster (app.MemberRow: the enrollment plus names). */
export interface MemberRow extends Enrollment {
    username: string;
    name?: string;
    /** Live matches; as a mentor, mentees taken out of capacity. */
    load: number;
}

export interface MemberPage {
    members: MemberRow[];
    page: number;
    pages: number;
    total: number;
}

/** The Mattermost user fields the sidebar shows. */
export interface UserSummary {
    id: string;
    username: string;
}
