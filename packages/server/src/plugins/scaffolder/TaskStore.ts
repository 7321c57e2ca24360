import { type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../core/database';
import type { ScaffolderTables, StepStatus, TaskEventType, TaskStatus } from './tables';

export type TaskRow = Selectable<ScaffolderTables['scaffolder_tasks']>;

export interface StepState {
  id: string;
  name: string;
  action: string;
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
}

export interface TaskEventBody {
  message: string;
  stepId?: string;
  status?: string;
  output?: unknown;
  error?: { name: string; message: string };
}

export interface TaskEvent {
  id: number;
  taskId: string;
  type: TaskEventType;
  createdAt: string;
  body: TaskEventBody;
}

export interface TaskListQuery {
  createdBy?: string;
  status?: TaskStatus[];
  limit: number;
  offset: number;
}

const now = () => new Date().toISOString();

function toEvent(row: Selectable<ScaffolderTables['scaffolder_task_events']>): TaskEvent {
  return { id: Number(row.id), taskId: row.task_id, type: row.type, createdAt: row.created_at, body: JSON.parse(row.body) };
}

/**
 * Durable tasks and their event log. Claiming is atomic on both engines, so any number of
 * servers may poll one database and a task still runs once.
 */
export class TaskStore {
  private readonly db: Kysely<ScaffolderTables>;

  constructor(private readonly database: Database) {
    this.db = database.db as Kysely<ScaffolderTables>;
  }

  /** `sealedSecrets`: the secrets as TaskSecrets sealed them for this task id, or null. */
  async create(task: { id: string; spec: unknown; sealedSecrets: string | null; createdBy?: string; steps: StepState[] }) {
    await this.db
      .insertInto('scaffolder_tasks')
      .values({
        id: task.id,
        spec: JSON.stringify(task.spec),
        secrets: task.sealedSecrets,
        status: 'open',
        created_by: task.createdBy ?? null,
        created_at: now(),
        last_heartbeat_at: null,
        claimed_by: null,
        steps: JSON.stringify(task.steps),
        output: null,
        error: null,
        cancel_requested_at: null,
      })
      .execute();
  }

  async get(id: string): Promise<TaskRow | undefined> {
    return this.db.selectFrom('scaffolder_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(query: TaskListQuery): Promise<{ rows: TaskRow[]; total: number }> {
    let base = this.db.selectFrom('scaffolder_tasks');
    if (query.createdBy) base = base.where('created_by', '=', query.createdBy);
    if (query.status?.length) base = base.where('status', 'in', query.status);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.count) };
  }

  /** Takes the oldest open task for `workerId`, or answers undefined when there is none. */
  async claim(workerId: string): Promise<TaskRow | undefined> {
    const at = now();
    if (this.database.engine === 'postgres') {
      // SKIP LOCKED: a row another server is claiming right now is passed over, not waited for.
      return this.db.transaction().execute(async (trx) => {
        const next = await trx
          .selectFrom('scaffolder_tasks')
          .select('id')
          .where('status', '=', 'open')
          .orderBy('created_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!next) return undefined;
        return trx
          .updateTable('scaffolder_tasks')
          .set({ status: 'processing', claimed_by: workerId, last_heartbeat_at: at })
          .where('id', '=', next.id)
          .returningAll()
          .executeTakeFirst();
      });
    }
    // SQLite serialises writers; one UPDATE … RETURNING is atomic, and `status = 'open'` makes a lost race a no-op.
    return this.db
      .updateTable('scaffolder_tasks')
      .set({ status: 'processing', claimed_by: workerId, last_heartbeat_at: at })
      .where('status', '=', 'open')
      .where('id', '=', (eb) => eb.selectFrom('scaffolder_tasks').select('id').where('status', '=', 'open').orderBy('created_at').limit(1))
      .returningAll()
      .executeTakeFirst();
  }

  /** Records that the worker is alive; answers whether someone asked to cancel the task. */
  async heartbeat(id: string, workerId: string): Promise<{ cancelRequested: boolean }> {
    const row = await this.db
      .updateTable('scaffolder_tasks')
      .set({ last_heartbeat_at: now() })
      .where('id', '=', id)
      .where('claimed_by', '=', workerId)
      .where('status', '=', 'processing')
      .returning('cancel_requested_at')
      .executeTakeFirst();
    return { cancelRequested: !!row?.cancel_requested_at };
  }

  async saveSteps(id: string, steps: StepState[]): Promise<void> {
    await this.db
      .updateTable('scaffolder_tasks')
      .set({ steps: JSON.stringify(steps) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Ends a task still in `from` with its completion event, in one transaction, and forgets its secrets.
   * Answers the event, or undefined when the task had already ended (nothing is written then).
   */
  async finish(
    id: string,
    from: TaskStatus[],
    result: {
      status: 'completed' | 'failed' | 'cancelled';
      message: string;
      output?: unknown;
      error?: { name: string; message: string };
      steps?: StepState[];
    },
  ): Promise<TaskEvent | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('scaffolder_tasks')
        .set({
          status: result.status,
          secrets: null,
          output: result.output === undefined ? null : JSON.stringify(result.output),
          error: result.error ? JSON.stringify(result.error) : null,
          ...(result.steps ? { steps: JSON.stringify(result.steps) } : {}),
        })
        .where('id', '=', id)
        .where('status', 'in', from)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return undefined;
      const body: TaskEventBody = { message: result.message, status: result.status };
      if (result.output !== undefined) body.output = result.output;
      if (result.error) body.error = result.error;
      return this.insertEvent(trx, id, result.status === 'cancelled' ? 'cancelled' : 'completion', body);
    });
  }

  /**
   * Puts an ended (failed or cancelled) task back in the queue to run again from its first step:
   * fresh steps and secrets, no output, error or claim. Its ending event goes, so event streams
   * follow the new run; the earlier run's log stays. Answers false when the task was not in `from`.
   */
  async reopen(
    id: string,
    from: TaskStatus[],
    task: { sealedSecrets: string | null; steps: StepState[]; message: string },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('scaffolder_tasks')
        .set({
          status: 'open',
          secrets: task.sealedSecrets,
          steps: JSON.stringify(task.steps),
          output: null,
          error: null,
          claimed_by: null,
          last_heartbeat_at: null,
          cancel_requested_at: null,
        })
        .where('id', '=', id)
        .where('status', 'in', from)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return false;
      await trx.deleteFrom('scaffolder_task_events').where('task_id', '=', id).where('type', 'in', ['completion', 'cancelled']).execute();
      // `retried` marks where the new run's events begin, for pages that show only the current run.
      await this.insertEvent(trx, id, 'log', { message: task.message, status: 'retried' });
      return true;
    });
  }

  async requestCancel(id: string): Promise<void> {
    await this.db
      .updateTable('scaffolder_tasks')
      .set({ cancel_requested_at: now() })
      .where('id', '=', id)
      .where('cancel_requested_at', 'is', null)
      .execute();
  }

  /** Processing tasks whose worker is gone: a stale heartbeat, or claimed by an earlier run of this server. */
  async abandoned(options: { staleBefore: string; previousRunsOf: string; currentRun: string }): Promise<TaskRow[]> {
    return this.db
      .selectFrom('scaffolder_tasks')
      .selectAll()
      .where('status', '=', 'processing')
      .where((eb) =>
        eb.or([
          eb('last_heartbeat_at', '<', options.staleBefore),
          eb.and([eb('claimed_by', 'like', `${options.previousRunsOf}%`), eb('claimed_by', '!=', options.currentRun)]),
        ]),
      )
      .execute();
  }

  async appendEvent(taskId: string, type: TaskEventType, body: TaskEventBody): Promise<TaskEvent> {
    return this.insertEvent(this.db, taskId, type, body);
  }

  async events(taskId: string, after = 0): Promise<TaskEvent[]> {
    const rows = await this.db
      .selectFrom('scaffolder_task_events')
      .selectAll()
      .where('task_id', '=', taskId)
      .where('id', '>', after)
      .orderBy('id')
      .execute();
    return rows.map(toEvent);
  }

  private async insertEvent(db: Kysely<ScaffolderTables>, taskId: string, type: TaskEventType, body: TaskEventBody): Promise<TaskEvent> {
    const row = await db
      .insertInto('scaffolder_task_events')
      .values({ task_id: taskId, type, body: JSON.stringify(body), created_at: now() } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvent(row);
  }
}
