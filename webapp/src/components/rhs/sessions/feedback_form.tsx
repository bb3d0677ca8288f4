// Feedback on one past occurrence: a rating, a few words, and whether the
// partner may read it (otherwise only coordinators do).
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {sendFeedback} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {OccurrenceView} from '../../../types/sessions';
import {InlineError} from '../../common/people';

interface Props {
    occurrence: OccurrenceView;
    testId: string;
    onDone: (rating: number) => void;
    onClose: () => void;
}

const RATINGS = [1, 2, 3, 4, 5];

export default function FeedbackForm({occurrence: o, testId, onDone, onClose}: Props) {
    const intl = useIntl();
    const [rating, setRating] = useState(0);
    const [text, setText] = useState('');
    const [shared, setShared] = useState(false);
    const action = useAction();

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const input = {occurrence: o.occurrence, rating, text: text.trim(), shared};
        if (await action.run(() => sendFeedback(o.session_id, input))) {
            onDone(rating);
        }
    };
    return (
        <form onSubmit={submit} style={{marginTop: 8, fontSize: 12}} data-testid={testId}>
            <fieldset style={{border: 'none', padding: 0, margin: 0}}>
                <legend style={{fontSize: 12, margin: 0}}><FormattedMessage id='feedback.rating'/></legend>
                {RATINGS.map((n) => (
                    <label key={n} style={{marginRight: 8}}>
                        <input type='radio' name={`${testId}-rating`} checked={rating === n} onChange={() => setRating(n)} data-testid={`${testId}-rating-${n}`}/>{' '}
                        {intl.formatNumber(n)}
                    </label>
                ))}
            </fieldset>
            <label style={{display: 'block', marginTop: 4}}>
                <FormattedMessage id='feedback.text'/>
                <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} style={{display: 'block', width: '100%'}} data-testid={`${testId}-text`}/>
            </label>
            <label style={{display: 'block', marginTop: 4}}>
                <input type='checkbox' checked={shared} onChange={(e) => setShared(e.target.checked)} data-testid={`${testId}-shared`}/>{' '}
                <FormattedMessage id='feedback.shared'/>
            </label>
            <InlineError message={action.error}/>
            <div style={{display: 'flex', gap: 8, marginTop: 4}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy || rating === 0} data-testid={`${testId}-submit`}>
                    <FormattedMessage id='feedback.send'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose}><FormattedMessage id='common.cancel'/></button>
            </div>
        </form>
    );
}
