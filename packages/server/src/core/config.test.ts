import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config';

const dir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-config-'));

function configFile(text: string): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('configuration', () => {
  it('applies defaults: port 7007 and an embedded SQLite file under ./data', () => {
    const config = parseConfig({}, { rootDir: dir, env: {} });
    expect(config.server.port).toBe(7007);
    expect(config.database.url).toBe('sqlite:./data/greenroom.db');
    expect(config.catalog.maxEntitySize).toBe(5 * 1024 * 1024);
  });

  it('substitutes ${ENV} values and keeps $${ as a literal', () => {
    const file = configFile(
      'server:\n  baseUrl: https://${HOST_NAME}\ncatalog:\n  locations:\n    - type: url\n      target: "https://x/$${literal}"\n',
    );
    const config = loadConfig(file, { HOST_NAME: 'portal.example.com' });
    expect(config.server.baseUrl).toBe('https://portal.example.com');
    expect(config.catalog.locations[0].target).toBe('https://x/${literal}');
  });

  it('names the key of a missing environment variable', () => {
    const file = configFile('database:\n  url: ${DB_URL}\n');
    expect(() => loadConfig(file, {})).toThrow(/database\.url: environment variable DB_URL is not set/);
  });

  it('stops with a message naming the file and the wrong key', () => {
    const file = configFile('server:\n  port: "seventy"\ncatalog:\n  locations:\n    - type: ftp\n      target: x\n  surprise: 1\n');
    let error: unknown;
    try {
      loadConfig(file, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toMatch(/server\.port/);
    expect(message).toMatch(/catalog\.locations\.0\.type/);
    expect(message).toMatch(/catalog.*surprise/);
  });

  it('lets GREENROOM_DATABASE_URL override the database, and rejects a bad one', () => {
    expect(parseConfig({}, { rootDir: dir, env: { GREENROOM_DATABASE_URL: 'postgres://u@h/db' } }).database.url).toBe('postgres://u@h/db');
    expect(() => parseConfig({}, { rootDir: dir, env: { GREENROOM_DATABASE_URL: 'mysql://x' } })).toThrow(/GREENROOM_DATABASE_URL/);
  });

  it('resolves file locations and file roots against the config directory', () => {
    const config = parseConfig(
      { catalog: { locations: [{ type: 'file', target: './catalog/*.yaml' }] }, reading: { fileRoots: ['./repos'] } },
      { rootDir: dir, env: {} },
    );
    expect(config.catalog.locations[0].target).toBe(path.join(dir, 'catalog/*.yaml'));
    expect(config.reading.fileRoots).toEqual([path.join(dir, 'repos')]);
  });

  it('reports a file that is not YAML', () => {
    expect(() => loadConfig(configFile('server: [unclosed\n'), {})).toThrow(/not valid YAML/);
  });
});
