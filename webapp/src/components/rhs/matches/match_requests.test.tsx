import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import type {Match} from '../../../types';

import {match, users} from './fixtures';
import MatchRequests from './match_requests';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;
const onChanged = jest.fn();

async function show(toMe: Match[], mine: Match[] = []) {
    renderAs({}, <MatchRequests toMe={toMe} mine={mine} me='me' programName={() => 'Spring'} onChanged={onChanged}/>);
    await act(async () => {});
}

// The engine's English text, never shown for kinds the sidebar knows.
const reasons = [
    {kind: 'skill', term: 'go', points: 30, text: 'wants go — engine text'},
    {kind: 'time_zone', amount: 180, points: 10, text: '3 h time-zone overlap'},
];
const incoming = match({id: 'r1', status: 'requested', mentee_id: 'u-bo', mentor_id: 'me', message: 'Hi! Could you help with Go?', reasons, expires_at: '2026-05-02T10:00:00Z'});
const proposal = match({id: 'r2', status: 'proposed', origin: 'batch', mentee_id: 'me', mentor_id: 'u-ana', reasons});
const myRequest = match({id: 'r3', status: 'requested', mentee_id: 'me', mentor_id: 'u-cy'});

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('incoming requests and proposals show who, the message, the reasons and the deadline', async () => {
    await show([incoming, proposal]);
    const request = screen.getByTestId('request-r1');
    expect(request).toHaveTextContent('@bo asks you to be their mentor in Spring');
    expect(within(request).getByTestId('request-message')).toHaveTextContent('Hi! Could you help with Go?');
    // I am the mentor of the request, the mentee of the proposal: each says the reasons from my side.
    expect(within(request).getByTestId('reasons')).toHaveTextContent('@bo wants go; you offer it (30 points)');
    expect(within(request).getByTestId('reasons')).toHaveTextContent('3 h of shared working time (10 points)');
    expect(request).toHaveTextContent('Answer by May 2, 2026');
    expect(screen.getByTestId('request-r2')).toHaveTextContent('Proposed mentor in Spring: @ana');
    expect(within(screen.getByTestId('request-r2')).getByTestId('reasons')).toHaveTextContent('You want go; @ana offers it (30 points)');
});

test('my own request says its reasons to me as the mentee, in my language', async () => {
    renderAs({locale: 'es'}, <MatchRequests toMe={[]} mine={[{...myRequest, reasons}]} me='me' programName={() => 'Primavera'} onChanged={onChanged}/>);
    await act(async () => {});
    expect(within(screen.getByTestId('request-r3')).getByTestId('reasons')).toHaveTextContent('Quieres go; @cy lo ofrece (30 puntos)');
});

test('accept and decline post to the match and reload', async () => {
    mocked.matchAction.mockResolvedValue(match());
    await show([incoming, proposal]);
    fireEvent.click(screen.getByTestId('match-accept-r1'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(mocked.matchAction).toHaveBeenCalledWith('r1', 'accept');
    fireEvent.click(screen.getByTestId('match-decline-r2'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(mocked.matchAction).toHaveBeenLastCalledWith('r2', 'decline');
});

test('my own requests can be withdrawn, not accepted', async () => {
    mocked.matchAction.mockResolvedValue(match({status: 'withdrawn'}));
    await show([], [myRequest]);
    const card = screen.getByTestId('request-r3');
    expect(card).toHaveTextContent('You asked @cy to mentor you in Spring');
    expect(screen.queryByTestId('match-accept-r3')).toBeNull();
    fireEvent.click(screen.getByTestId('match-withdraw-r3'));
    await waitFor(() => expect(mocked.matchAction).toHaveBeenCalledWith('r3', 'withdraw'));
});

test('empty: nothing waits for me, and no "my requests" heading', async () => {
    await show([]);
    expect(screen.getByTestId('requests-to-me')).toHaveTextContent('Nothing waits for your answer.');
    expect(screen.queryByTestId('requests-mine')).toBeNull();
});

test('a refused answer is shown on its card', async () => {
    mocked.matchAction.mockRejectedValue(apiError(409, 'You already have as many mentees as your capacity.'));
    await show([incoming]);
    fireEvent.click(screen.getByTestId('match-accept-r1'));
    expect(await within(screen.getByTestId('request-r1')).findByRole('alert')).toHaveTextContent('as many mentees as your capacity');
    expect(onChanged).not.toHaveBeenCalled();
});
