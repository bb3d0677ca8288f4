import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {MessageId} from '../../i18n';

export interface Tab<T extends string> {
    id: T;
    label: MessageId;
}

interface Props<T extends string> {
    tabs: Array<Tab<T>>;
    current: T;
    onSelect: (id: T) => void;
}

const tabStyle = (selected: boolean): React.CSSProperties => ({
    flex: 1, padding: '8px 4px', border: 'none', background: 'none', cursor: 'pointer', fontSize: 13,
    fontWeight: selected ? 600 : 400,
    color: selected ? 'var(--button-bg, #1c58d9)' : 'inherit',
    borderBottom: selected ? '2px solid var(--button-bg, #1c58d9)' : '2px solid transparent',
});

/** The sidebar's tab bar (WAI-ARIA tabs: the panel is the element with id rhs-panel). */
export default function Tabs<T extends string>({tabs, current, onSelect}: Props<T>) {
    const intl = useIntl();
    return (
        <div role='tablist' aria-label={intl.formatMessage({id: 'rhs.title'})} style={{display: 'flex', borderBottom: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)'}}>
            {tabs.map((t) => (
                <button
                    key={t.id}
                    type='button'
                    role='tab'
                    aria-selected={t.id === current}
                    aria-controls='rhs-panel'
                    onClick={() => onSelect(t.id)}
                    style={tabStyle(t.id === current)}
                    data-testid={`tab-${t.id}`}
                >
                    <FormattedMessage id={t.label}/>
                </button>
            ))}
        </div>
    );
}
