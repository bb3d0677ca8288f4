// The Resources tab: a program's hub (its own and the global resources the
// reader's audience may see), searched by words (ranked by the server) and
// filtered by tag, with recommendations from the reader's profile and goals,
// and a form to add (coordinators) or suggest (members) a resource.
// Coordinators also review suggestions and edit the onboarding packs.
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {listResources, recommendedResources} from '../../../client';
import {useLoad} from '../../../hooks/use_load';
import type {Program} from '../../../types';
import {Empty, ErrorBox, Loading, card, sectionTitle} from '../../common/states';

import PacksEditor from './packs_editor';
import ResourceForm from './resource_form';
import ResourceItem from './resource_item';
import SuggestionsReview from './suggestions_review';

export interface HubProgram {
    program: Program;
    /** The reader coordinates it (or is a system admin). */
    manage: boolean;
}

const list: React.CSSProperties = {listStyle: 'none', padding: 0, margin: '4px 0'};

function Recommended({programId}: {programId: string}) {
    const {data, error} = useLoad(() => recommendedResources(programId), [programId]);
    // Recommendations are a nicety: a failure or nothing to say shows nothing.
    if (error || !data || data.length === 0) {
        return null;
    }
    return (
        <section style={card} data-testid={`resources-recommended-${programId}`}>
            <div style={{fontWeight: 600, fontSize: 12}}><FormattedMessage id='resources.recommended'/></div>
            <ul style={list}>
                {data.map((r) => <ResourceItem key={r.id} resource={r} manage={false} onChanged={() => undefined}/>)}
            </ul>
        </section>
    );
}

function Packs({programId}: {programId: string}) {
    const {data, error, reload} = useLoad(() => listResources(programId), [programId]);
    if (error) {
        return <ErrorBox message={<FormattedMessage id='resources.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='resources.loading'/>}/>;
    }
    return <PacksEditor programId={programId} resources={data.items ?? []}/>;
}

function ProgramHub({hub}: {hub: HubProgram}) {
    const intl = useIntl();
    const id = hub.program.id;
    const [words, setWords] = useState('');
    const [search, setSearch] = useState({q: '', tag: ''});
    const [adding, setAdding] = useState(false);
    const [packs, setPacks] = useState(false);
    const [notice, setNotice] = useState('');
    const {data, error, reload} = useLoad(() => listResources(id, search.q, search.tag), [id, search.q, search.tag]);

    const filterTag = (tag: string) => setSearch({...search, tag});
    const items = data?.items ?? [];
    return (
        <div data-testid={`hub-${id}`}>
            <form
                role='search'
                onSubmit={(e) => {
                    e.preventDefault();
                    setSearch({...search, q: words.trim()});
                }}
                style={{display: 'flex', gap: 6, margin: '8px 16px'}}
            >
                <input
                    type='search'
                    value={words}
                    onChange={(e) => setWords(e.target.value)}
                    placeholder={intl.formatMessage({id: 'resources.search'})}
                    aria-label={intl.formatMessage({id: 'resources.search'})}
                    style={{flex: 1}}
                    data-testid='resources-search'
                />
                <button type='submit' className='btn btn-tertiary btn-sm' data-testid='resources-search-submit'><FormattedMessage id='resources.search_go'/></button>
            </form>
            {search.tag && (
                <div style={{margin: '0 16px', fontSize: 12}} data-testid='resources-tag-filter'>
                    <FormattedMessage id='resources.tag_filter' values={{tag: search.tag}}/>
                    {' '}
                    <button type='button' className='btn btn-link btn-xs' onClick={() => filterTag('')} data-testid='resources-tag-clear'>
                        <FormattedMessage id='resources.tag_clear'/>
                    </button>
                </div>
            )}
            {error && <ErrorBox message={<FormattedMessage id='resources.error' values={{error}}/>} onRetry={reload}/>}
            {!error && !data && <Loading label={<FormattedMessage id='resources.loading'/>}/>}
            {data && (
                <section style={card} aria-label={intl.formatMessage({id: 'resources.results'})}>
                    <div style={{fontSize: 12, opacity: 0.72}} data-testid='resources-total'>
                        <FormattedMessage id='resources.total' values={{count: data.total}}/>
                    </div>
                    {items.length === 0 && <Empty label={<FormattedMessage id={search.q || search.tag ? 'resources.no_results' : 'resources.empty'}/>}/>}
                    <ul style={list} data-testid='resources-list'>
                        {items.map((r) => <ResourceItem key={r.id} resource={r} onTag={filterTag} onChanged={reload} manage={hub.manage}/>)}
                    </ul>
                </section>
            )}
            <Recommended programId={id}/>
            <div style={{margin: '8px 16px'}}>
                {notice && <div role='status' style={{fontSize: 12}} data-testid='resources-notice'>{notice}</div>}
                {!adding && (
                    <button type='button' className='btn btn-tertiary btn-sm' onClick={() => {
                        setNotice('');
                        setAdding(true);
                    }} data-testid={`resources-add-${id}`}>
                        <FormattedMessage id={hub.manage ? 'resources.add_open' : 'resources.suggest_open'}/>
                    </button>
                )}
                {adding && <ResourceForm programId={id} suggest={!hub.manage} onClose={() => setAdding(false)} onDone={(r) => {
                    setAdding(false);
                    setNotice(intl.formatMessage({id: r.status === 'published' ? 'resources.added' : 'resources.suggested'}, {title: r.title}));
                    reload();
                }}/>}
            </div>
            {hub.manage && (
                <div style={{margin: '8px 16px'}}>
                    <SuggestionsReview programId={id}/>
                    <button type='button' className='btn btn-tertiary btn-sm' style={{marginTop: 8}} aria-expanded={packs} onClick={() => setPacks(!packs)} data-testid={`packs-toggle-${id}`}>
                        <FormattedMessage id={packs ? 'packs.hide' : 'packs.title'}/>
                    </button>
                    {packs && <Packs programId={id}/>}
                </div>
            )}
        </div>
    );
}

/** The hub of one of the reader's programs, chosen when they have several. */
export default function ResourcesTab({programs}: {programs: HubProgram[]}) {
    const intl = useIntl();
    const [chosen, setChosen] = useState('');
    const hub = programs.find((p) => p.program.id === chosen) ?? programs[0];
    return (
        <section aria-label={intl.formatMessage({id: 'resources.title'})} data-testid='resources-tab'>
            <h4 style={sectionTitle}><FormattedMessage id='resources.title'/></h4>
            {!hub && <Empty label={<FormattedMessage id='resources.no_programs'/>}/>}
            {programs.length > 1 && (
                <label style={{display: 'block', margin: '4px 16px', fontSize: 12}}>
                    <FormattedMessage id='resources.program'/>
                    <select value={hub?.program.id} onChange={(e) => setChosen(e.target.value)} style={{display: 'block', width: '100%'}} data-testid='resources-program'>
                        {programs.map((p) => <option key={p.program.id} value={p.program.id}>{p.program.name}</option>)}
                    </select>
                </label>
            )}
            {hub && <ProgramHub key={hub.program.id} hub={hub}/>}
        </section>
    );
}
