import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

import {messagesFor} from './index';
import {localeOf, timeZoneOf, type UserState} from './user';

function state(profile: object | undefined): UserState {
    return {entities: {users: {currentUserId: 'me', profiles: profile ? {me: profile} : {}}}};
}

test('the locale is the current user\'s, else English', () => {
    expect(localeOf(state({locale: 'es'}))).toBe('es');
    expect(localeOf(state({locale: ''}))).toBe('en');
    expect(localeOf(state(undefined))).toBe('en');
    expect(localeOf({})).toBe('en');
});

test('messages: exact locale, then its language, then English', () => {
    expect(messagesFor('es')['rhs.join']).toBe(es['rhs.join']);
    expect(messagesFor('es-ES')['rhs.join']).toBe(es['rhs.join']);
    expect(messagesFor('ES')['rhs.join']).toBe(es['rhs.join']);
    expect(messagesFor('fr')).toBe(en);
    expect(messagesFor(undefined)).toBe(en);
    // The same object each time, so IntlProvider does not rebuild its formatters per render.
    expect(messagesFor('es')).toBe(messagesFor('es-MX'));
});

test('the time zone follows Mattermost\'s automatic / manual choice', () => {
    const tz = {automaticTimezone: 'Asia/Tokyo', manualTimezone: 'Europe/Madrid'};
    expect(timeZoneOf(state({timezone: {...tz, useAutomaticTimezone: 'true'}}))).toBe('Asia/Tokyo');
    expect(timeZoneOf(state({timezone: {...tz, useAutomaticTimezone: true}}))).toBe('Asia/Tokyo');
    expect(timeZoneOf(state({timezone: {...tz, useAutomaticTimezone: 'false'}}))).toBe('Europe/Madrid');
});

test('no usable time zone means the browser\'s own', () => {
    expect(timeZoneOf(state({}))).toBeUndefined();
    expect(timeZoneOf(state({timezone: {useAutomaticTimezone: 'true', automaticTimezone: ''}}))).toBeUndefined();
    expect(timeZoneOf(state({timezone: {useAutomaticTimezone: 'false', manualTimezone: 'Mars/Olympus'}}))).toBeUndefined();
    expect(timeZoneOf({})).toBeUndefined();
});
