// Schedules a session for one match: when (a phrase or ISO time the server
// reads in my zone), how long, whether it repeats, where, and an agenda. The
// server's refusal (with phrases that do parse) is shown as sent.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {scheduleSession} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {whereLabel} from '../../../i18n/labels';
import type {MessageId} from '../../../i18n';
import {requestRefresh} from '../../../refresh';
import type {ScheduleInput, SessionView, Where} from '../../../types/sessions';
import {InlineError} from '../../common/people';

interface Props {
    matchId: string;
    onDone: (session: SessionView) => void;
    onClose: () => void;
}

/** Lengths offered; '' leaves it to the phrase ("for 30m") or the program's default. */
const DURATIONS = [15, 30, 45, 60, 90];

// Repeats are sent as RRULE bodies: they mean the same in every language.
const REPEATS: Array<{rule: string; label: MessageId}> = [
    {rule: '', label: 'schedule.repeat.none'},
    {rule: 'FREQ=WEEKLY', label: 'schedule.repeat.weekly'},
    {rule: 'FREQ=WEEKLY;INTERVAL=2', label: 'schedule.repeat.biweekly'},
    {rule: 'FREQ=MONTHLY', label: 'schedule.repeat.monthly'},
];

const WHERES: Where[] = ['channel', 'link', 'place'];
const row: React.CSSProperties = {display: 'block', marginTop: 6};
const input: React.CSSProperties = {display: 'block', width: '100%', marginTop: 2};

export default function ScheduleForm({matchId, onDone, onClose}: Props) {
    const intl = useIntl();
    const [when, setWhen] = useState('');
    const [duration, setDuration] = useState('');
    const [repeat, setRepeat] = useState('');
    const [where, setWhere] = useState<Where>('channel');
    const [location, setLocation] = useState('');
    const [title, setTitle] = useState('');
    const [agenda, setAgenda] = useState('');
    const action = useAction();
    const testId = `schedule-${matchId}`;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const body: ScheduleInput = {match_id: matchId, when: when.trim(), where};
        if (duration) {
            body.duration_minutes = Number(duration);
        }
        if (repeat) {
            body.recurrence = repeat;
        }
        if (where !== 'channel') {
            body.location = location.trim();
        }
        if (title.trim()) {
            body.title = title.trim();
        }
        if (agenda.trim()) {
            body.agenda = agenda.trim();
        }
        const made = await action.run(() => scheduleSession(body));
        if (made) {
            requestRefresh();
            onDone(made);
        }
    };
    const blamed = (name: string) => (action.field === name ? {'aria-invalid': true} : {});

    return (
        <form onSubmit={submit} style={{marginTop: 8, fontSize: 12}} data-testid={testId} aria-label={intl.formatMessage({id: 'schedule.title'})}>
            <label style={row}>
                <FormattedMessage id='schedule.when'/>
                <input
                    type='text'
                    value={when}
                    onChange={(e) => setWhen(e.target.value)}
                    placeholder={intl.formatMessage({id: 'sessions.when_placeholder'})}
                    required={true}
                    maxLength={200}
                    style={input}
                    data-testid={`${testId}-when`}
                    {...blamed('when')}
                />
            </label>
            <div style={{display: 'flex', gap: 8}}>
                <label style={row}>
                    <FormattedMessage id='schedule.duration'/>
                    <select value={duration} onChange={(e) => setDuration(e.target.value)} style={input} data-testid={`${testId}-duration`}>
                        <option value=''>{intl.formatMessage({id: 'schedule.duration_default'})}</option>
                        {DURATIONS.map((m) => <option key={m} value={String(m)}>{intl.formatMessage({id: 'schedule.minutes'}, {minutes: m})}</option>)}
                    </select>
                </label>
                <label style={row}>
                    <FormattedMessage id='schedule.repeat'/>
                    <select value={repeat} onChange={(e) => setRepeat(e.target.value)} style={input} data-testid={`${testId}-repeat`}>
                        {REPEATS.map((r) => <option key={r.rule} value={r.rule}>{intl.formatMessage({id: r.label})}</option>)}
                    </select>
                </label>
            </div>
            <label style={row}>
                <FormattedMessage id='schedule.where'/>
                <select value={where} onChange={(e) => setWhere(e.target.value as Where)} style={input} data-testid={`${testId}-where`}>
                    {WHERES.map((w) => <option key={w} value={w}>{intl.formatMessage({id: whereLabel[w]})}</option>)}
                </select>
            </label>
            {where !== 'channel' && (
                <label style={row}>
                    <FormattedMessage id={where === 'link' ? 'schedule.link' : 'schedule.place'}/>
                    <input
                        type={where === 'link' ? 'url' : 'text'}
                        value={location}
                        onChange={(e) => setLocation(e.target.value)}
                        required={true}
                        maxLength={where === 'link' ? 500 : 300}
                        style={input}
                        data-testid={`${testId}-location`}
                        {...blamed('location')}
                    />
                </label>
            )}
            <label style={row}>
                <FormattedMessage id='schedule.session_title'/>
                <input type='text' value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} style={input} data-testid={`${testId}-title`}/>
            </label>
            <label style={row}>
                <FormattedMessage id='schedule.agenda'/>
                <textarea value={agenda} onChange={(e) => setAgenda(e.target.value)} rows={2} maxLength={2000} style={input} data-testid={`${testId}-agenda`}/>
            </label>
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, marginTop: 6}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid={`${testId}-submit`}>
                    <FormattedMessage id='schedule.submit'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose} data-testid={`${testId}-close`}>
                    <FormattedMessage id='common.cancel'/>
                </button>
            </div>
        </form>
    );
}
