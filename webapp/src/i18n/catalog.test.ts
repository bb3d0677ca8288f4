// Guards the translation files against drift: both languages have the same
// keys and placeholders, every message parses as ICU, every message id the
// source names exists, and no message is left unused.
/// <reference types="node" />
import fs from 'fs';
import path from 'path';

import {TYPE, parse, type MessageFormatElement} from '@formatjs/icu-messageformat-parser';

import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

const catalogs: Record<string, Record<string, string>> = {en, es};
const srcDir = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return sourceFiles(full);
        }
        return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}

// A message id is a quoted, dotted, lower-case name like 'rhs.join' or
// 'status.pending'. Class names, paths and module names never look like that.
const ID_LITERAL = /'([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)'/g;

function idsUsedIn(file: string): string[] {
    return (fs.readFileSync(file, 'utf8').match(ID_LITERAL) ?? []).map((quoted) => quoted.slice(1, -1));
}

function argumentNames(elements: MessageFormatElement[]): string[] {
    return elements.flatMap((el) => (el.type === TYPE.literal || el.type === TYPE.pound ? [] : [el.value])).sort();
}

test('en.json and es.json have exactly the same keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
});

test.each(Object.keys(catalogs))('every %s message is valid ICU with the same placeholders as English', (locale) => {
    for (const [id, text] of Object.entries(catalogs[locale])) {
        expect([id, argumentNames(parse(text))]).toEqual([id, argumentNames(parse((en as Record<string, string>)[id]))]);
        expect([id, text.trim()]).not.toEqual([id, '']);
    }
});

test('every message id named in src/ exists in every catalog', () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
        for (const id of idsUsedIn(file)) {
            for (const [locale, messages] of Object.entries(catalogs)) {
                expect([path.relative(srcDir, file), locale, id in messages]).toEqual([path.relative(srcDir, file), locale, true]);
            }
        }
    }
});

test('message ids are never built at run time (the check above could not see them)', () => {
    for (const file of sourceFiles(srcDir)) {
        const text = fs.readFileSync(file, 'utf8');
        expect([path.relative(srcDir, file), /\bid(=\{|:\s*)`/.test(text)]).toEqual([path.relative(srcDir, file), false]);
    }
});

test('every message in en.json is used somewhere in src/', () => {
    const used = new Set(sourceFiles(srcDir).flatMap(idsUsedIn));
    expect(Object.keys(en).filter((id) => !used.has(id))).toEqual([]);
});
