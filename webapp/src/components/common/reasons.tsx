// Why a pair scores, in the reader's language and from the reader's side of
// the pair, the way server/notify/match_reasons.go phrases bot messages:
// rendered from the reason's kind, term and amount, never from the engine's
// English text (kept only for a kind this webapp does not know yet).
import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {MessageId} from '../../i18n';
import type {Reason} from '../../types';

/** Who reads the reasons: the pair's mentee, its mentor, or a third person (a coordinator). */
export type ReasonViewer = 'mentee' | 'mentor' | 'other';

export interface ReasonPair {
    viewer: ReasonViewer;
    /** The mentee and mentor as shown (see atName in people.tsx); the viewer's own name is never used. */
    mentee?: string;
    mentor?: string;
}

/** The pair as one of its two people sees it, naming only the partner (my requests, my matches). */
export function partnerView(pair: {mentee_id: string; mentor_id: string}, me: string, partner: string): ReasonPair {
    return pair.mentee_id === me ? {viewer: 'mentee', mentor: partner} : {viewer: 'mentor', mentee: partner};
}

interface Phrase {
    id: MessageId;
    values: Record<string, string | number>;
}

// Message ids per side, written out so the catalog test sees every one.
type BySide = Record<ReasonViewer, MessageId>;
const skill: BySide = {mentee: 'reason.skill.mentee', mentor: 'reason.skill.mentor', other: 'reason.skill.other'};
const goal: BySide = {mentee: 'reason.goal.mentee', mentor: 'reason.goal.mentor', other: 'reason.goal.other'};
const more: BySide = {mentee: 'reason.experience_more.mentee', mentor: 'reason.experience_more.mentor', other: 'reason.experience_more.other'};
const less: BySide = {mentee: 'reason.experience_less.mentee', mentor: 'reason.experience_less.mentor', other: 'reason.experience_less.other'};

/** Hours from minutes of shared working time, to the tenth like the server ("3", "2.5"). */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/** The message and values that say reason r to the viewer of pair, or null for an unknown kind. */
export function reasonPhrase(r: Reason, pair: ReasonPair): Phrase | null {
    const {viewer} = pair;
    const values = {term: r.term ?? '', mentee: pair.mentee ?? '', mentor: pair.mentor ?? ''};
    const inPair = viewer !== 'other';
    const amount = r.amount ?? 0;
    switch (r.kind) {
    case 'skill':
        return {id: skill[viewer], values};
    case 'goal':
        return {id: goal[viewer], values};
    case 'interest':
        return {id: inPair ? 'reason.interest.pair' : 'reason.interest.other', values};
    case 'language':
        return {id: inPair ? 'reason.language.pair' : 'reason.language.other', values};
    case 'time_zone':
        return {id: 'reason.time_zone', values: {hours: hoursOf(amount)}};
    case 'experience':
        // Signed years: positive when the mentor has more experience than the mentee.
        return {id: amount < 0 ? less[viewer] : more[viewer], values: {...values, years: Math.abs(amount)}};
    }
    return null;
}

/** One reason, said to the viewer of pair. */
export function ReasonText({reason, ...pair}: {reason: Reason} & ReasonPair) {
    const phrase = reasonPhrase(reason, pair);
    return phrase ? <FormattedMessage id={phrase.id} values={phrase.values}/> : <>{reason.text}</>;
}

/** A score's reasons with their points, said to the viewer of pair. */
export function Reasons({reasons, ...pair}: {reasons?: Reason[]} & ReasonPair) {
    if (!reasons || reasons.length === 0) {
        return null;
    }
    return (
        <ul style={{margin: '4px 0', paddingLeft: 18, fontSize: 12}} data-testid='reasons'>
            {reasons.map((r, i) => (
                <li key={`${r.kind}-${r.term ?? ''}-${i}`}>
                    <ReasonText reason={r} {...pair}/>
                    {r.points !== 0 && (
                        <span style={{opacity: 0.64}}> <FormattedMessage id='reason.points' values={{points: r.points}}/></span>
                    )}
                </li>
            ))}
        </ul>
    );
}
