// The two small forms of an upcoming occurrence: propose another time (a
// phrase, parsed by the server in my zone) and cancel (with a reason; for a
// series, this occurrence or all of it).
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {cancelSession, proposeTime} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {OccurrenceView} from '../../../types/sessions';
import {InlineError} from '../../common/people';

import {occurrenceId} from './when';

interface Props {
    occurrence: OccurrenceView;
    onDone: () => void;
    onClose: () => void;
}

const field: React.CSSProperties = {display: 'block', width: '100%', marginTop: 2};
const formStyle: React.CSSProperties = {marginTop: 8, fontSize: 12};

function Buttons({busy, submit, testId, onClose, danger}: {busy: boolean; submit: React.ReactNode; testId: string; onClose: () => void; danger?: boolean}) {
    return (
        <div style={{display: 'flex', gap: 8, marginTop: 4}}>
            <button type='submit' className={danger ? 'btn btn-danger btn-sm' : 'btn btn-primary btn-sm'} disabled={busy} data-testid={`${testId}-submit`}>{submit}</button>
            <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose} data-testid={`${testId}-close`}><FormattedMessage id='common.cancel'/></button>
        </div>
    );
}

export function ProposeForm({occurrence: o, onDone, onClose}: Props) {
    const intl = useIntl();
    const [when, setWhen] = useState('');
    const action = useAction();
    const testId = `session-propose-${occurrenceId(o)}`;
    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        // A series' occurrence is moved alone; a one-off session is the series.
        if (await action.run(() => proposeTime(o.session_id, when.trim(), o.recurring ? o.occurrence : undefined))) {
            onDone();
        }
    };
    return (
        <form onSubmit={submit} style={formStyle} data-testid={testId}>
            <label>
                <FormattedMessage id='sessions.propose_label'/>
                <input
                    type='text'
                    value={when}
                    onChange={(e) => setWhen(e.target.value)}
                    placeholder={intl.formatMessage({id: 'sessions.when_placeholder'})}
                    style={field}
                    required={true}
                    maxLength={200}
                    data-testid={`${testId}-when`}
                />
            </label>
            <InlineError message={action.error}/>
            <Buttons busy={action.busy} submit={<FormattedMessage id='sessions.propose_send'/>} testId={testId} onClose={onClose}/>
        </form>
    );
}

export function CancelForm({occurrence: o, onDone, onClose}: Props) {
    const [reason, setReason] = useState('');
    const [series, setSeries] = useState(false);
    const action = useAction();
    const testId = `session-cancel-${occurrenceId(o)}`;
    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const occurrence = o.recurring && !series ? o.occurrence : undefined;
        if (await action.run(() => cancelSession(o.session_id, reason.trim(), occurrence))) {
            onDone();
        }
    };
    return (
        <form onSubmit={submit} style={formStyle} data-testid={testId}>
            {o.recurring && (
                <fieldset style={{border: 'none', padding: 0, margin: '0 0 4px'}}>
                    <label style={{display: 'block'}}>
                        <input type='radio' checked={!series} onChange={() => setSeries(false)} data-testid={`${testId}-one`}/>{' '}
                        <FormattedMessage id='sessions.cancel_one'/>
                    </label>
                    <label style={{display: 'block'}}>
                        <input type='radio' checked={series} onChange={() => setSeries(true)} data-testid={`${testId}-series`}/>{' '}
                        <FormattedMessage id='sessions.cancel_series'/>
                    </label>
                </fieldset>
            )}
            <label>
                <FormattedMessage id='sessions.cancel_reason'/>
                <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} style={field} data-testid={`${testId}-reason`}/>
            </label>
            <InlineError message={action.error}/>
            <Buttons busy={action.busy} submit={<FormattedMessage id='sessions.cancel_confirm'/>} testId={testId} onClose={onClose} danger={true}/>
        </form>
    );
}
