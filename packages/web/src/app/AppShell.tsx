import MenuIcon from '@mui/icons-material/Menu';
import {
  AppBar,
  Box,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { Suspense, useState, type ReactNode } from 'react';
import { Link as RouterLink, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { ErrorBoundary } from './ErrorBoundary';
import { useHeaderItems, useNavItems } from './FeaturesContext';
import { HeaderSearch } from '../features/search/HeaderSearch';
import { UserMenu } from '../features/auth';
import { usePermission } from '../permissions/usePermission';

const DRAWER_WIDTH = 200;

/** Header, navigation and the current page; the navigation folds into a menu below laptop width. */
export function AppShell() {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('lg'));
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navItems = useNavItems();
  const headerItems = useHeaderItems();

  const nav = (
    <nav aria-label="Main">
      <List>
        {navItems.map((item) => {
          const active = item.path === '/' ? location.pathname === '/' : location.pathname.startsWith(item.path);
          const entry = (
            <ListItemButton
              key={item.path}
              component={RouterLink}
              to={item.path}
              selected={active}
              aria-current={active ? 'page' : undefined}
              onClick={() => setMenuOpen(false)}
            >
              <ListItemIcon sx={{ minWidth: 36 }}>{item.icon}</ListItemIcon>
              <ListItemText primary={item.title} />
            </ListItemButton>
          );
          return item.permission ? (
            <IfPermitted key={item.path} permission={item.permission}>
              {entry}
            </IfPermitted>
          ) : (
            entry
          );
        })}
      </List>
    </nav>
  );

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Box
        component="a"
        href="#main-content"
        sx={{
          position: 'absolute',
          left: -9999,
          zIndex: theme.zIndex.tooltip,
          '&:focus': { left: 8, top: 8, p: 1, bgcolor: 'background.paper' },
        }}
      >
        Skip to content
      </Box>
      <AppBar position="fixed" sx={{ zIndex: theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 2 }}>
          {!wide && (
            <IconButton color="inherit" edge="start" aria-label="Open navigation" onClick={() => setMenuOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component={RouterLink} to="/" sx={{ color: 'inherit', textDecoration: 'none', fontWeight: 700 }}>
            Greenroom
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          {headerItems.map(({ id, component: Item }) => (
            <ErrorBoundary key={id} area={`the ${id} control`}>
              <Item />
            </ErrorBoundary>
          ))}
          <HeaderSearch />
          <UserMenu />
        </Toolbar>
      </AppBar>
      <Drawer
        variant={wide ? 'permanent' : 'temporary'}
        open={wide || menuOpen}
        onClose={() => setMenuOpen(false)}
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar />
        {nav}
      </Drawer>
      <Box component="main" id="main-content" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, md: 3 }, outline: 'none' }}>
        <Toolbar />
        <ErrorBoundary area="this page" resetKey={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Box>
  );
}

/** Renders its children once the server allows `permission`; nothing while asking or when denied. */
function IfPermitted({ permission, children }: { permission: string; children: ReactNode }) {
  return usePermission(permission).allowed ? children : null;
}
