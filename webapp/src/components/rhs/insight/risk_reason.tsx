// An at-risk reason in words, per code: the server sends codes and numbers,
// never text, so each reader gets their own language.
import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {RiskReason} from '../../../types/insight';

export function RiskReasonText({reason, name}: {reason: RiskReason; name: (id: string) => string}) {
    const days = reason.days ?? 0;
    const user = reason.user_id ? name(reason.user_id) : '';
    switch (reason.code) {
    case 'no_session':
        return <FormattedMessage id='risk.no_session' values={{days}}/>;
    case 'no_first_meeting':
        return <FormattedMessage id='risk.no_first_meeting' values={{days}}/>;
    case 'stalled_goal':
        return <FormattedMessage id='risk.stalled_goal' values={{days}}/>;
    case 'low_rating':
        return <FormattedMessage id='risk.low_rating' values={{rating: reason.rating ?? 0}}/>;
    case 'struggling':
        return <FormattedMessage id='risk.struggling' values={{user}}/>;
    case 'one_side_silent':
        return <FormattedMessage id='risk.one_side_silent' values={{user, days}}/>;
    }
    // A code this webapp does not know yet (a newer server): shown as sent.
    return <>{reason.code}</>;
}
