// Loads one resource for a section of the sidebar and reloads it whenever the
// server says something changed (refresh.ts), so every section follows the
// WebSocket event without knowing about it.
import {useCallback, useEffect, useRef, useState} from 'react';

import {onRefresh} from '../refresh';

export interface Loaded<T> {
    data: T | undefined;
    error: string;
    reload: () => Promise<void>;
    /** Replaces the data with what an action answered, without a round trip. */
    set: (data: T) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: React.DependencyList): Loaded<T> {
    const [data, setData] = useState<T | undefined>(undefined);
    const [error, setError] = useState('');
    // Only the newest request may land: a slow answer to an older one (a
    // previous page, a refresh racing a click) must not overwrite it.
    const latest = useRef(0);

    const reload = useCallback(async () => {
        const seq = ++latest.current;
        try {
            const result = await load();
            if (seq === latest.current) {
                setData(result);
                setError('');
            }
        } catch (e) {
            if (seq === latest.current) {
                setError((e as Error).message);
            }
        }
    }, deps);

    useEffect(() => {
        reload();
    }, [reload]);
    useEffect(() => onRefresh(() => {
        reload();
    }), [reload]);
    useEffect(() => () => {
        // Unmounted: no answer may set state any more.
        latest.current = -1;
    }, []);

    const set = useCallback((value: T) => {
        latest.current++;
        setData(value);
        setError('');
    }, []);
    return {data, error, reload, set};
}
