import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import type {Match} from '../../../types';

import {match, users} from './fixtures';
import MyMatches from './my_matches';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const onChanged = jest.fn();

// Renders, then lets the username lookup land inside act.
async function show(matches: Match[], locale?: string) {
    renderAs({locale}, <MyMatches matches={matches} me='me' programName={(id) => (id === 'p1' ? 'Spring' : id)} onChanged={onChanged}/>);
    await act(async () => {});
}

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
    delete window.WebappUtils;
});

test('shows the partner by username, the program, the status and the channel link', async () => {
    await show([match({channel_id: 'c1'}), match({id: 'm2', mentee_id: 'u-bo', mentor_id: 'me', status: 'paused'})]);
    const first = screen.getByTestId('match-m1');
    expect(await within(first).findByText('@ana')).toBeInTheDocument();
    expect(first).toHaveTextContent('Your mentor: @ana');
    expect(first).toHaveTextContent('Spring · Active');
    expect(screen.getByTestId('match-channel-m1')).toHaveAttribute('href', '/acme/channels/c1');
    const second = screen.getByTestId('match-m2');
    expect(await within(second).findByText('@bo')).toBeInTheDocument();
    expect(second).toHaveTextContent('Your mentee: @bo');
    expect(second).toHaveTextContent('Paused');
    // One request for both names.
    expect(mocked.usersByIds).toHaveBeenCalledTimes(1);
    expect(mocked.usersByIds.mock.calls[0][0].sort()).toEqual(['u-ana', 'u-bo']);
});

test('each match says why the pair fits from my side of it', async () => {
    const reasons = [{kind: 'experience', amount: 4, points: 8, text: 'engine text'}];
    await show([match({reasons}), match({id: 'm2', mentee_id: 'u-bo', mentor_id: 'me', reasons})]);
    expect(await within(screen.getByTestId('match-m1')).findByText('@ana has 4 more years of experience', {exact: false})).toBeInTheDocument();
    expect(within(screen.getByTestId('match-m2')).getByTestId('reasons')).toHaveTextContent('You have 4 more years of experience than @bo (8 points)');
});

test('the channel link switches channels inside Mattermost without reloading', async () => {
    const push = jest.fn();
    window.WebappUtils = {browserHistory: {push}};
    await show([match({channel_id: 'c1'})]);
    fireEvent.click(screen.getByTestId('match-channel-m1'));
    expect(push).toHaveBeenCalledWith('/acme/channels/c1');
});

test('empty state', async () => {
    await show([]);
    expect(screen.getByTestId('empty')).toHaveTextContent('No matches yet.');
});

test('pause and resume post to the match and reload', async () => {
    mocked.matchAction.mockResolvedValue(match({status: 'paused'}));
    await show([match(), match({id: 'm2', status: 'paused'})]);
    expect(screen.queryByTestId('match-resume-m1')).toBeNull();
    fireEvent.click(screen.getByTestId('match-pause-m1'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(mocked.matchAction).toHaveBeenCalledWith('m1', 'pause');

    expect(screen.queryByTestId('match-pause-m2')).toBeNull();
    fireEvent.click(screen.getByTestId('match-resume-m2'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(mocked.matchAction).toHaveBeenLastCalledWith('m2', 'resume');
});

test('end asks for the outcome and a reason, then posts them', async () => {
    mocked.endMatch.mockResolvedValue(match({status: 'cancelled'}));
    await show([match()]);
    fireEvent.click(screen.getByTestId('match-end-m1'));
    expect(screen.queryByTestId('match-pause-m1')).toBeNull();
    fireEvent.change(screen.getByTestId('match-end-outcome-m1'), {target: {value: 'cancelled'}});
    fireEvent.change(screen.getByTestId('match-end-reason-m1'), {target: {value: '  moved teams '}});
    fireEvent.click(screen.getByTestId('match-end-submit-m1'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(mocked.endMatch).toHaveBeenCalledWith('m1', 'cancelled', 'moved teams');
    expect(screen.queryByTestId('match-end-form-m1')).toBeNull();
});

test('end can be cancelled without a request', async () => {
    await show([match()]);
    fireEvent.click(screen.getByTestId('match-end-m1'));
    fireEvent.click(screen.getByTestId('match-end-cancel-m1'));
    expect(screen.queryByTestId('match-end-form-m1')).toBeNull();
    expect(mocked.endMatch).not.toHaveBeenCalled();
});

test('a refused action shows the server\'s reason and changes nothing', async () => {
    mocked.matchAction.mockRejectedValue(apiError(409, 'This match is already paused.'));
    mocked.endMatch.mockRejectedValue(apiError(400, 'Say why the match is cancelled.', 'reason'));
    await show([match()]);
    fireEvent.click(screen.getByTestId('match-pause-m1'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This match is already paused.');
    fireEvent.click(screen.getByTestId('match-end-m1'));
    fireEvent.click(screen.getByTestId('match-end-submit-m1'));
    expect(await within(screen.getByTestId('match-end-form-m1')).findByRole('alert')).toHaveTextContent('Say why the match is cancelled.');
    expect(onChanged).not.toHaveBeenCalled();
});

test('ended matches show their reason and offer no actions', async () => {
    await show([match({status: 'completed', end_reason: 'Goals reached', channel_id: 'c1'})]);
    const card = screen.getByTestId('match-m1');
    expect(card).toHaveTextContent('Completed');
    expect(card).toHaveTextContent('Reason: Goals reached');
    expect(within(card).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByTestId('match-channel-m1')).toBeNull();
});

test('Spanish', async () => {
    await show([match()], 'es');
    expect(await screen.findByText('@ana')).toBeInTheDocument();
    expect(screen.getByTestId('match-m1')).toHaveTextContent('Tu mentor: @ana');
    expect(screen.getByTestId('match-pause-m1')).toHaveTextContent('Pausar');
    expect(screen.getByTestId('match-end-m1')).toHaveTextContent('Terminar…');
});

test('a pair that met has its goals on the card, and check-ins and feedback behind buttons', async () => {
    mocked.listGoals.mockResolvedValue({match_id: 'm1', goals: [], can_edit: true});
    mocked.listCheckIns.mockResolvedValue([]);
    mocked.listFeedback.mockResolvedValue([]);
    await show([match(), match({id: 'm2', status: 'proposed'})]);
    expect(await screen.findByTestId('goals-m1')).toHaveTextContent('Goals');
    expect(screen.queryByTestId('goals-m2')).toBeNull();
    expect(mocked.listGoals).toHaveBeenCalledWith('m1');
    fireEvent.click(screen.getByTestId('match-checkins-m1'));
    expect(await screen.findByTestId('checkins-m1')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('match-feedback-m1'));
    expect(await screen.findByTestId('feedback-m1')).toBeInTheDocument();
    expect(screen.queryByTestId('checkins-m1')).toBeNull();
});
