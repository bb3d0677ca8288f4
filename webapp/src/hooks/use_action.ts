// Runs one button's request: busy while it runs, its error kept for display
// (with the field the server blamed), then the caller's follow-up.
import {useCallback, useState} from 'react';

import type {RequestError} from '../client';

export interface ActionState {
    busy: boolean;
    error: string;
    field: string;
    status: number;
    run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
    clear: () => void;
}

export function useAction(): ActionState {
    const [busy, setBusy] = useState(false);
    const [failure, setFailure] = useState({error: '', field: '', status: 0});

    const run = useCallback(async <T, >(action: () => Promise<T>) => {
        setBusy(true);
        setFailure({error: '', field: '', status: 0});
        try {
            return await action();
        } catch (e) {
            // Read as a RequestError's fields, present or not: any thrown
            // error still shows its message.
            const err = e as Partial<RequestError> & Error;
            setFailure({error: err.message, field: err.field ?? '', status: err.status ?? 0});
            return undefined;
        } finally {
            setBusy(false);
        }
    }, []);
    const clear = useCallback(() => setFailure({error: '', field: '', status: 0}), []);
    return {busy, ...failure, run, clear};
}
