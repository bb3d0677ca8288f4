import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {approveMember, declineMember, listMembers} from '../../client';
import {roleLabel, statusLabel} from '../../i18n/labels';
import type {Member} from '../../types';
import {ValueLabel} from '../common/labels';
import {Empty, ErrorBox, Loading} from '../common/states';

/** The coordinator's view of a program's members, with approve / decline for requests. */
export default function MemberList({programId, refreshKey}: {programId: string; refreshKey: number}) {
    const intl = useIntl();
    const [members, setMembers] = useState<Member[] | null>(null);
    const [error, setError] = useState('');

    const load = useCallback(async () => {
        setError('');
        try {
            setMembers(await listMembers(programId));
        } catch (e) {
            setError((e as Error).message);
        }
    }, [programId]);

    useEffect(() => {
        load();
    }, [load, refreshKey]);

    const decide = async (userId: string, approve: boolean) => {
        try {
            await (approve ? approveMember(programId, userId) : declineMember(programId, userId));
            await load();
        } catch (e) {
            setError((e as Error).message);
        }
    };

    if (error) {
        return <ErrorBox message={error} onRetry={load}/>;
    }
    if (members === null) {
        return <Loading label={<FormattedMessage id='rhs.members.loading'/>}/>;
    }
    if (members.length === 0) {
        return <Empty label={<FormattedMessage id='rhs.members.empty'/>}/>;
    }
    return (
        <ul style={{listStyle: 'none', padding: 0, margin: '8px 0 0'}} aria-label={intl.formatMessage({id: 'rhs.members'})}>
            {members.map((m) => (
                <li key={m.user_id} style={{display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 0'}} data-testid={`member-${m.username}`}>
                    <span>
                        <strong>@{m.username}</strong>{' '}
                        <span style={{fontSize: 12}}>
                            <FormattedMessage
                                id='rhs.member_role_status'
                                values={{role: <ValueLabel labels={roleLabel} value={m.role}/>, status: <ValueLabel labels={statusLabel} value={m.status}/>}}
                            />
                        </span>
                    </span>
                    {m.status === 'pending' && (
                        <span style={{display: 'flex', gap: 4}}>
                            <button type='button' className='btn btn-primary btn-xs' onClick={() => decide(m.user_id, true)}><FormattedMessage id='rhs.approve'/></button>
                            <button type='button' className='btn btn-tertiary btn-xs' onClick={() => decide(m.user_id, false)}><FormattedMessage id='rhs.decline'/></button>
                        </span>
                    )}
                </li>
            ))}
        </ul>
    );
}
