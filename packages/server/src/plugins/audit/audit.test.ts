import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type GreenroomApp } from '../../core/app';
import { parseConfig } from '../../core/config';
import type { Identity, Principal } from '../../core/identity';
import { createLogger } from '../../core/logger';
import type { PermissionPolicy } from '../../core/permissions';
import { builtInPlugins } from '..';
import { availableEngines, closeTestDatabases, freshDatabase } from '../../testing/databases';
import type { AuditEventView } from './AuditStore';

/** Callers name themselves in a header; every one is a signed-in user (no cookie, so no CSRF token). */
const userIdentity: Identity = {
  resolve: async (request): Promise<Principal> => {
    const name = String(request.headers['x-test-user'] ?? 'admin');
    const ref = `user:default/${name}`;
    return { type: 'user', userEntityRef: ref, ownershipEntityRefs: [ref], displayName: name[0]!.toUpperCase() + name.slice(1) };
  },
};

/** Only admin reads the log; mallory may not register locations; everything else is allowed. */
const policy: PermissionPolicy = {
  decide: (principal, permission) => {
    if (permission.name === 'audit.events.read') return principal.userEntityRef === 'user:default/admin' ? 'allow' : 'deny';
    if (permission.name === 'catalog.location.create' && principal.userEntityRef === 'user:default/mallory') return 'deny';
    return 'allow';
  },
};

const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

describe.each(await availableEngines())('audit log on %s', (engine) => {
  let app: GreenroomApp;
  let rootDir: string;

  beforeAll(async () => {
    // createTestApp cannot take a policy; this is the same wiring with one.
    rootDir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-audit-'));
    const config = parseConfig(
      { catalog: { refresh: { intervalSeconds: 0 } } },
      { rootDir, env: { GREENROOM_DATA_DIR: path.join(rootDir, 'data') } },
    );
    app = await buildApp(config, builtInPlugins, {
      database: await freshDatabase(engine),
      identity: userIdentity,
      policy,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    });
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const as = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.http.inject({ method, url, headers: { 'x-test-user': user }, ...(payload ? { payload } : {}) });

  const registerLocation = (user: string, name: string) => {
    const file = path.join(rootDir, `${name}.yaml`);
    writeFileSync(file, component(name));
    return as(user, 'POST', '/api/catalog/locations', { type: 'file', target: file });
  };

  const listEvents = async (query: Record<string, string>) => {
    const res = await as('admin', 'GET', `/api/audit/events?${new URLSearchParams(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: AuditEventView[]; nextCursor?: string };
  };

  /** Events are written in the background: ask until `count` of them match, or give up after 10 s. */
  const waitForEvents = async (query: Record<string, string>, count: number) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { items } = await listEvents({ ...query, limit: '200' });
      if (items.length >= count) return items;
      if (Date.now() > deadline) throw new Error(`Expected ${count} audit events for ${JSON.stringify(query)}, found ${items.length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('records who registered which location, when, and that it was allowed', async () => {
    const before = new Date().toISOString();
    const res = await registerLocation('jane', 'payments');
    expect(res.statusCode, res.body).toBe(201);

    const [event] = await waitForEvents({ actor: 'user:default/jane', action: 'catalog.location.create' }, 1);
    const after = new Date().toISOString();
    expect(event).toMatchObject({
      actor: { ref: 'user:default/jane', type: 'user', displayName: 'Jane' },
      action: 'catalog.location.create',
      resource: `file:${res.json().location.target}`,
      outcome: 'allowed',
      details: { method: 'POST', path: '/api/catalog/locations', status: 201 },
    });
    expect(event!.at >= before && event!.at <= after).toBe(true);
  });

  it('records an attempt the policy refuses as denied', async () => {
    const res = await registerLocation('mallory', 'sneaky');
    expect(res.statusCode).toBe(403);
    const [event] = await waitForEvents({ actor: 'user:default/mallory' }, 1);
    expect(event).toMatchObject({ action: 'catalog.location.create', outcome: 'denied', details: { status: 403 } });
  });

  it('records nothing for reads, even those sent as POST queries', async () => {
    expect((await as('reader', 'GET', '/api/catalog/entities')).statusCode).toBe(200);
    expect((await as('reader', 'POST', '/api/catalog/entities/by-query', { query: { kind: 'component' } })).statusCode).toBe(200);
    expect(
      (await as('reader', 'POST', '/api/permission/authorize', { items: [{ id: 'a', permission: 'catalog.entity.read' }] })).statusCode,
    ).toBe(200);
    // Then something that is recorded: once it is there, the reads before it would be too.
    expect((await as('reader', 'POST', '/api/catalog/locations', { type: 'ftp' })).statusCode).toBe(400);

    const events = await waitForEvents({ actor: 'user:default/reader' }, 1);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['catalog.location.create', 'failed']]);
  });

  it('refuses the log to a caller without audit.events.read, and records the refusal', async () => {
    const res = await as('jane', 'GET', '/api/audit/events');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('audit.events.read');
    const [event] = await waitForEvents({ actor: 'user:default/jane', action: 'audit.events.read' }, 1);
    expect(event).toMatchObject({ outcome: 'denied' });
  });

  describe('filters and pages', () => {
    // Six events by pager (2 allowed, 4 failed), and two denied ones by mallory; newest first.
    let all: AuditEventView[];

    beforeAll(async () => {
      for (const name of ['pager-a', 'pager-b']) expect((await registerLocation('pager', name)).statusCode).toBe(201);
      for (let i = 0; i < 3; i++) expect((await as('pager', 'POST', '/api/catalog/locations', { type: 'nope' })).statusCode).toBe(400);
      expect((await as('pager', 'POST', '/api/scaffolder/v2/tasks', {})).statusCode).toBe(400);
      for (let i = 0; i < 2; i++) expect((await registerLocation('mallory', `denied-${i}`)).statusCode).toBe(403);
      all = await waitForEvents({ actor: 'user:default/pager' }, 6);
    });

    it('lists newest first', () => {
      expect(all).toHaveLength(6);
      const keys = all.map((e) => [e.at, Number(e.id)] as const);
      const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1));
      expect(keys).toEqual(sorted);
    });

    it('filters by outcome and by action, exact or by whole leading segments', async () => {
      const failed = await listEvents({ actor: 'user:default/pager', outcome: 'failed' });
      expect(failed.items.map((e) => e.action).sort()).toEqual([
        'catalog.location.create',
        'catalog.location.create',
        'catalog.location.create',
        'scaffolder.task.create',
      ]);
      const exact = await listEvents({ actor: 'user:default/pager', action: 'catalog.location.create' });
      expect(exact.items).toHaveLength(5);
      for (const prefix of ['catalog', 'catalog.', 'catalog.location']) {
        expect((await listEvents({ actor: 'user:default/pager', action: prefix })).items, prefix).toHaveLength(5);
      }
      expect((await listEvents({ actor: 'user:default/pager', action: 'scaffolder' })).items.map((e) => e.resource)).toEqual([undefined]);
      expect((await listEvents({ actor: 'user:default/pager', action: 'cat' })).items).toEqual([]);
      const denied = await listEvents({ outcome: 'denied', action: 'catalog.location.create' });
      expect(new Set(denied.items.map((e) => e.actor.ref))).toEqual(new Set(['user:default/mallory']));
    });

    it('bounds by time, both ends inclusive', async () => {
      // The 2nd to 5th newest events, bounded by their own timestamps.
      const from = all[4]!.at;
      const to = all[1]!.at;
      const expected = all.filter((e) => e.at >= from && e.at <= to).map((e) => e.id);
      expect(expected).toEqual(expect.arrayContaining([all[1]!.id, all[4]!.id]));
      const { items } = await listEvents({ actor: 'user:default/pager', from, to });
      expect(items.map((e) => e.id)).toEqual(expected);
      // Offsets are understood: the same instant written in another zone.
      const shifted = new Date(new Date(to).getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
      expect((await listEvents({ actor: 'user:default/pager', from, to: shifted })).items.map((e) => e.id)).toEqual(expected);
    });

    it('pages through everything with the cursor, each event once, in order', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listEvents({ actor: 'user:default/pager', limit: '2', ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.map((e) => e.id));
    });

    it('answers 400 naming the parameter for bad input', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ limit: '201' }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
        [{ outcome: 'maybe' }, 'outcome'],
        [{ from: 'yesterday' }, 'from'],
        [{ to: '2024-01-01' }, 'to'],
        [{ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }, 'to'],
        [{ cursor: 'not-a-cursor' }, 'cursor'],
        [{ actr: 'user:default/jane' }, 'actr'],
      ];
      for (const [query, parameter] of cases) {
        const res = await as('admin', 'GET', `/api/audit/events?${new URLSearchParams(query)}`);
        expect(res.statusCode, JSON.stringify(query)).toBe(400);
        expect(res.json().error.message, JSON.stringify(query)).toContain(parameter);
      }
    });
  });
});
