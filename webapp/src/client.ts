// One typed function per REST endpoint of the plugin. Requests go through
// Client4.getOptions, which adds X-Requested-With and, for writes, the
// X-CSRF-Token from the MMCSRF cookie that Mattermost requires.
import {Client4} from '@mattermost/client';

import {PLUGIN_ID} from './manifest';
import type {
    ApiError, EndOutcome, Enrollment, JoinResult, Match, MemberPage, Membership, Preview, PreviewInput,
    Profile, ProfileInput, Program, Role, Suggestion, UserSummary, VocabularyField,
} from './types';
import type {
    AttendanceStatus, FeedStatus, FeedbackInput, OccurrenceView, OfficeHours, OfficeHoursInput, PreferencesInput,
    PreferencesView, ScheduleInput, SessionView, Slot,
} from './types/sessions';
import type {ExportTable, InsightSettings, InsightView, AtRiskMatch} from './types/insight';
import type {CheckInAnswer, CheckInRound, FeedbackItem, Goal, GoalInput, GoalPatch, GoalsView} from './types/progress';
import type {OnboardingPacks, Resource, ResourceInput, ResourceList, ShareTarget} from './types/resources';

const client = new Client4();

/** An error answered by the plugin, with the field it is about. */
export class RequestError extends Error {
    readonly status: number;
    readonly field?: string;
    /** The whole answer, for errors that carry more (a taken slot's next free ones). */
    readonly body?: unknown;
    constructor(status: number, body: ApiError, raw?: unknown) {
        super(body.error);
        this.status = status;
        this.field = body.field;
        this.body = raw;
    }
}

let siteURL = '';

/** Sets the server's base URL (empty = same origin as the page). */
export function setSiteURL(url: string): void {
    siteURL = url.replace(/\/+$/, '');
}

function apiURL(path: string): string {
    return `${siteURL}/plugins/${PLUGIN_ID}/api/v1${path}`;
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
    const init: RequestInit = {method};
    if (body !== undefined) {
        init.body = JSON.stringify(body);
    }
    const response = await fetch(url, client.getOptions(init as Parameters<typeof client.getOptions>[0]));
    const text = await response.text();
    let data: unknown = null;
    try {
        data = text ? JSON.parse(text) : null;
    } catch {
        data = {error: text || response.statusText};
    }
    if (!response.ok) {
        // Mattermost's own API answers {message}; the plugin's {error, field}.
        const err = (data ?? {}) as ApiError & {message?: string};
        throw new RequestError(response.status, {error: err.error || err.message || response.statusText, field: err.field}, data);
    }
    return data as T;
}

const request = <T>(method: string, path: string, body?: unknown) => send<T>(method, apiURL(path), body);

function query(params: Record<string, string | number | undefined>): string {
    const parts = Object.entries(params).
        filter(([, v]) => v !== undefined && v !== '').
        map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    return parts.length ? `?${parts.join('&')}` : '';
}

// Programs and enrollments.
export const listPrograms = (teamId: string) =>
    request<Program[]>('GET', `/programs?team_id=${encodeURIComponent(teamId)}`);
export const getProgram = (id: string) => request<Program>('GET', `/programs/${id}`);
export const createProgram = (teamId: string, fields: Partial<Program>) =>
    request<Program>('POST', '/programs', {team_id: teamId, ...fields});
export const updateProgram = (id: string, fields: Partial<Program>) => request<Program>('PATCH', `/programs/${id}`, fields);
export const archiveProgram = (id: string) => request<Program>('DELETE', `/programs/${id}`);
export const joinProgram = (id: string, role: Role, extra: {capacity?: number; goals?: string} = {}) =>
    request<JoinResult>('POST', `/programs/${id}/join`, {role, ...extra});
export const leaveProgram = (id: string) => request<Enrollment>('POST', `/programs/${id}/leave`);
export const pauseProgram = (id: string, until = '') => request<Enrollment>('POST', `/programs/${id}/pause`, {until});
export const resumeProgram = (id: string) => request<Enrollment>('POST', `/programs/${id}/resume`);
export const listMembers = (id: string, page = 0, search = '') =>
    request<MemberPage>('GET', `/programs/${id}/members${query({page, q: search})}`);
export const approveMember = (id: string, userId: string) =>
    request<Enrollment>('POST', `/programs/${id}/members/${userId}/approve`);
export const declineMember = (id: string, userId: string) =>
    request<Enrollment>('POST', `/programs/${id}/members/${userId}/decline`);
export const myPrograms = () => request<Membership[]>('GET', '/me/programs');

// Profiles.
export const getProfile = () => request<Profile>('GET', '/profile');
export const saveProfile = (fields: ProfileInput) => request<Profile>('PUT', '/profile', fields);
export const vocabulary = async (programId: string, field: VocabularyField, prefix: string) =>
    (await request<{terms: string[] | null}>('GET', `/programs/${programId}/vocabulary${query({field, q: prefix})}`)).terms ?? [];

// Matches.
export const listMatches = async () => (await request<{matches: Match[] | null}>('GET', '/matches')).matches ?? [];
export type MatchAction = 'accept' | 'decline' | 'withdraw' | 'pause' | 'resume';
export const matchAction = (matchId: string, action: MatchAction) => request<Match>('POST', `/matches/${matchId}/${action}`);
export const endMatch = (matchId: string, outcome: EndOutcome, reason: string) =>
    request<Match>('POST', `/matches/${matchId}/end`, {outcome, reason});
export const listSuggestions = async (programId: string) =>
    (await request<{suggestions: Suggestion[] | null}>('GET', `/programs/${programId}/suggestions`)).suggestions ?? [];
export const requestMentor = (programId: string, mentorId: string, message: string) =>
    request<Match>('POST', `/programs/${programId}/requests`, message ? {mentor_id: mentorId, message} : {mentor_id: mentorId});

// Batch matching (coordinators).
export const runPreview = (programId: string, input: PreviewInput) => request<Preview>('POST', `/programs/${programId}/preview`, input);
/** The program's latest preview at a page, or null when it has none. */
export const getPreview = async (programId: string, page = 0): Promise<Preview | null> => {
    try {
        return await request<Preview>('GET', `/programs/${programId}/preview${query({page})}`);
    } catch (e) {
        if (e instanceof RequestError && e.status === 404) {
            return null;
        }
        throw e;
    }
};
export const publishPreview = (programId: string, previewId: string) =>
    request<Preview>('POST', `/programs/${programId}/publish`, {preview_id: previewId});

// Sessions (issue 8). An occurrence of a series is named by its original start.
export const listSessions = async (from?: string, to?: string, limit?: number) =>
    (await request<{occurrences: OccurrenceView[] | null}>('GET', `/sessions${query({from, to, limit})}`)).occurrences ?? [];
export const getSession = (id: string) => request<SessionView>('GET', `/sessions/${id}`);
export const scheduleSession = (input: ScheduleInput) => request<SessionView>('POST', '/sessions', input);
export const cancelSession = (id: string, reason: string, occurrence?: string) =>
    request<SessionView>('POST', `/sessions/${id}/cancel`, occurrence ? {occurrence, reason} : {reason});
export const confirmSession = (id: string) => request<SessionView>('POST', `/sessions/${id}/confirm`);
export const proposeTime = (id: string, when: string, occurrence?: string) =>
    request<SessionView>('POST', `/sessions/${id}/propose`, occurrence ? {occurrence, when} : {when});
export const takeProposal = (id: string) => request<SessionView>('POST', `/sessions/${id}/take-proposal`);
export const recordAttendance = (id: string, occurrence: string, status: AttendanceStatus) =>
    request<SessionView>('POST', `/sessions/${id}/attendance`, {occurrence, status});
export const sendFeedback = (id: string, input: FeedbackInput) => request<SessionView>('POST', `/sessions/${id}/feedback`, input);

// Reminders and the calendar feed.
export const getPreferences = () => request<PreferencesView>('GET', '/preferences');
export const savePreferences = (input: PreferencesInput) => request<PreferencesView>('PUT', '/preferences', input);
export const feedStatus = () => request<FeedStatus>('GET', '/calendar/feed');
/** Makes a new feed URL (the old one stops working); the server shows it this once. */
export const rotateFeed = () => request<{url: string}>('POST', '/calendar/feed');
export const revokeFeed = () => request<null>('DELETE', '/calendar/feed');

// Office hours.
/** My office hours in a program (an unpublished record when I never published). */
export const myOfficeHours = (programId: string) => request<OfficeHours>('GET', `/programs/${programId}/office-hours`);
export const publishOfficeHours = (programId: string, input: OfficeHoursInput) =>
    request<OfficeHours>('PUT', `/programs/${programId}/office-hours`, input);
export const unpublishOfficeHours = (programId: string) => request<OfficeHours>('DELETE', `/programs/${programId}/office-hours`);
export const freeSlots = async (programId: string, mentorId = '', from?: string, days?: number) =>
    (await request<{slots: Slot[] | null}>('GET', `/programs/${programId}/office-hours/slots${query({mentor_id: mentorId, from, days})}`)).slots ?? [];
/** Books a slot; a taken one fails with 409 and the next free slots in the error's body.next. */
export const bookSlot = (programId: string, mentorId: string, start: string, agenda: string) =>
    request<SessionView>('POST', `/programs/${programId}/office-hours/bookings`, agenda ? {mentor_id: mentorId, start, agenda} : {mentor_id: mentorId, start});

// Goals (issue 9).
export const listGoals = (matchId: string) => request<GoalsView>('GET', `/matches/${matchId}/goals`);
export const addGoal = (matchId: string, input: GoalInput) => request<Goal>('POST', `/matches/${matchId}/goals`, input);
export const updateGoal = (matchId: string, goalId: string, patch: GoalPatch) =>
    request<Goal>('PATCH', `/matches/${matchId}/goals/${goalId}`, patch);
export const goalDone = (matchId: string, goalId: string, note: string) =>
    request<Goal>('POST', `/matches/${matchId}/goals/${goalId}/done`, note ? {note} : {});

// Check-ins and feedback.
export const listCheckIns = async (matchId: string) =>
    (await request<{rounds: CheckInRound[] | null}>('GET', `/matches/${matchId}/checkins`)).rounds ?? [];
export const answerCheckIn = (matchId: string, answer: CheckInAnswer, note: string, round?: number) =>
    request<CheckInRound>('POST', `/matches/${matchId}/checkins`, {answer, ...(note ? {note} : {}), ...(round ? {round} : {})});
export const listFeedback = async (matchId: string) =>
    (await request<{items: FeedbackItem[] | null}>('GET', `/matches/${matchId}/feedback`)).items ?? [];

// Coordinator insight.
export const getInsight = (programId: string) => request<InsightView>('GET', `/programs/${programId}/insight`);
export const listAtRisk = (programId: string, page = 0, perPage = 20) =>
    request<{items: AtRiskMatch[] | null; total: number}>('GET', `/programs/${programId}/at-risk${query({page, per_page: perPage})}`);
/** Nudges a pair; a pair nudged in the last 24 hours answers 409. */
export const nudgeMatch = (programId: string, matchId: string, note = '') =>
    request<{nudged_at: string}>('POST', `/programs/${programId}/at-risk/${matchId}/nudge`, note ? {note} : {});
export const getInsightSettings = (programId: string) => request<InsightSettings>('GET', `/programs/${programId}/insight-settings`);
export const saveInsightSettings = (programId: string, settings: InsightSettings) =>
    request<InsightSettings>('PUT', `/programs/${programId}/insight-settings`, settings);
/** Where a table's CSV downloads from (a plain link: GETs carry the session cookie). */
export const exportURL = (programId: string, table: ExportTable) => apiURL(`/programs/${programId}/export/${table}.csv`);

// Resource hub.
export const listResources = (programId: string, q = '', tag = '') =>
    request<ResourceList>('GET', `/programs/${programId}/resources${query({q, tag})}`);
export const recommendedResources = async (programId: string) =>
    (await request<ResourceList>('GET', `/programs/${programId}/resources/recommended`)).items ?? [];
export const suggestedResources = async (programId: string) =>
    (await request<ResourceList>('GET', `/programs/${programId}/resources/suggested`)).items ?? [];
/** A coordinator's addition is published at once; a member's is a suggestion. */
export const addResource = (programId: string, input: ResourceInput) => request<Resource>('POST', `/programs/${programId}/resources`, input);
export const editResource = (id: string, input: Partial<ResourceInput>) => request<Resource>('PATCH', `/resources/${id}`, input);
export const removeResource = (id: string) => request<null>('DELETE', `/resources/${id}`);
export const decideResource = (id: string, decision: 'approve' | 'reject') => request<Resource>('POST', `/resources/${id}/${decision}`);
export const shareResource = (id: string, target: ShareTarget) => request<Resource>('POST', `/resources/${id}/share`, target);
/** Opening goes through the plugin so the view is counted; it redirects to the link or file. */
export const openResourceURL = (id: string) => apiURL(`/resources/${id}/open`);
export const getPacks = (programId: string) => request<OnboardingPacks>('GET', `/programs/${programId}/onboarding-packs`);
export const savePacks = (programId: string, packs: OnboardingPacks) => request<OnboardingPacks>('PUT', `/programs/${programId}/onboarding-packs`, packs);

// Share targets, resolved through Mattermost's own API.
export const channelByName = (teamId: string, name: string) =>
    send<{id: string}>('GET', `${siteURL}/api/v4/teams/${teamId}/channels/name/${encodeURIComponent(name)}`);
export const userByUsername = (username: string) =>
    send<{id: string}>('GET', `${siteURL}/api/v4/users/username/${encodeURIComponent(username)}`);

/** Mattermost users by id (usernames for partners, suggestions and previews). */
export const usersByIds = (ids: string[]) => send<UserSummary[]>('POST', `${siteURL}/api/v4/users/ids`, ids);
