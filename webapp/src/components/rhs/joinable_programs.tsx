import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {enrollmentLabel, kindLabel, roleLabel} from '../../i18n/labels';
import type {Program, Role} from '../../types';
import {ProgramDates} from '../common/dates';
import {ValueLabel} from '../common/labels';
import {Empty, card, sectionTitle} from '../common/states';

interface Props {
    programs: Program[];
    onJoin: (program: Program, role: Role) => Promise<void>;
}

function rolesFor(program: Program): Role[] {
    return program.kind === 'circles' ? ['peer'] : ['mentee', 'mentor', 'both'];
}

const meta: React.CSSProperties = {fontSize: 12, margin: '2px 0'};

function JoinCard({program, onJoin}: {program: Program; onJoin: Props['onJoin']}) {
    const intl = useIntl();
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
            <div style={meta} data-testid='kind'><ValueLabel labels={kindLabel} value={program.kind}/></div>
            {(program.start_date || program.end_date) && (
                <div style={meta} data-testid='dates'><ProgramDates start={program.start_date} end={program.end_date}/></div>
            )}
            <div style={{...meta, fontStyle: program.enrollment_mode === 'open' ? 'normal' : 'italic'}} data-testid='enrollment'>
                <ValueLabel labels={enrollmentLabel} value={program.enrollment_mode}/>
            </div>
            <div style={{display: 'flex', gap: 8, alignItems: 'center', marginTop: 8}}>
                <label style={{fontSize: 12}}>
                    <FormattedMessage id='rhs.role'/>{' '}
                    <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={intl.formatMessage({id: 'rhs.role_for'}, {program: program.name})}>
                        {roles.map((r) => <option key={r} value={r}>{intl.formatMessage({id: roleLabel[r]})}</option>)}
                    </select>
                </label>
                <button type='button' className='btn btn-primary btn-sm' disabled={busy} onClick={join}>
                    <FormattedMessage id={busy ? 'rhs.joining' : 'rhs.join'}/>
                </button>
            </div>
        </div>
    );
}

/** Programs of the team the member is not in, each with a role choice and Join. */
export default function JoinablePrograms({programs, onJoin}: Props) {
    const intl = useIntl();
    return (
        <section aria-label={intl.formatMessage({id: 'rhs.available.title'})}>
            <h4 style={sectionTitle}><FormattedMessage id='rhs.available.title'/></h4>
            {programs.length === 0 && <Empty label={<FormattedMessage id='rhs.available.empty'/>}/>}
            {programs.map((p) => <JoinCard key={p.id} program={p} onJoin={onJoin}/>)}
        </section>
    );
}
