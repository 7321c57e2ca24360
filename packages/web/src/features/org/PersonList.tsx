import type { Entity } from '@greenroom/model';
import { Avatar, List, ListItem, ListItemAvatar, ListItemText, Typography } from '@mui/material';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ExternalLink } from '../../components/ExternalLink';
import { safeUrl } from '../../components/safeUrl';
import { displayName, profileOf } from './api';

/** People or teams with picture, linked name and email; a ref the catalog does not serve is still listed. */
export function PersonList({ label, items }: { label: string; items: Array<{ ref: string; entity: Entity | null }> }) {
  return (
    <List dense disablePadding aria-label={label}>
      {items.map(({ ref, entity }) => {
        const profile = entity ? profileOf(entity) : {};
        const name = entity ? displayName(entity) : undefined;
        return (
          <ListItem key={ref} disableGutters>
            <ListItemAvatar sx={{ minWidth: 48 }}>
              <Avatar src={safeUrl(profile.picture)} alt="" sx={{ width: 32, height: 32, fontSize: 14 }}>
                {(name ?? ref.split('/').pop() ?? '?').charAt(0).toUpperCase()}
              </Avatar>
            </ListItemAvatar>
            <ListItemText
              primary={<EntityRefLink entityRef={ref} title={name} />}
              secondary={
                entity === null ? (
                  <Typography component="span" variant="caption" color="warning.main">
                    not in the catalog
                  </Typography>
                ) : (
                  profile.email && <ExternalLink href={`mailto:${profile.email}`}>{profile.email}</ExternalLink>
                )
              }
              slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } }, secondary: { sx: { overflowWrap: 'anywhere' } } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
