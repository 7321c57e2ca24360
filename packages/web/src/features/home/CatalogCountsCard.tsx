import { Box, Button, Card, CardActionArea, Skeleton, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { pluralKind } from '../../components/pluralKind';
import { useKindCounts } from './api';
import { HomeCard } from './HomeCard';

/** How many entities of each kind the catalog holds, each a way into the catalog filtered by it. */
export function CatalogCountsCard() {
  const kinds = useKindCounts();
  let content;
  if (kinds.isPending) {
    content = <Skeleton variant="rectangular" height={72} aria-label="Loading catalog counts" />;
  } else if (kinds.error) {
    content = <ErrorPanel title="The catalog counts could not be loaded" error={kinds.error} />;
  } else if (kinds.data.length === 0) {
    content = (
      <EmptyState title="The catalog is empty">
        <Button component={RouterLink} to="/catalog-import" variant="outlined" sx={{ mt: 1 }}>
          Register a component
        </Button>
      </EmptyState>
    );
  } else {
    content = (
      <Box
        component="ul"
        sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))' }}
      >
        {kinds.data.map((kind) => (
          <Box component="li" key={kind.value}>
            <Card variant="outlined">
              <CardActionArea
                component={RouterLink}
                to={`/catalog?filters[kind]=${encodeURIComponent(kind.value.toLowerCase())}`}
                sx={{ p: 1.5 }}
              >
                <Typography variant="h5" component="span" sx={{ display: 'block', fontWeight: 700 }}>
                  {kind.count.toLocaleString()}
                </Typography>
                <Typography variant="body2" component="span" color="text.secondary">
                  {pluralKind(kind.value)}
                </Typography>
              </CardActionArea>
            </Card>
          </Box>
        ))}
      </Box>
    );
  }
  return <HomeCard title="In the catalog">{content}</HomeCard>;
}
