import { List, ListItem, ListItemText } from '@mui/material';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { useRecentlyVisited } from '../../recent/recentlyVisited';
import { HomeCard } from './HomeCard';

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago": the largest unit that is at least one. */
function ago(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relativeTime.format(Math.trunc(seconds / size), unit);
  return 'just now';
}

export function RecentlyVisitedCard() {
  const visits = useRecentlyVisited();
  const now = Date.now();
  return (
    <HomeCard title="Recently visited">
      {visits.length === 0 ? (
        <EmptyState title="Nothing visited yet">Entities you open appear here.</EmptyState>
      ) : (
        <List dense disablePadding aria-label="Recently visited entities">
          {visits.map((visit) => (
            <ListItem key={visit.entityRef} disableGutters>
              <ListItemText
                primary={<EntityRefLink entityRef={visit.entityRef} title={visit.title} />}
                secondary={[visit.kind, typeof visit.at === 'number' ? ago(visit.at, now) : undefined].filter(Boolean).join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </HomeCard>
  );
}
