// Adds (or edits) a resource: title, link, description, tags (comma
// separated) and audience. A coordinator's addition is published; a member's
// is a suggestion waiting for a coordinator (the server decides which).
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {addResource, editResource} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {audienceLabel} from '../../../i18n/labels';
import type {Audience, Resource, ResourceInput} from '../../../types/resources';
import {InlineError} from '../../common/people';
import {formInput, formRow} from '../goals/goal_form';

const AUDIENCES: Audience[] = ['all', 'mentors', 'mentees'];

/** "a, b ,,c" → ["a", "b", "c"]. */
export const tagsOf = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

interface Props {
    programId: string;
    /** The resource being edited; none adds a new one. */
    resource?: Resource;
    /** A member suggests (the submit button says so). */
    suggest: boolean;
    onDone: (resource: Resource) => void;
    onClose: () => void;
}

export default function ResourceForm({programId, resource, suggest, onDone, onClose}: Props) {
    const intl = useIntl();
    const [title, setTitle] = useState(resource?.title ?? '');
    const [url, setUrl] = useState(resource?.url ?? '');
    const [description, setDescription] = useState(resource?.description ?? '');
    const [tags, setTags] = useState((resource?.tags ?? []).join(', '));
    const [audience, setAudience] = useState<Audience>(resource?.audience ?? 'all');
    const action = useAction();
    const testId = resource ? `resource-edit-${resource.id}` : `resource-form-${programId}`;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const input: ResourceInput = {title: title.trim(), tags: tagsOf(tags), audience};
        // An empty link or description is sent only to clear one the resource
        // had: a resource made from a file has no link to send.
        if (url.trim() || resource?.url) {
            input.url = url.trim();
        }
        if (description.trim() || resource?.description) {
            input.description = description.trim();
        }
        const saved = await action.run(() => (resource ? editResource(resource.id, input) : addResource(programId, input)));
        if (saved) {
            onDone(saved);
        }
    };
    const blamed = (name: string) => (action.field === name ? {'aria-invalid': true} : {});
    const submitLabel = resource ? 'resources.save' : suggest ? 'resources.suggest' : 'resources.add';
    return (
        <form onSubmit={submit} style={{fontSize: 12, marginTop: 8}} data-testid={testId} aria-label={intl.formatMessage({id: submitLabel})}>
            <label style={formRow}>
                <FormattedMessage id='resources.field.title'/>
                <input type='text' value={title} onChange={(e) => setTitle(e.target.value)} required={true} maxLength={200} style={formInput} data-testid={`${testId}-title`} {...blamed('title')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='resources.field.url'/>
                <input type='url' value={url} onChange={(e) => setUrl(e.target.value)} maxLength={1000} style={formInput} data-testid={`${testId}-url`} {...blamed('url')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='resources.field.description'/>
                <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} style={formInput} data-testid={`${testId}-description`} {...blamed('description')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='resources.field.tags'/>
                <input type='text' value={tags} onChange={(e) => setTags(e.target.value)} style={formInput} data-testid={`${testId}-tags`} {...blamed('tags')}/>
            </label>
            <label style={formRow}>
                <FormattedMessage id='resources.field.audience'/>
                <select value={audience} onChange={(e) => setAudience(e.target.value as Audience)} style={formInput} data-testid={`${testId}-audience`} {...blamed('audience')}>
                    {AUDIENCES.map((a) => <option key={a} value={a}>{intl.formatMessage({id: audienceLabel[a]})}</option>)}
                </select>
            </label>
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy || !title.trim()} data-testid={`${testId}-submit`}>
                    <FormattedMessage id={submitLabel}/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose}>
                    <FormattedMessage id='common.cancel'/>
                </button>
            </div>
        </form>
    );
}
