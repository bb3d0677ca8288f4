import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {requestRefresh} from '../../../refresh';
import {type Reader, apiError, autoZone, renderAs} from '../../../test_utils';
import type {OccurrenceView} from '../../../types/sessions';
import {users} from '../matches/fixtures';

import {occurrence, sessionView} from './fixtures';
import UpcomingSessions from './upcoming_sessions';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const ID = 's1-20300305T060000Z';

async function show(list: OccurrenceView[], reader: Reader = {}) {
    mocked.listSessions.mockResolvedValue(list);
    renderAs(reader, <UpcomingSessions me='me'/>);
    await act(async () => {});
}

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
    delete window.WebappUtils;
});

test('each occurrence is shown in the viewer\'s own time zone', async () => {
    await show([occurrence()], {timezone: autoZone('Asia/Tokyo')});
    const card = screen.getByTestId(`occurrence-${ID}`);
    expect(card).toHaveTextContent('Career chat');
    expect(within(card).getByTestId('occurrence-time')).toHaveTextContent(/^Tue, Mar 5, 3:00\sPM – 3:30\sPM GMT\+9$/);
    expect(await within(card).findByText('@ana')).toBeInTheDocument();
    expect(card).toHaveTextContent('With @ana');
});

test('the same occurrence read from New York is at 1 AM, in EST', async () => {
    await show([occurrence()], {timezone: autoZone('America/New_York')});
    expect(screen.getByTestId('occurrence-time')).toHaveTextContent(/^Tue, Mar 5, 1:00\sAM – 1:30\sAM EST$/);
});

test('a late one read from Tokyo moves to the next day', async () => {
    await show([occurrence({start: '2030-03-05T16:00:00Z', end: '2030-03-05T17:00:00Z'})], {timezone: autoZone('Asia/Tokyo')});
    expect(screen.getByTestId('occurrence-time')).toHaveTextContent(/^Wed, Mar 6, 1:00\sAM – 2:00\sAM GMT\+9$/);
});

test('where: a join link, the pair\'s channel, or the place; never a script link', async () => {
    await show([
        occurrence({session_id: 'a', where: 'link', location: 'https://meet.example/abc', channel_id: undefined}),
        occurrence({session_id: 'b', where: 'channel', channel_id: 'c9'}),
        occurrence({session_id: 'c', where: 'place', location: 'Room 4', channel_id: undefined}),
        occurrence({session_id: 'd', where: 'link', location: 'javascript:alert(1)', channel_id: undefined}),
    ]);
    const join = screen.getByTestId('occurrence-where-a-20300305T060000Z');
    expect(join).toHaveAttribute('href', 'https://meet.example/abc');
    expect(join).toHaveAttribute('rel', 'noopener noreferrer');
    expect(join).toHaveTextContent('Join');
    const channel = screen.getByTestId('occurrence-where-b-20300305T060000Z');
    expect(channel).toHaveAttribute('href', '/acme/channels/c9');
    expect(channel).toHaveTextContent('Open the pair\'s channel');
    expect(screen.getByTestId('occurrence-where-c-20300305T060000Z')).toHaveTextContent('In person: Room 4');
    const unsafe = screen.getByTestId('occurrence-where-d-20300305T060000Z');
    expect(unsafe.tagName).toBe('SPAN');
    expect(unsafe).not.toHaveAttribute('href');
});

test('the channel link switches channels inside Mattermost', async () => {
    const push = jest.fn();
    window.WebappUtils = {browserHistory: {push}};
    await show([occurrence()]);
    fireEvent.click(screen.getByTestId(`occurrence-where-${ID}`));
    expect(push).toHaveBeenCalledWith('/acme/channels/c1');
});

test('Confirm shows only while my answer is pending, posts it and reloads', async () => {
    mocked.confirmSession.mockResolvedValue(sessionView());
    await show([
        occurrence({responses: {me: 'pending', 'u-ana': 'confirmed'}}),
        occurrence({session_id: 's2', responses: {me: 'confirmed', 'u-ana': 'pending'}}),
    ]);
    expect(screen.queryByTestId('occurrence-confirm-s2-20300305T060000Z')).toBeNull();
    expect(screen.getByTestId('occurrence-waiting-s2-20300305T060000Z')).toHaveTextContent('Waiting for @ana to confirm');
    fireEvent.click(screen.getByTestId(`occurrence-confirm-${ID}`));
    await waitFor(() => expect(mocked.listSessions).toHaveBeenCalledTimes(2));
    expect(mocked.confirmSession).toHaveBeenCalledWith('s1');
});

test('cancel asks for a reason; for a series, this occurrence or all of it', async () => {
    mocked.cancelSession.mockResolvedValue(sessionView());
    await show([occurrence({recurring: true}), occurrence({session_id: 's2'})]);

    fireEvent.click(screen.getByTestId(`occurrence-cancel-${ID}`));
    fireEvent.change(screen.getByTestId(`session-cancel-${ID}-reason`), {target: {value: ' sick today '}});
    fireEvent.click(screen.getByTestId(`session-cancel-${ID}-submit`));
    await waitFor(() => expect(mocked.cancelSession).toHaveBeenCalledWith('s1', 'sick today', '2030-03-05T06:00:00Z'));
    await waitFor(() => expect(screen.queryByTestId(`session-cancel-${ID}`)).toBeNull());

    fireEvent.click(screen.getByTestId(`occurrence-cancel-${ID}`));
    fireEvent.click(screen.getByTestId(`session-cancel-${ID}-series`));
    fireEvent.click(screen.getByTestId(`session-cancel-${ID}-submit`));
    await waitFor(() => expect(mocked.cancelSession).toHaveBeenLastCalledWith('s1', '', undefined));

    // A one-off session has no choice to make: cancelling it cancels it.
    fireEvent.click(screen.getByTestId('occurrence-cancel-s2-20300305T060000Z'));
    expect(screen.queryByTestId('session-cancel-s2-20300305T060000Z-series')).toBeNull();
    fireEvent.click(screen.getByTestId('session-cancel-s2-20300305T060000Z-submit'));
    await waitFor(() => expect(mocked.cancelSession).toHaveBeenLastCalledWith('s2', '', undefined));
});

test('propose another time sends the phrase; a refusal shows the server\'s examples', async () => {
    mocked.proposeTime.mockRejectedValueOnce(apiError(400, 'Could not read "whenever".\nTry: tomorrow 3pm, next tuesday 9:30', 'when'));
    mocked.proposeTime.mockResolvedValue(sessionView());
    await show([occurrence()]);
    fireEvent.click(screen.getByTestId(`occurrence-propose-${ID}`));
    const form = screen.getByTestId(`session-propose-${ID}`);
    fireEvent.change(screen.getByTestId(`session-propose-${ID}-when`), {target: {value: 'whenever'}});
    fireEvent.click(screen.getByTestId(`session-propose-${ID}-submit`));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Try: tomorrow 3pm, next tuesday 9:30');
    fireEvent.change(screen.getByTestId(`session-propose-${ID}-when`), {target: {value: ' tomorrow 3pm '}});
    fireEvent.click(screen.getByTestId(`session-propose-${ID}-submit`));
    await waitFor(() => expect(screen.queryByTestId(`session-propose-${ID}`)).toBeNull());
    expect(mocked.proposeTime).toHaveBeenLastCalledWith('s1', 'tomorrow 3pm', undefined);
});

test('proposing for a series moves only that occurrence', async () => {
    mocked.proposeTime.mockResolvedValue(sessionView());
    await show([occurrence({recurring: true})]);
    fireEvent.click(screen.getByTestId(`occurrence-propose-${ID}`));
    fireEvent.change(screen.getByTestId(`session-propose-${ID}-when`), {target: {value: 'friday 10am'}});
    fireEvent.click(screen.getByTestId(`session-propose-${ID}-submit`));
    await waitFor(() => expect(mocked.proposeTime).toHaveBeenCalledWith('s1', 'friday 10am', '2030-03-05T06:00:00Z'));
});

test('a time my partner proposed can be seen and taken', async () => {
    mocked.getSession.mockResolvedValue(sessionView({proposal: {by: 'u-ana', start: '2030-03-07T09:00:00Z', at: ''}}));
    mocked.takeProposal.mockResolvedValue(sessionView());
    await show([occurrence({responses: {me: 'confirmed', 'u-ana': 'proposed'}})], {timezone: autoZone('UTC')});
    expect(screen.getByTestId(`occurrence-${ID}`)).toHaveTextContent('@ana proposed another time.');
    fireEvent.click(screen.getByTestId(`occurrence-proposal-${ID}-review`));
    expect(await screen.findByText(/Proposed: Thu, Mar 7, 9:00\sAM/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(`occurrence-proposal-${ID}-take`));
    await waitFor(() => expect(mocked.takeProposal).toHaveBeenCalledWith('s1'));
    await waitFor(() => expect(mocked.listSessions).toHaveBeenCalledTimes(2));
});

test('a refused confirm says why and keeps the list', async () => {
    mocked.confirmSession.mockRejectedValue(apiError(409, 'This session was cancelled.'));
    await show([occurrence({responses: {me: 'pending'}})]);
    fireEvent.click(screen.getByTestId(`occurrence-confirm-${ID}`));
    expect(await within(screen.getByTestId(`occurrence-${ID}`)).findByRole('alert')).toHaveTextContent('This session was cancelled.');
    expect(mocked.listSessions).toHaveBeenCalledTimes(1);
});

test('loading, empty and error states; the change event reloads', async () => {
    let resolve: (v: OccurrenceView[]) => void = () => {};
    mocked.listSessions.mockReturnValueOnce(new Promise((r) => {
        resolve = r;
    }));
    renderAs({}, <UpcomingSessions me='me'/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading your sessions…');
    await act(async () => resolve([]));
    expect(screen.getByTestId('empty')).toHaveTextContent('No sessions planned.');

    mocked.listSessions.mockRejectedValueOnce(new Error('boom'));
    await act(async () => requestRefresh());
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load your sessions: boom');

    mocked.listSessions.mockResolvedValue([occurrence()]);
    await act(async () => requestRefresh());
    expect(screen.getByTestId(`occurrence-${ID}`)).toBeInTheDocument();
});

test('Spanish', async () => {
    await show([occurrence({responses: {me: 'pending'}, recurring: true, title: ''})], {locale: 'es', timezone: autoZone('Europe/Madrid')});
    const card = screen.getByTestId(`occurrence-${ID}`);
    expect(card).toHaveTextContent('Sesión de mentoría');
    expect(card).toHaveTextContent('Se repite');
    expect(screen.getByTestId('occurrence-time')).toHaveTextContent(/^mar, 5 mar, 7:00 – 7:30 CET$/);
    expect(screen.getByTestId(`occurrence-confirm-${ID}`)).toHaveTextContent('Confirmar');
    expect(screen.getByTestId(`occurrence-propose-${ID}`)).toHaveTextContent('Proponer otra hora');
});
