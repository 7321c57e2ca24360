import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDocsBuild, startDocsPreview, type DocsPreview } from './docs';

function docsFolder(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-cli-docs-'));
  mkdirSync(path.join(root, 'docs'));
  writeFileSync(path.join(root, 'mkdocs.yml'), 'site_name: Preview');
  writeFileSync(path.join(root, 'docs/index.md'), '# First version\n\n[gone](gone.md)');
  return root;
}

describe('greenroom docs', () => {
  let preview: DocsPreview | undefined;
  afterEach(async () => {
    await preview?.close();
    preview = undefined;
    vi.restoreAllMocks();
  });

  it('build writes the site to --out and prints each warning as file:line: message', async () => {
    const root = docsFolder();
    const out = path.join(root, 'site');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runDocsBuild(root, out)).toBe(0);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('First version');
    expect(JSON.parse(readFileSync(path.join(out, 'techdocs_metadata.json'), 'utf8')).site_name).toBe('Preview');
    expect(warn).toHaveBeenCalledWith('docs/index.md:3: link to a missing page: gone.md');
  });

  it('build without --out explains itself', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runDocsBuild('.', undefined)).toBe(2);
  });

  it('serve rebuilds when a page is saved and tells open pages to reload', async () => {
    const root = docsFolder();
    preview = await startDocsPreview(root, 0, () => {});
    const page = await fetch(preview.url).then((r) => r.text());
    expect(page).toContain('First version');
    expect(page).toContain("new EventSource('/__reload')");

    const events = await fetch(new URL('__reload', preview.url));
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body!.getReader();
    await reader.read(); // the comment sent on connecting
    writeFileSync(path.join(root, 'docs/index.md'), '# Second version');
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('data: reload\n\n');
    expect(await fetch(preview.url).then((r) => r.text())).toContain('Second version');
    await reader.cancel();
    expect((await fetch(new URL('nope/', preview.url))).status).toBe(404);
  });
});
