// My reminder preferences: how long before a session I am reminded, quiet
// hours (in my own zone), how many nudges a week come one by one (the rest in
// a daily digest), and snoozing. Only what I change is sent, so untouched
// defaults stay defaults.
import React, {useState} from 'react';
import {FormattedMessage, useIntl, type IntlShape} from 'react-intl';

import {getPreferences, savePreferences} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import type {PreferencesInput, PreferencesView} from '../../../types/sessions';
import {InstantDay} from '../../common/dates';
import {InlineError} from '../../common/people';
import {ErrorBox, Loading, card} from '../../common/states';

/** Lead times offered, in minutes; the server allows at most MAX_LEADS of them. */
const LEAD_CHOICES = [15, 60, 120, 24 * 60, 2 * 24 * 60, 7 * 24 * 60];
const MAX_LEADS = 4;
const SNOOZE_WEEKS = [1, 2, 4, 8, 12];

/** "15 min", "2 hours", "1 day". */
export function leadLabel(intl: IntlShape, minutes: number): string {
    if (minutes % (24 * 60) === 0) {
        return intl.formatMessage({id: 'prefs.lead.days'}, {n: minutes / (24 * 60)});
    }
    if (minutes % 60 === 0) {
        return intl.formatMessage({id: 'prefs.lead.hours'}, {n: minutes / 60});
    }
    return intl.formatMessage({id: 'prefs.lead.minutes'}, {n: minutes});
}

const row: React.CSSProperties = {display: 'block', marginTop: 8};

interface FormProps {
    view: PreferencesView;
    saved: boolean;
    onSaving: () => void;
    onSaved: (v: PreferencesView) => void;
}

function Form({view, saved, onSaving, onSaved}: FormProps) {
    const intl = useIntl();
    const current = view.lead_minutes ?? [];
    const [lead, setLead] = useState<number[]>(current);
    const [quietStart, setQuietStart] = useState(view.quiet_start);
    const [quietEnd, setQuietEnd] = useState(view.quiet_end);
    const [budget, setBudget] = useState(String(view.weekly_budget));
    const [snooze, setSnooze] = useState(SNOOZE_WEEKS[0]);
    const action = useAction();
    const choices = [...new Set([...LEAD_CHOICES, ...current])].sort((a, b) => a - b);

    const toggle = (m: number) => setLead((was) => (was.includes(m) ? was.filter((x) => x !== m) : [...was, m].sort((a, b) => b - a)));
    const send = async (input: PreferencesInput) => {
        onSaving();
        const v = await action.run(() => savePreferences(input));
        if (v) {
            onSaved(v);
        }
    };
    const submit = (e: React.FormEvent) => {
        e.preventDefault();
        const input: PreferencesInput = {};
        const sameLead = lead.length === current.length && lead.every((m) => current.includes(m));
        if (!sameLead) {
            input.lead_minutes = lead;
        }
        if (quietStart !== view.quiet_start || quietEnd !== view.quiet_end) {
            input.quiet_start = quietStart;
            input.quiet_end = quietEnd;
        }
        if (budget !== String(view.weekly_budget)) {
            input.weekly_budget = Number(budget);
        }
        send(input);
    };

    return (
        <form onSubmit={submit} style={{fontSize: 12}} data-testid='prefs-form'>
            <fieldset style={{border: 'none', padding: 0, margin: 0}}>
                <legend style={{fontSize: 12, margin: 0}}>
                    <FormattedMessage id='prefs.lead'/>{!view.own_lead_minutes && <> <FormattedMessage id='prefs.lead_default'/></>}
                </legend>
                {choices.map((m) => (
                    <label key={m} style={{marginRight: 8, whiteSpace: 'nowrap'}}>
                        <input
                            type='checkbox'
                            checked={lead.includes(m)}
                            disabled={!lead.includes(m) && lead.length >= MAX_LEADS}
                            onChange={() => toggle(m)}
                            data-testid={`prefs-lead-${m}`}
                        />{' '}{leadLabel(intl, m)}
                    </label>
                ))}
            </fieldset>
            <div style={{...row, display: 'flex', gap: 8, alignItems: 'center'}}>
                <FormattedMessage id='prefs.quiet'/>
                <input type='time' value={quietStart} onChange={(e) => setQuietStart(e.target.value)} aria-label={intl.formatMessage({id: 'prefs.quiet_start'})} data-testid='prefs-quiet-start'/>
                <input type='time' value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} aria-label={intl.formatMessage({id: 'prefs.quiet_end'})} data-testid='prefs-quiet-end'/>
            </div>
            {view.time_zone && <div style={{opacity: 0.72}}><FormattedMessage id='prefs.quiet_zone' values={{zone: view.time_zone}}/></div>}
            <label style={row}>
                <FormattedMessage id='prefs.budget'/>{' '}
                <input type='number' min={0} max={100} value={budget} onChange={(e) => setBudget(e.target.value)} style={{width: 64}} data-testid='prefs-budget'/>
            </label>
            <InlineError message={action.error} testId='prefs-error'/>
            <div style={{display: 'flex', gap: 8, marginTop: 8, alignItems: 'center'}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid='prefs-save'><FormattedMessage id='prefs.save'/></button>
                {view.own_lead_minutes && (
                    <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={() => send({lead_minutes: []})} data-testid='prefs-lead-reset'>
                        <FormattedMessage id='prefs.lead_reset'/>
                    </button>
                )}
                {saved && <span role='status'><FormattedMessage id='prefs.saved'/></span>}
            </div>
            <div style={{...row, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap'}} data-testid='prefs-snooze'>
                {view.snooze_until ? (
                    <>
                        <FormattedMessage id='prefs.snoozed_until' values={{date: <InstantDay at={view.snooze_until}/>}}/>
                        <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={() => send({snooze_weeks: 0})} data-testid='prefs-snooze-end'>
                            <FormattedMessage id='prefs.snooze_end'/>
                        </button>
                    </>
                ) : (
                    <>
                        <select value={snooze} onChange={(e) => setSnooze(Number(e.target.value))} aria-label={intl.formatMessage({id: 'prefs.snooze_for'})} data-testid='prefs-snooze-weeks'>
                            {SNOOZE_WEEKS.map((w) => <option key={w} value={w}>{intl.formatMessage({id: 'prefs.weeks'}, {n: w})}</option>)}
                        </select>
                        <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={() => send({snooze_weeks: snooze})} data-testid='prefs-snooze-start'>
                            <FormattedMessage id='prefs.snooze'/>
                        </button>
                    </>
                )}
            </div>
        </form>
    );
}

export default function ReminderPrefs() {
    const {data, error, reload, set} = useLoad(getPreferences, []);
    const [saved, setSaved] = useState(false);

    if (error) {
        return <ErrorBox message={<FormattedMessage id='prefs.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='prefs.loading'/>}/>;
    }
    return (
        <div style={card} data-testid='reminder-prefs'>
            <div style={{fontWeight: 600, marginBottom: 4}}><FormattedMessage id='prefs.title'/></div>
            {/* Different values (saved, or changed by /mentor reminders) reset the form;
                a refresh that brings the same ones keeps what is being typed. */}
            <Form
                key={JSON.stringify(data)}
                view={data}
                saved={saved}
                onSaving={() => setSaved(false)}
                onSaved={(v) => {
                    set(v);
                    setSaved(true);
                }}
            />
        </div>
    );
}
