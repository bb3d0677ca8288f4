// Which list of the sidebar a match belongs in, for the current user. One
// place, so a match is never shown twice nor lost between sections.
import type {Match} from '../../../types';

/** Holds a place: a proposal, an active or a paused match. */
export const isLive = (m: Match) => m.status === 'proposed' || m.status === 'active' || m.status === 'paused';

/** Waits for my answer: a request to me as a mentor, or a proposal I have not accepted. */
export const awaitsMe = (m: Match, me: string) =>
    (m.status === 'requested' && m.mentor_id === me) || (m.status === 'proposed' && !m.accepted?.[me]);

/** My own request to a mentor, still unanswered. */
export const isMyRequest = (m: Match, me: string) => m.status === 'requested' && m.mentee_id === me;

/** The other person of the pair. */
export const partnerOf = (m: Match, me: string) => (m.mentee_id === me ? m.mentor_id : m.mentee_id);

export interface MatchLists {
    toMe: Match[];
    mine: Match[];
    matches: Match[];
}

export function classify(all: Match[], me: string): MatchLists {
    const lists: MatchLists = {toMe: [], mine: [], matches: []};
    for (const m of all) {
        if (m.status === 'draft' || m.status === 'void') {
            continue; // internal states of a publish, never a person's business
        }
        if (awaitsMe(m, me)) {
            lists.toMe.push(m);
        } else if (isMyRequest(m, me)) {
            lists.mine.push(m);
        } else {
            lists.matches.push(m);
        }
    }
    return lists;
}

/** Program ids where I am the mentee of a live match (no suggestions there). */
export function programsWithMentor(all: Match[], me: string): Set<string> {
    return new Set(all.filter((m) => m.mentee_id === me && isLive(m)).map((m) => m.program_id));
}
