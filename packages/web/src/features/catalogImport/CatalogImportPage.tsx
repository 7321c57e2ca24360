import { stringifyEntityRef, type Entity } from '@greenroom/model';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { registerLocation, type RegisterResult } from '../../api/catalog';
import { entityPath } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageTitle } from '../../components/PageTitle';
import { DeniedTooltip } from '../../permissions/DeniedTooltip';
import { permissionReason, usePermission } from '../../permissions/usePermission';
import { catalogFileTarget, urlProblem } from './repositoryTarget';

/** The entity to land on after registering: the first component, else the first non-Location entity. */
function landingEntity(entities: Entity[]): Entity | undefined {
  const real = entities.filter((e) => e.kind !== 'Location');
  return real.find((e) => e.kind === 'Component') ?? real[0];
}

/** Register an existing component: paste a URL, review the dry run, confirm, land on the new entity. */
export default function CatalogImportPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [url, setUrl] = useState('');
  const [inputError, setInputError] = useState<string>();
  const mayRegister = usePermission('catalog.location.create');
  const deniedReason = permissionReason(mayRegister, 'You are not allowed to register locations; ask a Greenroom admin.');
  const analyze = useMutation({ mutationFn: (target: string) => registerLocation(target, { dryRun: true }) });
  const register = useMutation({
    mutationFn: (target: string) => registerLocation(target, { dryRun: false }),
    onSuccess: async () => {
      await client.invalidateQueries();
      const landing = analyze.data && landingEntity(analyze.data.entities);
      navigate(landing ? entityPath(landing) : '/catalog');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = urlProblem(url);
    setInputError(problem);
    register.reset();
    if (problem) analyze.reset();
    else analyze.mutate(catalogFileTarget(url));
  };

  return (
    <>
      <PageTitle title="Register an existing component" subtitle="Add the entities described in a catalog-info.yaml file to the catalog." />
      {mayRegister.denied && (
        <Alert severity="info" sx={{ mb: 2, maxWidth: 880 }}>
          {deniedReason} You can still analyze a file to see what it would add.
        </Alert>
      )}
      <Card sx={{ maxWidth: 880 }}>
        <CardContent>
          <Box component="form" onSubmit={submit} noValidate sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <TextField
              label="URL of a catalog-info.yaml or of a repository"
              placeholder="https://github.com/org/repo/blob/main/catalog-info.yaml"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={Boolean(inputError)}
              helperText={inputError ?? 'A repository URL reads catalog-info.yaml at the root of its default branch.'}
              sx={{ flex: '1 1 420px' }}
              autoFocus
            />
            <Button type="submit" variant="contained" size="large" disabled={analyze.isPending}>
              {analyze.isPending ? 'Analyzing…' : 'Analyze'}
            </Button>
          </Box>
          {analyze.error && <ErrorPanel title="The location could not be read" error={analyze.error} />}
          {analyze.data && (
            <DryRunReview
              result={analyze.data}
              registering={register.isPending}
              deniedReason={deniedReason}
              onRegister={() => register.mutate(analyze.data.location.target)}
              onCancel={() => analyze.reset()}
            />
          )}
          {register.error && <ErrorPanel title="The location could not be registered" error={register.error} />}
        </CardContent>
      </Card>
    </>
  );
}

function DryRunReview({
  result,
  registering,
  deniedReason,
  onRegister,
  onCancel,
}: {
  result: RegisterResult;
  registering: boolean;
  /** Why Register is off, when the user may not register. */
  deniedReason?: string;
  onRegister(): void;
  onCancel(): void;
}) {
  const entities = result.entities.filter((e) => e.kind !== 'Location');
  const errors = result.errors ?? [];
  return (
    <Box component="section" aria-labelledby="dry-run-title" sx={{ mt: 3 }}>
      <Typography id="dry-run-title" variant="h6" component="h2">
        Review
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
        Location: <code>{result.location.target}</code>
      </Typography>
      {result.exists && (
        <Alert severity="info" sx={{ mt: 2 }}>
          This location is already registered; registering again refreshes it.
        </Alert>
      )}
      {errors.length > 0 && (
        <Alert severity="error" sx={{ mt: 2 }}>
          <AlertTitle>
            {errors.length === 1 ? 'One problem' : `${errors.length} problems`}
            {entities.length ? '; the entities without problems will still be added' : ''}
          </AlertTitle>
          <List dense disablePadding aria-label="Problems">
            {errors.map((problem, i) => (
              <ListItem key={i} disableGutters>
                {problem.file}
                {problem.line ? `:${problem.line}` : ''}: {problem.field ? `${problem.field}: ` : ''}
                {problem.message}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      {entities.length === 0 ? (
        <Alert severity="warning" sx={{ mt: 2 }}>
          No entities were found at this location, so there is nothing to register.
        </Alert>
      ) : (
        <>
          <Typography sx={{ mt: 2 }}>
            {entities.length === 1 ? 'This entity will be added:' : `These ${entities.length} entities will be added:`}
          </Typography>
          <List dense aria-label="Entities to add">
            {entities.map((entity) => (
              <ListItem key={stringifyEntityRef(entity)}>
                <ListItemText primary={stringifyEntityRef(entity)} secondary={entity.metadata.title ?? entity.metadata.description} />
              </ListItem>
            ))}
          </List>
        </>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <DeniedTooltip reason={deniedReason}>
          <Button variant="contained" onClick={onRegister} disabled={registering || entities.length === 0 || Boolean(deniedReason)}>
            {registering ? 'Registering…' : 'Register'}
          </Button>
        </DeniedTooltip>
        <Button onClick={onCancel}>Start over</Button>
      </Stack>
    </Box>
  );
}
