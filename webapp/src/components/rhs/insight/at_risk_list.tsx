// The pairs that need a coordinator's attention, worst first, each with its
// reasons and a one-click nudge. The server allows one nudge per pair a day
// and answers 409 for a second: shown as "nudged already", not as a failure.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {nudgeMatch} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useUsernames} from '../../../hooks/users';
import type {AtRiskMatch} from '../../../types/insight';
import {InstantDay} from '../../common/dates';
import {InlineError, atName} from '../../common/people';

import {RiskReasonText} from './risk_reason';

interface Props {
    programId: string;
    items: AtRiskMatch[];
    total: number;
}

function AtRiskItem({programId, item, name}: {programId: string; item: AtRiskMatch; name: (id: string) => string}) {
    const action = useAction();
    const [nudgedAt, setNudgedAt] = useState(item.nudged_at ?? '');
    const nudge = async () => {
        const done = await action.run(() => nudgeMatch(programId, item.match_id));
        if (done) {
            setNudgedAt(done.nudged_at);
        }
    };
    // A 409 is the answer "already nudged in the last 24 hours".
    const conflict = action.status === 409;
    return (
        <li style={{marginBottom: 8}} data-testid={`at-risk-${item.match_id}`}>
            <div>
                <FormattedMessage id='insight.pair' values={{mentee: name(item.mentee_id), mentor: name(item.mentor_id)}}/>
            </div>
            <ul style={{margin: '2px 0', paddingLeft: 16}}>
                {item.reasons.map((r, i) => (
                    <li key={`${r.code}-${i}`} data-testid='risk-reason'><RiskReasonText reason={r} name={name}/></li>
                ))}
            </ul>
            <div style={{display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap'}}>
                <button type='button' className='btn btn-tertiary btn-xs' disabled={action.busy} onClick={nudge} data-testid={`nudge-${item.match_id}`}>
                    <FormattedMessage id='insight.nudge'/>
                </button>
                {nudgedAt && !conflict && (
                    <span style={{fontSize: 11}} data-testid={`nudged-${item.match_id}`}>
                        <FormattedMessage id='insight.nudged_on' values={{date: <InstantDay at={nudgedAt}/>}}/>
                    </span>
                )}
                {conflict && <span role='status' style={{fontSize: 11}} data-testid={`nudged-${item.match_id}`}><FormattedMessage id='insight.nudged_already'/></span>}
            </div>
            {!conflict && <InlineError message={action.error} testId={`nudge-error-${item.match_id}`}/>}
        </li>
    );
}

export default function AtRiskList({programId, items, total}: Props) {
    const intl = useIntl();
    const username = useUsernames(items.flatMap((i) => [i.mentee_id, i.mentor_id]));
    const name = (id: string) => atName(id, username(id));
    return (
        <section aria-label={intl.formatMessage({id: 'insight.at_risk'})} data-testid={`at-risk-${programId}`}>
            <h5 style={{fontSize: 12, fontWeight: 600, margin: '12px 0 4px'}}>
                <FormattedMessage id='insight.at_risk_count' values={{count: total}}/>
            </h5>
            {items.length === 0 && <div style={{fontSize: 12, opacity: 0.72}} data-testid='at-risk-empty'><FormattedMessage id='insight.at_risk_empty'/></div>}
            <ul style={{listStyle: 'none', padding: 0, margin: 0, fontSize: 12}}>
                {items.map((item) => <AtRiskItem key={item.match_id} programId={programId} item={item} name={name}/>)}
            </ul>
            {total > items.length && (
                <div style={{fontSize: 11, opacity: 0.72}}><FormattedMessage id='insight.at_risk_more' values={{shown: items.length, total}}/></div>
            )}
        </section>
    );
}
