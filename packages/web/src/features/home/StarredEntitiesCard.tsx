import { List, ListItem, ListItemText, Skeleton } from '@mui/material';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { humanizeRef } from '../../components/entityRoutes';
import { StarButton } from '../../stars/StarButton';
import { useStarredEntities } from '../../stars/useStarredEntities';
import { useStarredEntityDetails } from './api';
import { HomeCard } from './HomeCard';

export function StarredEntitiesCard() {
  const stars = useStarredEntities();
  const details = useStarredEntityDetails(stars.starred);

  let content;
  if (stars.isLoading || (stars.starred.length > 0 && details.isPending)) {
    content = <Skeleton variant="rectangular" height={96} aria-label="Loading starred entities" />;
  } else if (details.error) {
    content = <ErrorPanel title="Your starred entities could not be loaded" error={details.error} />;
  } else if (stars.starred.length === 0) {
    content = <EmptyState title="Nothing starred yet">Use the ☆ on any entity to keep it here.</EmptyState>;
  } else {
    content = (
      <List dense disablePadding aria-label="Starred entities">
        {/* The current stars, so an unstarred entity goes at once; details may still be those of the previous list. */}
        {stars.starred.map((ref) => {
          const entity = details.data?.get(ref);
          const title = entity?.metadata.title ?? entity?.metadata.name ?? readableRef(ref);
          const type = typeof entity?.spec?.type === 'string' ? entity.spec.type : undefined;
          return (
            <ListItem key={ref} disableGutters secondaryAction={<StarButton entityRef={ref} title={title} size="small" />}>
              <ListItemText
                primary={entity === null ? readableRef(ref) : <EntityRefLink entityRef={ref} title={title} />}
                secondary={entity === null ? 'No longer in the catalog' : [entity?.kind, type].filter(Boolean).join(' · ')}
              />
            </ListItem>
          );
        })}
      </List>
    );
  }
  return <HomeCard title="Starred">{content}</HomeCard>;
}

function readableRef(ref: string): string {
  try {
    return humanizeRef(ref, { withKind: true });
  } catch {
    return ref;
  }
}
