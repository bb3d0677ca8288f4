// The goals of one match, inside its card on the Mentoring tab: either side of
// a live match adds and updates them; an ended match's goals stay readable.
// An answer to an action replaces the goal in place (no round trip); the
// plugin's WebSocket event reloads the list when the partner changes one.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listGoals} from '../../../client';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import type {Goal, GoalsView} from '../../../types/progress';
import {ErrorBox, Loading} from '../../common/states';

import GoalCard from './goal_card';
import GoalForm from './goal_form';

const title: React.CSSProperties = {fontSize: 12, fontWeight: 600, margin: '8px 0 0'};

/** The view with one goal replaced (or added at the end). */
export function withGoal(view: GoalsView, goal: Goal): GoalsView {
    const goals = view.goals ?? [];
    const found = goals.some((g) => g.id === goal.id);
    return {...view, goals: found ? goals.map((g) => (g.id === goal.id ? goal : g)) : [...goals, goal]};
}

export default function GoalsSection({matchId}: {matchId: string}) {
    const intl = useIntl();
    const {data, error, reload, set} = useLoad(() => listGoals(matchId), [matchId]);
    const [adding, setAdding] = useState(false);
    const goals = data?.goals ?? [];
    const username = useUsernames(goals.flatMap((g) => (g.history ?? []).map((h) => h.by)));

    if (error) {
        return <ErrorBox message={<FormattedMessage id='goals.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='goals.loading'/>}/>;
    }
    const changed = (goal: Goal) => set(withGoal(data, goal));
    const done = goals.filter((g) => g.status === 'done').length;
    return (
        <section aria-label={intl.formatMessage({id: 'goals.title'})} data-testid={`goals-${matchId}`}>
            <h5 style={title}>
                <FormattedMessage id='goals.title'/>
                {goals.length > 0 && <span style={{fontWeight: 400, opacity: 0.7}}>{' '}<FormattedMessage id='goals.count' values={{done, total: goals.length}}/></span>}
            </h5>
            {goals.length === 0 && (
                <div style={{fontSize: 12, opacity: 0.72}} data-testid='goals-empty'>
                    <FormattedMessage id={data.can_edit ? 'goals.empty_edit' : 'goals.empty'}/>
                </div>
            )}
            {goals.map((g) => <GoalCard key={g.id} matchId={matchId} goal={g} canEdit={data.can_edit} username={username} onChanged={changed}/>)}
            {data.can_edit && !adding && (
                <button type='button' className='btn btn-tertiary btn-xs' style={{marginTop: 6}} onClick={() => setAdding(true)} data-testid={`goal-add-${matchId}`}>
                    <FormattedMessage id='goals.add_open'/>
                </button>
            )}
            {adding && <GoalForm matchId={matchId} onClose={() => setAdding(false)} onDone={(g) => {
                setAdding(false);
                changed(g);
            }}/>}
        </section>
    );
}
