import React, {useState} from 'react';

import {t} from '../../i18n';
import type {Program, Role} from '../../types';
import {Empty, card, sectionTitle} from '../common/states';

interface Props {
    programs: Program[];
    onJoin: (program: Program, role: Role) => Promise<void>;
}

function rolesFor(program: Program): Role[] {
    return program.kind === 'circles' ? ['peer'] : ['mentee', 'mentor', 'both'];
}

function JoinCard({program, onJoin}: {program: Program; onJoin: Props['onJoin']}) {
    const roles = rolesFor(program);
    const [role, setRole] = useState<Role>(roles[0]);
    const [busy, setBusy] = useState(false);
    const join = async () => {
        setBusy(true);
        try {
            await onJoin(program, role);
        } finally {
            setBusy(false);
        }
    };
    return (
        <div style={card} data-testid={`join-${program.slug}`}>
            <div style={{fontWeight: 600}}>{program.name}</div>
            {program.description && <div style={{fontSize: 13, margin: '4px 0'}}>{program.description}</div>}
            {program.enrollment_mode === 'approval' && <div style={{fontSize: 12, fontStyle: 'italic'}}>{t('rhs.approval_needed')}</div>}
            <div style={{display: 'flex', gap: 8, alignItems: 'center', marginTop: 8}}>
                <label style={{fontSize: 12}}>
                    {t('rhs.role')}{' '}
                    <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={`${t('rhs.role')} ${program.name}`}>
                        {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                    </select>
                </label>
                <button type='button' className='btn btn-primary btn-sm' disabled={busy} onClick={join}>
                    {busy ? t('rhs.joining') : t('rhs.join')}
                </button>
            </div>
        </div>
    );
}

/** Programs of the team the member is not in, each with a role choice and Join. */
export default function JoinablePrograms({programs, onJoin}: Props) {
    return (
        <section aria-label={t('rhs.available.title')}>
            <h4 style={sectionTitle}>{t('rhs.available.title')}</h4>
            {programs.length === 0 && <Empty label={t('rhs.available.empty')}/>}
            {programs.map((p) => <JoinCard key={p.id} program={p} onJoin={onJoin}/>)}
        </section>
    );
}
