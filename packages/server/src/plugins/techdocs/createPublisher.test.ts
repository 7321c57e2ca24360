import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config';
import { createPublisher } from './createPublisher';

describe('techdocs configuration', () => {
  it('publishes to <dataDir>/techdocs by default', async () => {
    const rootDir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-techdocs-config-'));
    const config = parseConfig({}, { rootDir, env: {} });
    expect(config.techdocs).toEqual({ publisher: { type: 'local' }, build: { concurrency: 1 } });
    await createPublisher(config).publish('default/component/shop', {
      siteName: 'Shop',
      files: [{ path: 'index.html', content: 'hi' }],
      warnings: [],
      pageCount: 1,
    });
    expect(await readFile(path.join(rootDir, 'data/techdocs/default/component/shop/index.html'), 'utf8')).toBe('hi');
  });

  it('accepts an S3-compatible bucket and refuses an incomplete one', () => {
    const config = parseConfig(
      { techdocs: { publisher: { type: 'awsS3', bucket: 'docs', endpoint: 'http://minio.internal:9000', forcePathStyle: true } } },
      { rootDir: '/srv', env: {} },
    );
    expect(config.techdocs.publisher).toEqual({
      type: 'awsS3',
      bucket: 'docs',
      region: 'us-east-1',
      endpoint: 'http://minio.internal:9000',
      forcePathStyle: true,
    });
    expect(() => createPublisher(config)).not.toThrow();
    expect(() => parseConfig({ techdocs: { publisher: { type: 'awsS3' } } }, { rootDir: '/srv', env: {} })).toThrow(ConfigError);
    expect(() => parseConfig({ techdocs: { build: { concurrency: 0 } } }, { rootDir: '/srv', env: {} })).toThrow(
      /techdocs.build.concurrency/,
    );
  });
});
