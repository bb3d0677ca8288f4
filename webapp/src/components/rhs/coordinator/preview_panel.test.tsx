import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import type {Preview} from '../../../types';

import PreviewPanel from './preview_panel';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

function preview(overrides: Partial<Preview> = {}): Preview {
    return {
        id: 'pv1', program_id: 'p1', roster_version: 7, policy: 'participation', min_score: 10, created_at: '', status: 'ready',
        stale: false, mentees: 3, mentors: 2, matched: 2, total: 150, average: 75.25, lowest: 60, optimal: true,
        pairs: [
            {mentee_id: 'u-bo', mentor_id: 'u-ana', score: 90, reasons: [{kind: 'skill', term: 'go', points: 40, text: 'Bo wants go; Ana offers it'}]},
            {mentee_id: 'u-cy', mentor_id: 'u-dee', score: 60, reasons: []},
        ],
        unmatched: [{user_id: 'u-ed', reason: 'no_capacity'}],
        page: 0, pages: 1, published: 0, skipped: 0, ...overrides,
    };
}

const users = ['ana', 'bo', 'cy', 'dee', 'ed'].map((n) => ({id: `u-${n}`, username: n}));

async function show(locale?: string) {
    renderAs({locale}, <PreviewPanel programId='p1'/>);
    await act(async () => {});
}

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('no preview yet: an empty state and Run preview, no Publish', async () => {
    mocked.getPreview.mockResolvedValue(null);
    await show();
    expect(screen.getByTestId('empty')).toHaveTextContent('No preview yet.');
    expect(screen.getByTestId('preview-run')).toBeEnabled();
    expect(screen.queryByTestId('preview-publish')).toBeNull();
});

test('loading, then a load error with retry', async () => {
    let fail: (e: Error) => void = () => undefined;
    mocked.getPreview.mockReturnValueOnce(new Promise((_, reject) => {
        fail = reject;
    }));
    renderAs({}, <PreviewPanel programId='p1'/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the latest preview…');
    await act(async () => fail(new Error('boom')));
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the preview: boom');
    mocked.getPreview.mockResolvedValue(preview());
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('preview-coverage')).toBeInTheDocument();
});

test('the latest preview: coverage, scores, optimal, pairs with reasons, the unmatched and why', async () => {
    mocked.getPreview.mockResolvedValue(preview());
    await show();
    expect(screen.getByTestId('preview-coverage')).toHaveTextContent('2 of 3 mentees matched');
    expect(screen.getByTestId('preview-optimal')).toHaveTextContent('Optimal');
    expect(screen.getByTestId('preview-average')).toHaveTextContent('75.3');
    expect(screen.getByTestId('preview-lowest')).toHaveTextContent('60');
    const pair = screen.getByTestId('preview-pair-u-bo');
    expect(pair).toHaveTextContent('@bo with @ana (score 90)');
    expect(pair).toHaveTextContent('@bo wants go; @ana offers it (40 points)'); // a third person's view
    expect(screen.getByTestId('preview-unmatched-u-ed')).toHaveTextContent('@ed: no mentor has a free place');
    expect(mocked.getPreview).toHaveBeenCalledWith('p1', 0);
});

test('Run preview sends the chosen policy and minimum score; none chosen sends none', async () => {
    mocked.getPreview.mockResolvedValue(null);
    mocked.runPreview.mockResolvedValue(preview({policy: 'quality', min_score: 25, optimal: false}));
    await show();
    fireEvent.click(screen.getByTestId('preview-run'));
    await waitFor(() => expect(mocked.runPreview).toHaveBeenCalledWith('p1', {}));

    fireEvent.change(screen.getByTestId('preview-policy'), {target: {value: 'quality'}});
    fireEvent.change(screen.getByTestId('preview-min-score'), {target: {value: '25'}});
    fireEvent.click(screen.getByTestId('preview-run'));
    await waitFor(() => expect(mocked.runPreview).toHaveBeenLastCalledWith('p1', {policy: 'quality', min_score: 25}));
    expect(await screen.findByTestId('preview-coverage')).toHaveTextContent('2 of 3');
    expect(screen.queryByTestId('preview-optimal')).toBeNull();
});

test('a refused run shows why', async () => {
    mocked.getPreview.mockResolvedValue(null);
    mocked.runPreview.mockRejectedValue(apiError(400, 'The minimum score is out of range.', 'min_score'));
    await show();
    fireEvent.click(screen.getByTestId('preview-run'));
    expect(await screen.findByTestId('preview-run-error')).toHaveTextContent('The minimum score is out of range.');
});

test('pages of pairs are fetched by page', async () => {
    mocked.getPreview.mockResolvedValueOnce(preview({pages: 2}));
    await show();
    expect(screen.getByTestId('preview-page')).toHaveTextContent('Page 1 of 2');
    mocked.getPreview.mockResolvedValueOnce(preview({page: 1, pages: 2, pairs: [{mentee_id: 'u-ed', mentor_id: 'u-ana', score: 11, reasons: []}], unmatched: []}));
    fireEvent.click(screen.getByTestId('preview-next'));
    expect(await screen.findByTestId('preview-pair-u-ed')).toBeInTheDocument();
    expect(mocked.getPreview).toHaveBeenLastCalledWith('p1', 1);
    expect(screen.getByTestId('preview-page')).toHaveTextContent('Page 2 of 2');
    expect(screen.getByTestId('preview-next')).toBeDisabled();
});

test('Publish asks to confirm, then publishes that preview and reports', async () => {
    mocked.getPreview.mockResolvedValue(preview());
    mocked.publishPreview.mockResolvedValue(preview({status: 'published', published: 2, skipped: 0}));
    await show();
    fireEvent.click(screen.getByTestId('preview-publish'));
    expect(screen.getByTestId('preview-confirm')).toHaveTextContent('Send 2 proposals to the people matched?');
    expect(mocked.publishPreview).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('preview-publish-confirm'));
    expect(await screen.findByTestId('preview-published')).toHaveTextContent('Published 2 proposals; 0 skipped.');
    expect(mocked.publishPreview).toHaveBeenCalledWith('p1', 'pv1');
    expect(screen.queryByTestId('preview-publish')).toBeNull();
    expect(screen.getByTestId('preview-status')).toHaveTextContent('This preview was published: 2 proposals sent, 0 skipped.');
});

test('a preview being published shows its progress and no Publish', async () => {
    mocked.getPreview.mockResolvedValue(preview({status: 'publishing', published: 1, skipped: 1}));
    await show();
    expect(screen.getByTestId('preview-status')).toHaveTextContent('Publishing: 1 sent, 1 skipped so far.');
    expect(screen.queryByTestId('preview-publish')).toBeNull();
});

test('a stale preview warns and offers a fresh one instead of Publish', async () => {
    mocked.getPreview.mockResolvedValue(preview({stale: true}));
    mocked.runPreview.mockResolvedValue(preview({id: 'pv2'}));
    await show();
    expect(screen.getByTestId('preview-stale')).toHaveTextContent('Members changed since this preview was computed.');
    expect(screen.queryByTestId('preview-publish')).toBeNull();
    fireEvent.click(screen.getByTestId('preview-refresh'));
    await waitFor(() => expect(mocked.runPreview).toHaveBeenCalledWith('p1', {}));
    await waitFor(() => expect(screen.queryByTestId('preview-stale')).toBeNull());
    expect(screen.getByTestId('preview-publish')).toBeInTheDocument();
});

test('publishing on a changed roster (409 roster_version) says so and offers a fresh preview', async () => {
    mocked.getPreview.mockResolvedValue(preview());
    mocked.publishPreview.mockRejectedValue(apiError(409, 'The roster changed since this preview.', 'roster_version'));
    mocked.runPreview.mockResolvedValue(preview({id: 'pv2'}));
    await show();
    fireEvent.click(screen.getByTestId('preview-publish'));
    fireEvent.click(screen.getByTestId('preview-publish-confirm'));
    const stale = await screen.findByTestId('preview-stale');
    expect(stale).toHaveTextContent('The roster changed since this preview; nothing was published.');
    expect(screen.queryByTestId('preview-publish')).toBeNull();
    fireEvent.click(within(stale).getByTestId('preview-refresh'));
    await waitFor(() => expect(mocked.runPreview).toHaveBeenCalled());
    expect(await screen.findByTestId('preview-publish')).toBeInTheDocument();
});

test('another publish error is shown as is', async () => {
    mocked.getPreview.mockResolvedValue(preview());
    mocked.publishPreview.mockRejectedValue(apiError(409, 'This preview is being published.'));
    await show();
    fireEvent.click(screen.getByTestId('preview-publish'));
    fireEvent.click(screen.getByTestId('preview-publish-confirm'));
    expect(await screen.findByTestId('preview-publish-error')).toHaveTextContent('This preview is being published.');
    expect(screen.queryByTestId('preview-stale')).toBeNull();
});

test('Spanish', async () => {
    mocked.getPreview.mockResolvedValue(preview({unmatched: [{user_id: 'u-ed', reason: 'below_minimum'}]}));
    await show('es');
    expect(screen.getByTestId('preview-coverage')).toHaveTextContent('2 de 3 mentorados emparejados');
    expect(screen.getByTestId('preview-unmatched-u-ed')).toHaveTextContent('todas las parejas posibles puntúan por debajo del mínimo');
    expect(screen.getByTestId('preview-run')).toHaveTextContent('Calcular vista previa');
});
