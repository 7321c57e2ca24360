/** The scaffolder's tables. JSON columns hold text on both engines. */
export interface ScaffolderTables {
  scaffolder_tasks: {
    id: string;
    /** The task spec (template, parameters, steps, output, user) as JSON. */
    spec: string;
    /** Secrets, encrypted (TaskSecrets), for the worker only: never returned by the API, cleared when the task ends. */
    secrets: string | null;
    status: TaskStatus;
    created_by: string | null;
    created_at: string;
    last_heartbeat_at: string | null;
    /** Id of the server process running the task. */
    claimed_by: string | null;
    /** Step states `[{ id, name, action, status, startedAt?, endedAt? }]` as JSON. */
    steps: string;
    /** The rendered template output, when completed. */
    output: string | null;
    error: string | null;
    /** Set by a cancel request; the worker that holds the task notices it and aborts. */
    cancel_requested_at: string | null;
  };
  scaffolder_task_events: {
    id: number;
    task_id: string;
    type: TaskEventType;
    /** JSON `{ message, stepId?, status?, output?, error? }`. */
    body: string;
    created_at: string;
  };
}

export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';
export type TaskEventType = 'log' | 'completion' | 'cancelled';
