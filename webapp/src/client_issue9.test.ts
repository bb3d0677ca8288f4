// The issue 9 endpoints: paths, methods and bodies as the contract names them.
import {
    addGoal, addResource, answerCheckIn, channelByName, decideResource, exportURL, getInsight, goalDone, listAtRisk,
    listCheckIns, listFeedback, listGoals, listResources, nudgeMatch, openResourceURL, savePacks, saveInsightSettings,
    shareResource, updateGoal, userByUsername, setSiteURL,
} from './client';

function respond(status: number, body: unknown) {
    return Promise.resolve({ok: status < 400, status, statusText: '', text: () => Promise.resolve(JSON.stringify(body))});
}

function capture(status: number, body: unknown) {
    const fetchMock = jest.fn((_url: string, _init: RequestInit) => respond(status, body));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    return () => {
        const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1];
        return {url: url.replace('http://mm.example/plugins/mentorship/api/v1', ''), method: init.method, body: init.body ? JSON.parse(init.body as string) : undefined};
    };
}

beforeEach(() => setSiteURL('http://mm.example'));

test('goals: list, add, patch and done', async () => {
    const last = capture(200, {match_id: 'm1', goals: [], can_edit: true});
    await listGoals('m1');
    expect(last()).toEqual({url: '/matches/m1/goals', method: 'GET', body: undefined});
    await addGoal('m1', {title: 'Speak up', milestones: ['one']});
    expect(last()).toEqual({url: '/matches/m1/goals', method: 'POST', body: {title: 'Speak up', milestones: ['one']}});
    await updateGoal('m1', 'g1', {done_milestones: ['ms1']});
    expect(last()).toEqual({url: '/matches/m1/goals/g1', method: 'PATCH', body: {done_milestones: ['ms1']}});
    await goalDone('m1', 'g1', '');
    expect(last()).toEqual({url: '/matches/m1/goals/g1/done', method: 'POST', body: {}});
    await goalDone('m1', 'g1', 'shipped');
    expect(last().body).toEqual({note: 'shipped'});
});

test('check-ins and feedback: lists default to empty, an answer names its round only when known', async () => {
    let last = capture(200, {rounds: null});
    expect(await listCheckIns('m1')).toEqual([]);
    await answerCheckIn('m1', 'fine', '', undefined);
    expect(last()).toEqual({url: '/matches/m1/checkins', method: 'POST', body: {answer: 'fine'}});
    await answerCheckIn('m1', 'struggling', 'busy', 3);
    expect(last().body).toEqual({answer: 'struggling', note: 'busy', round: 3});
    last = capture(200, {items: null});
    expect(await listFeedback('m1')).toEqual([]);
    expect(last().url).toBe('/matches/m1/feedback');
});

test('insight: view, at-risk pages, nudge, settings and the CSV links', async () => {
    const last = capture(200, {});
    await getInsight('p1');
    expect(last().url).toBe('/programs/p1/insight');
    await listAtRisk('p1', 2, 10);
    expect(last().url).toBe('/programs/p1/at-risk?page=2&per_page=10');
    await nudgeMatch('p1', 'm1');
    expect(last()).toEqual({url: '/programs/p1/at-risk/m1/nudge', method: 'POST', body: {}});
    const settings = {no_session_days: 21, first_meeting_days: 14, stalled_goal_days: 21, silent_days: 7, low_rating: 2, digest_day: 'mon', digest_time: '09:00'};
    await saveInsightSettings('p1', settings);
    expect(last()).toEqual({url: '/programs/p1/insight-settings', method: 'PUT', body: settings});
    expect(exportURL('p1', 'checkins')).toBe('http://mm.example/plugins/mentorship/api/v1/programs/p1/export/checkins.csv');
});

test('resources: search, add, decide, share, packs and the counted open link', async () => {
    const last = capture(200, {items: [], total: 0});
    await listResources('p1', 'public speaking', 'career');
    expect(last().url).toBe('/programs/p1/resources?q=public%20speaking&tag=career');
    await listResources('p1');
    expect(last().url).toBe('/programs/p1/resources');
    await addResource('p1', {title: 'T', url: 'https://x.example'});
    expect(last()).toEqual({url: '/programs/p1/resources', method: 'POST', body: {title: 'T', url: 'https://x.example'}});
    await decideResource('r1', 'approve');
    expect(last()).toEqual({url: '/resources/r1/approve', method: 'POST', body: undefined});
    await shareResource('r1', {channel_id: 'c1'});
    expect(last()).toEqual({url: '/resources/r1/share', method: 'POST', body: {channel_id: 'c1'}});
    await savePacks('p1', {mentor: ['r1'], mentee: [], peer: []});
    expect(last()).toEqual({url: '/programs/p1/onboarding-packs', method: 'PUT', body: {mentor: ['r1'], mentee: [], peer: []}});
    expect(openResourceURL('r1')).toBe('http://mm.example/plugins/mentorship/api/v1/resources/r1/open');
});

test('share targets are looked up through Mattermost\'s API', async () => {
    const fetchMock = jest.fn((_url: string) => respond(200, {id: 'x'}));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    await channelByName('t1', 'town-square');
    await userByUsername('ana');
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
        'http://mm.example/api/v4/teams/t1/channels/name/town-square',
        'http://mm.example/api/v4/users/username/ana',
    ]);
});
