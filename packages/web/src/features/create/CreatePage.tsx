import { stringifyEntityRef, type Entity } from '@greenroom/model';
import { Button, Card, CardActions, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import type { EntityFilter } from '../../api/catalog';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { entityPath } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FacetSelect, OwnerSelect } from '../../components/FacetSelect';
import { useQueryParam } from '../../components/useQueryParam';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useEntityList } from '../../components/useEntityList';
import { DeniedTooltip } from '../../permissions/DeniedTooltip';
import { permissionReason, usePermission } from '../../permissions/usePermission';
import { StarButton } from '../../stars/StarButton';
import { CreateTabs } from './CreateTabs';

const templates: EntityFilter = { kind: 'template' };

/** The golden paths: every template, filterable by tag, owner and type, the user's starred ones first. */
export default function CreatePage() {
  const [tag, setTag] = useQueryParam('tag');
  const [owner, setOwner] = useQueryParam('owner');
  const [type, setType] = useQueryParam('type');
  const filter: EntityFilter = {
    ...templates,
    ...(tag && { 'metadata.tags': tag }),
    ...(owner && { 'relations.ownedBy': owner }),
    ...(type && { 'spec.type': type }),
  };
  const list = useEntityList(filter, ['metadata.tags', 'relations.ownedBy', 'spec.type'], templates);
  const all = [...list.starred, ...list.others];

  return (
    <>
      <CreateTabs />
      <PageTitle title="Create something new" subtitle="Start from a template your organisation approved." />
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 3, flexWrap: 'wrap' }}>
        <FacetSelect label="Tag" value={tag} options={list.facets['metadata.tags'] ?? []} onChange={setTag} />
        <OwnerSelect value={owner} facets={list.facets} onChange={setOwner} />
        <FacetSelect label="Type" value={type} options={list.facets['spec.type'] ?? []} onChange={setType} />
      </Stack>
      {list.error && <ErrorPanel title="The templates could not be loaded" error={list.error} />}
      {list.isLoading ? (
        <Loading label="Loading templates" />
      ) : all.length === 0 ? (
        <EmptyState title={tag || owner || type ? 'No template matches these filters' : 'There are no templates yet'}>
          Templates are catalog entities of kind Template; register a file that declares one.
        </EmptyState>
      ) : (
        <Grid container spacing={2}>
          {all.map((template) => (
            <Grid key={stringifyEntityRef(template)} size={{ xs: 12, sm: 6, lg: 4 }}>
              <TemplateCard template={template} starred={list.starred.includes(template)} />
            </Grid>
          ))}
        </Grid>
      )}
      {list.hasMore && (
        <Button onClick={list.loadMore} disabled={list.loadingMore} sx={{ mt: 2 }}>
          {list.loadingMore ? 'Loading…' : `Show more (${list.total} in all)`}
        </Button>
      )}
    </>
  );
}

function TemplateCard({ template, starred }: { template: Entity; starred: boolean }) {
  const ref = stringifyEntityRef(template);
  const title = template.metadata.title ?? template.metadata.name;
  const owner = template.relations?.find((r) => r.type === 'ownedBy')?.targetRef;
  const type = (template.spec as { type?: unknown } | undefined)?.type;
  const namespace = template.metadata.namespace ?? 'default';
  const wizardPath = `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(template.metadata.name)}`;
  // The server decides who may run a template (e.g. only its owning team); the card says so before the wizard.
  const mayRun = usePermission('scaffolder.task.create', ref);
  const runDenied = mayRun.denied ? permissionReason(mayRun, 'Only the team that owns this template may run it') : undefined;
  return (
    <Card component="article" aria-label={title} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {title}
          </Typography>
          <StarButton entityRef={ref} title={title} size="small" />
        </Stack>
        {starred && (
          <Typography variant="caption" color="text.secondary">
            Starred
          </Typography>
        )}
        <Typography variant="body2" sx={{ my: 1 }}>
          {template.metadata.description}
        </Typography>
        {owner && (
          <Typography variant="body2" color="text.secondary">
            Owner: <EntityRefLink entityRef={owner} defaultKind="group" />
          </Typography>
        )}
        {typeof type === 'string' && (
          <Typography variant="body2" color="text.secondary">
            Type: {type}
          </Typography>
        )}
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ mt: 1, flexWrap: 'wrap' }}>
          {(template.metadata.tags ?? []).map((tag) => (
            <Chip key={tag} label={tag} size="small" />
          ))}
        </Stack>
      </CardContent>
      <CardActions>
        <DeniedTooltip reason={runDenied}>
          <Button variant="contained" component={RouterLink} to={wizardPath} aria-label={`Choose ${title}`} disabled={Boolean(runDenied)}>
            Choose
          </Button>
        </DeniedTooltip>
        <Button component={RouterLink} to={entityPath(template)}>
          View template
        </Button>
      </CardActions>
    </Card>
  );
}
