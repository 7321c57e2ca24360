import { apiKind } from './api';
import { componentKind } from './component';
import { domainKind } from './domain';
import { groupKind } from './group';
import { locationKind } from './location';
import { resourceKind } from './resource';
import { systemKind } from './system';
import { templateKind, templateV1beta2Kind } from './template';
import type { KindSchema } from './types';
import { userKind } from './user';

export type { KindSchema } from './types';

export const BUILTIN_KINDS: readonly KindSchema[] = [
  componentKind,
  apiKind,
  resourceKind,
  systemKind,
  domainKind,
  groupKind,
  userKind,
  locationKind,
  templateKind,
  templateV1beta2Kind,
];
