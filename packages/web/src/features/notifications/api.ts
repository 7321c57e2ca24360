import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../api/http';

export interface PortalNotification {
  id: string;
  title: string;
  description?: string;
  link?: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  origin: string;
  createdAt: string;
  read: boolean;
}

export interface Inbox {
  notifications: PortalNotification[];
  unreadCount: number;
}

/** How often the bell asks for news; a new notification shows within this time without a reload. */
export const POLL_INTERVAL_MS = 30_000;
const inboxKey = ['notifications', 'inbox'];

export function useInbox() {
  return useQuery({
    queryKey: inboxKey,
    queryFn: () => apiFetch<Inbox>('/api/notifications?limit=20'),
    refetchInterval: POLL_INTERVAL_MS,
    // A principal without notifications (403) stays so; do not ask again on every focus.
    retry: false,
  });
}

/** Marks some (`ids`) or all notifications read; the inbox shows them read at once and is then re-read. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: { ids: string[] } | { all: true }) =>
      apiFetch<{ unreadCount: number }>('/api/notifications/read', { method: 'POST', json: target }),
    onMutate: (target) => {
      queryClient.setQueryData<Inbox>(inboxKey, (inbox) => {
        if (!inbox) return inbox;
        const marks = (n: PortalNotification) => 'all' in target || target.ids.includes(n.id);
        const notifications = inbox.notifications.map((n) => (marks(n) ? { ...n, read: true } : n));
        const newlyRead = inbox.notifications.filter((n) => !n.read && marks(n)).length;
        return { notifications, unreadCount: 'all' in target ? 0 : Math.max(0, inbox.unreadCount - newlyRead) };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
