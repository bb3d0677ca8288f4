import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {RequestError} from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {onRefresh} from '../../../refresh';
import {type Reader, autoZone, renderAs} from '../../../test_utils';
import type {Slot} from '../../../types/sessions';
import {users} from '../matches/fixtures';
import {sessionView} from '../sessions/fixtures';

import FreeSlots from './free_slots';

jest.mock('../../../client', () => ({...jest.requireActual('../../../client'), freeSlots: jest.fn(), bookSlot: jest.fn(), usersByIds: jest.fn()}));
const mocked = client as jest.Mocked<typeof client>;

const slot = (mentor: string, start: string, minutes = 15): Slot => ({
    mentor_id: mentor, start, end: new Date(Date.parse(start) + (minutes * 60000)).toISOString().replace('.000', ''), free: true,
});

// Thursday 2030-03-07 15:00 and 15:15 UTC, and Friday 2030-03-08 23:30 UTC.
const ana1 = slot('u-ana', '2030-03-07T15:00:00Z');
const ana2 = slot('u-ana', '2030-03-07T15:15:00Z');
const ana3 = slot('u-ana', '2030-03-08T23:30:00Z');
const bo1 = slot('u-bo', '2030-03-07T16:00:00Z');
const mine = slot('me', '2030-03-07T17:00:00Z');

async function show(slots: Slot[], reader: Reader = {timezone: autoZone('UTC')}) {
    mocked.freeSlots.mockResolvedValue(slots);
    renderAs(reader, <FreeSlots programId='p1' me='me'/>);
    await act(async () => {});
}

const days = (mentor: string) => within(screen.getByTestId(`slots-mentor-${mentor}`)).getAllByTestId('slot-day').map((d) => d.textContent);

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('free slots per mentor, grouped by day in my zone; my own slots are not offered to me', async () => {
    await show([ana1, ana2, ana3, bo1, mine]);
    expect(mocked.freeSlots).toHaveBeenCalledWith('p1');
    expect(await screen.findByText('@ana')).toBeInTheDocument();
    expect(days('u-ana')).toEqual(['Thursday, March 7', 'Friday, March 8']);
    expect(screen.getByTestId(`slot-u-ana-${ana1.start}`)).toHaveTextContent(/^3:00\sPM$/);
    expect(days('u-bo')).toEqual(['Thursday, March 7']);
    expect(screen.queryByTestId('slots-mentor-me')).toBeNull();
});

test('the days follow the reader\'s zone: Friday 23:30 UTC is Saturday morning in Tokyo', async () => {
    await show([ana1, ana3], {timezone: autoZone('Asia/Tokyo')});
    expect(days('u-ana')).toEqual(['Friday, March 8', 'Saturday, March 9']);
    expect(screen.getByTestId(`slot-u-ana-${ana3.start}`)).toHaveTextContent(/^8:30\sAM$/);
});

test('book a slot with an agenda; the other sections reload', async () => {
    mocked.bookSlot.mockResolvedValue(sessionView({kind: 'office_hours'}));
    const refreshed = jest.fn();
    const stop = onRefresh(refreshed);
    await show([ana1, ana2]);
    fireEvent.click(screen.getByTestId(`slot-u-ana-${ana2.start}`));
    expect(screen.getByTestId('slot-book-form')).toHaveTextContent(/Book Thu, Mar 7, 3:15\sPM with @ana/);
    fireEvent.change(screen.getByTestId('slot-agenda'), {target: {value: ' Promotion case '}});
    fireEvent.click(screen.getByTestId('slot-book'));
    expect(await screen.findByTestId('slot-booked')).toHaveTextContent(/Booked Thu, Mar 7, 3:15\sPM with @ana/);
    expect(mocked.bookSlot).toHaveBeenCalledWith('p1', 'u-ana', ana2.start, 'Promotion case');
    expect(refreshed).toHaveBeenCalled();
    stop();
});

test('a slot taken first by someone else: the error and the next free slots, one of which can be booked', async () => {
    const next = [slot('u-ana', '2030-03-07T15:30:00Z'), slot('u-ana', '2030-03-14T15:00:00Z')];
    mocked.bookSlot.mockRejectedValueOnce(new RequestError(409, {error: 'Someone else booked the slot at Thu 7 Mar 2030 15:00 UTC first.', field: 'start'},
        {error: 'Someone else booked…', field: 'start', next}));
    mocked.bookSlot.mockResolvedValueOnce(sessionView({kind: 'office_hours'}));
    await show([ana1]);
    fireEvent.click(screen.getByTestId(`slot-u-ana-${ana1.start}`));
    fireEvent.click(screen.getByTestId('slot-book'));
    expect(await screen.findByTestId('slot-error')).toHaveTextContent('Someone else booked the slot at Thu 7 Mar 2030 15:00 UTC first.');
    const offered = screen.getByTestId('slot-next');
    expect(offered).toHaveTextContent('Next free slots:');
    expect(within(offered).getAllByRole('button').map((b) => b.textContent)).toEqual([
        expect.stringMatching(/^Thu, Mar 7, 3:30\sPM$/), expect.stringMatching(/^Thu, Mar 14, 3:00\sPM$/),
    ]);
    // The list is read again (the taken slot is gone from it).
    await waitFor(() => expect(mocked.freeSlots).toHaveBeenCalledTimes(2));

    fireEvent.click(within(offered).getAllByRole('button')[0]);
    fireEvent.click(screen.getByTestId('slot-book'));
    await waitFor(() => expect(mocked.bookSlot).toHaveBeenLastCalledWith('p1', 'u-ana', '2030-03-07T15:30:00Z', ''));
    expect(await screen.findByTestId('slot-booked')).toBeInTheDocument();
    expect(screen.queryByTestId('slot-next')).toBeNull();
    expect(screen.queryByTestId('slot-error')).toBeNull();
});

test('no slots: an empty state; a failed load offers a retry', async () => {
    mocked.freeSlots.mockRejectedValueOnce(new Error('boom'));
    renderAs({}, <FreeSlots programId='p1' me='me'/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load free slots: boom');
    mocked.freeSlots.mockResolvedValue([]);
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('empty')).toHaveTextContent('No free slots in the next two weeks.');
});

test('Spanish', async () => {
    await show([ana1], {locale: 'es', timezone: autoZone('Europe/Madrid')});
    expect(days('u-ana')).toEqual(['jueves, 7 de marzo']);
    expect(screen.getByTestId(`slot-u-ana-${ana1.start}`)).toHaveTextContent('16:00');
    fireEvent.click(screen.getByTestId(`slot-u-ana-${ana1.start}`));
    expect(screen.getByTestId('slot-book')).toHaveTextContent('Reservar');
});
