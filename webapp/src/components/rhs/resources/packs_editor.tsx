// A program's onboarding packs: which resources the welcome DM lists for each
// role, ticked per resource (the server keeps each pack's order of ids and
// bounds it at 20).
import React, {useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {getPacks, savePacks} from '../../../client';
import {useAction} from '../../../hooks/use_action';
import {useLoad} from '../../../hooks/use_load';
import {packRoleLabel} from '../../../i18n/labels';
import type {OnboardingPacks, PackRole, Resource} from '../../../types/resources';
import {InlineError} from '../../common/people';
import {ErrorBox, Loading} from '../../common/states';

const ROLES: PackRole[] = ['mentor', 'mentee', 'peer'];

/** The packs with one resource added to or taken out of a role's pack. */
export function toggled(packs: OnboardingPacks, role: PackRole, id: string, on: boolean): OnboardingPacks {
    const list = packs[role] ?? [];
    return {...packs, [role]: on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)};
}

export default function PacksEditor({programId, resources}: {programId: string; resources: Resource[]}) {
    const intl = useIntl();
    const {data, error, reload} = useLoad(() => getPacks(programId), [programId]);
    const [packs, setPacks] = useState<OnboardingPacks>({});
    const [saved, setSaved] = useState(false);
    const action = useAction();
    useEffect(() => {
        if (data) {
            setPacks(data);
        }
    }, [data]);

    if (error) {
        return <ErrorBox message={<FormattedMessage id='packs.error' values={{error}}/>} onRetry={reload}/>;
    }
    if (!data) {
        return <Loading label={<FormattedMessage id='packs.loading'/>}/>;
    }
    const published = resources.filter((r) => r.status === 'published');
    const save = async () => {
        setSaved(false);
        const answer = await action.run(() => savePacks(programId, {mentor: packs.mentor ?? [], mentee: packs.mentee ?? [], peer: packs.peer ?? []}));
        if (answer) {
            setPacks(answer);
            setSaved(true);
        }
    };
    return (
        <section aria-label={intl.formatMessage({id: 'packs.title'})} data-testid={`packs-${programId}`} style={{fontSize: 12}}>
            <h5 style={{fontSize: 12, fontWeight: 600, margin: '12px 0 4px'}}><FormattedMessage id='packs.title'/></h5>
            {published.length === 0 ? <div style={{opacity: 0.72}}><FormattedMessage id='packs.empty'/></div> : (
                <table style={{borderCollapse: 'collapse', width: '100%'}}>
                    <thead>
                        <tr>
                            <th scope='col' style={{textAlign: 'left'}}><FormattedMessage id='packs.resource'/></th>
                            {ROLES.map((role) => <th key={role} scope='col'><FormattedMessage id={packRoleLabel[role]}/></th>)}
                        </tr>
                    </thead>
                    <tbody>
                        {published.map((r) => (
                            <tr key={r.id}>
                                <th scope='row' style={{textAlign: 'left', fontWeight: 400}}>{r.title}</th>
                                {ROLES.map((role) => (
                                    <td key={role} style={{textAlign: 'center'}}>
                                        <input
                                            type='checkbox'
                                            checked={(packs[role] ?? []).includes(r.id)}
                                            onChange={(e) => {
                                                setSaved(false);
                                                setPacks(toggled(packs, role, r.id, e.target.checked));
                                            }}
                                            aria-label={intl.formatMessage({id: 'packs.in_pack'}, {title: r.title, role: intl.formatMessage({id: packRoleLabel[role]})})}
                                            data-testid={`pack-${role}-${r.id}`}
                                        />
                                    </td>
                                ))}
                            </tr>
                        ))}
                    </tbody>
                </table>
            )}
            <InlineError message={action.error} testId={`packs-${programId}-error`}/>
            <div style={{display: 'flex', gap: 8, alignItems: 'center', marginTop: 6}}>
                <button type='button' className='btn btn-primary btn-sm' disabled={action.busy || published.length === 0} onClick={save} data-testid={`packs-${programId}-save`}>
                    <FormattedMessage id='packs.save'/>
                </button>
                {saved && <span role='status'><FormattedMessage id='packs.saved'/></span>}
            </div>
        </section>
    );
}
