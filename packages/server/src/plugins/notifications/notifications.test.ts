import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestPrincipal, type Identity, type Principal } from '../../core/identity';
import { startCatalogApp, writeCatalogFile, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { templateEntity } from '../scaffolder/testing/fixtures';

/** The caller named by the `x-test-user` header: a user ref, `service` (no user), or the guest when absent. */
const headerIdentity: Identity = {
  async resolve(request): Promise<Principal> {
    const who = request.headers['x-test-user'];
    if (typeof who !== 'string') return guestPrincipal;
    if (who === 'service') return { type: 'service', ownershipEntityRefs: [], displayName: 'ci-bot' };
    return { type: 'user', userEntityRef: who, ownershipEntityRefs: [who], displayName: who };
  },
};

const user = (name: string, memberOf: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { memberOf },
});
const group = (name: string, parent?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

/** platform ⊃ payments; ada in platform, bob in payments, carol in neither; the service is owned by payments. */
function catalog(): unknown[] {
  const notify = (name: string, input: Record<string, unknown>) =>
    templateEntity({ name, steps: [{ id: 'notify', name: 'Notify', action: 'notification:send', input }] });
  return [
    group('platform'),
    group('payments', 'platform'),
    user('ada', ['platform']),
    user('bob', ['payments']),
    user('carol', []),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ledger' },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
    },
    notify('notify-platform', {
      recipients: 'entity',
      entityRefs: ['group:default/platform'],
      title: 'Platform news',
      info: 'Read me',
      link: '/catalog/default/component/ledger',
      severity: 'high',
    }),
    notify('notify-owner', { recipients: 'entity', entityRefs: ['component:ledger', 'user:carol'], title: 'Ledger changed' }),
    notify('notify-everyone', { recipients: 'broadcast', title: 'Maintenance tonight' }),
    notify('notify-bad-link', { recipients: 'broadcast', title: 'x', link: 'javascript:alert(1)' }),
    notify('notify-unknown', { recipients: 'entity', entityRefs: ['group:default/ghosts'], title: 'x' }),
  ];
}

describe.each(await availableEngines())('notifications on %s', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startCatalogApp(engine, writeCatalogFile(catalog()), { kinds: ['Template', 'User', 'Group', 'Component'], identity: headerIdentity });
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  const call = async (method: 'GET' | 'POST', url: string, options: { payload?: unknown; user?: string } = {}) => {
    const res = await app.http.inject({
      method,
      url,
      ...(options.payload === undefined ? {} : { payload: options.payload as object }),
      headers: options.user ? { 'x-test-user': options.user } : {},
    });
    return { status: res.statusCode, body: res.json() };
  };
  const inbox = async (userRef: string, query = '') => (await call('GET', `/api/notifications${query}`, { user: userRef })).body;

  async function runTemplate(name: string): Promise<{ status: string; error?: { message: string } }> {
    const created = await call('POST', '/api/scaffolder/v2/tasks', { payload: { templateRef: `template:default/${name}`, values: {} } });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const task = (await call('GET', `/api/scaffolder/v2/tasks/${created.body.id}`)).body;
      if (['completed', 'failed', 'cancelled'].includes(task.status)) return task;
      if (Date.now() > deadline) throw new Error(`task ${name} did not finish: ${JSON.stringify(task)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('answers an empty inbox, and 403 to a caller that is not a user', async () => {
    expect(await inbox('user:default/carol')).toEqual({ notifications: [], unreadCount: 0 });
    const service = await call('GET', '/api/notifications', { user: 'service' });
    expect(service.status).toBe(403);
    expect(service.body.error.name).toBe('NotAllowedError');
    expect((await call('POST', '/api/notifications/read', { user: 'service', payload: { all: true } })).status).toBe(403);
  });

  it('notification:send to a group reaches its members and the members of its sub-groups, nobody else', async () => {
    expect((await runTemplate('notify-platform')).status).toBe('completed');
    for (const who of ['ada', 'bob']) {
      const mine = await inbox(`user:default/${who}`);
      expect(mine.unreadCount).toBe(1);
      expect(mine.notifications).toEqual([
        expect.objectContaining({
          title: 'Platform news',
          description: 'Read me',
          link: '/catalog/default/component/ledger',
          severity: 'high',
          read: false,
          origin: 'template:default/notify-platform',
        }),
      ]);
    }
    expect((await inbox('user:default/carol')).unreadCount).toBe(0);
  });

  it("notification:send to an owned entity reaches its owner's members; a user ref reaches the user", async () => {
    expect((await runTemplate('notify-owner')).status).toBe('completed');
    const titles = async (who: string) => (await inbox(`user:default/${who}`)).notifications.map((n: { title: string }) => n.title);
    expect(await titles('bob')).toContain('Ledger changed');
    expect(await titles('carol')).toEqual(['Ledger changed']);
    expect(await titles('ada')).not.toContain('Ledger changed');
  });

  it('a broadcast reaches every user, and one user reading it leaves it unread for the others', async () => {
    expect((await runTemplate('notify-everyone')).status).toBe('completed');
    const carolBefore = await inbox('user:default/carol');
    const broadcast = carolBefore.notifications.find((n: { title: string }) => n.title === 'Maintenance tonight');
    expect(broadcast).toBeDefined();
    expect((await inbox('user:default/newcomer')).notifications.map((n: { title: string }) => n.title)).toEqual(['Maintenance tonight']);

    const read = await call('POST', '/api/notifications/read', { user: 'user:default/carol', payload: { ids: [broadcast.id] } });
    expect(read).toEqual({ status: 200, body: { unreadCount: carolBefore.unreadCount - 1 } });
    expect((await inbox('user:default/carol')).notifications.find((n: { id: string }) => n.id === broadcast.id).read).toBe(true);
    expect((await inbox('user:default/ada')).notifications.find((n: { id: string }) => n.id === broadcast.id).read).toBe(false);
  });

  it("marks read only the caller's own notifications; unread=true filters; all marks everything", async () => {
    const ada = await inbox('user:default/ada');
    const adaOwn = ada.notifications.find((n: { title: string }) => n.title === 'Platform news');
    // Carol cannot mark Ada's notification read.
    await call('POST', '/api/notifications/read', { user: 'user:default/carol', payload: { ids: [adaOwn.id] } });
    expect((await inbox('user:default/ada')).unreadCount).toBe(ada.unreadCount);

    await call('POST', '/api/notifications/read', { user: 'user:default/ada', payload: { ids: [adaOwn.id] } });
    const unread = await inbox('user:default/ada', '?unread=true');
    expect(unread.notifications.map((n: { id: string }) => n.id)).not.toContain(adaOwn.id);
    expect(unread.unreadCount).toBe(ada.unreadCount - 1);

    const all = await call('POST', '/api/notifications/read', { user: 'user:default/ada', payload: { all: true } });
    expect(all.body).toEqual({ unreadCount: 0 });
    expect((await inbox('user:default/ada')).notifications.every((n: { read: boolean }) => n.read)).toBe(true);
    expect((await inbox('user:default/bob')).unreadCount).toBeGreaterThan(0);
  });

  it('rejects malformed requests with 400', async () => {
    expect((await call('POST', '/api/notifications/read', { payload: { ids: 'x' } })).status).toBe(400);
    expect((await call('POST', '/api/notifications/read', { payload: {} })).status).toBe(400);
    expect((await call('GET', '/api/notifications?limit=0')).status).toBe(400);
  });

  it('fails the step for a javascript: link and for a recipient missing from the catalog', async () => {
    const badLink = await runTemplate('notify-bad-link');
    expect(badLink.status).toBe('failed');
    expect(badLink.error?.message).toContain('must be a portal path');
    const unknown = await runTemplate('notify-unknown');
    expect(unknown.status).toBe('failed');
    expect(unknown.error?.message).toBe('notification recipient "group:default/ghosts" is not in the catalog');
  });
});
