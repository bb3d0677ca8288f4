import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {matchAction} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useUsernames} from '../../../hooks/users';
import {matchStatusLabel} from '../../../i18n/labels';
import type {Match} from '../../../types';
import {ValueLabel} from '../../common/labels';
import {InlineError, UserName, atName} from '../../common/people';
import {Reasons, partnerView} from '../../common/reasons';
import {Empty, card, sectionTitle} from '../../common/states';
import CheckInsSection from '../checkins/checkins_section';
import FeedbackSection from '../checkins/feedback_section';
import GoalsSection from '../goals/goals_section';
import ScheduleForm from '../sessions/schedule_form';
import {dayTimeOf} from '../sessions/when';

import ChannelLink from './channel_link';
import {partnerOf} from './classify';
import EndMatchForm from './end_match_form';

interface Props {
    matches: Match[];
    me: string;
    programName: (programId: string) => string;
    onChanged: () => void;
}

function MatchCard({match, me, username, programName, onChanged}: Omit<Props, 'matches'> & {match: Match; username: (id: string) => string}) {
    const intl = useIntl();
    const [ending, setEnding] = useState(false);
    const [scheduling, setScheduling] = useState(false);
    const [scheduled, setScheduled] = useState('');
    const [more, setMore] = useState<'' | 'checkins' | 'feedback'>('');
    const action = useAction();
    const partner = partnerOf(match, me);
    const id = match.id;
    const act = async (name: 'pause' | 'resume') => {
        if (await action.run(() => matchAction(id, name))) {
            onChanged();
        }
    };
    const live = match.status === 'active' || match.status === 'paused';
    // Goals, check-ins and feedback belong to a pair that met: live, or ended after being active.
    const worked = live || Boolean(match.activated_at);
    const toggle = (what: 'checkins' | 'feedback') => setMore(more === what ? '' : what);
    return (
        <div style={card} data-testid={`match-${id}`}>
            <div>
                <FormattedMessage
                    id={match.mentee_id === me ? 'matches.your_mentor' : 'matches.your_mentee'}
                    values={{user: <UserName id={partner} username={username(partner)}/>}}
                />
            </div>
            <div style={{fontSize: 12, margin: '2px 0'}}>
                <FormattedMessage
                    id='matches.program_status'
                    values={{program: programName(match.program_id), status: <span data-testid='match-status'><ValueLabel labels={matchStatusLabel} value={match.status}/></span>}}
                />
            </div>
            <Reasons reasons={match.reasons} {...partnerView(match, me, atName(partner, username(partner)))}/>
            {match.status === 'proposed' && <div style={{fontSize: 12}}><FormattedMessage id='matches.waiting_partner'/></div>}
            {match.end_reason && <div style={{fontSize: 12}}><FormattedMessage id='matches.ended_reason' values={{reason: match.end_reason}}/></div>}
            {scheduled && <div role='status' style={{fontSize: 12, marginTop: 4}} data-testid={`match-scheduled-${id}`}>{scheduled}</div>}
            {!ending && !scheduling && (
                <div style={{display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap'}}>
                    {match.channel_id && live && <ChannelLink teamId={match.team_id} channelId={match.channel_id} testId={`match-channel-${id}`}/>}
                    {match.status === 'active' && (
                        <button type='button' className='btn btn-primary btn-sm' onClick={() => {
                            setScheduling(true);
                            setScheduled('');
                        }} data-testid={`match-schedule-${id}`}>
                            <FormattedMessage id='schedule.open'/>
                        </button>
                    )}
                    {match.status === 'active' && (
                        <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={() => act('pause')} data-testid={`match-pause-${id}`}>
                            <FormattedMessage id='rhs.pause'/>
                        </button>
                    )}
                    {match.status === 'paused' && (
                        <button type='button' className='btn btn-primary btn-sm' disabled={action.busy} onClick={() => act('resume')} data-testid={`match-resume-${id}`}>
                            <FormattedMessage id='rhs.resume'/>
                        </button>
                    )}
                    {live && (
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setEnding(true)} data-testid={`match-end-${id}`}>
                            <FormattedMessage id='matches.end'/>
                        </button>
                    )}
                </div>
            )}
            <InlineError message={action.error}/>
            {worked && <GoalsSection matchId={id}/>}
            {worked && (
                <div style={{display: 'flex', gap: 6, marginTop: 8}}>
                    <button type='button' className='btn btn-tertiary btn-xs' aria-expanded={more === 'checkins'} onClick={() => toggle('checkins')} data-testid={`match-checkins-${id}`}>
                        <FormattedMessage id='checkins.title'/>
                    </button>
                    <button type='button' className='btn btn-tertiary btn-xs' aria-expanded={more === 'feedback'} onClick={() => toggle('feedback')} data-testid={`match-feedback-${id}`}>
                        <FormattedMessage id='match_feedback.title'/>
                    </button>
                </div>
            )}
            {more === 'checkins' && <CheckInsSection matchId={id} me={me} live={live}/>}
            {more === 'feedback' && <FeedbackSection matchId={id} me={me}/>}
            {scheduling && <ScheduleForm matchId={id} onClose={() => setScheduling(false)} onDone={(session) => {
                setScheduling(false);
                const first = session.next?.[0];
                setScheduled(first ? intl.formatMessage({id: 'schedule.done'}, {time: dayTimeOf(intl, first.start)}) : intl.formatMessage({id: 'schedule.done_plain'}));
            }}/>}
            {ending && <EndMatchForm match={match} onCancel={() => setEnding(false)} onDone={() => {
                setEnding(false);
                onChanged();
            }}/>}
        </div>
    );
}

/** My pairs: who, in which program, their state, the channel, pause / resume / end. */
export default function MyMatches({matches, me, programName, onChanged}: Props) {
    const intl = useIntl();
    const username = useUsernames(matches.map((m) => partnerOf(m, me)));
    return (
        <section aria-label={intl.formatMessage({id: 'matches.title'})} data-testid='my-matches'>
            <h4 style={sectionTitle}><FormattedMessage id='matches.title'/></h4>
            {matches.length === 0 && <Empty label={<FormattedMessage id='matches.empty'/>}/>}
            {matches.map((m) => <MatchCard key={m.id} match={m} me={me} username={username} programName={programName} onChanged={onChanged}/>)}
        </section>
    );
}
