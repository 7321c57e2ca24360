import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp, respond } from '../../testing/renderWithApp';
import { POLL_INTERVAL_MS, type Inbox, type PortalNotification } from './api';
import { NotificationsBell } from './NotificationsBell';

const note = (id: string, extra: Partial<PortalNotification> = {}): PortalNotification => ({
  id,
  title: `Notification ${id}`,
  severity: 'normal',
  origin: 'template:default/nodejs-service',
  createdAt: '2026-05-04T10:00:00.000Z',
  read: false,
  ...extra,
});

/** A server-like inbox: POST /read marks notifications read and answers the new unread count. */
function inboxApi(initial: PortalNotification[]) {
  let notifications = initial;
  const inbox = (): Inbox => ({ notifications, unreadCount: notifications.filter((n) => !n.read).length });
  const api = mockApi({
    'GET /api/notifications': () => inbox(),
    'POST /api/notifications/read': (_url: URL, init: RequestInit | undefined) => {
      const body = JSON.parse(String(init?.body)) as { ids?: string[]; all?: boolean };
      notifications = notifications.map((n) => (body.all || body.ids?.includes(n.id) ? { ...n, read: true } : n));
      return { unreadCount: inbox().unreadCount };
    },
  });
  return { ...api, add: (n: PortalNotification) => (notifications = [n, ...notifications]) };
}

afterEach(() => vi.useRealTimers());

describe('NotificationsBell', () => {
  it('shows the unread count and lists the latest notifications, linking portal paths inside the app', async () => {
    inboxApi([
      note('1', {
        title: 'orders-api was created',
        description: 'Your new service is ready',
        link: '/catalog/default/component/orders-api',
        severity: 'high',
      }),
      note('2', { title: 'Maintenance tonight', read: true }),
    ]);
    const { location } = renderWithApp(<NotificationsBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));

    const dialog = screen.getByRole('dialog', { name: 'Notifications' });
    const items = within(dialog).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('orders-api was created');
    expect(items[0]).toHaveTextContent('Your new service is ready');
    expect(within(items[0]).getByText('high')).toBeInTheDocument();
    // Only unread ones offer "mark as read".
    expect(within(items[1]).queryByRole('button', { name: /Mark/ })).toBeNull();

    await userEvent.click(within(items[0]).getByRole('link', { name: 'orders-api was created' }));
    expect(location().pathname).toBe('/catalog/default/component/orders-api');
    // Following a notification marks it read.
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
  });

  it('marks one notification read, then all, updating the badge', async () => {
    const { calls } = inboxApi([note('1'), note('2'), note('3')]);
    renderWithApp(<NotificationsBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 3 unread' }));
    await userEvent.click(screen.getByRole('button', { name: 'Mark "Notification 2" as read' }));
    // The open popover hides the page (the bell included) from the accessibility tree.
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread', hidden: true })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ ids: ['2'] });

    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByRole('button', { name: 'Notifications', hidden: true })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({ all: true });
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Mark ".*" as read/ })).toBeNull();
  });

  it('says so when there is nothing, and never makes an unsafe link clickable', async () => {
    inboxApi([]);
    const first = renderWithApp(<NotificationsBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(screen.getByText('No notifications yet.')).toBeInTheDocument();
    first.unmount();

    inboxApi([note('x', { title: 'Click me', link: 'javascript:alert(1)' })]);
    renderWithApp(<NotificationsBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    expect(screen.getByText('Click me').closest('a')).toBeNull();
  });

  it('shows no bell to a caller without notifications (403)', async () => {
    const { calls } = mockApi({
      'GET /api/notifications': respond(403, { error: { name: 'NotAllowedError', message: 'ci-bot is not a user' } }),
    });
    renderWithApp(<NotificationsBell />);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: /Notifications/ })).toBeNull());
  });

  it('polls, so a new notification raises the count without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = inboxApi([note('1', { read: true })]);
    renderWithApp(<NotificationsBell />);
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    api.add(note('2', { title: 'Your task finished' }));
    await act(() => vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });
});
