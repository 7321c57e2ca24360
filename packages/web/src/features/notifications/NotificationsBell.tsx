import DoneIcon from '@mui/icons-material/Done';
import NotificationsIcon from '@mui/icons-material/Notifications';
import {
  Badge,
  Box,
  Button,
  Chip,
  Divider,
  IconButton,
  Link,
  List,
  ListItem,
  ListItemText,
  Popover,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { safeUrl } from '../../components/safeUrl';
import { useInbox, useMarkRead, type PortalNotification } from './api';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The bell in the portal header: unread count, and the latest notifications in a popover. */
export function NotificationsBell() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // Callers without notifications (a service token) get no bell rather than an error in the header.
  if (inbox.isError) return null;

  const unread = inbox.data?.unreadCount ?? 0;
  const notifications = inbox.data?.notifications ?? [];
  const close = () => setAnchor(null);
  const open = (n: PortalNotification) => {
    if (!n.read) markRead.mutate({ ids: [n.id] });
    close();
  };

  return (
    <>
      <Tooltip title="Notifications">
        <IconButton
          color="inherit"
          aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
          onClick={(e) => setAnchor(e.currentTarget)}
        >
          <Badge badgeContent={unread} color="error" max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { width: 380, maxWidth: '100vw' }, role: 'dialog', 'aria-label': 'Notifications' } }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ flexGrow: 1 }}>
            Notifications
          </Typography>
          <Button size="small" disabled={unread === 0} onClick={() => markRead.mutate({ all: true })}>
            Mark all as read
          </Button>
        </Box>
        <Divider />
        {notifications.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            No notifications yet.
          </Typography>
        ) : (
          <List dense sx={{ maxHeight: 420, overflowY: 'auto' }} aria-label="Latest notifications">
            {notifications.map((n) => (
              <ListItem
                key={n.id}
                divider
                sx={{ bgcolor: n.read ? undefined : 'action.hover', alignItems: 'flex-start' }}
                secondaryAction={
                  !n.read && (
                    <Tooltip title="Mark as read">
                      <IconButton
                        edge="end"
                        size="small"
                        aria-label={`Mark "${n.title}" as read`}
                        onClick={() => markRead.mutate({ ids: [n.id] })}
                      >
                        <DoneIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )
                }
              >
                <ListItemText
                  primary={<NotificationTitle notification={n} onOpen={() => open(n)} />}
                  secondary={
                    <>
                      {n.description && (
                        <Box component="span" sx={{ display: 'block' }}>
                          {n.description}
                        </Box>
                      )}
                      <Box component="span" sx={{ display: 'block' }}>
                        {dateTime.format(new Date(n.createdAt))}
                      </Box>
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
      </Popover>
    </>
  );
}

/** The title, a link when the notification has one: portal paths stay in the app, http(s) opens a tab. */
function NotificationTitle({ notification: n, onOpen }: { notification: PortalNotification; onOpen: () => void }) {
  const severity =
    n.severity === 'critical' || n.severity === 'high' ? <Chip size="small" color="error" label={n.severity} sx={{ ml: 1 }} /> : null;
  const title = (
    <Box component="span" sx={{ fontWeight: n.read ? 400 : 700 }}>
      {n.title}
    </Box>
  );
  let link = null;
  if (n.link?.startsWith('/') && !n.link.startsWith('//')) {
    link = (
      <Link component={RouterLink} to={n.link} onClick={onOpen}>
        {title}
      </Link>
    );
  } else if (safeUrl(n.link)) {
    link = (
      <Link href={safeUrl(n.link)} target="_blank" rel="noopener noreferrer" onClick={onOpen}>
        {title}
      </Link>
    );
  }
  return (
    <>
      {link ?? title}
      {severity}
    </>
  );
}
