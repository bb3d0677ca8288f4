import React from 'react';
import {act, fireEvent, screen, waitFor} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {requestRefresh} from '../../../refresh';
import {renderAs} from '../../../test_utils';

import {classify} from './classify';
import {match, membership, program, users} from './fixtures';
import MatchesArea from './matches_area';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;
const onNotice = jest.fn();

const spring = program();
const autumn = program({id: 'p2', name: 'Autumn', slug: 'autumn'});
const circles = program({id: 'p3', name: 'Circles', slug: 'circles', kind: 'circles'});

function show(memberships = [membership(spring), membership(autumn)]) {
    return renderAs({}, <MatchesArea me='me' programs={[spring, autumn, circles]} memberships={memberships} onNotice={onNotice}/>);
}

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
    mocked.listSuggestions.mockResolvedValue([]);
});

test('each match lands in exactly one list', () => {
    const all = [
        match({id: 'a', status: 'requested', mentee_id: 'u-bo', mentor_id: 'me'}), // asks me
        match({id: 'b', status: 'proposed'}), // proposal I have not accepted
        match({id: 'c', status: 'proposed', accepted: {me: '2026-01-01T00:00:00Z'}}), // I accepted: waiting
        match({id: 'd', status: 'requested'}), // my request
        match({id: 'e', status: 'active'}),
        match({id: 'f', status: 'void'}),
    ];
    const lists = classify(all, 'me');
    expect(lists.toMe.map((m) => m.id)).toEqual(['a', 'b']);
    expect(lists.mine.map((m) => m.id)).toEqual(['d']);
    expect(lists.matches.map((m) => m.id)).toEqual(['c', 'e']);
});

test('loading, then the error with retry', async () => {
    mocked.listMatches.mockRejectedValueOnce(new Error('boom'));
    show();
    expect(screen.getByRole('status')).toHaveTextContent('Loading your matches…');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load your matches: boom');
    mocked.listMatches.mockResolvedValue([]);
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByText('No matches yet.')).toBeInTheDocument();
});

test('suggestions only where I am an active mentee without a live match', async () => {
    mocked.listMatches.mockResolvedValue([match({program_id: 'p1', status: 'active'})]);
    show([membership(spring), membership(autumn), membership(circles, {role: 'peer'}), membership(program({id: 'p4', slug: 'x'}), {role: 'mentor'})]);
    expect(await screen.findByTestId('suggestions-autumn')).toBeInTheDocument();
    expect(screen.queryByTestId('suggestions-spring')).toBeNull();
    await waitFor(() => expect(mocked.listSuggestions).toHaveBeenCalledTimes(1));
    expect(mocked.listSuggestions).toHaveBeenCalledWith('p2');
});

test('no suggestions where coordinators make the matches', async () => {
    mocked.listMatches.mockResolvedValue([]);
    const classic = program({id: 'p5', name: 'Classic', slug: 'classic', matching_mode: 'coordinator'});
    show([membership(classic), membership(autumn)]);
    expect(await screen.findByTestId('suggestions-autumn')).toBeInTheDocument();
    expect(screen.queryByTestId('suggestions-classic')).toBeNull();
    await waitFor(() => expect(mocked.listSuggestions).toHaveBeenCalledTimes(1));
    expect(mocked.listSuggestions).toHaveBeenCalledWith('p2');
});

test('a sent request is announced and the lists reload', async () => {
    mocked.listMatches.mockResolvedValue([]);
    mocked.listSuggestions.mockResolvedValue([{mentor_id: 'u-ana', score: 5, free_capacity: 1, capacity: 1, reasons: []}]);
    mocked.requestMentor.mockResolvedValue(match({status: 'requested'}));
    show([membership(spring)]);
    await screen.findByText('@ana');
    fireEvent.click(screen.getByTestId('suggestion-request-u-ana'));
    fireEvent.click(screen.getByTestId('suggestion-send-u-ana'));
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith('Your request was sent to @ana.'));
    await waitFor(() => expect(mocked.listMatches).toHaveBeenCalledTimes(2));
});

test('a server event reloads the matches', async () => {
    mocked.listMatches.mockResolvedValue([]);
    show([]);
    await screen.findByText('No matches yet.');
    mocked.listMatches.mockResolvedValue([match({status: 'requested', mentee_id: 'u-bo', mentor_id: 'me'})]);
    act(() => requestRefresh());
    expect(await screen.findByTestId('match-accept-m1')).toBeInTheDocument();
});
