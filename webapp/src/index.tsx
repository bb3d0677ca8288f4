// Registry wiring only: the sidebar, the buttons that toggle it, and the events
// that refresh it. Everything else lives in components/.
import React from 'react';
import {createIntl} from 'react-intl';

import Sidebar from './components/rhs/sidebar';
import {DEFAULT_LOCALE, messagesFor} from './i18n';
import {localeOf} from './i18n/user';
import {PLUGIN_ID} from './manifest';
import {requestRefresh} from './refresh';
import {setSiteURL} from './client';
import type {PluginRegistry, PluginStore} from './types/registry';

const Icon = () => (
    <svg width='18' height='18' viewBox='0 0 24 24' aria-hidden='true'>
        <circle cx='8' cy='8' r='3.2' fill='currentColor'/>
        <circle cx='16' cy='8' r='3.2' fill='currentColor'/>
        <path d='M2.5 19c0-3.3 2.5-5.5 5.5-5.5s5.5 2.2 5.5 5.5zM12.6 14.2c.9-.5 2.1-.7 3.4-.7 3 0 5.5 2.2 5.5 5.5h-7.3c0-1.9-.6-3.6-1.6-4.8z' fill='currentColor'/>
    </svg>
);

interface State {
    entities?: {general?: {config?: {SiteURL?: string}}};
}

export class Plugin {
    initialize(registry: PluginRegistry, store: PluginStore) {
        const state = store.getState() as State;
        setSiteURL(state.entities?.general?.config?.SiteURL ?? '');

        // Mattermost merges these into its own IntlProvider for this plugin's
        // strings; the sidebar itself renders them through PluginIntlProvider
        // (see i18n/provider.tsx for why it carries its own).
        registry.registerTranslations((locale) => messagesFor(locale));

        // Titles and tooltips are rendered by the host, outside the sidebar's
        // PluginIntlProvider (where our bundled react-intl has no provider),
        // and the test host page puts them in title attributes: so they are
        // plain strings, formatted once in the reader's language at load time.
        const locale = localeOf(store.getState());
        const intl = createIntl({locale, defaultLocale: DEFAULT_LOCALE, messages: messagesFor(locale)});
        const title = intl.formatMessage({id: 'rhs.title'});
        const tooltip = intl.formatMessage({id: 'header.tooltip'});

        const {toggleRHSPlugin} = registry.registerRightHandSidebarComponent(Sidebar, title);
        const toggle = () => store.dispatch(toggleRHSPlugin);
        if (registry.registerAppBarComponent) {
            registry.registerAppBarComponent(`/plugins/${PLUGIN_ID}/public/icon.svg`, toggle, tooltip);
        }
        registry.registerChannelHeaderButtonAction(<Icon/>, toggle, title, tooltip);

        registry.registerWebSocketEventHandler(`custom_${PLUGIN_ID}_changed`, requestRefresh);
        registry.registerReconnectHandler(requestRefresh);
    }
}

declare global {
    interface Window {
        registerPlugin(id: string, plugin: Plugin): void;
    }
}

window.registerPlugin(PLUGIN_ID, new Plugin());
