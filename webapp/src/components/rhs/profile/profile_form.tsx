import React, {useCallback, useEffect, useMemo, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import {getProfile, saveProfile, vocabulary} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import type {MessageId} from '../../../i18n';
import {levelLabel} from '../../../i18n/labels';
import {timeZoneOf, type UserState} from '../../../i18n/user';
import type {ExperienceLevel, Profile, ProfileInput, VocabularyField} from '../../../types';
import {InlineError} from '../../common/people';
import {ErrorBox, Loading, sectionTitle} from '../../common/states';

import TermChips from './term_chips';

// Limits from server/domain/profile.go, so the form refuses what the server would.
const MAX_TERMS = 20;
const MAX_BIO = 2000;
const MAX_TEXT = 100;
const MAX_YEARS = 60;
const MAX_HOURS = 160;

type TermField = 'skills_offered' | 'skills_wanted' | 'interests' | 'languages';
const termFields: Array<{name: TermField; label: MessageId; vocabulary: VocabularyField}> = [
    {name: 'skills_offered', label: 'profile.skills_offered', vocabulary: 'skills'},
    {name: 'skills_wanted', label: 'profile.skills_wanted', vocabulary: 'skills'},
    {name: 'interests', label: 'profile.interests', vocabulary: 'interests'},
    {name: 'languages', label: 'profile.languages', vocabulary: 'languages'},
];
const levels = Object.keys(levelLabel) as ExperienceLevel[];

/** The editable part of a profile, with every list present (never null). */
export function toInput(p: Profile): ProfileInput {
    return {
        skills_offered: p.skills_offered ?? [], skills_wanted: p.skills_wanted ?? [],
        interests: p.interests ?? [], languages: p.languages ?? [],
        experience_level: p.experience_level ?? '', experience_years: p.experience_years ?? 0,
        bio: p.bio ?? '', availability_hours: p.availability_hours ?? 0,
        location: p.location ?? '', department: p.department ?? '',
        // manager_id and dont_match are not on this form and not sent: a field
        // absent from the PUT keeps its stored value (app.ProfileInput).
    };
}

interface Props {
    /** A program I am in, whose vocabulary suggests terms; '' = no suggestions. */
    vocabularyProgram: string;
}

/** My profile: what the matching engine knows about me, saved with PUT /profile. */
export default function ProfileForm({vocabularyProgram}: Props) {
    const intl = useIntl();
    const browserZone = useSelector((state: UserState) => timeZoneOf(state));
    const loaded = useLoad(getProfile, []);
    const [form, setForm] = useState<ProfileInput | null>(null);
    const [saved, setSaved] = useState(false);
    const save = useAction();

    // A refresh while editing must not throw away what is being typed: the
    // loaded profile fills the form only until the member touches it.
    const [dirty, setDirty] = useState(false);
    useEffect(() => {
        if (loaded.data && !dirty) {
            setForm(toInput(loaded.data));
        }
    }, [loaded.data, dirty]);

    const cache = useMemo(() => new Map<string, Promise<string[]>>(), [vocabularyProgram]);
    const suggesters = useMemo(() => {
        const make = (field: VocabularyField) => (prefix: string) => {
            const key = `${field}:${prefix.toLowerCase()}`;
            let terms = cache.get(key);
            if (!terms) {
                terms = vocabulary(vocabularyProgram, field, prefix);
                cache.set(key, terms);
                terms.catch(() => cache.delete(key));
            }
            return terms;
        };
        return {skills: make('skills'), interests: make('interests'), languages: make('languages')};
    }, [cache, vocabularyProgram]);

    const update = useCallback(<K extends keyof ProfileInput>(key: K, value: ProfileInput[K]) => {
        setForm((f) => (f ? {...f, [key]: value} : f));
        setDirty(true);
        setSaved(false);
    }, []);

    if (loaded.error && !form) {
        return <ErrorBox message={<FormattedMessage id='profile.error' values={{error: loaded.error}}/>} onRetry={loaded.reload}/>;
    }
    if (!form) {
        return <Loading label={<FormattedMessage id='profile.loading'/>}/>;
    }

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const result = await save.run(() => saveProfile({...form, bio: form.bio?.trim(), location: form.location?.trim(), department: form.department?.trim()}));
        if (result) {
            setForm(toInput(result));
            setDirty(false);
            setSaved(true);
        }
    };
    // The server names the field it refuses; a list field may come as "skills_offered[3]".
    const errorFor = (field: string) => (save.field && (save.field === field || save.field.startsWith(`${field}[`)) ? save.error : '');
    const knownFields = ['skills_offered', 'skills_wanted', 'interests', 'languages', 'experience_level', 'experience_years', 'availability_hours', 'bio', 'location', 'department'];
    const formError = save.error && !knownFields.some((f) => errorFor(f)) ? save.error : '';

    const text = (field: 'location' | 'department', label: MessageId) => (
        <Field name={field} label={label} error={errorFor(field)}>
            <input
                id={'profile-' + field}
                type='text'
                value={form[field] ?? ''}
                maxLength={MAX_TEXT}
                onChange={(e) => update(field, e.target.value)}
                aria-invalid={Boolean(errorFor(field))}
                data-testid={`profile-${field}`}
                style={{width: '100%'}}
            />
        </Field>
    );

    return (
        <form onSubmit={submit} aria-label={intl.formatMessage({id: 'profile.title'})} data-testid='profile-form' style={{padding: '0 16px 16px'}}>
            <h4 style={{...sectionTitle, padding: '16px 0 8px'}}><FormattedMessage id='profile.title'/></h4>
            {termFields.map((f) => (
                <TermChips
                    key={f.name}
                    name={f.name}
                    label={f.label}
                    values={form[f.name]}
                    max={MAX_TERMS}
                    onChange={(values) => update(f.name, values)}
                    suggest={vocabularyProgram ? suggesters[f.vocabulary] : undefined}
                    error={errorFor(f.name)}
                />
            ))}
            <Field name='experience_level' label='profile.experience_level' error={errorFor('experience_level')}>
                <select
                    id='profile-experience_level'
                    value={form.experience_level ?? ''}
                    onChange={(e) => update('experience_level', e.target.value as ExperienceLevel | '')}
                    data-testid='profile-experience_level'
                >
                    <option value=''>{intl.formatMessage({id: 'profile.level_none'})}</option>
                    {levels.map((l) => <option key={l} value={l}>{intl.formatMessage({id: levelLabel[l]})}</option>)}
                </select>
            </Field>
            <Field name='experience_years' label='profile.experience_years' error={errorFor('experience_years')}>
                <input
                    id='profile-experience_years'
                    type='number'
                    min={0}
                    max={MAX_YEARS}
                    step={0.5}
                    value={form.experience_years}
                    onChange={(e) => update('experience_years', Number(e.target.value) || 0)}
                    data-testid='profile-experience_years'
                />
            </Field>
            <Field name='availability_hours' label='profile.availability_hours' error={errorFor('availability_hours')}>
                <input
                    id='profile-availability_hours'
                    type='number'
                    min={0}
                    max={MAX_HOURS}
                    step={1}
                    value={form.availability_hours}
                    onChange={(e) => update('availability_hours', Math.trunc(Number(e.target.value)) || 0)}
                    data-testid='profile-availability_hours'
                />
            </Field>
            <Field name='bio' label='profile.bio' error={errorFor('bio')}>
                <textarea
                    id='profile-bio'
                    value={form.bio ?? ''}
                    maxLength={MAX_BIO}
                    rows={4}
                    onChange={(e) => update('bio', e.target.value)}
                    data-testid='profile-bio'
                    style={{width: '100%'}}
                />
            </Field>
            {text('location', 'profile.location')}
            {text('department', 'profile.department')}
            <div style={{marginBottom: 12, fontSize: 12}} data-testid='profile-time_zone'>
                <strong><FormattedMessage id='profile.time_zone'/></strong>{' '}
                {loaded.data?.time_zone || browserZone || <FormattedMessage id='profile.time_zone_unknown'/>}
                <div style={{opacity: 0.72}}><FormattedMessage id='profile.time_zone_hint'/></div>
            </div>
            <InlineError message={formError} testId='profile-error'/>
            {saved && <div role='status' data-testid='profile-saved' style={{fontSize: 12}}><FormattedMessage id='profile.saved'/></div>}
            <button type='submit' className='btn btn-primary' disabled={save.busy} data-testid='profile-save'>
                <FormattedMessage id={save.busy ? 'profile.saving' : 'profile.save'}/>
            </button>
        </form>
    );
}

function Field({name, label, error, children}: {name: string; label: MessageId; error: string; children: React.ReactNode}) {
    return (
        <div style={{marginBottom: 12}} data-testid={`profile-${name}-field`}>
            <label htmlFor={`profile-${name}`} style={{display: 'block', fontSize: 12, fontWeight: 600}}><FormattedMessage id={label}/></label>
            {children}
            <InlineError message={error}/>
        </div>
    );
}
