import React from 'react';
import {fireEvent, screen, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {renderAs} from '../../../test_utils';
import {users} from '../matches/fixtures';

import FeedbackSection from './feedback_section';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('my own feedback says whether it is shared; the partner\'s shows by name', async () => {
    mocked.listFeedback.mockResolvedValue([
        {kind: 'session', session_id: 's1', author_id: 'me', rating: 4, text: 'Useful', shared: false, at: '2026-11-10T10:00:00Z'},
        {kind: 'exit', author_id: 'u-ana', rating: 5, text: 'Thanks!', shared: true, at: '2026-11-20T10:00:00Z'},
    ]);
    renderAs({}, <FeedbackSection matchId='m1' me='me'/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading feedback…');
    const items = await screen.findAllByTestId('feedback-item');
    expect(items[0]).toHaveTextContent('You on a session, Nov 10, 2026 · 4 of 5 (coordinators only)Useful');
    expect(await within(items[1]).findByText(/@ana/)).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('@ana at the end of the match, Nov 20, 2026 · 5 of 5Thanks!');
});

test('empty and error states', async () => {
    mocked.listFeedback.mockResolvedValue([]);
    const {unmount} = renderAs({}, <FeedbackSection matchId='m1' me='me'/>);
    expect(await screen.findByTestId('feedback-empty')).toHaveTextContent('No feedback you can see yet.');
    unmount();
    mocked.listFeedback.mockRejectedValueOnce(new Error('nope'));
    renderAs({}, <FeedbackSection matchId='m1' me='me'/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load feedback: nope');
    mocked.listFeedback.mockResolvedValue([]);
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('feedback-empty')).toBeInTheDocument();
});
