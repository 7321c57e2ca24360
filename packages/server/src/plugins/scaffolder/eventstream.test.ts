import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDatabases } from '../../testing/databases';
import { scaffolderApp, until, type ScaffolderTestApp } from './testing/fixtures';

interface StreamedEvent {
  event: string;
  data: { id: number; type: string; body: { message: string; stepId?: string; status?: string } };
}

/** Reads a whole SSE response (it ends after the completion) into events. */
async function readStream(url: string, signal?: AbortSignal): Promise<{ status: number; contentType: string | null; events: StreamedEvent[] }> {
  const res = await fetch(url, { signal });
  const text = await res.text();
  const events = text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      return { event, data };
    });
  return { status: res.status, contentType: res.headers.get('content-type'), events };
}

describe('the task event stream (SQLite, over a real socket)', () => {
  let app: ScaffolderTestApp;
  let base: string;

  beforeAll(async () => {
    app = await scaffolderApp(
      'sqlite',
      [
        {
          name: 'paced',
          steps: [
            { id: 'first', action: 'debug:log', input: { message: 'first line' } },
            { id: 'pause', action: 'debug:wait', input: { milliseconds: 400 } },
            { id: 'last', action: 'debug:log', input: { message: 'last line' } },
          ],
          output: { text: [{ title: 'Done', content: 'all good' }] },
        },
      ],
      { server: { port: 0, host: '127.0.0.1' } },
    );
    base = `${await app.listen()}/api/scaffolder/v2`;
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const start = async () => {
    const res = await fetch(`${base}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ templateRef: 'template:default/paced' }) });
    return ((await res.json()) as { id: string }).id;
  };

  it('streams events live while the task runs and ends after the completion', async () => {
    const id = await start();
    const { status, contentType, events } = await readStream(`${base}/tasks/${id}/eventstream`);
    expect(status).toBe(200);
    expect(contentType).toBe('text/event-stream');
    const messages = events.map((e) => e.data.body.message);
    expect(messages.indexOf('first line')).toBeLessThan(messages.indexOf('last line'));
    expect(events.at(-1)).toMatchObject({ event: 'completion', data: { type: 'completion', body: { status: 'completed', output: { text: [{ content: 'all good' }] } } } });
    expect(events.filter((e) => e.event === 'completion')).toHaveLength(1);
    expect(events.every((e) => e.data.id > 0 && e.event === e.data.type)).toBe(true);
    const ids = events.map((e) => e.data.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('delivers a log line while the task is still running', async () => {
    const id = await start();
    const res = await fetch(`${base}/tasks/${id}/eventstream`);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('first line')) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error('the stream ended before the first line');
      text += decoder.decode(chunk.value);
    }
    const task = (await (await fetch(`${base}/tasks/${id}`)).json()) as { status: string };
    expect(task.status).toBe('processing');
    await reader.cancel();
  });

  it('replays stored events after ?after= for a finished task, then ends', async () => {
    const id = await start();
    const all = (await readStream(`${base}/tasks/${id}/eventstream`)).events;
    const from = all[2].data.id;
    const replay = (await readStream(`${base}/tasks/${id}/eventstream?after=${from}`)).events;
    expect(replay.map((e) => e.data.id)).toEqual(all.slice(3).map((e) => e.data.id));
  });

  it('serves a client that disconnects early, and the next one as well', async () => {
    const id = await start();
    const abort = new AbortController();
    const res = await fetch(`${base}/tasks/${id}/eventstream`, { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    const { events } = await readStream(`${base}/tasks/${id}/eventstream`);
    expect(events.at(-1)?.event).toBe('completion');
  });

  it('long-polls /events: an idle wait answers the first event that arrives', async () => {
    const id = await start();
    const all = (await readStream(`${base}/tasks/${id}/eventstream`)).events;
    // After the second-to-last event, only the completion is left: already stored, answered at once.
    const last = (await (await fetch(`${base}/tasks/${id}/events?after=${all.at(-2)!.data.id}`)).json()) as Array<{ type: string }>;
    expect(last.map((e) => e.type)).toEqual(['completion']);
    // During the pause nothing is written for 400 ms: a poll after the last event waits for the next.
    const paced = await start();
    const waiting = await until(
      async () => (await (await fetch(`${base}/tasks/${paced}/events`)).json()) as Array<{ id: number; body: { message: string } }>,
      (events) => events.some((e) => e.body.message === 'Waiting 400 ms'),
    );
    const started = Date.now();
    const next = (await (await fetch(`${base}/tasks/${paced}/events?after=${waiting.at(-1)!.id}`)).json()) as Array<{ body: { message: string } }>;
    expect(Date.now() - started).toBeGreaterThan(150);
    expect(next[0].body.message).toBe('Finished step debug:wait');
  });

  it('answers 404 for an unknown task instead of a stream', async () => {
    const res = await fetch(`${base}/tasks/unknown/eventstream`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { name: string } }).error.name).toBe('NotFoundError');
  });

  it('long-polls /events: waits for the next events of a running task', async () => {
    const id = await start();
    const first = (await (await fetch(`${base}/tasks/${id}/events`)).json()) as Array<{ id: number }>;
    expect(first.length).toBeGreaterThan(0);
    const task = await until(async () => (await (await fetch(`${base}/tasks/${id}`)).json()) as { status: string }, (t) => t.status === 'completed');
    expect(task.status).toBe('completed');
    const rest = (await (await fetch(`${base}/tasks/${id}/events?after=${first.at(-1)!.id}`)).json()) as Array<{ type: string }>;
    expect(rest.at(-1)?.type).toBe('completion');
  });

  it('includes the user entity from the catalog in the task spec', async () => {
    const id = await start();
    const task = (await (await fetch(`${base}/tasks/${id}`)).json()) as { spec: { user: { ref: string; entity?: { metadata: { name: string } } } } };
    expect(task.spec.user.ref).toBe('user:default/guest');
    expect(task.spec.user.entity?.metadata.name).toBe('guest');
  });
});
