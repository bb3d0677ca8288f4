// The plugin id, as in plugin.json; routes and WebSocket event names derive from it.
export const PLUGIN_ID = 'mentorship';
