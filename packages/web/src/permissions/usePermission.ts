import { useQuery } from '@tanstack/react-query';
import { authorize } from './authorize';

export interface PermissionState {
  /**
   * True once the server said ALLOW, or CONDITIONAL (allowed on some resources: the entry point shows,
   * each resource is checked on its own); while asking, or when asking failed, actions stay off.
   */
  allowed: boolean;
  loading: boolean;
  /** The server answered DENY (as opposed to still asking or failing to ask). */
  denied: boolean;
}

/**
 * Whether the signed-in user may do `permission` (on `resourceRef`), asked through the batched
 * authorize endpoint. Answers are kept for the page's lifetime: signing in or out reloads the
 * page (a new cache), and a changed policy shows on the next load; the API enforces it anyway.
 */
export function usePermission(permission: string, resourceRef?: string): PermissionState {
  const query = useQuery({
    queryKey: ['permission', permission, resourceRef ?? null],
    queryFn: () => authorize({ permission, resourceRef }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return { allowed: query.data === 'ALLOW' || query.data === 'CONDITIONAL', loading: query.isPending, denied: query.data === 'DENY' };
}

/**
 * Why an action is off, for a tooltip or a line under it; undefined when it is allowed.
 * E.g. `permissionReason(usePermission('scaffolder.task.create', templateRef), 'Only the owning team may run this template')`.
 */
export function permissionReason(permission: PermissionState, deniedText: string): string | undefined {
  if (permission.allowed) return undefined;
  if (permission.loading) return 'Checking your permissions…';
  return permission.denied ? deniedText : 'Your permissions could not be checked';
}
