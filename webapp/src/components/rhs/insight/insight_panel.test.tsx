import React from 'react';
import {fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import {users} from '../matches/fixtures';

import {insightView} from './fixtures';
import InsightPanel from './insight_panel';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const bars = (testId: string) => Array.from(screen.getByTestId(testId).querySelectorAll('rect[data-testid=bar]'));

const atRisk = insightView({
    at_risk_total: 2,
    at_risk: [
        {match_id: 'm1', mentor_id: 'u-ana', mentee_id: 'u-bo', reasons: [{code: 'one_side_silent', user_id: 'u-bo', days: 7}, {code: 'struggling', user_id: 'u-ana'}]},
        {match_id: 'm2', mentor_id: 'u-cy', mentee_id: 'u-bo', reasons: [
            {code: 'no_session', days: 30}, {code: 'no_first_meeting', days: 15}, {code: 'stalled_goal', days: 22}, {code: 'low_rating', rating: 1},
        ]},
    ],
});

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
    mocked.exportURL.mockImplementation((p, t) => `/x/programs/${p}/export/${t}.csv`);
});

test('loading, then the tiles', async () => {
    mocked.getInsight.mockResolvedValue(insightView());
    renderAs({}, <InsightPanel programId='p1'/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading insight…');
    expect(await screen.findByTestId('tile-participants')).toHaveTextContent('Participants12Mentor 5 · Mentee 7');
    expect(screen.getByTestId('tile-status')).toHaveTextContent('10Active 10 · Paused 2');
    expect(screen.getByTestId('tile-matches')).toHaveTextContent('5of 6');
    expect(screen.getByTestId('tile-sessions')).toHaveTextContent('8of 10 planned');
    expect(screen.getByTestId('tile-attendance')).toHaveTextContent('80%');
    expect(screen.getByTestId('tile-goals')).toHaveTextContent('33%3 of 9 goals');
    expect(screen.getByTestId('tile-rating')).toHaveTextContent('4.34 ratings');
    expect(screen.getByTestId('tile-resources')).toHaveTextContent('173 shares');
});

test('the three charts draw a bar per week, bucket and answer from the data', async () => {
    mocked.getInsight.mockResolvedValue(insightView());
    renderAs({}, <InsightPanel programId='p1'/>);
    await screen.findByTestId('chart-sessions-p1');
    const sessions = bars('chart-sessions-p1').map((b) => Number(b.getAttribute('height')));
    expect(sessions).toHaveLength(3);
    // Held 1, 4, 2: the busiest week is the tallest, the others in proportion.
    expect(sessions[1]).toBeGreaterThan(0);
    expect(sessions[0]).toBeCloseTo(sessions[1] / 4);
    expect(sessions[2]).toBeCloseTo(sessions[1] / 2);
    expect(bars('chart-goals-p1').map((b) => b.getAttribute('data-value'))).toEqual(['2', '0', '1', '3', '0']);
    expect(bars('chart-checkins-p1')).toHaveLength(6);
    expect(screen.getByRole('img', {name: 'Sessions held per week'})).toBeInTheDocument();
    expect(screen.getByRole('img', {name: 'Open goals by progress'})).toBeInTheDocument();
    expect(screen.getByRole('img', {name: 'Check-in answers per week'})).toBeInTheDocument();
});

test('one CSV link per table, to the export route', async () => {
    mocked.getInsight.mockResolvedValue(insightView());
    renderAs({}, <InsightPanel programId='p1'/>);
    await screen.findByTestId('export-members');
    for (const table of ['members', 'matches', 'sessions', 'goals', 'checkins', 'feedback']) {
        expect(screen.getByTestId(`export-${table}`)).toHaveAttribute('href', `/x/programs/p1/export/${table}.csv`);
    }
});

test('the at-risk list says each reason in words, naming the people', async () => {
    mocked.getInsight.mockResolvedValue(atRisk);
    renderAs({}, <InsightPanel programId='p1'/>);
    const first = await screen.findByTestId('at-risk-m1');
    await waitFor(() => expect(first).toHaveTextContent('@bo with @ana'));
    expect(within(first).getAllByTestId('risk-reason').map((r) => r.textContent)).toEqual([
        '@bo has not posted in the pair\'s channel for 7 days while the partner has',
        '@ana answered “struggling” to the latest check-in',
    ]);
    expect(within(screen.getByTestId('at-risk-m2')).getAllByTestId('risk-reason').map((r) => r.textContent)).toEqual([
        'No session in 30 days', 'No first meeting 15 days after matching', 'A goal has not moved in 22 days', 'Low rating: 1 of 5',
    ]);
    expect(screen.getByTestId('at-risk-p1')).toHaveTextContent('Pairs at risk (2)');
});

test('a nudge sends, then says when', async () => {
    mocked.getInsight.mockResolvedValue(atRisk);
    mocked.nudgeMatch.mockResolvedValue({nudged_at: '2026-11-27T10:00:00Z'});
    renderAs({}, <InsightPanel programId='p1'/>);
    fireEvent.click(await screen.findByTestId('nudge-m1'));
    expect(await screen.findByTestId('nudged-m1')).toHaveTextContent('Nudged Nov 27, 2026');
    expect(mocked.nudgeMatch).toHaveBeenCalledWith('p1', 'm1');
});

test('a second nudge within a day (409) says "nudged already"; another failure shows its message', async () => {
    mocked.getInsight.mockResolvedValue(atRisk);
    mocked.nudgeMatch.mockRejectedValueOnce(apiError(409, 'This pair was nudged less than 24 hours ago.'));
    mocked.nudgeMatch.mockRejectedValueOnce(apiError(500, 'The bot could not send the message.'));
    renderAs({}, <InsightPanel programId='p1'/>);
    fireEvent.click(await screen.findByTestId('nudge-m1'));
    expect(await screen.findByTestId('nudged-m1')).toHaveTextContent('Nudged already in the last 24 hours.');
    expect(screen.queryByTestId('nudge-error-m1')).toBeNull();
    fireEvent.click(screen.getByTestId('nudge-m2'));
    expect(await screen.findByTestId('nudge-error-m2')).toHaveTextContent('The bot could not send the message.');
});

test('no pair at risk says so; an error offers a retry', async () => {
    mocked.getInsight.mockRejectedValueOnce(new Error('forbidden'));
    renderAs({}, <InsightPanel programId='p1'/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load insight: forbidden');
    mocked.getInsight.mockResolvedValue(insightView());
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('at-risk-empty')).toHaveTextContent('No pair needs attention right now.');
});

test('the settings form sends every threshold and the digest time; a refusal marks the field', async () => {
    mocked.getInsight.mockResolvedValue(insightView());
    mocked.saveInsightSettings.mockRejectedValueOnce(apiError(400, 'Silence must be shorter than the no-session rule.', 'silent_days'));
    renderAs({}, <InsightPanel programId='p1'/>);
    fireEvent.click(await screen.findByTestId('insight-settings-toggle-p1'));
    fireEvent.change(screen.getByTestId('insight-settings-p1-silent_days'), {target: {value: '30'}});
    fireEvent.click(screen.getByTestId('insight-settings-p1-save'));
    expect(await screen.findByTestId('insight-settings-p1-error')).toHaveTextContent('Silence must be shorter than the no-session rule.');
    expect(screen.getByTestId('insight-settings-p1-silent_days')).toHaveAttribute('aria-invalid', 'true');

    const saved = {...insightView().settings, silent_days: 5, digest_day: 'fri', digest_time: '16:30'};
    mocked.saveInsightSettings.mockResolvedValue(saved);
    fireEvent.change(screen.getByTestId('insight-settings-p1-silent_days'), {target: {value: '5'}});
    fireEvent.change(screen.getByTestId('insight-settings-p1-digest_day'), {target: {value: 'fri'}});
    fireEvent.change(screen.getByTestId('insight-settings-p1-digest_time'), {target: {value: '16:30'}});
    fireEvent.click(screen.getByTestId('insight-settings-p1-save'));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(mocked.saveInsightSettings).toHaveBeenLastCalledWith('p1', saved);
});

test('Spanish readers get tiles, charts and reasons in Spanish', async () => {
    mocked.getInsight.mockResolvedValue(atRisk);
    renderAs({locale: 'es'}, <InsightPanel programId='p1'/>);
    expect(await screen.findByTestId('tile-participants')).toHaveTextContent('Participantes');
    expect(screen.getByRole('img', {name: 'Sesiones realizadas por semana'})).toBeInTheDocument();
    expect(within(screen.getByTestId('at-risk-m2')).getAllByTestId('risk-reason')[0]).toHaveTextContent('Sin sesión desde hace 30 días');
    expect(screen.getByTestId('nudge-m1')).toHaveTextContent('Dar un toque');
});
