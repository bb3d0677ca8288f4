import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listSuggestions, requestMentor} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import type {Program, Suggestion} from '../../../types';
import {InlineError, UserName, atName} from '../../common/people';
import {Reasons} from '../../common/reasons';
import {Empty, ErrorBox, Loading, card, sectionTitle} from '../../common/states';

interface Props {
    /** Programs where I am an active mentee without a live match. */
    programs: Program[];
    /** Mentors I already asked, per program id: no second Request button for them. */
    requested: Map<string, Set<string>>;
    onRequested: (mentor: string) => void;
}

interface RowProps {
    programId: string;
    suggestion: Suggestion;
    username: string;
    alreadyRequested: boolean;
    onRequested: (mentor: string) => void;
}

function SuggestionRow({programId, suggestion, username, alreadyRequested, onRequested}: RowProps) {
    const intl = useIntl();
    const [open, setOpen] = useState(false);
    const [message, setMessage] = useState('');
    const action = useAction();
    const mentor = suggestion.mentor_id;

    const send = async (e: React.FormEvent) => {
        e.preventDefault();
        if (await action.run(() => requestMentor(programId, mentor, message.trim()))) {
            setOpen(false);
            onRequested(username ? `@${username}` : mentor);
        }
    };

    return (
        <li style={{padding: '8px 0', borderTop: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08)'}} data-testid={`suggestion-${mentor}`}>
            <div style={{display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8}}>
                <span>
                    <UserName id={mentor} username={username}/>{' '}
                    <span style={{fontSize: 12}} data-testid='suggestion-score'><FormattedMessage id='suggestions.score' values={{score: suggestion.score}}/></span>
                </span>
                {alreadyRequested ? (
                    <span style={{fontSize: 12}} data-testid={`suggestion-requested-${mentor}`}><FormattedMessage id='suggestions.requested'/></span>
                ) : !open && (
                    <button type='button' className='btn btn-primary btn-sm' onClick={() => setOpen(true)} data-testid={`suggestion-request-${mentor}`}>
                        <FormattedMessage id='suggestions.request'/>
                    </button>
                )}
            </div>
            <div style={{fontSize: 12}} data-testid='suggestion-capacity'>
                <FormattedMessage id='suggestions.capacity' values={{free: suggestion.free_capacity, capacity: suggestion.capacity}}/>
            </div>
            <Reasons reasons={suggestion.reasons} viewer='mentee' mentor={atName(mentor, username)}/>
            {open && (
                <form onSubmit={send} aria-label={intl.formatMessage({id: 'suggestions.request_to'}, {user: username || mentor})}>
                    <label style={{display: 'block', fontSize: 12}}>
                        <FormattedMessage id='suggestions.message'/>
                        <textarea
                            value={message}
                            onChange={(e) => setMessage(e.target.value)}
                            rows={2}
                            maxLength={1000}
                            autoFocus={true}
                            style={{display: 'block', width: '100%'}}
                            data-testid={`suggestion-message-${mentor}`}
                        />
                    </label>
                    <div style={{display: 'flex', gap: 8, marginTop: 4}}>
                        <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid={`suggestion-send-${mentor}`}>
                            <FormattedMessage id='suggestions.send'/>
                        </button>
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setOpen(false)} data-testid={`suggestion-cancel-${mentor}`}>
                            <FormattedMessage id='common.cancel'/>
                        </button>
                    </div>
                </form>
            )}
            <InlineError message={action.error}/>
        </li>
    );
}

function ProgramSuggestions({program, requested, onRequested}: {program: Program; requested: Set<string>; onRequested: Props['onRequested']}) {
    const {data, error, reload} = useLoad(() => listSuggestions(program.id), [program.id]);
    const username = useUsernames((data ?? []).map((s) => s.mentor_id));
    let body: React.ReactNode;
    if (error) {
        body = <ErrorBox message={<FormattedMessage id='suggestions.error' values={{error}}/>} onRetry={reload}/>;
    } else if (!data) {
        body = <Loading label={<FormattedMessage id='suggestions.loading'/>}/>;
    } else if (data.length === 0) {
        body = <Empty label={<FormattedMessage id='suggestions.empty'/>}/>;
    } else {
        body = (
            <ul style={{listStyle: 'none', padding: 0, margin: 0}}>
                {data.map((s) => (
                    <SuggestionRow
                        key={s.mentor_id}
                        programId={program.id}
                        suggestion={s}
                        username={username(s.mentor_id)}
                        alreadyRequested={requested.has(s.mentor_id)}
                        onRequested={onRequested}
                    />
                ))}
            </ul>
        );
    }
    return (
        <div style={card} data-testid={`suggestions-${program.slug}`}>
            <div style={{fontWeight: 600}}>{program.name}</div>
            {body}
        </div>
    );
}

/** Mentors the engine suggests, best first, per program where I still look for one. */
export default function Suggestions({programs, requested, onRequested}: Props) {
    const intl = useIntl();
    if (programs.length === 0) {
        return null;
    }
    return (
        <section aria-label={intl.formatMessage({id: 'suggestions.title'})} data-testid='suggestions'>
            <h4 style={sectionTitle}><FormattedMessage id='suggestions.title'/></h4>
            {programs.map((p) => (
                <ProgramSuggestions key={p.id} program={p} requested={requested.get(p.id) ?? new Set()} onRequested={onRequested}/>
            ))}
        </section>
    );
}
