// Shared helpers of the host page: REST calls with the session cookie and CSRF
// header (as the Mattermost web app sends them), a small DOM builder, and a
// WebSocket event bus the panels subscribe to. Loaded before the panels.
(function () {
    'use strict';
    const listeners = {};
    const panels = [];

    // api calls the real server's REST API. Errors carry the server's own message
    // (AppError.message or the plugin's {"error"}) so panels can show it.
    async function api(method, path, body) {
        const headers = {'X-Requested-With': 'XMLHttpRequest'};
        const csrf = (document.cookie.match(/(?:^|; )MMCSRF=([^;]*)/) || [])[1];
        if (csrf && method !== 'GET') { headers['X-CSRF-Token'] = csrf; }
        if (body) { headers['Content-Type'] = 'application/json'; }
        const r = await fetch(path, {method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin'});
        const text = await r.text();
        let data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!r.ok) {
            const detail = data && (data.message || data.error);
            const err = new Error(detail || (method + ' ' + path + ': ' + r.status));
            err.status = r.status;
            throw err;
        }
        return data;
    }

    // el builds an element: el('button', {class: 'btn', onclick: f}, 'Text', child).
    // Strings become text nodes, never HTML.
    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs || {})) {
            if (value === undefined || value === null || value === false) { continue; }
            if (key.startsWith('on')) {
                node.addEventListener(key.slice(2), value);
            } else if (key === 'html') {
                node.innerHTML = value; // only ever given mmMarkdown output, which is escaped
            } else {
                node.setAttribute(key, value === true ? '' : value);
            }
        }
        for (const child of children.flat()) {
            if (child !== undefined && child !== null && child !== false) {
                node.append(child instanceof Node ? child : String(child));
            }
        }
        return node;
    }

    window.mmHost = {
        api,
        el,
        markdown: (text) => window.mmMarkdown.renderMarkdown(text),
        // on subscribes to a WebSocket event by name ("posted", "open_dialog", ...).
        on(event, handler) { (listeners[event] = listeners[event] || []).push(handler); },
        emit(msg) { (listeners[msg.event] || []).forEach((handler) => handler(msg)); },
        // panel registers a panel's start function; host.js calls it with
        // {me, team, channel} once the user is logged in.
        panel(start) { panels.push(start); },
        startPanels(context) {
            panels.forEach((start) => {
                try {
                    start(context);
                } catch (e) {
                    console.error('host panel failed', e); // one broken panel must not hide the others
                }
            });
        },
        // parse reads the JSON strings the server nests in event data (post, dialog).
        parse(value) { return typeof value === 'string' ? JSON.parse(value) : value; },
        time(ms) { return new Date(ms).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}); },
    };
})();
