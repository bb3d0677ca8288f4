// A tiny Markdown renderer for the host page: enough of Mattermost's dialect to
// read the plugin's replies and bot posts (headings, bold, italics, code, links,
// lists, tables, quotes, line breaks). Safety comes first: the text is
// HTML-escaped before any tag is added, and links keep only http(s), mailto and
// same-site targets, so a message can never inject markup or script.
(function () {
    'use strict';

    function escapeHTML(s) {
        return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').
            replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    }

    // inline formats one line of already-split text. Code spans are cut out first
    // so nothing inside them is formatted.
    function inline(raw) {
        const codes = [];
        let s = escapeHTML(raw).replace(/`([^`]+)`/g, (m, code) => {
            codes.push('<code>' + code + '</code>');
            return '\u0000' + (codes.length - 1) + '\u0000';
        });
        s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, text, url) => {
            if (!/^(https?:|mailto:|\/)/i.test(url)) {
                return text;
            }
            return '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + text + '</a>';
        });
        s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').
            replace(/~~([^~]+)~~/g, '<del>$1</del>').
            replace(/(^|[\s(])[*_]([^*_\s][^*_]*)[*_](?=$|[\s).,:;!?])/g, '$1<em>$2</em>').
            replace(/(^|[\s(])@([a-z0-9._-]+[a-z0-9_])/gi, '$1<span class="md-mention">@$2</span>');
        return s.replace(/\u0000(\d+)\u0000/g, (m, i) => codes[Number(i)]);
    }

    function cells(line) {
        return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    }

    const isTableRule = (line) => (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/).test(line);
    const listItem = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/;

    // renderMarkdown returns safe HTML for text.
    function renderMarkdown(text) {
        const lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
        const out = [];
        let paragraph = [];
        const flush = () => {
            if (paragraph.length) {
                out.push('<p>' + paragraph.map(inline).join('<br>') + '</p>');
                paragraph = [];
            }
        };
        for (let i = 0; i < lines.length; i++) {
            const line = lines[i];
            let m;
            if (/^```/.test(line)) {
                flush();
                const code = [];
                for (i++; i < lines.length && !/^```/.test(lines[i]); i++) {
                    code.push(lines[i]);
                }
                out.push('<pre><code>' + escapeHTML(code.join('\n')) + '</code></pre>');
            } else if (line.includes('|') && i + 1 < lines.length && isTableRule(lines[i + 1])) {
                flush();
                const head = cells(line).map((c) => '<th>' + inline(c) + '</th>').join('');
                const rows = [];
                for (i += 2; i < lines.length && lines[i].includes('|'); i++) {
                    rows.push('<tr>' + cells(lines[i]).map((c) => '<td>' + inline(c) + '</td>').join('') + '</tr>');
                }
                i--;
                out.push('<table><thead><tr>' + head + '</tr></thead><tbody>' + rows.join('') + '</tbody></table>');
            } else if ((m = line.match(/^(#{1,6})\s+(.*)$/))) {
                flush();
                const level = Math.max(3, m[1].length); // h1/h2 would outshout the page inside a message
                out.push('<h' + level + '>' + inline(m[2]) + '</h' + level + '>');
            } else if ((m = line.match(listItem))) {
                flush();
                const ordered = Boolean(m[2]);
                const items = [];
                for (; i < lines.length && (m = lines[i].match(listItem)) && Boolean(m[2]) === ordered; i++) {
                    items.push('<li>' + inline(m[3]) + '</li>');
                }
                i--;
                const tag = ordered ? 'ol' : 'ul';
                out.push('<' + tag + '>' + items.join('') + '</' + tag + '>');
            } else if ((m = line.match(/^>\s?(.*)$/))) {
                flush();
                out.push('<blockquote>' + inline(m[1]) + '</blockquote>');
            } else if (line.trim() === '') {
                flush();
            } else {
                paragraph.push(line);
            }
        }
        flush();
        return out.join('');
    }

    window.mmMarkdown = {renderMarkdown, escapeHTML};
})();
