// Fans push messages out to whoever listens for a type (`event`, `plugin`, ...).

export type MessageListener = (payload: unknown) => void;

export interface MessageHub {
  publish(type: string, payload: unknown): void;
  subscribe(type: string, listener: MessageListener): () => void;
}

export function createMessageHub(): MessageHub {
  const listeners = new Map<string, Set<MessageListener>>();
  return {
    publish(type, payload) {
      for (const listener of [...(listeners.get(type) ?? [])]) listener(payload);
    },
    subscribe(type, listener) {
      let set = listeners.get(type);
      if (!set) {
        set = new Set();
        listeners.set(type, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
