import { useEffect, useState } from 'react';
import { taskEventStreamUrl, type TaskEvent } from '../api';

const RECONNECT_MS = 2_000;
const EVENT_TYPES = ['log', 'completion', 'cancelled', 'recovered'] as const;

/**
 * A task's events from its Server-Sent Events stream, replayed from the start and then live.
 * After a dropped connection it reconnects with `?after=<last id>`, so nothing repeats or goes missing;
 * the stream is closed once the task completed. A new `run` (the task was retried) follows it again from the start.
 */
export function useTaskEvents(taskId: string, run = 0): { events: TaskEvent[]; completed: boolean } {
  const [events, setEvents] = useState<TaskEvent[]>([]);
  const [completed, setCompleted] = useState(false);

  useEffect(() => {
    setEvents([]);
    setCompleted(false);
    let source: EventSource | undefined;
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    let lastId: number | undefined;

    const receive = (message: MessageEvent<string>) => {
      let event: TaskEvent;
      try {
        event = JSON.parse(message.data) as TaskEvent;
      } catch {
        return;
      }
      if (lastId !== undefined && event.id <= lastId) return;
      lastId = event.id;
      setEvents((previous) => [...previous, event]);
      if (event.type === 'completion') {
        finished = true;
        setCompleted(true);
        source?.close();
      }
    };
    const open = () => {
      source = new EventSource(taskEventStreamUrl(taskId, lastId));
      for (const type of EVENT_TYPES) source.addEventListener(type, receive as EventListener);
      source.onerror = () => {
        // EventSource would retry on its own, but from the start; ask for what came after the last event instead.
        source?.close();
        if (!finished) reconnect = setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      finished = true;
      clearTimeout(reconnect);
      source?.close();
    };
  }, [taskId, run]);

  return { events, completed };
}
