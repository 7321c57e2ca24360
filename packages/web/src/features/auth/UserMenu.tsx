import LogoutIcon from '@mui/icons-material/Logout';
import PersonIcon from '@mui/icons-material/Person';
import PersonOutlineIcon from '@mui/icons-material/PersonOutlineOutlined';
import LoginIcon from '@mui/icons-material/Login';
import { Button, Chip, Divider, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { fullPageLoad, signInPath } from '../../api/http';
import { logout, useSession } from './api';
import { UserAvatar } from './UserAvatar';

/** The header's account corner: the signed-in user with a menu, or a plain "Guest" badge in guest mode. */
export function UserMenu() {
  const session = useSession();
  const location = useLocation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const signOut = useMutation({
    mutationFn: logout,
    // A full load drops everything cached for the old session.
    onSuccess: () => fullPageLoad.go('/signin'),
  });
  const data = session.data;
  if (!data) return null;

  if (!data.signedIn) {
    if (!data.guest) return null;
    return (
      <>
        <Tooltip title="Guest mode: nobody is signed in, and anyone who can reach this portal may use it">
          <Chip
            icon={<PersonOutlineIcon />}
            label="Guest"
            color="warning"
            variant="filled"
            onClick={(e) => setAnchor(e.currentTarget)}
            aria-haspopup="menu"
          />
        </Tooltip>
        <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
          <MenuItem component="a" href={signInPath(`${location.pathname}${location.search}`)} onClick={() => setAnchor(null)}>
            <ListItemIcon>
              <LoginIcon fontSize="small" />
            </ListItemIcon>
            Sign in
          </MenuItem>
        </Menu>
      </>
    );
  }

  const user = data.user!;
  return (
    <>
      <Button
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-label={`Account of ${user.displayName}`}
        startIcon={<UserAvatar user={user} size={28} />}
        sx={{ textTransform: 'none' }}
      >
        <Typography component="span" sx={{ display: { xs: 'none', sm: 'inline' }, maxWidth: 180 }} noWrap>
          {user.displayName}
        </Typography>
      </Button>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 } }}>
          <ListItemText primary={user.displayName} secondary={user.email ?? user.entityRef} />
        </MenuItem>
        <Divider />
        <MenuItem component={RouterLink} to="/settings/profile" onClick={() => setAnchor(null)}>
          <ListItemIcon>
            <PersonIcon fontSize="small" />
          </ListItemIcon>
          Profile
        </MenuItem>
        <MenuItem onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          <ListItemIcon>
            <LogoutIcon fontSize="small" />
          </ListItemIcon>
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </MenuItem>
        {signOut.error && (
          <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 } }}>
            <Typography role="alert" color="error" variant="body2">
              Sign-out failed: {signOut.error.message}
            </Typography>
          </MenuItem>
        )}
      </Menu>
    </>
  );
}
