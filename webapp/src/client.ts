// One typed function per REST endpoint of the plugin. Requests go through
// Client4.getOptions, which adds X-Requested-With and, for writes, the
// X-CSRF-Token from the MMCSRF cookie that Mattermost requires.
import {Client4} from '@mattermost/client';

import {PLUGIN_ID} from './manifest';
import type {ApiError, JoinResult, Member, Membership, Program, Role, Enrollment} from './types';

const client = new Client4();

/** An error answered by the plugin, with the field it is about. */
export class RequestError extends Error {
    readonly status: number;
    readonly field?: string;
    constructor(status: number, body: ApiError) {
        super(body.error);
        this.status = status;
        this.field = body.field;
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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = {method};
    if (body !== undefined) {
        init.body = JSON.stringify(body);
    }
    const response = await fetch(apiURL(path), client.getOptions(init as Parameters<typeof client.getOptions>[0]));
    const text = await response.text();
    let data: unknown = null;
    try {
        data = text ? JSON.parse(text) : null;
    } catch {
        data = {error: text || response.statusText};
    }
    if (!response.ok) {
        throw new RequestError(response.status, (data as ApiError) ?? {error: response.statusText});
    }
    return data as T;
}

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
export const listMembers = (id: string) => request<Member[]>('GET', `/programs/${id}/members`);
export const approveMember = (id: string, userId: string) =>
    request<Enrollment>('POST', `/programs/${id}/members/${userId}/approve`);
export const declineMember = (id: string, userId: string) =>
    request<Enrollment>('POST', `/programs/${id}/members/${userId}/decline`);
export const myPrograms = () => request<Membership[]>('GET', '/me/programs');
