import { Link } from '@mui/material';
import type { ReactNode } from 'react';
import { safeUrl } from './safeUrl';

/** A link to somewhere outside the portal; an unsafe URL renders as plain text. */
export function ExternalLink({ href, children }: { href: unknown; children: ReactNode }) {
  const url = safeUrl(href);
  if (!url) return <span title="This link was disabled because its address is not http(s) or mailto">{children}</span>;
  return (
    <Link href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  );
}
