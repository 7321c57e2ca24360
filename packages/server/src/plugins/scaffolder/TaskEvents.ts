import { EventEmitter } from 'node:events';
import type { TaskEvent, TaskEventBody, TaskStore } from './TaskStore';
import type { TaskEventType } from './tables';

const POLL_MS = 500;

/**
 * Task events: stored first, then announced in-process so streams on this server wake at
 * once. A task run by another replica announces nothing here, so readers also poll.
 */
export class TaskEvents {
  private readonly emitter = new EventEmitter();

  constructor(private readonly store: TaskStore) {
    this.emitter.setMaxListeners(0);
  }

  async append(taskId: string, type: TaskEventType, body: TaskEventBody): Promise<TaskEvent> {
    const event = await this.store.appendEvent(taskId, type, body);
    this.announce(taskId);
    return event;
  }

  /** For events written elsewhere (the completion written with the task's final status). */
  announce(taskId: string): void {
    this.emitter.emit(taskId);
  }

  /**
   * Yields stored events after `after`, then new ones as they arrive, until the task's
   * completion (or cancelled) event, or until `signal` aborts.
   */
  async *follow(taskId: string, after: number, signal: AbortSignal): AsyncGenerator<TaskEvent> {
    let last = after;
    while (!signal.aborted) {
      const woken = this.nextWake(taskId, signal);
      const events = await this.store.events(taskId, last);
      for (const event of events) {
        last = event.id;
        yield event;
        if (event.type === 'completion' || event.type === 'cancelled') return;
      }
      if (!events.length) await woken.promise;
      woken.dispose();
    }
  }

  /** The stored events after `after`; when there are none yet, the first ones to arrive before `signal` aborts. */
  async nextBatch(taskId: string, after: number, signal: AbortSignal): Promise<TaskEvent[]> {
    for (;;) {
      const woken = this.nextWake(taskId, signal);
      const events = await this.store.events(taskId, after);
      if (events.length || signal.aborted) {
        woken.dispose();
        return events;
      }
      await woken.promise;
      woken.dispose();
    }
  }

  /** Resolves on an announcement for the task, after POLL_MS, or when `signal` aborts. */
  private nextWake(taskId: string, signal: AbortSignal): { promise: Promise<void>; dispose(): void } {
    let dispose = () => {};
    const promise = new Promise<void>((resolve) => {
      const done = () => {
        dispose();
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      this.emitter.once(taskId, done);
      signal.addEventListener('abort', done, { once: true });
      dispose = () => {
        clearTimeout(timer);
        this.emitter.off(taskId, done);
        signal.removeEventListener('abort', done);
      };
    });
    return { promise, dispose };
  }
}
