import { Tab, Tabs } from '@mui/material';
import { Link as RouterLink, useLocation } from 'react-router';

const TABS = [
  { path: '/create', title: 'Templates' },
  { path: '/create/tasks', title: 'Tasks' },
  { path: '/create/edit', title: 'Editor' },
];

/** The scaffolder's sub-navigation; a wizard counts as Templates, a task page as Tasks. */
export function CreateTabs() {
  const { pathname } = useLocation();
  const current = [...TABS].reverse().find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`)) ?? TABS[0];
  return (
    <Tabs value={current.path} aria-label="Create" sx={{ mb: 3, borderBottom: 1, borderColor: 'divider' }}>
      {TABS.map((tab) => (
        <Tab key={tab.path} value={tab.path} label={tab.title} component={RouterLink} to={tab.path} />
      ))}
    </Tabs>
  );
}
