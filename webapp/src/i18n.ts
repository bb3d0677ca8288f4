// The webapp's translation layer: every user-facing string lives in i18n/<locale>.json
// and is rendered with {placeholders} filled in. English is the fallback.
import en from '../i18n/en.json';

type Messages = Record<string, string>;
const catalogs: Record<string, Messages> = {en};

let locale = 'en';

/** Chooses the reader's Mattermost locale (falls back to English). */
export function setLocale(next: string | undefined): void {
    locale = next && catalogs[next] ? next : 'en';
}

export type MessageId = keyof typeof en;

/** Renders a message in the current locale. */
export function t(id: MessageId, values: Record<string, string | number> = {}): string {
    const template = catalogs[locale]?.[id] ?? (en as Messages)[id] ?? id;
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
