import { stringifyEntityRef, type Entity } from '@greenroom/model';
import { Autocomplete, Button, Stack, TextField } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { stringify } from 'yaml';
import { getEntityByName } from '../../../api/catalog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { findEntities } from '../api';

/** The entity as its author wrote it: what the catalog adds (relations, status, ids) is left out. */
function authoredYaml(entity: Entity): string {
  const { uid: _uid, etag: _etag, generation: _generation, ...metadata } = entity.metadata as Entity['metadata'] & Record<string, unknown>;
  return stringify({ apiVersion: entity.apiVersion, kind: entity.kind, metadata, spec: entity.spec });
}

/** Picks a registered template and hands its YAML to the editor. */
export function LoadTemplate({ onLoad }: { onLoad(yaml: string, ref: string): void }) {
  const [choice, setChoice] = useState<Entity | null>(null);
  const templates = useQuery({ queryKey: ['scaffolder-editor-templates'], queryFn: () => findEntities([{ kind: 'template' }], '', 200) });
  const load = useMutation({
    mutationFn: (entity: Entity) =>
      getEntityByName({ kind: 'template', namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name }),
    onSuccess: (entity) => onLoad(authoredYaml(entity), stringifyEntityRef(entity)),
  });
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Autocomplete<Entity>
          sx={{ minWidth: 320 }}
          size="small"
          options={templates.data ?? []}
          loading={templates.isLoading}
          value={choice}
          onChange={(_event, entity) => setChoice(entity)}
          getOptionLabel={(entity) => entity.metadata.title ?? entity.metadata.name}
          isOptionEqualToValue={(a, b) => stringifyEntityRef(a) === stringifyEntityRef(b)}
          renderInput={(params) => <TextField {...params} label="Template from the catalog" />}
        />
        <Button variant="outlined" disabled={!choice || load.isPending} onClick={() => choice && load.mutate(choice)}>
          Load
        </Button>
      </Stack>
      {load.error && <ErrorPanel title="The template could not be loaded" error={load.error} />}
    </Stack>
  );
}
