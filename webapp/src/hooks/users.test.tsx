import React from 'react';
import {act, render, screen} from '@testing-library/react';
import {Provider} from 'react-redux';
import {createStore} from 'redux';

import * as client from '../client';

import {forgetUsernames, useUsernames} from './users';

jest.mock('../client');
const mocked = client as jest.Mocked<typeof client>;

function Names({ids}: {ids: string[]}) {
    const username = useUsernames(ids);
    return <span data-testid='names'>{ids.map((id) => username(id) || '?').join(',')}</span>;
}

const store = createStore(() => ({entities: {users: {profiles: {u1: {id: 'u1', username: 'known'}}}}}));

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
});

test('names in Mattermost\'s store are used; the rest are fetched once, together', async () => {
    mocked.usersByIds.mockResolvedValue([{id: 'u2', username: 'ana'}, {id: 'u3', username: 'bo'}]);
    render(<Provider store={store}><Names ids={['u1', 'u2', 'u3']}/><Names ids={['u3', 'u2']}/></Provider>);
    expect(screen.getAllByTestId('names')[0]).toHaveTextContent('known,?,?');
    await act(async () => {});
    expect(screen.getAllByTestId('names').map((n) => n.textContent)).toEqual(['known,ana,bo', 'bo,ana']);
    expect(mocked.usersByIds).toHaveBeenCalledTimes(1);
    expect(mocked.usersByIds.mock.calls[0][0].sort()).toEqual(['u2', 'u3']);
});

test('a failed lookup leaves the ids unnamed and is not fatal', async () => {
    mocked.usersByIds.mockRejectedValue(new Error('offline'));
    render(<Provider store={store}><Names ids={['u9']}/></Provider>);
    await act(async () => {});
    expect(screen.getByTestId('names')).toHaveTextContent('?');
});
