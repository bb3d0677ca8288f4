import React from 'react';
import {Provider} from 'react-redux';
import {createStore} from 'redux';
import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../client';
import {requestRefresh} from '../../refresh';
import {type Reader, autoZone, storeFor} from '../../test_utils';
import type {MemberPage, MemberRow, Membership, Program} from '../../types';

import Sidebar, {hubPrograms, partition, vocabularyProgram} from './sidebar';

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

function renderSidebar(reader: Reader = {}) {
    return render(<Provider store={storeFor(reader)}><Sidebar/></Provider>);
}

beforeEach(() => {
    jest.resetAllMocks();
    mocked.listMatches.mockResolvedValue([]);
    mocked.getPreview.mockResolvedValue(null);
    mocked.usersByIds.mockResolvedValue([]);
});

function memberPage(rows: Array<Partial<MemberRow> & {username: string}>): MemberPage {
    const members = rows.map((r) => ({program_id: 'p1', user_id: 'me', role: 'mentee' as const, status: 'active' as const, joined_at: '', load: 0, ...r}));
    return {members, page: 0, pages: 1, total: members.length};
}

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
    mocked.listMembers.mockResolvedValue(memberPage([{status: 'pending', username: 'ana', name: 'Ana'}]));
    mocked.approveMember.mockResolvedValue(membership(spring).enrollment);

    renderSidebar();
    fireEvent.click(await screen.findByTestId('tab-coordinator'));
    const coord = await screen.findByTestId('coord-spring');
    fireEvent.click(within(coord).getByTestId('coord-members-toggle'));
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

test('without a user in the store the sidebar falls back to English', async () => {
    mocked.listPrograms.mockResolvedValue([]);
    mocked.myPrograms.mockResolvedValue([]);
    render(<Provider store={createStore(() => ({entities: {teams: {currentTeamId: 't1'}}}))}><Sidebar/></Provider>);
    expect(await screen.findByText(/not in any program yet/)).toBeInTheDocument();
});

test('a Spanish reader gets the whole sidebar in Spanish, stored values included', async () => {
    const spring = program({start_date: '2026-09-01', end_date: '2027-06-30', can_manage: true});
    const autumn = program({id: 'p2', name: 'Autumn', slug: 'autumn', kind: 'circles', enrollment_mode: 'approval'});
    mocked.listPrograms.mockResolvedValue([spring, autumn]);
    mocked.myPrograms.mockResolvedValue([{program: spring, enrollment: {...membership(spring).enrollment, role: 'both', joined_at: '2026-03-31T20:30:00Z'}}]);
    mocked.listMembers.mockResolvedValue(memberPage([{status: 'pending', role: 'mentor', username: 'ana', name: 'Ana'}]));

    renderSidebar({locale: 'es', timezone: autoZone('Asia/Tokyo')});
    expect(screen.getByRole('status')).toHaveTextContent('Cargando tus programas…');

    const mine = await screen.findByTestId('mine-spring');
    expect(mine).toHaveTextContent('Rol: Mentor y mentorado · Estado: Activo');
    expect(mine.querySelector('[data-testid=status]')).toHaveTextContent(/^Activo$/);
    // Joined late on 31 March UTC: 1 April for a reader in Tokyo.
    expect(mine.querySelector('[data-testid=joined]')).toHaveTextContent(/^Te uniste el 1 abr\.? 2026$/);
    expect(mine.querySelector('[data-testid=dates]')).toHaveTextContent(/^1 sept?\.? 2026 – 30 jun\.? 2027$/);
    expect(mine).toHaveTextContent('PausarSalir');
    expect(screen.getByRole('heading', {name: 'Mis programas'})).toBeInTheDocument();

    const card = screen.getByTestId('join-autumn');
    expect(card).toHaveTextContent('Círculos entre pares');
    expect(card).toHaveTextContent('Requiere aprobación de un coordinador');
    expect(card.querySelector('select')).toHaveAccessibleName('Rol en Autumn');
    expect(card.querySelector('option')).toHaveTextContent('Par');
    expect(card.querySelector('button')).toHaveTextContent('Unirme');

    fireEvent.click(screen.getByTestId('tab-coordinator'));
    fireEvent.click(within(screen.getByTestId('coord-spring')).getByTestId('coord-members-toggle'));
    const row = await screen.findByTestId('member-ana');
    expect(row).toHaveTextContent('Mentor · Esperando aprobación');
    expect(row).toHaveTextContent('AprobarRechazar');
    expect(screen.getByText('Ocultar miembros')).toBeInTheDocument();

    // No raw stored value and no English label leaks through.
    const text = document.body.textContent!;
    for (const raw of ['circles', 'approval', 'one_to_one', 'pending', 'both', 'Mentee', 'Active', 'Role', 'Join', 'Members']) {
        expect(text).not.toContain(raw);
    }
});

test('a Spanish reader sees join confirmations and load errors in Spanish', async () => {
    const spring = program({});
    mocked.listPrograms.mockRejectedValueOnce(new Error('boom')).mockResolvedValue([spring]);
    mocked.myPrograms.mockResolvedValue([]);
    mocked.joinProgram.mockResolvedValue({created: true, enrollment: {...membership(spring).enrollment, status: 'pending'}});

    renderSidebar({locale: 'es-ES'});
    expect(await screen.findByRole('alert')).toHaveTextContent('No se pudieron cargar los programas: boom');
    fireEvent.click(screen.getByText('Reintentar'));
    fireEvent.click(await screen.findByText('Unirme'));
    expect(await screen.findByText('Tu solicitud para unirte a Spring se envió a sus coordinadores.')).toBeInTheDocument();
});

test('tabs: mentoring first, my profile, and the coordinator tab only for coordinators', async () => {
    const spring = program({});
    mocked.listPrograms.mockResolvedValue([spring]);
    mocked.myPrograms.mockResolvedValue([membership(spring)]);
    mocked.getProfile.mockResolvedValue({schema_version: 1, user_id: 'me', skills_offered: [], skills_wanted: [], interests: [], languages: [], experience_years: 0, availability_hours: 0});
    mocked.vocabulary.mockResolvedValue([]);

    renderSidebar();
    expect(await screen.findByTestId('tab-mentoring')).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByTestId('tab-coordinator')).toBeNull();
    expect(await screen.findByTestId('requests-to-me')).toBeInTheDocument();
    expect(screen.getByTestId('my-matches')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('tab-profile'));
    expect(screen.getByTestId('tab-profile')).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('profile-form')).toBeInTheDocument();
    expect(screen.queryByTestId('mine-spring')).toBeNull();
    // The profile's autocomplete uses a program I am in.
    fireEvent.change(screen.getByTestId('profile-skills_offered-input'), {target: {value: 'g'}});
    await waitFor(() => expect(mocked.vocabulary).toHaveBeenCalledWith('p1', 'skills', 'g'));
});

test('sessions and office hours on the mentoring tab; calendar and reminders on my profile', async () => {
    const hours = program({id: 'p2', slug: 'hours', name: 'Ask a senior', kind: 'office_hours'});
    mocked.listPrograms.mockResolvedValue([hours]);
    mocked.myPrograms.mockResolvedValue([membership(hours)]);
    mocked.listSessions.mockResolvedValue([]);
    mocked.freeSlots.mockResolvedValue([]);
    mocked.feedStatus.mockResolvedValue({active: false});
    mocked.getPreferences.mockResolvedValue({lead_minutes: [60], own_lead_minutes: false, quiet_start: '', quiet_end: '', weekly_budget: 10, time_zone: '', feed_active: false});
    mocked.getProfile.mockResolvedValue({schema_version: 1, user_id: 'me', skills_offered: [], skills_wanted: [], interests: [], languages: [], experience_years: 0, availability_hours: 0});

    renderSidebar();
    expect(await screen.findByTestId('upcoming-sessions')).toHaveTextContent('Upcoming sessions');
    expect(await screen.findByTestId('slots-p2')).toBeInTheDocument();
    expect(screen.queryByTestId('calendar-section')).toBeNull();

    fireEvent.click(screen.getByTestId('tab-profile'));
    expect(await screen.findByTestId('calendar-feed')).toBeInTheDocument();
    expect(await screen.findByTestId('reminder-prefs')).toBeInTheDocument();
    expect(screen.queryByTestId('upcoming-sessions')).toBeNull();
});

test('the coordinator tab opens the matching preview of a single coordinated program', async () => {
    const spring = program({can_manage: true});
    mocked.listPrograms.mockResolvedValue([spring, program({id: 'p9', slug: 'old', can_manage: true, archived: true})]);
    mocked.myPrograms.mockResolvedValue([]);
    renderSidebar();
    fireEvent.click(await screen.findByTestId('tab-coordinator'));
    const coord = screen.getByTestId('coord-spring');
    expect(await within(coord).findByText(/No preview yet/)).toBeInTheDocument();
    expect(mocked.getPreview).toHaveBeenCalledWith('p1', 0);
    expect(screen.queryByTestId('coord-old')).toBeNull();
});

test('vocabularyProgram prefers an active program I am in', () => {
    const a = program({id: 'a'});
    const b = program({id: 'b'});
    expect(vocabularyProgram([membership(a, 'pending'), membership(b)])).toBe('b');
    expect(vocabularyProgram([membership(a, 'pending')])).toBe('a');
    expect(vocabularyProgram([membership(a, 'left')])).toBe('');
});

test('the resources tab: for members of a program and coordinators, not for a pending member', async () => {
    const spring = program({});
    mocked.listPrograms.mockResolvedValue([spring]);
    mocked.myPrograms.mockResolvedValue([membership(spring, 'pending')]);
    const {unmount} = renderSidebar();
    await screen.findByTestId('tab-mentoring');
    expect(screen.queryByTestId('tab-resources')).toBeNull();
    unmount();

    mocked.myPrograms.mockResolvedValue([membership(spring)]);
    mocked.listResources.mockResolvedValue({items: [], total: 0});
    mocked.recommendedResources.mockResolvedValue([]);
    renderSidebar();
    fireEvent.click(await screen.findByTestId('tab-resources'));
    expect(await screen.findByTestId('hub-p1')).toBeInTheDocument();
    expect(mocked.listResources).toHaveBeenCalledWith('p1', '', '');
});

test('hubPrograms: my programs and the ones I coordinate, once each, managing where I coordinate', () => {
    const a = program({id: 'a'});
    const b = program({id: 'b', can_manage: true});
    const c = program({id: 'c', archived: true});
    const hubs = hubPrograms([membership(a), membership(b), membership(c), membership(program({id: 'd'}), 'left')], [b, program({id: 'e', can_manage: true})]);
    expect(hubs.map((h) => [h.program.id, h.manage])).toEqual([['a', false], ['b', true], ['e', true]]);
});

test('the coordinator tab opens a program\'s insight', async () => {
    const spring = program({can_manage: true});
    mocked.listPrograms.mockResolvedValue([spring]);
    mocked.myPrograms.mockResolvedValue([]);
    mocked.getInsight.mockRejectedValue(new Error('not yet'));
    renderSidebar();
    fireEvent.click(await screen.findByTestId('tab-coordinator'));
    fireEvent.click(screen.getByTestId('coord-insight-toggle'));
    expect(await screen.findByText('Could not load insight: not yet')).toBeInTheDocument();
    expect(mocked.getInsight).toHaveBeenCalledWith('p1');
});
