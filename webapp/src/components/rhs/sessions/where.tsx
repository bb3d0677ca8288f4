// Where an occurrence happens: a join link, the pair's channel (a Mattermost
// call there), or a place.
import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {OccurrenceView} from '../../../types/sessions';
import ChannelLink from '../matches/channel_link';

/** Only web links become clickable: a stored "javascript:" link must never run. */
export function safeLink(url: string | undefined): string {
    if (!url) {
        return '';
    }
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : '';
    } catch {
        return '';
    }
}

export default function WhereLine({occurrence: o, testId}: {occurrence: OccurrenceView; testId: string}) {
    if (o.where === 'link') {
        const href = safeLink(o.location);
        if (!href) {
            return <span data-testid={testId}>{o.location}</span>;
        }
        return (
            <a href={href} target='_blank' rel='noopener noreferrer' className='btn btn-primary btn-sm' data-testid={testId}>
                <FormattedMessage id='sessions.join'/>
            </a>
        );
    }
    if (o.where === 'place') {
        return <span data-testid={testId} style={{fontSize: 12}}><FormattedMessage id='sessions.place' values={{place: o.location ?? ''}}/></span>;
    }
    return o.channel_id ? <ChannelLink teamId='' channelId={o.channel_id} testId={testId} label='sessions.open_channel'/> : null;
}
