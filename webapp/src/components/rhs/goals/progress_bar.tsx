import React from 'react';

const track: React.CSSProperties = {
    flex: 1, height: 8, borderRadius: 4, overflow: 'hidden',
    background: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.12)',
};

/** A goal's progress (0–100) as a bar with its percentage; the fill's width is the value. */
export default function ProgressBar({value, label, testId}: {value: number; label: string; testId?: string}) {
    const pct = Math.max(0, Math.min(100, Math.round(value)));
    return (
        <div style={{display: 'flex', alignItems: 'center', gap: 6, margin: '4px 0'}}>
            <div role='progressbar' aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} style={track} data-testid={testId}>
                <div data-testid='progress-fill' style={{width: `${pct}%`, height: '100%', background: 'var(--button-bg, #1c58d9)', transition: 'width 0.2s'}}/>
            </div>
            <span style={{fontSize: 11, minWidth: 32, textAlign: 'right'}}>{`${pct}%`}</span>
        </div>
    );
}
