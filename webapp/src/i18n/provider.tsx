import React from 'react';
import {IntlProvider} from 'react-intl';
import {shallowEqual, useSelector} from 'react-redux';

import {DEFAULT_LOCALE, messagesFor} from './index';
import {localeOf, timeZoneOf, type UserState} from './user';

/**
 * Gives the plugin's components their IntlProvider, always.
 *
 * Why always, and not "only when none is above": react-intl is bundled into
 * main.js (Mattermost does not promise it as a webpack external, and the test
 * host page has none), so our copy of react-intl has its own React context. The
 * Mattermost web app's IntlProvider lives in *its* copy's context, which our
 * useIntl/FormattedMessage can never see; probing for it would always say
 * "none". So the plugin wraps its own root with the same inputs Mattermost
 * uses: the current user's locale and time zone from the Redux store, and the
 * messages from our translation table (the very table that index.tsx also
 * hands to registry.registerTranslations). This works identically inside
 * Mattermost and in the host page, and follows a language change live because
 * the store is subscribed to.
 */
export default function PluginIntlProvider({children}: {children: React.ReactNode}) {
    const {locale, timeZone} = useSelector((state: UserState) => ({locale: localeOf(state), timeZone: timeZoneOf(state)}), shallowEqual);
    return (
        <IntlProvider locale={locale} defaultLocale={DEFAULT_LOCALE} timeZone={timeZone} messages={messagesFor(locale)}>
            {children}
        </IntlProvider>
    );
}
