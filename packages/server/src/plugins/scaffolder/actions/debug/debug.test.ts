import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../testing/actionContext';
import { createDebugLogAction } from './log';
import { createDebugWaitAction } from './wait';

describe('debug:log', () => {
  it('logs the message and lists the workspace, with contents when asked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-debug-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/a.txt'), 'hello');
    writeFileSync(path.join(dir, 'README.md'), '# hi');
    const { logs } = await runAction(createDebugLogAction(), { message: 'Hi there', listWorkspace: true }, { workspacePath: dir });
    expect(logs).toEqual(['Hi there', 'README.md', 'src/a.txt']);
    const withContents = await runAction(createDebugLogAction(), { listWorkspace: 'with-contents' }, { workspacePath: dir });
    expect(withContents.logs).toEqual(['README.md:\n# hi', 'src/a.txt:\nhello']);
  });
});

describe('debug:wait', () => {
  it('waits the time asked', async () => {
    const started = Date.now();
    await runAction(createDebugWaitAction(), { milliseconds: 120 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('stops waiting when the task is cancelled', async () => {
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 50);
    await runAction(createDebugWaitAction(), { seconds: 30 }, { signal: abort.signal });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses to wait longer than 10 minutes', async () => {
    await expect(runAction(createDebugWaitAction(), { minutes: 11 })).rejects.toThrow(/10 minute limit/);
  });
});
