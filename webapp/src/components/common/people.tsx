// How the sidebar names people and shows errors about an action.
import React from 'react';

/** @username, or the id while the name is not known (never blank). */
export const atName = (id: string, username: string) => (username ? `@${username}` : id);

/** A person's name, marked for tests that find who a card is about. */
export function UserName({id, username}: {id: string; username: string}) {
    return <strong data-testid='username'>{atName(id, username)}</strong>;
}

/** An error about one action, next to what it is about (its lines kept: some list examples). */
export function InlineError({message, testId}: {message: string; testId?: string}) {
    return message ? <div role='alert' data-testid={testId} style={{color: 'var(--error-text, #d24b4e)', fontSize: 12, marginTop: 4, whiteSpace: 'pre-line'}}>{message}</div> : null;
}
