/**
 * Proof at the API that locations cannot make the server read what the reading
 * policy forbids (issue 7, "Security proof"): hosts off `reading.allow`, loopback
 * in every spelling, cloud metadata services, names and redirects that lead there,
 * and files outside `reading.fileRoots`. Every refusal is a 403 naming what was
 * refused, and nothing is stored.
 *
 * Loopback and private addresses are reachable only through an entry that names the
 * host exactly (an operator's deliberate choice); a wildcard entry never leads there.
 * Metadata services are refused whatever the allow-list says.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';

/** Host names this file's DNS answers for; every other name goes to the real resolver. */
const fakeDns = vi.hoisted(() => new Map<string, string>());

vi.mock('node:dns', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:dns')>();
  const lookup = ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
    const address = fakeDns.get(hostname);
    if (address === undefined) return (actual.lookup as (...args: unknown[]) => void)(hostname, options, callback);
    const family = address.includes(':') ? 6 : 4;
    process.nextTick(() => callback(null, [{ address, family }]));
  }) as typeof actual.lookup;
  // The module's default export is the same object as its named exports.
  return { ...actual, lookup, default: { ...actual, lookup } };
});

const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

/** A catalog server on loopback that counts the requests it gets, so a test can tell whether the portal connected. */
async function startCatalogServer() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '/');
    const routes: Record<string, () => void> = {
      '/catalog-info.yaml': () => res.end(component('served-over-http')),
      '/to-metadata.yaml': () => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-gcp-metadata.yaml': () => res.writeHead(302, { location: 'http://metadata.google.internal/computeMetadata/v1/' }).end(),
      // A wildcard-allowed name that DNS points at loopback: the redirect must not lead back inside.
      '/to-loopback-name.yaml': () => res.writeHead(307, { location: `http://sneaky.corp.example:${port()}/catalog-info.yaml` }).end(),
    };
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  return { server, hits, port: port() };
}

describe.each(await availableEngines())('location security on %s', (engine) => {
  let app: TestApp;
  let catalogServer: Awaited<ReturnType<typeof startCatalogServer>>;
  let base: string;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    catalogServer = await startCatalogServer();
    base = `http://127.0.0.1:${catalogServer.port}`;
    const temp = mkdtempSync(path.join(os.tmpdir(), 'greenroom-location-security-'));
    root = path.join(temp, 'root');
    outside = path.join(temp, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(path.join(root, 'catalog-info.yaml'), component('inside-the-root'));
    writeFileSync(path.join(root, 'to-move.yaml'), component('to-be-moved'));
    writeFileSync(path.join(outside, 'secret.yaml'), component('outside-the-root'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'link-out.yaml'));
    symlinkSync(outside, path.join(root, 'dir-out'));

    app = await createTestApp(engine, {
      catalog: { refresh: { intervalSeconds: 0 } },
      reading: {
        allow: [
          // The test server, named exactly: the one loopback address that may be read.
          { host: `127.0.0.1:${catalogServer.port}` },
          { host: '*.corp.example' },
          { host: '*.google.internal' },
          // Listed on purpose: metadata services stay refused even so.
          { host: '169.254.169.254' },
          { host: '[fd00:ec2::254]' },
          { host: 'metadata.google.internal' },
        ],
        fileRoots: [root],
      },
    });
    await app.start();
  });

  afterAll(async () => {
    await app.close();
    catalogServer.server.closeAllConnections();
    await new Promise((resolve) => catalogServer.server.close(resolve));
    await closeTestDatabases();
  });

  beforeEach(() => fakeDns.clear());

  const post = async (url: string, payload: object) => {
    const res = await app.http.inject({ method: 'POST', url, payload });
    return { status: res.statusCode, body: res.json() as { error?: { name: string; message: string } } };
  };
  const storedTargets = async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/catalog/locations' });
    return (res.json() as Array<{ data: { target: string } }>).map((l) => l.data.target).sort();
  };
  const entityNames = async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/catalog/entities?filter=kind=component' });
    return (res.json() as Array<{ metadata: { name: string } }>).map((e) => e.metadata.name).sort();
  };

  /**
   * Registers, dry-runs and analyzes `target`: registering and analyzing must answer 403, the dry
   * run (the register page's Analyze) the refusal as its one problem and no entity, each with a
   * message matching every pattern; afterwards no location or entity may have appeared.
   */
  async function expectRefusedEverywhere(type: 'url' | 'file', target: string, ...patterns: RegExp[]) {
    const before = { locations: await storedTargets(), entities: await entityNames() };
    const answers = {
      register: await post('/api/catalog/locations', { type, target }),
      analyze: await post('/api/catalog/analyze-location', { location: { type, target } }),
    };
    for (const [route, answer] of Object.entries(answers)) {
      expect({ route, status: answer.status, name: answer.body.error?.name }).toEqual({ route, status: 403, name: 'NotAllowedError' });
      for (const pattern of patterns) expect(answer.body.error?.message, route).toMatch(pattern);
    }
    const dryRun = await post('/api/catalog/locations?dryRun=true', { type, target });
    const { entities, errors } = dryRun.body as unknown as { entities: unknown[]; errors: Array<{ message: string }> };
    expect({ status: dryRun.status, entities, problems: errors.length }).toEqual({ status: 201, entities: [], problems: 1 });
    for (const pattern of patterns) expect(errors[0].message, 'dry run').toMatch(pattern);
    expect(await storedTargets()).toEqual(before.locations);
    expect(await entityNames()).toEqual(before.entities);
  }

  describe('the control: what the policy allows is read and stored', () => {
    it('registers the exactly listed loopback server and a file inside the root', async () => {
      const overHttp = await post('/api/catalog/locations', { type: 'url', target: `${base}/catalog-info.yaml` });
      expect(overHttp.status).toBe(201);
      const file = await post('/api/catalog/locations', { type: 'file', target: path.join(root, 'catalog-info.yaml') });
      expect(file.status).toBe(201);
      expect(await entityNames()).toEqual(expect.arrayContaining(['inside-the-root', 'served-over-http']));
    });
  });

  describe('hosts', () => {
    it('refuses a host that is not in reading.allow, naming the host and the config key', async () => {
      await expectRefusedEverywhere(
        'url',
        'https://elsewhere.example.org/org/repo/catalog-info.yaml',
        /elsewhere\.example\.org/,
        /reading\.allow/,
      );
    });

    it('refuses the listed loopback host on another port, and a scheme that is not http(s)', async () => {
      await expectRefusedEverywhere('url', `http://127.0.0.1:${catalogServer.port + 1}/catalog-info.yaml`, /reading\.allow/);
      await expectRefusedEverywhere('url', `ftp://127.0.0.1:${catalogServer.port}/catalog-info.yaml`, /only http: and https:/);
    });
  });

  describe('loopback, in every spelling, unless named exactly in reading.allow', () => {
    it.each([
      ['localhost', 'http://localhost/catalog-info.yaml', /localhost/],
      ['IPv6 loopback', 'http://[::1]/catalog-info.yaml', /\[::1\]/],
      ['the unspecified address', 'http://0.0.0.0/', /0\.0\.0\.0/],
      ['decimal', 'http://2130706433/catalog-info.yaml', /127\.0\.0\.1/],
      ['hexadecimal', 'http://0x7f000001/catalog-info.yaml', /127\.0\.0\.1/],
      ['octal', 'http://017700000001/catalog-info.yaml', /127\.0\.0\.1/],
      ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/catalog-info.yaml', /\[::ffff:7f00:1\]/],
      ['another 127/8 address', 'http://127.1.2.3/catalog-info.yaml', /127\.1\.2\.3/],
    ])('refuses %s (%s)', async (_spelling, target, names) => {
      await expectRefusedEverywhere('url', target, names, /reading\.allow/);
    });

    it('refuses a wildcard-allowed name that resolves to loopback, without connecting', async () => {
      fakeDns.set('sneaky.corp.example', '127.0.0.1');
      const hitsBefore = catalogServer.hits.length;
      await expectRefusedEverywhere(
        'url',
        `http://sneaky.corp.example:${catalogServer.port}/catalog-info.yaml`,
        /sneaky\.corp\.example/,
        /127\.0\.0\.1/,
      );
      expect(catalogServer.hits.length).toBe(hitsBefore);
    });

    it.each(['10.20.30.40', '192.168.1.10', '172.16.5.5', 'fd12:3456::1', '::ffff:10.0.0.1'])(
      'refuses a wildcard-allowed name that resolves to the private address %s',
      async (address) => {
        fakeDns.set('git.corp.example', address);
        await expectRefusedEverywhere('url', 'https://git.corp.example/org/repo/catalog-info.yaml', /git\.corp\.example/, /private/);
      },
    );
  });

  describe('cloud metadata services: always refused, even when listed', () => {
    it.each([
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
    ])('refuses %s', async (target) => {
      await expectRefusedEverywhere('url', target, /cloud metadata/);
    });

    it('refuses a wildcard-allowed name that resolves to a metadata address', async () => {
      fakeDns.set('instance.corp.example', '169.254.169.254');
      await expectRefusedEverywhere('url', 'http://instance.corp.example/latest/meta-data/', /169\.254\.169\.254/, /cloud metadata/);
    });
  });

  describe('redirects from an allowed host', () => {
    it('refuses a redirect to a metadata address', async () => {
      await expectRefusedEverywhere('url', `${base}/to-metadata.yaml`, /169\.254\.169\.254/, /cloud metadata/);
      await expectRefusedEverywhere('url', `${base}/to-gcp-metadata.yaml`, /metadata\.google\.internal/, /cloud metadata/);
    });

    it('refuses a redirect to a wildcard-allowed name that resolves to loopback, without following it', async () => {
      fakeDns.set('sneaky.corp.example', '127.0.0.1');
      const hitsBefore = catalogServer.hits.length;
      await expectRefusedEverywhere('url', `${base}/to-loopback-name.yaml`, /sneaky\.corp\.example/, /127\.0\.0\.1/);
      // Three calls, one request each to the redirecting path; never one to where it points.
      expect(catalogServer.hits.slice(hitsBefore)).toEqual(Array(3).fill('/to-loopback-name.yaml'));
    });
  });

  describe('files outside reading.fileRoots', () => {
    it('refuses a ../ escape, naming the path and the config key', async () => {
      await expectRefusedEverywhere('file', `${root}/../outside/secret.yaml`, /outside\/secret\.yaml/, /reading\.fileRoots/);
    });

    it('refuses an absolute path outside the roots', async () => {
      await expectRefusedEverywhere('file', '/etc/passwd', /\/etc\/passwd/, /reading\.fileRoots/);
      await expectRefusedEverywhere('file', path.join(outside, 'secret.yaml'), /reading\.fileRoots/);
    });

    it('refuses a symlink inside the root that points outside, and a glob through a symlinked directory', async () => {
      await expectRefusedEverywhere('file', path.join(root, 'link-out.yaml'), /link-out\.yaml/, /reading\.fileRoots/);
      await expectRefusedEverywhere('file', path.join(root, 'dir-out', '*.yaml'), /dir-out/, /reading\.fileRoots/);
    });
  });

  it('refuses moving a registered location to a forbidden target, leaving it where it was', async () => {
    const created = await post('/api/catalog/locations', { type: 'file', target: path.join(root, 'to-move.yaml') });
    expect(created.status).toBe(201);
    const { id } = (created.body as unknown as { location: { id: string } }).location;
    const before = await storedTargets();
    const moved = await app.http.inject({
      method: 'PUT',
      url: `/api/catalog/locations/${id}`,
      payload: { type: 'url', target: 'http://169.254.169.254/latest/meta-data/' },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json().error.message).toMatch(/cloud metadata/);
    expect(await storedTargets()).toEqual(before);
    expect(await entityNames()).toContain('to-be-moved');
  });
});
