import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors';

function within(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The nearest existing ancestor's real path, plus the rest as written (a target may not exist yet). */
function realish(target: string): string {
  let current = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Resolves a path a template or action names inside `workspace`. Absolute paths and `..` that
 * climb out are refused, and so are symlinks inside the workspace that point outside it.
 */
export function resolveInWorkspace(workspace: string, relativePath: string): string {
  if (typeof relativePath !== 'string') throw new InputError(`Path ${JSON.stringify(relativePath)} must be a string`);
  if (path.isAbsolute(relativePath) || /^[a-zA-Z]:[\\/]/.test(relativePath)) {
    throw new InputError(`Path "${relativePath}" is absolute; paths must stay inside the task workspace`);
  }
  const resolved = path.resolve(workspace, relativePath);
  if (!within(workspace, resolved)) throw new InputError(`Path "${relativePath}" leads outside the task workspace`);
  if (!within(realish(workspace), realish(resolved))) {
    throw new InputError(`Path "${relativePath}" leads outside the task workspace through a symbolic link`);
  }
  return resolved;
}
