import { Avatar } from '@mui/material';
import type { SessionUser } from './api';

/** The provider's picture when there is one, else the initials of the display name. */
export function UserAvatar({ user, size }: { user: SessionUser; size: number }) {
  const initials = user.displayName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return (
    <Avatar src={user.picture} alt="" sx={{ width: size, height: size, fontSize: size * 0.4 }}>
      {initials || '?'}
    </Avatar>
  );
}
