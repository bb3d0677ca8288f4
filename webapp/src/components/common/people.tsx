// How the sidebar names people and explains scores.
import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {Reason} from '../../types';

/** @username, or the id while the name is not known (never blank). */
export function UserName({id, username}: {id: string; username: string}) {
    return <strong data-testid='username'>{username ? `@${username}` : id}</strong>;
}

/** A score's reasons, as the server phrased them, with their points. */
export function Reasons({reasons}: {reasons?: Reason[]}) {
    if (!reasons || reasons.length === 0) {
        return null;
    }
    return (
        <ul style={{margin: '4px 0', paddingLeft: 18, fontSize: 12}} data-testid='reasons'>
            {reasons.map((r, i) => (
                <li key={`${r.kind}-${r.term ?? ''}-${i}`}>
                    {r.text}
                    {r.points !== 0 && (
                        <span style={{opacity: 0.64}}> <FormattedMessage id='reason.points' values={{points: r.points}}/></span>
                    )}
                </li>
            ))}
        </ul>
    );
}

/** An error about one action, next to what it is about. */
export function InlineError({message, testId}: {message: string; testId?: string}) {
    return message ? <div role='alert' data-testid={testId} style={{color: 'var(--error-text, #d24b4e)', fontSize: 12, marginTop: 4}}>{message}</div> : null;
}
