// The bundle formats the ASTs that build/messages_loader.js compiles, while the
// other tests format the JSON strings: this checks both say the same thing.
import {TYPE, parse, type MessageFormatElement} from '@formatjs/icu-messageformat-parser';
import {createIntl} from 'react-intl';

import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

type Compile = (catalog: Record<string, string>) => Record<string, ReturnType<typeof parse>>;
const {compileMessages} = jest.requireActual<{compileMessages: Compile}>('../../build/messages_loader.js');

// A value for every placeholder, nested ones included: text for plain
// arguments, a number for plurals and numbers (2, so "other" branches and # show).
function valuesFor(elements: MessageFormatElement[], values: Record<string, string | number> = {}): Record<string, string | number> {
    for (const el of elements) {
        if (el.type === TYPE.argument) {
            values[el.value] = `<${el.value}>`;
        } else if (el.type === TYPE.plural || el.type === TYPE.number) {
            values[el.value] = 2;
        }
        if (el.type === TYPE.plural || el.type === TYPE.select) {
            Object.values(el.options).forEach((option) => valuesFor(option.value, values));
        }
    }
    return values;
}

test.each([['en', en], ['es', es]] as const)('compiled %s messages format exactly like the source strings', (locale, catalog) => {
    const fromStrings = createIntl({locale, messages: catalog});
    const fromAst = createIntl({locale, messages: compileMessages(catalog)});
    for (const [id, text] of Object.entries(catalog)) {
        const values = valuesFor(parse(text));
        const key = id as keyof typeof en;
        expect([id, fromAst.formatMessage({id: key}, values)]).toEqual([id, fromStrings.formatMessage({id: key}, values)]);
    }
});

test('a malformed message fails the build, naming the message', () => {
    expect(() => compileMessages({'rhs.broken': 'Hello {name'})).toThrow(/rhs\.broken/);
});
