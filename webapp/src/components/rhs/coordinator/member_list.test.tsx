import React from 'react';
import {fireEvent, screen, waitFor} from '@testing-library/react';

import * as client from '../../../client';
import {requestRefresh} from '../../../refresh';
import {apiError, renderAs} from '../../../test_utils';
import type {MemberPage, MemberRow} from '../../../types';

import MemberList from './member_list';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

function row(username: string, overrides: Partial<MemberRow> = {}): MemberRow {
    return {program_id: 'p1', user_id: `u-${username}`, role: 'mentee', status: 'active', joined_at: '', username, load: 0, ...overrides};
}

function page(members: MemberRow[], p = 0, pages = 1, total = members.length): MemberPage {
    return {members, page: p, pages, total};
}

beforeEach(() => {
    jest.resetAllMocks();
});

test('a page of members with role, status and a mentor\'s load', async () => {
    mocked.listMembers.mockResolvedValue(page([row('ana', {role: 'mentor', capacity: 3, load: 1, name: 'Ana Lima'}), row('bo')], 0, 1));
    renderAs({}, <MemberList programId='p1'/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading members…');
    const ana = await screen.findByTestId('member-ana');
    expect(ana).toHaveTextContent('@ana Ana Lima Mentor · Active · 1 of 3 mentees');
    expect(screen.getByTestId('member-bo')).not.toHaveTextContent('mentees');
    expect(screen.getByTestId('members-total')).toHaveTextContent('2 members');
    expect(mocked.listMembers).toHaveBeenCalledWith('p1', 0, '');
    expect(screen.queryByTestId('members-next')).toBeNull();
});

test('search asks the server from the first page; next and previous pages', async () => {
    mocked.listMembers.mockResolvedValue(page([row('ana')], 0, 3, 120));
    renderAs({}, <MemberList programId='p1'/>);
    await screen.findByTestId('member-ana');
    fireEvent.click(screen.getByTestId('members-next'));
    await waitFor(() => expect(mocked.listMembers).toHaveBeenLastCalledWith('p1', 1, ''));

    fireEvent.change(screen.getByTestId('members-search'), {target: {value: ' bo '}});
    fireEvent.click(screen.getByTestId('members-search-submit'));
    await waitFor(() => expect(mocked.listMembers).toHaveBeenLastCalledWith('p1', 0, 'bo'));
});

test('a search without results says so; no members at all says so differently', async () => {
    mocked.listMembers.mockResolvedValue(page([]));
    renderAs({}, <MemberList programId='p1'/>);
    expect(await screen.findByTestId('empty')).toHaveTextContent('No members yet.');
    fireEvent.change(screen.getByTestId('members-search'), {target: {value: 'zed'}});
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(screen.getByTestId('empty')).toHaveTextContent('No member matches your search.'));
});

test('load error with retry; a server event reloads', async () => {
    mocked.listMembers.mockRejectedValueOnce(new Error('boom'));
    renderAs({}, <MemberList programId='p1'/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load members: boom');
    mocked.listMembers.mockResolvedValue(page([row('ana')]));
    fireEvent.click(screen.getByText('Try again'));
    await screen.findByTestId('member-ana');
    mocked.listMembers.mockResolvedValue(page([row('ana'), row('new')]));
    requestRefresh();
    expect(await screen.findByTestId('member-new')).toBeInTheDocument();
});

test('approve and decline pending members; a refusal is shown', async () => {
    mocked.listMembers.mockResolvedValue(page([row('ana', {status: 'pending'}), row('bo', {status: 'pending'})]));
    mocked.declineMember.mockResolvedValue(row('bo', {status: 'declined'}));
    mocked.approveMember.mockRejectedValue(apiError(409, 'Ana left the team.'));
    renderAs({}, <MemberList programId='p1'/>);
    await screen.findByTestId('member-ana');
    fireEvent.click(screen.getAllByText('Decline')[1]);
    await waitFor(() => expect(mocked.declineMember).toHaveBeenCalledWith('p1', 'u-bo'));
    fireEvent.click(screen.getAllByText('Approve')[0]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Ana left the team.');
    expect(mocked.approveMember).toHaveBeenCalledWith('p1', 'u-ana');
});
