import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import * as client from '../../client';
import PluginIntlProvider from '../../i18n/provider';
import {onRefresh} from '../../refresh';
import type {Membership, Program, Role} from '../../types';
import {ErrorBox, Loading, card} from '../common/states';

import CoordinatorTab from './coordinator/coordinator_tab';
import JoinablePrograms from './joinable_programs';
import MatchesArea from './matches/matches_area';
import MyPrograms from './my_programs';
import OfficeHoursArea from './office_hours/office_hours_area';
import ProfileForm from './profile/profile_form';
import ResourcesTab, {type HubProgram} from './resources/resources_tab';
import CalendarSection from './sessions/calendar_section';
import PastSessions from './sessions/past_sessions';
import UpcomingSessions from './sessions/upcoming_sessions';
import Tabs, {type Tab} from './tabs';

interface GlobalState {
    entities: {teams: {currentTeamId: string}; users?: {currentUserId?: string}};
}

type Data = {programs: Program[]; mine: Membership[]};
type TabId = 'mentoring' | 'profile' | 'resources' | 'coordinator';

const inProgram = (m: Membership) => m.enrollment.status !== 'left' && m.enrollment.status !== 'declined';

/** Splits the team's programs into the member's own and the ones they can join. */
export function partition(programs: Program[], mine: Membership[]) {
    const joinedIds = new Set(mine.filter(inProgram).map((m) => m.program.id));
    return {
        joinable: programs.filter((p) => !joinedIds.has(p.id) && !p.archived && (p.enrollment_mode !== 'invite' || p.can_manage)),
        coordinated: programs.filter((p) => p.can_manage && !p.archived),
    };
}

/** The programs whose resource hub I may open: mine (joined, not archived) and the ones I coordinate. */
export function hubPrograms(mine: Membership[], coordinated: Program[]): HubProgram[] {
    const hubs = new Map<string, HubProgram>();
    mine.filter((m) => inProgram(m) && m.enrollment.status !== 'pending' && !m.program.archived).
        forEach((m) => hubs.set(m.program.id, {program: m.program, manage: Boolean(m.program.can_manage)}));
    coordinated.forEach((p) => hubs.set(p.id, {program: p, manage: true}));
    return [...hubs.values()];
}

/** A program I am in whose vocabulary can suggest profile terms ('' when none). */
export function vocabularyProgram(mine: Membership[]): string {
    const current = mine.filter((m) => inProgram(m) && !m.program.archived);
    return (current.find((m) => m.enrollment.status === 'active') ?? current[0])?.program.id ?? '';
}

/** The right-hand sidebar: my mentoring, my profile, and the coordinator's views. */
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
    const me = useSelector((state: GlobalState) => state.entities.users?.currentUserId ?? '');
    const [data, setData] = useState<Data | null>(null);
    const [error, setError] = useState('');
    const [notice, setNotice] = useState('');
    const [tab, setTab] = useState<TabId>('mentoring');

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
    useEffect(() => onRefresh(load), [load]);

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
    const hubs = hubPrograms(data.mine, coordinated);
    const tabs: Array<Tab<TabId>> = [{id: 'mentoring', label: 'tab.mentoring'}, {id: 'profile', label: 'tab.profile'}];
    if (hubs.length > 0) {
        tabs.push({id: 'resources', label: 'tab.resources'});
    }
    if (coordinated.length > 0) {
        tabs.push({id: 'coordinator', label: 'tab.coordinator'});
    }
    const shown = tabs.some((t) => t.id === tab) ? tab : 'mentoring';
    return (
        <div data-testid='mentorship-rhs' style={{overflowY: 'auto', height: '100%'}}>
            <Tabs tabs={tabs} current={shown} onSelect={(id) => {
                setTab(id);
                setNotice('');
            }}/>
            <div id='rhs-panel' role='tabpanel'>
                {notice && <div role='status' data-testid='rhs-notice' style={{...card, background: 'rgba(var(--button-bg-rgb, 28, 88, 217), 0.08)'}}>{notice}</div>}
                {shown === 'mentoring' && (
                    <>
                        <MatchesArea me={me} programs={data.programs} memberships={data.mine} onNotice={setNotice}/>
                        <UpcomingSessions me={me}/>
                        <PastSessions me={me}/>
                        <OfficeHoursArea memberships={data.mine} me={me}/>
                        <MyPrograms
                            memberships={data.mine}
                            onLeave={(id) => act(() => client.leaveProgram(id))}
                            onPause={(id) => act(() => client.pauseProgram(id))}
                            onResume={(id) => act(() => client.resumeProgram(id))}
                        />
                        <JoinablePrograms programs={joinable} onJoin={join}/>
                    </>
                )}
                {shown === 'profile' && (
                    <>
                        <ProfileForm vocabularyProgram={vocabularyProgram(data.mine)}/>
                        <CalendarSection/>
                    </>
                )}
                {shown === 'resources' && <ResourcesTab programs={hubs}/>}
                {shown === 'coordinator' && <CoordinatorTab programs={coordinated}/>}
            </div>
        </div>
    );
}
