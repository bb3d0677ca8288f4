// "Recent sessions": my occurrences of the last two weeks that have ended,
// newest first, asking "did you meet?" and for feedback.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listSessions, recordAttendance} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import {attendanceLabel} from '../../../i18n/labels';
import type {AttendanceStatus, OccurrenceView} from '../../../types/sessions';
import {ValueLabel} from '../../common/labels';
import {InlineError} from '../../common/people';
import {Empty, ErrorBox, card, sectionTitle} from '../../common/states';

import FeedbackForm from './feedback_form';
import {Partners, SessionTitle} from './occurrence_card';
import {OccurrenceTime, daysFromNow, occurrenceId} from './when';

/** How far back the section looks, and how many it shows. */
export const RECENT_DAYS = 14;
const MAX_SHOWN = 10;

const ANSWERS: AttendanceStatus[] = ['attended', 'missed', 'rescheduled'];
const small: React.CSSProperties = {fontSize: 12, margin: '2px 0'};

function PastCard({occurrence: o, me, username}: {occurrence: OccurrenceView; me: string; username: (id: string) => string}) {
    const id = occurrenceId(o);
    // What I answered: the server's record, then what I just sent.
    const [attendance, setAttendance] = useState<AttendanceStatus | undefined>(o.attendance?.[me]);
    const [rating, setRating] = useState<number | undefined>(o.feedback?.[me]?.rating);
    const [giving, setGiving] = useState(false);
    const action = useAction();

    const answer = async (status: AttendanceStatus) => {
        if (await action.run(() => recordAttendance(o.session_id, o.occurrence, status))) {
            setAttendance(status);
        }
    };
    return (
        <div style={card} data-testid={`past-${id}`}>
            <div style={{fontWeight: 600}}><SessionTitle o={o}/></div>
            <div style={small}><OccurrenceTime start={o.start} end={o.end}/></div>
            <Partners o={o} me={me} username={username}/>
            <div style={{...small, marginTop: 6}}><FormattedMessage id='past.did_you_meet'/></div>
            <div style={{display: 'flex', gap: 8, flexWrap: 'wrap'}} role='group'>
                {ANSWERS.map((status) => (
                    <button
                        key={status}
                        type='button'
                        className={attendance === status ? 'btn btn-primary btn-sm' : 'btn btn-tertiary btn-sm'}
                        aria-pressed={attendance === status}
                        disabled={action.busy}
                        onClick={() => answer(status)}
                        data-testid={`past-${status}-${id}`}
                    >
                        <ValueLabel labels={attendanceLabel} value={status}/>
                    </button>
                ))}
            </div>
            <InlineError message={action.error}/>
            {rating !== undefined && <div style={small} data-testid={`past-rated-${id}`}><FormattedMessage id='past.rated' values={{rating}}/></div>}
            {rating === undefined && !giving && (
                <button type='button' className='btn btn-tertiary btn-sm' style={{marginTop: 6}} onClick={() => setGiving(true)} data-testid={`past-feedback-${id}`}>
                    <FormattedMessage id='past.give_feedback'/>
                </button>
            )}
            {rating === undefined && giving && (
                <FeedbackForm
                    occurrence={o}
                    testId={`feedback-${id}`}
                    onClose={() => setGiving(false)}
                    onDone={(r) => {
                        setGiving(false);
                        setRating(r);
                    }}
                />
            )}
        </div>
    );
}

export default function PastSessions({me}: {me: string}) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(() => listSessions(daysFromNow(-RECENT_DAYS), daysFromNow(0)), []);
    const now = Date.now();
    const ended = (data ?? []).filter((o) => Date.parse(o.end) <= now).
        sort((a, b) => Date.parse(b.start) - Date.parse(a.start)).
        slice(0, MAX_SHOWN);
    const username = useUsernames(ended.flatMap((o) => o.participants));

    if (error) {
        return <ErrorBox message={<FormattedMessage id='past.error' values={{error}}/>} onRetry={reload}/>;
    }
    // Nothing to ask about: the section stays out of the way (no empty box).
    if (ended.length === 0) {
        return null;
    }
    return (
        <section aria-label={intl.formatMessage({id: 'past.title'})} data-testid='past-sessions'>
            <h4 style={sectionTitle}><FormattedMessage id='past.title'/></h4>
            {ended.map((o) => <PastCard key={occurrenceId(o)} occurrence={o} me={me} username={username}/>)}
        </section>
    );
}
