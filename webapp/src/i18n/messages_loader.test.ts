// The bundle formats the ASTs that build/messages_loader.js compiles, while the
// other tests format the JSON strings: this checks both say the same thing.
import {TYPE, parse} from '@formatjs/icu-messageformat-parser';
import {createIntl} from 'react-intl';

import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

type Compile = (catalog: Record<string, string>) => Record<string, ReturnType<typeof parse>>;
const {compileMessages} = jest.requireActual<{compileMessages: Compile}>('../../build/messages_loader.js');

test.each([['en', en], ['es', es]] as const)('compiled %s messages format exactly like the source strings', (locale, catalog) => {
    const fromStrings = createIntl({locale, messages: catalog});
    const fromAst = createIntl({locale, messages: compileMessages(catalog)});
    for (const [id, text] of Object.entries(catalog)) {
        const values: Record<string, string> = {};
        parse(text).forEach((el) => {
            if (el.type === TYPE.argument) {
                values[el.value] = `<${el.value}>`;
            }
        });
        const key = id as keyof typeof en;
        expect([id, fromAst.formatMessage({id: key}, values)]).toEqual([id, fromStrings.formatMessage({id: key}, values)]);
    }
});

test('a malformed message fails the build, naming the message', () => {
    expect(() => compileMessages({'rhs.broken': 'Hello {name'})).toThrow(/rhs\.broken/);
});
