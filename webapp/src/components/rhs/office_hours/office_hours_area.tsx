// "Office hours": per program, my own hours when I mentor there, and the
// free slots of the program's mentors when it is an office-hours program.
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Membership} from '../../../types';
import {card, sectionTitle} from '../../common/states';

import FreeSlots from './free_slots';
import PublishHours from './publish_form';

const mentors = (m: Membership) => m.enrollment.role === 'mentor' || m.enrollment.role === 'both';

/** The programs the section shows: active ones I mentor in or that are office-hours programs. */
export function officeHoursPrograms(memberships: Membership[]): Membership[] {
    return memberships.filter((m) => m.enrollment.status === 'active' && !m.program.archived &&
        (m.program.kind === 'office_hours' || mentors(m)));
}

export default function OfficeHoursArea({memberships, me}: {memberships: Membership[]; me: string}) {
    const intl = useIntl();
    const shown = officeHoursPrograms(memberships);
    if (shown.length === 0) {
        return null;
    }
    return (
        <section aria-label={intl.formatMessage({id: 'hours.title'})} data-testid='office-hours'>
            <h4 style={sectionTitle}><FormattedMessage id='hours.title'/></h4>
            {shown.map((m) => (
                <div key={m.program.id} style={card} data-testid={`hours-${m.program.id}`}>
                    <div style={{fontWeight: 600}}>{m.program.name}</div>
                    {mentors(m) && <PublishHours programId={m.program.id}/>}
                    {m.program.kind === 'office_hours' && <FreeSlots programId={m.program.id} me={me}/>}
                </div>
            ))}
        </section>
    );
}
