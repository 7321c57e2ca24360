import { stringifyEntityRef, type Entity } from '@greenroom/model';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import { Box, Chip, IconButton, ListItemText, Menu, MenuItem, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { refreshEntity } from '../../api/catalog';
import { PageTitle } from '../../components/PageTitle';
import { EntityRefLink } from '../../components/EntityRefLink';
import { permissionReason, usePermission } from '../../permissions/usePermission';
import { StarButton } from '../../stars/StarButton';
import { displayName } from './api';
import { relatedRefs } from './relations';
import { UnregisterDialog } from './UnregisterDialog';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Title, star, the facts people look for first (kind, type, lifecycle, owner, system, tags) and entity actions. */
export function EntityHeader({ entity }: { entity: Entity }) {
  const ref = stringifyEntityRef(entity);
  // People and teams are known by their profile's display name.
  const title = displayName(entity);
  const spec = entity.spec ?? {};
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [unregistering, setUnregistering] = useState(false);
  const refresh = useMutation({ mutationFn: () => refreshEntity(ref) });
  const mayRefresh = usePermission('catalog.entity.refresh', ref);
  const mayDelete = usePermission('catalog.entity.delete', ref);

  const facts: Array<[string, React.ReactNode]> = [];
  facts.push(['Kind', entity.kind]);
  if (text(spec.type)) facts.push(['Type', text(spec.type)]);
  if (text(spec.lifecycle)) facts.push(['Lifecycle', text(spec.lifecycle)]);
  const owner = relatedRefs(entity, 'ownedBy')[0];
  const system = relatedRefs(entity, 'partOf').find((r) => r.startsWith('system:'));
  if (owner) facts.push(['Owner', <EntityRefLink entityRef={owner} defaultKind="group" />]);
  if (system) facts.push(['System', <EntityRefLink entityRef={system} defaultKind="system" />]);

  return (
    <Box component="header" sx={{ mb: 2 }}>
      <PageTitle
        title={title}
        subtitle={title !== entity.metadata.name ? ref : undefined}
        actions={
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <StarButton entityRef={ref} title={title} />
            <IconButton aria-label="Entity actions" aria-haspopup="menu" onClick={(e) => setMenuAnchor(e.currentTarget)}>
              <MoreVertIcon />
            </IconButton>
            <Menu anchorEl={menuAnchor} open={Boolean(menuAnchor)} onClose={() => setMenuAnchor(null)}>
              <MenuItem
                disabled={!mayRefresh.allowed}
                onClick={() => {
                  setMenuAnchor(null);
                  refresh.mutate();
                }}
              >
                <ListItemText
                  primary="Refresh from source"
                  secondary={permissionReason(mayRefresh, 'Only its owners may refresh this entity')}
                />
              </MenuItem>
              <MenuItem
                disabled={!mayDelete.allowed}
                onClick={() => {
                  setMenuAnchor(null);
                  setUnregistering(true);
                }}
              >
                <ListItemText
                  primary="Unregister entity"
                  secondary={permissionReason(mayDelete, 'Only its owners may unregister this entity')}
                />
              </MenuItem>
            </Menu>
          </Stack>
        }
      />
      <Stack direction="row" spacing={3} useFlexGap component="dl" sx={{ m: 0, flexWrap: 'wrap' }}>
        {facts.map(([label, value]) => (
          <Box key={label}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" sx={{ m: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Stack>
      {(entity.metadata.tags?.length ?? 0) > 0 && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1.5, flexWrap: 'wrap' }} aria-label="Tags">
          {entity.metadata.tags!.map((tag) => (
            <Chip key={tag} label={tag} size="small" />
          ))}
        </Stack>
      )}
      {refresh.error && (
        <Typography role="alert" variant="body2" color="error" sx={{ mt: 1 }}>
          The refresh was refused: {refresh.error.message}
        </Typography>
      )}
      {refresh.isSuccess && (
        <Typography role="status" variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Refresh scheduled; changes appear once the source has been read again.
        </Typography>
      )}
      {unregistering && <UnregisterDialog entity={entity} onClose={() => setUnregistering(false)} />}
    </Box>
  );
}
