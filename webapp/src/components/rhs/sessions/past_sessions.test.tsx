import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import type {OccurrenceView} from '../../../types/sessions';
import {users} from '../matches/fixtures';

import {occurrence, sessionView} from './fixtures';
import PastSessions, {RECENT_DAYS} from './past_sessions';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const NOW = Date.parse('2030-03-10T12:00:00Z');
const ended = occurrence({session_id: 'old', occurrence: '2030-03-08T09:00:00Z', start: '2030-03-08T09:00:00Z', end: '2030-03-08T09:30:00Z'});
const ID = 'old-20300308T090000Z';

async function show(list: OccurrenceView[], locale?: string) {
    mocked.listSessions.mockResolvedValue(list);
    renderAs({locale}, <PastSessions me='me'/>);
    await act(async () => {});
}

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => jest.restoreAllMocks());

test('asks for the last two weeks and lists only occurrences that have ended', async () => {
    const running = occurrence({session_id: 'now', start: '2030-03-10T11:45:00Z', end: '2030-03-10T12:15:00Z'});
    await show([running, ended]);
    expect(mocked.listSessions).toHaveBeenCalledWith(new Date(NOW - (RECENT_DAYS * 86400000)).toISOString(), new Date(NOW).toISOString());
    expect(screen.getByTestId(`past-${ID}`)).toHaveTextContent('Did you meet?');
    expect(screen.queryByTestId('past-now-20300310T114500Z')).toBeNull();
});

test('nothing ended: the section stays out of the way', async () => {
    await show([]);
    expect(screen.queryByTestId('past-sessions')).toBeNull();
});

test('"did you meet?" posts my attendance for that occurrence and marks it', async () => {
    mocked.recordAttendance.mockResolvedValue(sessionView());
    await show([ended]);
    fireEvent.click(screen.getByTestId(`past-attended-${ID}`));
    await waitFor(() => expect(screen.getByTestId(`past-attended-${ID}`)).toHaveAttribute('aria-pressed', 'true'));
    expect(mocked.recordAttendance).toHaveBeenCalledWith('old', '2030-03-08T09:00:00Z', 'attended');
    expect(screen.getByTestId(`past-missed-${ID}`)).toHaveAttribute('aria-pressed', 'false');
});

test('attendance the server already has is shown as chosen', async () => {
    await show([{...ended, attendance: {me: 'rescheduled'}}]);
    expect(screen.getByTestId(`past-rescheduled-${ID}`)).toHaveAttribute('aria-pressed', 'true');
});

test('feedback: a rating is required; rating, text and sharing are sent', async () => {
    mocked.sendFeedback.mockResolvedValue(sessionView());
    await show([ended]);
    fireEvent.click(screen.getByTestId(`past-feedback-${ID}`));
    const form = `feedback-${ID}`;
    expect(screen.getByTestId(`${form}-submit`)).toBeDisabled();
    fireEvent.click(screen.getByTestId(`${form}-rating-4`));
    fireEvent.change(screen.getByTestId(`${form}-text`), {target: {value: ' Very helpful '}});
    fireEvent.click(screen.getByTestId(`${form}-shared`));
    fireEvent.click(screen.getByTestId(`${form}-submit`));
    await waitFor(() => expect(screen.getByTestId(`past-rated-${ID}`)).toHaveTextContent('you rated it 4 of 5'));
    expect(mocked.sendFeedback).toHaveBeenCalledWith('old', {occurrence: '2030-03-08T09:00:00Z', rating: 4, text: 'Very helpful', shared: true});
    expect(screen.queryByTestId(form)).toBeNull();
});

test('a refused feedback keeps the form with the reason', async () => {
    mocked.sendFeedback.mockRejectedValue(apiError(409, 'You already gave feedback on this session.'));
    await show([ended]);
    fireEvent.click(screen.getByTestId(`past-feedback-${ID}`));
    fireEvent.click(screen.getByTestId(`feedback-${ID}-rating-2`));
    fireEvent.click(screen.getByTestId(`feedback-${ID}-submit`));
    expect(await within(screen.getByTestId(`feedback-${ID}`)).findByRole('alert')).toHaveTextContent('You already gave feedback');
    expect(screen.queryByTestId(`past-rated-${ID}`)).toBeNull();
});

test('Spanish', async () => {
    await show([ended], 'es');
    expect(screen.getByTestId(`past-${ID}`)).toHaveTextContent('¿Os reunisteis?');
    expect(screen.getByTestId(`past-attended-${ID}`)).toHaveTextContent('Nos reunimos');
});
