// A match's check-ins as one side sees them: my answer to each round (the
// server shows each side only its own) and "answer now" for the latest round,
// which replaces an earlier answer to it.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {answerCheckIn, listCheckIns} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {checkInLabel} from '../../../i18n/labels';
import type {CheckInAnswer, CheckInRound} from '../../../types/progress';
import {InstantDay} from '../../common/dates';
import {ValueLabel} from '../../common/labels';
import {InlineError} from '../../common/people';
import {ErrorBox, Loading} from '../../common/states';

const ANSWERS: CheckInAnswer[] = ['great', 'fine', 'struggling'];
const title: React.CSSProperties = {fontSize: 12, fontWeight: 600, margin: '8px 0 0'};

const newestFirst = (rounds: CheckInRound[]) => [...rounds].sort((a, b) => b.round - a.round);

/** The rounds with one replaced (or added), newest first. */
export function withRound(rounds: CheckInRound[], round: CheckInRound): CheckInRound[] {
    return newestFirst([...rounds.filter((r) => r.round !== round.round), round]);
}

interface Props {
    matchId: string;
    me: string;
    /** Answers are taken only while the match is active or paused. */
    live: boolean;
}

export default function CheckInsSection({matchId, me, live}: Props) {
    const intl = useIntl();
    const {data, error, reload, set} = useLoad(async () => newestFirst(await listCheckIns(matchId)), [matchId]);
    const [note, setNote] = useState('');
    const action = useAction();

    if (error) {
        return <ErrorBox message={<FormattedMessage id='checkins.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='checkins.loading'/>}/>;
    }
    const latest = data[0];
    const answer = async (a: CheckInAnswer) => {
        const round = await action.run(() => answerCheckIn(matchId, a, note.trim(), latest?.round));
        if (round) {
            setNote('');
            set(withRound(data, round));
        }
    };
    return (
        <section aria-label={intl.formatMessage({id: 'checkins.title'})} data-testid={`checkins-${matchId}`}>
            <h5 style={title}><FormattedMessage id='checkins.title'/></h5>
            {data.length === 0 && <div style={{fontSize: 12, opacity: 0.72}} data-testid='checkins-empty'><FormattedMessage id='checkins.empty'/></div>}
            {live && latest && (
                <div style={{fontSize: 12, marginTop: 4}} data-testid={`checkin-answer-${matchId}`}>
                    <div><FormattedMessage id='checkins.ask'/></div>
                    <input
                        type='text'
                        value={note}
                        onChange={(e) => setNote(e.target.value)}
                        maxLength={1000}
                        placeholder={intl.formatMessage({id: 'checkins.note'})}
                        aria-label={intl.formatMessage({id: 'checkins.note'})}
                        style={{display: 'block', width: '100%', margin: '4px 0'}}
                        data-testid={`checkin-note-${matchId}`}
                    />
                    <div style={{display: 'flex', gap: 6}}>
                        {ANSWERS.map((a) => (
                            <button key={a} type='button' className='btn btn-tertiary btn-xs' disabled={action.busy} onClick={() => answer(a)} data-testid={`checkin-${a}-${matchId}`}>
                                <ValueLabel labels={checkInLabel} value={a}/>
                            </button>
                        ))}
                    </div>
                    <InlineError message={action.error} testId={`checkin-error-${matchId}`}/>
                </div>
            )}
            {data.length > 0 && (
                <ul style={{margin: '4px 0', paddingLeft: 16, fontSize: 12}} data-testid={`checkin-history-${matchId}`}>
                    {data.map((r) => {
                        const mine = r.answers?.[me];
                        return (
                            <li key={r.round} data-testid={`checkin-round-${r.round}`}>
                                <FormattedMessage id='checkins.round' values={{round: r.round, date: <InstantDay at={r.due}/>}}/>
                                {': '}
                                {mine ? <strong><ValueLabel labels={checkInLabel} value={mine.answer}/></strong> : <FormattedMessage id='checkins.unanswered'/>}
                                {mine?.note && <span>{' — '}{mine.note}</span>}
                            </li>
                        );
                    })}
                </ul>
            )}
        </section>
    );
}
