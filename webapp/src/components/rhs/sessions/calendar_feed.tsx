// The private calendar-feed URL: whether I have one, making (or rotating) it,
// and revoking it. The server shows a new URL exactly once (it keeps only a
// hash), so the URL lives in this component's state until dismissed.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {feedStatus, revokeFeed, rotateFeed} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {InstantDay} from '../../common/dates';
import {InlineError} from '../../common/people';
import {ErrorBox, Loading, card} from '../../common/states';

/** Copies text; the clipboard API needs a secure page, so select-and-copy is the fallback. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        if (!field) {
            return false;
        }
        field.select();
        return document.execCommand?.('copy') ?? false;
    }
}

function NewURL({url, onDismiss}: {url: string; onDismiss: () => void}) {
    const intl = useIntl();
    const [copied, setCopied] = useState<boolean | null>(null);
    const field = React.useRef<HTMLInputElement>(null);
    return (
        <div style={{marginTop: 8}} data-testid='feed-url'>
            <input
                ref={field}
                type='text'
                readOnly={true}
                value={url}
                onFocus={(e) => e.target.select()}
                aria-label={intl.formatMessage({id: 'feed.url_label'})}
                style={{width: '100%', fontFamily: 'monospace', fontSize: 11}}
                data-testid='feed-url-value'
            />
            <div style={{fontSize: 12, marginTop: 4}}><FormattedMessage id='feed.secret_note'/></div>
            <div style={{display: 'flex', gap: 8, marginTop: 4, alignItems: 'center'}}>
                <button type='button' className='btn btn-primary btn-sm' onClick={async () => setCopied(await copyText(url, field.current))} data-testid='feed-copy'>
                    <FormattedMessage id='feed.copy'/>
                </button>
                <button type='button' className='btn btn-tertiary btn-sm' onClick={onDismiss} data-testid='feed-dismiss'>
                    <FormattedMessage id='feed.done'/>
                </button>
                {copied !== null && (
                    <span role='status' style={{fontSize: 12}}><FormattedMessage id={copied ? 'feed.copied' : 'feed.copy_failed'}/></span>
                )}
            </div>
        </div>
    );
}

export default function CalendarFeed() {
    const {data, error, reload, set} = useLoad(feedStatus, []);
    const [url, setURL] = useState('');
    const [confirmRevoke, setConfirmRevoke] = useState(false);
    const action = useAction();

    const rotate = async () => {
        const made = await action.run(rotateFeed);
        if (made) {
            setURL(made.url);
            set({active: true, created_at: new Date().toISOString()});
        }
    };
    const revoke = async () => {
        if (await action.run(revokeFeed) !== undefined) {
            setConfirmRevoke(false);
            setURL('');
            set({active: false});
        }
    };

    if (error) {
        return <ErrorBox message={<FormattedMessage id='feed.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='feed.loading'/>}/>;
    }
    return (
        <div style={card} data-testid='calendar-feed'>
            <div style={{fontWeight: 600}}><FormattedMessage id='feed.title'/></div>
            <div style={{fontSize: 12, margin: '2px 0'}} data-testid='feed-status'>
                {data.active && data.created_at && <FormattedMessage id='feed.active_since' values={{date: <InstantDay at={data.created_at}/>}}/>}
                {data.active && !data.created_at && <FormattedMessage id='feed.active'/>}
                {!data.active && <FormattedMessage id='feed.none'/>}
            </div>
            <div style={{fontSize: 12, margin: '2px 0'}}><FormattedMessage id='feed.explain'/></div>
            {url && <NewURL url={url} onDismiss={() => setURL('')}/>}
            {!confirmRevoke && (
                <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                    <button type='button' className='btn btn-primary btn-sm' disabled={action.busy} onClick={rotate} data-testid='feed-rotate'>
                        <FormattedMessage id={data.active ? 'feed.rotate' : 'feed.create'}/>
                    </button>
                    {data.active && (
                        <button type='button' className='btn btn-tertiary btn-sm' disabled={action.busy} onClick={() => setConfirmRevoke(true)} data-testid='feed-revoke'>
                            <FormattedMessage id='feed.revoke'/>
                        </button>
                    )}
                </div>
            )}
            {confirmRevoke && (
                <div style={{marginTop: 8, fontSize: 12}}>
                    <FormattedMessage id='feed.revoke_confirm'/>
                    <div style={{display: 'flex', gap: 8, marginTop: 4}}>
                        <button type='button' className='btn btn-danger btn-sm' disabled={action.busy} onClick={revoke} data-testid='feed-revoke-confirm'>
                            <FormattedMessage id='feed.revoke'/>
                        </button>
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setConfirmRevoke(false)}>
                            <FormattedMessage id='common.cancel'/>
                        </button>
                    </div>
                </div>
            )}
            <InlineError message={action.error}/>
        </div>
    );
}
