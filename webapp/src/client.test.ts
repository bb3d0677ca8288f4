import {
    RequestError, endMatch, getPreview, joinProgram, listMatches, listMembers, listPrograms, listSuggestions, matchAction,
    publishPreview, requestMentor, saveProfile, setSiteURL, usersByIds, vocabulary,
} from './client';

function respond(status: number, body: unknown) {
    return Promise.resolve({ok: status < 400, status, statusText: '', text: () => Promise.resolve(JSON.stringify(body))});
}

beforeEach(() => {
    document.cookie = 'MMCSRF=csrf-token-123';
    setSiteURL('http://mm.example/');
});

test('writes carry the CSRF token and a JSON body', async () => {
    const fetchMock = jest.fn(() => respond(201, {created: true, enrollment: {}}));
    globalThis.fetch = fetchMock as unknown as typeof fetch;

    await joinProgram('p1', 'mentee');

    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit & {headers: Record<string, string>}];
    expect(url).toBe('http://mm.example/plugins/mentorship/api/v1/programs/p1/join');
    expect(init.method).toBe('POST');
    expect(init.headers['X-CSRF-Token']).toBe('csrf-token-123');
    expect(init.headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(JSON.parse(init.body as string)).toEqual({role: 'mentee'});
});

test('reads do not send the CSRF token', async () => {
    const fetchMock = jest.fn(() => respond(200, []));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    await listPrograms('team 1');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, {headers: Record<string, string>}];
    expect(url).toContain('/programs?team_id=team%201');
    expect(init.headers['X-CSRF-Token']).toBeUndefined();
});

test('an error answer becomes a RequestError with status and field', async () => {
    globalThis.fetch = jest.fn(() => respond(400, {error: 'The program needs a name.', field: 'name'})) as unknown as typeof fetch;
    const err = await joinProgram('p1', 'mentee').catch((e) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect(err.status).toBe(400);
    expect(err.field).toBe('name');
    expect(err.message).toBe('The program needs a name.');
});

function capture(status: number, body: unknown) {
    const fetchMock = jest.fn((_url: string, _init: RequestInit) => respond(status, body));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    return () => {
        const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1];
        return {url, method: init.method, body: init.body ? JSON.parse(init.body as string) : undefined};
    };
}

test('member pages carry the page and the search, encoded', async () => {
    const last = capture(200, {members: [], page: 2, pages: 3, total: 0});
    await listMembers('p1', 2, 'ana maría');
    expect(last().url).toBe('http://mm.example/plugins/mentorship/api/v1/programs/p1/members?page=2&q=ana%20mar%C3%ADa');
    await listMembers('p1');
    expect(last().url).toBe('http://mm.example/plugins/mentorship/api/v1/programs/p1/members?page=0');
});

test('vocabulary asks by field and prefix and answers the terms', async () => {
    const last = capture(200, {terms: ['go', 'golang']});
    expect(await vocabulary('p1', 'skills', 'go')).toEqual(['go', 'golang']);
    expect(last().url).toContain('/programs/p1/vocabulary?field=skills&q=go');
});

test('match actions and requests post where the contract says', async () => {
    const last = capture(200, {id: 'm1'});
    await matchAction('m1', 'accept');
    expect(last()).toMatchObject({url: expect.stringContaining('/matches/m1/accept'), method: 'POST'});
    await endMatch('m1', 'cancelled', 'moved');
    expect(last()).toMatchObject({url: expect.stringContaining('/matches/m1/end'), body: {outcome: 'cancelled', reason: 'moved'}});
    await requestMentor('p1', 'u1', '');
    expect(last()).toMatchObject({url: expect.stringContaining('/programs/p1/requests'), body: {mentor_id: 'u1'}});
    await requestMentor('p1', 'u1', 'hello');
    expect(last().body).toEqual({mentor_id: 'u1', message: 'hello'});
    await publishPreview('p1', 'pv1');
    expect(last()).toMatchObject({url: expect.stringContaining('/programs/p1/publish'), body: {preview_id: 'pv1'}});
    await saveProfile({skills_offered: [], skills_wanted: [], interests: [], languages: [], experience_years: 0, availability_hours: 0});
    expect(last()).toMatchObject({url: expect.stringContaining('/api/v1/profile'), method: 'PUT'});
});

test('lists are unwrapped, and a null list is empty', async () => {
    capture(200, {matches: null});
    expect(await listMatches()).toEqual([]);
    capture(200, {suggestions: [{mentor_id: 'u1'}]});
    expect(await listSuggestions('p1')).toEqual([{mentor_id: 'u1'}]);
});

test('no preview yet (404) is null; other errors are thrown', async () => {
    const last = capture(404, {error: 'Spring has no preview yet.'});
    expect(await getPreview('p1', 1)).toBeNull();
    expect(last().url).toContain('/programs/p1/preview?page=1');
    capture(403, {error: 'Only coordinators.'});
    await expect(getPreview('p1')).rejects.toMatchObject({status: 403, message: 'Only coordinators.'});
});

test('usernames come from Mattermost\'s own API; its errors keep their message', async () => {
    const last = capture(200, [{id: 'u1', username: 'ana'}]);
    expect(await usersByIds(['u1'])).toEqual([{id: 'u1', username: 'ana'}]);
    expect(last()).toEqual({url: 'http://mm.example/api/v4/users/ids', method: 'POST', body: ['u1']});
    capture(401, {message: 'Invalid or expired session'});
    await expect(usersByIds(['u1'])).rejects.toMatchObject({status: 401, message: 'Invalid or expired session'});
});
