import type { Entity } from '@greenroom/model';
import { Box, Chip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ExternalLink } from '../../components/ExternalLink';
import { entityTitle, specRefAt, stringsAt, textAt } from './entityValues';

export interface CatalogColumn {
  id: string;
  label: string;
  /** The entity fields the column shows, requested from by-query as `fields`. */
  fields: string[];
  /** by-query `orderField`; absent when the column does not sort. */
  sortField?: string;
  /** Narrowest the column's content may get before the table scrolls sideways instead. */
  minWidth?: number;
  /** Short values (refs, types) read better on one line than broken at their hyphens. */
  nowrap?: boolean;
  render: (entity: Entity) => ReactNode;
}

/** Fields every row needs whatever its columns: its ref and its title (for the star's label). */
const ROW_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'];

const plain = (path: string) => (entity: Entity) => textAt(entity, path);

/** A ref from the spec as a link; a value that is not a valid ref is shown as written. */
const specRef = (path: string, defaultKind: string) => (entity: Entity) => {
  const ref = specRefAt(entity, path, defaultKind);
  return ref ? <EntityRefLink entityRef={ref} defaultKind={defaultKind} /> : textAt(entity, path);
};

const COLUMNS = {
  name: {
    id: 'name',
    label: 'Name',
    fields: [],
    sortField: 'metadata.name',
    minWidth: 140,
    // The ref as written, so the link keeps the name's case as Backstage's links do.
    render: (entity) => (
      <EntityRefLink
        entityRef={`${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`}
        title={entityTitle(entity)}
      />
    ),
  },
  system: {
    id: 'system',
    label: 'System',
    fields: ['spec.system'],
    sortField: 'spec.system',
    nowrap: true,
    render: specRef('spec.system', 'system'),
  },
  domain: {
    id: 'domain',
    label: 'Domain',
    fields: ['spec.domain'],
    sortField: 'spec.domain',
    nowrap: true,
    render: specRef('spec.domain', 'domain'),
  },
  owner: {
    id: 'owner',
    label: 'Owner',
    fields: ['spec.owner'],
    sortField: 'spec.owner',
    nowrap: true,
    render: specRef('spec.owner', 'group'),
  },
  parent: {
    id: 'parent',
    label: 'Parent',
    fields: ['spec.parent'],
    sortField: 'spec.parent',
    nowrap: true,
    render: specRef('spec.parent', 'group'),
  },
  type: { id: 'type', label: 'Type', fields: ['spec.type'], sortField: 'spec.type', nowrap: true, render: plain('spec.type') },
  lifecycle: {
    id: 'lifecycle',
    label: 'Lifecycle',
    fields: ['spec.lifecycle'],
    sortField: 'spec.lifecycle',
    render: plain('spec.lifecycle'),
  },
  description: {
    id: 'description',
    label: 'Description',
    fields: ['metadata.description'],
    minWidth: 200,
    render: (entity) => <Description text={textAt(entity, 'metadata.description')} />,
  },
  tags: {
    id: 'tags',
    label: 'Tags',
    fields: ['metadata.tags'],
    minWidth: 150,
    render: (entity) => <Tags tags={stringsAt(entity, 'metadata.tags')} />,
  },
  displayName: {
    id: 'displayName',
    label: 'Display name',
    fields: ['spec.profile.displayName'],
    sortField: 'spec.profile.displayName',
    render: plain('spec.profile.displayName'),
  },
  email: {
    id: 'email',
    label: 'Email',
    fields: ['spec.profile.email'],
    sortField: 'spec.profile.email',
    render: (entity) => {
      const email = textAt(entity, 'spec.profile.email');
      return email && <ExternalLink href={`mailto:${email}`}>{email}</ExternalLink>;
    },
  },
  target: {
    id: 'target',
    label: 'Target',
    fields: ['spec.target', 'spec.targets'],
    sortField: 'spec.target',
    minWidth: 220,
    // Targets are often relative paths, so they are shown, not linked.
    render: (entity) => <Targets targets={[textAt(entity, 'spec.target'), ...stringsAt(entity, 'spec.targets')]} />,
  },
} satisfies Record<string, CatalogColumn>;

type ColumnId = keyof typeof COLUMNS;

const COLUMNS_BY_KIND: Record<string, ColumnId[]> = {
  component: ['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags'],
  api: ['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags'],
  resource: ['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags'],
  system: ['name', 'domain', 'owner', 'description', 'tags'],
  domain: ['name', 'owner', 'description', 'tags'],
  group: ['name', 'type', 'parent', 'description'],
  user: ['name', 'displayName', 'email'],
  template: ['name', 'type', 'owner', 'description', 'tags'],
  location: ['name', 'type', 'target'],
};
const OTHER_KINDS: ColumnId[] = ['name', 'owner', 'type', 'description', 'tags'];

/** The kind's columns, in display order. */
export function columnsForKind(kind: string): CatalogColumn[] {
  return (COLUMNS_BY_KIND[kind.toLowerCase()] ?? OTHER_KINDS).map((id) => COLUMNS[id]);
}

/** The `fields` a page of rows needs: only what the columns show, to keep pages small at any catalog size. */
export function fieldsForColumns(columns: CatalogColumn[]): string[] {
  return [...new Set([...ROW_FIELDS, ...columns.flatMap((column) => column.fields)])];
}

function Description({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <Typography
      variant="body2"
      title={text}
      sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', maxWidth: 420 }}
    >
      {text}
    </Typography>
  );
}

const TAGS_SHOWN = 3;

function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  const hidden = tags.length - TAGS_SHOWN;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {tags.slice(0, TAGS_SHOWN).map((tag) => (
        <Chip key={tag} label={tag} size="small" variant="outlined" />
      ))}
      {hidden > 0 && <Chip label={`+${hidden}`} size="small" title={tags.slice(TAGS_SHOWN).join(', ')} />}
    </Box>
  );
}

function Targets({ targets }: { targets: Array<string | undefined> }) {
  const present = targets.filter((target): target is string => Boolean(target));
  if (present.length === 0) return null;
  return (
    <Typography variant="body2" sx={{ wordBreak: 'break-all' }} title={present.join('\n')}>
      {present[0]}
      {present.length > 1 && ` and ${present.length - 1} more`}
    </Typography>
  );
}
