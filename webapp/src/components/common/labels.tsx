import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {MessageId} from '../../i18n';

/**
 * Shows a stored value (role, status, ...) by its translated label. A value
 * this webapp does not know yet (a newer server) is shown as sent rather than
 * crashing the sidebar on a missing message id.
 */
export function ValueLabel<T extends string>({labels, value}: {labels: Record<T, MessageId>; value: T}) {
    const id = labels[value] as MessageId | undefined;
    return id ? <FormattedMessage id={id}/> : <>{value}</>;
}
