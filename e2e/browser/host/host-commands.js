// The command box: runs any slash command through the real server
// (POST /api/v4/commands/execute, in the current team and channel) and shows the
// reply, plus every ephemeral post the server pushes outside the bot DM (for
// example the plugin's answer to a dialog submission).
(function () {
    'use strict';
    const {api, el, markdown, on, parse, renderPost} = window.mmHost;
    const examples = ['/mentor help', '/mentor programs', '/mentor join', '/mentor program create'];

    window.mmHost.panel(function ({team, channel}) {
        const root = document.getElementById('command-panel');
        const replies = el('div', {id: 'command-replies', 'aria-live': 'polite'});
        const input = el('input', {id: 'command-input', placeholder: 'Type a slash command, e.g. /mentor help', autocomplete: 'off', 'aria-label': 'Slash command'});
        const form = el('form', {id: 'command-form', onsubmit: (e) => { e.preventDefault(); run(input.value.trim()); }},
            input, el('button', {class: 'btn btn-primary', type: 'submit'}, 'Run'));
        root.append(
            el('h3', {}, 'Slash commands'),
            el('p', {class: 'hint'}, 'Runs in ~' + channel.name + '. Try: ',
                examples.map((cmd) => el('button', {type: 'button', class: 'btn btn-tertiary', onclick: () => { input.value = cmd; input.focus(); }}, cmd))),
            form, replies);

        // The server answers a command twice: in the HTTP response and as an
        // ephemeral_message event. Events that arrive while a command runs wait
        // here, so the copy of its reply can be dropped whichever comes first.
        let running = 0;
        let held = [];
        const answered = [];
        const show = (node) => replies.prepend(node);

        function showEphemeral(post) {
            const i = answered.indexOf(post.message);
            if (i >= 0) {
                answered.splice(i, 1);
                return;
            }
            show(el('div', {class: 'reply', 'data-testid': 'ephemeral'}, renderPost(post, {ephemeral: true})));
        }

        on('ephemeral_message', (msg) => {
            const post = parse(msg.data.post);
            if (post.channel_id === window.mmHost.dmChannelId) { return; } // the DM panel shows those
            if (running > 0) { held.push(post); } else { showEphemeral(post); }
        });

        async function run(command) {
            if (!command) { return; }
            if (!command.startsWith('/')) { command = '/' + command; }
            const body = el('div', {class: 'reply-body'}, el('span', {class: 'muted'}, 'Running…'));
            show(el('div', {class: 'reply', 'data-testid': 'command-reply'}, el('div', {class: 'reply-command'}, el('code', {}, command)), body));
            input.value = '';
            running++;
            try {
                const resp = await api('POST', '/api/v4/commands/execute', {command, channel_id: channel.id, team_id: team.id}) || {};
                body.replaceChildren();
                if (resp.text) {
                    body.append(el('div', {class: 'md', html: markdown(resp.text)}));
                    answered.push(resp.text);
                    if (answered.length > 20) { answered.shift(); } // a lost event must not mute the same reply forever
                }
                (resp.attachments || []).forEach((a) => body.append(renderPost({id: '', props: {attachments: [a]}}, {ephemeral: true, bare: true})));
                if (resp.goto_location) {
                    body.append(el('p', {}, 'The command asks to open ', el('a', {href: resp.goto_location, target: '_blank', rel: 'noopener'}, resp.goto_location)));
                }
                if (!body.childNodes.length) {
                    body.append(el('span', {class: 'muted'}, 'No reply text (a form may have opened).'));
                }
            } catch (e) {
                body.replaceChildren(el('div', {class: 'post-error', role: 'alert'}, e.message));
            } finally {
                running--;
                if (running === 0) {
                    const waiting = held;
                    held = [];
                    waiting.forEach(showEphemeral);
                }
            }
        }
        window.mmHost.runCommand = run;
    });
})();
