// Switch user: the demo seeds several users with one password, so one person can
// play coordinator and member in turn. Logging in goes through the real
// POST /api/v4/users/login, which replaces the session cookie; the page then
// reloads as the new user. The password is never stored by the page.
(function () {
    'use strict';
    const {api, el} = window.mmHost;

    async function login(loginId, password) {
        await api('POST', '/api/v4/users/login', {login_id: loginId, password});
        location.reload();
    }

    window.mmHost.login = login;

    window.mmHost.panel(function ({me, team}) {
        const root = document.getElementById('switch-user');
        const select = el('select', {id: 'switch-user-name', required: true}, el('option', {value: ''}, 'choose a user…'));
        const password = el('input', {id: 'switch-user-password', type: 'password', placeholder: 'password', 'aria-label': 'Password', autocomplete: 'current-password'});
        const error = el('span', {id: 'switch-user-error', role: 'alert'});
        const form = el('form', {onsubmit: async (e) => {
            e.preventDefault();
            error.textContent = '';
            try {
                await login(select.value, password.value);
            } catch (err) {
                error.textContent = 'Login failed: ' + err.message;
            }
        }}, el('label', {for: 'switch-user-name'}, 'Switch user'), select, password, el('button', {class: 'btn', type: 'submit'}, 'Log in'));
        const logout = el('button', {type: 'button', class: 'btn', id: 'logout', onclick: async () => {
            await api('POST', '/api/v4/users/logout').catch(() => {});
            location.reload();
        }}, 'Log out');
        root.append(form, logout, error);

        if (!team) { return; }
        api('GET', '/api/v4/users?in_team=' + team.id + '&active=true&per_page=200').then((users) => {
            const people = users.filter((u) => !u.is_bot && u.id !== me.id).sort((a, b) => a.username.localeCompare(b.username));
            select.append(...people.map((u) => el('option', {value: u.username}, '@' + u.username)));
        }).catch((e) => { error.textContent = 'Could not list users: ' + e.message; });
    });
})();
