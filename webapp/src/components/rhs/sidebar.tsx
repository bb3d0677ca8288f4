import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import * as client from '../../client';
import PluginIntlProvider from '../../i18n/provider';
import {onRefresh} from '../../refresh';
import type {Membership, Program, Role} from '../../types';
import {ErrorBox, Loading, card, sectionTitle} from '../common/states';

import JoinablePrograms from './joinable_programs';
import MemberList from './member_list';
import MyPrograms from './my_programs';

interface GlobalState {
    entities: {teams: {currentTeamId: string}};
}

type Data = {programs: Program[]; mine: Membership[]};

/** Splits the team's programs into the member's own and the ones they can join. */
export function partition(programs: Program[], mine: Membership[]) {
    const joinedIds = new Set(mine.
        filter((m) => m.enrollment.status !== 'left' && m.enrollment.status !== 'declined').
        map((m) => m.program.id));
    return {
        joinable: programs.filter((p) => !joinedIds.has(p.id) && !p.archived && (p.enrollment_mode !== 'invite' || p.can_manage)),
        coordinated: programs.filter((p) => p.can_manage),
    };
}

function CoordinatedProgram({program, refreshKey}: {program: Program; refreshKey: number}) {
    const [open, setOpen] = useState(false);
    return (
        <div style={card} data-testid={`coord-${program.slug}`}>
            <div style={{display: 'flex', justifyContent: 'space-between', alignItems: 'center'}}>
                <span style={{fontWeight: 600}}>{program.name}</span>
                <button type='button' className='btn btn-tertiary btn-sm' aria-expanded={open} onClick={() => setOpen(!open)}>
                    <FormattedMessage id={open ? 'rhs.hide_members' : 'rhs.members'}/>
                </button>
            </div>
            {open && <MemberList programId={program.id} refreshKey={refreshKey}/>}
        </div>
    );
}

/** The right-hand sidebar: my programs, programs to join, and coordinator views. */
export default function Sidebar() {
    return (
        <PluginIntlProvider>
            <SidebarBody/>
        </PluginIntlProvider>
    );
}

function SidebarBody() {
    const intl = useIntl();
    const teamId = useSelector((state: GlobalState) => state.entities.teams.currentTeamId);
    const [data, setData] = useState<Data | null>(null);
    const [error, setError] = useState('');
    const [notice, setNotice] = useState('');
    const [refreshKey, setRefreshKey] = useState(0);

    const load = useCallback(async () => {
        if (!teamId) {
            return;
        }
        setError('');
        try {
            const [programs, mine] = await Promise.all([client.listPrograms(teamId), client.myPrograms()]);
            setData({programs, mine});
        } catch (e) {
            setError((e as Error).message);
        }
    }, [teamId]);

    useEffect(() => {
        load();
    }, [load]);

    useEffect(() => onRefresh(() => {
        load();
        setRefreshKey((k) => k + 1);
    }), [load]);

    // act runs one change, shows what it did (or why it failed) and reloads.
    const act = async (action: () => Promise<string | unknown>) => {
        try {
            const message = await action();
            setNotice(typeof message === 'string' ? message : '');
        } catch (e) {
            setNotice((e as Error).message);
        }
        await load();
    };

    const join = (program: Program, role: Role) => act(async () => {
        const result = await client.joinProgram(program.id, role);
        return intl.formatMessage({id: result.enrollment.status === 'pending' ? 'rhs.requested' : 'rhs.joined'}, {program: program.name});
    });

    if (!teamId) {
        return <ErrorBox message={<FormattedMessage id='rhs.no_team'/>}/>;
    }
    if (error) {
        return <ErrorBox message={<FormattedMessage id='rhs.error' values={{error}}/>} onRetry={load}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='rhs.loading'/>}/>;
    }
    const {joinable, coordinated} = partition(data.programs, data.mine);
    return (
        <div data-testid='mentorship-rhs' style={{overflowY: 'auto', height: '100%'}}>
            {notice && <div role='status' style={{...card, background: 'rgba(var(--button-bg-rgb, 28, 88, 217), 0.08)'}}>{notice}</div>}
            <MyPrograms
                memberships={data.mine}
                onLeave={(id) => act(() => client.leaveProgram(id))}
                onPause={(id) => act(() => client.pauseProgram(id))}
                onResume={(id) => act(() => client.resumeProgram(id))}
            />
            <JoinablePrograms programs={joinable} onJoin={join}/>
            {coordinated.length > 0 && (
                <section aria-label={intl.formatMessage({id: 'rhs.coordinating'})}>
                    <h4 style={sectionTitle}><FormattedMessage id='rhs.coordinating'/></h4>
                    {coordinated.map((p) => <CoordinatedProgram key={p.id} program={p} refreshKey={refreshKey}/>)}
                </section>
            )}
        </div>
    );
}
