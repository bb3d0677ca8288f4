import type {PluginRegistry} from './types/registry';
import {storeFor} from './test_utils';

// index.tsx registers itself on load, as Mattermost plugins do.
const registered: Record<string, {initialize: (registry: PluginRegistry, store: ReturnType<typeof storeFor>) => void}> = {};
window.registerPlugin = (id, plugin) => {
    registered[id] = plugin;
};
jest.requireActual('./index');

function fakeRegistry() {
    return {
        registerRightHandSidebarComponent: jest.fn(() => ({id: 'rhs', showRHSPlugin: {type: 's'}, hideRHSPlugin: {type: 'h'}, toggleRHSPlugin: {type: 't'}})),
        registerAppBarComponent: jest.fn(),
        registerChannelHeaderButtonAction: jest.fn(),
        registerWebSocketEventHandler: jest.fn(),
        registerReconnectHandler: jest.fn(),
        registerTranslations: jest.fn(),
    };
}

test('registers its translations with Mattermost, per locale', () => {
    const registry = fakeRegistry();
    registered.mentorship.initialize(registry, storeFor({}));
    const translationsFor = registry.registerTranslations.mock.calls[0][0] as (locale: string) => Record<string, string>;
    expect(translationsFor('es')['rhs.mine.title']).toBe('Mis programas');
    expect(translationsFor('en')['rhs.mine.title']).toBe('My programs');
    expect(translationsFor('de')['rhs.mine.title']).toBe('My programs');
});

test('titles and tooltips are plain strings in the reader\'s language', () => {
    const registry = fakeRegistry();
    registered.mentorship.initialize(registry, storeFor({locale: 'es'}));
    expect(registry.registerRightHandSidebarComponent).toHaveBeenCalledWith(expect.anything(), 'Mentoría');
    expect(registry.registerChannelHeaderButtonAction).toHaveBeenCalledWith(expect.anything(), expect.any(Function), 'Mentoría', 'Mentoría');
    expect(registry.registerAppBarComponent).toHaveBeenCalledWith(expect.any(String), expect.any(Function), 'Mentoría');
});
