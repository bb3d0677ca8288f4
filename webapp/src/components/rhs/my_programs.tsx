import React from 'react';

import {t} from '../../i18n';
import type {Membership} from '../../types';
import {Empty, card, sectionTitle} from '../common/states';


interface Props {
    memberships: Membership[];
    onLeave: (programId: string) => void;
    onPause: (programId: string) => void;
    onResume: (programId: string) => void;
}

/** The member's own programs with their role and status, and the actions on them. */
export default function MyPrograms({memberships, onLeave, onPause, onResume}: Props) {
    const current = memberships.filter((m) => m.enrollment.status !== 'left' && m.enrollment.status !== 'declined' && !m.program.archived);
    return (
        <section aria-label={t('rhs.mine.title')}>
            <h4 style={sectionTitle}>{t('rhs.mine.title')}</h4>
            {current.length === 0 && <Empty label={t('rhs.mine.empty')}/>}
            {current.map(({program, enrollment}) => (
                <div key={program.id} style={card} data-testid={`mine-${program.slug}`}>
                    <div style={{fontWeight: 600}}>{program.name}</div>
                    <div style={{fontSize: 12, margin: '4px 0 8px'}}>
                        {t('rhs.role')}: {t(`role.${enrollment.role}`)}{' · '}
                        {t('rhs.status')}: <span data-testid='status'>{t(`status.${enrollment.status}`)}</span>
                    </div>
                    <div style={{display: 'flex', gap: 8}}>
                        {enrollment.status === 'active' && (
                            <button type='button' className='btn btn-tertiary btn-sm' onClick={() => onPause(program.id)}>{t('rhs.pause')}</button>
                        )}
                        {enrollment.status === 'paused' && (
                            <button type='button' className='btn btn-primary btn-sm' onClick={() => onResume(program.id)}>{t('rhs.resume')}</button>
                        )}
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => onLeave(program.id)}>{t('rhs.leave')}</button>
                    </div>
                </div>
            ))}
        </section>
    );
}

