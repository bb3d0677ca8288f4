// Dates in the sidebar, formatted by Intl in the reader's locale. Two kinds:
// instants (joined_at) are shown in the reader's time zone, which
// PluginIntlProvider hands to react-intl; calendar dates (a program's start and
// end, a pause's last day) are plain YYYY-MM-DD days with no zone, so they are
// shown as that same day everywhere.
import React from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

const dayFormat = {year: 'numeric', month: 'short', day: 'numeric'} as const;

/** The UTC midnight of a YYYY-MM-DD day, or undefined when it is not one. */
export function parseDay(day: string): Date | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

/** A YYYY-MM-DD calendar day; anything else is shown as sent. */
export function CalendarDay({day}: {day: string}) {
    const date = parseDay(day);
    // timeZone UTC because parseDay anchors the day at UTC midnight: any other
    // zone west of UTC would show the day before.
    return date ? <FormattedDate value={date} timeZone='UTC' {...dayFormat}/> : <>{day}</>;
}

/** An RFC 3339 instant, as a day in the reader's time zone; empty for a missing or unreadable one. */
export function InstantDay({at}: {at: string}) {
    const date = new Date(at);
    return at && !isNaN(date.getTime()) ? <FormattedDate value={date} {...dayFormat}/> : null;
}

/** A program's dates: both ends, one end, or nothing for an evergreen program. */
export function ProgramDates({start, end}: {start?: string; end?: string}) {
    if (start && end) {
        return <FormattedMessage id='date.runs' values={{start: <CalendarDay day={start}/>, end: <CalendarDay day={end}/>}}/>;
    }
    if (start) {
        return <FormattedMessage id='date.starts' values={{date: <CalendarDay day={start}/>}}/>;
    }
    if (end) {
        return <FormattedMessage id='date.ends' values={{date: <CalendarDay day={end}/>}}/>;
    }
    return null;
}
