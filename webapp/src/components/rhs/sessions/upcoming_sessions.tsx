// "Upcoming sessions": my occurrences from now on (the server's default
// window), each in my time zone. Reloads on the plugin's change event.
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listSessions} from '../../../client';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import {Empty, ErrorBox, Loading, sectionTitle} from '../../common/states';

import OccurrenceCard from './occurrence_card';
import {occurrenceId} from './when';

export default function UpcomingSessions({me}: {me: string}) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(() => listSessions(), []);
    const username = useUsernames((data ?? []).flatMap((o) => o.participants));

    let body: React.ReactNode;
    if (error) {
        body = <ErrorBox message={<FormattedMessage id='sessions.error' values={{error}}/>} onRetry={reload}/>;
    } else if (!data) {
        body = <Loading label={<FormattedMessage id='sessions.loading'/>}/>;
    } else if (data.length === 0) {
        body = <Empty label={<FormattedMessage id='sessions.empty'/>}/>;
    } else {
        // The server sends them in order; sorting again keeps moved ones in place.
        const sorted = [...data].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
        body = sorted.map((o) => <OccurrenceCard key={occurrenceId(o)} occurrence={o} me={me} username={username} onChanged={reload}/>);
    }
    return (
        <section aria-label={intl.formatMessage({id: 'sessions.title'})} data-testid='upcoming-sessions'>
            <h4 style={sectionTitle}><FormattedMessage id='sessions.title'/></h4>
            {body}
        </section>
    );
}
