import { readFileSync } from 'node:fs';

/** The last lines of a server log, for the failure message: the first thing anyone reads after a failed run. */
function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Prints why a benchmark could not run, with the end of the server's log when there is one. */
export function reportBenchFailure(bench: string, error: unknown): void {
  const serverLog = (error as { serverLog?: string }).serverLog;
  process.stderr.write(`\nThe ${bench} benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (serverLog) process.stderr.write(`Server log: ${serverLog}\n--- last lines ---\n${tail(serverLog, 20)}\n`);
}
