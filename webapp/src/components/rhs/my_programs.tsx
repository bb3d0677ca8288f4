import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {roleLabel, statusLabel} from '../../i18n/labels';
import type {Membership} from '../../types';
import {CalendarDay, InstantDay, ProgramDates} from '../common/dates';
import {ValueLabel} from '../common/labels';
import {Empty, card, sectionTitle} from '../common/states';

interface Props {
    memberships: Membership[];
    onLeave: (programId: string) => void;
    onPause: (programId: string) => void;
    onResume: (programId: string) => void;
}

const meta: React.CSSProperties = {fontSize: 12, margin: '2px 0'};

/** The member's own programs with their role and status, and the actions on them. */
export default function MyPrograms({memberships, onLeave, onPause, onResume}: Props) {
    const intl = useIntl();
    const current = memberships.filter((m) => m.enrollment.status !== 'left' && m.enrollment.status !== 'declined' && !m.program.archived);
    return (
        <section aria-label={intl.formatMessage({id: 'rhs.mine.title'})}>
            <h4 style={sectionTitle}><FormattedMessage id='rhs.mine.title'/></h4>
            {current.length === 0 && <Empty label={<FormattedMessage id='rhs.mine.empty'/>}/>}
            {current.map(({program, enrollment}) => (
                <div key={program.id} style={card} data-testid={`mine-${program.slug}`}>
                    <div style={{fontWeight: 600}}>{program.name}</div>
                    <div style={{fontSize: 12, margin: '4px 0'}}>
                        <FormattedMessage
                            id='rhs.role_status'
                            values={{
                                role: <ValueLabel labels={roleLabel} value={enrollment.role}/>,
                                status: <span data-testid='status'><ValueLabel labels={statusLabel} value={enrollment.status}/></span>,
                            }}
                        />
                    </div>
                    {(program.start_date || program.end_date) && (
                        <div style={meta} data-testid='dates'><ProgramDates start={program.start_date} end={program.end_date}/></div>
                    )}
                    {enrollment.joined_at && (
                        <div style={meta} data-testid='joined'>
                            <FormattedMessage id='date.joined' values={{date: <InstantDay at={enrollment.joined_at}/>}}/>
                        </div>
                    )}
                    {enrollment.status === 'paused' && enrollment.paused_until && (
                        <div style={meta} data-testid='paused-until'>
                            <FormattedMessage id='date.paused_until' values={{date: <CalendarDay day={enrollment.paused_until}/>}}/>
                        </div>
                    )}
                    <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                        {enrollment.status === 'active' && (
                            <button type='button' className='btn btn-tertiary btn-sm' onClick={() => onPause(program.id)}><FormattedMessage id='rhs.pause'/></button>
                        )}
                        {enrollment.status === 'paused' && (
                            <button type='button' className='btn btn-primary btn-sm' onClick={() => onResume(program.id)}><FormattedMessage id='rhs.resume'/></button>
                        )}
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => onLeave(program.id)}><FormattedMessage id='rhs.leave'/></button>
                    </div>
                </div>
            ))}
        </section>
    );
}
