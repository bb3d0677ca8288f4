// The bot DM panel: the posts of the logged-in user's direct channel with the
// @mentorship bot, newest first, read through GET /api/v4/channels/{id}/posts and
// kept current from the WebSocket (posted, post_edited, post_deleted and
// ephemeral_message events). Buttons in the posts call the real post-action API.
(function () {
    'use strict';
    const {api, el, on, parse, renderPost} = window.mmHost;
    const BOT = 'mentorship';

    window.mmHost.panel(function ({me}) {
        const root = document.getElementById('dm-panel');
        const status = el('div', {class: 'muted', id: 'dm-status'}, 'Loading…');
        const list = el('div', {id: 'dm-posts'});
        root.append(el('h3', {}, 'Direct messages from @' + BOT), status, list);
        const posts = {}; // id → {post, ephemeral}
        let dm = null;

        function render() {
            const items = Object.values(posts).sort((a, b) => b.post.create_at - a.post.create_at);
            list.replaceChildren(...items.map(({post, ephemeral}) => renderPost(post, {ephemeral, onActionDone: refresh})));
            status.textContent = items.length ? '' : 'No messages yet. Join a program and the bot will write to you here.';
        }

        // refresh re-reads one post after a button press, so the page shows the
        // plugin's update even when the WebSocket is down.
        async function refresh(postId) {
            try {
                upsert(await api('GET', '/api/v4/posts/' + postId), false);
            } catch (e) {
                console.error('refresh post', e);
            }
        }

        function upsert(post, ephemeral) {
            if (!dm || post.channel_id !== dm.id) { return; }
            if (post.delete_at > 0) {
                delete posts[post.id];
            } else {
                posts[post.id] = {post, ephemeral};
            }
            render();
        }

        async function load() {
            const page = await api('GET', '/api/v4/channels/' + dm.id + '/posts?per_page=60');
            Object.keys(posts).filter((id) => !posts[id].ephemeral).forEach((id) => delete posts[id]);
            page.order.forEach((id) => { posts[id] = {post: page.posts[id], ephemeral: false}; });
            render();
        }

        async function start() {
            let bot;
            try {
                bot = await api('GET', '/api/v4/users/username/' + BOT);
            } catch (e) {
                status.textContent = 'There is no @' + BOT + ' bot yet: is the plugin enabled?';
                return;
            }
            window.mmHost.rememberUser(bot);
            window.mmHost.rememberUser(me);
            // Creating a DM channel that exists returns the existing one.
            dm = await api('POST', '/api/v4/channels/direct', [me.id, bot.id]);
            window.mmHost.dmChannelId = dm.id;
            root.dataset.channelId = dm.id;
            await load();
        }

        on('posted', (msg) => upsert(parse(msg.data.post), false));
        on('post_edited', (msg) => upsert(parse(msg.data.post), false));
        on('post_deleted', (msg) => {
            const post = parse(msg.data.post);
            upsert(Object.assign({}, post, {delete_at: post.delete_at || Date.now()}), false);
        });
        on('ephemeral_message', (msg) => {
            const post = parse(msg.data.post);
            upsert(Object.assign({}, post, {id: post.id || 'ephemeral-' + Date.now()}), true);
        });
        // hello follows every (re)connection: re-read what may have been missed.
        on('hello', () => { if (dm) { load().catch((e) => console.error('reload DMs', e)); } });
        start().catch((e) => { status.textContent = 'Could not load the DMs: ' + e.message; });
    });
})();
