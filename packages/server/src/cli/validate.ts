import { formatProblem } from '@greenroom/model';
import type { Config } from '../core/config';
import { validateFiles } from '../plugins/catalog/validateFiles';

/** Prints `file:line: message` per problem; exit code 1 on any, so it works as a CI lint step. */
export async function runValidate(patterns: string[], config: Config): Promise<number> {
  if (patterns.length === 0) {
    console.error('greenroom validate: name at least one file or glob, e.g. greenroom validate "**/catalog-info.yaml"');
    return 2;
  }
  const result = await validateFiles(patterns, config);
  for (const problem of result.problems) console.log(formatProblem(problem));
  const summary = `${result.files} file(s), ${result.entities} valid entit${result.entities === 1 ? 'y' : 'ies'}, ${result.problems.length} problem(s)`;
  (result.problems.length ? console.error : console.log)(summary);
  return result.problems.length ? 1 : 0;
}
