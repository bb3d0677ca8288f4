// Small hand-written SVG charts for the coordinator's insight: plain bars and
// stacked bars, a few dozen lines instead of a charting library (the bundle is
// loaded by every Mattermost user). Each chart is an image with a title for
// screen readers and comes with its numbers as a table behind a toggle.
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

export interface Series {
    label: string;
    color: string;
}

export interface Row {
    label: string;
    /** One value per series (a plain bar chart has one series). */
    values: number[];
}

const W = 280;
const H = 120;
const PLOT_TOP = 14;
const PLOT_BOTTOM = 100;
const PLOT_H = PLOT_BOTTOM - PLOT_TOP;
const LEFT = 22;

/** Bar height in the plot for a value, scaled to the largest total (0 for nothing). */
export const barHeight = (value: number, max: number) => (max > 0 ? (Math.max(0, value) / max) * PLOT_H : 0);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

interface ChartProps {
    title: string;
    series: Series[];
    rows: Row[];
    testId: string;
    /** Show every nth x label (crowded axes). */
    labelEvery?: number;
}

/** Bars (one series) or stacked bars (several), with a table alternative. */
export function BarChart({title, series, rows, testId, labelEvery = 1}: ChartProps) {
    const [table, setTable] = useState(false);
    const max = Math.max(0, ...rows.map((r) => sum(r.values)));
    const slot = (W - LEFT) / Math.max(1, rows.length);
    const barW = Math.max(2, slot * 0.7);
    return (
        <figure style={{margin: '8px 0'}} data-testid={testId}>
            <figcaption style={{fontSize: 12, fontWeight: 600}}>{title}</figcaption>
            <svg viewBox={`0 0 ${W} ${H}`} width='100%' role='img' aria-label={title} style={{maxWidth: 420, display: 'block'}}>
                <title>{title}</title>
                <line x1={LEFT} y1={PLOT_BOTTOM} x2={W} y2={PLOT_BOTTOM} stroke='currentColor' strokeOpacity={0.3}/>
                <text x={LEFT - 3} y={PLOT_TOP + 4} fontSize={8} textAnchor='end' fill='currentColor'>{max}</text>
                <text x={LEFT - 3} y={PLOT_BOTTOM} fontSize={8} textAnchor='end' fill='currentColor'>{0}</text>
                {rows.map((r, i) => {
                    const x = LEFT + i * slot + (slot - barW) / 2;
                    let y = PLOT_BOTTOM;
                    return (
                        <g key={`${r.label}-${i}`}>
                            {r.values.map((v, s) => {
                                const h = barHeight(v, max);
                                y -= h;
                                return (
                                    <rect key={series[s]?.label ?? s} x={x} y={y} width={barW} height={h} fill={series[s]?.color ?? 'currentColor'} data-testid='bar' data-value={v}>
                                        <title>{`${r.label} · ${series[s]?.label ?? ''}: ${v}`}</title>
                                    </rect>
                                );
                            })}
                            {i % labelEvery === 0 && (
                                <text x={x + (barW / 2)} y={PLOT_BOTTOM + 10} fontSize={7} textAnchor='middle' fill='currentColor'>{r.label}</text>
                            )}
                        </g>
                    );
                })}
            </svg>
            {series.length > 1 && (
                <div style={{display: 'flex', gap: 10, fontSize: 11}} aria-hidden='true'>
                    {series.map((s) => (
                        <span key={s.label}><span style={{display: 'inline-block', width: 8, height: 8, background: s.color, marginRight: 4}}/>{s.label}</span>
                    ))}
                </div>
            )}
            <button type='button' className='btn btn-tertiary btn-xs' aria-expanded={table} onClick={() => setTable(!table)} data-testid={`${testId}-table-toggle`}>
                <FormattedMessage id={table ? 'insight.hide_table' : 'insight.show_table'}/>
            </button>
            {table && (
                <table style={{fontSize: 11, marginTop: 4, borderCollapse: 'collapse'}} data-testid={`${testId}-table`}>
                    <caption style={{textAlign: 'left'}}>{title}</caption>
                    <thead>
                        <tr>
                            <th/>
                            {series.map((s) => <th key={s.label} scope='col' style={{padding: '0 6px'}}>{s.label}</th>)}
                        </tr>
                    </thead>
                    <tbody>
                        {rows.map((r, i) => (
                            <tr key={`${r.label}-${i}`}>
                                <th scope='row' style={{textAlign: 'left', fontWeight: 400}}>{r.label}</th>
                                {r.values.map((v, s) => <td key={series[s]?.label ?? s} style={{textAlign: 'right', padding: '0 6px'}}>{v}</td>)}
                            </tr>
                        ))}
                    </tbody>
                </table>
            )}
        </figure>
    );
}
