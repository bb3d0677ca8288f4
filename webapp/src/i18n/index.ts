// The plugin's translation table: one JSON file per language in webapp/i18n/,
// en.json holding every message. Components only ever name message ids; the
// text comes from here, through react-intl.
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

// Typing react-intl's ids: <FormattedMessage id=...> and formatMessage({id})
// accept only keys of en.json, so a typo fails `npm run check-types`.
declare global {
    // eslint-disable-next-line @typescript-eslint/no-namespace
    namespace FormatjsIntl {
        interface Message {
            ids: MessageId;
        }
    }
}

// The compiler checks that es.json has every key of en.json (a missing one is a
// type error here); the catalog test checks the other direction.
const catalogs: Record<string, Messages> = {en, es};

export const DEFAULT_LOCALE = 'en';

/** The catalog that serves a Mattermost locale: exact ("es"), else its language ("es-ES" → "es"), else none. */
function catalogFor(locale: string): Messages | undefined {
    const key = locale.toLowerCase();
    return catalogs[key] ?? catalogs[key.split(/[-_]/)[0]];
}

/**
 * Every message for a locale. Untranslated locales (and any key a catalog
 * lacks) fall back to English, so a component never shows a raw id.
 */
export function messagesFor(locale: string | undefined): Messages {
    const found = locale ? catalogFor(locale) : undefined;
    if (!found || found === en) {
        return en;
    }
    // One merged object per catalog: IntlProvider rebuilds its formatters when
    // the messages object changes, so a fresh copy per render would be wasteful.
    let merged = withFallback.get(found);
    if (!merged) {
        merged = {...en, ...found};
        withFallback.set(found, merged);
    }
    return merged;
}

const withFallback = new Map<Messages, Messages>();

/** The locales that have a catalog of their own. */
export const translatedLocales = Object.keys(catalogs);
