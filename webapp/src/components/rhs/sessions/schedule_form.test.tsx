import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {onRefresh} from '../../../refresh';
import {apiError, autoZone, renderAs} from '../../../test_utils';
import {match, users} from '../matches/fixtures';
import MyMatches from '../matches/my_matches';

import {occurrence, sessionView} from './fixtures';
import ScheduleForm from './schedule_form';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const onDone = jest.fn();
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), {target: {value}});

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('sends the phrase, length, repeat (as an RRULE), where and agenda', async () => {
    mocked.scheduleSession.mockResolvedValue(sessionView());
    const refreshed = jest.fn();
    const stop = onRefresh(refreshed);
    renderAs({}, <ScheduleForm matchId='m1' onDone={onDone} onClose={jest.fn()}/>);
    type('schedule-m1-when', ' next tuesday 3pm ');
    type('schedule-m1-duration', '45');
    type('schedule-m1-repeat', 'FREQ=WEEKLY;INTERVAL=2');
    type('schedule-m1-where', 'link');
    type('schedule-m1-location', 'https://meet.example/x');
    type('schedule-m1-agenda', ' CV review ');
    fireEvent.click(screen.getByTestId('schedule-m1-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(mocked.scheduleSession).toHaveBeenCalledWith({
        match_id: 'm1', when: 'next tuesday 3pm', duration_minutes: 45, recurrence: 'FREQ=WEEKLY;INTERVAL=2',
        where: 'link', location: 'https://meet.example/x', agenda: 'CV review',
    });
    // The upcoming list (another section) reloads.
    expect(refreshed).toHaveBeenCalled();
    stop();
});

test('a bare phrase sends only the phrase and the default place (the channel)', async () => {
    mocked.scheduleSession.mockResolvedValue(sessionView());
    renderAs({}, <ScheduleForm matchId='m1' onDone={onDone} onClose={jest.fn()}/>);
    expect(screen.queryByTestId('schedule-m1-location')).toBeNull();
    type('schedule-m1-when', 'tomorrow 9:30');
    fireEvent.click(screen.getByTestId('schedule-m1-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(mocked.scheduleSession).toHaveBeenCalledWith({match_id: 'm1', when: 'tomorrow 9:30', where: 'channel'});
});

test('the server\'s refusal is shown inline, with its example phrases, and the form stays', async () => {
    const message = 'Could not read "someday" as a time.\nPhrases that work: "tomorrow 3pm for 30m", "next tuesday 9:30", "in 2 days at noon".';
    mocked.scheduleSession.mockRejectedValue(apiError(400, message, 'when'));
    renderAs({}, <ScheduleForm matchId='m1' onDone={onDone} onClose={jest.fn()}/>);
    type('schedule-m1-when', 'someday');
    fireEvent.click(screen.getByTestId('schedule-m1-submit'));
    const error = await screen.findByTestId('schedule-m1-error');
    expect(error).toHaveTextContent('Phrases that work: "tomorrow 3pm for 30m"');
    expect(error.textContent).toBe(message);
    expect(screen.getByTestId('schedule-m1-when')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('schedule-m1-when')).toHaveValue('someday');
    expect(onDone).not.toHaveBeenCalled();
});

test('an active match card opens the form and says when the session is, in my zone', async () => {
    mocked.scheduleSession.mockResolvedValue(sessionView({next: [occurrence()]}));
    renderAs({timezone: autoZone('Asia/Tokyo')}, <MyMatches matches={[match(), match({id: 'm2', status: 'paused'})]} me='me' programName={() => 'Spring'} onChanged={jest.fn()}/>);
    await act(async () => {});
    expect(screen.queryByTestId('match-schedule-m2')).toBeNull();
    fireEvent.click(screen.getByTestId('match-schedule-m1'));
    expect(screen.queryByTestId('match-pause-m1')).toBeNull();
    type('schedule-m1-when', 'tomorrow 3pm');
    fireEvent.click(screen.getByTestId('schedule-m1-submit'));
    expect(await screen.findByTestId('match-scheduled-m1')).toHaveTextContent(/Scheduled for Tue, Mar 5, 3:00\sPM\./);
    expect(screen.queryByTestId('schedule-m1')).toBeNull();
    // Closing without scheduling sends nothing.
    fireEvent.click(screen.getByTestId('match-schedule-m1'));
    fireEvent.click(screen.getByTestId('schedule-m1-close'));
    expect(mocked.scheduleSession).toHaveBeenCalledTimes(1);
});

test('Spanish', () => {
    renderAs({locale: 'es'}, <ScheduleForm matchId='m1' onDone={onDone} onClose={jest.fn()}/>);
    const form = screen.getByTestId('schedule-m1');
    expect(form).toHaveTextContent('Cuándo (en tu zona horaria)');
    expect(within(form).getByTestId('schedule-m1-repeat')).toHaveTextContent('Cada 2 semanas');
    expect(screen.getByTestId('schedule-m1-submit')).toHaveTextContent('Programar');
});
