import { extensionPoint } from '../../core/plugin';

/** A JSON Schema (draft 7) object; kept loose so actions can write plain literals. */
export type JsonSchema = Record<string, unknown>;

export interface ActionLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ActionContext<Input = Record<string, unknown>> {
  taskId: string;
  /** Input after `${{ }}` rendering and JSON-Schema validation against schema.input. */
  input: Input;
  /** Absolute path of this task's workspace. */
  workspacePath: string;
  /** Resolves a path inside the workspace; throws InputError naming the path on `..`/absolute escape (also after symlinks). */
  resolveInWorkspace(relativePath: string): string;
  /** Lines shown in the step's live log. */
  logger: ActionLogger;
  output(name: string, value: unknown): void;
  /** A temp dir removed with the task. */
  createTemporaryDirectory(): Promise<string>;
  /** Where the template came from: its entity ref and the URL/dir of its template.yaml (base for relative `url:` in fetch:*). */
  templateInfo: { entityRef?: string; baseUrl?: string };
  /** The user who started the task (entity + ref), when known. */
  user: { ref?: string; entity?: Record<string, unknown> };
  secrets: Record<string, string>;
  isDryRun: boolean;
  /** Aborted when the task is cancelled. */
  signal: AbortSignal;
}

export interface TemplateAction<Input = any> {
  id: string;
  description?: string;
  schema: { input: JsonSchema; output?: JsonSchema };
  /** Runs in dry-run; otherwise dry-run skips the step and logs that it would run. */
  supportsDryRun?: boolean;
  examples?: Array<{ description: string; example: string }>;
  handler(ctx: ActionContext<Input>): Promise<void>;
}

/** Plugins add actions here: `ctx.contribute(scaffolderActions, myAction)`. */
export const scaffolderActions = extensionPoint<TemplateAction>('scaffolder.actions');
