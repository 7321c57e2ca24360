import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, permissionsApi, renderWithApp } from '../../../testing/renderWithApp';
import type { SerializedTask, TaskEvent } from '../api';
import TaskPage from './TaskPage';

/** A stand-in for the browser's EventSource: the test pushes events into the open streams. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, Array<(message: MessageEvent) => void>>();
  closed = false;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (message: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(event: TaskEvent) {
    act(() => {
      for (const listener of this.listeners.get(event.type) ?? []) listener(new MessageEvent(event.type, { data: JSON.stringify(event) }));
    });
  }
}

const created = '2026-05-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(created) + seconds * 1000).toISOString();
let nextId = 1;
const log = (stepId: string | undefined, message: string, seconds: number, status?: string): TaskEvent => ({
  id: nextId++,
  taskId: 'task-1',
  type: 'log',
  createdAt: at(seconds),
  body: { message, ...(stepId && { stepId }), ...(status && { status }) },
});

function task(overrides: Partial<SerializedTask> = {}): SerializedTask {
  return {
    id: 'task-1',
    status: 'processing',
    createdAt: created,
    createdBy: 'user:default/jane',
    spec: {
      templateInfo: { entityRef: 'template:default/demo', entity: { metadata: { name: 'demo', title: 'Demo service' } } },
      parameters: { name: 'payments', token: '******' },
      steps: [
        { id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template' },
        { id: 'publish', name: 'Publish', action: 'publish:git' },
        { id: 'register', name: 'Register', action: 'catalog:register' },
      ],
    },
    ...overrides,
  };
}

beforeEach(() => {
  FakeEventSource.instances = [];
  nextId = 1;
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

const stepRow = (name: string) =>
  within(screen.getByRole('list', { name: 'Steps' }))
    .getByText(name)
    .closest('[role=button]') as HTMLElement;

describe('TaskPage', () => {
  it('follows a run live to completion: step states, the running step’s log, times, then links and text', async () => {
    let current = task();
    mockApi({ 'GET /api/scaffolder/v2/tasks/task-1': () => current });
    renderWithApp(<TaskPage />, { url: '/create/tasks/task-1', path: '/create/tasks/:taskId' });
    expect(await screen.findByRole('heading', { name: 'Run of Demo service' })).toBeInTheDocument();
    const stream = FakeEventSource.instances[0];
    expect(stream.url).toBe('/api/scaffolder/v2/tasks/task-1/eventstream');

    stream.emit(log('fetch', 'Fetching template from ./skeleton', 1, 'processing'));
    expect(within(stepRow('Fetch skeleton')).getByText('processing')).toBeInTheDocument();
    expect(screen.getByRole('log', { name: 'Log of Fetch skeleton' })).toHaveTextContent('Fetching template from ./skeleton');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();

    stream.emit(log('fetch', 'Rendered 3 files', 3, 'completed'));
    stream.emit(log('publish', 'Pushing to http://127.0.0.1/acme/payments.git', 3.5, 'processing'));
    expect(within(stepRow('Fetch skeleton')).getByText('completed')).toBeInTheDocument();
    expect(stepRow('Fetch skeleton')).toHaveTextContent('2 s');
    // The log follows the running step.
    expect(screen.getByRole('log', { name: 'Log of Publish' })).toHaveTextContent('Pushing to http://127.0.0.1/acme/payments.git');

    stream.emit(log('publish', 'Pushed', 4, 'completed'));
    stream.emit(log('register', 'Registered', 4.25, 'processing'));
    stream.emit(log('register', 'Registered component:default/payments', 4.5, 'completed'));
    const output = {
      links: [
        { title: 'Repository', url: 'http://127.0.0.1:9999/acme/payments' },
        { title: 'Open in catalog', entityRef: 'component:default/payments' },
        { title: 'Sneaky', url: 'javascript:alert(1)' },
      ],
      text: [{ title: 'Next steps', content: '**Run** `npm start` <img src=x onerror=alert(1)>' }],
    };
    current = task({ status: 'completed', output });
    stream.emit({
      id: nextId++,
      taskId: 'task-1',
      type: 'completion',
      createdAt: at(5),
      body: { message: 'Run completed', status: 'completed', output },
    });

    expect(await screen.findByRole('link', { name: 'Open in catalog' })).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(screen.getByRole('link', { name: 'Repository' })).toHaveAttribute('href', 'http://127.0.0.1:9999/acme/payments');
    expect(screen.queryByRole('link', { name: 'Sneaky' })).not.toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'Output' });
    expect(section).toHaveTextContent('**Run** `npm start` <img src=x onerror=alert(1)>');
    expect(section.querySelector('img')).toBeNull();
    expect(stream.closed).toBe(true);
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(within(stepRow('Register')).getByText('completed')).toBeInTheDocument();
  });

  it('shows a failed run: the error, the failed step’s log, later steps skipped, and Start over with the same values', async () => {
    mockApi({
      'GET /api/scaffolder/v2/tasks/task-1': task({
        status: 'failed',
        error: { name: 'Error', message: 'publish: the remote refused the push' },
        steps: [
          { id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template', status: 'completed', startedAt: at(0), endedAt: at(1) },
          { id: 'publish', name: 'Publish', action: 'publish:git', status: 'failed', startedAt: at(1), endedAt: at(2) },
          { id: 'register', name: 'Register', action: 'catalog:register', status: 'skipped' },
        ],
      }),
    });
    const { location } = renderWithApp(<TaskPage />, { url: '/create/tasks/task-1', path: '/create/tasks/:taskId' });
    await screen.findByRole('heading', { name: 'Run of Demo service' });
    const stream = FakeEventSource.instances[0];
    stream.emit(log('fetch', 'Fetched', 1, 'completed'));
    stream.emit(log('publish', 'remote: permission denied', 2, 'failed'));
    stream.emit({
      id: nextId++,
      taskId: 'task-1',
      type: 'completion',
      createdAt: at(2),
      body: { message: 'Run failed', status: 'failed', error: { name: 'Error', message: 'publish: the remote refused the push' } },
    });

    expect(screen.getByRole('alert')).toHaveTextContent('publish: the remote refused the push');
    expect(within(stepRow('Publish')).getByText('failed')).toBeInTheDocument();
    expect(within(stepRow('Register')).getByText('skipped')).toBeInTheDocument();
    expect(screen.getByRole('log', { name: 'Log of Publish' })).toHaveTextContent('remote: permission denied');

    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(location().pathname).toBe('/create/templates/default/demo');
    expect(JSON.parse(new URLSearchParams(location().search).get('formData') ?? '')).toEqual({ name: 'payments', token: '******' });
  });

  it('reconnects after a dropped stream from the last event it saw', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      mockApi({ 'GET /api/scaffolder/v2/tasks/task-1': task() });
      renderWithApp(<TaskPage />, { url: '/create/tasks/task-1', path: '/create/tasks/:taskId' });
      await screen.findByRole('heading', { name: 'Run of Demo service' });
      const first = FakeEventSource.instances[0];
      const one = log('fetch', 'one', 1, 'processing');
      first.emit(one);
      act(() => first.onerror?.());
      await act(() => vi.advanceTimersByTimeAsync(2_500));
      const second = FakeEventSource.instances[1];
      expect(second.url).toBe('/api/scaffolder/v2/tasks/task-1/eventstream?after=1');
      second.emit(one); // a replayed duplicate is ignored
      second.emit(log('fetch', 'two', 2));
      expect(screen.getByRole('log', { name: 'Log of Fetch skeleton' }).textContent?.match(/one/g)).toHaveLength(1);
      expect(screen.getByRole('log', { name: 'Log of Fetch skeleton' })).toHaveTextContent('two');
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries a failed run: Retry re-runs the task under its id and the page follows the new run', async () => {
    let current = task({
      status: 'failed',
      steps: [
        { id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template', status: 'failed', startedAt: at(0), endedAt: at(1) },
        { id: 'publish', name: 'Publish', action: 'publish:git', status: 'skipped' },
        { id: 'register', name: 'Register', action: 'catalog:register', status: 'skipped' },
      ],
      error: { name: 'Error', message: 'the skeleton could not be read' },
    });
    const { calls } = mockApi({
      'GET /api/scaffolder/v2/tasks/task-1': () => current,
      'POST /api/scaffolder/v2/tasks/task-1/retry': () => {
        current = task({ status: 'open' });
        return { id: 'task-1' };
      },
    });
    renderWithApp(<TaskPage />, { url: '/create/tasks/task-1', path: '/create/tasks/:taskId' });
    const first = await screen.findByRole('button', { name: 'Retry' }).then(() => FakeEventSource.instances[0]);
    first.emit(log('fetch', 'the skeleton could not be read', 1, 'failed'));

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(calls.some((call) => call.method === 'POST' && call.url.pathname === '/api/scaffolder/v2/tasks/task-1/retry')).toBe(true);
    // A new stream from the start: the first run's events come again, then the retry and the new run.
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    const second = FakeEventSource.instances[1];
    expect(second.url).toBe('/api/scaffolder/v2/tasks/task-1/eventstream');
    second.emit({ ...log('fetch', 'the skeleton could not be read', 1, 'failed'), id: 1 });
    second.emit(log(undefined, 'Retried by user:default/jane: running again from the first step', 5, 'retried'));
    second.emit(log('fetch', 'Fetching template again', 6, 'processing'));
    expect(await screen.findByRole('log', { name: 'Log of Fetch skeleton' })).toHaveTextContent('Fetching template again');
    expect(screen.getByRole('log', { name: 'Log of Fetch skeleton' })).not.toHaveTextContent('could not be read');
    expect(within(stepRow('Fetch skeleton')).getByText('processing')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('disables Retry, with the reason, when the user may not run the template', async () => {
    mockApi({
      ...permissionsApi(['scaffolder.task.create']),
      'GET /api/scaffolder/v2/tasks/task-1': task({ status: 'cancelled' }),
    });
    renderWithApp(<TaskPage />, { url: '/create/tasks/task-1', path: '/create/tasks/:taskId' });
    await screen.findByRole('button', { name: 'Retry' });
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Retry' }).parentElement).toHaveAccessibleDescription(
        'You may not run this template, so you cannot retry its task',
      ),
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeDisabled();
  });
});
