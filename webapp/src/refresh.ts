// A tiny event bus: WebSocket events and reconnects ask open sidebars to reload.
type Listener = () => void;
const listeners = new Set<Listener>();

export function onRefresh(listener: Listener): () => void {
    listeners.add(listener);
    return () => {
        listeners.delete(listener);
    };
}

export function requestRefresh(): void {
    listeners.forEach((listener) => listener());
}
