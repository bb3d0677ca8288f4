// Adds a goal to a match: title, how success is measured, a due day and the
// milestones (one per line). The server validates; its refusal is shown with
// the field it blames.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {addGoal} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {Goal, GoalInput} from '../../../types/progress';
import {InlineError} from '../../common/people';

export const formRow: React.CSSProperties = {display: 'block', marginTop: 6};
export const formInput: React.CSSProperties = {display: 'block', width: '100%', marginTop: 2};

/** Lines of a text area as a list, blanks dropped. */
export const linesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

interface Props {
    matchId: string;
    onDone: (goal: Goal) => void;
    onClose: () => void;
}

export default function GoalForm({matchId, onDone, onClose}: Props) {
    const intl = useIntl();
    const [title, setTitle] = useState('');
    const [measure, setMeasure] = useState('');
    const [due, setDue] = useState('');
    const [milestones, setMilestones] = useState('');
    const [description, setDescription] = useState('');
    const action = useAction();
    const testId = `goal-form-${matchId}`;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const input: GoalInput = {title: title.trim()};
        if (description.trim()) {
            input.description = description.trim();
        }
        if (measure.trim()) {
            input.measure = measure.trim();
        }
        if (due) {
            input.due = due;
        }
        const steps = linesOf(milestones);
        if (steps.length) {
            input.milestones = steps;
        }
        const goal = await action.run(() => addGoal(matchId, input));
        if (goal) {
            onDone(goal);
        }
    };
    const blamed = (name: string) => (action.field === name ? {'aria-invalid': true} : {});

    return (
        <form onSubmit={submit} style={{marginTop: 8, fontSize: 12}} data-testid={testId} aria-label={intl.formatMessage({id: 'goals.add_title'})}>
            <label style={formRow}>
                <FormattedMessage id='goals.field.title'/>
                <input type='text' value={title} onChange={(e) => setTitle(e.target.value)} style={formInput} required={true} maxLength={120} data-testid={`${testId}-title`} {...blamed('title')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.measure'/>
                <input type='text' value={measure} onChange={(e) => setMeasure(e.target.value)} style={formInput} maxLength={500} data-testid={`${testId}-measure`} {...blamed('measure')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.due'/>
                <input type='date' value={due} onChange={(e) => setDue(e.target.value)} style={formInput} data-testid={`${testId}-due`} {...blamed('due')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.milestones'/>
                <textarea value={milestones} onChange={(e) => setMilestones(e.target.value)} rows={3} style={formInput} data-testid={`${testId}-milestones`} {...blamed('milestones')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='goals.field.description'/>
                <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} style={formInput} maxLength={2000} data-testid={`${testId}-description`} {...blamed('description')}/>
            </label>
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy || !title.trim()} data-testid={`${testId}-submit`}>
                    <FormattedMessage id='goals.add'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose}>
                    <FormattedMessage id='common.cancel'/>
                </button>
            </div>
        </form>
    );
}
