import type { TaskRow } from './TaskStore';

/** A stored task as the API shows it: Backstage's SerializedTask plus Greenroom's steps, output and error. Never the secrets. */
export function serializeTask(row: TaskRow) {
  return {
    id: row.id,
    spec: JSON.parse(row.spec),
    status: row.status,
    createdAt: row.created_at,
    lastHeartbeatAt: row.last_heartbeat_at ?? undefined,
    createdBy: row.created_by ?? undefined,
    steps: JSON.parse(row.steps),
    ...(row.output ? { output: JSON.parse(row.output) } : {}),
    ...(row.error ? { error: JSON.parse(row.error) } : {}),
  };
}
