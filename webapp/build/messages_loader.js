// Webpack loader for i18n/<locale>.json: compiles every ICU message to its
// parsed form (the AST react-intl formats directly) at build time. The bundle
// then needs no ICU parser at run time, and webpack.config.js swaps the parser
// for @formatjs's own "no-parser" stub: the parser is the largest part of
// react-intl, and this is how formatjs recommends shipping it. Jest does not
// use this loader: tests format the JSON strings with the full parser, and
// messages_loader.test.ts checks both give the same text.
const {parse} = require('@formatjs/icu-messageformat-parser');

/** The catalog with each message replaced by its AST. Throws on a malformed message. */
function compileMessages(catalog) {
    const compiled = {};
    for (const [id, message] of Object.entries(catalog)) {
        try {
            compiled[id] = parse(message);
        } catch (e) {
            throw new Error(`message "${id}" is not valid ICU: ${e.message}`);
        }
    }
    return compiled;
}

function messagesLoader(source) {
    return JSON.stringify(compileMessages(JSON.parse(source)));
}

module.exports = messagesLoader;
module.exports.compileMessages = compileMessages;
