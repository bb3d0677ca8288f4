// One resource in a list: its title opens it through the plugin (the view is
// counted, then the server redirects), with its tags, counts, share and, for
// who may manage it, edit and remove.
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {openResourceURL, removeResource} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {audienceLabel} from '../../../i18n/labels';
import type {Resource} from '../../../types/resources';
import {ValueLabel} from '../../common/labels';
import {InlineError} from '../../common/people';

import ResourceForm from './resource_form';
import ShareForm from './share_form';

interface Props {
    resource: Resource;
    onTag?: (tag: string) => void;
    onChanged: () => void;
    /** Coordinators: the edit and remove buttons (when the server says can_edit). */
    manage?: boolean;
}

const chip: React.CSSProperties = {
    border: 'none', borderRadius: 10, padding: '0 6px', fontSize: 11, cursor: 'pointer',
    background: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08)',
};

export default function ResourceItem({resource, onTag, onChanged, manage = true}: Props) {
    const [mode, setMode] = useState<'' | 'share' | 'edit' | 'remove'>('');
    const [shared, setShared] = useState(false);
    const action = useAction();
    const r = resource;
    const remove = async () => {
        if (await action.run(() => removeResource(r.id)) !== undefined) {
            setMode('');
            onChanged();
        }
    };
    return (
        <li style={{marginBottom: 10}} data-testid={`resource-${r.id}`}>
            <a href={r.open_url || openResourceURL(r.id)} target='_blank' rel='noopener noreferrer' style={{fontWeight: 600}} data-testid={`resource-open-${r.id}`}>{r.title}</a>
            {r.status !== 'published' && <span style={{fontSize: 11, marginLeft: 6}}><FormattedMessage id={r.status === 'suggested' ? 'resources.status.suggested' : 'resources.status.rejected'}/></span>}
            {r.description && <div style={{fontSize: 12, whiteSpace: 'pre-line'}}>{r.description}</div>}
            <div style={{display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center', fontSize: 11, marginTop: 2}}>
                {(r.tags ?? []).map((t) => (
                    <button key={t} type='button' style={chip} onClick={() => onTag?.(t)} disabled={!onTag} data-testid='resource-tag'>{`#${t}`}</button>
                ))}
                <span style={{opacity: 0.72}}>
                    <ValueLabel labels={audienceLabel} value={r.audience}/>
                    {' · '}
                    <FormattedMessage id='resources.counts' values={{views: r.views, shares: r.shares}}/>
                </span>
            </div>
            {shared && <div role='status' style={{fontSize: 11}} data-testid={`resource-shared-${r.id}`}><FormattedMessage id='resources.shared'/></div>}
            {mode === '' && (
                <div style={{display: 'flex', gap: 6, marginTop: 4}}>
                    {r.status === 'published' && (
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => {
                            setShared(false);
                            setMode('share');
                        }} data-testid={`resource-share-${r.id}`}>
                            <FormattedMessage id='resources.share'/>
                        </button>
                    )}
                    {manage && r.can_edit && (
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('edit')} data-testid={`resource-edit-open-${r.id}`}>
                            <FormattedMessage id='resources.edit'/>
                        </button>
                    )}
                    {manage && r.can_edit && (
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('remove')} data-testid={`resource-remove-${r.id}`}>
                            <FormattedMessage id='resources.remove'/>
                        </button>
                    )}
                </div>
            )}
            {mode === 'remove' && (
                <div style={{fontSize: 12, marginTop: 4}}>
                    <FormattedMessage id='resources.remove_confirm' values={{title: r.title}}/>
                    <div style={{display: 'flex', gap: 6, marginTop: 4}}>
                        <button type='button' className='btn btn-danger btn-xs' disabled={action.busy} onClick={remove} data-testid={`resource-remove-confirm-${r.id}`}>
                            <FormattedMessage id='resources.remove'/>
                        </button>
                        <button type='button' className='btn btn-tertiary btn-xs' onClick={() => setMode('')}>
                            <FormattedMessage id='common.cancel'/>
                        </button>
                    </div>
                </div>
            )}
            <InlineError message={action.error} testId={`resource-error-${r.id}`}/>
            {mode === 'share' && <ShareForm resource={r} onClose={() => setMode('')} onDone={() => {
                setMode('');
                setShared(true);
                onChanged();
            }}/>}
            {mode === 'edit' && <ResourceForm programId={r.program_id ?? ''} resource={r} suggest={false} onClose={() => setMode('')} onDone={() => {
                setMode('');
                onChanged();
            }}/>}
        </li>
    );
}
