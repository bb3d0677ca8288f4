import React from 'react';
import {fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {apiError, renderAs} from '../../../test_utils';
import type {CheckInRound} from '../../../types/progress';

import CheckInsSection from './checkins_section';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const round = (n: number, answers: CheckInRound['answers'] = {}): CheckInRound => ({round: n, due: `2026-11-0${n}T09:00:00Z`, answers});
const mine = (answer: 'great' | 'fine' | 'struggling', note?: string) => ({me: {user_id: 'me', answer, note, at: '2026-11-02T10:00:00Z'}});

beforeEach(() => {
    jest.resetAllMocks();
});

test('loading, then my answers per round, newest first', async () => {
    mocked.listCheckIns.mockResolvedValue([round(1, mine('great')), round(2, mine('struggling', 'too busy')), round(3)]);
    renderAs({}, <CheckInsSection matchId='m1' me='me' live={true}/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading check-ins…');
    const history = await screen.findByTestId('checkin-history-m1');
    expect(within(history).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
        'Check-in 3 (Nov 3, 2026): not answered',
        'Check-in 2 (Nov 2, 2026): Struggling — too busy',
        'Check-in 1 (Nov 1, 2026): Great',
    ]);
});

test('answering now sends the latest round and the note, and shows the answer', async () => {
    mocked.listCheckIns.mockResolvedValue([round(1, mine('fine')), round(2)]);
    mocked.answerCheckIn.mockResolvedValue(round(2, mine('great', 'good week')));
    renderAs({}, <CheckInsSection matchId='m1' me='me' live={true}/>);
    fireEvent.change(await screen.findByTestId('checkin-note-m1'), {target: {value: ' good week '}});
    fireEvent.click(screen.getByTestId('checkin-great-m1'));
    await waitFor(() => expect(screen.getByTestId('checkin-round-2')).toHaveTextContent('Great — good week'));
    expect(mocked.answerCheckIn).toHaveBeenCalledWith('m1', 'great', 'good week', 2);
    expect(screen.getByTestId('checkin-note-m1')).toHaveValue('');
});

test('a refused answer is shown', async () => {
    mocked.listCheckIns.mockResolvedValue([round(1)]);
    mocked.answerCheckIn.mockRejectedValue(apiError(403, 'This match has ended.'));
    renderAs({}, <CheckInsSection matchId='m1' me='me' live={true}/>);
    fireEvent.click(await screen.findByTestId('checkin-fine-m1'));
    expect(await screen.findByTestId('checkin-error-m1')).toHaveTextContent('This match has ended.');
});

test('no rounds yet: says when they come and offers no answer buttons; an ended match only shows history', async () => {
    mocked.listCheckIns.mockResolvedValue([]);
    const {unmount} = renderAs({}, <CheckInsSection matchId='m1' me='me' live={true}/>);
    expect(await screen.findByTestId('checkins-empty')).toHaveTextContent('at the program\'s cadence');
    expect(screen.queryByTestId('checkin-answer-m1')).toBeNull();
    unmount();
    mocked.listCheckIns.mockResolvedValue([round(1, mine('fine'))]);
    renderAs({}, <CheckInsSection matchId='m1' me='me' live={false}/>);
    expect(await screen.findByTestId('checkin-round-1')).toHaveTextContent('Fine');
    expect(screen.queryByTestId('checkin-answer-m1')).toBeNull();
});

test('an error offers a retry; Spanish labels', async () => {
    mocked.listCheckIns.mockRejectedValueOnce(new Error('down'));
    renderAs({locale: 'es'}, <CheckInsSection matchId='m1' me='me' live={true}/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('No se pudieron cargar los seguimientos: down');
    mocked.listCheckIns.mockResolvedValue([round(1)]);
    fireEvent.click(screen.getByText('Reintentar'));
    expect(await screen.findByTestId('checkin-struggling-m1')).toHaveTextContent('Con dificultades');
});
