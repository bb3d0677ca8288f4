import React from 'react';
import {FormattedMessage, FormattedNumber} from 'react-intl';

import {useUsernames} from '../../../hooks/users';
import {policyLabel, unmatchedLabel} from '../../../i18n/labels';
import type {Preview} from '../../../types';
import {ValueLabel} from '../../common/labels';
import {UserName, atName} from '../../common/people';
import {Reasons} from '../../common/reasons';
import {Empty} from '../../common/states';

import Pager from './pager';

interface Props {
    preview: Preview;
    onPage: (page: number) => void;
}

const stat: React.CSSProperties = {fontSize: 12, margin: '2px 0'};
const badge: React.CSSProperties = {
    display: 'inline-block', padding: '0 6px', borderRadius: 8, fontSize: 11, fontWeight: 600,
    background: 'rgba(var(--online-indicator-rgb, 6, 214, 160), 0.16)',
};

/** A preview's totals, then one page of its pairs and of its unmatched mentees. */
export default function PreviewResults({preview, onPage}: Props) {
    const ids = [...preview.pairs.flatMap((p) => [p.mentee_id, p.mentor_id]), ...preview.unmatched.map((u) => u.user_id)];
    const username = useUsernames(ids);
    const user = (id: string) => <UserName id={id} username={username(id)}/>;
    return (
        <div data-testid='preview-results'>
            <div style={{...stat, fontWeight: 600}} data-testid='preview-coverage'>
                <FormattedMessage id='preview.coverage' values={{matched: preview.matched, mentees: preview.mentees}}/>
                {preview.optimal && <>{' '}<span style={badge} data-testid='preview-optimal'><FormattedMessage id='preview.optimal'/></span></>}
            </div>
            <div style={stat} data-testid='preview-scores'>
                <FormattedMessage
                    id='preview.scores'
                    values={{
                        average: <span data-testid='preview-average'><FormattedNumber value={preview.average} maximumFractionDigits={1}/></span>,
                        lowest: <span data-testid='preview-lowest'>{preview.matched > 0 ? preview.lowest : '–'}</span>,
                    }}
                />
            </div>
            <div style={stat}>
                <FormattedMessage
                    id='preview.settings'
                    values={{policy: <ValueLabel labels={policyLabel} value={preview.policy}/>, min: preview.min_score, mentors: preview.mentors}}
                />
            </div>

            {preview.status !== 'ready' && (
                <div style={{...stat, fontWeight: 600}} data-testid='preview-status'>
                    <FormattedMessage
                        id={preview.status === 'publishing' ? 'preview.status_publishing' : 'preview.status_published'}
                        values={{published: preview.published, skipped: preview.skipped}}
                    />
                </div>
            )}

            <h5 style={{margin: '8px 0 2px', fontSize: 12}}><FormattedMessage id='preview.pairs'/></h5>
            {preview.pairs.length === 0 && <Empty label={<FormattedMessage id='preview.no_pairs'/>}/>}
            <ul style={{listStyle: 'none', padding: 0, margin: 0}}>
                {preview.pairs.map((p) => (
                    <li key={p.mentee_id} data-testid={`preview-pair-${p.mentee_id}`} style={{padding: '4px 0'}}>
                        <FormattedMessage id='preview.pair' values={{mentee: user(p.mentee_id), mentor: user(p.mentor_id), score: p.score}}/>
                        <Reasons reasons={p.reasons} viewer='other' mentee={atName(p.mentee_id, username(p.mentee_id))} mentor={atName(p.mentor_id, username(p.mentor_id))}/>
                    </li>
                ))}
            </ul>

            {preview.unmatched.length > 0 && (
                <>
                    <h5 style={{margin: '8px 0 2px', fontSize: 12}}><FormattedMessage id='preview.unmatched'/></h5>
                    <ul style={{listStyle: 'none', padding: 0, margin: 0}}>
                        {preview.unmatched.map((u) => (
                            <li key={u.user_id} data-testid={`preview-unmatched-${u.user_id}`} style={{fontSize: 12, padding: '2px 0'}}>
                                {user(u.user_id)}{': '}<ValueLabel labels={unmatchedLabel} value={u.reason}/>
                            </li>
                        ))}
                    </ul>
                </>
            )}
            <Pager page={preview.page} pages={preview.pages} onPage={onPage} testId='preview'/>
        </div>
    );
}
