import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../testing/actionContext';
import { createFsDeleteAction } from './delete';
import { createFsRenameAction } from './rename';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-fs-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('fs:rename', () => {
  const action = createFsRenameAction();

  it('renames files into new directories', async () => {
    const dir = workspace({ 'a.txt': 'A' });
    await runAction(action, { files: [{ from: 'a.txt', to: 'sub/b.txt' }] }, { workspacePath: dir });
    expect(readFileSync(path.join(dir, 'sub/b.txt'), 'utf8')).toBe('A');
    expect(existsSync(path.join(dir, 'a.txt'))).toBe(false);
  });

  it('refuses to overwrite unless told to', async () => {
    const dir = workspace({ 'a.txt': 'A', 'b.txt': 'B' });
    await expect(runAction(action, { files: [{ from: 'a.txt', to: 'b.txt' }] }, { workspacePath: dir })).rejects.toThrow(/already exists/);
    await runAction(action, { files: [{ from: 'a.txt', to: 'b.txt', overwrite: true }] }, { workspacePath: dir });
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe('A');
  });

  it('refuses absolute targets, ../ and symlinks leading out', async () => {
    const dir = workspace({ 'a.txt': 'A' });
    await expect(runAction(action, { files: [{ from: 'a.txt', to: '/etc/x' }] }, { workspacePath: dir })).rejects.toThrow('Path "/etc/x" is absolute');
    await expect(runAction(action, { files: [{ from: '../a.txt', to: 'b' }] }, { workspacePath: dir })).rejects.toThrow(/leads outside/);
    symlinkSync(os.tmpdir(), path.join(dir, 'link'));
    await expect(runAction(action, { files: [{ from: 'a.txt', to: 'link/stolen.txt' }] }, { workspacePath: dir })).rejects.toThrow(/symbolic link/);
    expect(existsSync(path.join(dir, 'a.txt'))).toBe(true);
  });

  it('names a missing source', async () => {
    await expect(runAction(action, { files: [{ from: 'nope', to: 'x' }] }, { workspacePath: workspace({}) })).rejects.toThrow('fs:rename: nope does not exist');
  });
});

describe('fs:delete', () => {
  const action = createFsDeleteAction();

  it('deletes what the globs match, dot files included', async () => {
    const dir = workspace({ 'keep.md': '', 'docs/a.draft.md': '', 'docs/deep/b.draft.md': '', '.env': '', 'docs/c.md': '' });
    await runAction(action, { files: ['**/*.draft.md', '.env'] }, { workspacePath: dir });
    expect(existsSync(path.join(dir, 'docs/a.draft.md'))).toBe(false);
    expect(existsSync(path.join(dir, 'docs/deep/b.draft.md'))).toBe(false);
    expect(existsSync(path.join(dir, '.env'))).toBe(false);
    expect(existsSync(path.join(dir, 'docs/c.md'))).toBe(true);
    expect(existsSync(path.join(dir, 'keep.md'))).toBe(true);
  });

  it('refuses globs reaching outside the workspace', async () => {
    const dir = workspace({});
    await expect(runAction(action, { files: ['../*'] }, { workspacePath: dir })).rejects.toThrow(/leads outside/);
    await expect(runAction(action, { files: ['/tmp/*'] }, { workspacePath: dir })).rejects.toThrow(/is absolute/);
  });
});
