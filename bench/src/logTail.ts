import { readFileSync } from 'node:fs';

/** The last lines of a server log, for the failure message: the first thing anyone reads after a failed run. */
export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
