// The feedback on a match the reader may see: their own, and what the partner
// chose to share (the server filters; a coordinator sees all of it elsewhere).
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listFeedback} from '../../../client';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import {InstantDay} from '../../common/dates';
import {atName} from '../../common/people';
import {ErrorBox, Loading} from '../../common/states';

export default function FeedbackSection({matchId, me}: {matchId: string; me: string}) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(() => listFeedback(matchId), [matchId]);
    const username = useUsernames((data ?? []).map((f) => f.author_id));

    if (error) {
        return <ErrorBox message={<FormattedMessage id='match_feedback.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='match_feedback.loading'/>}/>;
    }
    return (
        <section aria-label={intl.formatMessage({id: 'match_feedback.title'})} data-testid={`feedback-${matchId}`}>
            <h5 style={{fontSize: 12, fontWeight: 600, margin: '8px 0 0'}}><FormattedMessage id='match_feedback.title'/></h5>
            {data.length === 0 && <div style={{fontSize: 12, opacity: 0.72}} data-testid='feedback-empty'><FormattedMessage id='match_feedback.empty'/></div>}
            <ul style={{margin: '4px 0', paddingLeft: 16, fontSize: 12}}>
                {data.map((f, i) => (
                    <li key={`${f.at}-${f.author_id}-${i}`} data-testid='feedback-item'>
                        <FormattedMessage
                            id={f.kind === 'exit' ? 'match_feedback.exit' : 'match_feedback.session'}
                            values={{user: f.author_id === me ? intl.formatMessage({id: 'match_feedback.you'}) : atName(f.author_id, username(f.author_id)), date: <InstantDay at={f.at}/>}}
                        />
                        {f.rating > 0 && <span>{' '}<FormattedMessage id='match_feedback.rating' values={{rating: f.rating}}/></span>}
                        {f.author_id === me && <span style={{opacity: 0.7}}>{' '}<FormattedMessage id={f.shared ? 'match_feedback.shared' : 'match_feedback.private'}/></span>}
                        {f.text && <div style={{whiteSpace: 'pre-line'}}>{f.text}</div>}
                    </li>
                ))}
            </ul>
        </section>
    );
}
