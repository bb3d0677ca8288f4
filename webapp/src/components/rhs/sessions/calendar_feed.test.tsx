import React from 'react';
import {act, fireEvent, screen, waitFor} from '@testing-library/react';

import * as client from '../../../client';
import {requestRefresh} from '../../../refresh';
import {apiError, renderAs} from '../../../test_utils';

import CalendarFeed from './calendar_feed';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const URL1 = 'https://mm.example/plugins/mentorship/api/v1/calendar/me.secret-one.ics';
const URL2 = 'https://mm.example/plugins/mentorship/api/v1/calendar/me.secret-two.ics';

async function show(locale?: string) {
    renderAs({locale}, <CalendarFeed/>);
    await act(async () => {});
}

beforeEach(() => {
    jest.resetAllMocks();
    Object.assign(navigator, {clipboard: {writeText: jest.fn(() => Promise.resolve())}});
});

test('no feed yet: Create URL shows the new URL once, with Copy and the secret note', async () => {
    mocked.feedStatus.mockResolvedValue({active: false});
    mocked.rotateFeed.mockResolvedValue({url: URL1});
    await show();
    expect(screen.getByTestId('feed-status')).toHaveTextContent('You have no feed URL.');
    expect(screen.queryByTestId('feed-revoke')).toBeNull();
    fireEvent.click(screen.getByTestId('feed-rotate'));
    expect(await screen.findByTestId('feed-url-value')).toHaveValue(URL1);
    expect(screen.getByTestId('feed-url')).toHaveTextContent('Keep this URL secret');
    expect(screen.getByTestId('feed-status')).toHaveTextContent('You have a feed URL');
    expect(screen.getByTestId('feed-rotate')).toHaveTextContent('Rotate URL');

    fireEvent.click(screen.getByTestId('feed-copy'));
    expect(navigator.clipboard.writeText).toHaveBeenCalledWith(URL1);
    expect(await screen.findByText('Copied.')).toBeInTheDocument();

    // Dismissed, it is gone: the status never carries it again.
    fireEvent.click(screen.getByTestId('feed-dismiss'));
    expect(screen.queryByTestId('feed-url')).toBeNull();
    mocked.feedStatus.mockResolvedValue({active: true, created_at: '2030-01-02T10:00:00Z'});
    await act(async () => requestRefresh());
    expect(screen.queryByTestId('feed-url')).toBeNull();
    expect(screen.queryByText(URL1)).toBeNull();
    expect(mocked.rotateFeed).toHaveBeenCalledTimes(1);
});

test('rotate replaces the URL shown with the new one', async () => {
    mocked.feedStatus.mockResolvedValue({active: true, created_at: '2030-01-02T10:00:00Z'});
    mocked.rotateFeed.mockResolvedValueOnce({url: URL1}).mockResolvedValueOnce({url: URL2});
    await show();
    expect(screen.getByTestId('feed-status')).toHaveTextContent('You have a feed URL, made Jan 2, 2030.');
    fireEvent.click(screen.getByTestId('feed-rotate'));
    expect(await screen.findByTestId('feed-url-value')).toHaveValue(URL1);
    fireEvent.click(screen.getByTestId('feed-rotate'));
    await waitFor(() => expect(screen.getByTestId('feed-url-value')).toHaveValue(URL2));
});

test('revoke asks first, then drops the URL and the status says none', async () => {
    mocked.feedStatus.mockResolvedValue({active: true});
    mocked.rotateFeed.mockResolvedValue({url: URL1});
    mocked.revokeFeed.mockResolvedValue(null);
    await show();
    fireEvent.click(screen.getByTestId('feed-rotate'));
    await screen.findByTestId('feed-url');
    fireEvent.click(screen.getByTestId('feed-revoke'));
    expect(mocked.revokeFeed).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('feed-revoke-confirm'));
    await waitFor(() => expect(screen.getByTestId('feed-status')).toHaveTextContent('You have no feed URL.'));
    expect(mocked.revokeFeed).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('feed-url')).toBeNull();
    expect(screen.getByTestId('feed-rotate')).toHaveTextContent('Create URL');
});

test('a failed rotate shows the error and no URL', async () => {
    mocked.feedStatus.mockResolvedValue({active: false});
    mocked.rotateFeed.mockRejectedValue(apiError(503, 'The Site URL is not set; ask an admin.'));
    await show();
    fireEvent.click(screen.getByTestId('feed-rotate'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The Site URL is not set; ask an admin.');
    expect(screen.queryByTestId('feed-url')).toBeNull();
});

test('when the clipboard is refused, the reader is told to copy by hand', async () => {
    mocked.feedStatus.mockResolvedValue({active: false});
    mocked.rotateFeed.mockResolvedValue({url: URL1});
    Object.assign(navigator, {clipboard: {writeText: jest.fn(() => Promise.reject(new Error('denied')))}});
    document.execCommand = jest.fn(() => false);
    await show();
    fireEvent.click(screen.getByTestId('feed-rotate'));
    fireEvent.click(await screen.findByTestId('feed-copy'));
    expect(await screen.findByText(/Could not copy/)).toBeInTheDocument();
});

test('Spanish', async () => {
    mocked.feedStatus.mockResolvedValue({active: false});
    await show('es');
    expect(screen.getByTestId('feed-status')).toHaveTextContent('No tienes URL de suscripción.');
    expect(screen.getByTestId('feed-rotate')).toHaveTextContent('Crear URL');
});
