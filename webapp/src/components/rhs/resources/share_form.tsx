// Shares a resource into a channel (~name) or a DM (@username): the target is
// resolved through Mattermost's own API, then the plugin's bot posts the card
// (the server checks that the sharer may post there).
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import {channelByName, shareResource, userByUsername} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import type {Resource, ShareTarget} from '../../../types/resources';
import {InlineError} from '../../common/people';

interface TeamState {
    entities: {teams: {currentTeamId: string}};
}

/** What a typed target names: a channel, a user, or nothing usable. */
export function parseTarget(text: string): {kind: 'channel' | 'user'; name: string} | null {
    const t = text.trim();
    if (/^~[a-z0-9_-]+$/i.test(t)) {
        return {kind: 'channel', name: t.slice(1).toLowerCase()};
    }
    if (/^@[a-z0-9._-]+$/i.test(t)) {
        return {kind: 'user', name: t.slice(1).toLowerCase()};
    }
    return null;
}

interface Props {
    resource: Resource;
    onDone: (resource: Resource) => void;
    onClose: () => void;
}

export default function ShareForm({resource, onDone, onClose}: Props) {
    const intl = useIntl();
    const teamId = useSelector((state: TeamState) => state.entities.teams.currentTeamId);
    const [to, setTo] = useState('');
    const [note, setNote] = useState('');
    const [invalid, setInvalid] = useState(false);
    const action = useAction();
    const testId = `share-${resource.id}`;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const target = parseTarget(to);
        setInvalid(!target);
        if (!target) {
            return;
        }
        const shared = await action.run(async () => {
            const body: ShareTarget = note.trim() ? {note: note.trim()} : {};
            if (target.kind === 'channel') {
                body.channel_id = (await channelByName(teamId, target.name)).id;
            } else {
                body.user_id = (await userByUsername(target.name)).id;
            }
            return shareResource(resource.id, body);
        });
        if (shared) {
            onDone(shared);
        }
    };
    return (
        <form onSubmit={submit} style={{fontSize: 12, marginTop: 6}} data-testid={testId} aria-label={intl.formatMessage({id: 'resources.share_title'}, {title: resource.title})}>
            <label style={{display: 'block'}}>
                <FormattedMessage id='resources.share_to'/>
                <input type='text' value={to} onChange={(e) => setTo(e.target.value)} placeholder='~town-square, @ana' style={{display: 'block', width: '100%'}} data-testid={`${testId}-to`} aria-invalid={invalid || undefined}/>
            </label>
            <label style={{display: 'block', marginTop: 4}}>
                <FormattedMessage id='resources.share_note'/>
                <input type='text' value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{display: 'block', width: '100%'}} data-testid={`${testId}-note`}/>
            </label>
            {invalid && <InlineError message={intl.formatMessage({id: 'resources.share_invalid'})} testId={`${testId}-invalid`}/>}
            <InlineError message={action.error} testId={`${testId}-error`}/>
            <div style={{display: 'flex', gap: 8, marginTop: 6}}>
                <button type='submit' className='btn btn-primary btn-sm' disabled={action.busy || !to.trim()} data-testid={`${testId}-submit`}>
                    <FormattedMessage id='resources.share'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onClose}>
                    <FormattedMessage id='common.cancel'/>
                </button>
            </div>
        </form>
    );
}
