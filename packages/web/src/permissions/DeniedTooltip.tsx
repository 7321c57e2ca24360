import { Tooltip } from '@mui/material';
import type { ReactElement } from 'react';

/**
 * Explains a disabled control. A disabled button receives no pointer events, so the tooltip
 * hangs on a wrapper that does; `reason` absent means the control is allowed and shown as is.
 */
export function DeniedTooltip({ reason, children }: { reason?: string; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip title={reason} describeChild>
      <span style={{ display: 'inline-block' }} tabIndex={0}>
        {children}
      </span>
    </Tooltip>
  );
}
