// Another time my partner proposed: the occurrence view only says that they
// did, so the time itself is read from the session when I ask to see it.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {getSession, takeProposal} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {TimeProposal} from '../../../types/sessions';
import {InlineError} from '../../common/people';

import {dayTimeOf} from './when';

export default function ProposalReview({sessionId, testId, onDone}: {sessionId: string; testId: string; onDone: () => void}) {
    const intl = useIntl();
    const [proposal, setProposal] = useState<TimeProposal | null>(null);
    const [gone, setGone] = useState(false);
    const action = useAction();

    const review = async () => {
        const view = await action.run(() => getSession(sessionId));
        if (view) {
            setProposal(view.proposal ?? null);
            setGone(!view.proposal);
        }
    };
    const take = async () => {
        if (await action.run(() => takeProposal(sessionId))) {
            onDone();
        }
    };

    return (
        <div style={{marginTop: 4}} data-testid={testId}>
            {!proposal && !gone && (
                <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={review} data-testid={`${testId}-review`}>
                    <FormattedMessage id='sessions.proposal_review'/>
                </button>
            )}
            {gone && <div style={{fontSize: 12}}><FormattedMessage id='sessions.proposal_gone'/></div>}
            {proposal && (
                <div style={{fontSize: 12}}>
                    <FormattedMessage id='sessions.proposal_time' values={{time: dayTimeOf(intl, proposal.start)}}/>{' '}
                    <button type='button' className='btn btn-primary btn-sm' disabled={action.busy} onClick={take} data-testid={`${testId}-take`}>
                        <FormattedMessage id='sessions.proposal_take'/>
                    </button>
                </div>
            )}
            <InlineError message={action.error}/>
        </div>
    );
}
