// A mentor's office hours in one program: what is published (in the
// mentor's own zone, where the server keeps the windows), publish or change
// it (one weekly window), and unpublish. Bookings already made stay.
import React, {useState} from 'react';
import {FormattedMessage, useIntl, type IntlShape} from 'react-intl';

import {myOfficeHours, publishOfficeHours, unpublishOfficeHours} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import type {MessageId} from '../../../i18n';
import type {OfficeHours, Where} from '../../../types/sessions';
import {InstantDay} from '../../common/dates';
import {InlineError} from '../../common/people';
import {ErrorBox, Loading} from '../../common/states';

const SLOT_LENGTHS = [10, 15, 20, 30, 45, 60];
// A booking has no pair channel: "channel" here is a Mattermost call (the server's word).
const WHERES: Array<{where: Where; label: MessageId}> = [
    {where: 'link', label: 'where.link'},
    {where: 'place', label: 'where.place'},
    {where: 'channel', label: 'hours.where_call'},
];
// Monday first, as most calendars outside the US; values are Go's weekdays.
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** A weekday's name in the reader's language (2023-01-01 was a Sunday). */
export function weekdayName(intl: IntlShape, weekday: number): string {
    return intl.formatDate(Date.UTC(2023, 0, 1 + weekday), {weekday: 'long', timeZone: 'UTC'});
}

const row: React.CSSProperties = {display: 'block', marginTop: 6};
const input: React.CSSProperties = {display: 'block', width: '100%', marginTop: 2};

function Published({hours}: {hours: OfficeHours}) {
    const intl = useIntl();
    return (
        <div style={{fontSize: 12}} data-testid='hours-published'>
            {(hours.windows ?? []).map((w) => (
                <div key={`${w.weekday}-${w.start}`}>
                    <FormattedMessage id='hours.window' values={{day: weekdayName(intl, w.weekday), start: w.start, end: w.end, minutes: hours.slot_minutes, zone: hours.time_zone}}/>
                </div>
            ))}
            {hours.until && <div><FormattedMessage id='hours.until' values={{date: <InstantDay at={hours.until}/>}}/></div>}
        </div>
    );
}

function Form({programId, hours, onDone, onClose}: {programId: string; hours: OfficeHours; onDone: (h: OfficeHours) => void; onClose: () => void}) {
    const intl = useIntl();
    const first = hours.windows?.[0];
    const [weekday, setWeekday] = useState(first?.weekday ?? 4);
    const [start, setStart] = useState(first?.start ?? '16:00');
    const [end, setEnd] = useState(first?.end ?? '17:00');
    const [slot, setSlot] = useState(hours.slot_minutes || 15);
    const [weeks, setWeeks] = useState(8);
    const [where, setWhere] = useState<Where>(hours.where || 'link');
    const [location, setLocation] = useState(hours.location ?? '');
    const action = useAction();
    const testId = `hours-form-${programId}`;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const input = {windows: [{weekday, start, end}], slot_minutes: slot, weeks, where, location: where === 'channel' ? '' : location.trim()};
        const saved = await action.run(() => publishOfficeHours(programId, input));
        if (saved) {
            onDone(saved);
        }
    };
    return (
        <form onSubmit={submit} style={{fontSize: 12, marginTop: 8}} data-testid={testId}>
            <div style={{display: 'flex', gap: 8}}>
                <label style={row}>
                    <FormattedMessage id='hours.weekday'/>
                    <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))} style={input} data-testid={`${testId}-weekday`}>
                        {WEEKDAYS.map((d) => <option key={d} value={d}>{weekdayName(intl, d)}</option>)}
                    </select>
                </label>
                <label style={row}>
                    <FormattedMessage id='hours.from'/>
                    <input type='time' value={start} onChange={(e) => setStart(e.target.value)} required={true} style={input} data-testid={`${testId}-start`}/>
                </label>
                <label style={row}>
                    <FormattedMessage id='hours.to'/>
                    <input type='time' value={end} onChange={(e) => setEnd(e.target.value)} required={true} style={input} data-testid={`${testId}-end`}/>
                </label>
            </div>
            <div style={{display: 'flex', gap: 8}}>
                <label style={row}>
                    <FormattedMessage id='hours.slot'/>
                    <select value={slot} onChange={(e) => setSlot(Number(e.target.value))} style={input} data-testid={`${testId}-slot`}>
                        {SLOT_LENGTHS.map((m) => <option key={m} value={m}>{intl.formatMessage({id: 'schedule.minutes'}, {minutes: m})}</option>)}
                    </select>
                </label>
                <label style={row}>
                    <FormattedMessage id='hours.weeks'/>
                    <input type='number' min={1} max={26} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} required={true} style={input} data-testid={`${testId}-weeks`}/>
                </label>
            </div>
            <label style={row}>
                <FormattedMessage id='schedule.where'/>
                <select value={where} onChange={(e) => setWhere(e.target.value as Where)} style={input} data-testid={`${testId}-where`}>
                    {WHERES.map((w) => <option key={w.where} value={w.where}>{intl.formatMessage({id: w.label})}</option>)}
                </select>
            </label>
            {where !== 'channel' && (
                <label style={row}>
                    <FormattedMessage id={where === 'link' ? 'schedule.link' : 'schedule.place'}/>
                    <input type={where === 'link' ? 'url' : 'text'} value={location} onChange={(e) => setLocation(e.target.value)} required={true} style={input} data-testid={`${testId}-location`}/>
                </label>
            )}
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, marginTop: 6}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid={`${testId}-submit`}>
                    <FormattedMessage id='hours.publish'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose}><FormattedMessage id='common.cancel'/></button>
            </div>
        </form>
    );
}

export default function PublishHours({programId}: {programId: string}) {
    const {data, error, reload, set} = useLoad(() => myOfficeHours(programId), [programId]);
    const [editing, setEditing] = useState(false);
    const action = useAction();

    const unpublish = async () => {
        const closed = await action.run(() => unpublishOfficeHours(programId));
        if (closed) {
            set(closed);
        }
    };
    if (error) {
        return <ErrorBox message={<FormattedMessage id='hours.mine_error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='hours.mine_loading'/>}/>;
    }
    return (
        <div data-testid={`hours-mine-${programId}`}>
            <div style={{fontSize: 12, fontWeight: 600}}><FormattedMessage id='hours.mine'/></div>
            {data.published ? <Published hours={data}/> : <div style={{fontSize: 12}}><FormattedMessage id='hours.not_published'/></div>}
            {editing && <Form programId={programId} hours={data} onClose={() => setEditing(false)} onDone={(saved) => {
                setEditing(false);
                set(saved);
            }}/>}
            {!editing && (
                <div style={{display: 'flex', gap: 8, marginTop: 6}}>
                    <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setEditing(true)} data-testid={`hours-edit-${programId}`}>
                        <FormattedMessage id={data.published ? 'hours.change' : 'hours.open_form'}/>
                    </button>
                    {data.published && (
                        <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={unpublish} data-testid={`hours-unpublish-${programId}`}>
                            <FormattedMessage id='hours.unpublish'/>
                        </button>
                    )}
                </div>
            )}
            <InlineError message={action.error}/>
        </div>
    );
}
