/**
 * Periodic work inside one process. A task never overlaps itself: the next run is
 * scheduled when the previous one ends. Multi-replica locking arrives with the
 * scheduler's PostgreSQL backend; until then each replica runs its own timers.
 */
export interface Scheduler {
  every(id: string, intervalMs: number, task: () => Promise<void>, options?: { initialDelayMs?: number }): void;
  stop(): Promise<void>;
}

export function createScheduler(onError: (id: string, error: unknown) => void): Scheduler {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  return {
    every(id, intervalMs, task, options = {}) {
      if (timers.has(id)) throw new Error(`Scheduled task "${id}" is already registered`);
      const run = () => {
        if (stopped) return;
        const execution = task()
          .catch((error) => onError(id, error))
          .finally(() => {
            running.delete(execution);
            if (!stopped) timers.set(id, setTimeout(run, intervalMs).unref());
          });
        running.add(execution);
      };
      timers.set(id, setTimeout(run, options.initialDelayMs ?? intervalMs).unref());
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
