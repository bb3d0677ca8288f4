import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {approveMember, declineMember, listMembers} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {roleLabel, statusLabel} from '../../../i18n/labels';
import type {MemberRow} from '../../../types';
import {ValueLabel} from '../../common/labels';
import {InlineError} from '../../common/people';
import {Empty, ErrorBox, Loading} from '../../common/states';

import Pager from './pager';

const takesMentees = (m: MemberRow) => m.role === 'mentor' || m.role === 'both';

function Row({member, onDecide}: {member: MemberRow; onDecide: (userId: string, approve: boolean) => void}) {
    return (
        <li style={{display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 0'}} data-testid={`member-${member.username}`}>
            <span>
                <strong>@{member.username}</strong>
                {member.name && <span style={{fontSize: 12}}>{' '}{member.name}</span>}{' '}
                <span style={{fontSize: 12}}>
                    <FormattedMessage
                        id='rhs.member_role_status'
                        values={{role: <ValueLabel labels={roleLabel} value={member.role}/>, status: <ValueLabel labels={statusLabel} value={member.status}/>}}
                    />
                    {takesMentees(member) && member.capacity !== undefined && (
                        <>{' · '}<FormattedMessage id='members.load' values={{load: member.load, capacity: member.capacity}}/></>
                    )}
                </span>
            </span>
            {member.status === 'pending' && (
                <span style={{display: 'flex', gap: 4}}>
                    <button type='button' className='btn btn-primary btn-xs' onClick={() => onDecide(member.user_id, true)}><FormattedMessage id='rhs.approve'/></button>
                    <button type='button' className='btn btn-tertiary btn-xs' onClick={() => onDecide(member.user_id, false)}><FormattedMessage id='rhs.decline'/></button>
                </span>
            )}
        </li>
    );
}

/** The coordinator's view of a program's members, a page at a time, searchable, with approve / decline. */
export default function MemberList({programId}: {programId: string}) {
    const intl = useIntl();
    const [page, setPage] = useState(0);
    const [typed, setTyped] = useState('');
    const [search, setSearch] = useState('');
    const {data, error, reload} = useLoad(() => listMembers(programId, page, search), [programId, page, search]);
    const decision = useAction();

    const decide = async (userId: string, approve: boolean) => {
        await decision.run(() => (approve ? approveMember(programId, userId) : declineMember(programId, userId)));
        await reload();
    };
    const submit = (e: React.FormEvent) => {
        e.preventDefault();
        setPage(0);
        setSearch(typed.trim());
    };

    let body: React.ReactNode;
    if (error) {
        body = <ErrorBox message={<FormattedMessage id='members.error' values={{error}}/>} onRetry={reload}/>;
    } else if (!data) {
        body = <Loading label={<FormattedMessage id='rhs.members.loading'/>}/>;
    } else if (data.members.length === 0) {
        body = <Empty label={<FormattedMessage id={search ? 'members.no_results' : 'rhs.members.empty'}/>}/>;
    } else {
        body = (
            <>
                <div style={{fontSize: 12}} data-testid='members-total'><FormattedMessage id='members.total' values={{total: data.total}}/></div>
                <ul style={{listStyle: 'none', padding: 0, margin: '8px 0 0'}} aria-label={intl.formatMessage({id: 'rhs.members'})}>
                    {data.members.map((m) => <Row key={m.user_id} member={m} onDecide={decide}/>)}
                </ul>
                <Pager page={data.page} pages={data.pages} onPage={setPage} testId='members'/>
            </>
        );
    }
    return (
        <div style={{marginTop: 12, paddingTop: 8, borderTop: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08)'}}>
            <form role='search' onSubmit={submit} style={{display: 'flex', gap: 4}}>
                <input
                    type='search'
                    value={typed}
                    onChange={(e) => setTyped(e.target.value)}
                    aria-label={intl.formatMessage({id: 'members.search'})}
                    placeholder={intl.formatMessage({id: 'members.search'})}
                    data-testid='members-search'
                    style={{flex: 1}}
                />
                <button type='submit' className='btn btn-tertiary btn-sm' data-testid='members-search-submit'><FormattedMessage id='members.search_button'/></button>
            </form>
            <InlineError message={decision.error}/>
            {body}
        </div>
    );
}
