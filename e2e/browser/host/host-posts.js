// Renders a Mattermost post the way the web app shows a plugin's messages: the
// author, the Markdown message and its message attachments with their buttons
// and menus. Pressing a button calls the real server's post-action endpoint,
// which forwards the press to the plugin as the logged-in user.
(function () {
    'use strict';
    const {api, el, markdown} = window.mmHost;
    const names = {};

    // authorName fills the author label once the user is known; the label shows
    // the id until then, so a render never waits on the network.
    function authorName(userId) {
        const span = el('strong', {class: 'post-author'}, names[userId] ? '@' + names[userId] : '…');
        if (!names[userId]) {
            api('GET', '/api/v4/users/' + encodeURIComponent(userId)).then((u) => {
                names[userId] = u.username;
                span.textContent = '@' + u.username;
            }).catch(() => { span.textContent = userId; });
        }
        return span;
    }

    function actionControl(post, action, options, status) {
        const press = async (selected) => {
            status.textContent = '';
            status.hidden = true;
            controls(post.id).forEach((c) => { c.disabled = true; });
            try {
                await api('POST', '/api/v4/posts/' + post.id + '/actions/' + encodeURIComponent(action.id),
                    selected === undefined ? {} : {selected_option: selected});
                if (options.onActionDone) { options.onActionDone(post.id); }
            } catch (e) {
                status.textContent = e.message;
                status.hidden = false;
            } finally {
                controls(post.id).forEach((c) => { c.disabled = false; });
            }
        };
        if (action.type === 'select') {
            const select = el('select', {'aria-label': action.name, onchange: (e) => e.target.value && press(e.target.value)},
                el('option', {value: ''}, action.name),
                (action.options || []).map((o) => el('option', {value: o.value}, o.text)));
            return select;
        }
        const style = {good: 'btn-good', danger: 'btn-danger', primary: 'btn-primary'}[action.style] || 'btn-default';
        return el('button', {type: 'button', class: 'btn ' + style, 'data-action-id': action.id, onclick: () => press()}, action.name);
    }

    function controls(postId) {
        return document.querySelectorAll(`[data-post-id="${postId}"] .attachment-actions > *`);
    }

    // color accepts Slack's named colors and hex codes only: it goes into a style.
    function color(c) {
        const named = {good: '#3db887', warning: '#ffbc1f', danger: '#d24b4e'}[c];
        const value = named || (/^#[0-9a-f]{3,8}$/i.test(c || '') ? c : '');
        return value ? 'border-left-color:' + value : undefined;
    }

    function renderAttachment(post, a, options) {
        const status = el('div', {class: 'post-error', role: 'alert', hidden: true});
        const actions = (a.actions || []).filter((action) => action.id);
        return el('div', {class: 'attachment', style: color(a.color)},
            a.pretext && el('div', {class: 'md', html: markdown(a.pretext)}),
            a.author_name && el('div', {class: 'attachment-author'}, a.author_name),
            a.title && el('div', {class: 'attachment-title'}, a.title),
            a.text && el('div', {class: 'md', html: markdown(a.text)}),
            (a.fields || []).length > 0 && el('dl', {class: 'attachment-fields'},
                a.fields.map((f) => [el('dt', {}, f.title), el('dd', {class: 'md', html: markdown(String(f.value))})])),
            actions.length > 0 && el('div', {class: 'attachment-actions'},
                options.ephemeral ?
                    actions.map((action) => el('button', {type: 'button', class: 'btn btn-default', disabled: true, title: 'Buttons on ephemeral posts are not supported by this host page'}, action.name)) :
                    actions.map((action) => actionControl(post, action, options, status))),
            status,
            a.footer && el('div', {class: 'attachment-footer'}, a.footer));
    }

    // renderPost returns the element for post. options: {ephemeral, label, bare
    // (no author line), onActionDone(postId)}.
    function renderPost(post, options) {
        options = options || {};
        const attachments = (post.props && post.props.attachments) || [];
        return el('article', {class: 'post' + (options.ephemeral ? ' post-ephemeral' : ''), 'data-post-id': post.id, 'data-testid': 'post'},
            !options.bare && el('div', {class: 'post-head'},
                authorName(post.user_id),
                el('time', {}, window.mmHost.time(post.create_at || Date.now())),
                options.ephemeral && el('span', {class: 'post-label'}, '(only visible to you)'),
                post.edit_at > 0 && el('span', {class: 'post-label'}, '(edited)'),
                options.label && el('span', {class: 'post-label'}, options.label)),
            post.message && el('div', {class: 'md post-message', html: markdown(post.message)}),
            attachments.map((a) => renderAttachment(post, a, options)));
    }

    window.mmHost.renderPost = renderPost;
    window.mmHost.rememberUser = (u) => { names[u.id] = u.username; };
})();
