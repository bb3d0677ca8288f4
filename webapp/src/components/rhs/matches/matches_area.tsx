import React, {useMemo} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listMatches} from '../../../client';
import {useLoad} from '../../../hooks/use_load';
import type {Membership, Program} from '../../../types';
import {ErrorBox, Loading} from '../../common/states';

import {classify, programsWithMentor} from './classify';
import MatchRequests from './match_requests';
import MyMatches from './my_matches';
import Suggestions from './suggestions';

interface Props {
    me: string;
    programs: Program[];
    memberships: Membership[];
    onNotice: (text: string) => void;
}

/** Where a member might look for a mentor: active mentee of a one-to-one program. */
function seeksMentor({program, enrollment}: Membership): boolean {
    // Mentees choose their mentor only where the program lets them; elsewhere
    // coordinators propose (and the server refuses a request).
    const choosing = program.matching_mode === 'self_serve' || program.matching_mode === 'automatic';
    return !program.archived && program.kind === 'one_to_one' && choosing && enrollment.status === 'active' &&
        (enrollment.role === 'mentee' || enrollment.role === 'both');
}

/** Everything about my matches: requests to answer, my requests, my pairs, suggestions. */
export default function MatchesArea({me, programs, memberships, onNotice}: Props) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(listMatches, []);

    const names = useMemo(() => {
        const byId = new Map<string, string>();
        programs.forEach((p) => byId.set(p.id, p.name));
        memberships.forEach((m) => byId.set(m.program.id, m.program.name));
        return byId;
    }, [programs, memberships]);
    const programName = (id: string) => names.get(id) ?? id;

    if (error) {
        return <ErrorBox message={<FormattedMessage id='matches.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='matches.loading'/>}/>;
    }
    const lists = classify(data, me);
    const matched = programsWithMentor(data, me);
    const requested = new Map<string, Set<string>>();
    lists.mine.forEach((m) => requested.set(m.program_id, (requested.get(m.program_id) ?? new Set()).add(m.mentor_id)));
    const seeking = memberships.filter((m) => seeksMentor(m) && !matched.has(m.program.id)).map((m) => m.program);

    return (
        <>
            <MatchRequests toMe={lists.toMe} mine={lists.mine} me={me} programName={programName} onChanged={reload}/>
            <MyMatches matches={lists.matches} me={me} programName={programName} onChanged={reload}/>
            <Suggestions
                programs={seeking}
                requested={requested}
                onRequested={(mentor) => {
                    onNotice(intl.formatMessage({id: 'suggestions.sent'}, {user: mentor}));
                    reload();
                }}
            />
        </>
    );
}
