// Free office-hours slots of a program, per mentor and per day in my zone,
// with Book. Two people may pick one slot at once: the loser gets the server's
// 409 with the next free slots, shown here to pick from.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {RequestError, bookSlot, freeSlots} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {useUsernames} from '../../../hooks/users';
import {requestRefresh} from '../../../refresh';
import type {Slot} from '../../../types/sessions';
import {InlineError, UserName, atName} from '../../common/people';
import {Empty, ErrorBox, Loading} from '../../common/states';
import {dayOf, dayTimeOf, timeOf} from '../sessions/when';

interface Props {
    programId: string;
    me: string;
}

/** Slots grouped by mentor, then by day in the reader's zone, in time order. */
export function groupSlots(slots: Slot[], dayName: (at: string) => string): Array<{mentor: string; days: Array<{day: string; slots: Slot[]}>}> {
    const byMentor = new Map<string, Map<string, Slot[]>>();
    [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).forEach((s) => {
        const days = byMentor.get(s.mentor_id) ?? new Map<string, Slot[]>();
        byMentor.set(s.mentor_id, days);
        const day = dayName(s.start);
        days.set(day, [...(days.get(day) ?? []), s]);
    });
    return [...byMentor].map(([mentor, days]) => ({mentor, days: [...days].map(([day, list]) => ({day, slots: list}))}));
}

const slotId = (s: Slot) => `${s.mentor_id}-${s.start}`;

function SlotButton({slot, selected, onPick, label}: {slot: Slot; selected: boolean; onPick: (s: Slot) => void; label: string}) {
    return (
        <button
            type='button'
            className={selected ? 'btn btn-primary btn-sm' : 'btn btn-tertiary btn-sm'}
            aria-pressed={selected}
            onClick={() => onPick(slot)}
            data-testid={`slot-${slotId(slot)}`}
        >
            {label}
        </button>
    );
}

export default function FreeSlots({programId, me}: Props) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(() => freeSlots(programId), [programId]);
    const [picked, setPicked] = useState<Slot | null>(null);
    const [agenda, setAgenda] = useState('');
    const [next, setNext] = useState<Slot[]>([]);
    const [booked, setBooked] = useState('');
    const action = useAction();
    const others = (data ?? []).filter((s) => s.mentor_id !== me && s.free !== false);
    const username = useUsernames([...others, ...next].map((s) => s.mentor_id));

    const pick = (s: Slot) => {
        setPicked(s);
        setBooked('');
        action.clear();
    };
    const book = async (e: React.FormEvent) => {
        e.preventDefault();
        if (!picked) {
            return;
        }
        const slot = picked;
        setNext([]);
        const made = await action.run(async () => {
            try {
                return await bookSlot(programId, slot.mentor_id, slot.start, agenda.trim());
            } catch (err) {
                // Taken first by someone else: the answer lists what is still free.
                if (err instanceof RequestError && err.status === 409) {
                    setNext(((err.body as {next?: Slot[]} | undefined)?.next ?? []).filter((s) => s.free !== false));
                    setPicked(null);
                    reload();
                }
                throw err;
            }
        });
        if (made) {
            setPicked(null);
            setAgenda('');
            setBooked(intl.formatMessage({id: 'hours.booked'}, {time: dayTimeOf(intl, slot.start), user: atName(slot.mentor_id, username(slot.mentor_id))}));
            requestRefresh();
        }
    };

    if (error) {
        return <ErrorBox message={<FormattedMessage id='hours.slots_error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='hours.slots_loading'/>}/>;
    }
    const groups = groupSlots(others, (at) => dayOf(intl, at));
    return (
        <div data-testid={`slots-${programId}`}>
            {booked && <div role='status' style={{fontSize: 12, margin: '4px 0'}} data-testid='slot-booked'>{booked}</div>}
            {groups.length === 0 && <Empty label={<FormattedMessage id='hours.no_slots'/>}/>}
            {groups.map(({mentor, days}) => (
                <div key={mentor} style={{marginTop: 8}} data-testid={`slots-mentor-${mentor}`}>
                    <div style={{fontSize: 12}}><FormattedMessage id='hours.with' values={{user: <UserName id={mentor} username={username(mentor)}/>}}/></div>
                    {days.map(({day, slots}) => (
                        <div key={day} style={{marginTop: 4}}>
                            <div style={{fontSize: 11, opacity: 0.72}} data-testid='slot-day'>{day}</div>
                            <div style={{display: 'flex', gap: 4, flexWrap: 'wrap'}}>
                                {slots.map((s) => <SlotButton key={slotId(s)} slot={s} selected={picked === s} onPick={pick} label={timeOf(intl, s.start)}/>)}
                            </div>
                        </div>
                    ))}
                </div>
            ))}
            <InlineError message={action.error} testId='slot-error'/>
            {next.length > 0 && (
                <div style={{marginTop: 4}} data-testid='slot-next'>
                    <div style={{fontSize: 12}}><FormattedMessage id='hours.next_free'/></div>
                    <div style={{display: 'flex', gap: 4, flexWrap: 'wrap'}}>
                        {next.map((s) => <SlotButton key={slotId(s)} slot={s} selected={picked === s} onPick={pick} label={dayTimeOf(intl, s.start)}/>)}
                    </div>
                </div>
            )}
            {picked && (
                <form onSubmit={book} style={{marginTop: 8, fontSize: 12}} data-testid='slot-book-form'>
                    <FormattedMessage id='hours.book_what' values={{time: dayTimeOf(intl, picked.start), user: atName(picked.mentor_id, username(picked.mentor_id))}}/>
                    <label style={{display: 'block', marginTop: 4}}>
                        <FormattedMessage id='schedule.agenda'/>
                        <textarea value={agenda} onChange={(e) => setAgenda(e.target.value)} rows={2} maxLength={2000} style={{display: 'block', width: '100%'}} data-testid='slot-agenda'/>
                    </label>
                    <div style={{display: 'flex', gap: 8, marginTop: 4}}>
                        <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy} data-testid='slot-book'>
                            <FormattedMessage id='hours.book'/>
                        </button>
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setPicked(null)}><FormattedMessage id='common.cancel'/></button>
                    </div>
                </form>
            )}
        </div>
    );
}
