// Session times in the reader's Mattermost time zone: PluginIntlProvider gives
// react-intl that zone, so every format here follows it (and the browser's own
// zone only when Mattermost has none).
import React from 'react';
import {FormattedMessage, useIntl, type IntlShape} from 'react-intl';

const dayAndTime = {weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit'} as const;
const timeOnly = {hour: 'numeric', minute: '2-digit'} as const;
const longDay = {weekday: 'long', month: 'long', day: 'numeric'} as const;

/** "Tue, Mar 3, 3:00 PM" in the reader's zone. */
export const dayTimeOf = (intl: IntlShape, at: string) => intl.formatDate(at, dayAndTime);

/** "3:00 PM" in the reader's zone. */
export const timeOf = (intl: IntlShape, at: string) => intl.formatTime(at, timeOnly);

/** "Tuesday, March 3" in the reader's zone: the heading (and grouping key) of a day of slots. */
export const dayOf = (intl: IntlShape, at: string) => intl.formatDate(at, longDay);

/** An occurrence's start and end, the end naming the zone so nobody wonders whose time it is. */
export function OccurrenceTime({start, end}: {start: string; end: string}) {
    const intl = useIntl();
    return (
        <span data-testid='occurrence-time'>
            <FormattedMessage
                id='sessions.time_range'
                values={{start: dayTimeOf(intl, start), end: intl.formatTime(end, {...timeOnly, timeZoneName: 'short'})}}
            />
        </span>
    );
}

/** Now minus some days, as the RFC 3339 instant the API takes. */
export function daysFromNow(days: number, now = Date.now()): string {
    return new Date(now + (days * 24 * 60 * 60 * 1000)).toISOString();
}

/**
 * Names one occurrence in test ids and React keys: the session id and the
 * original start as the server's OccurrenceKey ("20260303T150000Z"), since a
 * series lists several occurrences of one session.
 */
export function occurrenceId(o: {session_id: string; occurrence: string}): string {
    const at = new Date(o.occurrence);
    const key = isNaN(at.getTime()) ? o.occurrence : at.toISOString().replace(/\.\d+/, '').replace(/[-:]/g, '');
    return `${o.session_id}-${key}`;
}
