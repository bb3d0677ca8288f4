// One upcoming occurrence: when (in my zone), with whom, where, and what I
// can do about it (confirm, propose another time, cancel).
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {confirmSession} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {OccurrenceView} from '../../../types/sessions';
import {InlineError, UserName, atName} from '../../common/people';
import {card} from '../../common/states';

import {CancelForm, ProposeForm} from './occurrence_forms';
import ProposalReview from './proposal';
import WhereLine from './where';
import {OccurrenceTime, occurrenceId} from './when';

interface Props {
    occurrence: OccurrenceView;
    me: string;
    username: (id: string) => string;
    onChanged: () => void;
}

const small: React.CSSProperties = {fontSize: 12, margin: '2px 0'};

/** The title, or a neutral name when the author gave none. */
export function SessionTitle({o}: {o: OccurrenceView}) {
    if (o.title) {
        return <>{o.title}</>;
    }
    return <FormattedMessage id={o.kind === 'office_hours' ? 'sessions.untitled_booking' : 'sessions.untitled'}/>;
}

/** "With @ana" (every participant but me). */
export function Partners({o, me, username}: {o: OccurrenceView; me: string; username: (id: string) => string}) {
    const others = o.participants.filter((p) => p !== me);
    if (others.length === 0) {
        return null;
    }
    const names = others.map((id, i) => (
        <React.Fragment key={id}>{i > 0 && ', '}<UserName id={id} username={username(id)}/></React.Fragment>
    ));
    return <div style={small}><FormattedMessage id='sessions.with' values={{users: <>{names}</>}}/></div>;
}

/** What the others answered, when it needs my attention or explains a wait. */
function PartnerAnswers({occurrence: o, me, username, id, onChanged}: Props & {id: string}) {
    const others = o.participants.filter((p) => p !== me);
    return (
        <>
            {others.map((p) => {
                const answer = o.responses?.[p];
                const user = atName(p, username(p));
                if (answer === 'pending') {
                    return <div key={p} style={small} data-testid={`occurrence-waiting-${id}`}><FormattedMessage id='sessions.waiting_for' values={{user}}/></div>;
                }
                if (answer === 'proposed') {
                    return (
                        <div key={p} style={small}>
                            <FormattedMessage id='sessions.partner_proposed' values={{user}}/>
                            <ProposalReview sessionId={o.session_id} testId={`occurrence-proposal-${id}`} onDone={onChanged}/>
                        </div>
                    );
                }
                return null;
            })}
        </>
    );
}

type Open = '' | 'propose' | 'cancel';

export default function OccurrenceCard(props: Props) {
    const {occurrence: o, me, username, onChanged} = props;
    const [open, setOpen] = useState<Open>('');
    const action = useAction();
    const id = occurrenceId(o);
    const mine = o.responses?.[me];

    const confirm = async () => {
        if (await action.run(() => confirmSession(o.session_id))) {
            onChanged();
        }
    };
    const done = () => {
        setOpen('');
        onChanged();
    };

    return (
        <div style={card} data-testid={`occurrence-${id}`}>
            <div style={{fontWeight: 600}}><SessionTitle o={o}/></div>
            <div style={small}><OccurrenceTime start={o.start} end={o.end}/></div>
            <Partners o={o} me={me} username={username}/>
            {o.recurring && <div style={small}><FormattedMessage id='sessions.recurring'/></div>}
            {o.agenda && <div style={{...small, whiteSpace: 'pre-wrap'}}><FormattedMessage id='sessions.agenda' values={{agenda: o.agenda}}/></div>}
            {mine === 'proposed' && <div style={small}><FormattedMessage id='sessions.you_proposed'/></div>}
            <PartnerAnswers {...props} id={id}/>
            {open === '' && (
                <div style={{display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap', alignItems: 'center'}}>
                    <WhereLine occurrence={o} testId={`occurrence-where-${id}`}/>
                    {mine === 'pending' && (
                        <button type='button' className='btn btn-primary btn-sm' disabled={action.busy} onClick={confirm} data-testid={`occurrence-confirm-${id}`}>
                            <FormattedMessage id='sessions.confirm'/>
                        </button>
                    )}
                    <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setOpen('propose')} data-testid={`occurrence-propose-${id}`}>
                        <FormattedMessage id='sessions.propose'/>
                    </button>
                    <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setOpen('cancel')} data-testid={`occurrence-cancel-${id}`}>
                        <FormattedMessage id='sessions.cancel'/>
                    </button>
                </div>
            )}
            <InlineError message={action.error}/>
            {open === 'propose' && <ProposeForm occurrence={o} onDone={done} onClose={() => setOpen('')}/>}
            {open === 'cancel' && <CancelForm occurrence={o} onDone={done} onClose={() => setOpen('')}/>}
        </div>
    );
}
