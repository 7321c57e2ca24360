import path from 'node:path';
import type { Config } from '../../../core/config';
import type { Logger } from '../../../core/logger';
import type { UrlReader } from '../../../core/reader';
import type { CatalogApi } from '../../catalog/extensions';
import { dryRunDirName } from '../dryRun';
import type { TemplateAction } from '../extensions';
import { createCatalogFetchAction } from './catalog/fetch';
import { createCatalogRegisterAction } from './catalog/register';
import { createCatalogWriteAction } from './catalog/write';
import { createDebugLogAction } from './debug/log';
import { createDebugWaitAction } from './debug/wait';
import { createFetchPlainAction } from './fetch/plain';
import { createFetchPlainFileAction } from './fetch/plainFile';
import { createFetchTemplateAction } from './fetch/template';
import { createFsDeleteAction } from './fs/delete';
import { createFsRenameAction } from './fs/rename';
import { createPublishGitAction } from './publish/git';
import { createPublishGithubAction } from './publish/github';
import { createPublishGitlabAction } from './publish/gitlab';

/** What built-in actions are built from; each factory takes only what it needs. */
export interface BuiltinActionServices {
  config: Config;
  reader: UrlReader;
  logger: Logger;
  /** The catalog's in-process API, looked up when an action runs (plugins register in any order). */
  catalog(): CatalogApi;
  /** Where task workspaces live; dry-run template files are written below it. */
  workspaceDir: string;
}

/** Every action shipped with Greenroom. Other plugins add theirs through the `scaffolderActions` extension point. */
export function createBuiltinActions(services: BuiltinActionServices): TemplateAction[] {
  const files = { reader: services.reader, dryRunRoot: path.join(services.workspaceDir, dryRunDirName) };
  return [
    createFetchPlainAction(files),
    createFetchPlainFileAction(files),
    createFetchTemplateAction(files),
    createFsRenameAction(),
    createFsDeleteAction(),
    createDebugLogAction(),
    createDebugWaitAction(),
    createCatalogRegisterAction(services.catalog),
    createCatalogWriteAction(),
    createCatalogFetchAction(services.catalog),
    createPublishGitAction(services),
    createPublishGithubAction(services),
    createPublishGitlabAction(services),
  ];
}
