import React from 'react';
import {Provider} from 'react-redux';
import {createStore} from 'redux';
import {act, fireEvent, render, screen, waitFor} from '@testing-library/react';

import * as client from '../../client';
import {requestRefresh} from '../../refresh';
import type {Membership, Program} from '../../types';

import Sidebar, {partition} from './sidebar';

jest.mock('../../client');
const mocked = client as jest.Mocked<typeof client>;

function program(overrides: Partial<Program>): Program {
    return {
        id: 'p1', team_id: 't1', name: 'Spring', slug: 'spring', description: '', kind: 'one_to_one',
        enrollment_mode: 'open', matching_mode: 'coordinator', check_in_cadence: 'monthly', coordinators: [],
        archived: false, created_at: '', updated_at: '', can_manage: false, ...overrides,
    };
}

function membership(p: Program, status: Membership['enrollment']['status'] = 'active'): Membership {
    return {program: p, enrollment: {program_id: p.id, user_id: 'me', role: 'mentee', status, joined_at: ''}};
}

function renderSidebar(teamId = 't1') {
    const store = createStore(() => ({entities: {teams: {currentTeamId: teamId}}}));
    return render(<Provider store={store}><Sidebar/></Provider>);
}

beforeEach(() => {
    jest.resetAllMocks();
});

test('shows a loading state, then my programs and the ones I can join', async () => {
    const spring = program({});
    const autumn = program({id: 'p2', name: 'Autumn', slug: 'autumn', description: 'Second cohort'});
    mocked.listPrograms.mockResolvedValue([spring, autumn]);
    mocked.myPrograms.mockResolvedValue([membership(spring)]);

    renderSidebar();
    expect(screen.getByRole('status')).toHaveTextContent('Loading');

    const mine = await screen.findByTestId('mine-spring');
    expect(mine).toHaveTextContent('Mentee');
    expect(mine).toHaveTextContent('Active');
    expect(screen.getByTestId('join-autumn')).toHaveTextContent('Second cohort');
    expect(screen.queryByTestId('join-spring')).toBeNull();
    expect(mocked.listPrograms).toHaveBeenCalledWith('t1');
});

test('shows empty states when the team has no programs', async () => {
    mocked.listPrograms.mockResolvedValue([]);
    mocked.myPrograms.mockResolvedValue([]);
    renderSidebar();
    expect(await screen.findByText(/not in any program yet/)).toBeInTheDocument();
    expect(screen.getByText(/No other programs to join/)).toBeInTheDocument();
});

test('shows the error and retries on request', async () => {
    mocked.listPrograms.mockRejectedValueOnce(new Error('boom'));
    mocked.myPrograms.mockResolvedValue([]);
    renderSidebar();
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load programs: boom');

    mocked.listPrograms.mockResolvedValue([program({})]);
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('join-spring')).toBeInTheDocument();
});

test('joins with the chosen role and reloads', async () => {
    const spring = program({});
    mocked.listPrograms.mockResolvedValue([spring]);
    mocked.myPrograms.mockResolvedValueOnce([]).mockResolvedValue([membership(spring)]);
    mocked.joinProgram.mockResolvedValue({created: true, enrollment: membership(spring).enrollment});

    renderSidebar();
    const card = await screen.findByTestId('join-spring');
    fireEvent.change(card.querySelector('select')!, {target: {value: 'mentor'}});
    fireEvent.click(screen.getByText('Join'));

    expect(await screen.findByTestId('mine-spring')).toBeInTheDocument();
    expect(mocked.joinProgram).toHaveBeenCalledWith('p1', 'mentor');
    expect(screen.getByText(/You joined Spring/)).toBeInTheDocument();
});

test('a join error is shown to the member', async () => {
    mocked.listPrograms.mockResolvedValue([program({})]);
    mocked.myPrograms.mockResolvedValue([]);
    mocked.joinProgram.mockRejectedValue(new Error('Spring is archived and takes no new members.'));
    renderSidebar();
    fireEvent.click(await screen.findByText('Join'));
    expect(await screen.findByText(/archived and takes no new members/)).toBeInTheDocument();
});

test('a server event reloads the sidebar', async () => {
    mocked.listPrograms.mockResolvedValue([]);
    mocked.myPrograms.mockResolvedValue([]);
    renderSidebar();
    await screen.findByText(/not in any program yet/);
    mocked.listPrograms.mockResolvedValue([program({name: 'New one', slug: 'new-one'})]);
    act(() => requestRefresh());
    expect(await screen.findByTestId('join-new-one')).toBeInTheDocument();
});

test('coordinators can open the member list', async () => {
    const spring = program({can_manage: true});
    mocked.listPrograms.mockResolvedValue([spring]);
    mocked.myPrograms.mockResolvedValue([]);
    mocked.listMembers.mockResolvedValue([{...membership(spring, 'pending').enrollment, username: 'ana', display_name: 'Ana'}]);
    mocked.approveMember.mockResolvedValue(membership(spring).enrollment);

    renderSidebar();
    const coord = await screen.findByTestId('coord-spring');
    fireEvent.click(coord.querySelector('button')!);
    expect(await screen.findByTestId('member-ana')).toHaveTextContent('Waiting for approval');
    fireEvent.click(screen.getByText('Approve'));
    await waitFor(() => expect(mocked.approveMember).toHaveBeenCalledWith('p1', 'me'));
});

test('partition hides invite-only programs from members and keeps left ones joinable', () => {
    const open = program({id: 'a'});
    const invite = program({id: 'b', enrollment_mode: 'invite'});
    const left = program({id: 'c'});
    const {joinable} = partition([open, invite, left], [membership(left, 'left')]);
    expect(joinable.map((p) => p.id)).toEqual(['a', 'c']);
});
