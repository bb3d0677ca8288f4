import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Program} from '../../../types';
import {Empty, card, sectionTitle} from '../../common/states';

import InsightPanel from '../insight/insight_panel';

import MemberList from './member_list';
import PreviewPanel from './preview_panel';

function CoordinatedProgram({program, openPreview}: {program: Program; openPreview: boolean}) {
    const matches = program.kind === 'one_to_one';
    const [preview, setPreview] = useState(openPreview && matches);
    const [members, setMembers] = useState(false);
    const [insight, setInsight] = useState(false);
    return (
        <div style={card} data-testid={`coord-${program.slug}`}>
            <div style={{display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 4, flexWrap: 'wrap'}}>
                <span style={{fontWeight: 600}}>{program.name}</span>
                <span style={{display: 'flex', gap: 4}}>
                    {matches && (
                        <button type='button' className='btn btn-tertiary btn-sm' aria-expanded={preview} onClick={() => setPreview(!preview)} data-testid='coord-preview-toggle'>
                            <FormattedMessage id={preview ? 'coord.hide_matching' : 'coord.matching'}/>
                        </button>
                    )}
                    <button type='button' className='btn btn-tertiary btn-sm' aria-expanded={insight} onClick={() => setInsight(!insight)} data-testid='coord-insight-toggle'>
                        <FormattedMessage id={insight ? 'coord.hide_insight' : 'coord.insight'}/>
                    </button>
                    <button type='button' className='btn btn-tertiary btn-sm' aria-expanded={members} onClick={() => setMembers(!members)} data-testid='coord-members-toggle'>
                        <FormattedMessage id={members ? 'rhs.hide_members' : 'rhs.members'}/>
                    </button>
                </span>
            </div>
            {insight && <InsightPanel programId={program.id}/>}
            {preview && <PreviewPanel programId={program.id}/>}
            {members && <MemberList programId={program.id}/>}
        </div>
    );
}

/** The programs I coordinate: batch matching preview and publish, and the member list. */
export default function CoordinatorTab({programs}: {programs: Program[]}) {
    const intl = useIntl();
    return (
        <section aria-label={intl.formatMessage({id: 'rhs.coordinating'})}>
            <h4 style={sectionTitle}><FormattedMessage id='rhs.coordinating'/></h4>
            {programs.length === 0 && <Empty label={<FormattedMessage id='coord.empty'/>}/>}
            {programs.map((p) => <CoordinatedProgram key={p.id} program={p} openPreview={programs.length === 1}/>)}
        </section>
    );
}
