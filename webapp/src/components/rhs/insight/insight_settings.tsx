// A program's at-risk thresholds and the weekly digest's day and time.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {saveInsightSettings} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {MessageId} from '../../../i18n';
import type {InsightSettings} from '../../../types/insight';
import {InlineError} from '../../common/people';

type NumberField = 'no_session_days' | 'first_meeting_days' | 'stalled_goal_days' | 'silent_days' | 'low_rating';

const NUMBERS: Array<{field: NumberField; label: MessageId; min: number; max: number}> = [
    {field: 'no_session_days', label: 'insight.settings.no_session_days', min: 1, max: 365},
    {field: 'first_meeting_days', label: 'insight.settings.first_meeting_days', min: 1, max: 365},
    {field: 'stalled_goal_days', label: 'insight.settings.stalled_goal_days', min: 1, max: 365},
    {field: 'silent_days', label: 'insight.settings.silent_days', min: 1, max: 30},
    {field: 'low_rating', label: 'insight.settings.low_rating', min: 1, max: 4},
];

const DAYS: Array<{day: string; label: MessageId}> = [
    {day: 'mon', label: 'weekday.mon'}, {day: 'tue', label: 'weekday.tue'}, {day: 'wed', label: 'weekday.wed'},
    {day: 'thu', label: 'weekday.thu'}, {day: 'fri', label: 'weekday.fri'}, {day: 'sat', label: 'weekday.sat'},
    {day: 'sun', label: 'weekday.sun'}, {day: 'off', label: 'insight.settings.digest_off'},
];

const row: React.CSSProperties = {display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginTop: 4};

interface Props {
    programId: string;
    settings: InsightSettings;
    onSaved: (settings: InsightSettings) => void;
}

export default function InsightSettingsForm({programId, settings, onSaved}: Props) {
    const intl = useIntl();
    const [values, setValues] = useState<InsightSettings>(settings);
    const [saved, setSaved] = useState(false);
    const action = useAction();
    const testId = `insight-settings-${programId}`;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        setSaved(false);
        const answer = await action.run(() => saveInsightSettings(programId, values));
        if (answer) {
            setValues(answer);
            setSaved(true);
            onSaved(answer);
        }
    };
    const blamed = (name: string) => (action.field === name ? {'aria-invalid': true} : {});
    return (
        <form onSubmit={submit} style={{fontSize: 12, marginTop: 8}} data-testid={testId} aria-label={intl.formatMessage({id: 'insight.settings'})}>
            {NUMBERS.map(({field, label, min, max}) => (
                <label key={field} style={row}>
                    <FormattedMessage id={label}/>
                    <input
                        type='number'
                        min={min}
                        max={max}
                        value={values[field]}
                        onChange={(e) => setValues({...values, [field]: Number(e.target.value)})}
                        style={{width: 64}}
                        data-testid={`${testId}-${field}`}
                        {...blamed(field)}
                    />
                </label>
            ))}
            <label style={row}>
                <FormattedMessage id='insight.settings.digest_day'/>
                <select value={values.digest_day} onChange={(e) => setValues({...values, digest_day: e.target.value})} data-testid={`${testId}-digest_day`} {...blamed('digest_day')}>
                    {DAYS.map((d) => <option key={d.day} value={d.day}>{intl.formatMessage({id: d.label})}</option>)}
                </select>
            </label>
            <label style={row}>
                <FormattedMessage id='insight.settings.digest_time'/>
                <input type='time' value={values.digest_time} onChange={(e) => setValues({...values, digest_time: e.target.value})} data-testid={`${testId}-digest_time`} {...blamed('digest_time')}/>
            </label>
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, alignItems: 'center', marginTop: 8}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid={`${testId}-save`}>
                    <FormattedMessage id='insight.settings.save'/>
                </button>
                {saved && <span role='status'><FormattedMessage id='insight.settings.saved'/></span>}
            </div>
        </form>
    );
}
