import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_MANAGED_BY_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  type Entity,
  type EntityLink,
} from '@greenroom/model';
import { Box, Chip, Divider, List, ListItem, ListItemIcon, ListItemText, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { EntityContentProps } from '../../app/extensions';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ExternalLink } from '../../components/ExternalLink';
import { InfoCard } from '../../components/InfoCard';
import { LinkIcon } from './LinkIcon';
import { relatedRefs } from './relations';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/** `url:https://…` → the URL; other location types (file:, bootstrap:) are not browsable. */
function urlOfLocation(location: string | undefined): string | undefined {
  return location?.startsWith('url:') ? location.slice('url:'.length) : undefined;
}

/** The spec facts that tell this kind of entity apart, beyond what the header already shows. */
function kindFacts(entity: Entity): Array<[string, ReactNode]> {
  const spec = entity.spec ?? {};
  const facts: Array<[string, ReactNode]> = [];
  const add = (label: string, value: ReactNode) => {
    if (value !== undefined && value !== null) facts.push([label, value]);
  };
  const kind = entity.kind.toLowerCase();
  const refs = (type: string, defaultKind: string) =>
    relatedRefs(entity, type).map((ref) => <EntityRefLink key={ref} entityRef={ref} defaultKind={defaultKind} />);
  const joined = (links: ReactNode[]) =>
    links.length ? (
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {links}
      </Stack>
    ) : undefined;

  if (kind === 'api') add('API type', text(spec.type));
  else if (kind === 'resource') add('Resource type', text(spec.type));
  else if (kind === 'template') add('Template type', text(spec.type));
  else add('Type', text(spec.type));
  add('Lifecycle', text(spec.lifecycle));
  add('Owner', joined(refs('ownedBy', 'group')));
  if (kind === 'system') add('Domain', joined(refs('partOf', 'domain')));
  else if (kind === 'domain') add('Parent domain', joined(refs('partOf', 'domain')));
  else if (kind === 'component') {
    const parts = relatedRefs(entity, 'partOf');
    add(
      'System',
      joined(parts.filter((r) => r.startsWith('system:')).map((r) => <EntityRefLink key={r} entityRef={r} defaultKind="system" />)),
    );
    add('Subcomponent of', joined(parts.filter((r) => r.startsWith('component:')).map((r) => <EntityRefLink key={r} entityRef={r} />)));
  } else add('System', joined(refs('partOf', 'system')));
  if (kind === 'template') {
    const steps = Array.isArray(spec.steps) ? spec.steps.length : undefined;
    if (steps !== undefined) add('Steps', String(steps));
  }
  if (kind === 'location') {
    const targets = [text(spec.target), ...(Array.isArray(spec.targets) ? spec.targets.map(text) : [])].filter(Boolean) as string[];
    if (targets.length) add(targets.length === 1 ? 'Target' : 'Targets', targets.join('\n'));
  }
  return facts;
}

/** The entity in words: what it is, where it lives, where to read more. All catalog text shown as text. */
export default function AboutCard({ entity }: EntityContentProps) {
  const annotations = entity.metadata.annotations ?? {};
  const description = text(entity.metadata.description);
  const links = (entity.metadata.links ?? []).filter((link): link is EntityLink => typeof link?.url === 'string');
  const viewUrl = text(annotations[ANNOTATION_VIEW_URL]) ?? urlOfLocation(text(annotations[ANNOTATION_SOURCE_LOCATION]));
  const editUrl = text(annotations[ANNOTATION_EDIT_URL]);
  const managedBy = text(annotations[ANNOTATION_MANAGED_BY_LOCATION]);
  const labels = Object.entries(entity.metadata.labels ?? {});
  const facts = kindFacts(entity);

  return (
    <InfoCard title="About">
      <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', color: description ? 'text.primary' : 'text.secondary' }}>
        {description ?? 'No description.'}
      </Typography>

      {(viewUrl || editUrl) && (
        <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
          {viewUrl && <ExternalLink href={viewUrl}>View source</ExternalLink>}
          {editUrl && <ExternalLink href={editUrl}>Edit</ExternalLink>}
        </Stack>
      )}

      {facts.length > 0 && (
        <Box
          component="dl"
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' },
            columnGap: 3,
            rowGap: 1.5,
            mt: 2,
            mb: 0,
          }}
        >
          {facts.map(([label, value]) => (
            <Box key={label} sx={{ minWidth: 0 }}>
              <Typography component="dt" variant="caption" color="text.secondary">
                {label}
              </Typography>
              <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {value}
              </Typography>
            </Box>
          ))}
        </Box>
      )}

      {links.length > 0 && (
        <>
          <Divider sx={{ my: 2 }} />
          <Typography component="h3" variant="subtitle2">
            Links
          </Typography>
          <List dense disablePadding aria-label="Links">
            {links.map((link, i) => (
              <ListItem key={i} disableGutters>
                <ListItemIcon sx={{ minWidth: 32 }}>
                  <LinkIcon name={link.icon} />
                </ListItemIcon>
                <ListItemText
                  primary={<ExternalLink href={link.url}>{text(link.title) ?? link.url}</ExternalLink>}
                  slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } } }}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}

      {labels.length > 0 && (
        <>
          <Divider sx={{ my: 2 }} />
          <Typography component="h3" variant="subtitle2" sx={{ mb: 1 }}>
            Labels
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="Labels">
            {labels.map(([key, value]) => (
              <Chip key={key} size="small" variant="outlined" label={`${key}: ${String(value)}`} />
            ))}
          </Stack>
        </>
      )}

      {managedBy && (
        <>
          <Divider sx={{ my: 2 }} />
          <Typography variant="caption" color="text.secondary" component="p">
            Read from
          </Typography>
          <Typography variant="body2" sx={{ fontFamily: 'ui-monospace, monospace', overflowWrap: 'anywhere' }}>
            {urlOfLocation(managedBy) ? <ExternalLink href={urlOfLocation(managedBy)}>{managedBy}</ExternalLink> : managedBy}
          </Typography>
        </>
      )}
    </InfoCard>
  );
}
