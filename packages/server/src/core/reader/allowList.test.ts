import { describe, expect, it } from 'vitest';
import { createAllowList } from './allowList';

const match = (entries: Parameters<typeof createAllowList>[0], url: string) => createAllowList(entries).match(new URL(url));

describe('allow-list', () => {
  it('matches an exact host on any port unless a port is given', () => {
    expect(match([{ host: 'example.com' }], 'https://example.com/x')).toEqual({ explicit: true });
    expect(match([{ host: 'example.com' }], 'http://example.com:8080/x')).toEqual({ explicit: true });
    expect(match([{ host: 'example.com:8080' }], 'http://example.com:8080/x')).toEqual({ explicit: true });
    expect(match([{ host: 'example.com:8080' }], 'http://example.com/x')).toBeUndefined();
    expect(match([{ host: 'example.com:443' }], 'https://example.com/x')).toEqual({ explicit: true });
    expect(match([{ host: 'example.com' }], 'https://other.com/x')).toBeUndefined();
    expect(match([{ host: 'Example.COM.' }], 'https://example.com/x')).toEqual({ explicit: true });
  });

  it('matches wildcards on subdomains only, and never on IP literals', () => {
    expect(match([{ host: '*.example.com' }], 'https://a.b.example.com/')).toEqual({ explicit: false });
    expect(match([{ host: '*.example.com' }], 'https://example.com/')).toBeUndefined();
    expect(match([{ host: '*.example.com' }], 'https://badexample.com/')).toBeUndefined();
    expect(match([{ host: '*.example.com' }], 'http://127.0.0.1/')).toBeUndefined();
  });

  it('matches IPv6 literals in either spelling', () => {
    expect(match([{ host: '[::1]' }], 'http://[::1]:8080/')).toEqual({ explicit: true });
    expect(match([{ host: '::1' }], 'http://[0:0::1]/')).toEqual({ explicit: true });
    expect(match([{ host: '[::1]:8080' }], 'http://[::1]:9090/')).toBeUndefined();
  });

  it('applies path prefixes on segment boundaries', () => {
    const entries = [{ host: 'example.com', paths: ['/api/', '/docs'] }];
    expect(match(entries, 'https://example.com/api/v1.yaml')).toBeDefined();
    expect(match(entries, 'https://example.com/docs/index.md')).toBeDefined();
    expect(match(entries, 'https://example.com/docs')).toBeDefined();
    expect(match(entries, 'https://example.com/docsecret')).toBeUndefined();
    expect(match(entries, 'https://example.com/other')).toBeUndefined();
    expect(match(entries, 'https://example.com/api/../other')).toBeUndefined();
  });

  it('rejects entries that are not host names or are too broad', () => {
    for (const host of [
      '',
      '*',
      '*.com',
      '*.0.0.1',
      'a*.example.com',
      'example.com?x',
      'exa mple.com',
      'example.com/path',
      'example.com:99999',
      'user@example.com',
    ]) {
      expect(() => createAllowList([{ host }]), host).toThrow(expect.objectContaining({ name: 'InputError' }));
    }
  });
});
