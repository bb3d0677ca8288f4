// Reads the reader's language and time zone from Mattermost's Redux store, the
// same fields the Mattermost web app itself formats with.
import {DEFAULT_LOCALE} from './index';

export interface UserTimezone {
    // Mattermost stores these as strings ("true"/"false"); older clients sent booleans.
    useAutomaticTimezone?: string | boolean;
    automaticTimezone?: string;
    manualTimezone?: string;
}

interface Profile {
    locale?: string;
    timezone?: UserTimezone;
}

export interface UserState {
    entities?: {users?: {currentUserId?: string; profiles?: Record<string, Profile | undefined>}};
}

function currentUser(state: UserState): Profile | undefined {
    const users = state.entities?.users;
    return users?.currentUserId ? users.profiles?.[users.currentUserId] : undefined;
}

/** The current user's Mattermost locale ("en" when the store has none). */
export function localeOf(state: UserState): string {
    return currentUser(state)?.locale || DEFAULT_LOCALE;
}

function isValidTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat('en', {timeZone: zone});
        return true;
    } catch {
        return false;
    }
}

/**
 * The current user's IANA time zone, chosen like Mattermost does (automatic or
 * manual). undefined means "the browser's own zone": the store has none, or one
 * this browser's Intl does not know (which would otherwise throw while rendering).
 */
export function timeZoneOf(state: UserState): string | undefined {
    const tz = currentUser(state)?.timezone;
    if (!tz) {
        return undefined;
    }
    const zone = String(tz.useAutomaticTimezone) === 'true' ? tz.automaticTimezone : tz.manualTimezone;
    return zone && isValidTimeZone(zone) ? zone : undefined;
}
