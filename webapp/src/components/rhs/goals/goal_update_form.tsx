// Updates a goal: progress, status, a note for the history and a new
// milestone. Only what changed is sent, so an untouched field never
// overwrites a partner's concurrent change.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {updateGoal} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {goalStatusLabel} from '../../../i18n/labels';
import type {Goal, GoalPatch, GoalStatus} from '../../../types/progress';
import {InlineError} from '../../common/people';

import {formInput, formRow} from './goal_form';

const STATUSES: GoalStatus[] = ['on_track', 'at_risk', 'done', 'dropped'];

interface Props {
    matchId: string;
    goal: Goal;
    onDone: (goal: Goal) => void;
    onClose: () => void;
}

export default function GoalUpdateForm({matchId, goal, onDone, onClose}: Props) {
    const intl = useIntl();
    const [progress, setProgress] = useState(String(goal.progress));
    const [status, setStatus] = useState<GoalStatus>(goal.status);
    const [note, setNote] = useState('');
    const [milestone, setMilestone] = useState('');
    const action = useAction();
    const testId = `goal-update-${goal.id}`;

    const patch = (): GoalPatch => {
        const p: GoalPatch = {};
        if (progress.trim() !== '' && Number(progress) !== goal.progress) {
            p.progress = Number(progress);
        }
        if (status !== goal.status) {
            p.status = status;
        }
        if (note.trim()) {
            p.note = note.trim();
        }
        if (milestone.trim()) {
            p.add_milestones = [milestone.trim()];
        }
        return p;
    };
    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const body = patch();
        if (Object.keys(body).length === 0) {
            onClose();
            return;
        }
        const saved = await action.run(() => updateGoal(matchId, goal.id, body));
        if (saved) {
            onDone(saved);
        }
    };
    const blamed = (name: string) => (action.field === name ? {'aria-invalid': true} : {});

    return (
        <form onSubmit={submit} style={{marginTop: 6, fontSize: 12}} data-testid={testId} aria-label={intl.formatMessage({id: 'goals.update_title'}, {goal: goal.title})}>
            <label style={formRow}>
                <FormattedMessage id='goals.field.progress'/>
                <input type='number' min={0} max={100} value={progress} onChange={(e) => setProgress(e.target.value)} style={formInput} data-testid={`${testId}-progress`} {...blamed('progress')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.status'/>
                <select value={status} onChange={(e) => setStatus(e.target.value as GoalStatus)} style={formInput} data-testid={`${testId}-status`} {...blamed('status')}>
                    {STATUSES.map((s) => <option key={s} value={s}>{intl.formatMessage({id: goalStatusLabel[s]})}</option>)}
                </select>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.milestone'/>
                <input type='text' value={milestone} onChange={(e) => setMilestone(e.target.value)} style={formInput} data-testid={`${testId}-milestone`} {...blamed('add_milestones')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.note'/>
                <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={1000} style={formInput} data-testid={`${testId}-note`} {...blamed('note')}/>
            </label>
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid={`${testId}-submit`}>
                    <FormattedMessage id='goals.save'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose}>
                    <FormattedMessage id='common.cancel'/>
                </button>
            </div>
        </form>
    );
}
