import type { Config } from '../../../core/config';
import type { Logger } from '../../../core/logger';
import type { UrlReader } from '../../../core/reader';
import type { CatalogApi } from '../../catalog/extensions';
import type { TemplateAction } from '../extensions';
import { createDebugLogAction } from './debug/log';

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
  void services;
  return [
    createDebugLogAction(),
  ];
}
