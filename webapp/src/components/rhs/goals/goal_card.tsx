// One goal: its progress bar, status, due day, milestones (ticked in place by
// either side of a live match), the update and done forms, and its history.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {goalDone, updateGoal} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {goalStatusLabel} from '../../../i18n/labels';
import type {Goal, Milestone} from '../../../types/progress';
import {CalendarDay, InstantDay} from '../../common/dates';
import {ValueLabel} from '../../common/labels';
import {InlineError, atName} from '../../common/people';

import GoalUpdateForm from './goal_update_form';
import ProgressBar from './progress_bar';

interface Props {
    matchId: string;
    goal: Goal;
    canEdit: boolean;
    username: (id: string) => string;
    onChanged: (goal: Goal) => void;
}

const statusColor: Record<string, string> = {on_track: '#3db887', at_risk: '#d24b4e', done: '#1c58d9', dropped: '#8b8d97'};
const open = (g: Goal) => g.status === 'on_track' || g.status === 'at_risk';

export default function GoalCard({matchId, goal, canEdit, username, onChanged}: Props) {
    const intl = useIntl();
    const [mode, setMode] = useState<'' | 'update' | 'done' | 'history'>('');
    const [note, setNote] = useState('');
    const action = useAction();
    const editable = canEdit && open(goal);
    const milestones = goal.milestones ?? [];

    // A ticked box shows its new state while the request runs (and goes back
    // if the server refuses it).
    const [ticking, setTicking] = useState<{id: string; done: boolean} | null>(null);
    const tick = async (m: Milestone, done: boolean) => {
        setTicking({id: m.id, done});
        const saved = await action.run(() => updateGoal(matchId, goal.id, done ? {done_milestones: [m.id]} : {undone_milestones: [m.id]}));
        setTicking(null);
        if (saved) {
            onChanged(saved);
        }
    };
    const finish = async (e: React.FormEvent) => {
        e.preventDefault();
        const saved = await action.run(() => goalDone(matchId, goal.id, note.trim()));
        if (saved) {
            setMode('');
            setNote('');
            onChanged(saved);
        }
    };

    return (
        <div style={{marginTop: 8, paddingTop: 8, borderTop: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08)'}} data-testid={`goal-${goal.id}`}>
            <div style={{display: 'flex', justifyContent: 'space-between', gap: 6}}>
                <strong data-testid='goal-title'>{goal.title}</strong>
                <span style={{fontSize: 11, color: statusColor[goal.status]}} data-testid='goal-status'>
                    <ValueLabel labels={goalStatusLabel} value={goal.status}/>
                </span>
            </div>
            <ProgressBar value={goal.progress} label={intl.formatMessage({id: 'goals.progress_of'}, {goal: goal.title})} testId={`goal-progress-${goal.id}`}/>
            {(goal.measure || goal.due) && (
                <div style={{fontSize: 11, opacity: 0.8}}>
                    {goal.measure && <span><FormattedMessage id='goals.measure' values={{measure: goal.measure}}/> </span>}
                    {goal.due && <span><FormattedMessage id='goals.due' values={{date: <CalendarDay day={goal.due}/>}}/></span>}
                </div>
            )}
            {goal.description && <div style={{fontSize: 12, whiteSpace: 'pre-line'}}>{goal.description}</div>}
            {milestones.length > 0 && (
                <ul style={{listStyle: 'none', padding: 0, margin: '4px 0', fontSize: 12}} aria-label={intl.formatMessage({id: 'goals.milestones'})}>
                    {milestones.map((m) => (
                        <li key={m.id}>
                            <label style={{display: 'flex', gap: 6, alignItems: 'center'}}>
                                <input type='checkbox' checked={ticking?.id === m.id ? ticking.done : m.done} disabled={!editable || action.busy} onChange={(e) => tick(m, e.target.checked)} data-testid={`milestone-${m.id}`}/>
                                <span style={m.done ? {textDecoration: 'line-through', opacity: 0.7} : undefined}>{m.title}</span>
                            </label>
                        </li>
                    ))}
                </ul>
            )}
            <InlineError message={action.error} testId={`goal-${goal.id}-error`}/>
            {mode === '' && (
                <div style={{display: 'flex', gap: 6, marginTop: 4, flexWrap: 'wrap'}}>
                    {editable && (
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('update')} data-testid={`goal-update-open-${goal.id}`}>
                            <FormattedMessage id='goals.update'/>
                        </button>
                    )}
                    {editable && (
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('done')} data-testid={`goal-done-open-${goal.id}`}>
                            <FormattedMessage id='goals.mark_done'/>
                        </button>
                    )}
                    {(goal.history?.length ?? 0) > 0 && (
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('history')} data-testid={`goal-history-open-${goal.id}`}>
                            <FormattedMessage id='goals.history' values={{count: goal.history?.length ?? 0}}/>
                        </button>
                    )}
                </div>
            )}
            {mode === 'update' && <GoalUpdateForm matchId={matchId} goal={goal} onClose={() => setMode('')} onDone={(g) => {
                setMode('');
                onChanged(g);
            }}/>}
            {mode === 'done' && (
                <form onSubmit={finish} style={{marginTop: 6, fontSize: 12}} data-testid={`goal-done-${goal.id}`}>
                    <label style={{display: 'block'}}>
                        <FormattedMessage id='goals.field.note'/>
                        <input type='text' value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} style={{display: 'block', width: '100%'}} data-testid={`goal-done-${goal.id}-note`}/>
                    </label>
                    <div style={{display: 'flex', gap: 8, marginTop: 6}}>
                        <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid={`goal-done-${goal.id}-submit`}>
                            <FormattedMessage id='goals.mark_done'/>
                        </button>
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setMode('')}>
                            <FormattedMessage id='common.cancel'/>
                        </button>
                    </div>
                </form>
            )}
            {mode === 'history' && (
                <div style={{fontSize: 11, marginTop: 4}} data-testid={`goal-history-${goal.id}`}>
                    <ul style={{margin: 0, paddingLeft: 16}}>
                        {[...(goal.history ?? [])].reverse().map((h, i) => (
                            <li key={`${h.at}-${i}`}>
                                <FormattedMessage
                                    id='goals.history_entry'
                                    values={{date: <InstantDay at={h.at}/>, user: atName(h.by, username(h.by)), progress: h.progress, status: goalStatusLabel[h.status] ? intl.formatMessage({id: goalStatusLabel[h.status]}) : h.status}}
                                />
                                {h.note && <span>{' — '}{h.note}</span>}
                            </li>
                        ))}
                    </ul>
                    <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('')}>
                        <FormattedMessage id='goals.hide_history'/>
                    </button>
                </div>
            )}
        </div>
    );
}
