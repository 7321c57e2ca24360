import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp } from '../../../testing/renderWithApp';
import TaskListPage from './TaskListPage';

const task = (id: string, createdBy: string, status: string) => ({
  id,
  status,
  createdAt: '2026-05-01T10:00:00.000Z',
  createdBy,
  spec: { templateInfo: { entityRef: 'template:default/demo', entity: { metadata: { name: 'demo', title: 'Demo service' } } } },
});

describe('TaskListPage', () => {
  it('shows my tasks by default and everyone’s on All, each linking to its task page', async () => {
    const { calls } = mockApi({
      'GET /api/auth/session': { signedIn: true, guest: false, user: { entityRef: 'user:default/jane' } },
      'GET /api/scaffolder/v2/tasks': (url: URL) => {
        const all = [task('t-1', 'user:default/jane', 'completed'), task('t-2', 'user:default/joe', 'failed')];
        const tasks = all.filter((t) => !url.searchParams.has('createdBy') || t.createdBy === url.searchParams.get('createdBy'));
        return { tasks, totalTasks: tasks.length };
      },
    });
    const { location } = renderWithApp(<TaskListPage />, { url: '/create/tasks' });
    const table = await screen.findByRole('table', { name: 'Tasks' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('link', { name: 'Demo service' })).toHaveAttribute('href', '/create/tasks/t-1');
    expect(table).toHaveTextContent('completed');
    expect(calls.find((c) => c.url.pathname === '/api/scaffolder/v2/tasks')?.url.searchParams.get('createdBy')).toBe('user:default/jane');

    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await vi.waitFor(() => expect(within(screen.getByRole('table', { name: 'Tasks' })).getAllByRole('row')).toHaveLength(3));
    expect(screen.getByRole('table', { name: 'Tasks' })).toHaveTextContent('failed');
    expect(location().search).toBe('?owner=all');
  });

  it('without a signed-in user lists everyone’s tasks', async () => {
    const { calls } = mockApi({ 'GET /api/scaffolder/v2/tasks': { tasks: [], totalTasks: 0 } });
    renderWithApp(<TaskListPage />, { url: '/create/tasks' });
    expect(await screen.findByText('No template has run yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mine' })).toBeDisabled();
    expect(calls.find((c) => c.url.pathname === '/api/scaffolder/v2/tasks')?.url.searchParams.has('createdBy')).toBe(false);
  });
});
