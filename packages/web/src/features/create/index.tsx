import CreateNewFolderIcon from '@mui/icons-material/CreateNewFolder';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const CreatePage = lazy(() => import('./CreatePage'));
const TemplateWizardPage = lazy(() => import('./TemplateWizardPage'));
const TaskListPage = lazy(() => import('./tasks/TaskListPage'));
const TaskPage = lazy(() => import('./tasks/TaskPage'));
const TemplateEditorPage = lazy(() => import('./TemplateEditorPage'));

export const createFeature: Feature = {
  id: 'create',
  routes: [
    { path: '/create', element: <CreatePage /> },
    { path: '/create/templates/:namespace/:name', element: <TemplateWizardPage /> },
    { path: '/create/tasks', element: <TaskListPage /> },
    { path: '/create/tasks/:taskId', element: <TaskPage /> },
    { path: '/create/edit', element: <TemplateEditorPage /> },
  ],
  nav: [{ path: '/create', title: 'Create', icon: <CreateNewFolderIcon />, order: 40 }],
};
