import React, {useEffect, useRef, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {MessageId} from '../../../i18n';
import {InlineError} from '../../common/people';

interface Props {
    /** The profile field (skills_offered, ...): names the test ids and the error. */
    name: string;
    label: MessageId;
    values: string[];
    max: number;
    onChange: (values: string[]) => void;
    /** Terms that start with a prefix, from the program's vocabulary; absent = no autocomplete. */
    suggest?: (prefix: string) => Promise<string[]>;
    error?: string;
}

const chip: React.CSSProperties = {
    display: 'inline-flex', alignItems: 'center', gap: 4, padding: '2px 8px', margin: '2px 4px 2px 0',
    borderRadius: 12, fontSize: 12, background: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08)',
};

const sameTerm = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A list of free-text terms as chips, with suggestions from the vocabulary while typing. */
export default function TermChips({name, label, values, max, onChange, suggest, error}: Props) {
    const intl = useIntl();
    const [text, setText] = useState('');
    const [options, setOptions] = useState<string[]>([]);
    // Only the answer for what is typed now may show: keystrokes overtake answers.
    const asked = useRef('');
    const inputId = `profile-${name}`;
    const errorId = `${inputId}-error`;

    useEffect(() => {
        const prefix = text.trim();
        asked.current = prefix;
        if (!suggest || !prefix) {
            setOptions([]);
            return;
        }
        suggest(prefix).then((terms) => {
            if (asked.current === prefix) {
                setOptions(terms.filter((t) => !values.some((v) => sameTerm(v, t))).slice(0, 8));
            }
        }).catch(() => setOptions([]));
    }, [text, suggest, values]);

    const add = (term: string) => {
        const clean = term.trim();
        if (clean && !values.some((v) => sameTerm(v, clean)) && values.length < max) {
            onChange([...values, clean]);
        }
        setText('');
        setOptions([]);
    };
    const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add(text);
        } else if (e.key === 'Backspace' && !text && values.length > 0) {
            onChange(values.slice(0, -1));
        }
    };

    return (
        <div style={{marginBottom: 12}} data-testid={`${inputId}-field`}>
            <label htmlFor={inputId} style={{display: 'block', fontSize: 12, fontWeight: 600}}><FormattedMessage id={label}/></label>
            <div data-testid={`${inputId}-chips`}>
                {values.map((v) => (
                    <span key={v} style={chip} data-testid='chip'>
                        {v}
                        <button
                            type='button'
                            className='btn btn-link btn-xs'
                            style={{padding: 0, lineHeight: 1}}
                            aria-label={intl.formatMessage({id: 'profile.remove_term'}, {term: v})}
                            onClick={() => onChange(values.filter((x) => x !== v))}
                        >{'×'}</button>
                    </span>
                ))}
            </div>
            <div style={{display: 'flex', gap: 4}}>
                <input
                    id={inputId}
                    type='text'
                    value={text}
                    maxLength={60}
                    disabled={values.length >= max}
                    onChange={(e) => setText(e.target.value)}
                    onKeyDown={onKeyDown}
                    aria-invalid={Boolean(error)}
                    aria-describedby={error ? errorId : undefined}
                    placeholder={intl.formatMessage({id: 'profile.add_placeholder'})}
                    data-testid={`${inputId}-input`}
                    style={{flex: 1}}
                />
                <button type='button' className='btn btn-tertiary btn-sm' disabled={!text.trim()} onClick={() => add(text)} data-testid={`${inputId}-add`}>
                    <FormattedMessage id='profile.add'/>
                </button>
            </div>
            {options.length > 0 && (
                <ul role='listbox' aria-label={intl.formatMessage({id: 'profile.suggestions'})} style={{listStyle: 'none', padding: 0, margin: '2px 0'}}>
                    {options.map((o) => (
                        <li key={o} role='option' aria-selected={false}>
                            <button type='button' className='btn btn-link btn-xs' onClick={() => add(o)} data-testid={`${inputId}-option`}>{o}</button>
                        </li>
                    ))}
                </ul>
            )}
            <div id={errorId}><InlineError message={error ?? ''}/></div>
        </div>
    );
}
