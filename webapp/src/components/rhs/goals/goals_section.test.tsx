import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import {users} from '../matches/fixtures';

import {goal, goalsView} from './fixtures';
import GoalsSection from './goals_section';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), {target: {value}});
const fill = (id: string) => screen.getByTestId(id).querySelector('[data-testid=progress-fill]') as HTMLElement;

const twoSteps = goal({
    measure: 'A talk given', due: '2027-01-15', progress: 0,
    milestones: [{id: 'ms1', title: 'Pick a topic', done: false}, {id: 'ms2', title: 'Rehearse', done: false}],
});

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
});

test('loading, then the goals with their progress bar, status, measure, due day and milestones', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([twoSteps, goal({id: 'g2', title: 'Read a book', progress: 100, status: 'done'})]));
    renderAs({}, <GoalsSection matchId='m1'/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading goals…');
    const card = await screen.findByTestId('goal-g1');
    expect(card).toHaveTextContent('Give a talk');
    expect(card).toHaveTextContent('On track');
    expect(card).toHaveTextContent('Measure: A talk given.');
    expect(card).toHaveTextContent('Due Jan 15, 2027');
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
    expect(within(card).getAllByRole('checkbox')).toHaveLength(2);
    expect(screen.getByTestId('goals-m1')).toHaveTextContent('1 of 2 done');
    expect(fill('goal-progress-g2').style.width).toBe('100%');
    // A done goal is no longer edited.
    expect(screen.queryByTestId('goal-update-open-g2')).toBeNull();
    expect(mocked.listGoals).toHaveBeenCalledWith('m1');
});

test('ticking a milestone sends it and the bar moves to the answered progress', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([twoSteps]));
    mocked.updateGoal.mockResolvedValue({...twoSteps, progress: 50, milestones: [{id: 'ms1', title: 'Pick a topic', done: true}, {id: 'ms2', title: 'Rehearse', done: false}]});
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('milestone-ms1'));
    await waitFor(() => expect(fill('goal-progress-g1').style.width).toBe('50%'));
    expect(mocked.updateGoal).toHaveBeenCalledWith('m1', 'g1', {done_milestones: ['ms1']});
    expect(screen.getByTestId('milestone-ms1')).toBeChecked();
    expect(screen.getByTestId('goal-g1')).toHaveTextContent('50%');
});

test('unticking sends undone_milestones; a refusal is shown next to the goal', async () => {
    const ticked = {...twoSteps, milestones: [{id: 'ms1', title: 'Pick a topic', done: true}]};
    mocked.listGoals.mockResolvedValue(goalsView([ticked]));
    let refuse: (e: Error) => void = () => undefined;
    mocked.updateGoal.mockReturnValue(new Promise((_resolve, reject) => {
        refuse = reject;
    }));
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('milestone-ms1'));
    // Shown unticked at once, while the server is asked...
    expect(screen.getByTestId('milestone-ms1')).not.toBeChecked();
    await act(async () => refuse(apiError(403, 'This match has ended.')));
    // ...and ticked again when it refuses.
    expect(await screen.findByTestId('goal-g1-error')).toHaveTextContent('This match has ended.');
    expect(screen.getByTestId('milestone-ms1')).toBeChecked();
    expect(mocked.updateGoal).toHaveBeenCalledWith('m1', 'g1', {undone_milestones: ['ms1']});
});

test('readers who may not edit see no forms and disabled milestones', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([twoSteps], false));
    renderAs({}, <GoalsSection matchId='m1'/>);
    expect(await screen.findByTestId('milestone-ms1')).toBeDisabled();
    expect(screen.queryByTestId('goal-add-m1')).toBeNull();
    expect(screen.queryByTestId('goal-update-open-g1')).toBeNull();
});

test('empty: an invitation for the pair, a plain line for a reader', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([]));
    const {unmount} = renderAs({}, <GoalsSection matchId='m1'/>);
    expect(await screen.findByTestId('goals-empty')).toHaveTextContent('Set one together');
    unmount();
    mocked.listGoals.mockResolvedValue(goalsView([], false));
    renderAs({locale: 'es'}, <GoalsSection matchId='m1'/>);
    expect(await screen.findByTestId('goals-empty')).toHaveTextContent('Aún no hay objetivos.');
});

test('an error offers a retry that reloads', async () => {
    mocked.listGoals.mockRejectedValueOnce(new Error('boom'));
    renderAs({}, <GoalsSection matchId='m1'/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load goals: boom');
    mocked.listGoals.mockResolvedValue(goalsView([goal()]));
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('goal-g1')).toBeInTheDocument();
});

test('adding a goal sends the trimmed fields and milestones by line, then lists it', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([]));
    mocked.addGoal.mockResolvedValue(goal({id: 'g9', title: 'Lead a retro'}));
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('goal-add-m1'));
    type('goal-form-m1-title', ' Lead a retro ');
    type('goal-form-m1-measure', 'Team says it helped');
    type('goal-form-m1-due', '2027-02-01');
    type('goal-form-m1-milestones', 'Read the guide\n\n Shadow one ');
    fireEvent.click(screen.getByTestId('goal-form-m1-submit'));
    expect(await screen.findByTestId('goal-g9')).toHaveTextContent('Lead a retro');
    expect(mocked.addGoal).toHaveBeenCalledWith('m1', {title: 'Lead a retro', measure: 'Team says it helped', due: '2027-02-01', milestones: ['Read the guide', 'Shadow one']});
    expect(screen.queryByTestId('goal-form-m1')).toBeNull();
});

test('a refused goal keeps the form, marks the field and shows why', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([]));
    mocked.addGoal.mockRejectedValue(apiError(400, 'The due date is in the past.', 'due'));
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('goal-add-m1'));
    type('goal-form-m1-title', 'X');
    type('goal-form-m1-due', '2020-01-01');
    fireEvent.click(screen.getByTestId('goal-form-m1-submit'));
    expect(await screen.findByTestId('goal-form-m1-error')).toHaveTextContent('The due date is in the past.');
    expect(screen.getByTestId('goal-form-m1-due')).toHaveAttribute('aria-invalid', 'true');
});

test('the update form sends only what changed', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([goal({progress: 20})]));
    mocked.updateGoal.mockResolvedValue(goal({progress: 60, status: 'at_risk'}));
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('goal-update-open-g1'));
    type('goal-update-g1-progress', '60');
    type('goal-update-g1-status', 'at_risk');
    type('goal-update-g1-note', ' slipping ');
    type('goal-update-g1-milestone', 'Book a room');
    fireEvent.click(screen.getByTestId('goal-update-g1-submit'));
    await waitFor(() => expect(screen.getByTestId('goal-g1')).toHaveTextContent('At risk'));
    expect(mocked.updateGoal).toHaveBeenCalledWith('m1', 'g1', {progress: 60, status: 'at_risk', note: 'slipping', add_milestones: ['Book a room']});
});

test('an unchanged update form closes without a request', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([goal()]));
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('goal-update-open-g1'));
    fireEvent.click(screen.getByTestId('goal-update-g1-submit'));
    await waitFor(() => expect(screen.queryByTestId('goal-update-g1')).toBeNull());
    expect(mocked.updateGoal).not.toHaveBeenCalled();
});

test('mark done with a note; the history lists updates newest first with names', async () => {
    const history = [
        {at: '2026-11-01T10:00:00Z', by: 'me', kind: 'created', progress: 0, status: 'on_track' as const},
        {at: '2026-11-20T10:00:00Z', by: 'u-ana', kind: 'done', note: 'nailed it', progress: 100, status: 'done' as const},
    ];
    mocked.listGoals.mockResolvedValue(goalsView([goal()]));
    mocked.goalDone.mockResolvedValue(goal({progress: 100, status: 'done', history}));
    renderAs({}, <GoalsSection matchId='m1'/>);
    fireEvent.click(await screen.findByTestId('goal-done-open-g1'));
    type('goal-done-g1-note', 'nailed it');
    fireEvent.click(screen.getByTestId('goal-done-g1-submit'));
    await waitFor(() => expect(screen.getByTestId('goal-g1')).toHaveTextContent('Done'));
    expect(mocked.goalDone).toHaveBeenCalledWith('m1', 'g1', 'nailed it');
    fireEvent.click(screen.getByTestId('goal-history-open-g1'));
    await act(async () => {});
    const items = within(screen.getByTestId('goal-history-g1')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Nov 20, 2026, @ana: 100% · Done — nailed it', 'Nov 1, 2026, @me: 0% · On track']);
});

test('Spanish readers get the section in Spanish', async () => {
    mocked.listGoals.mockResolvedValue(goalsView([goal({status: 'at_risk'})]));
    renderAs({locale: 'es'}, <GoalsSection matchId='m1'/>);
    const card = await screen.findByTestId('goal-g1');
    expect(card).toHaveTextContent('En riesgo');
    expect(screen.getByTestId('goal-update-open-g1')).toHaveTextContent('Actualizar');
    expect(screen.getByTestId('goal-add-m1')).toHaveTextContent('Añadir un objetivo');
});
