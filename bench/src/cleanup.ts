// Cleanup that runs once, whether the benchmark finishes, fails or is
// interrupted: a stray server would hold its port and skew the next run.

type Task = { what: string; run: () => Promise<void> };

const tasks: Task[] = [];
let started: Promise<void> | undefined;
let interrupted = false;

/** True once Ctrl-C or a kill asked the run to stop; failures after that are expected, not reported. */
export function isInterrupted(): boolean {
  return interrupted;
}

/** Registers a task; tasks run in reverse order of registration. */
export function onCleanup(what: string, run: () => Promise<void>): void {
  tasks.push({ what, run });
}

export function runCleanup(): Promise<void> {
  started ??= (async () => {
    for (const task of tasks.reverse()) {
      try {
        await task.run();
      } catch (error) {
        process.stderr.write(`cleanup: could not ${task.what}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })();
  return started;
}

/** Ctrl-C and kill end the run through the same cleanup. */
export function cleanupOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping the server and cleaning up…\n`);
      void runCleanup().finally(() => process.exit(130));
    });
  }
}
