// Issue 9 mirrors: the resource hub (server/domain/resource.go, ResourceView of server/app/resources.go).

export type Audience = 'all' | 'mentors' | 'mentees';
export type ResourceStatus = 'published' | 'suggested' | 'rejected';
export type PackRole = 'mentor' | 'mentee' | 'peer';

export interface Resource {
    id: string;
    program_id?: string;
    title: string;
    url?: string;
    file_id?: string;
    description?: string;
    tags?: string[] | null;
    audience: Audience;
    status: ResourceStatus;
    author_id: string;
    decided_by?: string;
    created_at: string;
    updated_at: string;
    views: number;
    shares: number;
    can_edit: boolean;
    /** Counts a view and redirects; for a global resource it names the program it was opened in. */
    open_url?: string;
}

export interface ResourceList {
    items: Resource[] | null;
    total: number;
}

export interface ResourceInput {
    title: string;
    url?: string;
    description?: string;
    tags?: string[];
    audience?: Audience;
}

export interface ShareTarget {
    channel_id?: string;
    user_id?: string;
    note?: string;
}

export type OnboardingPacks = Partial<Record<PackRole, string[] | null>>;
