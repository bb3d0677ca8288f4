// Usernames for the user ids the plugin's API answers with (partners,
// suggested mentors, preview pairs). Mattermost's store holds only some
// profiles, so the missing ones are fetched in one POST /users/ids per render
// batch and kept for the page's life: usernames change rarely, and a stale one
// still names the right person until reload.
import {useEffect, useState} from 'react';
import {useSelector} from 'react-redux';

import {usersByIds} from '../client';

const known = new Map<string, string>();
const inFlight = new Set<string>();
const waiting = new Set<() => void>();

interface UsersState {
    entities?: {users?: {profiles?: Record<string, {username?: string} | undefined>}};
}

async function fetchMissing(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => id && !known.has(id) && !inFlight.has(id));
    if (missing.length === 0) {
        return;
    }
    missing.forEach((id) => inFlight.add(id));
    try {
        const users = (await usersByIds(missing)) ?? [];
        users.forEach((u) => known.set(u.id, u.username));
    } catch {
        // Shown by id: a name is a nicety, never a reason to fail a section.
    } finally {
        missing.forEach((id) => inFlight.delete(id));
        waiting.forEach((notify) => notify());
    }
}

/** Returns a lookup from user id to username ('' while unknown). */
export function useUsernames(ids: string[]): (id: string) => string {
    const profiles = useSelector((state: UsersState) => state.entities?.users?.profiles);
    const [, setVersion] = useState(0);
    const key = [...new Set(ids)].sort().join(',');

    useEffect(() => {
        const notify = () => setVersion((v) => v + 1);
        waiting.add(notify);
        const wanted = key ? key.split(',') : [];
        fetchMissing(wanted.filter((id) => !profiles?.[id]?.username));
        return () => {
            waiting.delete(notify);
        };
    }, [key, profiles]);

    return (id: string) => profiles?.[id]?.username || known.get(id) || '';
}

/** Forgets every fetched name (tests). */
export function forgetUsernames(): void {
    known.clear();
    inFlight.clear();
}
