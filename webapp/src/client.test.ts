import {
    RequestError, bookSlot, cancelSession, confirmSession, endMatch, feedStatus, freeSlots, listSessions, proposeTime,
    publishOfficeHours, recordAttendance, revokeFeed, rotateFeed, savePreferences, scheduleSession, sendFeedback, getPreview, joinProgram, listMatches, listMembers, listPrograms, listSuggestions, matchAction,
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

test('session routes: paths, methods and bodies of the contract', async () => {
    const last = capture(200, {id: 's1'});
    await scheduleSession({match_id: 'm1', when: 'tomorrow 3pm', where: 'channel'});
    expect(last()).toEqual({url: expect.stringContaining('/api/v1/sessions'), method: 'POST', body: {match_id: 'm1', when: 'tomorrow 3pm', where: 'channel'}});
    await confirmSession('s1');
    expect(last()).toMatchObject({url: expect.stringMatching(/\/sessions\/s1\/confirm$/), method: 'POST', body: undefined});
    await cancelSession('s1', 'ill');
    expect(last()).toMatchObject({url: expect.stringMatching(/\/sessions\/s1\/cancel$/), body: {reason: 'ill'}});
    await cancelSession('s1', '', '2030-03-05T06:00:00Z');
    expect(last().body).toEqual({occurrence: '2030-03-05T06:00:00Z', reason: ''});
    await proposeTime('s1', 'friday 10am');
    expect(last()).toMatchObject({url: expect.stringMatching(/\/sessions\/s1\/propose$/), body: {when: 'friday 10am'}});
    await recordAttendance('s1', '2030-03-05T06:00:00Z', 'missed');
    expect(last()).toMatchObject({url: expect.stringMatching(/\/sessions\/s1\/attendance$/), body: {occurrence: '2030-03-05T06:00:00Z', status: 'missed'}});
    await sendFeedback('s1', {occurrence: '2030-03-05T06:00:00Z', rating: 5});
    expect(last()).toMatchObject({url: expect.stringMatching(/\/sessions\/s1\/feedback$/), body: {occurrence: '2030-03-05T06:00:00Z', rating: 5}});
    await savePreferences({snooze_weeks: 2});
    expect(last()).toMatchObject({url: expect.stringMatching(/\/api\/v1\/preferences$/), method: 'PUT', body: {snooze_weeks: 2}});
    await publishOfficeHours('p1', {windows: [], slot_minutes: 15, weeks: 8, where: 'link', location: 'https://x'});
    expect(last()).toMatchObject({url: expect.stringMatching(/\/programs\/p1\/office-hours$/), method: 'PUT'});
    await bookSlot('p1', 'u1', '2030-03-07T15:00:00Z', '');
    expect(last()).toMatchObject({url: expect.stringMatching(/\/programs\/p1\/office-hours\/bookings$/), body: {mentor_id: 'u1', start: '2030-03-07T15:00:00Z'}});
});

test('session lists take a window and unwrap their answer', async () => {
    const last = capture(200, {occurrences: null});
    expect(await listSessions()).toEqual([]);
    expect(last().url).toMatch(/\/api\/v1\/sessions$/);
    await listSessions('2030-03-01T00:00:00.000Z', '2030-03-10T00:00:00.000Z');
    expect(last().url).toContain('/sessions?from=2030-03-01T00%3A00%3A00.000Z&to=2030-03-10T00%3A00%3A00.000Z');
    capture(200, {slots: [{mentor_id: 'u1'}]});
    expect(await freeSlots('p1')).toEqual([{mentor_id: 'u1'}]);
});

test('the calendar feed: status, a new URL by POST, revoke by DELETE (204, no body)', async () => {
    let last = capture(200, {active: false});
    expect(await feedStatus()).toEqual({active: false});
    last = capture(200, {url: 'https://mm/x.ics'});
    expect(await rotateFeed()).toEqual({url: 'https://mm/x.ics'});
    expect(last()).toMatchObject({url: expect.stringMatching(/\/calendar\/feed$/), method: 'POST'});
    globalThis.fetch = jest.fn(() => Promise.resolve({ok: true, status: 204, statusText: '', text: () => Promise.resolve('')})) as unknown as typeof fetch;
    expect(await revokeFeed()).toBeNull();
});

test('a taken slot\'s 409 keeps the whole answer, with the next free slots', async () => {
    const next = [{mentor_id: 'u1', start: '2030-03-07T15:15:00Z', end: '2030-03-07T15:30:00Z', free: true}];
    capture(409, {error: 'Someone else booked it first.', field: 'start', next});
    const err = await bookSlot('p1', 'u1', '2030-03-07T15:00:00Z', '').catch((e) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect(err).toMatchObject({status: 409, field: 'start', message: 'Someone else booked it first.'});
    expect(err.body.next).toEqual(next);
});
