import React from 'react';
import {FormattedMessage} from 'react-intl';

const box: React.CSSProperties = {padding: '12px 16px', color: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.72)'};

export function Loading({label}: {label: React.ReactNode}) {
    return <div role='status' style={box}>{label}</div>;
}

export function Empty({label}: {label: React.ReactNode}) {
    return <div style={box} data-testid='empty'>{label}</div>;
}

export function ErrorBox({message, onRetry}: {message: React.ReactNode; onRetry?: () => void}) {
    return (
        <div role='alert' style={{...box, color: 'var(--error-text, #d24b4e)'}}>
            <div>{message}</div>
            {onRetry && <button type='button' className='btn btn-tertiary btn-sm' onClick={onRetry} style={{marginTop: 8}}><FormattedMessage id='rhs.retry'/></button>}
        </div>
    );
}

export const sectionTitle: React.CSSProperties = {
    fontSize: 12, fontWeight: 600, textTransform: 'uppercase', letterSpacing: '0.02em',
    padding: '16px 16px 4px', margin: 0, color: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64)',
};

export const card: React.CSSProperties = {
    margin: '8px 16px', padding: '12px', borderRadius: 8,
    border: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)',
};
