// A program's insight for its coordinators: number tiles, three charts
// (sessions held per week, open goals by progress, check-in answers per week),
// the at-risk list with nudges, the thresholds, and a CSV link per table.
import React, {useState} from 'react';
import {FormattedMessage, FormattedNumber, useIntl, type IntlShape} from 'react-intl';

import {exportURL, getInsight} from '../../../client';
import {useLoad} from '../../../hooks/use_load';
import {checkInLabel, roleLabel, statusLabel} from '../../../i18n/labels';
import type {MessageId} from '../../../i18n';
import {EXPORT_TABLES, type ExportTable, type InsightView} from '../../../types/insight';
import {parseDay} from '../../common/dates';
import {ErrorBox, Loading} from '../../common/states';

import AtRiskList from './at_risk_list';
import {BarChart, type Row} from './charts';
import InsightSettingsForm from './insight_settings';

const tileGrid: React.CSSProperties = {display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))', gap: 6, marginTop: 8};
const tileStyle: React.CSSProperties = {
    padding: '6px 8px', borderRadius: 6, background: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.06)', fontSize: 11,
};

const exportLabel: Record<ExportTable, MessageId> = {
    members: 'insight.export.members', matches: 'insight.export.matches', sessions: 'insight.export.sessions',
    goals: 'insight.export.goals', checkins: 'insight.export.checkins', feedback: 'insight.export.feedback',
};

const BUCKETS = ['0–19%', '20–39%', '40–59%', '60–79%', '80–100%'];
const CHECKIN_COLORS = {great: '#3db887', fine: '#ffbc1f', struggling: '#d24b4e'};

function Tile({label, value, detail, testId}: {label: MessageId; value: React.ReactNode; detail?: React.ReactNode; testId: string}) {
    return (
        <div style={tileStyle} data-testid={testId}>
            <div style={{opacity: 0.72}}><FormattedMessage id={label}/></div>
            <div style={{fontSize: 18, fontWeight: 600}} data-testid='tile-value'>{value}</div>
            {detail && <div style={{opacity: 0.72}}>{detail}</div>}
        </div>
    );
}

/** "Nov 24" for an ISO week's Monday (the week's label on an axis). */
const weekLabel = (intl: IntlShape, start: string, week: string) => {
    const day = parseDay(start);
    return day ? intl.formatDate(day, {month: 'short', day: 'numeric', timeZone: 'UTC'}) : week;
};

/** "Mentor 3 · Mentee 4" from counts by a stored value, translated where known. */
function Breakdown({counts, labels}: {counts: Record<string, number> | null; labels: Record<string, MessageId>}) {
    const intl = useIntl();
    const parts = Object.entries(counts ?? {}).filter(([, n]) => n > 0).
        map(([k, n]) => `${labels[k] ? intl.formatMessage({id: labels[k]}) : k} ${n}`);
    return <>{parts.join(' · ')}</>;
}

const percent = (rate: number) => <FormattedNumber value={rate} style='percent' maximumFractionDigits={0}/>;

export function InsightBody({view, onSettings}: {view: InsightView; onSettings: (v: InsightView) => void}) {
    const intl = useIntl();
    const [settings, setSettings] = useState(false);
    const id = view.program_id;
    const sessionRows: Row[] = (view.sessions.per_week ?? []).map((w) => ({label: weekLabel(intl, w.start, w.week), values: [w.held]}));
    const goalRows: Row[] = BUCKETS.map((label, i) => ({label, values: [view.goals.progress_buckets?.[i] ?? 0]}));
    const checkInRows: Row[] = (view.check_ins ?? []).map((w) => ({label: weekLabel(intl, w.start, w.week), values: [w.great, w.fine, w.struggling]}));
    const answers = (['great', 'fine', 'struggling'] as const).map((a) => ({
        label: intl.formatMessage({id: checkInLabel[a]}),
        color: CHECKIN_COLORS[a],
    }));
    return (
        <div data-testid={`insight-${id}`}>
            <div style={tileGrid}>
                <Tile testId='tile-participants' label='insight.tile.participants' value={view.participants.total} detail={<Breakdown counts={view.participants.by_role} labels={roleLabel}/>}/>
                <Tile testId='tile-status' label='insight.tile.status' value={view.participants.by_status?.active ?? 0} detail={<Breakdown counts={view.participants.by_status} labels={statusLabel}/>}/>
                <Tile testId='tile-matches' label='insight.tile.matches' value={view.matches.active} detail={<FormattedMessage id='insight.of_total' values={{total: view.matches.total}}/>}/>
                <Tile testId='tile-sessions' label='insight.tile.sessions' value={view.sessions.held} detail={<FormattedMessage id='insight.planned' values={{planned: view.sessions.planned}}/>}/>
                <Tile testId='tile-attendance' label='insight.tile.attendance' value={percent(view.sessions.attendance_rate)}/>
                <Tile testId='tile-goals' label='insight.tile.goals' value={percent(view.goals.completion_rate)} detail={<FormattedMessage id='insight.goals_detail' values={{done: view.goals.done, total: view.goals.total}}/>}/>
                <Tile testId='tile-rating' label='insight.tile.rating' value={view.ratings.count ? <FormattedNumber value={view.ratings.average} maximumFractionDigits={1}/> : '–'} detail={<FormattedMessage id='insight.ratings' values={{count: view.ratings.count}}/>}/>
                <Tile testId='tile-resources' label='insight.tile.resources' value={view.resources.views} detail={<FormattedMessage id='insight.shares' values={{count: view.resources.shares}}/>}/>
            </div>
            <BarChart testId={`chart-sessions-${id}`} title={intl.formatMessage({id: 'insight.chart.sessions'})} series={[{label: intl.formatMessage({id: 'insight.series.held'}), color: 'var(--button-bg, #1c58d9)'}]} rows={sessionRows} labelEvery={3}/>
            <BarChart testId={`chart-goals-${id}`} title={intl.formatMessage({id: 'insight.chart.goals'})} series={[{label: intl.formatMessage({id: 'insight.series.goals'}), color: '#3db887'}]} rows={goalRows}/>
            <BarChart testId={`chart-checkins-${id}`} title={intl.formatMessage({id: 'insight.chart.checkins'})} series={answers} rows={checkInRows} labelEvery={3}/>
            <AtRiskList programId={id} items={view.at_risk ?? []} total={view.at_risk_total}/>
            <div style={{fontSize: 12, marginTop: 12}}>
                <div style={{fontWeight: 600}}><FormattedMessage id='insight.export'/></div>
                <div style={{display: 'flex', flexWrap: 'wrap', gap: 8}}>
                    {EXPORT_TABLES.map((t) => (
                        <a key={t} href={exportURL(id, t)} download={true} data-testid={`export-${t}`}><FormattedMessage id={exportLabel[t]}/></a>
                    ))}
                </div>
            </div>
            <button type='button' className='btn btn-tertiary btn-xs' style={{marginTop: 8}} aria-expanded={settings} onClick={() => setSettings(!settings)} data-testid={`insight-settings-toggle-${id}`}>
                <FormattedMessage id={settings ? 'insight.hide_settings' : 'insight.settings'}/>
            </button>
            {settings && <InsightSettingsForm programId={id} settings={view.settings} onSaved={(s) => onSettings({...view, settings: s})}/>}
        </div>
    );
}

/** Loads and shows one program's insight; it follows the plugin's change events. */
export default function InsightPanel({programId}: {programId: string}) {
    const {data, error, reload, set} = useLoad(() => getInsight(programId), [programId]);
    if (error) {
        return <ErrorBox message={<FormattedMessage id='insight.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='insight.loading'/>}/>;
    }
    return <InsightBody view={data} onSettings={set}/>;
}
