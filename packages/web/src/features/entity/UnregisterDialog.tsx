import { ANNOTATION_MANAGED_BY_ORIGIN_LOCATION, stringifyEntityRef, type Entity } from '@greenroom/model';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { deleteEntity, deleteLocation, getLocationByEntity, queryEntities } from '../../api/catalog';
import { entityName } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';

/**
 * Unregistering removes the location the entity came from and every entity it brought.
 * Deleting just the entity is offered too: it comes back if its source still declares it.
 */
export function UnregisterDialog({ entity, onClose }: { entity: Entity; onClose(): void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const location = useQuery({
    queryKey: ['location-of', stringifyEntityRef(entity)],
    queryFn: () => getLocationByEntity(entityName(entity)),
  });
  const originRef = entity.metadata.annotations?.[ANNOTATION_MANAGED_BY_ORIGIN_LOCATION];
  const siblings = useQuery({
    queryKey: ['entities-of-location', originRef],
    enabled: Boolean(originRef),
    queryFn: () =>
      queryEntities({
        filter: { [`metadata.annotations.${ANNOTATION_MANAGED_BY_ORIGIN_LOCATION}`]: originRef! },
        limit: 50,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      }),
  });
  const done = async () => {
    onClose();
    navigate('/catalog');
    // Mark everything stale without refetching now: this entity's page is still mounted and would ask for what is gone.
    await client.invalidateQueries({ refetchType: 'none' });
  };
  const unregister = useMutation({ mutationFn: () => deleteLocation(location.data!.id), onSuccess: done });
  const removeEntity = useMutation({ mutationFn: () => deleteEntity(entity.metadata.uid!), onSuccess: done });
  const busy = unregister.isPending || removeEntity.isPending;

  return (
    <Dialog open onClose={onClose} aria-labelledby="unregister-title" maxWidth="sm" fullWidth>
      <DialogTitle id="unregister-title">Unregister {entity.metadata.title ?? entity.metadata.name}?</DialogTitle>
      <DialogContent>
        {location.isLoading && <Loading label="Finding the entity's location" />}
        {location.error && <ErrorPanel title="The entity's location could not be found" error={location.error} />}
        {location.data && (
          <>
            <DialogContentText>
              This removes the location <Typography component="code">{location.data.target}</Typography> and every entity it added:
            </DialogContentText>
            <List dense aria-label="Entities that will be removed">
              {siblings.data?.items.map((e) => (
                <ListItem key={stringifyEntityRef(e)}>{stringifyEntityRef(e)}</ListItem>
              ))}
              {siblings.data && siblings.data.totalItems > siblings.data.items.length && (
                <ListItem>…and {siblings.data.totalItems - siblings.data.items.length} more</ListItem>
              )}
            </List>
          </>
        )}
        {unregister.error && <ErrorPanel title="The location could not be unregistered" error={unregister.error} />}
        {removeEntity.error && <ErrorPanel title="The entity could not be deleted" error={removeEntity.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="warning" disabled={busy || !entity.metadata.uid} onClick={() => removeEntity.mutate()}>
          Delete only this entity
        </Button>
        <Button variant="contained" color="error" disabled={busy || !location.data} onClick={() => unregister.mutate()}>
          Unregister location
        </Button>
      </DialogActions>
    </Dialog>
  );
}
