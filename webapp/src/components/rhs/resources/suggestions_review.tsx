// Members' suggestions waiting for a coordinator: approve publishes, reject
// keeps it out of the hub (the author is told by the server).
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {decideResource, suggestedResources} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import {requestRefresh} from '../../../refresh';
import {InlineError, atName} from '../../common/people';
import {ErrorBox, Loading} from '../../common/states';

export default function SuggestionsReview({programId}: {programId: string}) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(() => suggestedResources(programId), [programId]);
    const username = useUsernames((data ?? []).map((r) => r.author_id));
    const action = useAction();

    if (error) {
        return <ErrorBox message={<FormattedMessage id='resources.suggested_error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='resources.loading'/>}/>;
    }
    const decide = async (id: string, decision: 'approve' | 'reject') => {
        if (await action.run(() => decideResource(id, decision))) {
            // The hub's list shows an approved resource: every section reloads.
            requestRefresh();
        }
    };
    return (
        <section aria-label={intl.formatMessage({id: 'resources.suggested_title'})} data-testid={`resource-suggestions-${programId}`}>
            <h5 style={{fontSize: 12, fontWeight: 600, margin: '12px 0 4px'}}><FormattedMessage id='resources.suggested_title'/></h5>
            {data.length === 0 && <div style={{fontSize: 12, opacity: 0.72}} data-testid='suggestions-empty'><FormattedMessage id='resources.suggested_empty'/></div>}
            <ul style={{listStyle: 'none', padding: 0, margin: 0, fontSize: 12}}>
                {data.map((r) => (
                    <li key={r.id} style={{marginBottom: 6}} data-testid={`suggested-${r.id}`}>
                        <strong>{r.title}</strong>
                        {r.url && <span>{' '}<a href={r.url} target='_blank' rel='noopener noreferrer'>{r.url}</a></span>}
                        <div style={{opacity: 0.72}}><FormattedMessage id='resources.suggested_by' values={{user: atName(r.author_id, username(r.author_id))}}/></div>
                        <div style={{display: 'flex', gap: 6, marginTop: 2}}>
                            <button type='button' className='btn btn-primary btn-xs' disabled={action.busy} onClick={() => decide(r.id, 'approve')} data-testid={`approve-${r.id}`}>
                                <FormattedMessage id='resources.approve'/>
                            </button>
                            <button type='button' className='btn btn-tertiary btn-xs' disabled={action.busy} onClick={() => decide(r.id, 'reject')} data-testid={`reject-${r.id}`}>
                                <FormattedMessage id='resources.reject'/>
                            </button>
                        </div>
                    </li>
                ))}
            </ul>
            <InlineError message={action.error} testId='suggestions-error'/>
        </section>
    );
}
