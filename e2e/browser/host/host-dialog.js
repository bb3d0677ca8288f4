// Interactive dialogs. When a command or a button opens a dialog, the server
// pushes an open_dialog event to this user's WebSocket; this renders its elements
// as a form and submits it through POST /api/v4/actions/dialogs/submit, which the
// server forwards to the plugin. Per-field errors from the plugin are shown under
// their fields; a submission without errors closes the dialog.
(function () {
    'use strict';
    const {api, el, markdown, on, parse} = window.mmHost;

    // input builds the control for one dialog element and returns it with a
    // function reading its value.
    function input(element, id) {
        const common = {id, name: element.name, 'aria-describedby': id + '-error'};
        const def = element.default === undefined || element.default === null ? '' : String(element.default);
        if (element.type === 'textarea') {
            const area = el('textarea', Object.assign({rows: 3, placeholder: element.placeholder, maxlength: element.max_length || undefined}, common), def);
            return [area, () => area.value];
        }
        if (element.type === 'select' && (element.options || []).length > 0) {
            const select = el('select', common,
                el('option', {value: ''}, element.placeholder || 'Choose…'),
                element.options.map((o) => el('option', {value: o.value, selected: o.value === def}, o.text)));
            return [select, () => select.value];
        }
        if (element.type === 'bool') {
            const box = el('input', Object.assign({type: 'checkbox', checked: def === 'true'}, common));
            return [box, () => box.checked];
        }
        if (element.type === 'radio') {
            const group = el('div', {id, role: 'radiogroup'}, (element.options || []).map((o) =>
                el('label', {class: 'radio'}, el('input', {type: 'radio', name: element.name, value: o.value, checked: o.value === def}), ' ' + o.text)));
            return [group, () => (group.querySelector('input:checked') || {}).value || ''];
        }
        // Text, and selects fed by a data source (users, channels), which take ids
        // here. A "number" subtype stays a text box with a numeric keyboard so the
        // plugin's own validation of what people type is what the page shows.
        const types = {email: 'email', password: 'password', tel: 'tel', url: 'url'};
        const box = el('input', Object.assign({type: types[element.subtype] || 'text', value: def,
            inputmode: element.subtype === 'number' ? 'numeric' : undefined,
            placeholder: element.placeholder || (element.data_source ? element.data_source.replace(/s$/, '') + ' id' : undefined),
            maxlength: element.max_length || undefined}, common));
        return [box, () => box.value];
    }

    function open(request, context) {
        close();
        const dialog = request.dialog || {};
        const readers = {};
        const errors = {};
        const general = el('div', {class: 'dialog-error', role: 'alert', hidden: true});
        const fields = (dialog.elements || []).map((element) => {
            const id = 'dialog-field-' + element.name;
            const [control, read] = input(element, id);
            readers[element.name] = {read, element, control};
            errors[element.name] = el('div', {class: 'field-error', id: id + '-error', role: 'alert'});
            return el('div', {class: 'field', 'data-field': element.name},
                el('label', {for: id}, element.display_name, element.optional ? el('span', {class: 'muted'}, ' (optional)') : el('span', {class: 'required'}, ' *')),
                control,
                element.help_text && el('div', {class: 'help md', html: markdown(element.help_text)}),
                errors[element.name]);
        });
        const submitButton = el('button', {type: 'submit', class: 'btn btn-primary'}, dialog.submit_label || 'Submit');
        const cancel = async () => {
            if (dialog.notify_on_cancel) {
                await submit({cancelled: true}).catch(() => {});
            }
            close();
        };
        const form = el('form', {id: 'host-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'host-dialog-title', novalidate: true},
            el('header', {}, el('h2', {id: 'host-dialog-title'}, dialog.title || 'Dialog'),
                el('button', {type: 'button', class: 'close', 'aria-label': 'Close', onclick: cancel}, '×')),
            dialog.introduction_text && el('div', {class: 'md intro', html: markdown(dialog.introduction_text)}),
            general, fields,
            el('footer', {}, el('button', {type: 'button', class: 'btn btn-default', onclick: cancel}, 'Cancel'), submitButton));

        function submit(extra) {
            return api('POST', '/api/v4/actions/dialogs/submit', Object.assign({
                url: request.url, callback_id: dialog.callback_id || '', state: dialog.state || '',
                channel_id: context.channel.id, team_id: context.team.id, submission: {},
            }, extra));
        }

        form.addEventListener('submit', async (e) => {
            e.preventDefault();
            const markInvalid = (name, text) => {
                errors[name].textContent = text;
                readers[name].control.setAttribute('aria-invalid', text ? 'true' : 'false');
            };
            Object.keys(errors).forEach((name) => markInvalid(name, ''));
            general.hidden = true;
            const submission = {};
            let missing = false;
            for (const [name, {read, element}] of Object.entries(readers)) {
                const value = read();
                if (!element.optional && value === '') {
                    markInvalid(name, 'This field is required.');
                    missing = true;
                }
                if (value !== '') { submission[name] = value; }
            }
            if (missing) { return; }
            submitButton.disabled = true;
            try {
                const resp = await submit({submission}) || {};
                const fieldErrors = resp.errors || {};
                const unplaced = Object.entries(fieldErrors).filter(([name]) => !errors[name]).map(([, text]) => text);
                Object.entries(fieldErrors).forEach(([name, text]) => { if (errors[name]) { markInvalid(name, text); } });
                const top = [resp.error, ...unplaced].filter(Boolean).join(' ');
                if (top) {
                    general.textContent = top;
                    general.hidden = false;
                }
                if (!top && Object.keys(fieldErrors).length === 0) {
                    close();
                }
            } catch (err) {
                general.textContent = err.message;
                general.hidden = false;
            } finally {
                submitButton.disabled = false;
            }
        });
        document.body.append(el('div', {id: 'host-dialog-backdrop', onkeydown: (e) => e.key === 'Escape' && cancel()}, form));
        const first = form.querySelector('input, select, textarea');
        if (first) { first.focus(); }
    }

    function close() {
        const backdrop = document.getElementById('host-dialog-backdrop');
        if (backdrop) { backdrop.remove(); }
    }

    window.mmHost.panel(function (context) {
        on('open_dialog', (msg) => open(parse(msg.data.dialog), context));
    });
})();
