import {RequestError, joinProgram, listPrograms, setSiteURL} from './client';

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
