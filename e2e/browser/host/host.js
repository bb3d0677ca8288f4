/* global React, ReactDOM, Redux, ReactRedux */
// The host page logic (CSP forbids inline scripts). It mimics what the Mattermost
// web app does for a plugin: login session via cookies, a Redux store with the
// current user, team and channel, window.registerPlugin, and a registry that
// renders the right-hand sidebar. The panels (command box, dialogs, bot DMs, user
// switch) live in host-*.js and start once the user is known.
(function () {
    'use strict';
    const h = React.createElement;
    const plugins = {};
    window.registerPlugin = function (id, plugin) { plugins[id] = plugin; };
    window.hostEvents = [];

    const api = window.mmHost.api;

    function showLogin() {
        const root = document.getElementById('login');
        root.innerHTML = '<form id="login-form"><h3>Log in</h3>' +
            '<input id="login-id" placeholder="username" autocomplete="username">' +
            '<input id="login-password" type="password" placeholder="password" autocomplete="current-password">' +
            '<button class="btn btn-primary" type="submit">Log in</button><div id="login-error"></div></form>';
        document.getElementById('login-form').addEventListener('submit', async (e) => {
            e.preventDefault();
            try {
                await api('POST', '/api/v4/users/login', {login_id: document.getElementById('login-id').value, password: document.getElementById('login-password').value});
                location.reload();
            } catch (err) {
                document.getElementById('login-error').textContent = 'Login failed: ' + err.message;
            }
        });
    }

    function makeStore(me, team, channel, config) {
        const initial = {
            entities: {
                general: {config},
                users: {currentUserId: me.id, profiles: {[me.id]: me}},
                teams: {currentTeamId: team ? team.id : '', teams: team ? {[team.id]: team} : {}},
                channels: {currentChannelId: channel ? channel.id : '', channels: channel ? {[channel.id]: channel} : {}},
            },
            views: {rhs: {pluginId: '', open: true}},
        };
        return Redux.createStore(function (state, action) {
            state = state || initial;
            if (action.type === 'HOST_TOGGLE_RHS') {
                return Object.assign({}, state, {views: {rhs: {pluginId: action.id, open: !state.views.rhs.open}}});
            }
            if (action.type === 'HOST_SHOW_RHS') {
                return Object.assign({}, state, {views: {rhs: {pluginId: action.id, open: true}}});
            }
            return state;
        });
    }

    function makeRegistry(store) {
        const registry = {rhs: [], headerButtons: [], appBar: [], ws: {}, reconnect: []};
        let n = 0;
        return {
            registrations: registry,
            registerRightHandSidebarComponent(component, title) {
                const id = 'rhs' + (++n);
                registry.rhs.push({id, component, title});
                return {id, showRHSPlugin: {type: 'HOST_SHOW_RHS', id}, hideRHSPlugin: {type: 'HOST_TOGGLE_RHS', id}, toggleRHSPlugin: {type: 'HOST_TOGGLE_RHS', id}};
            },
            registerAppBarComponent(iconUrl, action, tooltip) { registry.appBar.push({iconUrl, action, tooltip}); return 'app' + (++n); },
            registerChannelHeaderButtonAction(icon, action, dropdownText, tooltip) { registry.headerButtons.push({icon, action, tooltip}); return 'hb' + (++n); },
            registerWebSocketEventHandler(event, handler) { (registry.ws[event] = registry.ws[event] || []).push(handler); },
            registerReconnectHandler(handler) { registry.reconnect.push(handler); },
            registerReducer() {},
            registerTranslations() {},
        };
    }

    function connectWebSocket(registry) {
        const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v4/websocket');
        ws.onmessage = (m) => {
            const msg = JSON.parse(m.data);
            if (!msg.event) { return; }
            window.hostEvents.push(msg.event);
            if (msg.event === 'hello') {
                // The cookie session authenticated the socket: events will flow.
                document.body.dataset.ws = 'ready';
            }
            (registry.registrations.ws[msg.event] || []).forEach((handler) => handler(msg));
            window.mmHost.emit(msg);
        };
        ws.onclose = () => {
            document.body.dataset.ws = 'closed';
            setTimeout(() => {
                registry.registrations.reconnect.forEach((handler) => handler());
                connectWebSocket(registry);
            }, 1000);
        };
    }

    async function start() {
        let me;
        try {
            me = await api('GET', '/api/v4/users/me');
        } catch (e) {
            showLogin();
            return;
        }
        document.getElementById('who').textContent = '@' + me.username;
        const [teams, config, manifests] = await Promise.all([
            api('GET', '/api/v4/users/me/teams'),
            api('GET', '/api/v4/config/client?format=old'),
            api('GET', '/api/v4/plugins/webapp'),
        ]);
        const team = teams[0];
        // Commands and dialogs run in the team's town square, as if it were open.
        const channel = team ? await api('GET', '/api/v4/teams/' + team.id + '/channels/name/town-square') : null;
        document.getElementById('channel').textContent = team ? 'Team: ' + team.display_name + ' · Channel: ~' + channel.name : 'You are in no team yet.';
        const store = makeStore(me, team, channel, config);
        const registry = makeRegistry(store);

        for (const manifest of manifests) {
            // bundle_path is /static/<id>/<file>; the server serves it from the plugin client dir.
            const file = manifest.webapp.bundle_path.split('/').pop();
            await new Promise((resolve, reject) => {
                const s = document.createElement('script');
                s.src = '/static/plugins/' + manifest.id + '/' + file;
                s.onload = resolve;
                s.onerror = () => reject(new Error('could not load ' + s.src));
                document.body.appendChild(s);
            });
            if (plugins[manifest.id]) {
                plugins[manifest.id].initialize(registry, store);
            }
        }
        if (team) {
            document.getElementById('panels').hidden = false;
            window.mmHost.startPanels({me, team, channel});
        }
        connectWebSocket(registry);

        const buttons = document.getElementById('header-buttons');
        registry.registrations.headerButtons.forEach((b) => {
            const btn = document.createElement('button');
            btn.title = b.tooltip;
            btn.setAttribute('aria-label', b.tooltip);
            btn.className = 'host-header-button';
            buttons.appendChild(btn);
            ReactDOM.createRoot(btn).render(b.icon);
            btn.addEventListener('click', b.action);
        });

        const rhs = registry.registrations.rhs[0];
        if (!rhs) { return; }
        document.getElementById('rhs-title').textContent = typeof rhs.title === 'string' ? rhs.title : '';
        const aside = document.getElementById('rhs');
        const render = () => { aside.hidden = !store.getState().views.rhs.open; };
        store.subscribe(render);
        render();
        ReactDOM.createRoot(document.getElementById('rhs-body')).render(h(ReactRedux.Provider, {store}, h(rhs.component)));
    }

    start().catch((e) => {
        document.getElementById('channel').textContent = 'Host page error: ' + e.message;
    });
})();
