import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {endMatch} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {EndOutcome, Match} from '../../../types';
import {InlineError} from '../../common/people';

interface Props {
    match: Match;
    onDone: () => void;
    onCancel: () => void;
}

/** Ends a match: completed or cancelled, with an optional reason. */
export default function EndMatchForm({match, onDone, onCancel}: Props) {
    const intl = useIntl();
    const [outcome, setOutcome] = useState<EndOutcome>('completed');
    const [reason, setReason] = useState('');
    const action = useAction();
    const id = match.id;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const ended = await action.run(() => endMatch(id, outcome, reason.trim()));
        if (ended) {
            onDone();
        }
    };

    return (
        <form onSubmit={submit} style={{marginTop: 8}} data-testid={`match-end-form-${id}`} aria-label={intl.formatMessage({id: 'matches.end_title'})}>
            <label style={{display: 'block', fontSize: 12}}>
                <FormattedMessage id='matches.end_outcome'/>{' '}
                <select value={outcome} onChange={(e) => setOutcome(e.target.value as EndOutcome)} data-testid={`match-end-outcome-${id}`}>
                    <option value='completed'>{intl.formatMessage({id: 'matches.outcome.completed'})}</option>
                    <option value='cancelled'>{intl.formatMessage({id: 'matches.outcome.cancelled'})}</option>
                </select>
            </label>
            <label style={{display: 'block', fontSize: 12, marginTop: 4}}>
                <FormattedMessage id='matches.end_reason'/>
                <textarea
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    rows={2}
                    maxLength={1000}
                    style={{display: 'block', width: '100%'}}
                    data-testid={`match-end-reason-${id}`}
                />
            </label>
            <InlineError message={action.error}/>
            <div style={{display: 'flex', gap: 8, marginTop: 4}}>
                <button type='submit' className='btn btn-danger btn-sm' disabled={action.busy} data-testid={`match-end-submit-${id}`}>
                    <FormattedMessage id='matches.end_confirm'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onCancel} data-testid={`match-end-cancel-${id}`}>
                    <FormattedMessage id='common.cancel'/>
                </button>
            </div>
        </form>
    );
}
