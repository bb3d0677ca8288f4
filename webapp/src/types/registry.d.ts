// The parts of Mattermost's plugin registry this plugin uses (not published on npm).
import type {Store} from 'redux';

export interface RHSRegistration {
    id: string;
    showRHSPlugin: {type: string};
    hideRHSPlugin: {type: string};
    toggleRHSPlugin: {type: string};
}

export interface PluginRegistry {
    registerRightHandSidebarComponent(component: React.ComponentType, title: React.ReactNode): RHSRegistration;
    registerAppBarComponent?(iconUrl: string, action: () => void, tooltipText: React.ReactNode): string;
    registerChannelHeaderButtonAction(icon: React.ReactNode, action: () => void, dropdownText: string, tooltipText: string): string;
    registerWebSocketEventHandler(event: string, handler: (msg: {data: Record<string, unknown>}) => void): void;
    registerReconnectHandler(handler: () => void): void;
    /** Plugin messages for a locale; Mattermost merges them into its IntlProvider's messages. */
    registerTranslations(getTranslationsForLocale: (locale: string) => Record<string, string>): void;
}

export type PluginStore = Store;
