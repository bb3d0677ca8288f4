// Renders components the way the sidebar gets them: inside a Redux store whose
// current user has a locale and time zone, and the plugin's IntlProvider.
import React from 'react';
import {Provider} from 'react-redux';
import {createStore} from 'redux';
import {render} from '@testing-library/react';

import PluginIntlProvider from './i18n/provider';
import type {UserTimezone} from './i18n/user';

export interface Reader {
    locale?: string;
    timezone?: UserTimezone;
    teamId?: string;
}

/** A store shaped like Mattermost's, with only what the plugin reads. */
export function storeFor({locale, timezone, teamId = 't1'}: Reader = {}) {
    return createStore(() => ({
        entities: {
            users: {currentUserId: 'me', profiles: {me: {id: 'me', username: 'me', locale, timezone}}},
            teams: {currentTeamId: teamId, teams: {[teamId]: {id: teamId, name: 'acme'}}},
        },
    }));
}

/** Renders ui inside PluginIntlProvider for the given reader. */
export function renderAs(reader: Reader, ui: React.ReactElement) {
    return render(<Provider store={storeFor(reader)}><PluginIntlProvider>{ui}</PluginIntlProvider></Provider>);
}

/** A Mattermost timezone setting that picks zone automatically. */
export const autoZone = (zone: string): UserTimezone => ({useAutomaticTimezone: 'true', automaticTimezone: zone, manualTimezone: ''});

/** An error as the client throws it for an API answer: message, status, field. */
export function apiError(status: number, error: string, field?: string): Error {
    return Object.assign(new Error(error), {status, field});
}
