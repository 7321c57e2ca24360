import { Box, Grid, Typography } from '@mui/material';
import { CatalogCountsCard } from './CatalogCountsCard';
import { SearchBox } from '../../components/SearchBox';
import { RecentlyVisitedCard } from './RecentlyVisitedCard';
import { StarredEntitiesCard } from './StarredEntitiesCard';

/** The start page. No PageTitle here: the browser tab keeps reading just "Greenroom". */
export default function HomePage() {
  return (
    <>
      <Box sx={{ mb: 3 }}>
        <Typography variant="h1" sx={{ mb: 2 }}>
          Find what your organisation runs
        </Typography>
        <SearchBox large label="Search Greenroom" placeholder="Services, APIs, teams, docs…" />
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <StarredEntitiesCard />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RecentlyVisitedCard />
        </Grid>
        <Grid size={12}>
          <CatalogCountsCard />
        </Grid>
      </Grid>
    </>
  );
}
