import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { signInPath } from '../../api/http';
import { Loading } from '../../components/Loading';
import { useSession } from './api';

/**
 * Shows the portal only to someone with a session (or to everyone in guest mode); anyone else
 * goes to the sign-in page, which brings them back here afterwards.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Checking your session" />;
  // Without an answer the portal still renders: the API refuses what needs a session, and its 401 leads to sign-in.
  if (session.data && !session.data.signedIn && !session.data.guest) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}${location.hash}`)} replace />;
  }
  return <>{children}</>;
}
