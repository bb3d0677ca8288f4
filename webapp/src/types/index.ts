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

export interface Member extends Enrollment {
    username: string;
    display_name: string;
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
