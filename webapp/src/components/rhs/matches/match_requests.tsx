import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {matchAction, type MatchAction} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useUsernames} from '../../../hooks/users';
import type {Match} from '../../../types';
import {InstantDay} from '../../common/dates';
import {InlineError, UserName, atName} from '../../common/people';
import {Reasons, partnerView} from '../../common/reasons';
import {Empty, card, sectionTitle} from '../../common/states';

import {partnerOf} from './classify';

interface Props {
    toMe: Match[];
    mine: Match[];
    me: string;
    programName: (programId: string) => string;
    onChanged: () => void;
}

interface CardProps {
    match: Match;
    me: string;
    username: string;
    programName: string;
    actions: MatchAction[];
    onChanged: () => void;
}

const buttonClass: Record<MatchAction, string> = {
    accept: 'btn btn-primary btn-sm',
    decline: 'btn btn-tertiary btn-sm',
    withdraw: 'btn btn-tertiary btn-sm',
    pause: 'btn btn-tertiary btn-sm',
    resume: 'btn btn-tertiary btn-sm',
};

function RequestCard({match, me, username, programName, actions, onChanged}: CardProps) {
    const action = useAction();
    const partner = partnerOf(match, me);
    const run = async (name: MatchAction) => {
        if (await action.run(() => matchAction(match.id, name))) {
            onChanged();
        }
    };
    const user = <UserName id={partner} username={username}/>;
    let headline: React.ReactNode;
    if (match.status === 'proposed') {
        headline = <FormattedMessage id={match.mentee_id === me ? 'requests.proposed_mentor' : 'requests.proposed_mentee'} values={{user, program: programName}}/>;
    } else if (match.mentor_id === me) {
        headline = <FormattedMessage id='requests.asks_you' values={{user, program: programName}}/>;
    } else {
        headline = <FormattedMessage id='requests.you_asked' values={{user, program: programName}}/>;
    }
    return (
        <div style={card} data-testid={`request-${match.id}`}>
            <div>{headline}</div>
            {match.message && <blockquote style={{margin: '4px 0', fontSize: 12}} data-testid='request-message'>{match.message}</blockquote>}
            <Reasons reasons={match.reasons} {...partnerView(match, me, atName(partner, username))}/>
            {match.expires_at && (
                <div style={{fontSize: 12}}><FormattedMessage id='requests.expires' values={{date: <InstantDay at={match.expires_at}/>}}/></div>
            )}
            <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                {actions.map((name) => (
                    <button key={name} type='button' className={buttonClass[name]} disabled={action.busy} onClick={() => run(name)} data-testid={`match-${name}-${match.id}`}>
                        {name === 'accept' && <FormattedMessage id='requests.accept'/>}
                        {name === 'decline' && <FormattedMessage id='rhs.decline'/>}
                        {name === 'withdraw' && <FormattedMessage id='requests.withdraw'/>}
                    </button>
                ))}
            </div>
            <InlineError message={action.error}/>
        </div>
    );
}

/** Requests and proposals waiting for my answer, and my own requests waiting for a mentor's. */
export default function MatchRequests({toMe, mine, me, programName, onChanged}: Props) {
    const intl = useIntl();
    const username = useUsernames([...toMe, ...mine].map((m) => partnerOf(m, me)));
    return (
        <>
            <section aria-label={intl.formatMessage({id: 'requests.to_me'})} data-testid='requests-to-me'>
                <h4 style={sectionTitle}><FormattedMessage id='requests.to_me'/></h4>
                {toMe.length === 0 && <Empty label={<FormattedMessage id='requests.to_me_empty'/>}/>}
                {toMe.map((m) => (
                    <RequestCard key={m.id} match={m} me={me} username={username(partnerOf(m, me))} programName={programName(m.program_id)} actions={['accept', 'decline']} onChanged={onChanged}/>
                ))}
            </section>
            {mine.length > 0 && (
                <section aria-label={intl.formatMessage({id: 'requests.mine'})} data-testid='requests-mine'>
                    <h4 style={sectionTitle}><FormattedMessage id='requests.mine'/></h4>
                    {mine.map((m) => (
                        <RequestCard key={m.id} match={m} me={me} username={username(partnerOf(m, me))} programName={programName(m.program_id)} actions={['withdraw']} onChanged={onChanged}/>
                    ))}
                </section>
            )}
        </>
    );
}
