import { ANNOTATION_ORPHAN, stringifyEntityRef, type Entity } from '@greenroom/model';
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { deleteEntity } from '../../api/catalog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { DeniedTooltip } from '../../permissions/DeniedTooltip';
import { permissionReason, usePermission } from '../../permissions/usePermission';

/** What is wrong with the entity: the orphan state (with its remedy) and processing errors from its source. */
export function EntityBanners({ entity }: { entity: Entity }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const orphan = entity.metadata.annotations?.[ANNOTATION_ORPHAN] === 'true';
  const problems = (entity.status?.items ?? []).filter((item) => item.level === 'error' || item.level === 'warning');
  const mayDelete = usePermission('catalog.entity.delete', stringifyEntityRef(entity));
  const deleteDenied = permissionReason(mayDelete, 'Only its owners may delete this entity');
  const remove = useMutation({
    mutationFn: () => deleteEntity(entity.metadata.uid!),
    onSuccess: async () => {
      navigate('/catalog');
      // Stale, not refetched: the page of the deleted entity is still mounted for a moment.
      await client.invalidateQueries({ refetchType: 'none' });
    },
  });

  if (!orphan && problems.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {orphan && (
        <Alert
          severity="warning"
          action={
            <DeniedTooltip reason={deleteDenied}>
              <Button
                color="inherit"
                size="small"
                onClick={() => remove.mutate()}
                disabled={remove.isPending || !entity.metadata.uid || Boolean(deleteDenied)}
              >
                Delete entity
              </Button>
            </DeniedTooltip>
          }
        >
          <AlertTitle>This entity is an orphan</AlertTitle>
          It is no longer in the source it came from. It is kept so nothing disappears silently; delete it if it is gone for good.
        </Alert>
      )}
      {remove.error && <ErrorPanel title="The entity could not be deleted" error={remove.error} />}
      {problems.map((item, i) => (
        <Alert key={i} severity={item.level === 'error' ? 'error' : 'warning'}>
          <AlertTitle>{item.level === 'error' ? 'Processing error' : 'Processing warning'}</AlertTitle>
          {item.message}
        </Alert>
      ))}
    </Stack>
  );
}
