import { describe, expect, it, vi } from 'vitest';
import { createAuthorizer } from './authorize';

describe('createAuthorizer', () => {
  it('asks about every check made in the same moment in one request, answering each its own', async () => {
    const send = vi.fn(async (items: Array<{ id: string; permission: string; resourceRef?: string }>) => ({
      items: items.map(({ id, resourceRef }) => ({
        id,
        result: resourceRef === 'component:default/mine' ? ('ALLOW' as const) : ('DENY' as const),
      })),
    }));
    const authorize = createAuthorizer(send);
    const answers = await Promise.all([
      authorize({ permission: 'catalog.entity.refresh', resourceRef: 'component:default/mine' }),
      authorize({ permission: 'catalog.entity.refresh', resourceRef: 'component:default/theirs' }),
      authorize({ permission: 'catalog.entity.delete', resourceRef: 'component:default/mine' }),
    ]);
    expect(answers).toEqual(['ALLOW', 'DENY', 'ALLOW']);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0].map((i) => i.permission)).toEqual([
      'catalog.entity.refresh',
      'catalog.entity.refresh',
      'catalog.entity.delete',
    ]);
  });

  it('treats an item the server did not answer as DENY, and a failed request as a failure of each check', async () => {
    const partial = createAuthorizer(async () => ({ items: [] }));
    await expect(partial({ permission: 'x' })).resolves.toBe('DENY');
    const broken = createAuthorizer(async () => {
      throw new Error('offline');
    });
    await expect(broken({ permission: 'x' })).rejects.toThrow('offline');
  });
});
