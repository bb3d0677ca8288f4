import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {getPreview, publishPreview, runPreview} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {policyLabel} from '../../../i18n/labels';
import type {MatchingPolicy, Preview, PreviewInput} from '../../../types';
import {InlineError} from '../../common/people';
import {Empty, ErrorBox, Loading} from '../../common/states';

import PreviewResults from './preview_results';

const policies = Object.keys(policyLabel) as MatchingPolicy[];
const warning: React.CSSProperties = {fontSize: 12, margin: '8px 0', padding: 8, borderRadius: 4, background: 'rgba(var(--away-indicator-rgb, 255, 188, 31), 0.16)'};

/** The coordinator's dry run of batch matching, and Publish to turn it into proposals. */
export default function PreviewPanel({programId}: {programId: string}) {
    const intl = useIntl();
    const [page, setPage] = useState(0);
    const [policy, setPolicy] = useState<MatchingPolicy | ''>('');
    const [minScore, setMinScore] = useState('');
    const [confirming, setConfirming] = useState(false);
    const [published, setPublished] = useState<Preview | null>(null);
    const loaded = useLoad(() => getPreview(programId, page), [programId, page]);
    const run = useAction();
    const publish = useAction();

    const input = (): PreviewInput => {
        const choice: PreviewInput = {};
        if (policy) {
            choice.policy = policy;
        }
        if (minScore.trim() !== '') {
            choice.min_score = Math.trunc(Number(minScore));
        }
        return choice;
    };
    const preview = async () => {
        setConfirming(false);
        setPublished(null);
        publish.clear();
        const result = await run.run(() => runPreview(programId, input()));
        if (result) {
            setPage(0);
            loaded.set(result);
        }
    };
    const doPublish = async (id: string) => {
        setConfirming(false);
        const result = await publish.run(() => publishPreview(programId, id));
        if (result) {
            setPublished(result);
            loaded.set(result);
        }
    };

    const data = loaded.data;
    // The server refuses a preview computed on an older roster with 409 on
    // roster_version; a stale flag on a loaded preview says the same in advance.
    const rosterChanged = publish.status === 409 && publish.field === 'roster_version';
    const stale = Boolean(data?.stale) || rosterChanged;
    const canPublish = data && data.status === 'ready' && !stale && data.matched > 0;

    let body: React.ReactNode;
    if (loaded.error) {
        body = <ErrorBox message={<FormattedMessage id='preview.error' values={{error: loaded.error}}/>} onRetry={loaded.reload}/>;
    } else if (data === undefined) {
        body = <Loading label={<FormattedMessage id='preview.loading'/>}/>;
    } else if (data === null) {
        body = <Empty label={<FormattedMessage id='preview.none'/>}/>;
    } else {
        body = <PreviewResults preview={data} onPage={setPage}/>;
    }

    return (
        <div style={{marginTop: 8}} data-testid='preview-panel'>
            <h5 style={{margin: '0 0 4px', fontSize: 12, textTransform: 'uppercase'}}><FormattedMessage id='preview.title'/></h5>
            <div style={{display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-end', fontSize: 12}}>
                <label>
                    <FormattedMessage id='preview.policy'/>{' '}
                    <select value={policy} onChange={(e) => setPolicy(e.target.value as MatchingPolicy | '')} data-testid='preview-policy'>
                        <option value=''>{intl.formatMessage({id: 'preview.program_setting'})}</option>
                        {policies.map((p) => <option key={p} value={p}>{intl.formatMessage({id: policyLabel[p]})}</option>)}
                    </select>
                </label>
                <label>
                    <FormattedMessage id='preview.min_score'/>{' '}
                    <input
                        type='number'
                        step={1}
                        value={minScore}
                        onChange={(e) => setMinScore(e.target.value)}
                        placeholder={intl.formatMessage({id: 'preview.program_setting'})}
                        style={{width: 120}}
                        data-testid='preview-min-score'
                    />
                </label>
                <button type='button' className='btn btn-primary btn-sm' disabled={run.busy} onClick={preview} data-testid='preview-run'>
                    <FormattedMessage id={run.busy ? 'preview.running' : 'preview.run'}/>
                </button>
            </div>
            <InlineError message={run.error} testId='preview-run-error'/>
            {stale && (
                <div role='alert' style={warning} data-testid='preview-stale'>
                    <FormattedMessage id={rosterChanged ? 'preview.roster_changed' : 'preview.stale'}/>{' '}
                    <button type='button' className='btn btn-tertiary btn-xs' disabled={run.busy} onClick={preview} data-testid='preview-refresh'>
                        <FormattedMessage id='preview.fresh'/>
                    </button>
                </div>
            )}
            {published && (
                <div role='status' style={{fontSize: 12, margin: '8px 0'}} data-testid='preview-published'>
                    {published.status === 'published' ? (
                        <FormattedMessage id='preview.published' values={{published: published.published, skipped: published.skipped}}/>
                    ) : (
                        // Publishing runs in the background: the status line below follows it.
                        <FormattedMessage id='preview.publishing_started' values={{count: published.matched}}/>
                    )}
                </div>
            )}
            {body}
            {!rosterChanged && <InlineError message={publish.error} testId='preview-publish-error'/>}
            {data && canPublish && !confirming && (
                <button type='button' className='btn btn-primary btn-sm' style={{marginTop: 8}} onClick={() => setConfirming(true)} data-testid='preview-publish'>
                    <FormattedMessage id='preview.publish'/>
                </button>
            )}
            {data && canPublish && confirming && (
                <div style={{marginTop: 8, fontSize: 12}} data-testid='preview-confirm'>
                    <FormattedMessage id='preview.publish_confirm' values={{count: data.matched}}/>
                    <div style={{display: 'flex', gap: 8, marginTop: 4}}>
                        <button type='button' className='btn btn-primary btn-sm' disabled={publish.busy} onClick={() => doPublish(data.id)} data-testid='preview-publish-confirm'>
                            <FormattedMessage id='preview.publish_yes'/>
                        </button>
                        <button type='button' className='btn btn-tertiary btn-sm' onClick={() => setConfirming(false)} data-testid='preview-publish-cancel'>
                            <FormattedMessage id='common.cancel'/>
                        </button>
                    </div>
                </div>
            )}
        </div>
    );
}
