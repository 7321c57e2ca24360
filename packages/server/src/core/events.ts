import { EventEmitter } from 'node:events';

/** Events plugins publish for each other. Payloads are plain data so they can cross replicas later. */
export interface EventMap {
  'entity.changed': { added: string[]; updated: string[]; removed: string[] };
  'location.processed': { locationId: string; changed: number; errors: number; durationMs: number };
  'docs.built': { entityRef: string; pages: number };
}

export interface EventBus {
  publish<K extends keyof EventMap>(topic: K, payload: EventMap[K]): void;
  subscribe<K extends keyof EventMap>(topic: K, handler: (payload: EventMap[K]) => void | Promise<void>): () => void;
}

export function createEventBus(onHandlerError: (topic: string, error: unknown) => void): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    publish(topic, payload) {
      emitter.emit(topic, payload);
    },
    subscribe(topic, handler) {
      // A failing subscriber must not break the publisher or the others.
      const wrapped = (payload: EventMap[typeof topic]) => {
        Promise.resolve()
          .then(() => handler(payload))
          .catch((error) => onHandlerError(topic, error));
      };
      emitter.on(topic, wrapped);
      return () => emitter.off(topic, wrapped);
    },
  };
}
