import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {requestRefresh} from '../../../refresh';
import {apiError, renderAs} from '../../../test_utils';
import type {Suggestion} from '../../../types';

import {match, program, users} from './fixtures';
import Suggestions from './suggestions';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;
const onRequested = jest.fn();

const spring = program();
const ana: Suggestion = {mentor_id: 'u-ana', score: 87, free_capacity: 1, capacity: 2, reasons: [{kind: 'skill', term: 'go', points: 40, text: 'wants go — ana offers it'}]};
const bo: Suggestion = {mentor_id: 'u-bo', score: 12, free_capacity: 3, capacity: 3, reasons: []};

function show(requested = new Map<string, Set<string>>()) {
    return renderAs({}, <Suggestions programs={[spring]} requested={requested} onRequested={onRequested}/>);
}

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('loading, then each mentor with score, free places and reasons, best first', async () => {
    mocked.listSuggestions.mockResolvedValue([ana, bo]);
    show();
    expect(screen.getByRole('status')).toHaveTextContent('Finding mentors…');
    const row = await screen.findByTestId('suggestion-u-ana');
    expect(await within(row).findByText('@ana')).toBeInTheDocument();
    expect(row).toHaveTextContent('score 87');
    expect(row).toHaveTextContent('1 place free of 2');
    expect(within(row).getByTestId('reasons')).toHaveTextContent('You want go; @ana offers it (40 points)'); // the mentee's side
    expect(screen.getByTestId('suggestion-u-bo')).toHaveTextContent('3 places free of 3');
    const order = screen.getAllByTestId(/^suggestion-u-/).map((el) => el.dataset.testid);
    expect(order).toEqual(['suggestion-u-ana', 'suggestion-u-bo']);
    expect(mocked.listSuggestions).toHaveBeenCalledWith('p1');
});

test('Request sends the optional message to that mentor', async () => {
    mocked.listSuggestions.mockResolvedValue([ana, bo]);
    mocked.requestMentor.mockResolvedValue(match({status: 'requested'}));
    show();
    await screen.findByText('@ana');
    fireEvent.click(screen.getByTestId('suggestion-request-u-ana'));
    fireEvent.change(screen.getByTestId('suggestion-message-u-ana'), {target: {value: ' Can we talk about Go? '}});
    fireEvent.click(screen.getByTestId('suggestion-send-u-ana'));
    await waitFor(() => expect(onRequested).toHaveBeenCalledWith('@ana'));
    expect(mocked.requestMentor).toHaveBeenCalledWith('p1', 'u-ana', 'Can we talk about Go?');
    expect(screen.queryByTestId('suggestion-message-u-ana')).toBeNull();
});

test('a refused request says why, next to that mentor', async () => {
    mocked.listSuggestions.mockResolvedValue([ana]);
    mocked.requestMentor.mockRejectedValue(apiError(409, 'You already have 3 requests waiting.'));
    show();
    fireEvent.click(await screen.findByTestId('suggestion-request-u-ana'));
    fireEvent.click(screen.getByTestId('suggestion-send-u-ana'));
    expect(await within(screen.getByTestId('suggestion-u-ana')).findByRole('alert')).toHaveTextContent('You already have 3 requests waiting.');
    expect(onRequested).not.toHaveBeenCalled();
});

test('a mentor I already asked has no second Request button', async () => {
    mocked.listSuggestions.mockResolvedValue([ana]);
    show(new Map([['p1', new Set(['u-ana'])]]));
    expect(await screen.findByTestId('suggestion-requested-u-ana')).toHaveTextContent('Requested');
    expect(screen.queryByTestId('suggestion-request-u-ana')).toBeNull();
});

test('empty and error states, with retry; a server event reloads', async () => {
    mocked.listSuggestions.mockResolvedValueOnce([]);
    show();
    expect(await screen.findByTestId('empty')).toHaveTextContent('No mentor with free places right now.');

    mocked.listSuggestions.mockRejectedValueOnce(new Error('boom'));
    act(() => requestRefresh());
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load suggestions: boom');

    mocked.listSuggestions.mockResolvedValue([ana]);
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('suggestion-u-ana')).toBeInTheDocument();
});

test('no programs to look in: no section at all', () => {
    renderAs({}, <Suggestions programs={[]} requested={new Map()} onRequested={onRequested}/>);
    expect(screen.queryByTestId('suggestions')).toBeNull();
    expect(mocked.listSuggestions).not.toHaveBeenCalled();
});
